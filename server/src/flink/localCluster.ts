// Local Flink session clusters of one workspace, one per pinned Flink version: JobManager + TaskManager + SQL
// Gateway as child JVMs, state in <workspace>/.flink/<version>/ (localClusterLayout.ts), so a 1.20 and a 2.3
// cluster run side by side on their own free ports. Used by the CLI (`flink-sql local …`), the LSP server and the tests.
//
// API (plain Node, no vscode); `flinkVersion` is a pinned version or its line ("1.20"), default the manifest's:
//   localClusterFor(workspaceDir, flinkVersion): LocalCluster     { start, stop, status, dirs } of that version's cluster.
//   startLocalCluster({ workspaceDir, flinkVersion?, … }): Promise<ClusterInfo>   starts (or returns the healthy
//       running) cluster; resolves once the JobManager has ≥1 TaskManager and the gateway answers /v1/info.
//   stopLocalCluster(workspaceDir, { flinkVersion? }): Promise<StopResult>   SIGTERM, then SIGKILL after a grace period.
//   localClusterStatus(workspaceDir, flinkVersion?): Promise<ClusterStatus>  running/stale/stopped, from any process.
//   localClusters(workspaceDir): Promise<ClusterStatus[]>          every version with recorded state.
//   sqlClientCommand(info): { command, args, env }                 runs Flink's own SQL client against the gateway.
//   localStartCommand(flinkVersion?): string                       the CLI command that starts that version's cluster.
// ClusterInfo = { gatewayUrl, restUrl, flinkVersion, pids, … }. Errors: JavaNotFoundError, DistNotInstalledError
// (when no provisioner may install it: see ensureFlink.ts), PortBusyError, LocalClusterStartError (which process died, tail of its log).
import * as path from 'node:path';
import { z } from 'zod';
import { pythonJarOf } from './distHome';
import { BIND_HOST, DEFAULT_MEMORY, JAVA_MODULE_OPTS, writeClusterConfig, type ClusterMemory, type ClusterPorts } from './flinkConfig';
import { httpJson, sleep } from './http';
import { diagnoseLog, logTail, resourceParams, spawnFlinkProcess, stopProcesses, type StopOutcome } from './localClusterProcess';
import { clusterDirs, migrateLegacyLayout, recordedVersions, type ClusterDirs } from './localClusterLayout';
import { choosePorts } from './localClusterPorts';
import { createState, inspectState, pidAlive, processAlive, readState, removeState, writeState, type ClusterRole, type ClusterState, type ProcessRecord } from './localClusterState';
import { ensureFlink, readyFlink } from './ensureFlink';
import { classpathFor, defaultFlinkVersion, resolveFlinkVersion } from './provision';
import { findJava } from './provisionJava';
import { JobManagerClient } from './restClient';

export interface LocalClusterOptions {
  /** The workspace whose `.flink/` holds config, logs, checkpoints, savepoints and the state file. */
  workspaceDir: string;
  /** A version pinned in scripts/flink-dist.json, or its line ("1.20"); default: the manifest's default. */
  flinkVersion?: string;
  /** Where installed distributions live (default: <project>/.cache or $FLINK_SQL_STUDIO_CACHE). */
  cacheRoot?: string;
  /** Fixed ports; unset ones are picked free at start. */
  ports?: Partial<ClusterPorts>;
  memory?: Partial<ClusterMemory>;
  slots?: number;
  /** Extra Flink options for config.yaml (flat keys). */
  config?: Record<string, string | number | boolean>;
  /** Connectors pinned in scripts/connector-jars.json (e.g. kafka, jdbc) whose jars go on every process's classpath. */
  connectors?: string[];
  /** Give up (and stop what was started) after this long. Default 180 s. */
  startTimeoutMs?: number;
  /** Aborting it stops what was started and rejects with a LocalClusterStartError saying the start was cancelled. */
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
}

export interface ClusterInfo {
  workspaceDir: string;
  flinkVersion: string;
  /** e.g. http://127.0.0.1:40123 (no trailing slash, no /v1). */
  gatewayUrl: string;
  restUrl: string;
  pids: Record<ClusterRole, number>;
  logDir: string;
  /** This version's state directory, <workspace>/.flink/<version> (see localClusterLayout.ts). */
  clusterDir: string;
  startedAt: string;
  /** Spawn → healthy, in ms (when known). */
  startMillis?: number;
  /** True when start found a healthy cluster already running and reused it. */
  reused?: boolean;
  /** The connectors whose jars are on its classpath (provisionConnectors.ts). */
  connectors: string[];
  /** Its SQL Gateway has Flink's Python jar on its classpath, so Python UDFs run there (see pythonJarOf). */
  python: boolean;
}

