// The upgrade check Publish runs before it stops a running SQL version: a savepoint of the running job (it keeps
// running), the operators that savepoint keeps state for and their keys, and the operator ids and key serializers the
// new version's job graph would get (read by the shipped state inspector in one JVM), matched as Flink matches them on
// restore.
//   compatible     every operator with state has its id in the new job: the state carries over;
//   state-dropped  some state has no operator to go to: the restore fails unless that state is dropped
//                  (allowNonRestoredState), and what it held restarts from zero;
//   incompatible   an operator keeps its id but its key changes (a GROUP BY column more), or a state's value layout
//                  (an aggregate's accumulators): Flink cannot read its state, the restore fails whatever the flags:
//                  only fresh state works;
//   unknown        the check could not decide (the savepoint or the planning failed, or a stateful operator's value
//                  layout cannot be derived): why, in `reason`;
//   fresh          nothing runs: the new version starts with fresh state anyway.
// Value layouts are derived for the SQL operators the state inspector knows (tools/state-inspector ValueLayout.java).
import type { StatementPlan } from '../deploy/statementPlan';
import type { JobManagerClient } from '../flink/restClient';
import { matchOperators } from './operatorMatch';
import { inspectUpgrade, type InspectorRun, type PlannedNode } from './stateInspector';
import type { UpgradeCheck } from './verdicts';

export { describeUpgrade, type UpgradeCheck } from './verdicts';

export interface UpgradeCheckInput {
  /** The running job of the current version. */
  jobId: string;
  jm: JobManagerClient;
  /** The new version's SQL and job-level configuration (parallelism and chaining decide operator ids). */
  sql: string;
  config: Record<string, string>;
  /** The statements as Publish submits them, when the job is not the SQL's own (EXECUTE PLAN of a compiled plan). */
  submitted?: StatementPlan;
  inspector: InspectorRun;
  /** The running version's SQL: planned too, so the plan view can place the savepoint's operators on its graph. */
  previousSql?: string;
  onStep?: (message: string) => void;
}

/** The verdict, and (with `previousSql`) both versions' stream graph nodes with their operator ids. */
export interface CheckedUpgrade extends UpgradeCheck {
  plans?: { next: PlannedNode[]; previous?: PlannedNode[] };
}

/** Runs the check against the running job; never throws for what it cannot decide (the verdict says unknown). */
export async function checkUpgrade(i: UpgradeCheckInput): Promise<CheckedUpgrade> {
  const t0 = performance.now();
  const elapsed = () => Math.round(performance.now() - t0);
  let savepoint: string;
  try {
    i.onStep?.(`Checking the upgrade: a savepoint of job ${i.jobId} (it keeps running)…`);
    const trigger = await i.jm.triggerSavepoint(i.jobId);
    savepoint = await i.jm.waitForSavepoint(i.jobId, trigger);
  } catch (e) {
    return { verdict: 'unknown', operators: [], reason: `the running job's savepoint failed: ${(e as Error).message}`, elapsedMs: elapsed() };
  }
  i.onStep?.('Checking the upgrade: the savepoint\'s state against the new version\'s operators and keys…');
  let m: ReturnType<typeof matchOperators>;
  let plans: CheckedUpgrade['plans'];
  try {
    const r = await inspectUpgrade(savepoint, i.submitted ?? i.sql, i.config, i.inspector, i.previousSql);
    m = matchOperators(r.savepoint, r.planned);
    if (i.previousSql !== undefined) plans = { next: r.planned.nodes, ...(r.previous && { previous: r.previous.nodes }) };
  } catch (e) {
    return { verdict: 'unknown', operators: [], savepoint, reason: `the state inspector could not compare them: ${(e as Error).message}`, elapsedMs: elapsed() };
  }
  return { verdict: m.verdict === 'ids-match' ? 'compatible' : m.verdict, operators: m.operators, savepoint, ...(m.reason && { reason: m.reason }), elapsedMs: elapsed(), ...(plans && { plans }) };
}
