// The local cluster's state file (`.flink/cluster.json`): which processes belong to it, so that any
// process (CLI, LSP server, tests) can report on or stop a cluster another one started, and detect stale state.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { assertNotSymlinks, clusterFolderChain, writeFileSafe } from '../util/safeFs';
import { isLoopbackHttpUrl } from './urlPolicy';
import { redactUrl } from './urlCredentials';
import type { ClusterDirs } from './flinkConfig';

export const ROLES = ['jobmanager', 'taskmanager', 'gateway'] as const;
export type ClusterRole = (typeof ROLES)[number];

const processSchema = z.object({
  role: z.enum(ROLES),
  pid: z.number().int().positive(),
  /** Checked against /proc/<pid>/cmdline so a recycled pid is never mistaken for (or killed as) ours. */
  mainClass: z.string(),
  logFile: z.string(),
  outFile: z.string(),
  /** The JVM writes its class-data-sharing archive when it exits, which makes that one exit slow. */
  cdsDump: z.boolean().optional(),
  /**
   * When the process started (processStartTime), recorded at spawn: a pid the system gave to another process since
   * has another start time, so it is never signalled as ours. Records of earlier versions have none.
   */
  startTime: z.string().optional(),
});
export type ProcessRecord = z.infer<typeof processSchema>;

const stateSchema = z.object({
  format: z.literal(1),
  status: z.enum(['starting', 'running']),
  flinkVersion: z.string(),
  distHome: z.string(),
  workspaceDir: z.string(),
  restUrl: z.string(),
  gatewayUrl: z.string(),
  startedAt: z.string(),
  /** Milliseconds from spawn to healthy, once running. */
  startMillis: z.number().optional(),
  /** The Node process that started the cluster (informational). */
  ownerPid: z.number(),
  processes: z.array(processSchema),
  /** Connectors whose jars are on the processes' classpath (provisionConnectors.ts). */
  connectors: z.array(z.string()).optional(),
  /** Flink's Python jar (opt/flink-python-*.jar) is on the SQL Gateway's classpath: Python UDFs run in its sessions. */
  python: z.boolean().optional(),
});
export type ClusterState = z.infer<typeof stateSchema>;

/** The main classes of the JVMs we start (session cluster and per-job clusters): nothing else is ever ours to signal. */
export const FLINK_MAIN_CLASSES: ReadonlySet<string> = new Set([
  'org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint',
  'org.apache.flink.runtime.taskexecutor.TaskManagerRunner',
  'org.apache.flink.table.gateway.SqlGateway',
  'org.apache.flink.container.entrypoint.StandaloneApplicationClusterEntryPoint',
]);

export function readState(dirs: ClusterDirs): ClusterState | undefined {
  return inspectState(dirs).state;
}

/**
 * The state, or (`problem`) why a state file that is there was rejected as not ours: it names a process that is not
 * one of our JVMs logging into this cluster's folder, or a URL off this machine. Unparseable files are just absent.
 */
export function inspectState(dirs: ClusterDirs): { state?: ClusterState; problem?: string } {
  let text: string;
  try {
    // Only a regular file of sane size: a symlink to /dev/zero or a FIFO must not hang or exhaust the reader.
    const st = fs.lstatSync(dirs.stateFile);
    if (!st.isFile() || st.size > 1 << 20) return {};
    text = fs.readFileSync(dirs.stateFile, 'utf8');
  } catch {
    return {};
  }
  let state: ClusterState;
  try {
    state = stateSchema.parse(JSON.parse(text));
  } catch {
    // A corrupt file cannot tell us which pids are ours; treat it as absent rather than guessing.
    return {};
  }
  // The file is the workspace's to write: a process counts as this cluster's only when it is one of our JVMs
  // logging into this cluster's own folder (processAlive checks the running command line says so), and the
  // URLs we would contact are this machine's.
  const root = path.resolve(dirs.root) + path.sep;
  const foreign = state.processes.find((p) => !FLINK_MAIN_CLASSES.has(p.mainClass) || !path.resolve(p.logFile).startsWith(root));
  if (foreign) {
    return { problem: `${dirs.stateFile} is corrupt: it names pid ${foreign.pid} (${foreign.mainClass.slice(0, 100)}), which is not a Flink process of this cluster; nothing was signalled` };
  }
  for (const [what, url] of [['REST', state.restUrl], ['SQL Gateway', state.gatewayUrl]] as const) {
    if (url && !isLoopbackHttpUrl(url)) {
      return { problem: `${dirs.stateFile} is corrupt: its ${what} URL ${redactUrl(url).slice(0, 200)} is not http(s) on this machine (127.0.0.1, localhost, [::1]); not contacted` };
    }
  }
  return { state };
}

