// Deployment records under concurrency, crashes and a hostile .flink/: a savepoint taken while a publish writes
// its record is kept; a publish interrupted after its job was submitted is reconciled by the next one (which stops
// that job for the upgrade); records are never written through a symlinked .flink, deployments or <name> folder.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { JobManagerClient } from '../../../server/src/flink/restClient';
import { savepointDeployment } from '../../../server/src/deploy/manage';
import { publish, reconcileInterrupted } from '../../../server/src/deploy/publish';
import { DeploymentStore, type DeploymentVersion } from '../../../server/src/deploy/store';
import { freePort } from '../../../server/src/flink/localClusterPorts';

const SEED = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'examples', 'datagen-to-blackhole.flink.sql'), 'utf8');
const J1 = '1'.repeat(32);
const J2 = '2'.repeat(32);

function version(n: number, patch: Partial<DeploymentVersion> = {}): DeploymentVersion {
  return {
    format: 1, deployment: 'orders', version: n, createdAt: new Date().toISOString(), draft: 'orders.flink.sql', target: 'session',
    flinkVersion: '2.3', restoreStrategy: 'latest-savepoint', status: 'running', attempts: [], notHonoured: [],
    cluster: { kind: 'remote', restUrl: 'http://127.0.0.1:1' }, ...patch,
  };
}

/** A JobManager that knows some jobs' states, and records every stop and savepoint asked of it. */
function fakeJobManager(states: Record<string, string>, calls: string[] = [], jobs: Array<{ jid: string; name: string; state: string; 'start-time': number }> = []): JobManagerClient {
  const fake = {
    baseUrl: 'http://127.0.0.1:1',
    jobStatus: async (id: string) => {
      if (states[id]) return states[id];
      throw Object.assign(new Error('not found'), { status: 404 });
    },
    jobs: async () => jobs,
    triggerSavepoint: async (id: string) => { calls.push(`savepoint ${id}`); return 'trigger'; },
    stopWithSavepoint: async (id: string) => { calls.push(`stop ${id}`); states[id] = 'FINISHED'; return 'stop-trigger'; },
    waitForSavepoint: async (id: string, trigger: string) => `file:///savepoints/${trigger}-${id.slice(0, 4)}`,
    jobManagerConfig: async () => ({}),
    checkpoints: async () => { throw new Error('none'); },
  };
  return fake as unknown as JobManagerClient;
}

