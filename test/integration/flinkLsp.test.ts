// The language server's Flink requests against the real local cluster, spoken over stdio as the extension
// does: statements for "▶ Run", validate (planner diagnostics), execute (streamed rows, one statement after
// its DDL, errors with ranges), cancel, connection check, catalogs and DESCRIBE.
import { strict as assert } from 'node:assert';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  DidOpenTextDocumentNotification, PublishDiagnosticsNotification, type Diagnostic, type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import {
  FlinkCancelExecutionRequest, FlinkCatalogTreeRequest, FlinkCheckConnectionRequest, FlinkDescribeTableRequest,
  FlinkExecuteRequest, FlinkExecutionEventNotification, FlinkLocalClusterRequest, FlinkStatementsRequest, FlinkValidateRequest,
  type ExecutionEvent, type FlinkConnectionParams,
} from '../../server/src/protocol';
import { sharedCluster } from './cluster';
import { startStdioServer, stopStdioServer } from '../unit/lsp/stdioServer';

const URI = 'file:///drafts/bounded.flink.sql';
const DRAFT = [
  "SET 'execution.runtime-mode' = 'batch';",
  'CREATE TEMPORARY TABLE numbers (',
  '  id BIGINT,',
  '  name STRING',
  ") WITH ('connector' = 'datagen', 'number-of-rows' = '25', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '25');",
  'CREATE TEMPORARY VIEW small AS SELECT id FROM numbers WHERE id < 5;',
  'SELECT id, name FROM numbers;',
  'SELECT COUNT(*) AS n FROM numbers;',
  'SELECT nope FROM numbers;',
  '',
].join('\n');

