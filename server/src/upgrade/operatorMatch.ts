// Which state of a running version a new version restores, decided as Flink decides it: state is restored by
// operator id, so every operator of the savepoint with state either finds an operator of the new job graph with
// the same id, or its state has nowhere to go (the restore fails unless allowNonRestoredState drops it). Keyed state
// found by id is read with the new operator's key serializer: when Flink's compatibility check (run by the state
// inspector's `check`) says it cannot read the saved key, the restore fails however it is configured.
import type { PlannedJob, SavepointState } from './stateInspector';
import type { OperatorVerdict } from './verdicts';

export type { OperatorVerdict };

export interface IdMatch {
  /**
   * `ids-match`: every operator with state has its id (and a readable key) in the new job; `state-dropped`: some state
   * has no operator; `incompatible`: some operator keeps its id but not its key (this wins: no flag makes it restore).
   */
  verdict: 'ids-match' | 'state-dropped' | 'incompatible';
  operators: OperatorVerdict[];
  /** Operators of the savepoint without state (Flink skips them on restore): nothing to lose. */
  stateless: number;
}

/** Matches the savepoint's operators that hold state against the new job graph's operator ids (and keys, when checked). */
export function matchOperators(savepoint: SavepointState, next: PlannedJob): IdMatch {
  const vertexOf = new Map<string, string>();
  for (const v of next.vertices) for (const id of v.operators) vertexOf.set(id, v.name);
  const withState = savepoint.operators.filter((o) => o.hasState);
  const operators = withState.map((o): OperatorVerdict => {
    const vertex = vertexOf.get(o.id);
    const broken = !!vertex && o.keyCompatibility === 'incompatible';
    return {
      id: o.id, ...(o.name && { name: o.name }), stateBytes: o.stateBytes, verdict: !vertex ? 'dropped' : broken ? 'incompatible' : 'restored',
      ...(vertex && { vertex }), ...(o.keyType && { keyType: o.keyType }), ...(broken && o.nextKeyType && { nextKeyType: o.nextKeyType }),
    };
  });
  return {
    verdict: operators.some((o) => o.verdict === 'incompatible') ? 'incompatible' : operators.some((o) => o.verdict === 'dropped') ? 'state-dropped' : 'ids-match',
    operators,
    stateless: savepoint.operators.length - withState.length,
  };
}
