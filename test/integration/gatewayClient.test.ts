// The SQL Gateway client against the shared local Flink: API version choice, sessions with properties,
// configure-session, complete-statement (a GET with a body), heartbeat, paged results and error answers.
import { strict as assert } from 'node:assert';
import { GatewayError } from '../../server/src/flink/flinkErrors';
import { GatewayClient, GatewaySession } from '../../server/src/flink/gatewayClient';
import { sharedCluster } from './cluster';

describe('gatewayClient (real Flink)', () => {
  let client: GatewayClient;
  before(async () => { client = await GatewayClient.connect(sharedCluster().gatewayUrl); });

  it('picks the newest REST API version the gateway serves and reads /info', async () => {
    assert.equal(client.apiVersion, 'v4');
    assert.deepEqual(await client.info(), { productName: 'Apache Flink', version: sharedCluster().flinkVersion });
  });

  it('opens a session with properties, configures it, completes statements and closes it', async () => {
    const session = await client.openSession({ 'parallelism.default': '2' }, 'client-test');
    try {
      assert.equal((await client.sessionConfig(session))['parallelism.default'], '2');
      await client.configureSession(session, "CREATE TEMPORARY TABLE src (name STRING) WITH ('connector' = 'datagen')");
      await client.configureSession(session, "SET 'table.local-time-zone' = 'UTC'");
      assert.equal((await client.sessionConfig(session))['table.local-time-zone'], 'UTC');
      assert.deepEqual(await client.completeStatement(session, 'SELECT * FROM sr', 16), ['default_catalog.default_database.src']);
      await client.heartbeat(session);
      await assert.rejects(client.configureSession(session, 'SELECT 1'), /Unsupported statement for configuring session/);
    } finally {
      await client.closeSession(session);
    }
    await assert.rejects(client.sessionConfig(session), (e: unknown) => e instanceof GatewayError && /does not exist/.test(e.message));
  });

  it('pages through results with rowFormat=JSON until EOS', async () => {
    const session = await GatewaySession.open(client);
    try {
      await session.run("CREATE TEMPORARY TABLE nums (n INT) WITH ('connector' = 'datagen', 'number-of-rows' = '50')");
      const r = await session.run('SELECT n FROM nums');
      assert.equal(r.isQueryResult, true);
      assert.match(r.jobId ?? '', /^[0-9a-f]{32}$/);
      assert.deepEqual(r.columns.map((c) => [c.name, c.logicalType.type]), [['n', 'INTEGER']]);
      assert.equal(r.rows.length, 50);
      assert.ok(r.rows.every((row) => row.kind === 'INSERT' && typeof row.fields[0] === 'number'));
    } finally {
      await session.close();
    }
  });

  it('turns a failed statement into a flink error with Flink\'s position', async () => {
    const session = await GatewaySession.open(client);
    try {
      await assert.rejects(session.run('SELECT x FROM (VALUES (1)) AS t(a)'), (e: unknown) => {
        assert.ok(e instanceof GatewayError);
        assert.equal(e.kind, 'flink');
        assert.equal(e.message, "Column 'x' not found in any table");
        assert.deepEqual(e.position, { startLine: 1, startColumn: 8, endLine: 1, endColumn: 8 });
        return true;
      });
    } finally {
      await session.close();
    }
  });
});
