// Where a workspace's local clusters keep their state: one directory per Flink version, `.flink/<version>/`,
// so clusters of two versions run side by side. Before there were several versions everything lived in
// `.flink/` itself; a cluster still running from that layout is found there until it stops, and its
// checkpoints and savepoints move into `.flink/<version>/` at the next start.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertNoSymlink, renameSafe, rmSafe } from '../util/safeFs';
import { defaultFlinkVersion } from './provision';

/** Directories of one local cluster, all under the workspace's ignored `.flink/`. */
export interface ClusterDirs {
  root: string;
  conf: string;
  logs: string;
  tmp: string;
  checkpoints: string;
  savepoints: string;
  stateFile: string;
}

/** The only version the single-directory layout ever ran (it predates the other pinned versions). */
export const LEGACY_LAYOUT_VERSION = '2.3.0';
const STATE_FILE = 'cluster.json';

export function flinkStateRoot(workspaceDir: string): string {
  return path.join(path.resolve(workspaceDir), '.flink');
}

function dirsAt(root: string): ClusterDirs {
  return {
    root,
    conf: path.join(root, 'conf'),
    logs: path.join(root, 'logs'),
    tmp: path.join(root, 'tmp'),
    checkpoints: path.join(root, 'checkpoints'),
    savepoints: path.join(root, 'savepoints'),
    stateFile: path.join(root, STATE_FILE),
  };
}

/** The directories of `flinkVersion`'s cluster in `workspaceDir` (default: the manifest's default version). */
export function clusterDirs(workspaceDir: string, flinkVersion = defaultFlinkVersion()): ClusterDirs {
  const base = flinkStateRoot(workspaceDir);
  if (legacyStateVersion(base) === flinkVersion) return dirsAt(base);
  return dirsAt(path.join(base, flinkVersion));
}

/** Versions with a state file (running, starting or stale) in `workspaceDir`, the legacy layout's included. */
export function recordedVersions(workspaceDir: string): string[] {
  const base = flinkStateRoot(workspaceDir);
  const found = new Set<string>();
  const legacy = legacyStateVersion(base);
  if (legacy) found.add(legacy);
  let entries: fs.Dirent[] = [];
  try {
    entries = fs.readdirSync(base, { withFileTypes: true });
  } catch {
    return [...found];
  }
  for (const e of entries) {
    if (e.isDirectory() && /^\d+\.\d+\.\d+/.test(e.name) && fs.existsSync(path.join(base, e.name, STATE_FILE))) found.add(e.name);
  }
  return [...found].sort();
}

/**
 * Moves what the single-directory layout kept (checkpoints, savepoints, SQL client history) into the version's own
 * directory and drops what is regenerated (conf, logs, tmp). Only once no cluster runs from that layout, and only
 * into a version directory that does not have them yet; Flink's savepoints are relocatable, so they stay usable.
 */
export function migrateLegacyLayout(workspaceDir: string, flinkVersion: string): void {
  if (flinkVersion !== LEGACY_LAYOUT_VERSION) return;
  const base = flinkStateRoot(workspaceDir);
  // A .flink the workspace ships as a symlink must not steer a move or a deletion outside it (the review lost the
  // conf/, logs/ and tmp/ of the folder it pointed to).
  assertNoSymlink(workspaceDir, base);
  if (fs.existsSync(path.join(base, STATE_FILE))) return;
  const target = path.join(base, flinkVersion);
  for (const name of ['checkpoints', 'savepoints', 'sql-client-history']) {
    const from = path.join(base, name);
    const to = path.join(target, name);
    if (!fs.existsSync(from) || fs.existsSync(to)) continue;
    renameSafe(workspaceDir, from, to);
  }
  for (const name of ['conf', 'logs', 'tmp']) rmSafe(workspaceDir, path.join(base, name));
}

/** Refuses a cluster folder reached through a symlink the workspace ships (.flink, .flink/<version>, conf/, logs/…). */
export function assertClusterDirsSafe(workspaceDir: string, dirs: ClusterDirs): void {
  for (const p of [dirs.root, dirs.conf, dirs.logs, dirs.tmp, dirs.checkpoints, dirs.savepoints, dirs.stateFile]) assertNoSymlink(workspaceDir, p);
}

/** The version recorded by a state file of the single-directory layout, if there is one. */
function legacyStateVersion(base: string): string | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(base, STATE_FILE), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const v = (JSON.parse(text) as { flinkVersion?: unknown }).flinkVersion;
    return typeof v === 'string' ? v : LEGACY_LAYOUT_VERSION;
  } catch {
    // Unreadable: it can only have come from the old layout's one version; stop/status clean it up there.
    return LEGACY_LAYOUT_VERSION;
  }
}
