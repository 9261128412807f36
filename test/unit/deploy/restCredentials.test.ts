// The configured REST URL's credentials (userinfo) in deployment management: every JobManager call — the Deployments
// view's restart count included — goes through the REST client, which sends them as a header; and a publish without
// a cluster of its own records and prints that URL without them.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { jobManagerResolver } from '../../../server/src/deploy/clusters';
import { deploymentStatuses } from '../../../server/src/deploy/manage';
import { publish } from '../../../server/src/deploy/publish';
import { DeploymentStore } from '../../../server/src/deploy/store';
import { freePort } from '../../../server/src/flink/localClusterPorts';

const SEED = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'examples', 'datagen-to-blackhole.flink.sql'), 'utf8');
const JOB = 'a'.repeat(32);
const BASIC = `Basic ${Buffer.from('flink:s3cret').toString('base64')}`;

describe('deployments and the REST URL\'s credentials', function () {
  this.timeout(30_000);
  let ws: string;
  let draft: string;
  beforeEach(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'rest-credentials-'));
    draft = path.join(ws, 'orders.flink.sql');
    fs.writeFileSync(draft, SEED);
    fs.writeFileSync(path.join(ws, 'orders.deployment.yaml'), 'name: orders\ntype: SQL\ntarget: session\nbehavior: { maxJobCreationAttempts: 1 }\n');
  });
  afterEach(() => fs.rmSync(ws, { recursive: true, force: true }));

  it('reads the restart count through the REST client, with the URL\'s credentials like every other call', async () => {
    // A JobManager behind basic auth: without the header, 401.
    const seen: string[] = [];
    const jm = http.createServer((req, res) => {
      seen.push(`${req.url} ${req.headers.authorization === BASIC ? 'auth' : 'no-auth'}`);
      res.setHeader('content-type', 'application/json');
      if (req.headers.authorization !== BASIC) return void res.writeHead(401).end('{"errors":["unauthorized"]}');
      if (req.url === `/jobs/${JOB}/status`) return void res.end('{"status":"RUNNING"}');
      if (req.url === `/jobs/${JOB}/metrics?get=numRestarts`) return void res.end('[{"id":"numRestarts","value":"3"}]');
      res.writeHead(404).end('{"errors":["not found"]}');
    });
    await new Promise<void>((r) => jm.listen(0, '127.0.0.1', r));
    try {
      const port = (jm.address() as AddressInfo).port;
      const store = new DeploymentStore(ws);
      store.createVersion({
        format: 1, deployment: 'orders', version: 1, createdAt: new Date().toISOString(), draft: 'orders.flink.sql', target: 'session',
        flinkVersion: '2.3', restoreStrategy: 'latest-savepoint', status: 'running', attempts: [], notHonoured: [], jobId: JOB,
        cluster: { kind: 'remote', restUrl: `http://127.0.0.1:${port}` },
      }, SEED, 'name: orders\n', {});
      store.write({ format: 1, name: 'orders', currentVersion: 1, latestVersion: 1, savepoints: [], updatedAt: '' });
      const resolver = jobManagerResolver({ workspaceDir: ws, restUrl: `http://flink:s3cret@127.0.0.1:${port}`, timeoutMs: 3_000 });
      const [status] = await deploymentStatuses(ws, resolver, { details: true });
      assert.equal(status.state, 'RUNNING');
      assert.equal(status.restarts, 3, seen.join('\n'));
      assert.ok(seen.some((s) => s.startsWith(`/jobs/${JOB}/metrics`)), seen.join('\n'));
      assert.deepEqual(seen.filter((s) => s.endsWith('no-auth')), []);
      assert.equal(status.restUrl, `http://127.0.0.1:${port}`);
    } finally {
      await new Promise((r) => jm.close(r));
    }
  });

  it('a publish without a cluster of its own records and prints the gateway and REST URLs without their userinfo', async () => {
    const gatewayUrl = `http://flink:s3cret@127.0.0.1:${await freePort()}`; // nothing listens: the submit fails, the record stays
    const messages: string[] = [];
    await assert.rejects(publish({
      workspaceDir: ws, draftPath: draft, gateway: { gatewayUrl, restUrl: 'http://flink:s3cret@127.0.0.1:1' }, jobManagers: async () => undefined,
      skipFlinkValidation: true, onEvent: (e) => messages.push(JSON.stringify(e)),
    }));
    const store = new DeploymentStore(ws);
    const v = store.version('orders', 1);
    assert.equal(v.cluster?.restUrl, 'http://127.0.0.1:1');
    const written = fs.readdirSync(store.dirOf('orders'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile()).map((e) => fs.readFileSync(path.join(e.parentPath, e.name), 'utf8'));
    assert.ok(written.length > 0);
    for (const text of [...written, ...messages]) assert.ok(!text.includes('s3cret'), text);
  });
});
