// Syntax diagnostics: the parser's findings turned into LSP Diagnostics (0-based ranges, source `flink-sql`).
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { StatementCache, SyntaxDiagnostic } from '../parser';
import { analyze, type AnalyzedDocument } from './document';

export const DIAGNOSTIC_SOURCE = 'flink-sql';

/** Diagnostics of a script; the entry point for callers that hold only text (CLI, tests). */
export function diagnose(text: string, cache?: StatementCache): Diagnostic[] {
  return diagnostics(analyze(text, cache));
}

/** Diagnostics of an already analyzed document (the LSP layer parses once per version). */
export function diagnostics(doc: AnalyzedDocument): Diagnostic[] {
  // In document order whatever order the parser found them in, so CLI output and tests are stable.
  const ordered = [...doc.script.diagnostics].sort((a, b) => a.start - b.start || a.end - b.end);
  return ordered.map((d) => toDiagnostic(doc, d));
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
