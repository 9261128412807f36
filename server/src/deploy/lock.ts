// Serializes publishes of one deployment across processes (CLI, language server, tests): a lock file created
// exclusively, holding the owner's pid. A lock whose owner is gone is stale and taken over.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pidAlive } from '../flink/localClusterState';

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
}

/** Runs `fn` holding `<dir>/.publish.lock`; later callers wait until it is released. */
export async function withLock<T>(dir: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const file = path.join(dir, '.publish.lock');
  fs.mkdirSync(dir, { recursive: true });
  const deadline = Date.now() + (opts.timeoutMs ?? 15 * 60_000);
  let told = false;
  for (;;) {
    try {
      fs.writeFileSync(file, JSON.stringify({ pid: process.pid, at: new Date().toISOString() }), { flag: 'wx' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const owner = readOwner(file);
    if (owner && !pidAlive(owner.pid)) {
      fs.rmSync(file, { force: true });
      continue;
    }
    const who = owner ? `pid ${owner.pid} since ${owner.at}` : 'unknown owner';
    if (!told) { opts.onWait?.(who); told = true; }
    if (Date.now() > deadline) throw new LockTimeoutError(file, who);
    await new Promise((r) => setTimeout(r, 200));
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(file, { force: true });
  }
}

function readOwner(file: string): { pid: number; at: string } | undefined {
  try {
    const o = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid?: unknown; at?: unknown };
    return typeof o.pid === 'number' ? { pid: o.pid, at: String(o.at) } : undefined;
  } catch {
    // Being written right now (created, not yet filled): treat as held.
    return undefined;
  }
}
