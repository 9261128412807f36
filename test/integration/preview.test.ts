// Preview and tests on the shared local Flink: sinks captured (nothing written), mocked sources read from fixtures
// with their event time, changelogs and final tables, test-file verdicts with diffs and JUnit XML, and every bad
// input a clear message on the right line.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { preview, type PreviewEvent } from '../../server/src/preview/preview';
import type { MockSource } from '../../server/src/preview/fixtures';
import { readTestFile } from '../../server/src/preview/testFile';
import { runTestFile } from '../../server/src/preview/testRunner';
import { testCommand } from '../../server/src/cli/commands/test';
import { MaterializedTable, type ChangelogRow } from '../../server/src/flink/results';
import { sharedCluster, sharedClusterOf } from './cluster';

const target = () => ({ gatewayUrl: sharedCluster().gatewayUrl, restUrl: sharedCluster().restUrl });
type Target = ReturnType<typeof target>;

interface Sink { sink?: string; columns: string[]; rows: ChangelogRow[]; timedOut: boolean; truncated: boolean }

async function run(script: string, mocks: Record<string, MockSource> = {}, options: { timeoutMs?: number; limit?: number; baseDir?: string; on?: Target; flinkVersion?: '1.20' } = {}) {
  const events: PreviewEvent[] = [];
  const t0 = performance.now();
  const o = { mocks, timeoutMs: options.timeoutMs ?? 60_000, limit: options.limit, baseDir: options.baseDir, flinkVersion: options.flinkVersion };
  for await (const e of preview(script, options.on ?? target(), o)) events.push(e);
  const sinks = new Map<number, Sink>();
  for (const e of events) {
    if (e.type === 'sink') sinks.set(e.result, { sink: e.sink, columns: [], rows: [], timedOut: false, truncated: false });
    if (e.type === 'columns') sinks.get(e.result)!.columns = e.columns.map((c) => c.name);
    if (e.type === 'rows') sinks.get(e.result)!.rows.push(...e.rows);
    if (e.type === 'end') Object.assign(sinks.get(e.result)!, { timedOut: e.timedOut, truncated: e.truncated });
  }
  const bySink = (name: string) => [...sinks.values()].find((s) => s.sink === name)!;
  return { events, bySink, errors: events.filter((e) => e.type === 'error'), ms: Math.round(performance.now() - t0) };
}

const ORDERS = `CREATE TEMPORARY TABLE orders (
  id INT,
  customer STRING,
  amount DECIMAL(10, 2),
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (
  'connector' = 'datagen'
);
`;

/** A statement set with a windowed and an updating sink; the windowed one on the filesystem at `out` (created empty). */
function twoSinks(out: string): string {
  fs.mkdirSync(out, { recursive: true });
  return `${ORDERS}CREATE TEMPORARY TABLE per_window (window_start TIMESTAMP(3), orders BIGINT, total DECIMAL(10, 2))
WITH ('connector' = 'filesystem', 'path' = '${out}', 'format' = 'csv');
CREATE TEMPORARY TABLE per_customer (customer STRING, orders BIGINT) WITH ('connector' = 'blackhole');
EXECUTE STATEMENT SET BEGIN
INSERT INTO per_window
SELECT window_start, COUNT(*), SUM(amount)
FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
INSERT INTO per_customer SELECT customer, COUNT(*) FROM orders GROUP BY customer;
END;`;
}

const ORDERS_CSV = [
  'customer,id,ts,amount',
  'alice,1,2024-01-01 00:00:01,10.50',
  'bob,2,2024-01-01 00:00:07,3',
  'alice,3,2024-01-01 00:00:12,1.25',
].join('\n') + '\n';

