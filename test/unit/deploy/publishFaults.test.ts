// Publish faults without a Flink: a gateway that is not there leaves the version marked failed with every
// attempt recorded and advice; a draft with errors or without an INSERT is refused before anything is recorded.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { publish, DraftErrorsError } from '../../../server/src/deploy/publish';
import { DeploymentStore } from '../../../server/src/deploy/store';
import { freePort } from '../../../server/src/flink/localClusterPorts';

const SEED = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'examples', 'datagen-to-blackhole.flink.sql'), 'utf8');

describe('publish faults', function () {
  this.timeout(30_000);
  let ws: string;
  beforeEach(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'publish-faults-'));
    fs.writeFileSync(path.join(ws, 'orders.deployment.yaml'), 'name: orders\ntype: SQL\ntarget: session\nbehavior: { maxJobCreationAttempts: 2 }\n');
  });
  afterEach(() => fs.rmSync(ws, { recursive: true, force: true }));

  it('marks the version failed when the gateway is gone, with each attempt and what to do', async () => {
    const draft = path.join(ws, 'orders.flink.sql');
    fs.writeFileSync(draft, SEED);
    const gatewayUrl = `http://127.0.0.1:${await freePort()}`;
    const events: string[] = [];
    await assert.rejects(publish({
      workspaceDir: ws, draftPath: draft, gateway: { gatewayUrl }, cluster: { kind: 'remote', gatewayUrl }, jobManagers: async () => undefined,
      skipFlinkValidation: true, onEvent: (e) => { if (e.type === 'attempt') events.push(`${e.attempt.attempt}/${e.max} ${e.willRetry ? 'retry' : 'last'}`); },
    }), /failed 2 time\(s\), the configured maximum.*is not reachable[\s\S]*Check that the session cluster is running/);
    assert.deepEqual(events, ['1/2 retry', '2/2 last']);
    const v = new DeploymentStore(ws).version('orders', 1);
    assert.equal(v.status, 'failed');
    assert.deepEqual(v.attempts.map((a) => a.ok), [false, false]);
    assert.match(v.error!, /not reachable/);
    assert.equal(new DeploymentStore(ws).require('orders').currentVersion, 0, 'nothing runs');
  });

  it('refuses a draft with errors before recording anything', async () => {
    const draft = path.join(ws, 'orders.flink.sql');
    fs.writeFileSync(draft, SEED.replace('SELECT', 'SELEC'));
    await assert.rejects(publish({ workspaceDir: ws, draftPath: draft, gateway: { gatewayUrl: 'http://127.0.0.1:1' }, jobManagers: async () => undefined }),
      (e: unknown) => e instanceof DraftErrorsError && e.stage === 'local' && /orders\.flink\.sql:\d+:\d+: error: /.test(e.message));
    assert.deepEqual(new DeploymentStore(ws).names(), []);
  });

  it('refuses a per-job or Kubernetes deployment of a draft with Python UDFs before recording anything, saying why', async () => {
    const draft = path.join(ws, 'orders.flink.sql');
    fs.writeFileSync(path.join(ws, 'text_udfs.py'), 'def shout(s):\n    return s.upper()\n');
    fs.writeFileSync(draft, `CREATE TEMPORARY FUNCTION shout AS 'text_udfs.shout' LANGUAGE PYTHON;\n${SEED}`);
    for (const target of ['per-job', 'k8s'] as const) {
      await assert.rejects(publish({ workspaceDir: ws, draftPath: draft, target, jobManagers: async () => undefined, skipFlinkValidation: true }),
        new RegExp(`Python UDFs run on a session cluster.*a ${target} deployment does not take them yet`));
    }
    assert.equal(new DeploymentStore(ws).read('orders'), undefined, 'nothing recorded');
  });
});
