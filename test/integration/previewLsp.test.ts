// The language server's Preview request on the real local cluster, spoken over stdio as the extension does: a
// statement set's two sinks as two entries of rows (a filesystem sink's directory stays empty), the mocks file
// beside the draft, one INSERT from its lens, a broken mocks file or fixture as a clear message, and Stop; and
// Execute of an INSERT naming the real sink its rows go to (the view then offers Preview).
import { strict as assert } from 'node:assert';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidOpenTextDocumentNotification, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import {
  FlinkCancelExecutionRequest, FlinkExecuteRequest, FlinkExecutionEventNotification, FlinkPreviewRequest,
  type ExecutionEvent, type FlinkConnectionParams,
} from '../../server/src/protocol';
import { sharedCluster } from './cluster';
import { startStdioServer, stopStdioServer } from '../unit/lsp/stdioServer';

const draftText = (out: string) => [
  'CREATE TEMPORARY TABLE orders (',
  '  id INT,',
  '  amount INT',
  ") WITH ('connector' = 'datagen');",
  "CREATE TEMPORARY TABLE big_orders (id INT, amount INT) WITH ('connector' = 'blackhole');",
  `CREATE TEMPORARY TABLE audit (id INT) WITH ('connector' = 'filesystem', 'path' = '${out}', 'format' = 'csv');`,
  'EXECUTE STATEMENT SET BEGIN',
  '  INSERT INTO big_orders SELECT id, amount FROM orders WHERE amount > 10;',
  '  INSERT INTO audit SELECT id FROM orders;',
  'END;',
  '',
].join('\n');

