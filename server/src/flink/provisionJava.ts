// Finds the Java runtime that runs Flink (JAVA_HOME, else `java` on PATH) and checks its version,
// so a missing or too-old JDK is reported in one clear sentence instead of a JVM stack trace.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface JavaRuntime {
  /** Executable to spawn. */
  command: string;
  /** e.g. "17.0.15". */
  version: string;
  major: number;
}

/** Flink 2.x runs on Java 11, 17 and 21, 1.20 on 11 and 17 (and 8, which our JVM options do not fit); 17 is what both are tested for. */
export const MIN_JAVA_MAJOR = 11;
export const RECOMMENDED_JAVA_MAJOR = 17;
/** The Java versions each pinned line is tested on (Flink's docs: "Java compatibility"). */
export const TESTED_JAVA: Record<string, number[]> = { '2.3': [11, 17, 21], '1.20': [11, 17] };

export class JavaNotFoundError extends Error {
  constructor(detail: string) {
    super(`${detail} Flink runs on Java ${MIN_JAVA_MAJOR} or later (${RECOMMENDED_JAVA_MAJOR} recommended): install a JDK/JRE 17 (e.g. \`apt-get install openjdk-17-jre-headless\`) ` +
      'and point the setting flinkSql.javaHome (CLI: JAVA_HOME) at it, or put its java on PATH.');
    this.name = 'JavaNotFoundError';
  }
}

let cached: { key: string; java: JavaRuntime } | undefined;

/** Resolves and version-checks Java; the result is cached per JAVA_HOME/PATH. */
export function findJava(env: NodeJS.ProcessEnv = process.env): JavaRuntime {
  const key = `${env.JAVA_HOME ?? ''}|${env.PATH ?? ''}`;
  if (cached?.key === key) return cached.java;
  const command = javaCommand(env);
  const res = spawnSync(command, ['-version'], { encoding: 'utf8', env, timeout: 20_000 });
  if (res.error) {
    throw new JavaNotFoundError(`Java was not found (${command}: ${(res.error as NodeJS.ErrnoException).code ?? res.error.message}).`);
  }
  const out = `${res.stderr ?? ''}${res.stdout ?? ''}`;
  const m = /version "([^"]+)"/.exec(out);
  if (!m) throw new JavaNotFoundError(`Could not read the Java version from \`${command} -version\`: ${out.trim().slice(0, 200)}.`);
  const version = m[1];
  const major = parseJavaMajor(version);
  if (major < MIN_JAVA_MAJOR) throw new JavaNotFoundError(`Java ${version} at ${command} is too old.`);
  const java = { command, version, major };
  cached = { key, java };
  return java;
}

/** "1.8.0_392" → 8, "17.0.15" → 17, "21" → 21. */
export function parseJavaMajor(version: string): number {
  const parts = version.split(/[.+_-]/).map((p) => parseInt(p, 10));
  return parts[0] === 1 ? parts[1] : parts[0];
}

function javaCommand(env: NodeJS.ProcessEnv): string {
  if (env.JAVA_HOME) {
    const candidate = path.join(env.JAVA_HOME, 'bin', process.platform === 'win32' ? 'java.exe' : 'java');
    if (fs.existsSync(candidate)) return candidate;
  }
  return 'java';
}
