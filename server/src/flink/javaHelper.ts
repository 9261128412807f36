// The Java helpers shipped beside the bundles (out/<name>.jar, built from tools/<name> by scripts/build-runner.js):
// where each is, and one JVM run that answers a JSON object on stdout. Nothing is built at the user's.
import { spawn } from 'node:child_process';
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
}

/** Runs the helper; resolves with its stdout parsed as JSON, rejects with its last stderr lines when it fails. */
export function runJavaJson<T>(r: JavaRun): Promise<T> {
  const env = r.env ?? process.env;
  const timeoutMs = r.timeoutMs ?? 120_000;
  const java = findJava(env);
  return new Promise((resolve, reject) => {
    const child = spawn(java.command, [`-Xmx${r.maxHeap ?? '256m'}`, '-cp', r.classpath.join(path.delimiter), r.mainClass, ...r.args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => { out += d.toString('utf8'); });
    child.stderr.on('data', (d: Buffer) => { if (err.length < 64_000) err += d.toString('utf8'); });
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
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

function lastLines(text: string): string {
  return text.trim().split(/\r?\n/).filter((l) => !/^SLF4J/.test(l)).slice(-5).join(' | ').slice(0, 600);
}
