// A per-job deployment on this machine: an application-mode Flink cluster of its own — a JobManager
// (StandaloneApplicationClusterEntryPoint running the SQL runner shipped in the package on the published script)
// plus the TaskManagers the config asks for, with its memory, slots and log levels, on ports of its own.
// A detached watcher stops the processes when the job ends and leaves the final state in final.json.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ResolvedDeployment } from '../deployment';
import { clusterDirs, commonJvmArgs, LOOPBACK_ADDRESS_KEYS, writeClusterConfig, type ClusterDirs } from '../flink/flinkConfig';
import { choosePorts } from '../flink/localClusterPorts';
import { resourceParams } from '../flink/localClusterProcess';
import { processStartTime, readState, writeState, type ProcessRecord } from '../flink/localClusterState';
import { ensureFlink } from '../flink/ensureFlink';
import { classpathFor, resolveFlinkVersion } from '../flink/provision';
import { findJava } from '../flink/provisionJava';
import { JobManagerClient } from '../flink/restClient';
import { rmSafe, writeFileSafe } from '../util/safeFs';
import { runnerEnv, SecretScope, type SecretHints, type SecretResolver } from '../secrets/secretRefs';
import { readLoggingProfile, workspaceOfStateDir } from './loggingProfile';
import type { StatementPlan } from './statementPlan';

export const APP_ENTRYPOINT = 'org.apache.flink.container.entrypoint.StandaloneApplicationClusterEntryPoint';
const TM_MAIN = 'org.apache.flink.runtime.taskexecutor.TaskManagerRunner';
export const RUNNER_CLASS = 'dev.flinksql.runner.SqlRunner';

/** Keys a local standalone cluster cannot honour (Kubernetes HA, pod resources). */
const LOCAL_UNSUPPORTED = ['high-availability', 'kubernetes.'];
/**
 * A config may not move a local cluster off loopback (`rest.bind-address: 0.0.0.0` would open an unauthenticated
 * job-submission API to the network): flinkConfig.ts keeps 127.0.0.1 for LOOPBACK_ADDRESS_KEYS; this says so.
 */
export const LOOPBACK_REASON = 'local clusters stay on loopback (127.0.0.1)';

/** The deployment's keys a local per-job cluster applies, and those it does not (with why). */
export function localPerJobConfig(config: Record<string, string>): { extra: Record<string, string | number>; notHonoured: PerJobCluster['notHonoured'] } {
  const notHonoured: PerJobCluster['notHonoured'] = [];
  const extra: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(config)) {
    if (LOCAL_UNSUPPORTED.some((p) => k.startsWith(p))) notHonoured.push({ parameter: `flinkConfiguration ${k}`, reason: 'a local per-job cluster is standalone (Kubernetes only: see Export Kubernetes Manifest)' });
    else if (LOOPBACK_ADDRESS_KEYS.includes(k)) notHonoured.push({ parameter: `flinkConfiguration ${k}`, reason: LOOPBACK_REASON });
    else extra[k] = v;
  }
  // Kept up after the job ends so its final state and savepoint can be read; the watcher then stops it.
  extra['execution.shutdown-on-application-finish'] = 'false';
  // A TaskManager whose JobManager is gone gives up soon instead of retrying for five minutes.
  extra['taskmanager.registration.timeout'] = '30 s';
  return { extra, notHonoured };
}

/**
 * The SQL runner jar shipped in the package, beside the bundles (out/sql-runner.jar, built from tools/sql-runner by
 * scripts/build-runner.js when the .vsix or the CLI package is made): nothing is built at the user's.
 * $FLINK_SQL_RUNNER_JAR overrides it (tests that run the engine from its sources).
 */
export function sqlRunnerJar(env: NodeJS.ProcessEnv = process.env, bundleDir = __dirname): string {
  const jar = env.FLINK_SQL_RUNNER_JAR || path.join(bundleDir, 'sql-runner.jar');
  if (!fs.existsSync(jar)) {
    throw new Error(`This installation lacks the SQL runner that per-job deployments run (${jar} is missing): reinstall the extension or the flink-sql package.`);
  }
  return jar;
}

/** The published script as the runner reads it: statements separated by lines holding only ";". */
export function runnerScript(plan: StatementPlan, jars: string[]): string {
  return [...jars.map((j) => `ADD JAR '${j.replace(/'/g, "''")}'`), ...plan.setup, plan.job].join('\n;\n') + '\n';
}

