// The results view's pure parts: changelog materialization (+I -U +U -D) with bounded memory, the changelog
// window, the per-statement model fed with server events, CSV/JSON export, and the webview message schema.
import { strict as assert } from 'node:assert';
import { webviewToHostSchema } from '../../../client/webview/_resultsMessages';
import {
  ChangelogWindow, formatCell, MaterializedRows, ResultsModel, toCsv, toJson, toTsv, type StatementResult,
} from '../../../client/webview/_resultsModel';
import type { ExecutionEvent, ResultRow } from '../../../server/src/protocol';

const I = (...fields: unknown[]): ResultRow => ({ kind: 'INSERT', fields });
const UB = (...fields: unknown[]): ResultRow => ({ kind: 'UPDATE_BEFORE', fields });
const UA = (...fields: unknown[]): ResultRow => ({ kind: 'UPDATE_AFTER', fields });
const D = (...fields: unknown[]): ResultRow => ({ kind: 'DELETE', fields });

/** A GROUP BY count as Flink streams it: each new count retracts the previous one. */
const COUNTS: ResultRow[] = [I('a', 1), I('b', 1), UB('a', 1), UA('a', 2), UB('b', 1), UA('b', 2), UB('a', 2), UA('a', 3), D('b', 2)];

function statement(events: ExecutionEvent[], maxRows = 100): StatementResult {
  const m = new ResultsModel(maxRows);
  m.apply(events);
  return m.statements.get('0')!;
}

const START: ExecutionEvent = { type: 'start', statement: 0, line: 3, kind: 'query', flinkVersion: '2.3.0', text: 'SELECT word, COUNT(*) FROM t GROUP BY word' };
const COLUMNS: ExecutionEvent = { type: 'columns', statement: 0, columns: [{ name: 'word', type: 'STRING' }, { name: 'cnt', type: 'BIGINT NOT NULL' }] };

