// Serializes work on one deployment across processes (CLI, language server, tests): publishes hold
// `<dir>/.publish.lock` for their whole run, record updates hold `<dir>/.record.lock` for one read-modify-write.
// proper-lockfile does the locking (an atomic mkdir, kept fresh by mtime updates while held, stale after
// `staleMs` without one, released on exit); we make two of its steps crash- and race-safe:
// - a lock is born complete: a folder holding `owner.json` (host, pid, start time) renamed into place, so a crash
//   never leaves a lock without an owner, and a lock that is held is never an empty folder a contender may rmdir;
// - a stale lock is taken over by one contender at a time (a short reaper lock, staleness re-checked under it):
//   proper-lockfile alone lets two contenders that both saw it stale both enter.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as lockfile from 'proper-lockfile';
import { assertNoSymlink, mkdirSafe } from '../util/safeFs';

export class LockTimeoutError extends Error {
  constructor(file: string, owner: string) {
    super(`Another publish of this deployment (${owner}) is still running; waited too long for ${file}.`);
    this.name = 'LockTimeoutError';
  }
}

export interface LockOptions {
  /** Give up after this long. Default 15 min (a publish waits for a savepoint and a job start). */
  timeoutMs?: number;
  onWait?: (owner: string) => void;
  /** The lock's name: `<dir>/.<name>.lock`. Default `publish`. */
  name?: string;
  /** A lock no holder refreshed for this long is taken over (default 20 s; the holder refreshes it every few seconds). */
  staleMs?: number;
  /** The folder `dir` lies in that may not be left through a symlink (default: the workspace, when `dir` is under `.flink/`). */
  root?: string;
  /** The lock was taken from us (our process stalled past `staleMs`); the work goes on, so say so. */
  onCompromised?: (e: Error) => void;
}

export interface LockOwner { host: string; pid: number; startedAt: string; token: string }

const OWNER = 'owner.json';
const DEFAULT_STALE_MS = 20_000;
/** A reaper holds its lock for a few file operations; one older than this was left by a crash. */
const REAPER_STALE_MS = 5_000;

