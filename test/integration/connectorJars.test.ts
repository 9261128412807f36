// Connector jars on the local cluster: without them Validate says which jar is missing and how to add it; a
// cluster started with connectors kafka and jdbc (their pinned jars on every process's classpath) plans kafka,
// upsert-kafka and jdbc drafts with no ADD JAR. EXPLAIN needs no reachable broker or database.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { localClusterFor, type ClusterInfo } from '../../server/src/flink/localCluster';
import { installConnectors } from '../../server/src/flink/provisionConnectors';
import { validate } from '../../server/src/flink/validate';
import { sharedCluster } from './cluster';

const KAFKA = `CREATE TEMPORARY TABLE orders (
  order_id BIGINT,
  amount DECIMAL(10, 2)
) WITH (
  'connector' = 'kafka',
  'topic' = 'orders',
  'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json'
);
CREATE TEMPORARY TABLE totals (
  order_id BIGINT,
  amount DECIMAL(10, 2),
  PRIMARY KEY (order_id) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'totals',
  'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json',
  'value.format' = 'json'
);
INSERT INTO totals SELECT order_id, SUM(amount) FROM orders GROUP BY order_id;
`;

const JDBC = `CREATE TEMPORARY TABLE customers (
  id BIGINT,
  name STRING,
  PRIMARY KEY (id) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = 'jdbc:postgresql://localhost:5432/shop',
  'table-name' = 'customers'
);
SELECT id, name FROM customers;
`;

const msg = (m: unknown) => (typeof m === 'string' ? m : (m as { value: string }).value);

describe('connector jars on the local cluster', function () {
  this.timeout(300_000);

  it('without the jar, Validate names the missing jar and the setting, the flag and ADD JAR', async () => {
    const { diagnostics } = await validate(KAFKA, { gatewayUrl: sharedCluster().gatewayUrl });
    const flink = diagnostics.filter((d) => d.source === 'flink');
    assert.ok(flink.length >= 1, JSON.stringify(diagnostics));
    const text = msg(flink[0].message);
    assert.match(text, /Could not find any factory for identifier 'kafka'/);
    assert.match(text, /flink-sql-connector-kafka-5\.0\.0-2\.2\.jar/);
    assert.match(text, /flinkSql\.localCluster\.connectors/);
    assert.match(text, /flink-sql local start --connectors kafka/);
    assert.match(text, /ADD JAR/);
  });

  describe('a cluster started with connectors kafka and jdbc', () => {
    let dir: string;
    let info: ClusterInfo;
    before(async () => {
      const version = sharedCluster().flinkVersion;
      await installConnectors({ version, names: ['kafka', 'jdbc'] });
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flink-sql-studio-it-connectors-'));
      const t0 = Date.now();
      info = await localClusterFor(dir, version).start({ connectors: ['kafka', 'jdbc'] });
      process.stderr.write(`  [flink] cluster with kafka, jdbc up in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    });
    after(async () => {
      if (dir) {
        await localClusterFor(dir, sharedCluster().flinkVersion).stop();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('records its connectors', () => {
      assert.deepEqual(info.connectors, ['jdbc', 'kafka']);
    });

    it('validates kafka and upsert-kafka drafts with no ADD JAR and no broker', async () => {
      const r = await validate(KAFKA, { gatewayUrl: info.gatewayUrl });
      assert.deepEqual(r.diagnostics, []);
    });

    it('validates a jdbc draft with no ADD JAR and no database', async () => {
      const r = await validate(JDBC, { gatewayUrl: info.gatewayUrl });
      assert.deepEqual(r.diagnostics, []);
    });

    it('still gets the planner\'s kafka errors (on the CREATE TABLE)', async () => {
      const draft = KAFKA.replace("  'topic' = 'orders',\n", '');
      const r = await validate(draft, { gatewayUrl: info.gatewayUrl });
      const flink = r.diagnostics.filter((d) => d.source === 'flink');
      assert.equal(flink.length, 1, JSON.stringify(r.diagnostics));
      assert.match(msg(flink[0].message), /Either 'topic' or 'topic-pattern' must be set/);
      assert.equal(flink[0].range.start.line, 3, 'the WITH line of CREATE TABLE orders');
    });
  });
});
