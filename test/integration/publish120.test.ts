// Publish of a Flink 1.20 draft (flinkVersion: '1.20' in its deployment config) on the real pinned 1.20 cluster,
// beside the shared 2.3 one: a session deployment published by the CLI (no --gateway: the workspace's local 1.20
// cluster) runs there, and its savepoint, rollback and stop reach that cluster through the recorded one; the
// same through the language server; a per-job deployment runs on an application cluster of the pinned 1.20 dist.
import { strict as assert } from 'node:assert';
import { spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { DeploymentStore } from '../../server/src/deploy/store';
import type { ClusterInfo } from '../../server/src/flink/localCluster';
import { pidAlive } from '../../server/src/flink/localClusterState';
import { pinnedVersions } from '../../server/src/flink/provision';
import { JobManagerClient } from '../../server/src/flink/restClient';
import { DeploymentActionRequest, DeploymentPublishRequest } from '../../server/src/protocol';
import { sharedCluster, sharedClusterOf } from './cluster';
import { startStdioServer, stopStdioServer } from '../unit/lsp/stdioServer';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const SEED = fs.readFileSync(path.join(ROOT, 'examples', 'datagen-to-blackhole.flink.sql'), 'utf8');
const V120 = pinnedVersions().find((v) => v.startsWith('1.20.'))!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A savepoint Flink wrote under `dir` (its location is a file: URI). */
const isUnder = (savepoint: unknown, dir: string) => String(savepoint).replace(/^file:(\/\/)?/, '').startsWith(`${dir}${path.sep}`);

const sessionConfig = (name: string) => `name: ${name}
type: SQL
target: session
flinkVersion: '1.20'
behavior: { restoreStrategy: latest-savepoint, maxJobCreationAttempts: 3 }
`;

/** `flink-sql <args> --dir <ws> --format json` with no gateway from the environment: the workspace's local clusters. */
function cli(ws: string, ...args: string[]): Record<string, unknown> & { jobId: string } {
  const r = spawnSync(TSX, [path.join(ROOT, 'server/src/cli/main.ts'), ...args, '--dir', ws, '--format', 'json'],
    { encoding: 'utf8', timeout: 280_000, env: { ...process.env, FLINK_SQL_GATEWAY: '', FLINK_SQL_REST: '' } });
  assert.equal(r.status, 0, `flink-sql ${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown> & { jobId: string };
}

describe('publish a Flink 1.20 draft (real Flink 1.20)', function () {
  this.timeout(300_000);
  let c120: ClusterInfo;
  let jm120: JobManagerClient;
  /** The 1.20 cluster's workspace: its local cluster is what a publish there without --gateway finds. */
  let ws: string;
  let drafts: string;
  const names = ['seed120', 'lsp120'];
  const figures: string[] = [];

  /** The job runs on the 1.20 cluster (which reports 1.20.0), not on the shared 2.3 one. */
  async function assertOn120(jobId: string): Promise<void> {
    assert.equal((await jm120.overview())['flink-version'], V120);
    assert.ok((await jm120.jobs()).some((j) => j.jid === jobId), `job ${jobId} is on the 1.20 cluster`);
    assert.equal((await new JobManagerClient(sharedCluster().restUrl).jobs()).some((j) => j.jid === jobId), false, 'not on the 2.3 cluster');
  }

  before(async function () {
    this.timeout(600_000); // a first run installs 1.20 and starts its cluster
    c120 = await sharedClusterOf('1.20');
    jm120 = new JobManagerClient(c120.restUrl);
    ws = c120.workspaceDir;
    drafts = fs.mkdtempSync(path.join(ws, 'publish120-'));
  });
  after(async () => {
    if (figures.length) process.stderr.write(`  [publish 1.20] ${figures.join('; ')}\n`);
    const store = new DeploymentStore(ws);
    for (const name of names) {
      for (const v of store.read(name) ? store.versions(name) : []) if (!(v instanceof Error) && v.jobId) await jm120.cancel(v.jobId).catch(() => undefined);
      fs.rmSync(store.dirOf(name), { recursive: true, force: true });
    }
    fs.rmSync(drafts, { recursive: true, force: true });
  });

  it('CLI: a session deployment runs on the 1.20 cluster; savepoint, rollback and stop reach it there', async () => {
    const draft = path.join(drafts, 'seed120.flink.sql');
    fs.writeFileSync(draft, SEED);
    fs.writeFileSync(path.join(drafts, 'seed120.deployment.yaml'), sessionConfig('seed120'));
    const out = cli(ws, 'publish', draft);
    assert.equal(out.target, 'session');
    assert.equal(out.state, 'RUNNING');
    figures.push(`session publish → RUNNING ${out.runningAfterMs} ms`);
    await assertOn120(out.jobId);
    const v1 = new DeploymentStore(ws).version('seed120', 1);
    assert.equal(v1.flinkVersion, '1.20');
    assert.equal(v1.clusterFlinkVersion, V120, 'the release that ran');
    assert.deepEqual(v1.cluster, { kind: 'local', flinkVersion: V120, gatewayUrl: c120.gatewayUrl, restUrl: c120.restUrl });

    const sp = cli(ws, 'savepoint', 'seed120');
    assert.equal(sp.jobId, out.jobId);
    assert.ok(isUnder(sp.savepoint, path.join(c120.clusterDir, 'savepoints')), String(sp.savepoint));

    const back = cli(ws, 'rollback', 'seed120', '1');
    assert.equal(back.version, 2);
    assert.equal(back.state, 'RUNNING');
    figures.push(`rollback (upgrade) downtime ${new DeploymentStore(ws).version('seed120', 2).downtimeMs} ms`);
    assert.equal(await jm120.jobStatus(out.jobId), 'FINISHED', 'the upgrade stopped v1 with a savepoint on the 1.20 cluster');
    assert.equal((back.restoredFrom as { kind: string }).kind, 'savepoint');
    await assertOn120(back.jobId);
    assert.equal(new DeploymentStore(ws).version('seed120', 2).cluster?.flinkVersion, V120);

    const stop = cli(ws, 'stop', 'seed120');
    assert.equal(stop.jobId, back.jobId);
    assert.equal(stop.state, 'CANCELED');
    assert.equal(await jm120.jobStatus(back.jobId), 'CANCELED');
  });

  describe('through the language server', () => {
    let child: ChildProcessWithoutNullStreams;
    let connection: ProtocolConnection;
    before(async () => {
      ({ child, connection } = await startStdioServer());
    });
    after(() => {
      stopStdioServer({ child, connection });
    });

    it('publishes a 1.20 session deployment to the local 1.20 cluster and stops it there with a savepoint', async () => {
      const draft = path.join(drafts, 'lsp120.flink.sql');
      fs.writeFileSync(draft, SEED);
      fs.writeFileSync(path.join(drafts, 'lsp120.deployment.yaml'), sessionConfig('lsp120'));
      // No autoStart: the 1.20 cluster runs; were the default's looked up instead, this would fail (none runs here).
      const local = { target: 'local' as const, workspaceDir: ws, autoStart: false };
      const r = await connection.sendRequest(DeploymentPublishRequest, { uri: pathToFileURL(draft).toString(), connection: local });
      assert.ok(r.ok, r.error);
      assert.equal(r.state, 'RUNNING');
      await assertOn120(r.jobId!);
      assert.equal(new DeploymentStore(ws).version('lsp120', 1).cluster?.flinkVersion, V120);
      const stop = await connection.sendRequest(DeploymentActionRequest, { connection: local, action: 'stop', deployment: 'lsp120' });
      assert.ok(stop.ok, stop.error);
      assert.equal(stop.jobId, r.jobId);
      assert.equal(stop.state, 'FINISHED');
      assert.ok(isUnder(stop.savepoint, path.join(c120.clusterDir, 'savepoints')), String(stop.savepoint));
    });
  });

  it('per-job: a 1.20 deployment runs on an application cluster of the pinned 1.20 dist and stops', async () => {
    const own = fs.mkdtempSync(path.join(os.tmpdir(), 'flink-perjob120-it-'));
    try {
      const draft = path.join(own, 'solo120.flink.sql');
      fs.writeFileSync(draft, SEED);
      fs.writeFileSync(path.join(own, 'solo120.deployment.yaml'), `name: solo120
type: SQL
target: per-job
flinkVersion: '1.20'
resources: { jobManager: { memory: 1 GiB }, taskManager: { memory: 1 GiB, slots: 1 } }
`);
      // The planner check goes to the 1.20 session cluster (--gateway); the job to a cluster of its own.
      const t0 = Date.now();
      const r = spawnSync(TSX, [path.join(ROOT, 'server/src/cli/main.ts'), 'publish', draft, '--dir', own, '--gateway', c120.gatewayUrl, '--format', 'json'],
        { encoding: 'utf8', timeout: 280_000, env: { ...process.env, FLINK_SQL_GATEWAY: '', FLINK_SQL_REST: '' } });
      assert.equal(r.status, 0, r.stderr);
      const out = JSON.parse(r.stdout) as { jobId: string; target: string; state: string; runningAfterMs: number };
      figures.push(`per-job publish → RUNNING ${out.runningAfterMs} ms (CLI ${Date.now() - t0} ms)`);
      assert.equal(out.target, 'per-job');
      assert.equal(out.state, 'RUNNING');
      const v = new DeploymentStore(own).version('solo120', 1);
      assert.equal(v.flinkVersion, '1.20');
      assert.equal(v.clusterFlinkVersion, V120, 'the release that ran, not the image table\'s');
      assert.equal(v.cluster?.kind, 'per-job');
      const jm = new JobManagerClient(v.cluster!.restUrl!);
      assert.equal((await jm.overview())['flink-version'], V120);
      assert.equal(await jm.jobStatus(out.jobId), 'RUNNING');
      const stateFile = path.join(v.cluster!.clusterDir!, '.flink', V120, 'cluster.json');
      const clusterState = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as { distHome: string; processes: Array<{ pid: number }> };
      assert.ok(clusterState.distHome.endsWith(path.join('flink', V120)), clusterState.distHome);

      const stop = cli(own, 'stop', 'solo120', '--savepoint');
      assert.equal(stop.state, 'FINISHED');
      for (let i = 0; i < 120 && clusterState.processes.some((p) => pidAlive(p.pid)); i++) await sleep(500);
      assert.deepEqual(clusterState.processes.filter((p) => pidAlive(p.pid)), [], 'every process of the per-job cluster is gone');
    } finally {
      fs.rmSync(own, { recursive: true, force: true });
    }
  });
});