/** Atomic (write + rename) so a concurrent reader never sees half a file. */
export function writeState(dirs: ClusterDirs, state: ClusterState): void {
  assertNotSymlinks(...clusterFolderChain(dirs.root));
  fs.mkdirSync(dirs.root, { recursive: true });
  writeFileSafe(dirs.root, dirs.stateFile, JSON.stringify(state, null, 2) + '\n');
}

/** Creates the state file only if none exists: the lock that keeps two starters from racing. */
export function createState(dirs: ClusterDirs, state: ClusterState): boolean {
  assertNotSymlinks(...clusterFolderChain(dirs.root), dirs.stateFile);
  fs.mkdirSync(dirs.root, { recursive: true });
  try {
    fs.writeFileSync(dirs.stateFile, JSON.stringify(state, null, 2) + '\n', { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

export function removeState(dirs: ClusterDirs): void {
  assertNotSymlinks(...clusterFolderChain(dirs.root));
  // A symlinked state file is unlinked itself, never what it points to.
  fs.rmSync(dirs.stateFile, { force: true });
}

/** Whether `pid` exists and has not exited; an exited child its parent has not reaped yet (a zombie) counts as gone. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    // /proc/<pid>/stat: "pid (comm) S …"; comm may contain spaces or parentheses, so split at the last ')'.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

/**
 * When `pid` started, as a string that stays the same for the process's life and differs for a later process with the
 * same pid: on Linux the start time in clock ticks since boot (/proc/<pid>/stat, field 22), elsewhere `ps -o lstart=`.
 * Undefined when the process is gone or the system cannot say.
 */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)" start at field 3 (state); field 22 is the 20th of them.
    const ticks = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return ticks && /^\d+$/.test(ticks) ? `ticks:${ticks}` : undefined;
  } catch {
    if (process.platform === 'linux' || process.platform === 'win32') return undefined;
  }
  const r = spawnSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8', timeout: 5_000, env: { ...process.env, LC_ALL: 'C' } });
  const out = r.status === 0 ? r.stdout.trim() : '';
  return out ? `lstart:${out}` : undefined;
}

/**
 * True when `pid` runs and (where /proc exists) is still our JVM: one of our main classes, started when the record
 * says (when it says), and — when the record names its log file — started with that log file (our processes get
 * `-Dlog.file=<cluster dir>/logs/…`).
 */
export function processAlive(rec: Pick<ProcessRecord, 'pid' | 'mainClass'> & { logFile?: string; startTime?: string }): boolean {
  if (!FLINK_MAIN_CLASSES.has(rec.mainClass)) return false;
  if (!pidAlive(rec.pid)) return false;
  if (rec.startTime !== undefined && processStartTime(rec.pid) !== rec.startTime) return false;
  let cmdline: string;
  try {
    cmdline = fs.readFileSync(`/proc/${rec.pid}/cmdline`, 'utf8');
  } catch {
    if (process.platform === 'linux') return false;
    // No /proc (macOS, BSD): ask ps. Without a command line to check, the pid is never taken for ours.
    const args = commandLineByPs(rec.pid);
    if (args === undefined) return false;
    return hasArg(args, rec.mainClass) && (rec.logFile === undefined || hasArg(args, `-Dlog.file=${rec.logFile}`));
  }
  // A zombie (exited, not yet reaped) has an empty cmdline: it is gone for our purposes.
  const argv = cmdline.split('\0');
  return argv.includes(rec.mainClass) && (rec.logFile === undefined || argv.includes(`-Dlog.file=${rec.logFile}`));
}

/** `ps -o args=` joins argv with spaces (no quoting): match `arg` as a whole word of it. */
function hasArg(args: string, arg: string): boolean {
  return ` ${args} `.includes(` ${arg} `);
}

function commandLineByPs(pid: number): string | undefined {
  if (process.platform === 'win32') return undefined;
  const r = spawnSync('ps', ['-ww', '-o', 'args=', '-p', String(pid)], { encoding: 'utf8', timeout: 5_000 });
  const out = r.status === 0 ? r.stdout.trim() : '';
  return out || undefined;
}