describe('results model', () => {
  describe('MaterializedRows', () => {
    it('applies an updating aggregate to the rows it ends with', () => {
      const t = new MaterializedRows(100);
      for (const r of COUNTS) t.apply(r);
      assert.deepEqual(t.list(), [['a', 3]]);
      assert.equal(t.unmatched, 0);
    });

    it('retracts the most recent equal row and keeps arrival order', () => {
      const t = new MaterializedRows(100);
      for (const r of [I('x'), I('y'), I('x'), D('x')]) t.apply(r);
      assert.deepEqual(t.list(), [['x'], ['y']]);
    });

    it('counts a retraction that matches no row instead of failing', () => {
      const t = new MaterializedRows(100);
      t.apply(D('ghost'));
      assert.equal(t.unmatched, 1);
      assert.equal(t.size, 0);
    });

    it('keeps at most maxRows, evicting the oldest, and stays consistent after eviction', () => {
      const t = new MaterializedRows(3);
      for (let i = 0; i < 10; i++) t.apply(I(i));
      assert.deepEqual(t.list(), [[7], [8], [9]]);
      assert.equal(t.evicted, 7);
      t.apply(D(2)); // evicted long ago
      assert.equal(t.unmatched, 1);
      t.apply(D(8));
      assert.deepEqual(t.list(), [[7], [9]]);
    });

    it('materializes 100k changes over 1k keys quickly (no scan per retraction)', () => {
      const t = new MaterializedRows(10_000);
      const count = new Map<number, number>();
      const t0 = performance.now();
      for (let i = 0; i < 50_000; i++) {
        const k = (i * 7919) % 1000;
        const c = count.get(k) ?? 0;
        if (c) t.apply(UB(k, c));
        t.apply(c ? UA(k, c + 1) : I(k, 1));
        count.set(k, c + 1);
      }
      const ms = performance.now() - t0;
      assert.equal(t.size, 1000);
      assert.ok(ms < 2_000, `${ms} ms`);
    });
  });

  describe('ChangelogWindow', () => {
    it('keeps the last `capacity` entries and counts what it dropped', () => {
      const w = new ChangelogWindow(5);
      for (let i = 0; i < 12; i++) w.push([I(i)]);
      assert.deepEqual(w.list().map((r) => r.fields[0]), [7, 8, 9, 10, 11]);
      assert.equal(w.total, 12);
      assert.equal(w.dropped, 7);
    });
  });

  describe('ResultsModel', () => {
    it('follows a statement from start to end, both views fed by the same rows', () => {
      const s = statement([START, COLUMNS, { type: 'rows', statement: 0, rows: COUNTS.slice(0, 4) }, { type: 'rows', statement: 0, rows: COUNTS.slice(4) },
        { type: 'end', statement: 0, rowCount: 9, truncated: false, elapsedMs: 12 }]);
      assert.equal(s.state, 'done');
      assert.equal(s.rowCount, 9);
      assert.equal(s.changelog.list().length, 9);
      assert.deepEqual(s.table.list(), [['a', 3]]);
    });

    it('records an error on its statement and the execution summary', () => {
      const m = new ResultsModel(10);
      m.apply([START, { type: 'error', statement: 0, message: "Column 'nope' not found", line: 3, range: { start: { line: 2, character: 7 }, end: { line: 2, character: 11 } } },
        { type: 'done', ok: false, cancelled: false, message: "Column 'nope' not found", elapsedMs: 40 }]);
      assert.equal(m.statements.get('0')!.state, 'error');
      assert.deepEqual([m.summary.done, m.summary.ok, m.summary.flinkVersion], [true, false, '2.3.0']);
    });

    it('shows by default the last statement that returned columns', () => {
      const m = new ResultsModel(10);
      m.apply([START, COLUMNS, { ...START, statement: 1, kind: 'insert' }, { type: 'end', statement: 1, jobId: 'j1', rowCount: 0, truncated: false, elapsedMs: 5 }]);
      assert.equal(m.defaultStatement(), '0');
    });
  });

  describe('export', () => {
    const s = statement([START, COLUMNS, { type: 'rows', statement: 0, rows: [I('plain', 1), I('with, comma', 2), I('say "hi"\nbye', null), I(null, 4)] }]);

    it('writes RFC 4180 CSV: quotes where needed, NULL as an empty field, CRLF line ends', () => {
      assert.equal(toCsv(s, 'table'), 'word,cnt\r\nplain,1\r\n"with, comma",2\r\n"say ""hi""\nbye",\r\n,4\r\n');
    });

    it('puts the row kind first in the changelog CSV', () => {
      const cl = statement([START, COLUMNS, { type: 'rows', statement: 0, rows: [I('a', 1), UB('a', 1), UA('a', 2)] }]);
      assert.equal(toCsv(cl, 'changelog'), 'op,word,cnt\r\n+I,a,1\r\n-U,a,1\r\n+U,a,2\r\n');
    });

    it('writes JSON objects keyed by column, values as Flink sent them', () => {
      assert.deepEqual(JSON.parse(toJson(s, 'table')), [
        { word: 'plain', cnt: 1 }, { word: 'with, comma', cnt: 2 }, { word: 'say "hi"\nbye', cnt: null }, { word: null, cnt: 4 },
      ]);
      const cl = statement([START, COLUMNS, { type: 'rows', statement: 0, rows: [I('a', 1), D('a', 1)] }]);
      assert.deepEqual(JSON.parse(toJson(cl, 'changelog')), [{ op: '+I', word: 'a', cnt: 1 }, { op: '-D', word: 'a', cnt: 1 }]);
    });

    it('copies tab-separated text without breaking rows on embedded tabs or newlines', () => {
      assert.equal(toTsv(s, 'table').split('\n')[3], 'say "hi" bye\tNULL');
    });

    it('formats cells as text: NULL, nested values as JSON', () => {
      assert.deepEqual([formatCell(null), formatCell({ a: [1] }), formatCell(true), formatCell('<b>x</b>')], ['NULL', '{"a":[1]}', 'true', '<b>x</b>']);
    });
  });

  describe('webview → host messages', () => {
    it('accepts the known messages', () => {
      for (const m of [{ type: 'ready' }, { type: 'stop' }, { type: 'copy', text: 'a\tb' }, { type: 'export', format: 'csv', content: 'a\r\n', suggestedName: 'r.csv' },
        { type: 'rendered', state: { mode: 'table', columns: ['a'], totalRows: 1, domRows: [['1']], status: 'done', paused: false } }]) {
        assert.ok(webviewToHostSchema.safeParse(m).success, JSON.stringify(m));
      }
    });

    it('rejects unknown types and malformed payloads', () => {
      for (const m of [{ type: 'eval', code: 'x' }, { type: 'export', format: 'html', content: '', suggestedName: 'x' }, { type: 'copy' }, 'ready', null]) {
        assert.equal(webviewToHostSchema.safeParse(m).success, false, JSON.stringify(m));
      }
    });
  });
});