describe('deployment records: concurrency, crashes, symlinks', function () {
  this.timeout(60_000);
  let ws: string;
  let draft: string;
  beforeEach(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'record-safety-'));
    draft = path.join(ws, 'orders.flink.sql');
    fs.writeFileSync(draft, SEED);
    fs.writeFileSync(path.join(ws, 'orders.deployment.yaml'), 'name: orders\ntype: SQL\ntarget: session\nbehavior: { maxJobCreationAttempts: 1, restoreStrategy: latest-savepoint }\n');
  });
  afterEach(() => fs.rmSync(ws, { recursive: true, force: true }));

  function seedRunning(): DeploymentStore {
    const store = new DeploymentStore(ws);
    store.createVersion(version(1, { jobId: J1 }), SEED, 'name: orders\n', {});
    store.write({ format: 1, name: 'orders', currentVersion: 1, latestVersion: 1, savepoints: [], updatedAt: '' });
    return store;
  }

  it('keeps a savepoint recorded while a publish writes the record it read earlier', async () => {
    const store = seedRunning();
    const calls: string[] = [];
    const jm = fakeJobManager({ [J1]: 'RUNNING' }, calls);
    const gatewayUrl = `http://127.0.0.1:${await freePort()}`;
    const publishing = publish({
      workspaceDir: ws, draftPath: draft, gateway: { gatewayUrl }, cluster: { kind: 'remote', gatewayUrl, restUrl: jm.baseUrl },
      jobManagers: async () => jm, skipFlinkValidation: true,
    }).then(() => undefined, (e: unknown) => e as Error);
    // The moment the publish holds its lock (it has read the record), a savepoint of the running job lands.
    const lock = path.join(store.dirOf('orders'), '.publish.lock');
    while (!fs.existsSync(lock)) await new Promise((r) => setImmediate(r));
    const sp = await savepointDeployment(ws, 'orders', async () => jm);
    const err = await publishing;
    assert.match(String(err), /not reachable|Check that the session cluster/, 'the submission itself fails: no gateway');
    const rec = store.require('orders');
    // The upgrade check's savepoint of the running job is recorded too (the fake JobManager names every trigger alike).
    assert.deepEqual(rec.savepoints.map((s) => [s.how, s.path]), [['trigger', sp.savepoint], ['check', 'file:///savepoints/trigger-1111'], ['upgrade', 'file:///savepoints/stop-trigger-1111']]);
    assert.equal(rec.latestVersion, 2);
  });

  it('reconciles a publish interrupted after its job was submitted: the running job is the running version', async () => {
    const store = seedRunning();
    // Crash after the job was recorded, before deployment.json named it: v2 submitted, v3 never got a job.
    store.createVersion(version(2, { status: 'submitted', jobId: J2 }), SEED, 'name: orders\n', {});
    store.createVersion(version(3, { status: 'submitting' }), SEED, 'name: orders\n', {});
    store.write({ ...store.require('orders'), latestVersion: 3 });
    const notes = await reconcileInterrupted(store, 'orders', async () => fakeJobManager({ [J1]: 'FINISHED', [J2]: 'RUNNING' }));
    assert.equal(store.require('orders').currentVersion, 2);
    assert.equal(store.version('orders', 2).status, 'running');
    assert.equal(store.version('orders', 3).status, 'failed');
    assert.match(store.version('orders', 3).error!, /interrupted before its job was recorded/);
    assert.equal(notes.length, 2);
  });

  it('finds the job of an interrupted per-job publish on its own cluster', async () => {
    const store = seedRunning();
    store.createVersion(version(2, { target: 'per-job', status: 'submitting', cluster: { kind: 'per-job', clusterDir: path.join(ws, 'c') } }), SEED, 'name: orders\n', {});
    const jm = fakeJobManager({ [J2]: 'RUNNING' }, [], [{ jid: J2, name: 'orders', state: 'RUNNING', 'start-time': 1 }]);
    await reconcileInterrupted(store, 'orders', async (ref) => (ref?.kind === 'per-job' ? jm : undefined));
    assert.equal(store.version('orders', 2).jobId, J2);
    assert.equal(store.require('orders').currentVersion, 2);
  });

  it('the next publish stops the job an interrupted publish left running', async () => {
    const store = seedRunning();
    await store.updateVersion('orders', 1, { status: 'superseded' });
    store.createVersion(version(2, { status: 'submitted', jobId: J2 }), SEED, 'name: orders\n', {});
    store.write({ ...store.require('orders'), latestVersion: 2 });
    const calls: string[] = [];
    const jm = fakeJobManager({ [J1]: 'FINISHED', [J2]: 'RUNNING' }, calls);
    const gatewayUrl = `http://127.0.0.1:${await freePort()}`;
    // (the upgrade check, with its savepoint and state inspector, is the integration tier's: test/integration/upgradeCheck.test.ts)
    await assert.rejects(publish({ workspaceDir: ws, draftPath: draft, gateway: { gatewayUrl }, jobManagers: async () => jm, skipFlinkValidation: true, upgradeCheck: false }));
    assert.deepEqual(calls, [`stop ${J2}`], 'the job the crash left is upgraded, not left running beside the new one');
    assert.equal(store.version('orders', 2).status, 'superseded');
  });

  for (const link of ['.flink', '.flink/deployments', '.flink/deployments/orders']) {
    it(`writes no record through a symlinked ${link}`, async () => {
      const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'record-outside-'));
      try {
        const at = path.join(ws, link);
        fs.mkdirSync(path.dirname(at), { recursive: true });
        fs.symlinkSync(outside, at);
        const store = new DeploymentStore(ws);
        assert.throws(() => store.write({ format: 1, name: 'orders', currentVersion: 0, latestVersion: 0, savepoints: [], updatedAt: '' }), /symbolic link/);
        assert.throws(() => store.createVersion(version(1), SEED, 'name: orders\n', {}), /symbolic link/);
        await assert.rejects(publish({ workspaceDir: ws, draftPath: draft, gateway: { gatewayUrl: 'http://127.0.0.1:1' }, jobManagers: async () => undefined, skipFlinkValidation: true }), /symbolic link/);
        assert.deepEqual(fs.readdirSync(outside), [], 'nothing written outside the workspace');
      } finally {
        fs.rmSync(outside, { recursive: true, force: true });
      }
    });
  }
});
