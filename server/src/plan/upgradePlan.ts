// The upgrade's side by side (Flink: Compare Plan with Running Version): the running version's plan and the draft's,
// both from the real planner, marked with the verdict of the same upgrade check Publish runs (its savepoint of the
// running job, read by the state inspector, which also plans both versions for their operator ids).
import type { PublishResult } from '../deploy/publish';
import { planStatements } from '../deploy/statementPlan';
import type { GatewayTarget } from '../flink/gatewayClient';
import type { UpgradeCheck } from '../upgrade/verdicts';
import { explainPlan, type DraftPlan, type PlanOptions } from './explainPlan';
import type { PlanGraph } from './planModel';
import { markUpgrade } from './upgradeMarks';

export interface UpgradePlan {
  check: UpgradeCheck;
  /** The running version compared with; absent when nothing runs (the check says fresh). */
  from?: number;
  before?: DraftPlan;
  after: DraftPlan;
  /** Why some operators carry no mark (a graph that could not be aligned). */
  notes: string[];
}

/**
 * The one graph Publish would run for `sql`: the draft's own when it has one job statement (its nodes link to the
 * draft's lines), else its INSERTs planned as the statement set Publish makes of them (without line links).
 */
export async function jobPlan(sql: string, target: GatewayTarget, options: PlanOptions): Promise<{ plan: DraftPlan; graph?: PlanGraph }> {
  const plan = await explainPlan(sql, target, options);
  const jobs = plan.graphs.filter((g) => !g.statement.label.startsWith('Query'));
  if (jobs.length <= 1 || plan.problems.length) return { plan, graph: jobs.length === 1 ? jobs[0] : undefined };
  const p = planStatements(sql);
  const combined = await explainPlan([...p.setup, p.job].map((s) => `${s};`).join('\n'), target, options);
  const graph = combined.graphs[0];
  if (!graph) return { plan: combined };
  for (const n of graph.nodes) n.sources = [];
  graph.statement = { ...graph.statement, label: `Statement set of ${jobs.length} INSERTs (as published)` };
  return { plan: { ...combined, graphs: [graph], summary: `${combined.summary} (the draft's ${jobs.length} INSERTs as one statement set)` }, graph };
}

/** Plans both versions and marks them with `checked` (a `publish` with checkOnly and comparePlans). */
export async function upgradePlan(checked: PublishResult, draftSql: string, target: GatewayTarget, options: PlanOptions): Promise<UpgradePlan> {
  const check = checked.upgrade;
  if (!check) throw new Error('The upgrade check gave no answer.');
  const { plans, ...verdict } = check;
  const after = await jobPlan(draftSql, target, options);
  const from = checked.previous?.version;
  if (!checked.previous || check.verdict === 'fresh') return { check: verdict, after: after.plan, notes: [], ...(from !== undefined && { from }) };
  const before = await jobPlan(checked.previous.sql, target, options);
  // The running version's graph links to its published SQL, not to the draft: no line links there.
  for (const g of before.plan.graphs) for (const n of g.nodes) n.sources = [];
  const notes: string[] = [];
  if (!plans?.next || !after.graph) notes.push(check.verdict === 'unknown' ? `Nothing is marked: ${check.reason}` : 'The draft has no one job to compare.');
  else {
    notes.push(...markUpgrade(verdict, checked.previous.version,
      before.graph && plans.previous ? { graph: before.graph, operators: plans.previous } : undefined,
      { graph: after.graph, operators: plans.next }));
  }
  return { check: verdict, from, before: before.plan, after: after.plan, notes };
}
