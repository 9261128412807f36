// A deployment's additional dependencies as jar files: paths relative to the deployment config, or Maven
// coordinates found in the local Maven repository (fetched with `mvn dependency:get` when missing).
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const MAVEN = /^([A-Za-z0-9_.-]+):([A-Za-z0-9_.-]+)(?::([A-Za-z0-9_.-]+))?(?::([A-Za-z0-9_.-]+))?(?::([A-Za-z0-9_.-]+))?$/;

export function localMavenRepo(env = process.env): string {
  return env.MAVEN_REPO_LOCAL ?? path.join(os.homedir(), '.m2', 'repository');
}

/** group:artifact:version, group:artifact:packaging:version or group:artifact:packaging:classifier:version → the jar's path. */
export function mavenJarPath(coords: string, repo = localMavenRepo()): string | undefined {
  const m = MAVEN.exec(coords);
  if (!m) return undefined;
  const parts = m.slice(1).filter((p): p is string => p !== undefined);
  const [group, artifact] = parts;
  const version = parts[parts.length - 1];
  const classifier = parts.length === 5 ? parts[3] : undefined;
  const packaging = parts.length >= 4 ? parts[2] : 'jar';
  return path.join(repo, ...group.split('.'), artifact, version, `${artifact}-${version}${classifier ? `-${classifier}` : ''}.${packaging}`);
}

function mvnGet(coords: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('mvn', ['-q', '-B', 'dependency:get', `-Dartifact=${coords}`, '-Dtransitive=false'], { timeout: 300_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`Could not fetch the dependency ${coords} with Maven: ${(stderr || stdout || err.message).trim().split('\n').slice(-3).join(' ')}`));
      else resolve();
    });
  });
}

/** Absolute jar paths, in order; a missing jar is an error naming it. */
export async function resolveDependencies(dependencies: string[], configDir: string, onProgress?: (m: string) => void): Promise<string[]> {
  const out: string[] = [];
  for (const dep of dependencies) {
    if (/\.jar$/i.test(dep)) {
      const p = path.resolve(configDir, dep);
      if (!fs.existsSync(p)) throw new Error(`The dependency ${dep} does not exist (${p}; paths are relative to the deployment config).`);
      out.push(p);
      continue;
    }
    const p = mavenJarPath(dep);
    if (!p) throw new Error(`The dependency "${dep}" is neither a jar path nor Maven coordinates group:artifact:version.`);
    if (!fs.existsSync(p)) {
      onProgress?.(`Fetching ${dep} with Maven…`);
      await mvnGet(dep);
      if (!fs.existsSync(p)) throw new Error(`Maven fetched ${dep} but ${p} is not there.`);
    }
    out.push(p);
  }
  return out;
}
