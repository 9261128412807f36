// The local cluster manager against a real Flink: the shared cluster's health, config and status (also
// through the CLI in another process), and a second cluster's full life cycle: start, stop from another
// process with no process left, and a start that fails because a process dies (reported with its log).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { z } from 'zod';
import { httpJson } from '../../server/src/flink/http';
import { localClusterStatus, LocalClusterStartError, startLocalCluster, stopLocalCluster } from '../../server/src/flink/localCluster';
import { clusterDirs } from '../../server/src/flink/flinkConfig';
import { PortBusyError } from '../../server/src/flink/localClusterPorts';
import { pidAlive, readState } from '../../server/src/flink/localClusterState';
import { defaultFlinkVersion } from '../../server/src/flink/provision';
import { JobManagerClient } from '../../server/src/flink/restClient';
import { sharedCluster } from './cluster';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

/** Runs `flink-sql <args>` from source in a separate Node process. */
function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(TSX, [path.join(ROOT, 'server/src/cli/main.ts'), ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('local cluster (shared)', () => {
  it('has a JobManager with a TaskManager and the pinned Flink version', async () => {
    const { restUrl } = sharedCluster();
    const overview = await new JobManagerClient(restUrl).overview();
    assert.ok(overview.taskmanagers >= 1, `taskmanagers: ${overview.taskmanagers}`);
    assert.ok(overview['slots-total'] >= 1);
    assert.equal(overview['flink-version'], defaultFlinkVersion());
  });

  it('has a SQL Gateway that answers /info and serves the v4 API', async () => {
    const { gatewayUrl, flinkVersion } = sharedCluster();
    const info = await httpJson(`${gatewayUrl}/v1/info`, z.object({ productName: z.string(), version: z.string() }));
    assert.deepEqual(info, { productName: 'Apache Flink', version: flinkVersion });
    const versions = await httpJson(`${gatewayUrl}/api_versions`, z.object({ versions: z.array(z.string()) }));
    assert.ok(versions.versions.includes('V4'), versions.versions.join(','));
  });

  it('runs with the generated config: remote execution target, state under .flink/', async () => {
    const { restUrl, workspaceDir } = sharedCluster();
    const config = await new JobManagerClient(restUrl).jobManagerConfig();
    const dirs = clusterDirs(workspaceDir);
    assert.equal(config['execution.target'], 'remote');
    assert.equal(config['execution.checkpointing.savepoint-dir'], `file://${dirs.savepoints}`);
    assert.equal(config['execution.checkpointing.dir'], `file://${dirs.checkpoints}`);
    assert.equal(`http://127.0.0.1:${config['rest.port']}`, restUrl);
    assert.ok(fs.existsSync(path.join(dirs.logs, 'jobmanager.log')));
  });

  it('reports running, and a second start reuses the same processes', async () => {
    const info = sharedCluster();
    const status = await localClusterStatus(info.workspaceDir);
    assert.equal(status.running, true, status.problems.join('; '));
    // Other suites may restart a process (execute.test replaces the gateway), so compare with the state now.
    assert.equal(status.info?.pids.jobmanager, info.pids.jobmanager);
    const again = await startLocalCluster({ workspaceDir: info.workspaceDir });
    assert.equal(again.reused, true);
    assert.deepEqual(again.pids, status.info?.pids);
  });

  it('`flink-sql local status --format json` in another process sees it', () => {
    const info = sharedCluster();
    const r = cli(['local', 'status', '--dir', info.workspaceDir, '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const status = JSON.parse(r.stdout);
    assert.equal(status.running, true);
    assert.equal(status.gateway, info.gatewayUrl);
    assert.equal(status.rest, info.restUrl);
    assert.equal(status.flinkVersion, info.flinkVersion);
  });
});

describe('local cluster life cycle (own workspace)', () => {
  let workspace: string;
  before(() => { workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'flink-sql-studio-lc-')); });
  after(async () => {
    await stopLocalCluster(workspace);
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('starts, then `flink-sql local stop` from another process leaves no process behind', async () => {
    const info = await startLocalCluster({ workspaceDir: workspace });
    assert.equal(info.reused, undefined);
    const pids = Object.values(info.pids);
    assert.equal(pids.length, 3);
    assert.ok(pids.every(pidAlive));

    const r = cli(['local', 'stop', '--dir', workspace]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Stopped local Flink/);
    assert.deepEqual(pids.filter(pidAlive), [], 'processes left after stop');
    assert.equal(readState(clusterDirs(workspace)), undefined);
    assert.equal((await localClusterStatus(workspace)).running, false);
    assert.equal(cli(['local', 'status', '--dir', workspace]).status, 1);
  });

  it('fails a start whose JobManager dies, naming it and its log, and cleans up', async () => {
    // Extra config is applied last, so it bypasses the free-port check: the JobManager's RPC bind fails.
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const busy = (blocker.address() as net.AddressInfo).port;
    try {
      await assert.rejects(startLocalCluster({ workspaceDir: workspace, config: { 'jobmanager.rpc.port': busy }, startTimeoutMs: 120_000 }),
        (err: unknown) => {
          assert.ok(err instanceof LocalClusterStartError, String(err));
          assert.equal(err.role, 'jobmanager');
          assert.match(err.message, /jobmanager \(pid \d+\) exited during start/);
          assert.match(err.message, /jobmanager\.log/);
          assert.match(err.message, /a port it needs is already in use/);
          return true;
        });
    } finally {
      blocker.close();
    }
    assert.equal(readState(clusterDirs(workspace)), undefined, 'state file left behind');
  });

  it('cancels a start on abort: stops what it had started and leaves no state', async () => {
    const abort = new AbortController();
    const spawned: number[] = [];
    const start = startLocalCluster({
      workspaceDir: workspace,
      signal: abort.signal,
      onProgress: (m) => {
        // Abort once the first JVM is up, so there is something to clean up.
        if (/Starting the taskmanager/.test(m)) {
          spawned.push(...(readState(clusterDirs(workspace))?.processes.map((p) => p.pid) ?? []));
          abort.abort();
        }
      },
    });
    await assert.rejects(start, (err: unknown) => err instanceof LocalClusterStartError && /cancelled/.test(err.message));
    assert.ok(spawned.length >= 1, 'the abort came before any process was started');
    assert.equal(readState(clusterDirs(workspace)), undefined, 'state file left behind');
    for (const pid of spawned) assert.equal(pidAlive(pid), false, `pid ${pid} survived the cancelled start`);
  });

  it('refuses a requested port that is busy, before starting anything', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const busy = (blocker.address() as net.AddressInfo).port;
    try {
      await assert.rejects(startLocalCluster({ workspaceDir: workspace, ports: { rest: busy } }),
        (err: unknown) => err instanceof PortBusyError && err.port === busy && /JobManager REST/.test(err.message));
    } finally {
      blocker.close();
    }
    assert.equal((await localClusterStatus(workspace)).running, false);
  });
});