export interface PerJobOptions {
  clusterDir: string;
  deployment: string;
  resolved: ResolvedDeployment;
  /** Job-level keys incl. the restore path. */
  config: Record<string, string>;
  plan: StatementPlan;
  jars: string[];
  configDir: string;
  /** The workspace the cluster's folder and the logging profile must stay in (default: the one above its .flink/). */
  workspaceDir?: string;
  onProgress?: (m: string) => void;
  startTimeoutMs?: number;
  /** Values of the references in `config` and the script (the script keeps them: the runner resolves from its environment). */
  secrets?: SecretResolver;
  secretHints?: SecretHints;
  /** A JAR draft's job instead of the SQL runner: its jar (on every process's classpath), entry class and arguments. */
  userJob?: { jar: string; entryClass: string; args: readonly string[] };
}

export interface PerJobCluster {
  jobId: string;
  restUrl: string;
  clusterDir: string;
  /** The release that runs the job, as its JobManager reports it (the provisioned dist's when it does not say). */
  flinkVersion: string;
  notHonoured: Array<{ parameter: string; reason: string }>;
}

/** The release a local per-job cluster of `flinkVersion` ("1.20") runs: the line's provisioned pin (scripts/flink-dist.json). */
export function perJobRelease(flinkVersion: ResolvedDeployment['flinkVersion']): string {
  return resolveFlinkVersion(flinkVersion);
}

