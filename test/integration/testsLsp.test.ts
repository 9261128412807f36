// The Test Explorer's run request on the real local Flink, over stdio as the extension speaks it: a passing and a
// failing case stream started / verdict events in order, the failure with both sides of its diff and the draft
// line that feeds the sink; one case alone; and a run cancelled mid-case stops.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import { FlinkRunTestsRequest, FlinkTestEventNotification, type FlinkConnectionParams, type TestRunEvent } from '../../server/src/protocol';
import { startStdioServer, stopStdioServer, type StdioServer } from '../unit/lsp/stdioServer';
import { sharedCluster } from './cluster';

const DRAFT = `CREATE TEMPORARY TABLE orders (
  id INT,
  customer STRING
) WITH (
  'connector' = 'datagen'
);
CREATE TEMPORARY TABLE per_customer (customer STRING, orders BIGINT) WITH ('connector' = 'blackhole');

INSERT INTO per_customer SELECT customer, COUNT(*) FROM orders GROUP BY customer;
`;
const TEST = `draft: shop.flink.sql
timeout: 30s
cases:
  - name: counts per customer
    sources:
      orders:
        rows:
          - { id: 1, customer: alice }
          - { id: 2, customer: bob }
          - { id: 3, customer: alice }
    expect:
      per_customer:
        rows:
          - { customer: bob, orders: 1 }
          - { customer: alice, orders: 2 }
  - name: wrong on purpose
    sources:
      orders:
        rows:
          - { id: 1, customer: a }
    expect:
      per_customer:
        rows:
          - { customer: a, orders: 2 }
  - name: never finishes
    timeout: 60s
    expect:
      per_customer:
        rows: []
`;

describe('language server: test runs on a real cluster', function () {
  this.timeout(180_000);
  let server: StdioServer;
  let dir: string;
  let remote: FlinkConnectionParams;
  const events = new Map<string, TestRunEvent[]>();

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tests-lsp-'));
    fs.writeFileSync(path.join(dir, 'shop.flink.sql'), DRAFT);
    fs.writeFileSync(path.join(dir, 'shop.test.yaml'), TEST);
    const { gatewayUrl, restUrl } = sharedCluster();
    remote = { target: 'remote', gatewayUrl, restUrl };
    server = await startStdioServer({
      register: (c) => c.onNotification(FlinkTestEventNotification, (p) => { events.set(p.runId, [...(events.get(p.runId) ?? []), p.event]); }),
    });
  });
  after(() => {
    stopStdioServer(server);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const uri = () => pathToFileURL(path.join(dir, 'shop.test.yaml')).toString();

  it('runs two cases: started and verdict events in order, the failure with its diff and the feeding statement', async () => {
    const t0 = Date.now();
    const done = await server.connection.sendRequest(FlinkRunTestsRequest, { uri: uri(), runId: 'two', connection: remote, cases: ['counts per customer', 'wrong on purpose'] });
    const got = events.get('two') ?? [];
    assert.deepEqual(got.map((e) => `${e.type} ${e.case}`), ['started counts per customer', 'passed counts per customer', 'started wrong on purpose', 'failed wrong on purpose']);
    assert.deepEqual(done.ok, false);
    const failed = got[3];
    assert.ok(failed.type === 'failed');
    assert.equal(failed.line, 16);
    const [sink] = failed.sinks;
    assert.deepEqual({ ...sink, problem: undefined }, {
      sink: 'per_customer', ok: false, line: 22, draftLine: 9, problem: undefined,
      diff: ['- { customer: "a", orders: 2 }', '+ { customer: "a", orders: 1 }'],
      expected: ['{ customer: "a", orders: 2 }'], actual: ['{ customer: "a", orders: 1 }'],
    });
    console.log(`      two cases in ${Date.now() - t0} ms (${got.filter((e) => e.type !== 'started').map((e) => 'elapsedMs' in e ? `${e.elapsedMs} ms` : '').join(', ')})`);
  });

  it('stops a run that is cancelled while a case runs', async () => {
    const cts = new CancellationTokenSource();
    const started = new Promise<void>((resolve) => {
      const timer = setInterval(() => { if (events.get('cancel')?.length) { clearInterval(timer); resolve(); } }, 100);
    });
    const request = server.connection.sendRequest(FlinkRunTestsRequest, { uri: uri(), runId: 'cancel', connection: remote, cases: ['never finishes'] }, cts.token);
    await started;
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, 2_000));
    cts.cancel();
    await request.then(() => assert.fail('a cancelled run answered'), (err: { code?: number }) => assert.equal(err.code, -32800));
    // The server drops the case: no verdict after the cancel.
    await new Promise((r) => setTimeout(r, 3_000));
    assert.deepEqual((events.get('cancel') ?? []).map((e) => e.type), ['started']);
    assert.ok(Date.now() - t0 < 30_000);
  });
});
