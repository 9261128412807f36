// The Test Explorer's requests over stdio, as the extension speaks them, without a cluster: the outline of a test
// file (from the editor's text or the disk), and a run that cannot start saying why instead of failing silently.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FlinkRunTestsRequest, FlinkTestEventNotification, FlinkTestFileRequest, type FlinkTestEventParams } from '../../../server/src/protocol';
import { startStdioServer, stopStdioServer, type StdioServer } from './stdioServer';

const DRAFT = `CREATE TEMPORARY TABLE orders (id INT, customer STRING) WITH ('connector' = 'datagen');
CREATE TEMPORARY TABLE per_customer (customer STRING, n BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO per_customer SELECT customer, COUNT(*) FROM orders GROUP BY customer;
`;
const TEST = `draft: shop.flink.sql
cases:
  - name: counts
    sources:
      orders:
        rows:
          - { id: 1, customer: a }
    expect:
      per_customer:
        rows:
          - { customer: a, n: 1 }
`;

describe('language server: test files (no cluster)', function () {
  this.timeout(60_000);
  let server: StdioServer;
  let dir: string;
  const events: FlinkTestEventParams[] = [];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'test-handlers-'));
    fs.writeFileSync(path.join(dir, 'shop.flink.sql'), DRAFT);
    fs.writeFileSync(path.join(dir, 'shop.test.yaml'), TEST);
    server = await startStdioServer({ register: (c) => c.onNotification(FlinkTestEventNotification, (p) => { events.push(p); }) });
  });
  after(() => {
    stopStdioServer(server);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const uri = () => pathToFileURL(path.join(dir, 'shop.test.yaml')).toString();

  it('outlines a test file from disk, and from the editor\'s unsaved text', async () => {
    const fromDisk = await server.connection.sendRequest(FlinkTestFileRequest, { uri: uri() });
    assert.deepEqual(fromDisk, {
      isTestFile: true, draft: pathToFileURL(path.join(dir, 'shop.flink.sql')).toString(), problems: [],
      cases: [{ name: 'counts', line: 3, sinks: [{ sink: 'per_customer', line: 9 }] }],
    });
    const edited = await server.connection.sendRequest(FlinkTestFileRequest, { uri: uri(), text: TEST.replace('cases:', 'cases:\n  - name: first\n    expect: { per_customer: { rows: [] } }') });
    assert.deepEqual(edited.cases.map((c) => [c.name, c.line]), [['first', 3], ['counts', 5]]);
    const other = await server.connection.sendRequest(FlinkTestFileRequest, { uri: uri(), text: 'jobs: {}\n' });
    assert.equal(other.isTestFile, false);
  });

  it('a run without a reachable gateway answers why, and sends no case events', async () => {
    const done = await server.connection.sendRequest(FlinkRunTestsRequest, {
      uri: uri(), runId: 'r1', connection: { target: 'remote', gatewayUrl: 'http://127.0.0.1:9' },
    });
    assert.equal(done.ok, false);
    assert.equal(done.cancelled, false);
    assert.match(done.message ?? '', /127\.0\.0\.1:9|reach|refused/i);
    assert.deepEqual(events.filter((e) => e.runId === 'r1'), []);
  });

  it('a run of a broken test file says what is wrong on which line', async () => {
    const done = await server.connection.sendRequest(FlinkRunTestsRequest, {
      uri: uri(), runId: 'r2', text: 'draft: shop.flink.sql\ncases: []\n', connection: { target: 'remote', gatewayUrl: 'http://127.0.0.1:9' },
    });
    assert.equal(done.ok, false);
    assert.match(done.message ?? '', /^shop\.test\.yaml:2: cases/);
  });
});
