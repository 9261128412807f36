// Shared by fuzz.test.ts and scripts/fuzz.ts: runs parseScript (and the language service's diagnose, when
// present), the catalog-dependent unknown-table check and the formatter over one input, checking it neither throws nor exceeds
// its time budget.
import * as fs from 'fs';
import * as path from 'path';
import { formatScript } from '../../../server/src/format';
import { parseScript, StatementCache } from '../../../server/src/parser';
import { analyze } from '../../../server/src/service/document';
import { unknownTableDiagnostics } from '../../../server/src/service/unknownTables';

/** A catalog as a gateway would report it, so the catalog-dependent checks run too. */
const CATALOGS = {
  catalogs: ['default_catalog'],
  catalogTables: [{ path: ['default_catalog', 'default_database', 'orders'], current: true }],
};

export type Diagnose = (text: string, cache?: StatementCache) => unknown[];

export interface FuzzFailure {
  what: string;
  input: string;
  error?: string;
  ms?: number;
}

/** The language service's diagnose(), if that module exists in this tree. */
export function loadDiagnose(): Diagnose | undefined {
  const file = path.join(__dirname, '..', '..', '..', 'server', 'src', 'service', 'diagnostics.ts');
  if (!fs.existsSync(file)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(file) as { diagnose?: Diagnose };
  return typeof mod.diagnose === 'function' ? mod.diagnose : undefined;
}

function timed(fn: () => void): { ms: number; error?: unknown } {
  const t = process.hrtime.bigint();
  try {
    fn();
    return { ms: Number(process.hrtime.bigint() - t) / 1e6 };
  } catch (error) {
    return { ms: Number(process.hrtime.bigint() - t) / 1e6, error };
  }
}

/** Checks one input; returns the failures (empty when fine). */
export function checkInput(input: string, budgetMs: number, diagnose?: Diagnose, what = 'input'): FuzzFailure[] {
  const failures: FuzzFailure[] = [];
  const cache = new StatementCache();
  const run = (label: string, fn: () => void, budget = budgetMs) => {
    const r = timed(fn);
    if (r.error) failures.push({ what: `${what}: ${label} threw`, input, error: String((r.error as Error)?.stack ?? r.error) });
    else if (r.ms > budget) {
      // a GC pause or a busy machine can stretch a run; only an overrun every time (best of 3) is a failure
      let best = r.ms;
      for (let i = 0; i < 2 && best > budget; i++) best = Math.min(best, timed(fn).ms);
      if (best > budget) failures.push({ what: `${what}: ${label} took ${best.toFixed(1)} ms, best of 3 (budget ${budget} ms)`, input, ms: best });
    }
  };
  run('parseScript', () => {
    const r = parseScript(input, cache);
    for (const d of r.diagnostics) {
      if (!(d.start >= 0 && d.end >= d.start && d.end <= input.length)) throw new Error(`diagnostic out of range: ${JSON.stringify(d)}`);
    }
  });
  if (diagnose) run('diagnose', () => void diagnose(input, cache));
  run('unknown-table check', () => void unknownTableDiagnostics(analyze(input, cache), CATALOGS));
  // the formatter (it parses, then lays out: twice the budget): never throws, and formats what the parser accepts idempotently
  let once: ReturnType<typeof formatScript> | undefined;
  run('format', () => void (once = formatScript(input)), 2 * budgetMs);
  if (once && !once.skipped.length) {
    const first = once.text;
    run('format again', () => {
      const again = formatScript(first).text;
      if (again !== first) throw new Error(`format is not idempotent:\n${first}\n--- formatted again ---\n${again}`);
    }, 2 * budgetMs);
  }
  return failures;
}

export function describeFailure(f: FuzzFailure): string {
  const shown = f.input.length > 300 ? `${JSON.stringify(f.input.slice(0, 300))}… (${f.input.length} chars)` : JSON.stringify(f.input);
  return `${f.what}\n  input: ${shown}${f.error ? `\n  ${f.error.split('\n').slice(0, 6).join('\n  ')}` : ''}`;
}
