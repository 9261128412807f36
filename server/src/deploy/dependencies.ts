// A deployment's additional dependencies as jar files: paths relative to the deployment config, or Maven
// coordinates that Maven copies into a folder of ours (<install root>/maven/…). Where Maven keeps its own
// repository (user.home, settings.xml's localRepository) is Maven's business: we never guess that path.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { flinkCacheRoot } from '../flink/provision';
import { DEPENDENCY_PLUGIN, runMaven } from '../flink/provisionMaven';

const MAVEN = /^([A-Za-z0-9_.-]+):([A-Za-z0-9_.-]+)(?::([A-Za-z0-9_.-]+))?(?::([A-Za-z0-9_.-]+))?(?::([A-Za-z0-9_.-]+))?$/;

export interface MavenCoords { group: string; artifact: string; version: string; packaging: string; classifier?: string }

/** group:artifact:version, group:artifact:packaging:version or group:artifact:packaging:classifier:version. */
export function parseMavenCoords(coords: string): MavenCoords | undefined {
  const m = MAVEN.exec(coords);
  if (!m) return undefined;
  const parts = m.slice(1).filter((p): p is string => p !== undefined);
  if (parts.length < 3) return undefined;
  return {
    group: parts[0], artifact: parts[1], version: parts[parts.length - 1],
    packaging: parts.length >= 4 ? parts[2] : 'jar', ...(parts.length === 5 && { classifier: parts[3] }),
  };
}

/** Where the copy of `coords` lives in our folder (one folder per artifact version, so names never collide). */
export function dependencyPath(c: MavenCoords, cacheRoot = flinkCacheRoot()): string {
  return path.join(cacheRoot, 'maven', ...c.group.split('.'), c.artifact, c.version, `${c.artifact}-${c.version}${c.classifier ? `-${c.classifier}` : ''}.${c.packaging}`);
}

/** `mvn dependency:copy` of one artifact into `dir`: Maven resolves it with the user's settings, wherever its repository is. */
async function mavenCopy(c: MavenCoords, dir: string): Promise<void> {
  const artifact = [c.group, c.artifact, c.version, c.packaging, ...(c.classifier ? [c.classifier] : [])].join(':');
  const staging = `${dir}.tmp-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  try {
    await runMaven([`${DEPENDENCY_PLUGIN}:copy`, `-Dartifact=${artifact}`, `-DoutputDirectory=${staging}`, '-Dmdep.overWriteReleases=true'], staging);
    fs.mkdirSync(dir, { recursive: true });
    for (const f of fs.readdirSync(staging)) fs.renameSync(path.join(staging, f), path.join(dir, f));
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Absolute jar paths, in order; a missing jar is an error naming it. */
export async function resolveDependencies(dependencies: string[], configDir: string, onProgress?: (m: string) => void, cacheRoot = flinkCacheRoot()): Promise<string[]> {
  const out: string[] = [];
  for (const dep of dependencies) {
    if (/\.jar$/i.test(dep)) {
      const p = path.resolve(configDir, dep);
      if (!fs.existsSync(p)) throw new Error(`The dependency ${dep} does not exist (${p}; paths are relative to the deployment config).`);
      out.push(p);
      continue;
    }
    const coords = parseMavenCoords(dep);
    if (!coords) throw new Error(`The dependency "${dep}" is neither a jar path nor Maven coordinates group:artifact:version.`);
    const p = dependencyPath(coords, cacheRoot);
    // A snapshot may change: fetched again every time; a release is fetched once.
    if (!fs.existsSync(p) || coords.version.endsWith('-SNAPSHOT')) {
      onProgress?.(`Fetching ${dep} with Maven…`);
      try {
        await mavenCopy(coords, path.dirname(p));
      } catch (err) {
        throw new Error(`Could not fetch the dependency ${dep} with Maven: ${(err as Error).message}`);
      }
      if (!fs.existsSync(p)) throw new Error(`Maven copied ${dep} but not as ${path.basename(p)} (found: ${fs.readdirSync(path.dirname(p)).join(', ') || 'nothing'}).`);
    }
    out.push(p);
  }
  return out;
}
