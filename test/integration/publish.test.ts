// Publish on the shared real Flink: the seed sample with parallelism 2, checkpoints every 2 s and a fixed-delay
// restart strategy (checked through the JobManager REST API), savepoint, upgrade restored from the latest
// savepoint, latest-state from a retained checkpoint, none, an aborted upgrade whose savepoint fails, a killed
// TaskManager (RESTARTING → RUNNING), stop with drain. Prints publish → RUNNING and the upgrade downtime.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deploymentStatuses, jobManagerResolver, publish, UpgradeAbortedError, waitForRunningTasks } from '../../server/src/deploy';
import { DeploymentStore } from '../../server/src/deploy/store';
import { clusterDirs } from '../../server/src/flink/flinkConfig';
import { resourceParams, spawnFlinkProcess } from '../../server/src/flink/localClusterProcess';
import { processAlive, readState, writeState } from '../../server/src/flink/localClusterState';
import { readyFlink } from '../../server/src/flink/ensureFlink';
import { findJava } from '../../server/src/flink/provisionJava';
import { JobManagerClient } from '../../server/src/flink/restClient';
import { sharedCluster } from './cluster';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const SEED = fs.readFileSync(path.join(ROOT, 'examples', 'datagen-to-blackhole.flink.sql'), 'utf8');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function config(restoreStrategy: string): string {
  return `name: seed
type: SQL
target: session
parallelism: 2
behavior: { restoreStrategy: ${restoreStrategy}, maxJobCreationAttempts: 3 }
checkpointing: { interval: 2 s, retention: always }
restartStrategy: { type: fixed-delay, attempts: 20, delay: 2 s }
`;
}