export interface ClusterStatus {
  running: boolean;
  /** Another process is starting the cluster right now. */
  starting?: boolean;
  /** The Node process that started (or is starting) the cluster. */
  ownerPid?: number;
  /** A state file exists but some of its processes are gone (or do not answer). */
  stale: boolean;
  info?: ClusterInfo;
  /** Registered TaskManagers, when the JobManager answered. */
  taskManagers?: number;
  problems: string[];
}

export interface StopResult extends StopOutcome {
  /** False when no cluster state was found. */
  wasRunning: boolean;
}

export class LocalClusterStartError extends Error {
  constructor(message: string, readonly role?: ClusterRole, readonly logTailText?: string) {
    super(message);
    this.name = 'LocalClusterStartError';
  }
}

const gatewayInfoSchema = z.looseObject({ productName: z.string(), version: z.string() });

export async function startLocalCluster(opts: LocalClusterOptions): Promise<ClusterInfo> {
  const progress = opts.onProgress ?? (() => {});
  const version = resolveFlinkVersion(opts.flinkVersion);
  const dirs = clusterDirs(opts.workspaceDir, version);
  const timeoutMs = opts.startTimeoutMs ?? 180_000;
  const connectors = [...new Set(opts.connectors ?? [])].sort();
  // Installs what is missing first, with the user's consent (the provisioner registered by the LSP server or the CLI).
  const { dist, connectorJars } = await ensureFlink(version, connectors, opts.cacheRoot);
  const java = findJava();
  const started = Date.now();
  const checkCancelled = () => {
    if (opts.signal?.aborted) throw new LocalClusterStartError('The local cluster start was cancelled; nothing is left running.');
  };
  checkCancelled();
  const state: ClusterState = {
    format: 1, status: 'starting', flinkVersion: version, distHome: dist.home, workspaceDir: path.resolve(opts.workspaceDir),
    restUrl: '', gatewayUrl: '', startedAt: new Date(started).toISOString(), ownerPid: process.pid, processes: [],
    ...(connectors.length ? { connectors } : {}),
  };
  // The state file doubles as the start lock: whoever creates it starts; others reuse, wait, or clean up.
  while (!createState(dirs, state)) {
    const existing = await localClusterStatus(opts.workspaceDir, version);
    if (existing.running && existing.info) {
      const lacking = connectors.filter((c) => !existing.info!.connectors.includes(c));
      if (lacking.length) progress(`The running local cluster has no ${lacking.join(', ')} jars; stop it and start it again with them (flink-sql local stop, then local start --connectors ${connectors.join(',')}).`);
      return { ...existing.info, reused: true };
    }
    if (existing.starting) {
      if (Date.now() - started > timeoutMs) throw new LocalClusterStartError(`Another process (pid ${existing.ownerPid}) has been starting the local cluster for too long.`);
      await sleep(500);
      continue;
    }
    progress('Found a stale local cluster; cleaning it up…');
    await stopLocalCluster(opts.workspaceDir, { flinkVersion: version });
  }

  try {
    // Holding the state file, so no other starter of this version moves things at the same time.
    migrateLegacyLayout(opts.workspaceDir, version);
    const ports = await choosePorts(opts.ports);
    state.restUrl = `http://${BIND_HOST}:${ports.rest}`;
    state.gatewayUrl = `http://${BIND_HOST}:${ports.gateway}`;
    writeState(dirs, state);
    writeClusterConfig({ dirs, flinkVersion: version, ports, memory: opts.memory, slots: opts.slots, extra: opts.config });
    const [jm, tm] = await Promise.all([resourceParams(java, dist, dirs, 'JM'), resourceParams(java, dist, dirs, 'TM')]);
    const confArgs = ['--configDir', dirs.conf];
    const specs: [ClusterRole, string[], string[]][] = [
      ['jobmanager', jm.jvmArgs, [...confArgs, ...jm.dynamicArgs]],
      ['taskmanager', tm.jvmArgs, [...confArgs, ...tm.dynamicArgs]],
      ['gateway', [`-Xmx${opts.memory?.gatewayHeap ?? DEFAULT_MEMORY.gatewayHeap}`], []],
    ];
    // Python UDFs in SQL drafts: the gateway's planner needs Flink's Python jar on its own classpath (ADD JAR of it
    // is not enough: py4j's callback server then fails to start). Present once PyFlink was provisioned.
    const python = pythonJarOf(dist.optDir);
    if (python) state.python = true;
    for (const [role, jvmArgs, programArgs] of specs) {
      checkCancelled();
      progress(`Starting the ${role}…`);
      const extraClasspath = role === 'gateway' && python ? [...connectorJars, python] : connectorJars;
      state.processes.push(spawnFlinkProcess({ role, java, dist, dirs, jvmArgs, programArgs, extraClasspath }));
      // Recorded after every spawn, so even if this Node process dies now the pids can be found and stopped.
      writeState(dirs, state);
    }
    const jmClient = new JobManagerClient(state.restUrl, { timeoutMs: 3_000, retries: 0 });
    await waitHealthy(state, jmClient, state.gatewayUrl, timeoutMs - (Date.now() - started), progress, checkCancelled);
  } catch (err) {
    await stopProcesses(state.processes, 5_000).catch(() => undefined);
    removeState(dirs);
    throw err;
  }
  state.status = 'running';
  state.startMillis = Date.now() - started;
  writeState(dirs, state);
  return toInfo(state, dirs);
}