describe('preview (real Flink)', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-it-'));
    fs.writeFileSync(path.join(dir, 'orders.csv'), ORDERS_CSV);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('captures both sinks of a statement set, writes nothing, and fires event-time windows of a mocked source', async () => {
    const out = path.join(dir, 'fs-sink');
    const r = await run(twoSinks(out), { orders: { file: path.join(dir, 'orders.csv') } });
    assert.deepEqual(r.errors, []);
    const windows = r.bySink('per_window');
    assert.deepEqual(windows.columns, ['window_start', 'orders', 'total']);
    assert.deepEqual(windows.rows, [
      { kind: 'INSERT', fields: ['2024-01-01T00:00:00', 2, 13.5] },
      { kind: 'INSERT', fields: ['2024-01-01T00:00:10', 1, 1.25] },
    ]);
    const customers = r.bySink('per_customer');
    assert.equal(customers.timedOut, false);
    const table = new MaterializedTable();
    table.applyAll(customers.rows);
    assert.deepEqual(table.rows().sort(), [['alice', 2], ['bob', 1]]);
    assert.deepEqual(fs.readdirSync(out), [], 'the filesystem sink got files');
    process.stderr.write(`      preview of a two-sink statement set on a warm cluster: ${r.ms} ms\n`);
  });

  it('shows an updating query as its changelog, whose final table is the aggregate', async () => {
    const script = `${ORDERS}CREATE TEMPORARY TABLE totals (customer STRING, total DECIMAL(10, 2), PRIMARY KEY (customer) NOT ENFORCED) WITH ('connector' = 'blackhole');
INSERT INTO totals SELECT customer, SUM(amount) FROM orders GROUP BY customer;`;
    const r = await run(script, { orders: { rows: [{ id: 1, customer: 'a', amount: 1, ts: '2024-01-01 00:00:00' }, { id: 2, customer: 'a', amount: 2, ts: '2024-01-01 00:00:01' }] } });
    assert.deepEqual(r.errors, []);
    const kinds = r.bySink('totals').rows.map((x) => x.kind);
    assert.deepEqual(kinds, ['INSERT', 'UPDATE_BEFORE', 'UPDATE_AFTER']);
    const table = new MaterializedTable();
    table.applyAll(r.bySink('totals').rows);
    assert.deepEqual(table.rows(), [['a', 3]]);
  });

  it('stops an unmocked unbounded source at the time limit with what arrived', async () => {
    const script = `${ORDERS}CREATE TEMPORARY TABLE sink1 (id INT) WITH ('connector' = 'blackhole');
INSERT INTO sink1 SELECT id FROM orders WHERE id IS NULL;`;
    const r = await run(script, {}, { timeoutMs: 3_000 });
    assert.deepEqual(r.errors, []);
    assert.equal(r.bySink('sink1').timedOut, true);
  });

  it('puts a fixture Flink cannot read on the fixture line, and Flink errors on the draft line', async () => {
    const script = `${ORDERS}CREATE TEMPORARY TABLE sink1 (id INT, customer STRING, amount DECIMAL(10, 2), ts TIMESTAMP(3)) WITH ('connector' = 'blackhole');
INSERT INTO sink1 SELECT * FROM orders;`;
    fs.writeFileSync(path.join(dir, 'short.csv'), '1,alice,1.5,2024-01-01 00:00:01\n2,bob,2.5\n');
    const short = await run(script, { orders: { file: path.join(dir, 'short.csv') } });
    assert.equal(short.errors.length, 1);
    const e1 = short.errors[0] as Extract<PreviewEvent, { type: 'error' }>;
    assert.deepEqual(e1.fixture, { file: path.join(dir, 'short.csv'), line: 2 });
    assert.match(e1.message, /Row length mismatch\. 4 fields expected but was 3/);
    assert.equal(e1.line, 1, 'the mocked CREATE TABLE');

    fs.writeFileSync(path.join(dir, 'bad.csv'), 'id,customer,amount,ts\n1,alice,1.5,2024-01-01 00:00:01\n\nxx,bob,2.5,2024-01-01 00:00:02\n');
    const bad = await run(script, { orders: { file: path.join(dir, 'bad.csv') } });
    const e2 = bad.errors[0] as Extract<PreviewEvent, { type: 'error' }>;
    assert.deepEqual(e2.fixture, { file: path.join(dir, 'bad.csv'), line: 4 });
    assert.match(e2.message, /column id: For input string: "xx"/);

    const wrong = await run(`${ORDERS}CREATE TEMPORARY TABLE sink1 (customer STRING, n BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO sink1
SELECT customer,
       COUNT(nope)
FROM orders GROUP BY customer;`, { orders: { file: path.join(dir, 'orders.csv') } });
    const e3 = wrong.errors[0] as Extract<PreviewEvent, { type: 'error' }>;
    assert.equal(e3.line, 13);
    assert.match(e3.message, /Column 'nope' not found/);

    const arity = await run(`${ORDERS}CREATE TEMPORARY TABLE sink1 (customer STRING, n BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO sink1 SELECT customer FROM orders;`, { orders: { file: path.join(dir, 'orders.csv') } });
    // The planner's own words, as Validate gives them (the INSERT is planned into a twin of its sink first).
    assert.match((arity.errors[0] as { message: string }).message, /sink for 'sink1' do not match\. Cause: Different number of columns/);

    const noSink = await run(`${ORDERS}INSERT INTO nowhere SELECT id FROM orders;`, { orders: { file: path.join(dir, 'orders.csv') } });
    const e4 = noSink.errors[0] as Extract<PreviewEvent, { type: 'error' }>;
    assert.equal(e4.line, 10);
    assert.match(e4.message, /Sink nowhere is not defined/);

    const noTable = await run(`${ORDERS}SELECT 1;`, { customers: { file: path.join(dir, 'orders.csv') } });
    assert.match((noTable.errors[0] as { message: string }).message, /defines no table customers to mock/);
  });

  it('fails where the real INSERT would: a type the sink column cannot take, on the INSERT, in the sink\'s words', async () => {
    const script = `${ORDERS}CREATE TEMPORARY TABLE sink1 (id INT, customer INT) WITH ('connector' = 'kafka', 'topic' = 't', 'properties.bootstrap.servers' = 'k:9092', 'format' = 'json');
INSERT INTO sink1 /*+ OPTIONS('sink.parallelism' = '1') */
SELECT id, customer FROM orders;`;
    const r = await run(script, { orders: { file: path.join(dir, 'orders.csv') } });
    assert.equal(r.errors.length, 1, JSON.stringify(r.events));
    const e = r.errors[0] as Extract<PreviewEvent, { type: 'error' }>;
    assert.match(e.message, /Incompatible types for sink column 'customer' at position 2/);
    assert.match(e.message, /sink for 'sink1'/);
    assert.equal(e.line, 11, 'the INSERT');
    assert.match(script.slice(e.start, e.end), /^INSERT INTO sink1 [^]*FROM orders$/);
    // What an INSERT accepts (INT into BIGINT, a hint for the Kafka sink, no Kafka jar) previews as before.
    const ok = await run(`${ORDERS}CREATE TEMPORARY TABLE sink2 (id BIGINT, customer STRING) WITH ('connector' = 'kafka', 'topic' = 't', 'properties.bootstrap.servers' = 'k:9092', 'format' = 'json');
INSERT INTO sink2 /*+ OPTIONS('sink.parallelism' = '1') */ SELECT id, customer FROM orders;`, { orders: { file: path.join(dir, 'orders.csv') } });
    assert.deepEqual(ok.errors, []);
    assert.equal(ok.bySink('sink2').rows.length, 3);
  });

  it('runs a test file: a passing and a failing case, the diff, a case that never finishes, JUnit XML', async () => {
    fs.writeFileSync(path.join(dir, 'shop.flink.sql'), `${ORDERS}CREATE TEMPORARY TABLE per_customer (customer STRING, orders BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO per_customer SELECT customer, COUNT(*) FROM orders GROUP BY customer;
`);
    fs.writeFileSync(path.join(dir, 'shop.test.yaml'), `draft: shop.flink.sql
timeout: 20s
cases:
  - name: counts per customer
    sources:
      orders: { file: orders.csv }
    expect:
      per_customer:
        rows:
          - { customer: bob, orders: 1 }
          - { customer: alice, orders: 2 }
  - name: changelog is wrong on purpose
    sources:
      orders:
        rows:
          - { id: 1, customer: a, amount: 1, ts: "2024-01-01 00:00:00" }
    expect:
      per_customer:
        changelog:
          - { op: +I, customer: a, orders: 2 }
  - name: no such sink
    sources:
      orders: { file: orders.csv }
    expect:
      per_region:
        rows: []
  - name: never finishes
    timeout: 3s
    expect:
      per_customer:
        rows: []
`);
    const { test, problems } = readTestFile(path.join(dir, 'shop.test.yaml'));
    assert.deepEqual(problems, []);
    const result = await runTestFile(test!, target());
    const [pass, fail, missing, forever] = result.cases;
    assert.equal(pass.status, 'passed', JSON.stringify(pass));
    assert.equal(fail.status, 'failed');
    assert.deepEqual(fail.sinks[0].diff, ['- { op: +I, customer: "a", orders: 2 }', '+ { op: +I, customer: "a", orders: 1 }']);
    assert.equal(fail.sinks[0].line, 18);
    assert.equal(missing.status, 'failed');
    assert.match(missing.sinks[0].problem!, /the draft writes no sink per_region \(it writes per_customer\)/);
    assert.equal(missing.sinks[0].line, 25);
    assert.equal(forever.status, 'failed');
    assert.equal(forever.timedOut, true);
    assert.match(forever.sinks[0].problem!, /did not finish within 3 s/);
    process.stderr.write(`      one test case on a warm cluster: ${pass.elapsedMs} ms\n`);

    // The CLI: exit 1, JUnit XML with one failure per failing case.
    const report = path.join(dir, 'junit.xml');
    let stderr = '';
    const code = await testCommand.run([path.join(dir, 'shop.test.yaml'), '--reporter', 'junit', '--output', report, '--gateway', sharedCluster().gatewayUrl, '--case', 'counts per customer', '--case', 'changelog is wrong on purpose'],
      { stdout: () => undefined, stderr: (s) => { stderr += s; } });
    assert.equal(code, 1, stderr);
    const xml = fs.readFileSync(report, 'utf8');
    assert.match(xml, /<testsuite name="[^"]*shop\.test\.yaml" tests="2" failures="1" errors="0"/);
    assert.match(xml, /<testcase name="counts per customer" [^>]*\/>/);
    assert.match(xml, /<failure message="sink per_customer differ">per_customer \(line 18\)\n- \{ op: \+I, customer: &quot;a&quot;, orders: 2 \}/);
  });
});

