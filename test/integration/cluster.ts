// One real local Flink cluster for the whole integration run: a mocha root-hook plugin (loaded through
// .mocharc.integration.json `require`) installs the pinned Flink if needed, starts the cluster before the
// first test and stops it after the last, failing the run if any of its processes outlives the stop.
//
// In a test:  import { sharedCluster } from './cluster';  const { gatewayUrl, restUrl } = sharedCluster();
// Faster iteration: FLINK_IT_WORKSPACE=<dir> reuses (and then leaves running) a cluster already started in <dir>
// with `flink-sql local start --dir <dir>`; without it a fresh temporary workspace is used and removed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { localClusterStatus, startLocalCluster, stopLocalCluster, type ClusterInfo } from '../../server/src/flink/localCluster';
import { installFlink } from '../../server/src/flink/provision';
import { clusterDirs } from '../../server/src/flink/flinkConfig';
import { pidAlive, readState } from '../../server/src/flink/localClusterState';

let cluster: ClusterInfo | undefined;
let ownsCluster = false;
let tempWorkspace: string | undefined;

/** The running shared cluster; only valid inside tests (after the root beforeAll hook). */
export function sharedCluster(): ClusterInfo {
  if (!cluster) throw new Error('The shared Flink cluster is not running: run integration tests through `npm run test:integration`.');
  return cluster;
}

function log(message: string): void {
  process.stderr.write(`  [flink] ${message}\n`);
}

export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    this.timeout(600_000);
    const install = await installFlink({ onProgress: log });
    if (!install.alreadyInstalled) log(`installed Flink ${install.dist.version} in ${(install.millis / 1000).toFixed(1)} s`);
    const reuseDir = process.env.FLINK_IT_WORKSPACE;
    const workspaceDir = reuseDir ?? (tempWorkspace = fs.mkdtempSync(path.join(os.tmpdir(), 'flink-sql-studio-it-')));
    const before = await localClusterStatus(workspaceDir);
    const t0 = Date.now();
    cluster = await startLocalCluster({ workspaceDir, onProgress: log });
    ownsCluster = !before.running;
    log(cluster.reused ? `reusing the cluster in ${workspaceDir}` : `cluster up in ${((Date.now() - t0) / 1000).toFixed(1)} s: gateway ${cluster.gatewayUrl}, REST ${cluster.restUrl}`);
  },

  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(120_000);
    if (!cluster || !ownsCluster) return;
    const { workspaceDir, pids } = cluster;
    cluster = undefined;
    // Suites may have replaced a process (and recorded it): check the started ones and the recorded ones.
    const recorded = readState(clusterDirs(workspaceDir))?.processes.map((p): [string, number] => [p.role, p.pid]) ?? [];
    await stopLocalCluster(workspaceDir);
    const survivors = [...Object.entries(pids), ...recorded].filter(([, pid]) => pidAlive(pid));
    if (tempWorkspace) fs.rmSync(tempWorkspace, { recursive: true, force: true });
    if (survivors.length) throw new Error(`Flink processes survived the stop: ${survivors.map(([r, p]) => `${r} ${p}`).join(', ')}`);
    log('cluster stopped; no Flink process left');
  },
};
