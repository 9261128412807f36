// The execution handler's pure parts: which statements "▶ Run" sends (blanked so offsets and lines stay
// the draft's), and how streamed events are batched into notifications.
import { strict as assert } from 'node:assert';
import { EventBatcher, selectStatement } from '../../../server/src/lsp/flinkExecutions';
import { parseScript } from '../../../server/src/parser';
import type { ExecutionEvent } from '../../../server/src/protocol';

const DRAFT = [
  "SET 'table.exec.state.ttl' = '1 h';",
  "CREATE TEMPORARY TABLE clicks (user_id BIGINT, url STRING) WITH ('connector' = 'datagen', 'number-of-rows' = '10');",
  'SELECT * FROM clicks;',
  "CREATE TEMPORARY TABLE sink (user_id BIGINT) WITH ('connector' = 'blackhole');",
  'INSERT INTO sink SELECT user_id FROM clicks;',
  'SELECT COUNT(*) FROM clicks',
].join('\n');

describe('flink executions (LSP)', () => {
  describe('selectStatement', () => {
    const statements = parseScript(DRAFT).statements;

    it('keeps the setup statements before the chosen one and blanks the rest, offsets unchanged', () => {
      const sel = selectStatement(DRAFT, statements, 5);
      assert.deepEqual(sel.kept, [0, 1, 3, 5]);
      assert.equal(sel.script.length, DRAFT.length);
      assert.deepEqual(sel.script.split('\n').map((l) => l.trim()), [
        "SET 'table.exec.state.ttl' = '1 h';", statements[1].text + ';', '', statements[3].text + ';', '', 'SELECT COUNT(*) FROM clicks',
      ]);
      const reparsed = parseScript(sel.script).statements;
      assert.deepEqual(reparsed.map((s) => s.start), sel.kept.map((i) => statements[i].start));
    });

    it('runs a statement of a BEGIN STATEMENT SET; … END; block with its whole block, as one job', () => {
      const draft = [
        "CREATE TEMPORARY TABLE src (n INT) WITH ('connector' = 'datagen');",
        "CREATE TEMPORARY TABLE a (n INT) WITH ('connector' = 'blackhole');",
        'SELECT * FROM src;',
        'BEGIN STATEMENT SET;',
        'INSERT INTO a SELECT n FROM src;',
        'INSERT INTO a SELECT n + 1 FROM src;',
        'END;',
        'SELECT 1',
      ].join('\n');
      const stmts = parseScript(draft).statements;
      for (const index of [3, 4, 5, 6]) assert.deepEqual(selectStatement(draft, stmts, index).kept, [0, 1, 3, 4, 5, 6], `from statement ${index}`);
      assert.deepEqual(selectStatement(draft, stmts, 7).kept, [0, 1, 7]);
    });

    it('runs the first statement alone', () => {
      const sel = selectStatement(DRAFT, statements, 0);
      assert.deepEqual(sel.kept, [0]);
      assert.equal(parseScript(sel.script).statements.length, 1);
    });
  });

  describe('EventBatcher', () => {
    const rows = (statement: number, ...ids: number[]): ExecutionEvent => ({ type: 'rows', statement, rows: ids.map((i) => ({ kind: 'INSERT', fields: [i] })) });

    it('coalesces row events within the interval into one notification, in order', async () => {
      const sent: ExecutionEvent[][] = [];
      const b = new EventBatcher((e) => sent.push(e), 20);
      b.push({ type: 'columns', statement: 0, columns: [{ name: 'id', type: 'INT' }] });
      b.push(rows(0, 1, 2));
      b.push(rows(0, 3));
      assert.equal(sent.length, 0);
      await new Promise((r) => setTimeout(r, 40));
      assert.equal(sent.length, 1);
      assert.deepEqual(sent[0].map((e) => e.type), ['columns', 'rows']);
      assert.deepEqual(sent[0][1].type === 'rows' && sent[0][1].rows.map((r) => r.fields[0]), [1, 2, 3]);
    });

    it('flushes at once on done and when the row budget is reached', () => {
      const sent: ExecutionEvent[][] = [];
      const b = new EventBatcher((e) => sent.push(e), 10_000, 3);
      b.push(rows(0, 1, 2));
      b.push(rows(0, 3));
      assert.equal(sent.length, 1, 'three rows reach the budget');
      b.push(rows(0, 4));
      b.push({ type: 'done', ok: true, cancelled: false, elapsedMs: 1 });
      assert.equal(sent.length, 2);
      assert.deepEqual(sent[1].map((e) => e.type), ['rows', 'done']);
    });
  });
});