describe('preview on Flink 1.20 (real Flink 1.20)', function () {
  this.timeout(600_000);
  let dir: string;
  let on: Target;
  before(async () => {
    const c = await sharedClusterOf('1.20');
    on = { gatewayUrl: c.gatewayUrl, restUrl: c.restUrl };
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-120-it-'));
    fs.writeFileSync(path.join(dir, 'orders.csv'), ORDERS_CSV);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('captures both sinks of a statement set (nothing written) and fires the mocked source\'s windows', async () => {
    const out = path.join(dir, 'fs-sink');
    const r = await run(twoSinks(out), { orders: { file: path.join(dir, 'orders.csv') } }, { on, flinkVersion: '1.20' });
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.bySink('per_window').rows, [
      { kind: 'INSERT', fields: ['2024-01-01T00:00:00', 2, 13.5] },
      { kind: 'INSERT', fields: ['2024-01-01T00:00:10', 1, 1.25] },
    ]);
    const table = new MaterializedTable();
    table.applyAll(r.bySink('per_customer').rows);
    assert.deepEqual(table.rows().sort(), [['alice', 2], ['bob', 1]]);
    assert.deepEqual(fs.readdirSync(out), [], 'the filesystem sink got files');
    process.stderr.write(`      1.20: preview of a two-sink statement set: ${r.ms} ms\n`);
  });

  it('gives a test file\'s verdicts: a passing case and a failing one with its diff', async () => {
    fs.writeFileSync(path.join(dir, 'shop.flink.sql'), `${ORDERS}CREATE TEMPORARY TABLE per_customer (customer STRING, orders BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO per_customer SELECT customer, COUNT(*) FROM orders GROUP BY customer;
`);
    fs.writeFileSync(path.join(dir, 'shop.deployment.yaml'), 'name: shop\ntype: SQL\ntarget: session\nflinkVersion: "1.20"\n');
    fs.writeFileSync(path.join(dir, 'shop.test.yaml'), `draft: shop.flink.sql
cases:
  - name: counts per customer
    sources: { orders: { file: orders.csv } }
    expect: { per_customer: { rows: [{ customer: bob, orders: 1 }, { customer: alice, orders: 2 }] } }
  - name: wrong on purpose
    sources: { orders: { file: orders.csv } }
    expect: { per_customer: { rows: [{ customer: bob, orders: 2 }, { customer: alice, orders: 2 }] } }
`);
    const { test, problems } = readTestFile(path.join(dir, 'shop.test.yaml'));
    assert.deepEqual(problems, []);
    const result = await runTestFile(test!, on, { flinkVersion: '1.20' });
    assert.deepEqual(result.cases.map((c) => c.status), ['passed', 'failed']);
    assert.deepEqual(result.cases[1].sinks[0].diff.filter((l) => l.startsWith('-') || l.startsWith('+')),
      ['- { customer: "bob", orders: 2 }', '+ { customer: "bob", orders: 1 }']);
  });
});
