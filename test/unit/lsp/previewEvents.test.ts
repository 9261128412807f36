// Preview in VS Code, its pure parts: the engine's PreviewEvents mapped onto Execute's protocol events (one
// results-view entry per captured sink, draft statement indexes, fixture locations in messages), the mocks file
// read beside the draft, and the results model fed with the mapped events.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { webviewToHostSchema } from '../../../client/webview/_resultsMessages';
import { ResultsModel } from '../../../client/webview/_resultsModel';
import { EventBatcher, selectStatement } from '../../../server/src/lsp/flinkExecutions';
import { mocksBesideDraft, PreviewEventMapper } from '../../../server/src/lsp/previewHandlers';
import { parseScript } from '../../../server/src/parser';
import type { PreviewEvent } from '../../../server/src/preview/preview';
import type { ExecutionEvent } from '../../../server/src/protocol';
import { LineIndex } from '../../../server/src/util/lineIndex';

const DRAFT = [
  "CREATE TEMPORARY TABLE orders (id BIGINT, amount INT) WITH ('connector' = 'datagen', 'number-of-rows' = '5');",
  "CREATE TEMPORARY TABLE big_orders (id BIGINT) WITH ('connector' = 'blackhole');",
  "CREATE TEMPORARY TABLE audit (id BIGINT, amount INT) WITH ('connector' = 'filesystem', 'path' = '/tmp/audit', 'format' = 'csv');",
  'EXECUTE STATEMENT SET BEGIN',
  '  INSERT INTO big_orders SELECT id FROM orders WHERE amount > 10;',
  '  INSERT INTO audit SELECT id, amount FROM orders;',
  'END;',
  'DELETE FROM audit WHERE id = 1;',
  'SELECT COUNT(*) FROM orders',
].join('\n');

const COLS = [{ name: 'id', type: 'BIGINT', logicalType: { type: 'BIGINT', nullable: true } }] as never;

function mapAll(events: PreviewEvent[], kept?: number[], baseDir?: string): { out: ExecutionEvent[]; mapper: PreviewEventMapper } {
  const statements = parseScript(DRAFT).statements;
  const mapper = new PreviewEventMapper(statements, kept ?? statements.map((_, i) => i), new LineIndex(DRAFT), baseDir);
  return { out: events.flatMap((e) => mapper.map(e)), mapper };
}

