// Which state of a running version a new version restores, decided as Flink decides it: state is restored by
// operator id, so every operator of the savepoint with state either finds an operator of the new job graph with
// the same id, or its state has nowhere to go (the restore fails unless allowNonRestoredState drops it). Keyed state
// found by id is read with the new operator's key serializer, and each of its states with the serializer the new
// operator registers it with: when Flink's compatibility check (run by the state inspector's `check`) says it cannot
// read the saved key or a saved state's value (an aggregate's accumulators, a TOP-N's rows), the restore fails however
// it is configured. A stateful operator whose states the inspector cannot derive leaves the verdict unknown.
import type { PlannedJob, SavepointState } from './stateInspector';
import { operatorLabel, type OperatorVerdict } from './verdicts';

export type { OperatorVerdict };

export interface IdMatch {
  /**
   * `ids-match`: every operator with state has its id (and a readable key and values) in the new job; `state-dropped`:
   * some state has no operator; `incompatible`: some operator keeps its id but not its key or its values' layout (this
   * wins: no flag makes it restore); `unknown`: ids and keys match, but some operator's value layout cannot be checked.
   */
  verdict: 'ids-match' | 'state-dropped' | 'incompatible' | 'unknown';
  operators: OperatorVerdict[];
  /** Operators of the savepoint without state (Flink skips them on restore): nothing to lose. */
  stateless: number;
  /** Why the verdict is unknown. */
  reason?: string;
}

/** Matches the savepoint's operators that hold state against the new job graph's operator ids (and keys, when checked). */
export function matchOperators(savepoint: SavepointState, next: PlannedJob): IdMatch {
  const vertexOf = new Map<string, string>();
  for (const v of next.vertices) for (const id of v.operators) vertexOf.set(id, v.name);
  const withState = savepoint.operators.filter((o) => o.hasState);
  const unsure: string[] = [];
  const operators = withState.map((o): OperatorVerdict => {
    const vertex = vertexOf.get(o.id);
    const keyBroken = !!vertex && o.keyCompatibility === 'incompatible';
    const broken = keyBroken || (!!vertex && o.valueCompatibility === 'incompatible');
    const verdict: OperatorVerdict = {
      id: o.id, ...(o.name && { name: o.name }), stateBytes: o.stateBytes, verdict: !vertex ? 'dropped' : broken ? 'incompatible' : 'restored',
      ...(vertex && { vertex }), ...(o.keyType && { keyType: o.keyType }), ...(keyBroken && o.nextKeyType && { nextKeyType: o.nextKeyType }),
      ...(vertex && !keyBroken && o.valueChanges?.length && { valueChanges: o.valueChanges }),
    };
    if (vertex && !broken && o.valueCompatibility === 'unknown') unsure.push(`${operatorLabel(verdict)}: ${o.valueReason ?? 'no reason given'}`);
    return verdict;
  });
  const verdict = operators.some((o) => o.verdict === 'incompatible') ? 'incompatible' : operators.some((o) => o.verdict === 'dropped') ? 'state-dropped' : unsure.length ? 'unknown' : 'ids-match';
  return {
    verdict,
    operators,
    stateless: savepoint.operators.length - withState.length,
    ...(verdict === 'unknown' && { reason: `the operator ids and keys match, but the layout of the state of ${unsure.join('; ')}` }),
  };
}