function errno(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

/** The owner of the lock folder `lockPath`, or undefined (gone, or a lock of an older release: a plain file). */
export function readLockOwner(lockPath: string): LockOwner | undefined {
  try {
    const o = JSON.parse(fs.readFileSync(path.join(lockPath, OWNER), 'utf8')) as Partial<LockOwner>;
    return typeof o.pid === 'number' && typeof o.token === 'string' ? { host: String(o.host), pid: o.pid, startedAt: String(o.startedAt), token: o.token } : undefined;
  } catch {
    return undefined;
  }
}

const describe = (o: LockOwner | undefined) => (o ? `pid ${o.pid} on ${o.host} since ${o.startedAt}` : 'unknown owner');

/**
 * The fs proper-lockfile works through: creating and removing `lockPath` are ours (see the top of the file), the
 * rest is node's. One per acquisition: it knows our owner token.
 */
function lockFs(lockPath: string, staleMs: number) {
  const me: LockOwner = { host: os.hostname(), pid: process.pid, startedAt: new Date().toISOString(), token: randomBytes(12).toString('hex') };
  const ours = (p: string) => path.resolve(p) === lockPath;

  const create = () => {
    const tmp = `${lockPath}.${randomBytes(6).toString('hex')}.tmp`;
    fs.mkdirSync(tmp);
    try {
      fs.writeFileSync(path.join(tmp, OWNER), JSON.stringify(me));
      // Replaces nothing but an empty folder (a release or reap half done): a held lock is never empty.
      fs.renameSync(tmp, lockPath);
    } catch (e) {
      fs.rmSync(tmp, { recursive: true, force: true });
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOTDIR' || code === 'EISDIR' || code === 'EPERM') throw errno('EEXIST', `${lockPath} exists`);
      throw e;
    }
  };

  /** Our release (or exit): removes the lock only while it is still ours. */
  const release = () => {
    if (readLockOwner(lockPath)?.token !== me.token) return;
    fs.rmSync(lockPath, { recursive: true, force: true });
  };

  /** A contender removing a lock it saw stale: only under the reaper lock, and only if it is still stale. */
  const reap = () => {
    const reaper = `${lockPath}.reap`;
    try {
      fs.mkdirSync(reaper);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const st = fs.statSync(reaper, { throwIfNoEntry: false });
      if (st && st.mtimeMs < Date.now() - REAPER_STALE_MS) fs.rmSync(reaper, { recursive: true, force: true });
      throw errno('ELOCKED', `${lockPath} is being taken over`);
    }
    try {
      const st = fs.statSync(lockPath, { throwIfNoEntry: false });
      if (!st) return;
      if (st.mtimeMs >= Date.now() - staleMs) throw errno('ELOCKED', `${lockPath} is held`);
      const grave = `${lockPath}.${randomBytes(6).toString('hex')}.stale`;
      try {
        fs.renameSync(lockPath, grave);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return; // its owner released it meanwhile
        throw e;
      }
      fs.rmSync(grave, { recursive: true, force: true });
    } finally {
      fs.rmSync(reaper, { recursive: true, force: true });
    }
  };

  let held = false;
  const async = (f: () => void) => (p: string, ...rest: unknown[]) => {
    const cb = rest[rest.length - 1] as (e: NodeJS.ErrnoException | null) => void;
    try {
      f();
      cb(null);
    } catch (e) {
      cb(e as NodeJS.ErrnoException);
    }
    void p;
  };
  return {
    me,
    fs: {
      ...fs,
      stat: fs.stat,
      utimes: fs.utimes,
      realpath: fs.realpath,
      mkdir: (p: string, ...rest: unknown[]) => (ours(p) ? async(() => { create(); held = true; })(p, ...rest) : (fs.mkdir as (...a: unknown[]) => void)(p, ...rest)),
      rmdir: (p: string, ...rest: unknown[]) => (ours(p) ? async(() => (held ? release() : reap()))(p, ...rest) : (fs.rmdir as (...a: unknown[]) => void)(p, ...rest)),
      rmdirSync: (p: string) => (ours(p) ? release() : fs.rmdirSync(p)),
    },
  };
}

/** Runs `fn` holding `<dir>/.<name>.lock`; later callers wait until it is released. */
export async function withLock<T>(dir: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const abs = path.resolve(dir);
  const root = opts.root ?? workspaceOf(abs) ?? path.dirname(abs);
  mkdirSafe(root, abs);
  const lockPath = path.join(abs, `.${opts.name ?? 'publish'}.lock`);
  assertNoSymlink(root, lockPath);
  const staleMs = Math.max(2_000, opts.staleMs ?? DEFAULT_STALE_MS);
  const deadline = Date.now() + (opts.timeoutMs ?? 15 * 60_000);
  const lfs = lockFs(lockPath, staleMs);
  let told = false;
  let release: () => Promise<void>;
  for (;;) {
    try {
      // Few retries per call: between calls we check the deadline and tell who holds it.
      release = await lockfile.lock(path.join(abs, `.${opts.name ?? 'publish'}`), {
        lockfilePath: lockPath, realpath: false, stale: staleMs, update: Math.min(2_000, staleMs / 4),
        retries: { retries: 20, minTimeout: 10, maxTimeout: 200, factor: 1.5, randomize: true },
        fs: lfs.fs, onCompromised: (e) => (opts.onCompromised ?? (() => {}))(e),
      });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw e;
    }
    const who = describe(readLockOwner(lockPath));
    if (!told) { opts.onWait?.(who); told = true; }
    if (Date.now() > deadline) throw new LockTimeoutError(lockPath, who);
  }
  try {
    return await fn();
  } finally {
    await release().catch(() => { /* taken over after we stalled: nothing of ours to remove */ });
  }
}

/** The workspace a `.flink/…` folder belongs to: symlinks are refused from there down. */
function workspaceOf(dir: string): string | undefined {
  const parts = dir.split(path.sep);
  const i = parts.lastIndexOf('.flink');
  return i > 0 ? parts.slice(0, i).join(path.sep) || path.sep : undefined;
}
