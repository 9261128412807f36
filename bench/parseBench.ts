// Parser and language-server benchmark on a ~2,300-line draft built from the corpus; prints figures, and
// compares with dt-sql-parser's FlinkSQL. Run: `npm run bench` (npx tsx bench/parseBench.ts [--runs 30]
// [--edits 50] [--cap-seconds 180] [--skip-dt]). Writes the figures to bench/results/ too.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseScript, StatementCache } from '../server/src/parser';
import { buildDraft } from './corpusDraft';
import { BenchClient, bundleCli } from './lspClient';

const ROOT = join(__dirname, '..');
const TARGET_PARSE_MS = 20;
const TARGET_KEYSTROKE_P95_MS = 10;
// Longer than the server's diagnostics window (50 ms), as between keystrokes of a person typing at a normal
// pace: each edit is then diagnosed at once and the round trip is the latency a user sees.
const PAUSE_BETWEEN_EDITS_MS = 80;

const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '30' },
    edits: { type: 'string', default: '50' },
    lines: { type: 'string', default: '2300' },
    'cap-seconds': { type: 'string', default: '180' },
    'skip-dt': { type: 'boolean', default: false },
  },
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const ms = (x: number | undefined) => (x === undefined ? 'n/a' : `${x.toFixed(x < 10 ? 2 : 1)} ms`);
const verdict = (x: number, target: number) => (x <= target ? 'OK' : 'MISS');
const row = (label: string, value: string, note = '') => console.log(`  ${label.padEnd(44)} ${value.padStart(12)}  ${note}`);

/** A deterministic pseudo-random sequence, so every run edits the same places. */
function lcg(seed: number) {
  let s = seed;
  return () => (s = (s * 1664525 + 1013904223) % 4294967296) / 4294967296;
}

function benchParser(text: string, runs: number) {
  let t = performance.now();
  parseScript(text);
  const coldMs = performance.now() - t;
  for (let i = 0; i < 5; i++) parseScript(text);
  const full: number[] = [];
  // CPU time too: on a machine shared with other work, wall time also counts the time we were not scheduled.
  const fullCpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    t = performance.now();
    parseScript(text);
    full.push(performance.now() - t);
    const used = process.cpuUsage(cpu);
    fullCpu.push((used.user + used.system) / 1000);
  }
  // Keystroke cost in the server: re-parse with the document's cache after a one-character edit.
  const cache = new StatementCache();
  let previous = parseScript(text, cache);
  const next = lcg(7);
  const incremental: number[] = [];
  let current = text;
  for (let i = 0; i < runs; i++) {
    const at = Math.floor(next() * current.length);
    current = `${current.slice(0, at)} ${current.slice(at)}`;
    t = performance.now();
    // as the language server does: from the previous version's parse
    previous = parseScript(current, cache, { previous });
    incremental.push(performance.now() - t);
  }
  const diagnostics = parseScript(text).diagnostics.length;
  return { coldMs, fullMedianMs: quantile(full, 0.5), fullCpuMedianMs: quantile(fullCpu, 0.5), fullP95Ms: quantile(full, 0.95), incrementalMedianMs: quantile(incremental, 0.5), incrementalP95Ms: quantile(incremental, 0.95), diagnostics };
}

async function benchLsp(cli: string, text: string, edits: number) {
  const client = new BenchClient(cli);
  let t = performance.now();
  await client.initialize();
  const initializeMs = performance.now() - t;
  t = performance.now();
  const opened = await client.open(text);
  const openMs = performance.now() - t;

  const lines = text.split('\n');
  const next = lcg(42);
  const roundTrips: number[] = [];
  let version = 1;
  const cpuBefore = client.cpuMs();
  for (let i = 0; i < edits; i++) {
    await sleep(PAUSE_BETWEEN_EDITS_MS);
    const line = Math.floor(next() * lines.length);
    const character = Math.floor(next() * (lines[line].length + 1));
    // Alternate a harmless space with a letter that usually breaks the token it lands in.
    const insert = i % 2 ? 'x' : ' ';
    lines[line] = lines[line].slice(0, character) + insert + lines[line].slice(character);
    t = performance.now();
    await client.change(++version, { start: { line, character }, end: { line, character } }, insert);
    roundTrips.push(performance.now() - t);
  }
  const cpuAfter = client.cpuMs();
  const serverCpuPerKeystrokeMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / edits;

  // A burst of fast typing (one key every 30 ms): what matters is how soon the last key is diagnosed.
  await sleep(PAUSE_BETWEEN_EDITS_MS);
  const line = Math.floor(lines.length / 2);
  const word = 'customer_id';
  let lastKeyAt = 0;
  for (let i = 0; i < word.length; i++) {
    if (i) await sleep(30);
    lastKeyAt = performance.now();
    await client.change(++version, { start: { line, character: i }, end: { line, character: i } }, word[i], false);
  }
  await client.diagnosticsFor(version);
  const burstLastKeyMs = performance.now() - lastKeyAt;

  const peakRssMb = client.peakRssMb();
  await client.close();
  return {
    initializeMs, openMs, openDiagnostics: opened.diagnostics.length,
    keystrokeP50Ms: quantile(roundTrips, 0.5), keystrokeP95Ms: quantile(roundTrips, 0.95), keystrokeMaxMs: Math.max(...roundTrips),
    serverCpuPerKeystrokeMs, burstLastKeyMs, peakRssMb,
  };
}

