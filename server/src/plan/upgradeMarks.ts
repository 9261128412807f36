// The upgrade's side by side: the running version's plan and the draft's, each operator marked with what happens to
// its state. EXPLAIN's graph and the state inspector's stream graph are the same planner's output for the same SQL,
// listed in node id order; they are aligned by position and checked by name (the bracketed numbers differ between
// two plannings), and the inspector's operator ids — Flink's own, what a savepoint is keyed by — give each node its
// fate from the upgrade check. Pure.
import { formatBytes } from '../util/bytes';
import { whyUnreadable, type UpgradeCheck } from '../upgrade/verdicts';
import type { PlanGraph } from './planModel';

export interface NamedOperator { name: string; operatorId: string }

const bare = (name: string) => name.replace(/\[\d+\]/g, '');

/** Each graph node's operator id, or why the two lists do not line up (then nothing is marked). */
export function alignOperators(graph: PlanGraph, operators: NamedOperator[]): Map<string, string> | string {
  const nodes = [...graph.nodes].sort((a, b) => Number(a.id) - Number(b.id));
  if (nodes.length !== operators.length) return `EXPLAIN planned ${nodes.length} operators and the job ${operators.length}`;
  const ids = new Map<string, string>();
  for (let i = 0; i < nodes.length; i++) {
    if (bare(nodes[i].name) !== bare(operators[i].name)) return `operator ${i + 1} is ${nodes[i].name} in EXPLAIN and ${operators[i].name} in the job`;
    ids.set(nodes[i].id, operators[i].operatorId);
  }
  return ids;
}

/**
 * Marks the running version's graph (`before`, version `from`) and the draft's (`after`) with the check's verdict per
 * operator. Returns the notes to show when a graph could not be aligned.
 */
export function markUpgrade(check: UpgradeCheck, from: number, before: { graph: PlanGraph; operators: NamedOperator[] } | undefined, after: { graph: PlanGraph; operators: NamedOperator[] }): string[] {
  const notes: string[] = [];
  const saved = new Map(check.operators.map((o) => [o.id, o]));
  if (before) {
    const ids = alignOperators(before.graph, before.operators);
    if (typeof ids === 'string') notes.push(`The running version's operators are not marked: ${ids}.`);
    else {
      for (const n of before.graph.nodes) {
        const o = saved.get(ids.get(n.id) ?? '');
        if (!o) continue;
        const size = formatBytes(o.stateBytes);
        const text = o.verdict === 'restored' ? `its state (${size}) carries over to the draft`
          : o.verdict === 'dropped' ? `its state (${size}) is dropped: no operator of the draft has its id`
            : `its state (${size}) cannot be read by the draft: ${whyUnreadable(o)}`;
        n.upgrade = { mark: o.verdict, operatorId: o.id, text };
      }
    }
  }
  const ids = alignOperators(after.graph, after.operators);
  if (typeof ids === 'string') notes.push(`The draft's operators are not marked: ${ids}.`);
  else {
    for (const n of after.graph.nodes) {
      const id = ids.get(n.id) ?? '';
      const o = saved.get(id);
      if (o?.verdict === 'restored') n.upgrade = { mark: 'restored', operatorId: id, text: `restores version ${from}'s state (${formatBytes(o.stateBytes)})` };
      else if (o?.verdict === 'incompatible') n.upgrade = { mark: 'incompatible', operatorId: id, text: `cannot read version ${from}'s state: ${whyUnreadable(o)}` };
      else if (n.state) n.upgrade = { mark: 'fresh', operatorId: id, text: `starts with empty state: version ${from} saved none for this operator` };
    }
  }
  return notes;
}