describe('language server: Flink requests on a real cluster', function () {
  this.timeout(120_000);
  let child: ChildProcessWithoutNullStreams;
  let connection: ProtocolConnection;
  const events = new Map<string, ExecutionEvent[]>();
  const notifications = new Map<string, number>();
  const published = new Map<string, Diagnostic[]>();
  let remote: FlinkConnectionParams;

  before(async () => {
    const { gatewayUrl, restUrl } = sharedCluster();
    remote = { target: 'remote', gatewayUrl, restUrl };
    ({ child, connection } = await startStdioServer({
      register: (c) => {
      c.onNotification(FlinkExecutionEventNotification, (p) => {
        events.set(p.executionId, [...(events.get(p.executionId) ?? []), ...p.events]);
        notifications.set(p.executionId, (notifications.get(p.executionId) ?? 0) + 1);
      });
      c.onNotification(PublishDiagnosticsNotification.type, (p) => { published.set(p.uri, p.diagnostics); });
      },
    }));
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: 'flink-sql', version: 1, text: DRAFT } });
  });

  after(() => {
    stopStdioServer({ child, connection });
  });

  it('lists the statements, marking setup statements as not runnable', async () => {
    const stmts = await connection.sendRequest(FlinkStatementsRequest, { uri: URI });
    assert.deepEqual(stmts.map((s) => [s.kind, s.runnable]), [
      ['set', false], ['ddl', false], ['ddl', false], ['query', true], ['query', true], ['query', true],
    ]);
    assert.equal(stmts[3].range.start.line, 6);
  });

  it('validates on the planner: one diagnostic with source flink on the unknown column', async () => {
    const r = await connection.sendRequest(FlinkValidateRequest, { uri: URI, connection: remote });
    assert.ok(r.ok && r.validatedOnFlink, r.summary);
    assert.match(r.summary, /^Validated on Flink \d+\.\d+ in \d+ ms$/);
    assert.equal(r.diagnostics.length, 1, JSON.stringify(r.diagnostics));
    assert.equal(r.diagnostics[0].source, 'flink');
    assert.equal(r.diagnostics[0].range.start.line, 8);
    assert.match(String(r.diagnostics[0].message), /nope/);
    console.log(`      ${r.summary}`);
  });

  it('runs one statement after its DDL/SET, streaming columns with types and all 25 rows', async () => {
    const t0 = Date.now();
    const done = await connection.sendRequest(FlinkExecuteRequest, { uri: URI, connection: remote, executionId: 'one', statementIndex: 3, limit: 100 });
    assert.ok(done.ok, done.message);
    const got = events.get('one') ?? [];
    const starts = got.filter((e) => e.type === 'start').map((e) => e.statement);
    assert.deepEqual(starts, [0, 1, 2, 3], 'the DDL/SET before it run, the later queries do not');
    const columns = got.find((e) => e.type === 'columns');
    assert.deepEqual(columns?.type === 'columns' && columns.columns, [{ name: 'id', type: 'BIGINT' }, { name: 'name', type: 'STRING' }]);
    const rows = got.flatMap((e) => (e.type === 'rows' ? e.rows : []));
    assert.equal(rows.length, 25);
    assert.deepEqual(rows.map((r) => r.fields[0]).sort((a, b) => Number(a) - Number(b)), Array.from({ length: 25 }, (_, i) => i + 1));
    assert.equal(got[got.length - 1].type, 'done');
    console.log(`      25 rows in ${Date.now() - t0} ms over ${got.filter((e) => e.type === 'rows').length} row event(s)`);
  });

  it('runs the whole draft and stops at the failing statement with its range', async () => {
    const done = await connection.sendRequest(FlinkExecuteRequest, { uri: URI, connection: remote, executionId: 'all', limit: 10 });
    assert.equal(done.ok, false);
    const got = events.get('all') ?? [];
    const err = got.find((e) => e.type === 'error');
    assert.ok(err?.type === 'error', JSON.stringify(got.map((e) => e.type)));
    assert.equal(err.statement, 5);
    assert.equal(err.range.start.line, 8);
    const first = got.find((e) => e.type === 'end' && e.statement === 3);
    assert.ok(first?.type === 'end' && first.rowCount === 10 && first.truncated, 'the limit truncates the first query');
    const count = got.filter((e) => e.type === 'rows' && e.statement === 4).flatMap((e) => (e.type === 'rows' ? e.rows : []));
    assert.deepEqual(count.map((r) => r.fields), [[25]]);
  });

  it('streams a large result in batched notifications (bounded by the row limit)', async () => {
    const big = "CREATE TEMPORARY TABLE many (id BIGINT, payload STRING) WITH ('connector' = 'datagen', 'number-of-rows' = '50000', 'fields.payload.length' = '40');\nSELECT id, payload FROM many;\n";
    const uri = 'file:///drafts/many.flink.sql';
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'flink-sql', version: 1, text: big } });
    const t0 = Date.now();
    const done = await connection.sendRequest(FlinkExecuteRequest, { uri, connection: remote, executionId: 'many', statementIndex: 1, limit: 20_000 });
    const ms = Date.now() - t0;
    assert.ok(done.ok, done.message);
    const rows = (events.get('many') ?? []).flatMap((e) => (e.type === 'rows' ? e.rows : []));
    assert.equal(rows.length, 20_000, 'stopped at the row limit');
    const end = (events.get('many') ?? []).find((e) => e.type === 'end' && e.statement === 1);
    assert.ok(end?.type === 'end' && end.truncated);
    const sent = notifications.get('many') ?? 0;
    assert.ok(sent < rows.length / 100, `${sent} notifications for ${rows.length} rows`);
    console.log(`      20000 rows in ${ms} ms (${Math.round(20_000 / (ms / 1000))} rows/s) over ${sent} notifications`);
  });

  it('stops a running query on cancelExecution', async () => {
    const unbounded = "CREATE TEMPORARY TABLE forever (x INT) WITH ('connector' = 'datagen', 'rows-per-second' = '1');\nSELECT x FROM forever;\n";
    const uri = 'file:///drafts/forever.flink.sql';
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'flink-sql', version: 1, text: unbounded } });
    const running = connection.sendRequest(FlinkExecuteRequest, { uri, connection: remote, executionId: 'forever', limit: 1000 });
    const deadline = Date.now() + 60_000;
    while (!(events.get('forever') ?? []).some((e) => e.type === 'rows') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const t0 = Date.now();
    assert.deepEqual(await connection.sendRequest(FlinkCancelExecutionRequest, { executionId: 'forever' }), { cancelled: true });
    const done = await running;
    assert.equal(done.cancelled, true);
    console.log(`      cancelled ${Date.now() - t0} ms after the request`);
  });

  it('reads the catalogs with the draft\'s temporary tables, and DESCRIBEs one', async () => {
    const tree = await connection.sendRequest(FlinkCatalogTreeRequest, { connection: remote, uri: URI });
    assert.ok(tree.ok, tree.error);
    const def = tree.catalogs.find((c) => c.name === 'default_catalog');
    const db = def?.databases.find((d) => d.name === 'default_database');
    assert.ok(db, JSON.stringify(tree));
    assert.ok(db.tables.includes('numbers'), JSON.stringify(db));
    assert.deepEqual(db.views, ['small']);
    const described = await connection.sendRequest(FlinkDescribeTableRequest, { connection: remote, uri: URI, path: ['default_catalog', 'default_database', 'numbers'] });
    assert.ok(described.ok, described.error);
    assert.deepEqual(described.columns.map((c) => [c.name, c.type]), [['id', 'BIGINT'], ['name', 'STRING']]);
  });

  it('once catalogs are read, warns about a table neither the draft nor the catalogs know', async () => {
    const uri = 'file:///drafts/typo.flink.sql';
    const text = "CREATE TEMPORARY TABLE numbers (id BIGINT) WITH ('connector' = 'datagen');\nSELECT id FROM numbers;\nSELECT id FROM numbrs;\n";
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'flink-sql', version: 1, text } });
    const tree = await connection.sendRequest(FlinkCatalogTreeRequest, { connection: remote, uri });
    assert.ok(tree.ok, tree.error);
    let warnings: Diagnostic[] = [];
    for (let i = 0; i < 100 && !warnings.length; i++) {
      warnings = (published.get(uri) ?? []).filter((d) => d.code === 'unknown-table');
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(warnings.length, 1, JSON.stringify(published.get(uri)));
    assert.equal(warnings[0].range.start.line, 2);
    assert.match(String(warnings[0].message), /Table 'numbrs' is not defined in this draft and was not found in the catalogs \(default_catalog\)/);
  });

  it('reports the local cluster and a remote gateway that is not there', async () => {
    const { workspaceDir, flinkVersion } = sharedCluster();
    const local = await connection.sendRequest(FlinkLocalClusterRequest, { action: 'status', workspaceDir });
    assert.equal(local.state, 'running');
    assert.equal(local.flinkVersion, flinkVersion);
    const gone = await connection.sendRequest(FlinkCheckConnectionRequest, { connection: { target: 'remote', gatewayUrl: 'http://127.0.0.1:9' } });
    assert.equal(gone.state, 'unreachable');
    assert.match(gone.message ?? '', /not reachable/);
    const v = await connection.sendRequest(FlinkValidateRequest, { uri: URI, connection: { target: 'local', workspaceDir, autoStart: false } });
    assert.ok(v.validatedOnFlink, v.summary);
  });
});
