// Matching a savepoint's operators against a new job graph's operator ids (server/src/upgrade/operatorMatch.ts), on
// the state inspector's real answers for a COUNT(*) per user_id draft on Flink 2.3 (savepoint of v1; plans of the
// unchanged draft and of a GROUP BY user_id, url version), as tools/state-inspector printed them for the same drafts.
import { strict as assert } from 'node:assert';
import { matchOperators } from '../../../server/src/upgrade/operatorMatch';
import type { PlannedJob, SavepointState } from '../../../server/src/upgrade/stateInspector';

const SAVEPOINT: SavepointState = {
  checkpointId: 1,
  operators: [
    { id: 'cbc357ccb763df2852fee8c4fc7d55f2', name: 'Source: clicks[6]', parallelism: 1, maxParallelism: 128, stateBytes: 0, subtaskStates: 0, hasState: false },
    { id: '17fbfcaabad45985bbdf4da0490487e3', name: 'counts[10]: Writer', parallelism: 1, maxParallelism: 128, stateBytes: 0, subtaskStates: 1, hasState: false },
    { id: '90bea66de1c231edf33913ecd54406c1', name: 'GroupAggregate[9]', parallelism: 1, maxParallelism: 128, stateBytes: 3005, subtaskStates: 1, hasState: true },
    { id: '7df19f87deec5680128845fd9a6ca18d', name: 'Calc[7]', parallelism: 1, maxParallelism: 128, stateBytes: 0, subtaskStates: 0, hasState: false },
  ],
};
const SAME: PlannedJob = { nodes: [], vertices: [
  { name: 'GroupAggregate[4] -> counts[5]: Writer', parallelism: 1, operators: ['17fbfcaabad45985bbdf4da0490487e3', '90bea66de1c231edf33913ecd54406c1'] },
  { name: 'Source: clicks[1] -> Calc[2]', parallelism: 1, operators: ['7df19f87deec5680128845fd9a6ca18d', 'cbc357ccb763df2852fee8c4fc7d55f2'] },
] };
const NEW_KEY: PlannedJob = { nodes: [], vertices: [
  { name: 'GroupAggregate[3] -> Calc[4] -> counts[5]: Writer', parallelism: 1, operators: ['4ab008489d4c8ed0fe577883438cc1ff', 'cdf5528fc65ae6b8b6b126cfdfcc40dd', '20ba6b65f97481d5570070de90e4e791'] },
  { name: 'Source: clicks[1]', parallelism: 1, operators: ['bc764cd8ddf7a0cff126f51c16239658'] },
] };

describe('upgrade check: operator ids', () => {
  it('every operator with state finds its id: ids-match, naming the vertex that restores it', () => {
    const m = matchOperators(SAVEPOINT, SAME);
    assert.equal(m.verdict, 'ids-match');
    assert.deepEqual(m.operators, [{ id: '90bea66de1c231edf33913ecd54406c1', name: 'GroupAggregate[9]', stateBytes: 3005, verdict: 'restored', vertex: 'GroupAggregate[4] -> counts[5]: Writer' }]);
    assert.equal(m.stateless, 3);
  });

  it('an operator with state whose id is gone: state-dropped, that operator named; stateless ones never count', () => {
    const m = matchOperators(SAVEPOINT, NEW_KEY);
    assert.equal(m.verdict, 'state-dropped');
    assert.deepEqual(m.operators.map((o) => [o.name, o.verdict]), [['GroupAggregate[9]', 'dropped']]);
    // The writer had subtask entries without state (Flink skips it on restore): not a loss.
    assert.ok(!m.operators.some((o) => o.id === '17fbfcaabad45985bbdf4da0490487e3'));
  });

  it('an operator that keeps its id but whose key the new job cannot read: incompatible (it wins over dropped), both keys named', () => {
    const keyed = (compat: 'compatible' | 'incompatible'): SavepointState => ({
      ...SAVEPOINT,
      operators: SAVEPOINT.operators.map((o) => (o.hasState ? { ...o, keyType: 'ROW<INT>', states: ['accState'], nextKeyType: compat === 'compatible' ? 'ROW<INT>' : 'ROW<INT, STRING>', keyCompatibility: compat } : o)),
    });
    const broken = matchOperators(keyed('incompatible'), SAME);
    assert.equal(broken.verdict, 'incompatible');
    assert.deepEqual(broken.operators.map((o) => [o.name, o.verdict, o.keyType, o.nextKeyType]), [['GroupAggregate[9]', 'incompatible', 'ROW<INT>', 'ROW<INT, STRING>']]);
    const fine = matchOperators(keyed('compatible'), SAME);
    assert.equal(fine.verdict, 'ids-match');
    assert.equal(fine.operators[0].nextKeyType, undefined, 'an unchanged key is not repeated');
  });

  // The value side as ValueLayout.java answers it: COUNT(*) → COUNT(*), SUM(amount) keeps the id and the key, not the accumulators.
  const valued = (fields: Record<string, unknown>): SavepointState => ({
    ...SAVEPOINT,
    operators: SAVEPOINT.operators.map((o) => (o.hasState ? { ...o, keyType: 'ROW<INT>', states: ['accState'], nextKeyType: 'ROW<INT>', keyCompatibility: 'compatible' as const, ...fields } : o)),
  });

  it('same id, same key, an accumulator more: incompatible, naming the state whose layout changes', () => {
    const m = matchOperators(valued({ valueCompatibility: 'incompatible', valueChanges: ['accState: ROW<BIGINT> → ROW<BIGINT, INT>'] }), SAME);
    assert.equal(m.verdict, 'incompatible');
    assert.deepEqual(m.operators.map((o) => [o.verdict, o.nextKeyType, o.valueChanges]), [['incompatible', undefined, ['accState: ROW<BIGINT> → ROW<BIGINT, INT>']]]);
    // Its id gone, the state is dropped: what its layout would have been does not matter.
    assert.equal(matchOperators(valued({ valueCompatibility: 'incompatible' }), NEW_KEY).verdict, 'state-dropped');
  });

  it('an operator whose states the inspector cannot derive: unknown, with the operator and the reason', () => {
    const m = matchOperators(valued({ valueCompatibility: 'unknown', valueReason: 'the check does not know which states SinkUpsertMaterializer keeps' }), SAME);
    assert.equal(m.verdict, 'unknown');
    assert.equal(m.operators[0].verdict, 'restored');
    assert.match(m.reason!, /GroupAggregate\[9\] \(3(\.0)? kB\): the check does not know which states SinkUpsertMaterializer keeps/);
  });

  it('a state the new operator no longer reads restores (Flink leaves it behind): ids-match, the state named', () => {
    const m = matchOperators(valued({ valueCompatibility: 'compatible', valueChanges: ['data-state-with-append: not read by the new operator (its content is left behind)'] }), SAME);
    assert.equal(m.verdict, 'ids-match');
    assert.deepEqual(m.operators[0].valueChanges, ['data-state-with-append: not read by the new operator (its content is left behind)']);
  });
});
