// The per-user installations as a list a person manages: every pinned version, installed or not, its size and
// place, its line's connectors, the user's own distribution that runs instead; and removing one. The extension's
// "Manage Local Flink Installations" and `flink-sql local list|remove` are faces of these two functions.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LocalFlinkInstallation, LocalFlinkListResult } from '../protocol';
import { configuredDistHomes, userDistFor } from './distHome';
import { checkDist, defaultFlinkVersion, distFor, distSize, flinkCacheRoot, pinnedVersions } from './provision';
import { connectorDir, flinkLine, missingConnectors, pinnedConnectors } from './provisionConnectors';

export async function listInstallations(cacheRoot = flinkCacheRoot()): Promise<LocalFlinkListResult> {
  const installations: LocalFlinkInstallation[] = [];
  for (const version of pinnedVersions()) {
    const check = await checkDist(version, { cacheRoot });
    const names = Object.keys(pinnedConnectors(version));
    const missing = new Set((await missingConnectors(version, names, cacheRoot)).map((m) => m.name));
    let user: LocalFlinkInstallation['userDist'];
    try {
      const d = userDistFor(version, process.env, cacheRoot);
      if (d) user = { home: d.home, version: d.version };
    } catch { /* a broken flinkHome shows in userDists */ }
    const size = distSize(version);
    installations.push({
      version, line: flinkLine(version), default: version === defaultFlinkVersion(), installed: check.installed,
      ...(check.installed ? {} : { problem: check.problem }),
      bytes: check.installed ? dirBytes(check.dist.home) : size.bytes, files: size.files, home: check.dist.home,
      connectors: names.map((name) => {
        const entry = pinnedConnectors(version)[name];
        const installed = !missing.has(name);
        return {
          name, installed, identifiers: entry.identifiers, description: entry.description,
          bytes: installed ? dirBytes(connectorDir(version, name, cacheRoot)) : entry.artifacts.reduce((n, a) => n + a.size, 0),
        };
      }),
      ...(user && { userDist: user }),
    });
  }
  return { installRoot: cacheRoot, installations, userDists: configuredDistHomes() };
}

export interface RemoveResult {
  freedBytes: number;
  removed: string[];
}

/**
 * Removes a pinned version's install and its PyFlink environment (and, with `connectors`, its line's connector jars)
 * from the install root.
 * A running local cluster of that version keeps its open jars until it stops; the next use downloads again.
 */
export function removeInstallation(version: string, opts: { connectors?: boolean; cacheRoot?: string } = {}): RemoveResult {
  const cacheRoot = opts.cacheRoot ?? flinkCacheRoot();
  // The version's PyFlink environment goes with it (its driver jar is in the distribution's opt/).
  const dirs = [distFor(version, cacheRoot).home, path.join(cacheRoot, 'pyflink', version)];
  if (opts.connectors) dirs.push(path.join(cacheRoot, 'connectors', flinkLine(version)));
  const result: RemoveResult = { freedBytes: 0, removed: [] };
  for (const dir of dirs) {
    // Only what we made: a symlink planted in the install root is unlinked, never followed.
    const st = fs.lstatSync(dir, { throwIfNoEntry: false });
    if (!st) continue;
    result.freedBytes += st.isSymbolicLink() ? 0 : dirBytes(dir);
    fs.rmSync(dir, { recursive: true, force: true });
    result.removed.push(dir);
  }
  return result;
}

/** Bytes of the regular files under `dir` (links not followed). */
export function dirBytes(dir: string): number {
  let total = 0;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += dirBytes(p);
    else if (e.isFile()) total += fs.statSync(p).size;
  }
  return total;
}
