// Changelog materialization and bounded buffers: the table a stream of +I/-U/+U/-D describes.
import { strict as assert } from 'node:assert';
import { ChangelogTail, formatCell, formatTextTable, MaterializedTable, type ChangelogRow } from '../../../server/src/flink/results';

const I = (...fields: unknown[]): ChangelogRow => ({ kind: 'INSERT', fields });
const UB = (...fields: unknown[]): ChangelogRow => ({ kind: 'UPDATE_BEFORE', fields });
const UA = (...fields: unknown[]): ChangelogRow => ({ kind: 'UPDATE_AFTER', fields });
const D = (...fields: unknown[]): ChangelogRow => ({ kind: 'DELETE', fields });

describe('results', () => {
  it('materializes a GROUP BY changelog (as the gateway streams it) into the current counts', () => {
    // Captured shape: SELECT n % 3 AS k, COUNT(*) FROM datagen GROUP BY n % 3.
    const t = new MaterializedTable();
    t.applyAll([I(0, 1), I(-1, 1), I(2, 1), UB(0, 1), UA(0, 2), UB(-1, 1), UA(-1, 2), I(-2, 1), UB(0, 2), UA(0, 3)]);
    assert.deepEqual(t.rows(), [[2, 1], [-1, 2], [-2, 1], [0, 3]]);
    assert.equal(t.changes, 10);
    assert.equal(t.unmatched, 0);
  });

  it('retracts one equal row only, the most recent one', () => {
    const t = new MaterializedTable();
    t.applyAll([I('a', 1), I('b', 2), I('a', 1), D('a', 1)]);
    assert.deepEqual(t.rows(), [['a', 1], ['b', 2]]);
  });

  it('compares nested values by content (ROW, ARRAY, MAP fields come as JSON)', () => {
    const t = new MaterializedTable();
    t.applyAll([I({ a: [1, 2] }, null), D({ a: [1, 2] }, null)]);
    assert.equal(t.size, 0);
  });

  it('counts retractions of rows it never saw instead of failing', () => {
    const t = new MaterializedTable();
    t.apply(D('x'));
    assert.equal(t.unmatched, 1);
    assert.equal(t.size, 0);
  });

  it('stays within maxRows by evicting the oldest rows', () => {
    const t = new MaterializedTable(3);
    for (let i = 0; i < 10; i++) t.apply(I(i));
    assert.deepEqual(t.rows(), [[7], [8], [9]]);
    assert.equal(t.evicted, 7);
    t.apply(D(0));
    assert.equal(t.unmatched, 1);
  });

  it('materializes 200k changes over 1k keys in well under a second (no scan per retraction)', () => {
    const t = new MaterializedTable();
    const started = performance.now();
    for (let i = 0; i < 1000; i++) t.apply(I(i, 0));
    for (let n = 1; n < 100; n++) for (let i = 0; i < 1000; i++) { t.apply(UB(i, n - 1)); t.apply(UA(i, n)); }
    assert.equal(t.size, 1000);
    assert.deepEqual(t.rows()[0], [0, 99]);
    assert.ok(performance.now() - started < 1000, `${performance.now() - started} ms`);
  });

  it('ChangelogTail keeps the last rows and counts the dropped ones', () => {
    const tail = new ChangelogTail(2);
    [I(1), UB(1), UA(2)].forEach((r) => tail.push(r));
    assert.deepEqual(tail.rows(), [UB(1), UA(2)]);
    assert.equal(tail.total, 3);
    assert.equal(tail.dropped, 1);
  });

  it('formats cells and a boxed table', () => {
    assert.equal(formatCell(null), 'NULL');
    assert.equal(formatCell({ k: 1 }), '{"k":1}');
    assert.equal(formatCell(1.5), '1.5');
    assert.equal(formatTextTable(['op', 'n'], [['+I', '1'], ['-D', '22']]), [
      '+----+----+',
      '| op | n  |',
      '+----+----+',
      '| +I | 1  |',
      '| -D | 22 |',
      '+----+----+',
    ].join('\n'));
    assert.equal(formatTextTable(['x'], [['a\nb'.repeat(40)]], 10).split('\n')[3], '| a⏎ba⏎ba⏎b… |');
  });
});
