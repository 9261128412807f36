// Diagnostics: the parser's findings turned into LSP Diagnostics (0-based ranges, source `flink-sql`), then the
// semantic checks — connector options against the catalog of the draft's Flink version (connectorDiagnostics.ts)
// and checks across statements (draftDiagnostics.ts).
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { StatementCache, SyntaxDiagnostic } from '../parser';
import type { ServiceContext } from './completion';
import { connectorDiagnostics } from './connectorDiagnostics';
import { analyze, type AnalyzedDocument } from './document';
import { draftDiagnostics } from './draftDiagnostics';
import { semanticDiagnostics } from './semantic';
import { secretDiagnostics } from './secretChecks';
import { udfDiagnostics } from './udfs';

export const DIAGNOSTIC_SOURCE = 'flink-sql';

/** Diagnostics of a script; the entry point for callers that hold only text (CLI, tests). */
export function diagnose(text: string, cache?: StatementCache, context?: DiagnosticsContext): Diagnostic[] {
  return diagnostics(analyze(text, cache, context?.flinkVersion), context);
}

export interface DiagnosticsContext extends ServiceContext {
  /** Syntax only (default: syntax and the semantic checks). */
  syntaxOnly?: boolean;
}

/** Diagnostics of an already analyzed document (the LSP layer parses once per version). */
export function diagnostics(doc: AnalyzedDocument, context: DiagnosticsContext = {}): Diagnostic[] {
  // In document order whatever order the parser found them in, so CLI output and tests are stable.
  const ordered = [...doc.script.diagnostics].sort((a, b) => a.start - b.start || a.end - b.end);
  const syntax = ordered.map((d) => toDiagnostic(doc, d));
  if (context.syntaxOnly) return syntax;
  const semantic = [...connectorDiagnostics(doc, context.flinkVersion ?? doc.flinkVersion), ...draftDiagnostics(doc, context), ...semanticDiagnostics(doc, context), ...secretDiagnostics(doc, context), ...udfDiagnostics(doc, context.udfs)];
  if (!semantic.length) return syntax;
  return [...syntax, ...semantic].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function toDiagnostic(doc: AnalyzedDocument, d: SyntaxDiagnostic): Diagnostic {
  return {
    range: doc.lines.rangeOf(d.start, d.end),
    severity: d.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: DIAGNOSTIC_SOURCE,
    code: d.code,
    message: d.message,
  };
}
