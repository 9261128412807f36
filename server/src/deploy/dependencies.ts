// A deployment's additional dependencies as jar files: paths relative to the deployment config, or Maven
// coordinates that Maven copies into a folder of ours (<install root>/maven/…). Where Maven keeps its own
// repository (user.home, settings.xml's localRepository) is Maven's business: we never guess that path.
// Maven checks the repository's checksums (--strict-checksums); `group:artifact:version@sha256:<hex>` pins the jar's
// SHA-256, checked after every copy and before every use; without a pin the sum is returned for the version record.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { flinkCacheRoot, sha256File } from '../flink/provision';
import { DEPENDENCY_PLUGIN, runMaven } from '../flink/provisionMaven';

const MAVEN = /^([A-Za-z0-9_.-]+):([A-Za-z0-9_.-]+)(?::([A-Za-z0-9_.-]+))?(?::([A-Za-z0-9_.-]+))?(?::([A-Za-z0-9_.-]+))?$/;

export interface MavenCoords { group: string; artifact: string; version: string; packaging: string; classifier?: string }

const PIN = /^(.*)@sha256:([0-9a-fA-F]{64})$/;

/** `coords@sha256:<hex>` → the coordinates and the pinned sum (lower case). */
export function splitPin(dep: string): { coords: string; sha256?: string } {
  const m = PIN.exec(dep);
  return m ? { coords: m[1], sha256: m[2].toLowerCase() } : { coords: dep };
}

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
    await runMaven(['--strict-checksums', `${DEPENDENCY_PLUGIN}:copy`, `-Dartifact=${artifact}`, `-DoutputDirectory=${staging}`, '-Dmdep.overWriteReleases=true'], staging);
    fs.mkdirSync(dir, { recursive: true });
    for (const f of fs.readdirSync(staging)) fs.renameSync(path.join(staging, f), path.join(dir, f));
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** A dependency as a jar: Maven coordinates carry the jar's SHA-256 (pinned, or as found). */
export interface ResolvedDependency { dependency: string; path: string; sha256?: string }

/** Jar files, in order; a missing jar, or a Maven jar that does not match its pinned SHA-256, is an error naming it. */
export async function resolveDependencies(dependencies: string[], configDir: string, onProgress?: (m: string) => void, cacheRoot = flinkCacheRoot(),
  copy: (c: MavenCoords, dir: string) => Promise<void> = mavenCopy): Promise<ResolvedDependency[]> {
  const out: ResolvedDependency[] = [];
  for (const dep of dependencies) {
    if (/\.jar$/i.test(dep)) {
      const p = path.resolve(configDir, dep);
      if (!fs.existsSync(p)) throw new Error(`The dependency ${dep} does not exist (${p}; paths are relative to the deployment config).`);
      out.push({ dependency: dep, path: p });
      continue;
    }
    const { coords: text, sha256: pinned } = splitPin(dep);
    const coords = parseMavenCoords(text);
    if (!coords) throw new Error(`The dependency "${dep}" is neither a jar path nor Maven coordinates group:artifact:version (optionally @sha256:<64 hex digits>).`);
    const p = dependencyPath(coords, cacheRoot);
    const fetch = async () => {
      onProgress?.(`Fetching ${text} with Maven…`);
      try {
        await copy(coords, path.dirname(p));
      } catch (err) {
        throw new Error(`Could not fetch the dependency ${text} with Maven: ${(err as Error).message}`);
      }
      if (!fs.existsSync(p)) throw new Error(`Maven copied ${text} but not as ${path.basename(p)} (found: ${fs.readdirSync(path.dirname(p)).join(', ') || 'nothing'}).`);
    };
    // A snapshot may change: fetched again every time; a release is fetched once (again if it no longer matches its pin).
    let fetched = false;
    if (!fs.existsSync(p) || coords.version.endsWith('-SNAPSHOT')) { await fetch(); fetched = true; }
    let sum = await sha256File(p);
    if (pinned && sum !== pinned && !fetched) { await fetch(); sum = await sha256File(p); }
    if (pinned && sum !== pinned) throw new Error(`The dependency ${text} (${p}) has SHA-256 ${sum}, but the deployment config pins ${pinned}: refusing to use it.`);
    out.push({ dependency: text, path: p, sha256: sum });
  }
  return out;
}
