// Validate and Execute on a real local Flink, side by side with Flink's own SQL client (gateway mode, same
// gateway, same statements): prints medians and the ratio (goal ≤ 1.1×). Starts and stops its own cluster.
// Run: `npx tsx bench/flinkBench.ts [--runs 5]` (needs `npm run flink:install` and `npm run build`).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { execute } from '../server/src/flink/execute';
import { sqlClientCommand, startLocalCluster, stopLocalCluster, type ClusterInfo } from '../server/src/flink/localCluster';
import { validate } from '../server/src/flink/validate';

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'out', 'cli.js');
const GOAL_RATIO = 1.1;

const { values: opts } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const RUNS = Math.max(1, Number(opts.runs));

const SEED = readFileSync(join(ROOT, 'examples', 'datagen-to-blackhole.flink.sql'), 'utf8');
// The SQL client has no "validate": the same work is the DDL plus an EXPLAIN of the INSERT, which is what
// `flink-sql validate` submits.
const SEED_AS_EXPLAIN = SEED.replace(/INSERT INTO/i, 'EXPLAIN PLAN FOR INSERT INTO');
// First row: a one-row bounded source, so both clients stop right after the first row. The SET is needed
// by the SQL client for a query in a -f script; both get the same file.
const FIRST_ROW = `SET 'sql-client.execution.result-mode' = 'tableau';
CREATE TEMPORARY TABLE one_row (name STRING, n INT) WITH ('connector' = 'datagen', 'number-of-rows' = '1');
SELECT name, n FROM one_row;
`;

// Process start + session + one trivial statement: what each client pays before any real work.
const BASELINE = `SET 'sql-client.execution.result-mode' = 'tableau';
`;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Wall time of a process run; rejects on a non-zero exit (a failed run is not a measurement). */
function timeProcess(command: string, args: string[], env: NodeJS.ProcessEnv, expect: RegExp): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0 || !expect.test(out)) reject(new Error(`${command} ${args.slice(-4).join(' ')} exited ${code}:\n${out.slice(-1500)}`));
      else resolve(ms);
    });
  });
}

async function inProcessValidate(info: ClusterInfo): Promise<number> {
  const t = performance.now();
  const r = await validate(SEED, { gatewayUrl: info.gatewayUrl });
  if (r.diagnostics.length) throw new Error(`seed draft did not validate clean: ${JSON.stringify(r.diagnostics)}`);
  return performance.now() - t;
}

async function inProcessFirstRow(info: ClusterInfo): Promise<number> {
  const t = performance.now();
  for await (const e of execute(FIRST_ROW, { gatewayUrl: info.gatewayUrl }, { limit: 1 })) {
    if (e.type === 'rows') return performance.now() - t;
    if (e.type === 'error') throw new Error(e.message);
  }
  throw new Error('no row came back');
}

async function main() {
  const workspace = mkdtempSync(join(tmpdir(), 'flink-bench-'));
  const files = join(workspace, 'drafts');
  mkdirSync(files);
  const seedFile = join(files, 'seed.flink.sql');
  const explainFile = join(files, 'seed-explain.sql');
  const firstRowFile = join(files, 'first-row.flink.sql');
  const baselineFile = join(files, 'baseline.flink.sql');
  writeFileSync(seedFile, SEED);
  writeFileSync(explainFile, SEED_AS_EXPLAIN);
  writeFileSync(firstRowFile, FIRST_ROW);
  writeFileSync(baselineFile, BASELINE);
  console.log('Starting a local Flink cluster…');
  const info = await startLocalCluster({ workspaceDir: workspace });
  try {
    console.log(`Flink ${info.flinkVersion}: gateway ${info.gatewayUrl}, started in ${info.startMillis} ms\n`);
    const client = (file: string) => sqlClientCommand(info, ['-f', file]);
    const ours = (args: string[]) => [CLI, ...args, '--gateway', info.gatewayUrl];
    const env = process.env;

    // Warm-up (JIT and class loading on the gateway/JobManager side help both clients the same way).
    await inProcessValidate(info);
    await inProcessFirstRow(info);
    const v = await client(explainFile);
    await timeProcess(v.command, v.args, v.env, /Optimized Execution Plan/);

    const figures: Record<string, { ours: number[]; theirs: number[] }> = {
      'Validate (process wall time)': { ours: [], theirs: [] },
      'Execute → first row (process wall time)': { ours: [], theirs: [] },
      'Baseline: start + one SET (process wall time)': { ours: [], theirs: [] },
    };
    const inProc = { validate: [] as number[], firstRow: [] as number[] };
    for (let i = 0; i < RUNS; i++) {
      figures['Validate (process wall time)'].ours.push(await timeProcess(process.execPath, ours(['validate', seedFile]), env, /Validated on Flink/));
      const cv = await client(explainFile);
      figures['Validate (process wall time)'].theirs.push(await timeProcess(cv.command, cv.args, cv.env, /Optimized Execution Plan/));
      figures['Execute → first row (process wall time)'].ours.push(await timeProcess(process.execPath, ours(['execute', firstRowFile, '--limit', '1', '--format', 'json']), env, /"rows":\[\{/));
      const ce = await client(firstRowFile);
      figures['Execute → first row (process wall time)'].theirs.push(await timeProcess(ce.command, ce.args, ce.env, /Received a total of 1 row/));
      figures['Baseline: start + one SET (process wall time)'].ours.push(await timeProcess(process.execPath, ours(['execute', baselineFile, '--format', 'json']), env, /"ok":true/));
      const cb = await client(baselineFile);
      figures['Baseline: start + one SET (process wall time)'].theirs.push(await timeProcess(cb.command, cb.args, cb.env, /Execute statement succeeded|Session property has been set/));
      inProc.validate.push(await inProcessValidate(info));
      inProc.firstRow.push(await inProcessFirstRow(info));
    }

    console.log(`Medians of ${RUNS} runs (ms)                        flink-sql   SQL client   ratio (ours/theirs, goal ≤ ${GOAL_RATIO})`);
    const results: Record<string, unknown> = { flinkVersion: info.flinkVersion, runs: RUNS, at: new Date().toISOString() };
    for (const [label, f] of Object.entries(figures)) {
      const o = median(f.ours);
      const t = median(f.theirs);
      const ratio = o / t;
      console.log(`  ${label.padEnd(46)} ${o.toFixed(0).padStart(8)} ${t.toFixed(0).padStart(12)}   ${ratio.toFixed(2)}× ${ratio <= GOAL_RATIO ? 'OK' : 'MISS'}`);
      results[label] = { ours: f.ours, sqlClient: f.theirs, medianOurs: o, medianSqlClient: t, ratio };
    }
    console.log(`\nIn-process (LSP server path, no process start):`);
    console.log(`  validate() round trip on the seed draft     ${median(inProc.validate).toFixed(0).padStart(6)} ms (median; runs: ${inProc.validate.map((x) => x.toFixed(0)).join(', ')})`);
    console.log(`  execute() → first row                       ${median(inProc.firstRow).toFixed(0).padStart(6)} ms (median; runs: ${inProc.firstRow.map((x) => x.toFixed(0)).join(', ')})`);
    results.inProcess = { validate: inProc.validate, firstRow: inProc.firstRow };
    const dir = join(ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `flinkBench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
    console.log(`\nFigures written to ${file}`);
  } finally {
    await stopLocalCluster(workspace);
    rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
