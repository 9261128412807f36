// The Java helpers shipped beside the bundles (out/<name>.jar, built from tools/<name> by scripts/build-runner.js):
// where each is, and one JVM run that answers a JSON object on stdout. Nothing is built at the user's.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findJava } from './provisionJava';

/** `out/<name>.jar` beside the bundles; `override` (an environment variable's value) for tests run from sources. */
export function shippedJar(name: string, what: string, override?: string, bundleDir = __dirname): string {
  const jar = override || path.join(bundleDir, `${name}.jar`);
  if (!fs.existsSync(jar)) throw new Error(`This installation lacks ${what} (${jar} is missing): reinstall the extension or the flink-sql package.`);
  return jar;
}

export interface JavaRun {
  classpath: string[];
  mainClass: string;
  args: string[];
  /** Names the helper in errors ("The UDF inspector"). */
  what: string;
  /** Names what it worked on in errors. */
  on: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  maxHeap?: string;
  /**
   * Class-data sharing: the archive's path without the Java version and `.jsa`. The first run dumps the classes it
   * loaded there (promoted once `java -Xshare:on` accepts it); later runs map it. The classpath's start must stay the
   * same (jars that vary go last).
   */
  cds?: string;
}

/** A short-lived helper: C1 only and the serial collector (about half the CPU on the 2-core target); the JVM's own warnings (a CDS dump's) to stderr, never into the JSON on stdout. */
const SHORT_LIVED = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xlog:disable', '-Xlog:all=warning:stderr'];
/** Dumps that did not promote are retried this often, then the helper runs without an archive. */
const MAX_FAILED_DUMPS = 3;

/** Runs the helper; resolves with its stdout parsed as JSON, rejects with its last stderr lines when it fails. */
export function runJavaJson<T>(r: JavaRun): Promise<T> {
  const env = r.env ?? process.env;
  const timeoutMs = r.timeoutMs ?? 120_000;
  const java = findJava(env);
  const classpath = r.classpath.join(path.delimiter);
  const cds = r.cds && !env.FLINK_SQL_STUDIO_NO_CDS ? sharing(`${r.cds}-java${java.version}.jsa`) : undefined;
  return new Promise((resolve, reject) => {
    const child = spawn(java.command, [`-Xmx${r.maxHeap ?? '256m'}`, ...SHORT_LIVED, ...(cds?.args ?? []), '-cp', classpath, r.mainClass, ...r.args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => { out += d.toString('utf8'); });
    child.stderr.on('data', (d: Buffer) => { if (err.length < 64_000) err += d.toString('utf8'); });
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      cds?.finish(code === 0, java.command, classpath);
      if (code !== 0) {
        const why = signal ? `was stopped (${signal}${signal === 'SIGKILL' ? `, after ${timeoutMs / 1000} s` : ''})` : `exited with ${code}`;
        reject(new Error(`${r.what} ${why} on ${r.on}: ${lastLines(err) || 'no output'}`));
        return;
      }
      try {
        resolve(JSON.parse(out) as T);
      } catch (e) {
        reject(new Error(`${r.what}'s answer on ${r.on} is not JSON (${(e as Error).message}): ${out.slice(0, 200)}`));
      }
    });
  });
}

/** The JVM flags for `archive`: map it, or dump one (a later `promote` makes it the archive). Never throws. */
function sharing(archive: string): { args: string[]; finish: (ok: boolean, java: string, classpath: string) => void } | undefined {
  try {
    if (fs.existsSync(archive)) return { args: [`-XX:SharedArchiveFile=${archive}`], finish: () => undefined };
    if (failedDumps(archive) >= MAX_FAILED_DUMPS) return undefined;
    fs.mkdirSync(path.dirname(archive), { recursive: true });
    sweepStaleDumps(archive);
    const dump = `${archive}.tmp-${process.pid}-${Date.now()}`;
    return {
      args: [`-XX:ArchiveClassesAtExit=${dump}`],
      // A failed or killed run's dump is thrown away; a good one is promoted once `java -Xshare:on` accepts it.
      finish: (ok, java, classpath) => {
        try {
          if (!ok) return;
          const check = spawnSync(java, ['-Xshare:on', `-XX:SharedArchiveFile=${dump}`, '-cp', classpath, '-version'], { timeout: 30_000 });
          if (check.status === 0 && !fs.existsSync(archive)) fs.renameSync(dump, archive);
          else if (check.status !== 0) fs.writeFileSync(`${archive}.failed`, String(failedDumps(archive) + 1));
        } catch {
          // an archive is an optimisation: without one the helper runs as before
        } finally {
          fs.rmSync(dump, { force: true });
        }
      },
    };
  } catch {
    return undefined;
  }
}

/** Dumps left by a process that died mid-run (tens of MB each), older than ten minutes. */
function sweepStaleDumps(archive: string): void {
  const dir = path.dirname(archive);
  const prefix = `${path.basename(archive)}.tmp-`;
  for (const f of fs.readdirSync(dir)) {
    if (!f.startsWith(prefix)) continue;
    const file = path.join(dir, f);
    if (Date.now() - (fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 10 * 60_000) fs.rmSync(file, { force: true });
  }
}

function failedDumps(archive: string): number {
  try {
    return parseInt(fs.readFileSync(`${archive}.failed`, 'utf8'), 10) || 0;
  } catch {
    return 0;
  }
}

function lastLines(text: string): string {
  return text.trim().split(/\r?\n/).filter((l) => !/^SLF4J/.test(l)).slice(-5).join(' | ').slice(0, 600);
}