describe('preview in VS Code (LSP)', () => {
  describe('PreviewEventMapper', () => {
    const setSet = DRAFT.indexOf('EXECUTE');
    const events: PreviewEvent[] = [
      { type: 'start', statement: 0, line: 1, kind: 'ddl', flinkVersion: '2.3.0' },
      { type: 'done', statement: 0, elapsedMs: 4 },
      { type: 'start', statement: 3, line: 4, kind: 'statementSet', flinkVersion: '2.3.0' },
      { type: 'sink', result: 0, sink: 'big_orders', statement: 3, line: 5 },
      { type: 'sink', result: 1, sink: 'audit', statement: 3, line: 6 },
      { type: 'columns', result: 1, columns: COLS },
      { type: 'rows', result: 1, rows: [{ kind: 'INSERT', fields: [1, 5] }, { kind: 'INSERT', fields: [2, 50] }] },
      { type: 'columns', result: 0, columns: COLS },
      { type: 'rows', result: 0, rows: [{ kind: 'INSERT', fields: [2] }] },
      { type: 'end', result: 0, rowCount: 1, truncated: false, timedOut: false, elapsedMs: 900 },
      { type: 'end', result: 1, rowCount: 2, truncated: false, timedOut: true, elapsedMs: 950 },
      { type: 'skipped', statement: 4, line: 8, reason: 'preview does not run this statement: it would act on a real system' },
    ];

    it('gives each captured sink of a statement set its own entry, and the statement set none', () => {
      const { out } = mapAll(events);
      const starts = out.filter((e) => e.type === 'start');
      assert.deepEqual(starts.map((e) => [e.statement, e.result, e.sink, e.line, e.kind]), [
        [0, undefined, undefined, 1, 'ddl'], [3, 0, 'big_orders', 5, 'statementSet'], [3, 1, 'audit', 6, 'statementSet'],
      ]);
      assert.ok(starts.every((e) => e.flinkVersion === '2.3.0'));
      assert.equal(starts[1].text.startsWith('EXECUTE STATEMENT SET BEGIN'), true);
      // Rows and ends name their result and its draft statement.
      const rows = out.filter((e) => e.type === 'rows');
      assert.deepEqual(rows.map((e) => [e.statement, e.result, e.rows.length]), [[3, 1, 2], [3, 0, 1]]);
      const ends = out.filter((e) => e.type === 'end');
      assert.deepEqual(ends.map((e) => [e.statement, e.result, e.rowCount, e.timedOut ?? false]), [[0, undefined, 0, false], [3, 0, 1, false], [3, 1, 2, true]]);
      const skipped = out.find((e) => e.type === 'skipped');
      assert.deepEqual(skipped && [skipped.statement, skipped.kind, skipped.line], [4, 'dml', 8]);
      assert.ok(setSet > 0);
    });

    it('feeds the results view one entry per sink, the first sink shown by default', () => {
      const { out } = mapAll(events);
      const m = new ResultsModel(100);
      m.apply([...out, { type: 'done', ok: true, cancelled: false, elapsedMs: 1000 }]);
      assert.deepEqual([...m.statements.keys()], ['0', '3.0', '3.1', '4']);
      assert.equal(m.defaultStatement(), '3.0');
      const audit = m.statements.get('3.1')!;
      assert.deepEqual([audit.sink, audit.state, audit.rowCount, audit.timedOut, audit.table.size], ['audit', 'done', 2, true, 2]);
      assert.equal(m.statements.get('4')!.state, 'skipped');
      assert.match(m.statements.get('4')!.message!, /would act on a real system/);
    });

    it('maps the statements of a one-INSERT selection back to the draft\'s indexes', () => {
      const statements = parseScript(DRAFT).statements;
      const selection = selectStatement(DRAFT, statements, 3);
      assert.deepEqual(selection.kept, [0, 1, 2, 3]);
      const sel = selectStatement(DRAFT, statements, 5);
      const { out } = mapAll([
        { type: 'start', statement: 3, line: 9, kind: 'query', flinkVersion: '2.3.0' },
        { type: 'sink', result: 0, statement: 3, line: 9 },
        { type: 'rows', result: 0, rows: [{ kind: 'INSERT', fields: [5] }] },
      ], sel.kept);
      assert.deepEqual(sel.kept, [0, 1, 2, 5]);
      assert.deepEqual(out.map((e) => [e.type, 'statement' in e ? e.statement : -1, 'result' in e ? e.result : undefined]), [['start', 5, 0], ['rows', 5, 0]]);
      assert.equal(out[0].type === 'start' && out[0].sink, undefined);
    });

    it('puts an error on its sink, with the draft range and the fixture file and line in the message', () => {
      const base = path.join(os.tmpdir(), 'ws');
      const start = DRAFT.indexOf('CREATE TEMPORARY TABLE orders');
      const { out } = mapAll([
        { type: 'start', statement: 3, line: 4, kind: 'statementSet', flinkVersion: '2.3.0' },
        { type: 'sink', result: 0, sink: 'big_orders', statement: 3, line: 5 },
        {
          type: 'error', statement: 3, result: 0, message: "Fixture of orders (line 3), column amount: Cannot parse 'ten' as INT", line: 1, start, end: start + 10,
          fixture: { file: path.join(base, 'fixtures', 'orders.csv'), line: 3 },
        },
      ], undefined, base);
      const error = out.find((e) => e.type === 'error');
      assert.ok(error && error.type === 'error');
      assert.equal(error.result, 0);
      assert.equal(error.message, `Fixture of orders (line 3), column amount: Cannot parse 'ten' as INT (${path.join('fixtures', 'orders.csv')}:3)`);
      assert.deepEqual(error.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 10 } });
    });

    it('shows the statement a failure before any capture belongs to, and keeps a draft-wide failure for the end', () => {
      const at = DRAFT.indexOf('big_orders SELECT');
      const { out, mapper } = mapAll([
        { type: 'start', statement: 3, line: 4, kind: 'statementSet', flinkVersion: '2.3.0' },
        { type: 'error', statement: 3, message: 'Sink big_orders is not defined', line: 5, start: at, end: at + 10 },
        { type: 'error', statement: -1, message: 'The draft defines no table clicks to mock', line: 0, start: 0, end: 0 },
      ]);
      assert.deepEqual(out.map((e) => e.type), ['start', 'error']);
      assert.equal(out[1].type === 'error' && out[1].range.start.line, 4);
      assert.equal(mapper.fatal, 'The draft defines no table clicks to mock');
    });
  });

  it('lets the results view ask for "Preview instead" of a statement, checked on arrival', () => {
    assert.ok(webviewToHostSchema.safeParse({ type: 'preview', statement: 3 }).success);
    assert.ok(webviewToHostSchema.safeParse({ type: 'preview' }).success);
    assert.ok(!webviewToHostSchema.safeParse({ type: 'preview', statement: -1 }).success);
    assert.ok(!webviewToHostSchema.safeParse({ type: 'preview', statement: '3' }).success);
  });

  it('batches rows of two sinks of one statement apart', async () => {
    const sent: ExecutionEvent[][] = [];
    const b = new EventBatcher((e) => sent.push(e), 10);
    b.push({ type: 'rows', statement: 3, result: 0, rows: [{ kind: 'INSERT', fields: [1] }] });
    b.push({ type: 'rows', statement: 3, result: 1, rows: [{ kind: 'INSERT', fields: [2] }] });
    b.push({ type: 'rows', statement: 3, result: 1, rows: [{ kind: 'INSERT', fields: [3] }] });
    b.flush();
    assert.deepEqual(sent[0].map((e) => e.type === 'rows' && [e.result, e.rows.length]), [[0, 1], [1, 2]]);
  });

  describe('mocksBesideDraft', () => {
    let dir: string;
    beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-mocks-')); });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
    const draftUri = () => pathToFileURL(path.join(dir, 'orders.flink.sql')).toString();

    it('reads <name>.mocks.yaml with paths beside it, and nothing when there is none', async () => {
      assert.deepEqual(await mocksBesideDraft(draftUri()), { mocks: {}, baseDir: dir });
      fs.writeFileSync(path.join(dir, 'orders.mocks.yaml'), 'mocks:\n  orders: fixtures/orders.csv\n');
      assert.deepEqual(await mocksBesideDraft(draftUri()), { mocks: { orders: { file: path.join(dir, 'fixtures', 'orders.csv') } }, baseDir: dir });
      assert.deepEqual(await mocksBesideDraft('untitled:Untitled-1'), { mocks: {} });
    });

    it('says what is wrong in the mocks file, on its line', async () => {
      fs.writeFileSync(path.join(dir, 'orders.mocks.yaml'), 'mocks:\n  orders: fixtures/orders.csv\nsinks: nope\n');
      const r = await mocksBesideDraft(draftUri());
      assert.ok('error' in r);
      assert.match(r.error, /^The mocks file beside the draft has problems, so nothing ran: orders\.mocks\.yaml:3: /);
    });
  });
});
