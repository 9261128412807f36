// The publish lock across processes: a lock left by a crashed publisher is taken over by exactly one of many
// contenders, and a lock left half made (an empty or partial file or folder) blocks for seconds, not minutes.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { withLock } from '../../../server/src/deploy/lock';

const REPO = path.join(__dirname, '..', '..', '..');
const CONTENDER = path.join(__dirname, 'fixtures', 'lockContender.ts');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function child(...args: string[]): ChildProcess {
  return spawn(process.execPath, ['--require', 'tsx/cjs', CONTENDER, ...args], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
}

async function until(what: string, ok: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

function setOld(p: string): void {
  const old = new Date(Date.now() - 60_000);
  for (const f of fs.statSync(p).isDirectory() ? [...fs.readdirSync(p).map((x) => path.join(p, x)), p] : [p]) fs.utimesSync(f, old, old);
}

/** What a publisher killed while holding the lock leaves behind, whatever the lock is made of. */
async function crashedLock(dir: string): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  const holder = child('hold', dir);
  await until('the holder', () => fs.existsSync(path.join(dir, 'holding')), 30_000);
  const gone = new Promise((r) => holder.once('exit', r));
  holder.kill('SIGKILL');
  await gone;
  return path.join(dir, '.publish.lock');
}

describe('publish lock', function () {
  this.timeout(180_000);
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-lock-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lets exactly one of several processes take over a crashed publisher\'s lock at a time (100 trials)', async () => {
    const snapshot = path.join(dir, 'crashed');
    fs.cpSync(await crashedLock(path.join(dir, 'seed')), snapshot, { recursive: true });
    const trials = Number(process.env.LOCK_TRIALS ?? 100);
    const ids = ['a', 'b', 'c', 'd'];
    const base = path.join(dir, 'race');
    fs.mkdirSync(base);
    const kids = ids.map((id) => child('contend', base, id, String(trials)));
    const errors: string[] = [];
    for (const k of kids) k.stderr!.on('data', (d) => errors.push(String(d)));
    try {
      for (let t = 0; t < trials; t++) {
        const lock = path.join(base, `t${t}`, '.publish.lock');
        fs.mkdirSync(path.dirname(lock));
        fs.cpSync(snapshot, lock, { recursive: true });
        setOld(lock);
        fs.writeFileSync(path.join(base, `go-${t}`), '');
        await until(`trial ${t} (${errors.join('')})`, () => ids.every((id) => fs.existsSync(path.join(base, `done-${t}-${id}`))), 60_000);
      }
    } finally {
      for (const k of kids) k.kill();
    }
    const overlaps = fs.existsSync(path.join(base, 'overlaps')) ? fs.readFileSync(path.join(base, 'overlaps'), 'utf8').trim().split('\n') : [];
    assert.deepEqual(overlaps, [], `two publishers inside at once in ${overlaps.length} trial(s)`);
  });

  it('takes over the lock of a killed publisher within seconds, naming its owner meanwhile', async () => {
    const lock = await crashedLock(dir);
    const waits: string[] = [];
    const t0 = Date.now();
    assert.equal(await withLock(dir, async () => 'ran', { staleMs: 2_000, timeoutMs: 10_000, onWait: (w) => waits.push(w) }), 'ran');
    assert.ok(Date.now() - t0 < 8_000);
    assert.equal(fs.existsSync(lock), false);
    if (waits.length) assert.match(waits[0], new RegExp(`pid \\d+ on ${os.hostname()} since \\d{4}-`));
  });

  for (const [what, make] of [
    ['an empty lock file', (p: string) => fs.writeFileSync(p, '')],
    ['a lock file cut short', (p: string) => fs.writeFileSync(p, '{"pid": 12')],
    ['an empty lock folder', (p: string) => fs.mkdirSync(p)],
    ['a lock folder with a partial owner', (p: string) => { fs.mkdirSync(p); fs.writeFileSync(path.join(p, 'owner.json'), '{"pi'); }],
  ] as const) {
    it(`is not blocked for long by ${what} (a crash while it was made)`, async () => {
      make(path.join(dir, '.publish.lock'));
      const t0 = Date.now();
      assert.equal(await withLock(dir, async () => 'ran', { staleMs: 2_000, timeoutMs: 8_000 }), 'ran');
      assert.ok(Date.now() - t0 < 6_000, `took ${Date.now() - t0} ms`);
    });
  }

  it('refuses a lock folder reached through a symlinked .flink', async () => {
    const ws = path.join(dir, 'ws');
    const outside = path.join(dir, 'outside');
    fs.mkdirSync(ws);
    fs.mkdirSync(path.join(outside, 'deployments', 'orders'), { recursive: true });
    fs.symlinkSync(outside, path.join(ws, '.flink'));
    await assert.rejects(withLock(path.join(ws, '.flink', 'deployments', 'orders'), async () => 'ran'), /symbolic link/);
    assert.deepEqual(fs.readdirSync(path.join(outside, 'deployments', 'orders')), []);
  });
});
