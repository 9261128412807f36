// A sink's verdict: final table (order-insensitive unless ordered) or exact changelog, values read by the column type.
import { strict as assert } from 'node:assert';
import { canonical, compareSink, lineDiff } from '../../../server/src/preview/compare';
import type { ChangelogRow } from '../../../server/src/flink/results';

const col = (name: string, type: string) => ({ name, type, logicalType: { type } as never });
const COLUMNS = [col('name', 'STRING'), col('cnt', 'BIGINT NOT NULL'), col('ws', 'TIMESTAMP(3)')];
const I = (...fields: unknown[]): ChangelogRow => ({ kind: 'INSERT', fields });
const CHANGES: ChangelogRow[] = [
  I('alice', 1, '2024-01-01T00:00:00'), I('bob', 1, '2024-01-01T00:00:00'),
  { kind: 'UPDATE_BEFORE', fields: ['alice', 1, '2024-01-01T00:00:00'] }, { kind: 'UPDATE_AFTER', fields: ['alice', 2, '2024-01-01T00:00:00'] },
];

describe('preview compare', () => {
  it('reads values as the column type does', () => {
    assert.equal(canonical('10.50', 'DECIMAL(10, 2)'), canonical(10.5, 'DECIMAL(10, 2)'));
    assert.equal(canonical('2024-01-01 00:00:01.000', 'TIMESTAMP(3)'), canonical('2024-01-01T00:00:01', 'TIMESTAMP(3)'));
    assert.equal(canonical(true, 'BOOLEAN'), canonical('TRUE', 'BOOLEAN'));
    assert.notEqual(canonical('1', 'STRING'), canonical(1, 'INT'));
    assert.equal(canonical(null, 'INT'), 'null');
  });

  it('compares the final table in any order; a difference is a diff in the test file notation', () => {
    const ok = compareSink({ rows: [{ name: 'bob', cnt: 1, ws: '2024-01-01 00:00:00' }, { name: 'alice', cnt: '2', ws: '2024-01-01 00:00:00.000' }] }, COLUMNS, CHANGES);
    assert.deepEqual(ok, { ok: true, diff: [] });
    const bad = compareSink({ rows: [{ name: 'alice', cnt: 3 }, { name: 'bob', cnt: 1 }] }, COLUMNS, CHANGES);
    assert.equal(bad.ok, false);
    // only the columns the expectation names are compared
    assert.deepEqual(bad.diff, ['- { name: "alice", cnt: 3 }', '+ { name: "alice", cnt: 2 }', '  { name: "bob", cnt: 1 }']);
  });

  it('compares in order when asked', () => {
    assert.equal(compareSink({ rows: [{ name: 'alice' }, { name: 'bob' }], ordered: true }, COLUMNS, CHANGES).ok, false);
    assert.equal(compareSink({ rows: [{ name: 'bob' }, { name: 'alice' }], ordered: true }, COLUMNS, CHANGES).ok, true);
  });

  it('compares the exact changelog with its kinds', () => {
    const changelog = [{ op: '+I', name: 'alice', cnt: 1 }, { op: '+I', name: 'bob', cnt: 1 }, { op: '-U', name: 'alice', cnt: 1 }, { op: '+U', name: 'alice', cnt: 2 }];
    assert.equal(compareSink({ changelog }, COLUMNS, CHANGES).ok, true);
    const missing = compareSink({ changelog: changelog.slice(0, 2) }, COLUMNS, CHANGES);
    assert.deepEqual(missing.diff.slice(2), ['+ { op: -U, name: "alice", cnt: 1 }', '+ { op: +U, name: "alice", cnt: 2 }']);
    assert.match(compareSink({ changelog: [{ op: 'x', name: 'a' }] }, COLUMNS, CHANGES).problem!, /op must be/);
  });

  it('names a column the sink does not have', () => {
    assert.match(compareSink({ rows: [{ nme: 'a' }] }, COLUMNS, CHANGES).problem!, /no column nme \(it has name, cnt, ws\)/);
  });

  it('diffs lines by their longest common subsequence', () => {
    assert.deepEqual(lineDiff(['a', 'b', 'c'], ['a', 'c', 'd']), ['  a', '- b', '  c', '+ d']);
  });
});
