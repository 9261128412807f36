// First start of a local Flink on a machine that never ran one, as a user lives it: a fresh HOME (empty per-user
// install folder) and a cold Maven repository (Maven's user.home pointed at an empty folder), so `flink-sql local
// start` downloads the pinned jars with Maven, checks their sums and starts the cluster. Then stops it and starts
// it again (nothing to download; class-data-sharing archives written by the first run). Targets: first start within
// 60 s, second within 10 s, on the 2-core machine. Needs the network to the Maven repository.
// Run: `npm run build && npx tsx bench/firstStartBench.ts [--runs 3] [--flink-version 2.3]`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const CLI = join(__dirname, '..', 'out', 'cli.js');
const { values: opts } = parseArgs({ options: { runs: { type: 'string', default: '3' }, 'flink-version': { type: 'string', default: '2.3' } } });
const RUNS = Math.max(1, Number(opts.runs));
const GOALS = { first: 60, second: 10 };

const home = mkdtempSync(join(tmpdir(), 'fss-bench-home-'));
const mavenHome = mkdtempSync(join(tmpdir(), 'fss-bench-m2-'));
const ws = mkdtempSync(join(tmpdir(), 'fss-bench-ws-'));
const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, MAVEN_OPTS: `-Duser.home=${mavenHome}` };
for (const k of ['FLINK_SQL_STUDIO_CACHE', 'FLINK_HOME', 'FLINK_SQL_STUDIO_FLINK_HOME', 'XDG_CACHE_HOME']) delete env[k];

function cli(args: string[]): { seconds: number; stdout: string; stderr: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [CLI, ...args, '--flink-version', opts['flink-version']!], { cwd: ws, env, encoding: 'utf8', timeout: 600_000 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`flink-sql ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
  return { seconds, stdout: r.stdout, stderr: r.stderr };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

try {
  const first = cli(['local', 'start']);
  const installed = /Installed (.*) in ([\d.]+) s\./.exec(first.stderr);
  cli(['local', 'stop']);
  const seconds: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    seconds.push(cli(['local', 'start']).seconds);
    cli(['local', 'stop']);
  }
  const mark = (v: number, goal: number) => `${v.toFixed(1)} s (goal ≤ ${goal} s: ${v <= goal ? 'met' : 'MISSED'})`;
  console.log(`first start, cold Maven repository, empty install folder: ${mark(first.seconds, GOALS.first)}` +
    `${installed ? `; of which installing ${installed[1]}: ${installed[2]} s` : ''}`);
  console.log(`second start (installed), ${RUNS} run(s): median ${mark(median(seconds), GOALS.second)}; each ${seconds.map((s) => s.toFixed(1)).join(', ')} s`);
} finally {
  spawnSync(process.execPath, [CLI, 'local', 'stop'], { cwd: ws, env });
  for (const d of [home, mavenHome, ws]) rmSync(d, { recursive: true, force: true });
}
