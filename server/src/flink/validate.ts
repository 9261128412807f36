// Validate on the real planner: local syntax check first, then a throw-away gateway session applies the
// draft's DDL/SET/USE in order and EXPLAINs each INSERT/SELECT/statement set. Runs no job; closes its session.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { parseScript, type ParsedStatement } from '../parser';
import { diagnose } from '../service/diagnostics';
import { LineIndex } from '../util/lineIndex';
import { anchorInCreateTable, anchorInStatement, positionToSpan, statementSpan } from './errorRanges';
import { GatewayError } from './flinkErrors';
import { connectGateway, GatewaySession, type GatewayTarget } from './gatewayClient';
import { asIs, classifyStatement, explainSubmission, groupStatements, type StatementClass, type Submission } from './statementKinds';

export const FLINK_DIAGNOSTIC_SOURCE = 'flink';

export interface ValidationResult {
  diagnostics: Diagnostic[];
  /** False when the draft had syntax errors (Flink was not asked) or the gateway could not be reached. */
  validatedOnFlink: boolean;
  flinkVersion?: string;
  elapsedMs: number;
  /** "Validated on Flink 2.2 in 412 ms", or why it was not. */
  summary: string;
}

export interface ValidateOptions {
  signal?: AbortSignal;
}

/** What Validate does with each class of statement. */
export function validationAction(cls: StatementClass): 'apply' | 'explain' | 'skip' {
  switch (cls) {
    case 'ddl': case 'set': case 'use': case 'module': case 'jar': case 'show': case 'explain':
      return 'apply';
    case 'query': case 'insert': case 'statementSet': case 'ctas': case 'dml':
      return 'explain';
    default:
      return 'skip';
  }
}

/** Major.minor of a Flink version string ("2.2.0" → "2.2"). */
export function shortVersion(version: string): string {
  return /^(\d+\.\d+)/.exec(version)?.[1] ?? version;
}

export async function validate(script: string, target: GatewayTarget, options: ValidateOptions = {}): Promise<ValidationResult> {
  const started = performance.now();
  const local = diagnose(script);
  if (local.some((d) => d.severity === DiagnosticSeverity.Error)) {
    return { diagnostics: local, validatedOnFlink: false, elapsedMs: elapsed(started), summary: 'Not validated on Flink: fix the syntax errors first.' };
  }
  // Units as the gateway takes them (a SQL-client statement set block is one).
  const statements = groupStatements(script, parseScript(script).statements).map((u) => u.stmt);
  const lines = new LineIndex(script);
  // A failed connect is not cached (connectGateway drops it), so the next call tries afresh.
  const conn = await connectGateway(target);
  const { client, flinkVersion } = conn;
  const diagnostics: Diagnostic[] = [...local];
  const session = await GatewaySession.open(client, {}, 'flink-sql-studio-validate');
  try {
    for (let i = 0; i < statements.length; i++) {
      if (options.signal?.aborted) throw new GatewayError('cancelled', 'Validation cancelled.');
      const stmt = statements[i];
      const cls = classifyStatement(stmt.text, stmt.node?.kind);
      const action = validationAction(cls);
      if (action === 'skip') continue;
      const submission = action === 'explain' ? explainSubmission(stmt, cls) : asIs(stmt);
      if (!submission) continue;
      try {
        await session.run(submission.text, { signal: options.signal, maxRows: 1 });
      } catch (e) {
        if (!(e instanceof GatewayError) || e.kind !== 'flink') throw e;
        diagnostics.push(toDiagnostic(script, lines, statements, i, submission, e));
      }
    }
  } finally {
    await session.close();
  }
  const ms = elapsed(started);
  return { diagnostics, validatedOnFlink: true, flinkVersion, elapsedMs: ms, summary: `Validated on Flink ${shortVersion(flinkVersion)} in ${ms} ms` };
}

/** An LSP diagnostic for Flink's rejection of statement `index`, placed as precisely as Flink allows. */
export function toDiagnostic(script: string, lines: LineIndex, statements: ParsedStatement[], index: number, submission: Submission, error: GatewayError): Diagnostic {
  const span = errorSpan(script, statements, index, submission, error);
  const stmtLine = lines.positionAt(statementSpan(script, statements[index]).start).line + 1;
  const where = span.statementIndex !== index ? ` (while planning the statement at line ${stmtLine})` : '';
  return {
    range: lines.rangeOf(span.start, span.end),
    severity: DiagnosticSeverity.Error,
    source: FLINK_DIAGNOSTIC_SOURCE,
    message: error.message + where,
  };
}

/** Absolute span of a Flink error raised by statement `index` (see errorRanges for the fallbacks). */
export function errorSpan(script: string, statements: ParsedStatement[], index: number, submission: Submission, error: GatewayError) {
  if (error.position) return { ...positionToSpan(submission, error.position), statementIndex: index };
  const inCreate = anchorInCreateTable(script, statements, index, `${error.message}\n${error.details.serverTrace ?? ''}`);
  if (inCreate) return inCreate;
  const inStatement = anchorInStatement(statements[index], error.message);
  return { ...(inStatement ?? statementSpan(script, statements[index])), statementIndex: index };
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
