// Formatter benchmark: the ~2,300-line draft the other benches use (bench/corpusDraft.ts), formatted N times
// (first run, median, p95; target ≤ 50 ms), then side by side with sqlfluff's `flink` dialect on the corpus's
// Flink-valid statements: how many each parses, and the time. Run: `npx tsx bench/formatBench.ts [--runs 30]`.
// sqlfluff is a benchmark-only tool in a git-ignored venv: python3 -m venv bench/.venv && bench/.venv/bin/pip install sqlfluff
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatScript } from '../server/src/format';
import { parseScript } from '../server/src/parser';
import { validCases } from '../test/unit/format/safetyCheck';
import { buildDraft } from './corpusDraft';

const ROOT = join(__dirname, '..');
const TARGET_MS = 50;
const { values: opts } = parseArgs({ options: { runs: { type: 'string', default: '30' }, lines: { type: 'string', default: '2300' } } });
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.max(0, Math.ceil(q * xs.length) - 1))];
const row = (label: string, value: string, note = '') => console.log(`  ${label.padEnd(52)} ${value.padStart(12)}  ${note}`);

const draft = buildDraft(join(ROOT, 'test', 'fixtures', 'corpus'), Number(opts.lines));
console.log(`format bench: draft of ${draft.lines} lines, ${draft.statements} statements; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

let t = performance.now();
const first = formatScript(draft.text);
const coldMs = performance.now() - t;
for (let i = 0; i < 5; i++) formatScript(draft.text);
const wall: number[] = [];
const cpu: number[] = [];
const parse: number[] = [];
for (let i = 0; i < Number(opts.runs); i++) {
  const c = process.cpuUsage();
  t = performance.now();
  formatScript(draft.text);
  wall.push(performance.now() - t);
  const used = process.cpuUsage(c);
  cpu.push((used.user + used.system) / 1000);
  t = performance.now();
  parseScript(draft.text);
  parse.push(performance.now() - t);
}
const median = quantile(wall, 0.5);
row('format the draft, first (cold) run', `${coldMs.toFixed(1)} ms`);
row(`format the draft, median of ${wall.length}`, `${median.toFixed(1)} ms`, `${median <= TARGET_MS ? 'OK' : 'MISS'} (target ≤ ${TARGET_MS} ms)`);
row('format the draft, p95', `${quantile(wall, 0.95).toFixed(1)} ms`);
row('format the draft, median CPU time', `${quantile(cpu, 0.5).toFixed(1)} ms`);
row('of which parsing (parseScript alone, median)', `${quantile(parse, 0.5).toFixed(1)} ms`);
row('statements left as written', `${first.skipped.length}`);
row('idempotent on the draft', formatScript(first.text).text === first.text ? 'yes' : 'NO');

// Side by side with sqlfluff on the valid corpus statements.
const cases = validCases();
t = performance.now();
let ours = 0;
for (const c of cases) if (formatScript(c.sql).skipped.length === 0) ours++;
const oursMs = performance.now() - t;
console.log(`\nvalid corpus statements (corpus + grammar tour): ${cases.length}`);
row('flink-sql format: formatted (parsed) statements', `${ours}/${cases.length}`, `${oursMs.toFixed(0)} ms`);
const python = join(ROOT, 'bench', '.venv', 'bin', 'python');
if (!existsSync(python)) {
  console.log('  sqlfluff: not installed (python3 -m venv bench/.venv && bench/.venv/bin/pip install sqlfluff)');
} else {
  const dir = mkdtempSync(join(tmpdir(), 'format-bench-'));
  const file = join(dir, 'valid.jsonl');
  writeFileSync(file, cases.map((c) => JSON.stringify({ id: c.id, sql: c.sql })).join('\n'));
  const wallStart = performance.now();
  const r = spawnSync(python, [join(ROOT, 'bench', 'sqlfluffRun.py'), file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const processMs = performance.now() - wallStart;
  rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) console.log(`  sqlfluff failed: ${r.stderr.slice(0, 500)}`);
  else {
    const s = JSON.parse(r.stdout) as { version: string; parsed: number; statements: number; seconds: number; failedSample: string[] };
    row(`sqlfluff ${s.version} (dialect flink): parsed without unparsable parts`, `${s.parsed}/${s.statements}`, `${(s.seconds * 1000).toFixed(0)} ms parsing (${processMs.toFixed(0)} ms with start-up)`);
    row('time ratio, sqlfluff parse / our format', `${((s.seconds * 1000) / oursMs).toFixed(0)}×`);
    console.log(`  sqlfluff fails e.g. on: ${s.failedSample.slice(0, 5).join(', ')}`);
  }
}
