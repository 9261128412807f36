// Show Plan's engine: a throw-away gateway session applies the draft's DDL/SET/USE as Validate does and asks the
// real planner for `EXPLAIN CHANGELOG_MODE, JSON_EXECUTION_PLAN` of each INSERT, statement set and query. Runs no job.
import type { Range } from 'vscode-languageserver-types';
import { collect, parseScript, type FlinkVersion } from '../parser';
import type { HintNode } from '../parser/ast';
import { prepareSession, type SessionSetup } from '../flink/execute';
import { GatewayError } from '../flink/flinkErrors';
import { connectGateway, GatewaySession, secretScopeFor, type GatewayTarget } from '../flink/gatewayClient';
import { asIs, classifyStatement, explainSubmission, groupStatements, leadingWords, type StatementClass } from '../flink/statementKinds';
import { shortVersion } from '../flink/validate';
import { SecretReferenceError } from '../secrets/secretRefs';
import { LineIndex } from '../util/lineIndex';
import { buildPlanGraph, type PlanGraph } from './planModel';
import { mapSources } from './planSources';

/** The details Flink 2.3 and 1.20 both take (ExplainDetail: ESTIMATED_COST, CHANGELOG_MODE, JSON_EXECUTION_PLAN, PLAN_ADVICE). */
export const PLAN_DETAILS = 'CHANGELOG_MODE, JSON_EXECUTION_PLAN';
const TTL_KEY = 'table.exec.state.ttl';

export interface DraftPlan {
  flinkVersion: string;
  /** One graph per planned statement (an INSERT, a statement set, a query), in draft order. */
  graphs: PlanGraph[];
  /** Statements Flink refused, on their lines (later graphs may be missing because of them). */
  problems: { range: Range; message: string }[];
  /** `table.exec.state.ttl` as the session had it when each graph was planned is on its nodes; this is the last. */
  stateTtl: string;
  elapsedMs: number;
  /** "Planned 1 statement on Flink 2.3 in 812 ms". */
  summary: string;
}

export interface PlanOptions extends SessionSetup {
  signal?: AbortSignal;
  flinkVersion?: FlinkVersion;
}

/** What Show Plan does with a statement: apply it to the session, plan it, or leave it (jobs, SHOW, EXPLAIN). */
export function planAction(cls: StatementClass): 'apply' | 'plan' | 'skip' {
  switch (cls) {
    case 'ddl': case 'set': case 'use': case 'module': case 'jar': return 'apply';
    case 'query': case 'insert': case 'statementSet': case 'ctas': return 'plan';
    default: return 'skip';
  }
}

/** A TTL of zero (Flink's default) means state never expires. */
function ttlText(value: string | undefined): string {
  return !value || /^0+\s*[a-z]*$/i.test(value.trim()) ? 'none (kept forever)' : value.trim();
}

export async function explainPlan(script: string, target: GatewayTarget, options: PlanOptions = {}): Promise<DraftPlan> {
  const started = performance.now();
  const parsed = parseScript(script, undefined, { flinkVersion: options.flinkVersion });
  const units = groupStatements(script, parsed.statements);
  const lines = new LineIndex(script);
  const conn = await connectGateway(target);
  const session = await GatewaySession.open(conn.client, {}, 'flink-sql-studio-plan');
  session.secrets = secretScopeFor(target);
  const graphs: PlanGraph[] = [];
  const problems: DraftPlan['problems'] = [];
  let stateTtl = ttlText(undefined);
  try {
    await prepareSession(session, options);
    for (const { stmt } of units) {
      if (options.signal?.aborted) throw new GatewayError('cancelled', 'Show Plan cancelled.');
      const cls = classifyStatement(stmt.text, stmt.node?.kind);
      const action = planAction(cls);
      if (action === 'skip') continue;
      const submission = action === 'plan' ? explainSubmission(stmt, cls, PLAN_DETAILS) : asIs(stmt);
      if (!submission) continue;
      const range = lines.rangeOf(stmt.start, stmt.end);
      let answer: string;
      try {
        const r = await session.run(submission.text, { signal: options.signal, maxRows: 1, lineAt: (o) => lines.positionAt(submission.toDraftOffset(o)).line + 1 });
        if (action === 'apply') continue;
        answer = String(r.rows[0]?.fields[0] ?? '');
      } catch (e) {
        if (e instanceof SecretReferenceError || (e instanceof GatewayError && e.kind === 'flink')) {
          problems.push({ range, message: e.message });
          continue;
        }
        throw e;
      }
      const config = await conn.client.sessionConfig(session.handle);
      stateTtl = ttlText(config[TTL_KEY]);
      const hinted = unitHasStateTtlHint(parsed.statements, stmt);
      const graph = buildPlanGraph(answer, { range, label: statementLabel(stmt, cls, range.start.line + 1) }, hinted ? `${stateTtl}, or a STATE_TTL hint's` : stateTtl);
      mapSources(graph.nodes, { statements: parsed.statements, unit: { start: stmt.start, end: stmt.end }, lines, edges: graph.edges });
      graphs.push(graph);
    }
  } finally {
    await session.close();
  }
  const elapsedMs = Math.round(performance.now() - started);
  const planned = `${graphs.length} statement${graphs.length === 1 ? '' : 's'}`;
  const refused = problems.length ? `; Flink refused ${problems.length}` : '';
  return { flinkVersion: conn.flinkVersion, graphs, problems, stateTtl, elapsedMs, summary: `Planned ${planned} on Flink ${shortVersion(conn.flinkVersion)} in ${elapsedMs} ms${refused}` };
}

/** "INSERT INTO totals (line 17)", "Statement set (line 3)". */
function statementLabel(stmt: { text: string; node?: { kind: string; [k: string]: unknown } }, cls: StatementClass, line: number): string {
  const target = stmt.node?.kind === 'insert' ? (stmt.node.target as { parts: { value: string }[] }).parts.map((p) => p.value).join('.') : undefined;
  const what = cls === 'statementSet' ? 'Statement set' : cls === 'query' ? 'Query' : target ? `INSERT INTO ${target}` : leadingWords(stmt.text, 3).join(' ');
  return `${what} (line ${line})`;
}

/** True when a statement inside the unit carries a STATE_TTL hint (2.x), which overrides the session TTL per input. */
function unitHasStateTtlHint(statements: ReturnType<typeof parseScript>['statements'], unit: { start: number; end: number }): boolean {
  return statements.some((s) => s.start >= unit.start && s.end <= unit.end && s.node &&
    collect<HintNode & { kind: string; start: number; end: number }>(s.node, 'hint').some((h) => h.name.value.toUpperCase() === 'STATE_TTL'));
}
