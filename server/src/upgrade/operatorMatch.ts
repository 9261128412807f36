// Which state of a running version a new version restores, decided as Flink decides it: state is restored by
// operator id, so every operator of the savepoint with state either finds an operator of the new job graph with
// the same id, or its state has nowhere to go (the restore fails unless allowNonRestoredState drops it).
// Operators that keep an id but change their state's layout (a key's type) are not told apart here yet.
import type { PlannedJob, SavepointState } from './stateInspector';
import type { OperatorVerdict } from './verdicts';

export type { OperatorVerdict };

export interface IdMatch {
  /** `ids-match`: every operator with state has its id in the new job; `state-dropped`: some state has no operator. */
  verdict: 'ids-match' | 'state-dropped';
  operators: OperatorVerdict[];
  /** Operators of the savepoint without state (Flink skips them on restore): nothing to lose. */
  stateless: number;
}

/** Matches the savepoint's operators that hold state against the new job graph's operator ids. */
export function matchOperators(savepoint: SavepointState, next: PlannedJob): IdMatch {
  const vertexOf = new Map<string, string>();
  for (const v of next.vertices) for (const id of v.operators) vertexOf.set(id, v.name);
  const withState = savepoint.operators.filter((o) => o.hasState);
  const operators = withState.map((o): OperatorVerdict => {
    const vertex = vertexOf.get(o.id);
    return { id: o.id, ...(o.name && { name: o.name }), stateBytes: o.stateBytes, verdict: vertex ? 'restored' : 'dropped', ...(vertex && { vertex }) };
  });
  return {
    verdict: operators.some((o) => o.verdict === 'dropped') ? 'state-dropped' : 'ids-match',
    operators,
    stateless: savepoint.operators.length - withState.length,
  };
}
