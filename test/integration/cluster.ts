// One real local Flink cluster for the whole integration run: a mocha root-hook plugin (loaded through
// .mocharc.integration.json `require`) installs the pinned Flink if needed, starts the cluster before the
// first test and stops it after the last, failing the run if any of its processes outlives the stop.
//
// In a test:  import { sharedCluster } from './cluster';  const { gatewayUrl, restUrl } = sharedCluster();
// Another pinned version's cluster (e.g. 1.20) is started on first use, side by side with the default one, and
// stopped with it:  before(async () => { info = await sharedClusterOf('1.20'); })  (allow minutes: it may install).
// Faster iteration: FLINK_IT_WORKSPACE=<dir> reuses (and then leaves running) clusters already started in <dir>
// with `flink-sql local start --dir <dir> [--flink-version V]`; without it fresh temporary workspaces are used and removed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { localClusterFor, localClusterStatus, startLocalCluster, stopLocalCluster, type ClusterInfo } from '../../server/src/flink/localCluster';
import { defaultFlinkVersion, installFlink, resolveFlinkVersion } from '../../server/src/flink/provision';
import { clusterDirs } from '../../server/src/flink/flinkConfig';
import { pidAlive, readState } from '../../server/src/flink/localClusterState';

// The engine runs from its sources here, where no runner jar sits beside the bundle: use the one `npm run build` put in out/.
process.env.FLINK_SQL_RUNNER_JAR ??= path.join(__dirname, '..', '..', 'out', 'sql-runner.jar');

let cluster: ClusterInfo | undefined;
let ownsCluster = false;
let tempWorkspace: string | undefined;
/** Other versions' clusters, by pinned version: started on first use. */
const others = new Map<string, Promise<{ info: ClusterInfo; owned: boolean; tempDir?: string }>>();

/** The running shared cluster; only valid inside tests (after the root beforeAll hook). */
export function sharedCluster(): ClusterInfo {
  if (!cluster) throw new Error('The shared Flink cluster is not running: run integration tests through `npm run test:integration`.');
  return cluster;
}

/** The shared cluster of `flinkVersion` (a pinned version or its line): the default one, or another started now. */
export async function sharedClusterOf(flinkVersion: string): Promise<ClusterInfo> {
  const version = resolveFlinkVersion(flinkVersion);
  if (version === defaultFlinkVersion()) return sharedCluster();
  let started = others.get(version);
  if (!started) {
    started = startOther(version);
    others.set(version, started);
  }
  return (await started).info;
}

async function startOther(version: string): Promise<{ info: ClusterInfo; owned: boolean; tempDir?: string }> {
  const t0 = Date.now();
  const install = await installFlink({ version, onProgress: log });
  if (!install.alreadyInstalled) log(`installed Flink ${version} in ${(install.millis / 1000).toFixed(1)} s`);
  const reuseDir = process.env.FLINK_IT_WORKSPACE;
  const tempDir = reuseDir ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), `flink-sql-studio-it-${version}-`));
  const local = localClusterFor(reuseDir ?? tempDir!, version);
  const before = await local.status();
  const info = await local.start({ onProgress: (m) => log(`${version}: ${m}`) });
  log(info.reused ? `reusing the ${version} cluster in ${local.workspaceDir}` :
    `Flink ${version} cluster up in ${((Date.now() - t0) / 1000).toFixed(1)} s (start ${((info.startMillis ?? 0) / 1000).toFixed(1)} s): gateway ${info.gatewayUrl}`);
  return { info, owned: !before.running, tempDir };
}

/** Stops a cluster this run started and returns the pids (started or recorded) that outlived the stop. */
async function stopOwned(info: ClusterInfo): Promise<string[]> {
  // Suites may have replaced a process (and recorded it): check the started ones and the recorded ones.
  const recorded = readState(clusterDirs(info.workspaceDir, info.flinkVersion))?.processes.map((p): [string, number] => [p.role, p.pid]) ?? [];
  await stopLocalCluster(info.workspaceDir, { flinkVersion: info.flinkVersion });
  return [...Object.entries(info.pids), ...recorded].filter(([, pid]) => pidAlive(pid)).map(([r, p]) => `${info.flinkVersion} ${r} ${p}`);
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
    this.timeout(180_000);
    const survivors: string[] = [];
    // A start still under way (or failed) is awaited, so nothing it spawned is left behind.
    const settled = await Promise.allSettled([...others.values()]);
    others.clear();
    await Promise.all(settled.map(async (s) => {
      if (s.status !== 'fulfilled' || !s.value.owned) return;
      survivors.push(...(await stopOwned(s.value.info)));
      if (s.value.tempDir) fs.rmSync(s.value.tempDir, { recursive: true, force: true });
    }));
    if (cluster && ownsCluster) {
      const info = cluster;
      cluster = undefined;
      survivors.push(...(await stopOwned(info)));
      if (tempWorkspace) fs.rmSync(tempWorkspace, { recursive: true, force: true });
    }
    if (survivors.length) throw new Error(`Flink processes survived the stop: ${survivors.join(', ')}`);
    log('clusters stopped; no Flink process left');
  },
};
