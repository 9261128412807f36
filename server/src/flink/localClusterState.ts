// The local cluster's state file (`.flink/cluster.json`): which processes belong to it, so that any
// process (CLI, LSP server, tests) can report on or stop a cluster another one started, and detect stale state.
import * as fs from 'node:fs';
import { z } from 'zod';
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
});
export type ClusterState = z.infer<typeof stateSchema>;

export function readState(dirs: ClusterDirs): ClusterState | undefined {
  let text: string;
  try {
    text = fs.readFileSync(dirs.stateFile, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return stateSchema.parse(JSON.parse(text));
  } catch {
    // A corrupt file cannot tell us which pids are ours; treat it as absent rather than guessing.
    return undefined;
  }
}

/** Atomic (write + rename) so a concurrent reader never sees half a file. */
export function writeState(dirs: ClusterDirs, state: ClusterState): void {
  fs.mkdirSync(dirs.root, { recursive: true });
  const tmp = `${dirs.stateFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state, null, 2) + '\n');
  fs.renameSync(tmp, dirs.stateFile);
}

/** Creates the state file only if none exists: the lock that keeps two starters from racing. */
export function createState(dirs: ClusterDirs, state: ClusterState): boolean {
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

/** True when `pid` runs and (where /proc exists) is still the JVM running `mainClass`. */
export function processAlive(rec: Pick<ProcessRecord, 'pid' | 'mainClass'>): boolean {
  if (!pidAlive(rec.pid)) return false;
  let cmdline: string;
  try {
    cmdline = fs.readFileSync(`/proc/${rec.pid}/cmdline`, 'utf8');
  } catch {
    return process.platform !== 'linux';
  }
  // A zombie (exited, not yet reaped) has an empty cmdline: it is gone for our purposes.
  return cmdline.split('\0').includes(rec.mainClass);
}
