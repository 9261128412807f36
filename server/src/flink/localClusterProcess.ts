// Spawning and stopping the local cluster's JVMs: each in its own process group with output in
// .flink/logs/, memory flags computed by Flink's own BashJavaUtils (cached), SIGTERM→SIGKILL stops.
import { execFile, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { configFileFormat } from './configKeys';
import { commonJvmArgs, type ClusterDirs } from './flinkConfig';
import { classpathFor, type FlinkDist } from './provision';
import type { JavaRuntime } from './provisionJava';
import { pidAlive, processAlive, processStartTime, type ClusterRole, type ProcessRecord } from './localClusterState';
import { sleep } from './http';
import { readTextFileSync } from '../util/boundedRead';
import { openForWriteSafe, unlinkSymlinksIn, writeFileSafe } from '../util/safeFs';

export const MAIN_CLASSES: Record<ClusterRole, string> = {
  jobmanager: 'org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint',
  taskmanager: 'org.apache.flink.runtime.taskexecutor.TaskManagerRunner',
  gateway: 'org.apache.flink.table.gateway.SqlGateway',
};

export interface ResourceParams {
  /** -Xmx/-Xms/-XX:Max… as bin/jobmanager.sh and bin/taskmanager.sh would pass them. */
  jvmArgs: string[];
  /** `-D key=value` pairs the scripts hand to the entrypoint (TaskManagerRunner refuses to start without them). */
  dynamicArgs: string[];
}

/**
 * Runs `BashJavaUtils GET_JM_RESOURCE_PARAMS|GET_TM_RESOURCE_PARAMS` like bin/config.sh does, caching the
 * answer in .flink/conf/ by the inputs that determine it (it costs a JVM start, ~0.8 s).
 */
export async function resourceParams(java: JavaRuntime, dist: FlinkDist, dirs: ClusterDirs, kind: 'JM' | 'TM'): Promise<ResourceParams> {
  const configFile = path.join(dirs.conf, configFileFormat(dist.version).file);
  const configText = fs.readFileSync(configFile, 'utf8');
  const memoryLines = configText.split('\n').filter((l) => /memory|numberOfTaskSlots/.test(l)).join('\n');
  const key = createHash('sha256').update([kind, dist.version, java.version, memoryLines].join('\n')).digest('hex').slice(0, 16);
  const cacheFile = path.join(dirs.conf, `resource-params-${kind}-${key}.json`);
  const cached = readCachedParams(cacheFile);
  if (cached) return cached;
  const cmd = kind === 'JM' ? 'GET_JM_RESOURCE_PARAMS' : 'GET_TM_RESOURCE_PARAMS';
  const output = await new Promise<string>((resolve, reject) => {
    execFile(java.command, ['-cp', classpathFor(dist, 'jobmanager'), 'org.apache.flink.runtime.util.bash.BashJavaUtils', cmd, '--configDir', dirs.conf],
      { timeout: 60_000, maxBuffer: 4 << 20 }, (err, stdout, stderr) => {
        if (err) reject(new Error(`Flink could not derive the ${kind} memory settings from ${configFile}: ${(stderr || stdout || err.message).trim().slice(-800)}`));
        else resolve(stdout);
      });
  });
  const results = output.split('\n').filter((l) => l.startsWith('BASH_JAVA_UTILS_EXEC_RESULT:')).map((l) => l.slice('BASH_JAVA_UTILS_EXEC_RESULT:'.length).trim());
  if (results.length < 2) throw new Error(`Unexpected BashJavaUtils output for ${cmd}: ${output.trim().slice(-500)}`);
  const params: ResourceParams = {
    jvmArgs: results[results.length - 2].split(/\s+/).filter(Boolean),
    dynamicArgs: results[results.length - 1].split(/\s+/).filter(Boolean),
  };
  writeFileSafe(dirs.root, cacheFile, JSON.stringify(params));
  return params;
}

/** What BashJavaUtils prints: heap and direct/metaspace sizes, and `-D key=value` memory settings. */
const CACHED_JVM_ARG = /^(-Xm[xs]\d+[kmgKMG]?|-XX:Max(DirectMemorySize|MetaspaceSize)=\d+[kmgKMG]?)$/;
const CACHED_DYNAMIC_ARG = /^(-D|(jobmanager\.memory|taskmanager\.(memory|cpu|numberOfTaskSlots)|external-resources)[A-Za-z0-9.-]*=[A-Za-z0-9.]+)$/;

/**
 * The cached answer, only when it is one BashJavaUtils could have given: the key is computable, so a workspace could
 * ship a cache file whose JVM flags (-javaagent, -XX:OnOutOfMemoryError…) run code of its own. Anything else is
 * computed again; a symlink, FIFO or huge file is not read.
 */
export function readCachedParams(cacheFile: string): ResourceParams | undefined {
  try {
    if (!fs.lstatSync(cacheFile).isFile()) return undefined;
    const p = JSON.parse(readTextFileSync(cacheFile, { maxBytes: 64 * 1024 })) as Partial<ResourceParams>;
    const ok = (a: unknown, re: RegExp) => Array.isArray(a) && a.every((x) => typeof x === 'string' && re.test(x));
    return ok(p.jvmArgs, CACHED_JVM_ARG) && ok(p.dynamicArgs, CACHED_DYNAMIC_ARG) ? { jvmArgs: p.jvmArgs!, dynamicArgs: p.dynamicArgs! } : undefined;
  } catch {
    return undefined; // not cached yet
  }
}

export interface SpawnSpec {
  role: ClusterRole;
  java: JavaRuntime;
  dist: FlinkDist;
  dirs: ClusterDirs;
  jvmArgs: string[];
  programArgs: string[];
  /** Jars after the distribution's (connector jars): appended, so class-data-sharing archives of lib/ stay valid. */
  extraClasspath?: string[];
}

/** Starts one Flink JVM detached in its own process group (so the group can be signalled as a whole). */
export function spawnFlinkProcess(spec: SpawnSpec): ProcessRecord {
  const { role, dirs } = spec;
  const logFile = path.join(dirs.logs, `${role}.log`);
  const outFile = path.join(dirs.logs, `${role}.out`);
  fs.mkdirSync(dirs.logs, { recursive: true });
  // The JVM writes its log, and Flink its web tmp dir (deleted on shutdown), by name: a link planted there by the
  // workspace would steer those writes and that deletion outside it.
  unlinkSymlinksIn(dirs.logs);
  unlinkSymlinksIn(dirs.tmp);
  const out = openForWriteSafe(outFile);
  const mainClass = MAIN_CLASSES[role];
  const base = classpathFor(spec.dist, role);
  const extra = spec.extraClasspath ?? [];
  const classpath = [base, ...extra].join(path.delimiter);
  // An archive of the distribution's classpath serves an extended one; a dump is only made without extras.
  const cds = classDataSharingArgs(spec.java, spec.dist, role, base).filter((a) => !extra.length || !a.startsWith('-XX:ArchiveClassesAtExit='));
  const args = [
    ...spec.jvmArgs,
    ...cds,
    ...commonJvmArgs(dirs, logFile),
    '-classpath', classpath,
    mainClass,
    ...spec.programArgs,
  ];
  // To name a CDS dump after the JVM's pid, start through `sh -c 'exec …'`: the shell's $$ becomes the JVM's pid.
  const dumpAt = args.findIndex((a) => a.startsWith('-XX:ArchiveClassesAtExit='));
  let command = spec.java.command;
  // FLINK_OPT_DIR: a Python job's submission looks for opt/flink-python-*.jar there (PackagedProgramUtils.getPythonJar).
  const env: NodeJS.ProcessEnv = { ...process.env, FLINK_CONF_DIR: dirs.conf, FLINK_OPT_DIR: spec.dist.optDir };
  if (dumpAt >= 0) {
    env.FLINK_CDS_DUMP = args.splice(dumpAt, 1)[0].slice('-XX:ArchiveClassesAtExit='.length);
    args.unshift('-c', 'exec "$0" "-XX:ArchiveClassesAtExit=$FLINK_CDS_DUMP$$" "$@"', spec.java.command);
    command = '/bin/sh';
  }
  try {
    const child = spawn(command, args, {
      detached: true,
      stdio: ['ignore', out, out],
      cwd: dirs.root,
      // SqlGateway (like the CLI frontend) finds config.yaml through FLINK_CONF_DIR.
      env,
    });
    if (child.pid === undefined) throw new Error(`Could not start the ${role} (${spec.java.command}).`);
    child.on('error', () => { /* reported through the health check and the log */ });
    child.unref();
    // Read right after the fork (the shell's exec keeps it): a stop later signals this pid only while it still started then.
    const startTime = processStartTime(child.pid);
    return { role, pid: child.pid, mainClass, logFile, outFile, ...(dumpAt >= 0 && { cdsDump: true }), ...(startTime && { startTime }) };
  } finally {
    fs.closeSync(out);
  }
}

/**
 * Application class-data sharing: the first run of each role dumps the classes it loaded into an archive when
 * it exits; later runs map it, which cut the gateway's start CPU by about a third (2.2 s → 1.4 s) on the 2-core
 * target. A dump lands under a temporary name and is promoted only after `java -Xshare:on` accepts it, so a
 * dump cut short by SIGKILL is discarded instead of being reused; a rejected archive is simply not used.
 */
export function classDataSharingArgs(java: JavaRuntime, dist: FlinkDist, role: ClusterRole, classpath: string): string[] {
  if (process.env.FLINK_SQL_STUDIO_NO_CDS) return [];
  const dir = dist.cdsDir;
  const archive = path.join(dir, `${role}-java${java.version}.jsa`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    if (!fs.existsSync(archive)) promoteDump(java, dir, archive, classpath);
    if (fs.existsSync(archive)) return [`-XX:SharedArchiveFile=${archive}`];
    if (failedDumps(archive) >= MAX_FAILED_DUMPS) return [];
    // One dumper at a time: a dump still being written (its JVM alive) is left alone.
    if (fs.readdirSync(dir).some((f) => f.startsWith(`${path.basename(archive)}.tmp-`) && pidAlive(Number(f.split('.tmp-')[1])))) return [];
    // JDK 17 does not expand %p here; spawnFlinkProcess appends the JVM's own pid through `exec` (see there).
    return [`-XX:ArchiveClassesAtExit=${archive}.tmp-`];
  } catch {
    return [];
  }
}

function promoteDump(java: JavaRuntime, dir: string, archive: string, classpath: string): void {
  for (const f of fs.readdirSync(dir)) {
    if (!f.startsWith(`${path.basename(archive)}.tmp-`)) continue;
    const file = path.join(dir, f);
    if (pidAlive(Number(f.split('.tmp-')[1]))) continue;
    const check = spawnSync(java.command, ['-Xshare:on', `-XX:SharedArchiveFile=${file}`, '-cp', classpath, '-version'], { timeout: 30_000 });
    if (check.status === 0 && !fs.existsSync(archive)) {
      fs.renameSync(file, archive);
    } else {
      fs.rmSync(file, { force: true });
      fs.writeFileSync(`${archive}.failed`, String(failedDumps(archive) + 1));
    }
  }
}

/** Dumps cut short (SIGKILL under heavy load) are retried a few times, then CDS stays off for that role. */
const MAX_FAILED_DUMPS = 3;

function failedDumps(archive: string): number {
  try {
    return parseInt(fs.readFileSync(`${archive}.failed`, 'utf8'), 10) || 0;
  } catch {
    return 0;
  }
}

export interface StopOutcome {
  /** Pids that were running and are gone now. */
  stopped: number[];
  /** Pids that ignored SIGTERM and needed SIGKILL. */
  killed: number[];
}

const CDS_DUMP_GRACE_MS = 90_000;

/** SIGTERM to each process group, then SIGKILL to whatever is left after `graceMs`. */
export async function stopProcesses(records: ProcessRecord[], graceMs = 15_000): Promise<StopOutcome> {
  const live = records.filter(processAlive);
  for (const r of live) signalGroup(r.pid, 'SIGTERM');
  const started = Date.now();
  // A JVM writing its CDS archive (once per installation) gets longer: killing it would only mean dumping again.
  const graceOf = (r: ProcessRecord) => (r.cdsDump ? Math.max(graceMs, CDS_DUMP_GRACE_MS) : graceMs);
  const overdue = (r: ProcessRecord) => Date.now() - started >= graceOf(r);
  while (live.some((r) => processAlive(r) && !overdue(r))) await sleep(100);
  const killed = live.filter(processAlive).map((r) => r.pid);
  for (const pid of killed) signalGroup(pid, 'SIGKILL');
  const hardDeadline = Date.now() + 5_000;
  while (Date.now() < hardDeadline && live.some(processAlive)) await sleep(50);
  const survivors = live.filter(processAlive);
  if (survivors.length) throw new Error(`Could not stop Flink processes ${survivors.map((r) => `${r.role} (pid ${r.pid})`).join(', ')}.`);
  return { stopped: live.map((r) => r.pid), killed };
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Not a group leader (should not happen) or already gone: signal the process itself.
    try {
      process.kill(pid, signal);
    } catch {
      /* gone */
    }
  }
}