interface DtResult { firstMs?: number; warmMs?: number; errors?: number; maxRssMb?: number; timedOut: boolean }

function benchDtSqlParser(draftFile: string, capMs: number): Promise<DtResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'dtSqlParserRun.ts'), draftFile, String(capMs / 3)], { cwd: ROOT });
    const result: DtResult = { timedOut: false };
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      for (const line of out.split('\n').slice(0, -1)) Object.assign(result, JSON.parse(line));
      out = out.slice(out.lastIndexOf('\n') + 1);
    });
    // ANTLR prints every syntax error to stderr: keep only the tail, shown if the child fails.
    let stderrTail = '';
    child.stderr.on('data', (d: Buffer) => { stderrTail = (stderrTail + d.toString()).slice(-2000); });
    const timer = setTimeout(() => {
      result.timedOut = true;
      child.kill('SIGKILL');
    }, capMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0 && !result.timedOut) process.stderr.write(`dt-sql-parser run failed (exit ${code}):\n${stderrTail}\n`);
      resolve(result);
    });
  });
}

async function main() {
  const runs = Number(opts.runs);
  const capMs = Number(opts['cap-seconds']) * 1000;
  const draft = buildDraft(join(ROOT, 'test/fixtures/corpus'), Number(opts.lines));
  const work = mkdtempSync(join(tmpdir(), 'flink-sql-bench-'));
  try {
    const draftFile = join(work, 'draft.flink.sql');
    writeFileSync(draftFile, draft.text);
    console.log(`Draft: ${draft.lines} lines, ${draft.statements} statements, ${draft.text.length} characters (corpus valid statements)`);
    console.log(`Node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);

    console.log('Parser, in process');
    const parser = benchParser(draft.text, runs);
    row('full parse, first run (cold)', ms(parser.coldMs));
    row(`full parse, median of ${runs} warm runs`, ms(parser.fullMedianMs), `target <= ${TARGET_PARSE_MS} ms: ${verdict(parser.fullMedianMs, TARGET_PARSE_MS)}`);
    row(`full parse, p95 of ${runs} warm runs`, ms(parser.fullP95Ms));
    row(`full parse, median CPU time of ${runs} warm runs`, ms(parser.fullCpuMedianMs));
    row('re-parse after a 1-char edit (previous), p50', ms(parser.incrementalMedianMs));
    row('re-parse after a 1-char edit (previous), p95', ms(parser.incrementalP95Ms));
    row('diagnostics on the draft', String(parser.diagnostics));

    console.log('\nLanguage server over stdio (flink-sql lsp --stdio, bundled)');
    const lsp = await benchLsp(await bundleCli(work), draft.text, Number(opts.edits));
    row('initialize round trip', ms(lsp.initializeMs));
    row('didOpen -> publishDiagnostics', ms(lsp.openMs), `(${lsp.openDiagnostics} diagnostics)`);
    row(`keystroke -> diagnostics, p50 of ${opts.edits}`, ms(lsp.keystrokeP50Ms));
    row(`keystroke -> diagnostics, p95 of ${opts.edits}`, ms(lsp.keystrokeP95Ms), `target <= ${TARGET_KEYSTROKE_P95_MS} ms: ${verdict(lsp.keystrokeP95Ms, TARGET_KEYSTROKE_P95_MS)}`);
    row(`keystroke -> diagnostics, max of ${opts.edits}`, ms(lsp.keystrokeMaxMs));
    row('server CPU time per keystroke (mean)', ms(lsp.serverCpuPerKeystrokeMs), '(/proc, 10 ms ticks summed over all edits)');
    row('typing burst, last key -> diagnostics', ms(lsp.burstLastKeyMs), '(one key per 30 ms; includes the 50 ms window)');
    row('server peak RSS', lsp.peakRssMb === undefined ? 'n/a' : `${lsp.peakRssMb.toFixed(1)} MB`);

    let dt: DtResult | undefined;
    if (!opts['skip-dt']) {
      console.log(`\ndt-sql-parser FlinkSQL.validate (separate process, cap ${capMs / 1000} s)`);
      dt = await benchDtSqlParser(draftFile, capMs);
      const capped = `> ${capMs / 1000} s`;
      row('first run', dt.firstMs === undefined ? capped : ms(dt.firstMs), dt.errors === undefined ? '' : `(${dt.errors} errors reported)`);
      row('second run (warm)', dt.warmMs === undefined ? 'not run' : ms(dt.warmMs));
      if (dt.maxRssMb !== undefined) row('peak RSS', `${dt.maxRssMb.toFixed(1)} MB`);
      const ratio = (theirs: number | undefined, ours: number) => (theirs === undefined ? `> ${(capMs / ours).toFixed(0)}x` : `${(theirs / ours).toFixed(0)}x`);
      row('ratio, first runs (dt / ours)', ratio(dt.firstMs, parser.coldMs));
      if (dt.warmMs !== undefined) row('ratio, warm (dt / our median)', ratio(dt.warmMs, parser.fullMedianMs));
    }

    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    const file = join(ROOT, 'bench/results', `parseBench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, loadavg: loadavg(), draft: { lines: draft.lines, statements: draft.statements, chars: draft.text.length }, parser, lsp, dt }, null, 2)}\n`);
    console.log(`\nFigures saved to ${file}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