export async function startPerJobCluster(o: PerJobOptions): Promise<PerJobCluster> {
  const release = perJobRelease(o.resolved.flinkVersion);
  // Installs the version first when missing, with the user's consent (see ensureFlink.ts).
  const { dist } = await ensureFlink(release);
  const java = findJava();
  const runner = o.userJob ? o.userJob.jar : sqlRunnerJar();
  // Under the workspace's .flink/: a symlinked folder on the way is refused, never followed (safeFs).
  const workspaceDir = o.workspaceDir ?? workspaceOfStateDir(o.clusterDir) ?? path.dirname(o.clusterDir);
  rmSafe(workspaceDir, o.clusterDir);
  const dirs = clusterDirs(o.clusterDir, release);
  const ports = await choosePorts();
  const secrets = new SecretScope(o.secrets, o.secretHints);
  const { extra, notHonoured } = localPerJobConfig(await secrets.resolveConfig(o.config));
  // The session cluster's config and log4j file, less its gateway, plus the deployment's keys and levels.
  // (Its execution.target is replaced by the application entrypoint's own; the gateway keys go unused.)
  writeClusterConfig({ dirs, flinkVersion: release, ports, slots: o.resolved.resources?.taskManager.slots, extra });
  writeFileSafe(workspaceDir, path.join(dirs.conf, 'log4j.properties'), log4jFor(o, workspaceDir, fs.readFileSync(path.join(dirs.conf, 'log4j.properties'), 'utf8')));
  // The SQL runner's program argument is the published script (it keeps `${secret:…}`: the runner reads the values
  // from the JobManager's environment); a JAR draft's job gets its own class and arguments.
  let main = { className: RUNNER_CLASS, args: [] as string[] };
  let env: Record<string, string> = {};
  if (o.userJob) {
    main = { className: o.userJob.entryClass, args: [...o.userJob.args] };
    // A Python job's program is found with opt/flink-python-*.jar (PackagedProgramUtils.getPythonJar reads FLINK_OPT_DIR).
    env = { FLINK_OPT_DIR: dist.optDir };
  } else {
    const script = path.join(o.clusterDir, 'published.sql');
    const scriptText = runnerScript(o.plan, o.jars);
    writeFileSafe(workspaceDir, script, scriptText);
    env = await runnerEnv(scriptText, secrets, `the draft of "${o.deployment}"`);
    main.args = [script];
  }

  const jobId = randomBytes(16).toString('hex');
  const [jm, tm] = await Promise.all([resourceParams(java, dist, dirs, 'JM'), resourceParams(java, dist, dirs, 'TM')]);
  const restUrl = `http://127.0.0.1:${ports.rest}`;
  const processes: ProcessRecord[] = [];
  const save = () => writeState(dirs, {
    format: 1, status: 'running', flinkVersion: release, distHome: dist.home, workspaceDir: o.clusterDir, restUrl, gatewayUrl: '',
    startedAt: new Date().toISOString(), ownerPid: process.pid, processes,
  });
  o.onProgress?.(`Starting a per-job cluster for "${o.deployment}" (JobManager REST ${restUrl}, ${o.resolved.resources?.taskManagers ?? 1} TaskManager(s))…`);
  processes.push(spawnJvm(java.command, dirs, 'jobmanager', APP_ENTRYPOINT, [...jm.jvmArgs, '-classpath', [classpathFor(dist, 'application'), runner].join(path.delimiter)],
    ['--configDir', dirs.conf, '--job-classname', main.className, '--job-id', jobId, ...jm.dynamicArgs, ...main.args], env));
  save();
  for (let i = 1; i <= (o.resolved.resources?.taskManagers ?? 1); i++) {
    const tmClasspath = [classpathFor(dist, 'taskmanager'), ...(o.userJob ? [o.userJob.jar] : [])].join(path.delimiter);
    processes.push(spawnJvm(java.command, dirs, `taskmanager-${i}`, TM_MAIN, [...tm.jvmArgs, '-classpath', tmClasspath], ['--configDir', dirs.conf, ...tm.dynamicArgs]));
    save();
  }
  spawnWatcher(restUrl, jobId, processes.map((p) => ({ pid: p.pid, startTime: p.startTime })), o.clusterDir, dirs.stateFile);
  const client = new JobManagerClient(restUrl, { timeoutMs: 3_000, retries: 0 });
  const deadline = Date.now() + (o.startTimeoutMs ?? 180_000);
  for (;;) {
    try {
      await client.jobStatus(jobId);
      break;
    } catch (e) {
      if (!fs.existsSync(dirs.stateFile)) throw new Error(`The per-job cluster of "${o.deployment}" ended during start; see ${path.join(dirs.logs, 'jobmanager.log')}.`);
      if (Date.now() > deadline) throw new Error(`The per-job cluster of "${o.deployment}" did not start its job within ${(o.startTimeoutMs ?? 180_000) / 1000} s (${(e as Error).message}); see ${dirs.logs}.`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  const ran = await client.overview().then((x) => x['flink-version'], () => dist.version);
  return { jobId, restUrl, clusterDir: o.clusterDir, flinkVersion: ran, notHonoured };
}

/** Records the job's final state as a stop observed it, unless the watcher already has. */
export function recordPerJobFinalState(clusterDir: string, jobId: string, state: string): void {
  const file = path.join(clusterDir, 'final.json');
  if (fs.lstatSync(file, { throwIfNoEntry: false })) return;
  writeFileSafe(workspaceOfStateDir(clusterDir) ?? path.dirname(clusterDir), file, JSON.stringify({ jobId, state, at: Date.now(), jobManagerDied: false }));
}

/** How long a stop in progress holds the watcher back (a stop that died leaves its marker behind). */
export const STOP_MARKER_MAX_AGE_MS = 180_000;

/**
 * A stop is in progress: the watcher keeps the cluster up after the job ended until the stop has read what it waits
 * for (the savepoint's location from the JobManager, the final state) and cleared the marker. Without it a loaded
 * machine lost the race: the JobManager was gone before the stop's next poll of its savepoint.
 */
export function markPerJobStopping(clusterDir: string): () => void {
  const root = workspaceOfStateDir(clusterDir) ?? path.dirname(clusterDir);
  const file = path.join(clusterDir, 'stopping.json');
  writeFileSafe(root, file, JSON.stringify({ at: Date.now(), pid: process.pid }));
  return () => rmSafe(root, file);
}

/** The final state the watcher recorded after the job ended and the cluster was stopped. */
export function perJobFinalState(clusterDir: string): { jobId: string; state: string } | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(clusterDir, 'final.json'), 'utf8')) as { jobId: string; state: string };
  } catch {
    return undefined;
  }
}

export function perJobRestUrl(clusterDir: string, release: string): string | undefined {
  return readState(clusterDirs(clusterDir, release))?.restUrl;
}

function log4jFor(o: PerJobOptions, workspaceDir: string, sessionTemplate: string): string {
  const logging = o.resolved.logging;
  const base = logging && logging.profile !== 'default' ? readLoggingProfile(logging.profile, o.configDir, workspaceDir) : sessionTemplate;
  return `${base.replace(/^rootLogger\.level\s*=.*$/m, '')}\n# The deployment's levels (logging in its deployment config).\n${logging?.log4jProperties ?? ''}`;
}

