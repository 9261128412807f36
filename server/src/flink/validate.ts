// Validate on the real planner: a throw-away gateway session applies the draft's DDL/SET/USE in order and
// EXPLAINs each INSERT/SELECT/statement set, whatever our own checks said. Runs no job; closes its session.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { parseScript, type FlinkVersion, type ParsedStatement, type SyntaxDiagnostic } from '../parser';
import { DIAGNOSTIC_SOURCE, diagnose } from '../service/diagnostics';
import { LineIndex } from '../util/lineIndex';
import { messageText } from '../util/text';
import { anchorInCreateTable, anchorInStatement, positionToSpan, statementSpan } from './errorRanges';
import { fidelityReport, type FidelityReport } from './fidelity';
import { placePlannerError } from './plannerErrorPlacement';
import { GatewayError } from './flinkErrors';
import { connectGateway, GatewaySession, secretScopeFor, type GatewayTarget } from './gatewayClient';
import { asIs, classifyStatement, explainSubmission, groupStatements, type StatementClass, type Submission } from './statementKinds';
import { missingConnectorHint } from './provisionConnectors';
import { SecretReferenceError } from '../secrets/secretRefs';
import { planProbes, probeCatalogVersion, runProbes } from './tableProbes';
import { prepareSession, type SessionSetup } from './execute';

export const FLINK_DIAGNOSTIC_SOURCE = 'flink';

export interface ValidationResult {
  diagnostics: Diagnostic[];
  /** False when the gateway could not be reached (then only the local checks ran). */
  validatedOnFlink: boolean;
  flinkVersion?: string;
  elapsedMs: number;
  /** "Validated on Flink 2.2 in 412 ms", or why it was not. */
  summary: string;
  /** Statements our checks flagged that Flink accepted: their local errors are withdrawn (see fidelity.ts). */
  fidelity: FidelityReport[];
  /** Tables the draft defines but no statement uses, whose read (or write) Validate planned (see tableProbes.ts). */
  probed: string[];
}

export interface ValidateOptions extends SessionSetup {
  signal?: AbortSignal;
  /** The Flink version the draft targets (its grammar for the local checks; compared with the gateway's). */
  flinkVersion?: FlinkVersion;
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

/**
 * Validates on the real planner. Flink has the last word: statements our parser rejects are submitted too;
 * where Flink accepts one, our local errors on it are withdrawn and a fidelity report is kept.
 */
export async function validate(script: string, target: GatewayTarget, options: ValidateOptions = {}): Promise<ValidationResult> {
  const started = performance.now();
  const parsed = parseScript(script, undefined, { flinkVersion: options.flinkVersion });
  const local = diagnose(script, undefined, { flinkVersion: options.flinkVersion });
  // Units as the gateway takes them (a SQL-client statement set block is one).
  const units = groupStatements(script, parsed.statements);
  const statements = units.map((u) => u.stmt);
  const lines = new LineIndex(script);
  const owned = localErrorsByUnit(script, statements, parsed.diagnostics);
  // A failed connect is not cached (connectGateway drops it), so the next call tries afresh.
  const conn = await connectGateway(target);
  const { client, flinkVersion } = conn;
  const flinkFindings: Diagnostic[] = [];
  const fidelity: FidelityReport[] = [];
  const withdrawn = new Set<SyntaxDiagnostic>();
  const refused = new Set<number>();
  let probed: string[] = [];
  const session = await GatewaySession.open(client, {}, 'flink-sql-studio-validate');
  // References are resolved as each statement leaves; a missing one is an error on its line, not a send.
  session.secrets = secretScopeFor(target);
  try {
    await prepareSession(session, options);
    for (let i = 0; i < statements.length; i++) {
      if (options.signal?.aborted) throw new GatewayError('cancelled', 'Validation cancelled.');
      const stmt = statements[i];
      const cls = classifyStatement(stmt.text, stmt.node?.kind);
      const action = validationAction(cls);
      if (action === 'skip') continue;
      const submission = action === 'explain' ? explainSubmission(stmt, cls) : asIs(stmt);
      if (!submission) continue;
      const ours = owned[i];
      try {
        await session.run(submission.text, { signal: options.signal, maxRows: 1, lineAt: (o) => lines.positionAt(submission.toDraftOffset(o)).line + 1 });
        if (ours.length) {
          for (const d of ours) withdrawn.add(d);
          fidelity.push(fidelityReport(stmt, lines, ours, { accepted: true }));
        }
      } catch (e) {
        if (e instanceof SecretReferenceError) {
          flinkFindings.push({ range: lines.rangeOf(stmt.start, stmt.end), severity: DiagnosticSeverity.Error, source: FLINK_DIAGNOSTIC_SOURCE, code: 'secret-not-set', message: e.message });
          refused.add(i);
          continue;
        }
        if (!(e instanceof GatewayError) || e.kind !== 'flink') throw e;
        const finding = toDiagnostic(script, lines, statements, i, submission, e, options.flinkVersion);
        flinkFindings.push(finding);
        refused.add(i);
        if (ours.length) fidelity.push(fidelityReport(stmt, lines, ours, { accepted: false, message: messageText(finding) }));
      }
    }
    // Tables nobody uses yet: their factories run only when planned (tableProbes.ts).
    const probes = planProbes(parsed.statements, statements, { flinkVersion: probeCatalogVersion(flinkVersion, options.flinkVersion), skip: refused });
    const outcome = await runProbes(session, lines, statements, probes, options.signal);
    flinkFindings.push(...outcome.diagnostics);
    probed = outcome.probed;
  } finally {
    await session.close();
  }
  const kept = local.filter((d) => !isWithdrawn(d, withdrawn, lines));
  const mismatch = versionMismatch(options.flinkVersion, flinkVersion);
  if (mismatch) kept.unshift(mismatch);
  const ms = elapsed(started);
  const accepted = fidelity.filter((f) => f.flink.accepted).length;
  const note = accepted ? `; Flink accepted ${accepted} statement${accepted === 1 ? '' : 's'} our checks flagged (withdrawn)` : '';
  const probeNote = probed.length ? `; probed ${probed.length} unused table${probed.length === 1 ? '' : 's'} (${probed.join(', ')})` : '';
  for (const d of flinkFindings) addConnectorHint(d, flinkVersion);
  return {
    diagnostics: [...kept, ...flinkFindings], validatedOnFlink: true, flinkVersion, elapsedMs: ms, fidelity, probed,
    summary: `Validated on Flink ${shortVersion(flinkVersion)} in ${ms} ms${note}${probeNote}`,
  };
}

/** Flink's "Could not find any factory for identifier 'kafka'" says which pinned jar provides it and how to add it. */
function addConnectorHint(d: Diagnostic, flinkVersion: string): void {
  const text = messageText(d);
  const id = /Could not find any factory for identifier '([^']+)'/.exec(text)?.[1];
  const hint = id ? missingConnectorHint(flinkVersion, id) : undefined;
  if (hint) d.message = `${text} ${hint}`;
}