export async function stopLocalCluster(workspaceDir: string, opts: { graceMs?: number; flinkVersion?: string } = {}): Promise<StopResult> {
  const dirs = clusterDirs(workspaceDir, versionOf(opts.flinkVersion));
  const state = readState(dirs);
  if (!state) {
    removeState(dirs); // unreadable state cannot name processes; without removing it nobody could start again
    return { wasRunning: false, stopped: [], killed: [] };
  }
  // All at once: the processes shut down independently, and a first stop also writes the CDS archives (seconds each).
  const result = await stopProcesses(state.processes, opts.graceMs);
  removeState(dirs);
  return { wasRunning: true, ...result };
}

export async function localClusterStatus(workspaceDir: string, flinkVersion?: string): Promise<ClusterStatus> {
  const dirs = clusterDirs(workspaceDir, versionOf(flinkVersion));
  const { state, problem } = inspectState(dirs);
  // A state file we did not write is stale (a start cleans it up) and says why; nothing it names is contacted.
  if (!state) return { running: false, stale: !!problem, problems: problem ? [problem] : [] };
  const info = toInfo(state, dirs);
  const problems = state.processes.filter((p) => !processAlive(p)).map((p) => `${p.role} (pid ${p.pid}) is not running`);
  if (state.status === 'starting') {
    if (pidAlive(state.ownerPid) && problems.length === 0) {
      return { running: false, starting: true, stale: false, info, ownerPid: state.ownerPid, problems: ['the cluster is still starting'] };
    }
    return { running: false, stale: true, info, ownerPid: state.ownerPid, problems: [...problems, 'the process that was starting the cluster is gone'] };
  }
  let taskManagers: number | undefined;
  if (problems.length === 0) {
    try {
      taskManagers = (await new JobManagerClient(state.restUrl, { timeoutMs: 3_000, retries: 0 }).overview()).taskmanagers;
      if (taskManagers < 1) problems.push('no TaskManager is registered with the JobManager');
    } catch (err) {
      problems.push((err as Error).message);
    }
    try {
      await httpJson(`${state.gatewayUrl}/v1/info`, gatewayInfoSchema, { timeoutMs: 3_000, retries: 0 });
    } catch (err) {
      problems.push(`SQL Gateway: ${(err as Error).message}`);
    }
  }
  return { running: problems.length === 0, stale: problems.length > 0, info, ownerPid: state.ownerPid, taskManagers, problems };
}

