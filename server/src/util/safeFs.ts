// Writes, folders and deletions under a root we own a part of (the workspace, its .flink/) that never follow a
// symlink the workspace may ship: every component between the root and the target is lstat'ed and must be a real
// folder; files are written to an exclusive, randomly named temp file (O_EXCL | O_NOFOLLOW), fsynced, then renamed
// over the target (a rename replaces a symlink itself, never what it points to).
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export class UnsafePathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafePathError';
  }
}

const NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;

/** The components of `target` below `root`; throws when `target` is not inside `root`. */
function relativeParts(root: string, target: string): string[] {
  const rel = path.relative(path.resolve(root), path.resolve(target));
  if (rel === '') return [];
  if (!isInside(root, target)) throw new UnsafePathError(`${target} is outside ${root}: refusing to touch it.`);
  return rel.split(path.sep);
}

/** Whether `target` is `root` or below it, lexically (no symlink is resolved). */
export function isInside(root: string, target: string): boolean {
  const rel = path.relative(path.resolve(root), path.resolve(target));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/**
 * Checks that every existing component of `target` below `root` (the target itself included when `self`) is not a
 * symlink, and that folders are folders. Missing components are fine (they are created by mkdirSafe).
 */
export function assertNoSymlink(root: string, target: string, self = true): void {
  const parts = relativeParts(root, target);
  let cur = path.resolve(root);
  parts.forEach((part, i) => {
    cur = path.join(cur, part);
    const last = i === parts.length - 1;
    if (last && !self) return;
    const st = fs.lstatSync(cur, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isSymbolicLink()) throw new UnsafePathError(`${cur} is a symbolic link: refusing to follow it (remove it, or make it a real ${last ? 'file' : 'folder'}).`);
    if (!last && !st.isDirectory()) throw new UnsafePathError(`${cur} is not a folder.`);
  });
}

/** mkdir -p below `root`, refusing any component that is a symlink. */
export function mkdirSafe(root: string, dir: string): void {
  let cur = path.resolve(root);
  for (const part of relativeParts(root, dir)) {
    cur = path.join(cur, part);
    const st = fs.lstatSync(cur, { throwIfNoEntry: false });
    if (!st) {
      try {
        fs.mkdirSync(cur);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      continue;
    }
    if (st.isSymbolicLink()) throw new UnsafePathError(`${cur} is a symbolic link: refusing to follow it.`);
    if (!st.isDirectory()) throw new UnsafePathError(`${cur} is not a folder.`);
  }
}

/**
 * Writes `data` to `target` (below `root`) atomically: an exclusive random temp file beside it, fsync, rename.
 * A symlink at `target` is replaced, never followed; a symlink in a folder on the way is refused. `mode`
 * defaults to the permissions of the regular file being replaced (0644 for a new one).
 */
export function writeFileSafe(root: string, target: string, data: string | Uint8Array, mode?: number): void {
  const dir = path.dirname(path.resolve(target));
  mkdirSafe(root, dir);
  assertNoSymlink(root, target, false);
  if (mode === undefined) {
    const st = fs.lstatSync(target, { throwIfNoEntry: false });
    mode = st?.isFile() ? st.mode & 0o777 : 0o644;
  }
  const tmp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = fs.openSync(tmp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | NOFOLLOW, mode);
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fs.closeSync(fd);
  try {
    fs.renameSync(tmp, target);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/** Deletes `target` (below `root`): a symlink is unlinked, never followed; a folder on the way may not be a symlink. */
export function rmSafe(root: string, target: string): void {
  assertNoSymlink(root, target, false);
  const st = fs.lstatSync(target, { throwIfNoEntry: false });
  if (!st) return;
  if (st.isSymbolicLink() || !st.isDirectory()) fs.unlinkSync(target);
  // fs.rm does not follow symlinks inside the tree: it unlinks them.
  else fs.rmSync(target, { recursive: true, force: true });
}

/** Moves `from` to `to`, both below `root`, refusing symlinks on the way. */
export function renameSafe(root: string, from: string, to: string): void {
  assertNoSymlink(root, from);
  mkdirSafe(root, path.dirname(path.resolve(to)));
  assertNoSymlink(root, to, false);
  fs.renameSync(from, to);
}

/**
 * Refuses any of `paths` that exists as a symlink: for folders a caller owns but whose root it does not know
 * (a cluster's `.flink/<version>/`, its conf/, logs/…), checked right before writing or deleting in them.
 */
export function assertNotSymlinks(...paths: string[]): void {
  for (const p of paths) {
    if (fs.lstatSync(p, { throwIfNoEntry: false })?.isSymbolicLink()) throw new UnsafePathError(`${p} is a symbolic link: refusing to write or delete through it (make it a real folder).`);
  }
}

/** A cluster folder's own path and, in the `.flink/<version>/` layout, its `.flink/` parent: the folders to check. */
export function clusterFolderChain(root: string): string[] {
  const parent = path.dirname(root);
  return path.basename(parent) === '.flink' ? [parent, root] : [root];
}

/**
 * Opens `file` for writing (created or truncated) without following a symlink there: a symlink is removed first
 * and O_NOFOLLOW refuses one that reappears. For files another process keeps writing (a JVM's stdout).
 */
export function openForWriteSafe(file: string): number {
  if (fs.lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink()) fs.unlinkSync(file);
  return fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC | NOFOLLOW, 0o644);
}

/**
 * Removes the symlinks directly inside `dir` (not what they point to): for folders a process we start writes into
 * by name (Flink's logs/, tmp/), where a planted link would steer its writes, or its cleanup, outside.
 */
export function unlinkSymlinksIn(dir: string): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) if (e.isSymbolicLink()) fs.unlinkSync(path.join(dir, e.name));
}