describe('publish (real Flink)', function () {
  this.timeout(240_000);
  let ws: string;
  let draft: string;
  let jm: JobManagerClient;
  const figures: string[] = [];

  function cli(...args: string[]) {
    const { gatewayUrl, restUrl } = sharedCluster();
    const r = spawnSync(TSX, [path.join(ROOT, 'server/src/cli/main.ts'), ...args, '--dir', ws, '--gateway', gatewayUrl, '--rest', restUrl, '--format', 'json'],
      { encoding: 'utf8', timeout: 200_000, env: { ...process.env, FLINK_SQL_GATEWAY: '', FLINK_SQL_REST: '' } });
    assert.equal(r.status, 0, `flink-sql ${args.join(' ')}: ${r.stderr}`);
    return JSON.parse(r.stdout) as Record<string, unknown> & { jobId: string };
  }
  const engineOptions = () => {
    const { gatewayUrl, restUrl } = sharedCluster();
    return { workspaceDir: ws, gateway: { gatewayUrl, restUrl }, cluster: { kind: 'remote' as const, gatewayUrl, restUrl }, jobManagers: jobManagerResolver({ workspaceDir: ws, restUrl }) };
  };
  const setConfig = (strategy: string) => fs.writeFileSync(path.join(ws, 'seed.deployment.yaml'), config(strategy));
  async function waitForCheckpoint(jobId: string): Promise<void> {
    for (let i = 0; i < 100; i++) {
      if ((await jm.checkpoints(jobId)).latest.completed?.external_path) return;
      await sleep(300);
    }
    throw new Error(`no completed checkpoint of ${jobId}`);
  }

  before(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'flink-publish-it-'));
    draft = path.join(ws, 'seed.flink.sql');
    fs.writeFileSync(draft, SEED);
    setConfig('latest-savepoint');
    jm = new JobManagerClient(sharedCluster().restUrl);
  });
  after(async () => {
    process.stderr.write(`  [publish] ${figures.join('; ')}\n`);
    const store = new DeploymentStore(ws);
    for (const v of store.versions('seed')) if (!(v instanceof Error) && v.jobId) await jm.cancel(v.jobId).catch(() => undefined);
    fs.rmSync(ws, { recursive: true, force: true });
  });

  let v1: { jobId: string };
  it('publishes the seed sample with its configuration applied to the job', async () => {
    const t0 = Date.now();
    const out = cli('publish', draft);
    assert.equal(out.deployment, 'seed');
    assert.equal(out.version, 1);
    assert.equal(out.target, 'session');
    assert.equal(out.state, 'RUNNING');
    figures.push(`publish → RUNNING ${out.runningAfterMs} ms (CLI process ${Date.now() - t0} ms)`);
    v1 = out;
    const cfg = await jm.jobConfig(out.jobId);
    assert.equal(cfg.name, 'seed');
    assert.equal(cfg['execution-config']?.['job-parallelism'], 2);
    assert.match(cfg['execution-config']?.['restart-strategy'] ?? '', /fixed delay \(PT2S\)\. #20 restart attempts/);
    const cp = await jm.checkpointConfig(out.jobId);
    assert.equal(cp.interval, 2000);
    assert.deepEqual(cp.externalization, { enabled: true, delete_on_cancellation: false });
    assert.ok((await jm.job(out.jobId)).vertices.every((v) => v.parallelism === 2));
    const version = new DeploymentStore(ws).version('seed', 1);
    assert.equal(version.status, 'running');
    assert.equal(version.flinkVersion, '2.3');
    assert.equal(version.clusterFlinkVersion, sharedCluster().flinkVersion);
    assert.equal(fs.readFileSync(new DeploymentStore(ws).files('seed', 1).sql, 'utf8'), SEED);
  });

  it('takes a savepoint, and an upgrade restores from the latest savepoint', async () => {
    const sp = cli('savepoint', 'seed');
    assert.equal(sp.jobId, v1.jobId);
    assert.ok(fs.existsSync(path.join(String(sp.savepoint).replace(/^file:/, ''), '_metadata')));
    fs.writeFileSync(draft, SEED.replace("'connector' = 'datagen'", "'connector' = 'datagen',\n  'rows-per-second' = '500'"));
    const out = cli('publish', draft);
    assert.equal(out.version, 2);
    assert.notEqual(out.jobId, v1.jobId);
    figures.push(`upgrade downtime ${out.downtimeMs} ms (publish → RUNNING ${out.runningAfterMs} ms)`);
    assert.equal(await jm.jobStatus(v1.jobId), 'FINISHED');
    const restored = out.restoredFrom as { kind: string; path: string };
    assert.equal(restored.kind, 'savepoint');
    const stats = await jm.checkpoints(out.jobId);
    assert.equal(stats.latest.restored?.is_savepoint, true);
    assert.equal(stats.latest.restored?.external_path, restored.path);
    const rec = new DeploymentStore(ws).require('seed');
    // The upgrade check's savepoint of the running v1 is recorded too, before the stop's.
    assert.deepEqual(rec.savepoints.map((s) => s.how), ['trigger', 'check', 'upgrade']);
    assert.equal(rec.savepoints[2].path, restored.path, 'the newest savepoint: the upgrade\'s own');
    v1 = out;
  });

  it('latest-state restores from a retained checkpoint of a cancelled job', async () => {
    setConfig('latest-state');
    await waitForCheckpoint(v1.jobId);
    const stop = cli('stop', 'seed');
    assert.equal(stop.state, 'CANCELED');
    assert.equal(stop.savepoint, undefined);
    const out = cli('publish', draft);
    const restored = out.restoredFrom as { kind: string; path: string };
    assert.equal(restored.kind, 'checkpoint');
    // The retained checkpoint of the cancelled job (REST caches checkpoint stats for a few seconds, so the
    // newest one may be a later chk- than a read just after the cancel showed).
    assert.match(restored.path, new RegExp(`/${v1.jobId}/chk-\\d+$`));
    // Flink restores any external path through its savepoint path, so the stats call it a savepoint: the path tells.
    const stats = await jm.checkpoints(out.jobId);
    assert.equal(stats.latest.restored?.external_path, restored.path);
    v1 = out;
  });

  it('none starts fresh', async () => {
    setConfig('none');
    const out = cli('publish', draft);
    assert.equal(out.restoredFrom, undefined);
    assert.equal((await jm.checkpoints(out.jobId)).counts.restored, 0);
    v1 = out;
  });

  it('an upgrade whose savepoint fails is aborted and leaves the running job alone', async () => {
    setConfig('latest-savepoint');
    const o = engineOptions();
    // Savepoints into a directory Flink cannot write fail on the real cluster.
    class FailingSavepoints extends JobManagerClient {
      override stopWithSavepoint(jobId: string, opts = {}) { return super.stopWithSavepoint(jobId, { ...opts, targetDirectory: 'file:///proc/forbidden' }); }
    }
    const failing = new FailingSavepoints(sharedCluster().restUrl);
    await assert.rejects(publish({ ...o, draftPath: draft, jobManagers: async () => failing }), (e: unknown) => {
      assert.ok(e instanceof UpgradeAbortedError, String(e));
      assert.match(e.message, /savepoint of job .* failed.*the running job was not touched \(it is RUNNING\)/s);
      return true;
    });
    assert.equal(await jm.jobStatus(v1.jobId), 'RUNNING');
    const store = new DeploymentStore(ws);
    const failed = store.version('seed', store.require('seed').latestVersion);
    assert.equal(failed.status, 'failed');
    assert.equal(store.require('seed').currentVersion, (v1 as unknown as { version: number }).version);
    const list = await deploymentStatuses(ws, o.jobManagers);
    assert.deepEqual([list[0].jobId, list[0].state], [v1.jobId, 'RUNNING']);
    assert.match(list[0].error ?? '', /savepoint .* failed/);
  });

  it('restarts under the fixed-delay strategy when its TaskManager is killed', async () => {
    const { workspaceDir, flinkVersion } = sharedCluster();
    const dirs = clusterDirs(workspaceDir);
    const state = readState(dirs)!;
    const tm = state.processes.find((p) => p.role === 'taskmanager')!;
    const o = engineOptions();
    const seen: string[] = [];
    const poll = async () => {
      const s = (await deploymentStatuses(ws, o.jobManagers))[0].state;
      if (seen[seen.length - 1] !== s) seen.push(s);
      return s;
    };
    process.kill(-tm.pid, 'SIGKILL');
    const killedAt = Date.now();
    while (processAlive(tm)) await sleep(50);
    while ((await poll()) !== 'RESTARTING') {
      if (Date.now() - killedAt > 120_000) throw new Error(`never RESTARTING: ${seen.join(' → ')}`);
      await sleep(250);
    }
    // A new TaskManager, recorded in the cluster state so the shared fixture stops it.
    const java = findJava();
    const { dist } = await readyFlink(flinkVersion);
    const params = await resourceParams(java, dist, dirs, 'TM');
    const fresh = spawnFlinkProcess({ role: 'taskmanager', java, dist, dirs, jvmArgs: params.jvmArgs, programArgs: ['--configDir', dirs.conf, ...params.dynamicArgs] });
    writeState(dirs, { ...state, processes: readState(dirs)!.processes.map((p) => (p.role === 'taskmanager' ? fresh : p)) });
    assert.equal(await waitForRunningTasks(jm, v1.jobId, 150_000), 'RUNNING');
    await poll();
    figures.push(`TaskManager killed → RUNNING again after ${Date.now() - killedAt} ms (${seen.join(' → ')})`);
    assert.ok(seen.includes('RESTARTING'), seen.join(' → '));
    assert.equal(seen[seen.length - 1], 'RUNNING');
    const listed = cli('deployments') as unknown as Array<{ state: string; restarts?: number }>;
    assert.equal(listed[0].state, 'RUNNING');
    assert.ok((listed[0].restarts ?? 0) >= 1, JSON.stringify(listed));
  });

  it('stops with drain and a savepoint', async () => {
    const out = cli('stop', 'seed', '--drain');
    assert.equal(out.jobId, v1.jobId);
    assert.equal(out.state, 'FINISHED');
    assert.match(String(out.savepoint), /savepoint-/);
    const listed = cli('deployments') as unknown as Array<{ state: string }>;
    assert.equal(listed[0].state, 'FINISHED');
  });
});
