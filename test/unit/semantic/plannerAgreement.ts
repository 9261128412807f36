// Agreement of the as-you-type diagnostics with Flink's planner on the semantic corpus (test/fixtures/semantic):
// per Flink version and category, how many of the planner's rejections we catch, how many on the planner's line,
// and how many valid drafts we flag with an Error. Shared by plannerAgreement.test.ts and scripts/semantic-agreement.ts.
import * as fs from 'fs';
import * as path from 'path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { FlinkVersion } from '../../../server/src/parser';
import { diagnose } from '../../../server/src/service/diagnostics';

export const SEMANTIC_DIR = path.join(__dirname, '..', '..', 'fixtures', 'semantic');
export const CATEGORIES = ['changelog', 'time', 'joins', 'types', 'tables', 'names', 'upsert', 'options'] as const;

export interface SemanticDraft {
  id: string;
  category: string;
  sql: string;
  provenance: string;
  intent: 'valid' | 'invalid';
  classpath?: string[];
}

export interface PlannerVerdict {
  id: string;
  valid: boolean;
  stage?: 'parse' | 'validate' | 'execute' | 'plan';
  exception?: string;
  message?: string;
  cause?: string;
  statementIndex?: number;
  statementLine?: number;
  statementEndLine?: number;
  /** 1-based draft line of Flink's position, when it gives one. */
  line?: number;
}

export interface DraftResult {
  draft: SemanticDraft;
  verdict: PlannerVerdict;
  /** The planner's verdict as counted: a rejection only for want of the draft's own classpath counts as valid. */
  plannerValid: boolean;
  /** Errors and Warnings that count as catching a rejection (see README: syntax ones only for parse-stage ones). */
  counted: Diagnostic[];
  errors: Diagnostic[];
  caught: boolean;
  onLine: boolean | undefined;
  /** Caught with a diagnostic inside the statement the planner failed on (every rejection names one). */
  inStatement: boolean;
}

export interface CategoryFigures {
  category: string;
  rejected: number;
  caught: number;
  withLine: number;
  onLine: number;
  inStatement: number;
  valid: number;
  falseErrors: number;
  /** Valid drafts we flag with a Warning (allowed, reported). */
  warned: number;
}

export interface Floor { caught: number; onLine: number }
export interface FloorsFile {
  comment: string;
  floors: Partial<Record<FlinkVersion, Record<string, Floor>>>;
  /** Valid drafts that get an Error today, per version: the test tolerates exactly these (the list only shrinks). */
  knownFalseErrors: Partial<Record<FlinkVersion, string[]>>;
}

const readJsonl = <T>(file: string): T[] =>
  fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as T);

export function loadDrafts(): SemanticDraft[] {
  return readJsonl<SemanticDraft>(path.join(SEMANTIC_DIR, 'drafts.jsonl'));
}

export function loadVerdicts(version: FlinkVersion): Map<string, PlannerVerdict> {
  return new Map(readJsonl<PlannerVerdict>(path.join(SEMANTIC_DIR, `planner-labels-${version}.jsonl`)).map((v) => [v.id, v]));
}

export const FLOORS_FILE = path.join(SEMANTIC_DIR, 'floors.json');
export function loadFloors(): FloorsFile {
  return JSON.parse(fs.readFileSync(FLOORS_FILE, 'utf8')) as FloorsFile;
}

const key = (d: Diagnostic) => `${d.range.start.line}:${d.range.start.character}:${d.range.end.line}:${d.range.end.character}:${d.code}:${d.message}`;
const isProblem = (d: Diagnostic) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning;

export function judge(draft: SemanticDraft, verdict: PlannerVerdict, version: FlinkVersion): DraftResult {
  const all = diagnose(draft.sql, undefined, { flinkVersion: version });
  const syntax = new Set(diagnose(draft.sql, undefined, { flinkVersion: version, syntaxOnly: true }).map(key));
  const plannerValid = verdict.valid || (!!draft.classpath?.length && verdict.exception === 'ClassNotFoundException');
  // Flink's parser accepted the draft unless it failed at the parse stage: then a syntax error of ours is our
  // parser disagreeing with Flink's, not a semantic check catching a fault.
  const counted = all.filter((d) => isProblem(d) && (verdict.stage === 'parse' || !syntax.has(key(d))));
  const errors = all.filter((d) => d.severity === DiagnosticSeverity.Error);
  const caught = !plannerValid && counted.length > 0;
  const line = verdict.line;
  const onLine = plannerValid || line === undefined ? undefined
    : counted.some((d) => d.range.start.line + 1 <= line && line <= d.range.end.line + 1);
  const from = verdict.statementLine ?? 0;
  const to = verdict.statementEndLine ?? from;
  const inStatement = caught && counted.some((d) => d.range.start.line + 1 <= to && from <= d.range.end.line + 1);
  return { draft, verdict, plannerValid, counted, errors, caught, onLine, inStatement };
}

export function measure(version: FlinkVersion): { figures: CategoryFigures[]; results: DraftResult[] } {
  const verdicts = loadVerdicts(version);
  const results = loadDrafts().map((d) => {
    const v = verdicts.get(d.id);
    if (!v) throw new Error(`no Flink ${version} verdict for ${d.id}: run npm run corpus:semantic-label`);
    return judge(d, v, version);
  });
  const figures = [...CATEGORIES, 'all'].map((category) => {
    const rs = results.filter((r) => category === 'all' || r.draft.category === category);
    const rejected = rs.filter((r) => !r.plannerValid);
    const valid = rs.filter((r) => r.plannerValid);
    return {
      category,
      rejected: rejected.length,
      caught: rejected.filter((r) => r.caught).length,
      withLine: rejected.filter((r) => r.onLine !== undefined).length,
      onLine: rejected.filter((r) => r.caught && r.onLine).length,
      inStatement: rejected.filter((r) => r.inStatement).length,
      valid: valid.length,
      falseErrors: valid.filter((r) => r.errors.length > 0).length,
      warned: valid.filter((r) => r.errors.length === 0 && r.counted.length > 0).length,
    };
  });
  return { figures, results };
}

export const pct = (n: number, d: number): number => (d === 0 ? 100 : Math.floor((1000 * n) / d) / 10);

export function table(version: FlinkVersion, figures: CategoryFigures[]): string {
  const rows = [`Flink ${version}   rejected  caught            on planner's line  in its statement  valid  false errors  warned`];
  for (const f of figures) {
    const caught = `${f.caught}/${f.rejected} (${pct(f.caught, f.rejected).toFixed(1)} %)`;
    const onLine = f.withLine ? `${f.onLine}/${f.withLine} (${pct(f.onLine, f.withLine).toFixed(1)} %)` : '— (no line given)';
    const inStatement = `${f.inStatement}/${f.rejected} (${pct(f.inStatement, f.rejected).toFixed(1)} %)`;
    rows.push(`  ${f.category.padEnd(10)} ${String(f.rejected).padStart(8)}  ${caught.padEnd(17)} ${onLine.padEnd(18)} ${inStatement.padEnd(17)} ${String(f.valid).padStart(5)}  ${String(f.falseErrors).padStart(12)}  ${String(f.warned).padStart(6)}`);
  }
  return rows.join('\n');
}
