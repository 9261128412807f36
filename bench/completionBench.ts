// Completion and hover latency on the ~2,300-line benchmark draft (bench/corpusDraft.ts), in process:
// `npx tsx bench/completionBench.ts [--lines 2300] [--runs 500]`. Reports the first call (which builds the
// draft's table definitions), median / p95 at seeded-random carets, and a keystroke at the end of the draft
// (re-analysis from the previous version plus completion), the path the language server takes on each key.
import { join } from 'node:path';
import { StatementCache } from '../server/src/parser';
import { analyze, complete, hover } from '../server/src/service';
import { buildDraft } from './corpusDraft';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const lines = arg('lines', 2300);
const runs = arg('runs', 500);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const ms = (x: number) => `${x.toFixed(2)} ms`;

const draft = buildDraft(join(__dirname, '../test/fixtures/corpus'), lines);
const cache = new StatementCache();
let doc = analyze(draft.text, cache);
console.log(`draft: ${draft.lines} lines, ${draft.statements} statements`);

let t0 = performance.now();
complete(doc, doc.lines.positionAt(draft.text.length));
console.log(`first completion (builds table definitions): ${ms(performance.now() - t0)}`);

let seed = 42;
const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
const completion: number[] = [];
const hovers: number[] = [];
let items = 0;
for (let i = 0; i < runs; i++) {
  const position = doc.lines.positionAt(next() % draft.text.length);
  t0 = performance.now();
  items += complete(doc, position).length;
  completion.push(performance.now() - t0);
  t0 = performance.now();
  hover(doc, position);
  hovers.push(performance.now() - t0);
}
console.log(`completion at ${runs} random carets: median ${ms(pct(completion, 0.5))}, p95 ${ms(pct(completion, 0.95))}, max ${ms(Math.max(...completion))} (${(items / runs).toFixed(0)} items on average)`);
console.log(`hover at the same carets: median ${ms(pct(hovers, 0.5))}, p95 ${ms(pct(hovers, 0.95))}`);

// Typing `SELECT  FROM <last table>` at the end, one key at a time: analyze (from the previous version) + complete.
const table = /CREATE TABLE (\w+)/.exec(draft.text)?.[1] ?? 'orders';
const typed = `\nSELECT  FROM ${table} WHERE `;
const analyses: number[] = [];
const keystroke: number[] = [];
let text = draft.text + ';';
for (const ch of typed) {
  text += ch;
  t0 = performance.now();
  doc = analyze(text, cache, undefined, doc); // from the previous version, as the language server does
  analyses.push(performance.now() - t0);
  t0 = performance.now();
  complete(doc, doc.lines.positionAt(text.length));
  keystroke.push(performance.now() - t0);
}
console.log(`typing ${typed.length} keys at the end: completion (new analysis, so table definitions rebuilt) median ${ms(pct(keystroke, 0.5))}, p95 ${ms(pct(keystroke, 0.95))}; the re-analysis before it (parser + line index, not completion's cost) median ${ms(pct(analyses, 0.5))}`);
