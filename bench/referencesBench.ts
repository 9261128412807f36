// References latency on the ~2,300-line benchmark draft (bench/corpusDraft.ts): a request right after an edit
// (a new analysis, so the draft's names are bound afresh) and on an unchanged version (bindings cached).
// `npx tsx bench/referencesBench.ts [--runs 200]`. Target: ≤ 20 ms per request. Wall-clock figures on a loaded
// machine (load average printed) are not comparable with an idle one's; the CPU time is printed beside them.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { StatementCache } from '../server/src/parser';
import { analyze, references } from '../server/src/service';
import { bindings } from '../server/src/service/binder';
import { buildDraft } from './corpusDraft';

const i = process.argv.indexOf('--runs');
const runs = i > 0 ? Number(process.argv[i + 1]) : 200;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const draft = buildDraft(join(__dirname, '../test/fixtures/corpus'), 2300);
const cache = new StatementCache();
let doc = analyze(draft.text, cache);
const targets = doc.script.statements.flatMap((_, n) => bindings(doc).statement(n));
console.log(`${draft.lines} lines, ${draft.statements} statements, ${targets.length} bound identifiers`);

const cold: number[] = [];
const coldCpu: number[] = [];
const warm: number[] = [];
let found = 0;
for (let r = 0; r < runs; r++) {
  // A one-character edit at the end: unchanged statements come from the cache, the bindings do not.
  doc = analyze(draft.text + (r % 2 ? ' ' : ''), cache, undefined, doc);
  const occ = targets[(r * 7919) % targets.length];
  const position = doc.lines.positionAt(occ.start);
  let t0 = performance.now();
  const c0 = process.cpuUsage();
  found += references(doc, position, 'file:///bench.flink.sql').length;
  cold.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  coldCpu.push((c.user + c.system) / 1000);
  t0 = performance.now();
  references(doc, position, 'file:///bench.flink.sql');
  warm.push(performance.now() - t0);
}
const ms = (x: number) => `${x.toFixed(2)} ms`;
console.log(`after an edit: p50 ${ms(pct(cold, 0.5))}, p95 ${ms(pct(cold, 0.95))}, max ${ms(Math.max(...cold))}`);
console.log(`after an edit, CPU time (contention inflates it far less): p50 ${ms(pct(coldCpu, 0.5))}, p95 ${ms(pct(coldCpu, 0.95))}`);
console.log(`unchanged:     p50 ${ms(pct(warm, 0.5))}, p95 ${ms(pct(warm, 0.95))}`);
console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log(`${(found / runs).toFixed(1)} references per request on average; target ≤ 20 ms: ${pct(cold, 0.95) <= 20 ? 'OK' : 'MISS'}`);
