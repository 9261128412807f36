// Where each operator an upgrade would lose comes from, for Publish's refusal ("GroupAggregate[9] (12 kB), line 12 of
// version 3"): both versions planned by Flink (EXPLAIN, each node linked to its SQL's lines by planSources.ts),
// aligned with the operator ids the check's inspector derived for the same SQL (upgradeMarks.ts). Only a refusal pays
// for the two plans; a compatible publish does not wait for them.
import type { GatewayTarget } from '../flink/gatewayClient';
import type { CheckedUpgrade } from '../upgrade/upgradeCheck';
import type { OperatorVerdict } from '../upgrade/verdicts';
import type { PlanOptions } from './explainPlan';
import type { PlanGraph } from './planModel';
import { alignOperators, type NamedOperator } from './upgradeMarks';
import { jobPlan } from './upgradePlan';

/** "line 12", "lines 12–14": the most specific draft span of `graph`'s node planned as operator `id`. */
export function linesOf(graph: PlanGraph, operators: NamedOperator[], id: string): string | undefined {
  const ids = alignOperators(graph, operators);
  if (typeof ids === 'string') return undefined;
  const node = graph.nodes.find((n) => ids.get(n.id) === id);
  const range = node?.sources[0]?.range;
  if (!range) return undefined;
  const [a, b] = [range.start.line + 1, range.end.line + 1];
  return a === b ? `line ${a}` : `lines ${a}–${b}`;
}

/**
 * Sets `where` on each operator of the check: the draft's lines for one the draft keeps (incompatible, restored), the
 * running version's for one it drops. Leaves them unset where a plan fails or does not line up.
 */
export async function placeOperators(check: CheckedUpgrade, draftSql: string, running: { version: number; sql: string }, target: GatewayTarget, options: PlanOptions): Promise<void> {
  if (!check.plans?.next) return;
  const [draft, before] = await Promise.all([jobPlan(draftSql, target, options), check.plans.previous ? jobPlan(running.sql, target, options) : undefined]);
  for (const o of check.operators as OperatorVerdict[]) {
    const where = o.verdict === 'dropped'
      ? before?.graph && check.plans.previous && linesOf(before.graph, check.plans.previous, o.id)
      : draft.graph && linesOf(draft.graph, check.plans.next, o.id);
    if (where) o.where = o.verdict === 'dropped' ? `${where} of version ${running.version}` : `${where} of the draft`;
  }
}