describe('language server: Preview on a real cluster', function () {
  this.timeout(180_000);
  let child: ChildProcessWithoutNullStreams;
  let connection: ProtocolConnection;
  let dir: string;
  let out: string;
  let uri: string;
  const events = new Map<string, ExecutionEvent[]>();
  let remote: FlinkConnectionParams;

  const open = async (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    const u = pathToFileURL(file).toString();
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: u, languageId: 'flink-sql', version: 1, text } });
    return u;
  };

  before(async () => {
    const { gatewayUrl, restUrl } = sharedCluster();
    remote = { target: 'remote', gatewayUrl, restUrl };
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-lsp-it-'));
    out = path.join(dir, 'audit-out');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(dir, 'orders.csv'), 'id,amount\n1,5\n2,50\n3,12\n');
    fs.writeFileSync(path.join(dir, 'orders.mocks.yaml'), 'mocks:\n  orders: orders.csv\n');
    ({ child, connection } = await startStdioServer({
      register: (c) => c.onNotification(FlinkExecutionEventNotification, (p) => {
        events.set(p.executionId, [...(events.get(p.executionId) ?? []), ...p.events]);
      }),
    }));
    uri = await open('orders.flink.sql', draftText(out));
  });

  after(() => {
    stopStdioServer({ child, connection });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Each captured sink's rows (by its name), from the events of one preview. */
  const sinks = (id: string) => {
    const got = events.get(id) ?? [];
    const names = new Map<number, string>();
    for (const e of got) if (e.type === 'start' && e.result !== undefined) names.set(e.result, e.sink ?? '(query)');
    const rows: Record<string, unknown[][]> = {};
    for (const e of got) if (e.type === 'rows') (rows[names.get(e.result!)!] ??= []).push(...e.rows.map((r) => r.fields));
    return { got, rows };
  };

  it('previews both sinks of the statement set from the mocked source, writing nothing', async () => {
    const t0 = Date.now();
    const done = await connection.sendRequest(FlinkPreviewRequest, { uri, connection: remote, executionId: 'set', limit: 100, timeoutMs: 120_000 });
    assert.ok(done.ok, done.message);
    const { got, rows } = sinks('set');
    const starts = got.filter((e) => e.type === 'start');
    assert.deepEqual(starts.map((e) => [e.statement, e.result, e.sink, e.line]), [
      [0, undefined, undefined, 1], [1, undefined, undefined, 5], [2, undefined, undefined, 6], [3, 0, 'big_orders', 8], [3, 1, 'audit', 9],
    ]);
    assert.deepEqual(rows.big_orders.sort(), [[2, 50], [3, 12]]);
    assert.deepEqual(rows.audit.map((r) => r[0]).sort(), [1, 2, 3]);
    assert.deepEqual(fs.readdirSync(out), [], 'nothing reached the filesystem sink');
    console.log(`      two sinks previewed in ${Date.now() - t0} ms`);
  });

  it('previews one statement set from its lens (its setup replayed)', async () => {
    const done = await connection.sendRequest(FlinkPreviewRequest, { uri, connection: remote, executionId: 'lens', statementIndex: 3, limit: 100, timeoutMs: 120_000 });
    assert.ok(done.ok, done.message);
    assert.deepEqual(Object.keys(sinks('lens').rows).sort(), ['audit', 'big_orders']);
  });

  it('says which fixture line Flink could not read, on the mocked table', async () => {
    const sub = fs.mkdtempSync(path.join(dir, 'bad-'));
    fs.writeFileSync(path.join(sub, 'orders.csv'), 'id,amount\n1,5\n2,fifty\n');
    fs.writeFileSync(path.join(sub, 'orders.mocks.yaml'), 'mocks:\n  orders: orders.csv\n');
    const bad = pathToFileURL(path.join(sub, 'orders.flink.sql')).toString();
    const text = draftText(out);
    fs.writeFileSync(path.join(sub, 'orders.flink.sql'), text);
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: bad, languageId: 'flink-sql', version: 1, text } });
    const done = await connection.sendRequest(FlinkPreviewRequest, { uri: bad, connection: remote, executionId: 'bad', limit: 100, timeoutMs: 120_000 });
    assert.equal(done.ok, false);
    const error = (events.get('bad') ?? []).find((e) => e.type === 'error');
    assert.ok(error?.type === 'error', JSON.stringify(events.get('bad')?.map((e) => e.type)));
    assert.match(error.message, /orders\.csv:3\)$/);
    assert.equal(error.range.start.line, 0, 'on the mocked CREATE TABLE');
  });

  it('refuses a mocks file with a problem, naming its line, before anything runs', async () => {
    const sub = fs.mkdtempSync(path.join(dir, 'yaml-'));
    fs.writeFileSync(path.join(sub, 'orders.mocks.yaml'), 'mocks:\n  orders: orders.txt\n  - nope\n');
    const u = pathToFileURL(path.join(sub, 'orders.flink.sql')).toString();
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: u, languageId: 'flink-sql', version: 1, text: draftText(out) } });
    const done = await connection.sendRequest(FlinkPreviewRequest, { uri: u, connection: remote, executionId: 'yaml', limit: 100 });
    assert.equal(done.ok, false);
    assert.match(done.message ?? '', /orders\.mocks\.yaml:\d+: /);
    assert.ok(!(events.get('yaml') ?? []).some((e) => e.type === 'start'));
  });

  it('Execute of an INSERT names the real sink its job writes into', async () => {
    const u = await open('real.flink.sql', [
      "CREATE TEMPORARY TABLE few (x INT) WITH ('connector' = 'datagen', 'number-of-rows' = '3');",
      "CREATE TEMPORARY TABLE drain (x INT) WITH ('connector' = 'blackhole');",
      'INSERT INTO drain SELECT x FROM few;',
    ].join('\n'));
    const done = await connection.sendRequest(FlinkExecuteRequest, { uri: u, connection: remote, executionId: 'real', statementIndex: 2, limit: 10 });
    assert.ok(done.ok, done.message);
    const starts = (events.get('real') ?? []).filter((e) => e.type === 'start');
    assert.deepEqual(starts.map((e) => e.type === 'start' && [e.kind, e.writesTo]), [['ddl', undefined], ['ddl', undefined], ['insert', ['drain']]]);
  });

  it('stops a preview of an unbounded source on cancelExecution', async () => {
    const u = await open('forever.flink.sql', [
      "CREATE TEMPORARY TABLE ticks (x INT) WITH ('connector' = 'datagen', 'rows-per-second' = '2');",
      "CREATE TEMPORARY TABLE sink (x INT) WITH ('connector' = 'blackhole');",
      'INSERT INTO sink SELECT x FROM ticks;',
    ].join('\n'));
    const running = connection.sendRequest(FlinkPreviewRequest, { uri: u, connection: remote, executionId: 'forever', limit: 1000 });
    const deadline = Date.now() + 90_000;
    while (!(events.get('forever') ?? []).some((e) => e.type === 'rows') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(await connection.sendRequest(FlinkCancelExecutionRequest, { executionId: 'forever' }), { cancelled: true });
    const done = await running;
    assert.equal(done.cancelled, true);
    const start = (events.get('forever') ?? []).find((e) => e.type === 'start' && e.result !== undefined);
    assert.equal(start?.type === 'start' && start.sink, 'sink');
  });
});