/** A warning when the draft targets another Flink than the gateway runs (checked by the wrong planner). */
function versionMismatch(draft: FlinkVersion | undefined, gateway: string): Diagnostic | undefined {
  if (!draft || shortVersion(gateway) === draft) return undefined;
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Warning,
    source: FLINK_DIAGNOSTIC_SOURCE, code: 'flink-version-mismatch',
    message: `This draft targets Flink ${draft}, but the gateway runs Flink ${gateway}: its planner judged the draft. Use a ${draft} cluster (flink-sql local start --flink-version ${draft}) or change flinkVersion in the draft's deployment config.`,
  };
}

/** The local (parser) errors of each unit: those from its first character up to the next unit's. */
function localErrorsByUnit(script: string, statements: ParsedStatement[], found: SyntaxDiagnostic[]): SyntaxDiagnostic[][] {
  return statements.map((s, i) => {
    const to = i + 1 < statements.length ? statements[i + 1].start : script.length + 1;
    return found.filter((d) => d.severity === 'error' && d.start >= s.start && d.start < to);
  });
}

function isWithdrawn(d: Diagnostic, withdrawn: Set<SyntaxDiagnostic>, lines: LineIndex): boolean {
  if (d.source !== DIAGNOSTIC_SOURCE) return false;
  const start = lines.offsetAt(d.range.start);
  for (const w of withdrawn) if (w.start === start && w.message === d.message) return true;
  return false;
}

/** An LSP diagnostic for Flink's rejection of statement `index`, placed as precisely as Flink allows. */
export function toDiagnostic(script: string, lines: LineIndex, statements: ParsedStatement[], index: number, submission: Submission, error: GatewayError, flinkVersion?: FlinkVersion): Diagnostic {
  const span = errorSpan(script, statements, index, submission, error, flinkVersion);
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
export function errorSpan(script: string, statements: ParsedStatement[], index: number, submission: Submission, error: GatewayError, flinkVersion?: FlinkVersion) {
  if (error.position) return { ...positionToSpan(submission, error.position), statementIndex: index };
  // Changelog, join and time-attribute errors carry no line: the as-you-type check of the same kind knows where.
  const semantic = placePlannerError(script, statements[index], error.message, flinkVersion);
  if (semantic) return { ...semantic, statementIndex: index };
  const inCreate = anchorInCreateTable(statements, index, `${error.message}\n${error.details.serverTrace ?? ''}`);
  if (inCreate) return inCreate;
  const inStatement = anchorInStatement(statements[index], error.message);
  return { ...(inStatement ?? statementSpan(script, statements[index])), statementIndex: index };
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