/** Last `lines` lines of a process's log and console output, for error messages. */
export function logTail(rec: Pick<ProcessRecord, 'logFile' | 'outFile'>, lines = 25): string {
  const tail = (file: string) => {
    try {
      const text = fs.readFileSync(file, 'utf8');
      return text.split('\n').slice(-lines - 1).join('\n').trim();
    } catch {
      return '';
    }
  };
  return [tail(rec.outFile), tail(rec.logFile)].filter(Boolean).join('\n---\n') || '(no output)';
}

/** The most telling error line in a process's log, e.g. a bind failure. */
export function diagnoseLog(rec: Pick<ProcessRecord, 'logFile' | 'outFile'>): string | undefined {
  // A failed start logs its cause, then shutdown noise and a thread dump that can run past a thousand
  // lines (class-loading errors of the dying RPC system): read enough to reach the cause.
  const text = logTail(rec, 5000);
  const bind = /BindException: ([^\n]*)/.exec(text);
  if (bind || /Address already in use/.test(text)) return `a port it needs is already in use (${(bind?.[1] ?? 'Address already in use').trim()})`;
  if (/OutOfMemoryError/.test(text)) return 'it ran out of memory';
  if (/UnsupportedClassVersionError/.test(text)) return 'the Java version is too old for this Flink';
  // The root cause is the last "Caused by:"; else the first ERROR line.
  const causes = [...text.matchAll(/Caused by: ([^\n]*)/g)];
  if (causes.length) return causes[causes.length - 1][1].trim().slice(0, 300);
  const m = / ERROR [^\n]*/.exec(text);
  return m ? m[0].trim().slice(0, 300) : undefined;
}