/** Command line for Flink's own SQL client in gateway mode against this cluster (for comparisons and debugging). */
export async function sqlClientCommand(info: ClusterInfo, extraArgs: string[] = [], cacheRoot?: string): Promise<{ command: string; args: string[]; env: NodeJS.ProcessEnv }> {
  const { dist } = await readyFlink(info.flinkVersion, [], cacheRoot);
  const dirs = clusterDirs(info.workspaceDir, info.flinkVersion);
  const java = findJava();
  const endpoint = info.gatewayUrl.replace(/^https?:\/\//, '');
  return {
    command: java.command,
    args: [...JAVA_MODULE_OPTS, `-Dlog.file=${path.join(dirs.logs, 'sql-client.log')}`, `-Dlog4j.configurationFile=file:${path.join(dirs.conf, 'log4j.properties')}`,
      '-classpath', classpathFor(dist, 'sql-client'), 'org.apache.flink.table.client.SqlClient', 'gateway', '--endpoint', endpoint,
      // Keep its history in the workspace's .flink/ instead of ~/.flink-sql-history.
      '--history', path.join(dirs.root, 'sql-client-history'), ...extraArgs],
    env: { ...process.env, FLINK_CONF_DIR: dirs.conf },
  };
}

/** One version's local cluster in a workspace: what the rest of the code holds instead of a directory. */
export interface LocalCluster {
  readonly workspaceDir: string;
  /** The pinned version (a line such as "1.20" is resolved to its pinned patch). */
  readonly flinkVersion: string;
  /** Its directories now (the single-directory layout's while a cluster from before still runs there). */
  dirs(): ClusterDirs;
  start(opts?: Omit<LocalClusterOptions, 'workspaceDir' | 'flinkVersion'>): Promise<ClusterInfo>;
  stop(opts?: { graceMs?: number }): Promise<StopResult>;
  status(): Promise<ClusterStatus>;
}

export function localClusterFor(workspaceDir: string, flinkVersion?: string): LocalCluster {
  const version = versionOf(flinkVersion);
  return {
    workspaceDir,
    flinkVersion: version,
    dirs: () => clusterDirs(workspaceDir, version),
    start: (opts = {}) => startLocalCluster({ ...opts, workspaceDir, flinkVersion: version }),
    stop: (opts = {}) => stopLocalCluster(workspaceDir, { ...opts, flinkVersion: version }),
    status: () => localClusterStatus(workspaceDir, version),
  };
}

/** The status of every version's cluster that has state in `workspaceDir` (running, starting or stale). */
export async function localClusters(workspaceDir: string): Promise<ClusterStatus[]> {
  return Promise.all(recordedVersions(workspaceDir).map((v) => localClusterStatus(workspaceDir, v)));
}

/** `flink-sql local start`, with `--flink-version` for any version but the default (which a plain start starts). */
export function localStartCommand(flinkVersion?: string): string {
  return flinkVersion && versionOf(flinkVersion) !== defaultFlinkVersion() ? `flink-sql local start --flink-version ${flinkVersion}` : 'flink-sql local start';
}

/** A full version as it is (a cluster recorded for a version no longer pinned can still be stopped), else resolved. */
function versionOf(flinkVersion?: string): string {
  return flinkVersion && /^\d+\.\d+\.\d+$/.test(flinkVersion) ? flinkVersion : resolveFlinkVersion(flinkVersion);
}

async function waitHealthy(state: ClusterState, jm: JobManagerClient, gatewayUrl: string, timeoutMs: number,
  progress: (m: string) => void, checkCancelled: () => void): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let jmReady = false;
  let gatewayReady = false;
  let lastProblem = 'no answer yet';
  while (!(jmReady && gatewayReady)) {
    checkCancelled();
    for (const p of state.processes) if (!processAlive(p)) throw died(p);
    if (!jmReady) {
      try {
        const o = await jm.overview();
        // Slots arrive with the TaskManager's first slot report, a moment after it registers.
        if (o.taskmanagers >= 1 && o['slots-total'] >= 1) {
          jmReady = true;
          progress(`JobManager is up with ${o.taskmanagers} TaskManager(s), ${o['slots-total']} slots (Flink ${o['flink-version']}).`);
        } else lastProblem = 'the JobManager answers but no TaskManager has registered yet';
      } catch (err) {
        // The underlying HTTP error: the client's own advice ("start the local cluster") is moot while starting it.
        lastProblem = `JobManager: ${((err as Error).cause as Error | undefined)?.message ?? (err as Error).message}`;
      }
    }
    if (!gatewayReady) {
      try {
        await httpJson(`${gatewayUrl}/v1/info`, gatewayInfoSchema, { timeoutMs: 3_000, retries: 0 });
        gatewayReady = true;
        progress('SQL Gateway is up.');
      } catch (err) {
        lastProblem = `SQL Gateway: ${(err as Error).message}`;
      }
    }
    if (jmReady && gatewayReady) return;
    if (Date.now() > deadline) {
      const waiting = !jmReady ? state.processes.find((p) => p.role === 'jobmanager') : state.processes.find((p) => p.role === 'gateway');
      throw new LocalClusterStartError(`The local Flink cluster did not become healthy within ${timeoutMs / 1000} s (${lastProblem}).` +
        (waiting ? `\nLast lines of ${waiting.logFile}:\n${logTail(waiting, 15)}` : ''), waiting?.role);
    }
    await sleep(250);
  }
}

function died(p: ProcessRecord): LocalClusterStartError {
  const why = diagnoseLog(p);
  const tail = logTail(p, 12);
  return new LocalClusterStartError(`The ${p.role} (pid ${p.pid}) exited during start${why ? `: ${why}` : ''}.\n` +
    `Log: ${p.logFile}\n${tail}`, p.role, tail);
}

function toInfo(state: ClusterState, dirs: ClusterDirs): ClusterInfo {
  const pids = Object.fromEntries(state.processes.map((p) => [p.role, p.pid])) as Record<ClusterRole, number>;
  return {
    workspaceDir: state.workspaceDir, flinkVersion: state.flinkVersion, gatewayUrl: state.gatewayUrl, restUrl: state.restUrl,
    pids, logDir: dirs.logs, clusterDir: dirs.root, startedAt: state.startedAt, startMillis: state.startMillis, connectors: state.connectors ?? [],
    python: state.python === true,
  };
}