function spawnJvm(java: string, dirs: ClusterDirs, name: string, mainClass: string, jvmArgs: string[], programArgs: string[], env: Record<string, string> = {}): ProcessRecord {
  const logFile = path.join(dirs.logs, `${name}.log`);
  const outFile = path.join(dirs.logs, `${name}.out`);
  const out = fs.openSync(outFile, 'w');
  try {
    const child = spawn(java, [...jvmArgs, ...commonJvmArgs(dirs, logFile), mainClass, ...programArgs], {
      detached: true, stdio: ['ignore', out, out], cwd: dirs.root, env: { ...process.env, ...env, FLINK_CONF_DIR: dirs.conf },
    });
    if (child.pid === undefined) throw new Error(`Could not start the ${name} (${java}).`);
    child.on('error', () => undefined);
    child.unref();
    const startTime = processStartTime(child.pid);
    return { role: name.startsWith('taskmanager') ? 'taskmanager' : 'jobmanager', pid: child.pid, mainClass, logFile, outFile, ...(startTime && { startTime }) };
  } finally {
    fs.closeSync(out);
  }
}

/**
 * A detached Node process: when the job is terminal or the JobManager died, stop every process of the cluster. A pid
 * whose start time (Linux: /proc/<pid>/stat, as processStartTime reads it) is no longer the recorded one is not ours
 * any more and is left alone.
 */
function spawnWatcher(restUrl: string, jobId: string, procs: Array<{ pid: number; startTime?: string }>, clusterDir: string, stateFile: string): void {
  const code = `
const fs = require('fs'); const path = require('path');
const [rest, jobId, procsJson, dir, stateFile, markerMaxAge] = process.argv.slice(1);
const procs = JSON.parse(procsJson);
const pids = procs.map((p) => p.pid);
const startOf = (p) => { try { const s = fs.readFileSync('/proc/' + p + '/stat', 'utf8'); return 'ticks:' + s.slice(s.lastIndexOf(')') + 2).split(' ')[19]; } catch { return undefined; } };
const ours = (p) => !(p.startTime && p.startTime.startsWith('ticks:')) || startOf(p.pid) === p.startTime;
const alive = (p) => { try { process.kill(p, 0); return true; } catch { return false; } };
const kill = (sig) => { for (const { pid: p } of procs.filter(ours)) { try { process.kill(-p, sig); } catch { try { process.kill(p, sig); } catch {} } } };
let seenJob = false;
async function tick() {
  let state;
  try { const r = await fetch(rest + '/jobs/' + jobId + '/status', { signal: AbortSignal.timeout(5000) }); if (r.ok) { state = (await r.json()).status; seenJob = true; } } catch {}
  if (['FINISHED', 'CANCELED', 'FAILED'].includes(state) || !alive(pids[0])) {
    // a stop that saw the job end records its state first (the JobManager may be gone before this tick)
    const finalFile = path.join(dir, 'final.json');
    if (!fs.existsSync(finalFile)) fs.writeFileSync(finalFile, JSON.stringify({ jobId, state: state || 'FAILED', at: Date.now(), jobManagerDied: !state }));
    // a stop in progress still needs the JobManager (its savepoint's location): wait for it to finish
    const marker = path.join(dir, 'stopping.json');
    const stopping = () => { try { return Date.now() - JSON.parse(fs.readFileSync(marker, 'utf8')).at < Number(markerMaxAge); } catch { return false; } };
    while (alive(pids[0]) && stopping()) await new Promise((r) => setTimeout(r, 200));
    kill('SIGTERM');
    const until = Date.now() + 15000;
    while (Date.now() < until && procs.filter(ours).some((p) => alive(p.pid))) await new Promise((r) => setTimeout(r, 200));
    kill('SIGKILL');
    fs.rmSync(stateFile, { force: true });
    return;
  }
  setTimeout(tick, seenJob ? 1000 : 500);
}
tick();`;
  const child = spawn(process.execPath, ['-e', code, restUrl, jobId, JSON.stringify(procs), clusterDir, stateFile, String(STOP_MARKER_MAX_AGE_MS)], { detached: true, stdio: 'ignore' });
  child.unref();
}
