// Child process of the benchmark: validates the draft with dt-sql-parser's FlinkSQL (ANTLR) and prints timings
// as JSON. A separate process so the benchmark can kill it at the time cap and measure its memory alone.
import { readFileSync } from 'node:fs';
import { FlinkSQL } from 'dt-sql-parser';

const text = readFileSync(process.argv[2], 'utf8');
const warmRunUnderMs = Number(process.argv[3] ?? 0);
const flink = new FlinkSQL();
const report = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);

let t = performance.now();
const errors = flink.validate(text);
const firstMs = performance.now() - t;
report({ firstMs, errors: errors.length, maxRssMb: process.resourceUsage().maxRSS / 1024 });
// A second run (the ANTLR caches warm) only when the first leaves room for it under the cap.
if (firstMs < warmRunUnderMs) {
  t = performance.now();
  flink.validate(text);
  report({ warmMs: performance.now() - t, maxRssMb: process.resourceUsage().maxRSS / 1024 });
}
