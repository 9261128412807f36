// A test's verdict on one sink: the captured changelog against the expected final table (order-insensitive unless
// asked) or the expected changelog. Values compare as the sink's column types read them (10.50 = 10.5, a
// timestamp's `T` or a blank), and the diff lists rows in the test file's own notation, ready to paste.
import type { ResultColumn } from '../flink/execute';
import { MaterializedTable, ROW_KIND_SHORT, type ChangelogRow } from '../flink/results';
import type { RowKind } from '../flink/gatewaySchemas';
import type { Expectation } from './testFile';

export interface SinkComparison {
  ok: boolean;
  /** `  ` same, `- ` expected only, `+ ` received only; empty when ok. */
  diff: string[];
  /** A problem with the expectation itself (a column the sink does not have). */
  problem?: string;
}

const KIND_BY_SHORT: Record<string, RowKind> = { '+I': 'INSERT', '-U': 'UPDATE_BEFORE', '+U': 'UPDATE_AFTER', '-D': 'DELETE' };

function typeClass(type: string): 'number' | 'time' | 'boolean' | 'other' {
  const t = type.toUpperCase();
  if (/^(TINYINT|SMALLINT|INT|INTEGER|BIGINT|FLOAT|DOUBLE|REAL|DECIMAL|NUMERIC|DEC)\b/.test(t)) return 'number';
  if (/^(TIMESTAMP|TIME|DATE)\b/.test(t)) return 'time';
  if (/^BOOLEAN\b/.test(t)) return 'boolean';
  return 'other';
}

/** The value as the column's type reads it, in a form that compares with ===. */
export function canonical(value: unknown, type: string): string {
  if (value === null || value === undefined) return 'null';
  switch (typeClass(type)) {
    case 'number': {
      const n = Number(value);
      return typeof value !== 'boolean' && String(value).trim() !== '' && Number.isFinite(n) ? String(n) : JSON.stringify(value);
    }
    case 'time': {
      let s = String(value).trim().replace('T', ' ').replace(/Z$/, '');
      if (/\.\d+$/.test(s)) s = s.replace(/0+$/, '').replace(/\.$/, '');
      return JSON.stringify(s);
    }
    case 'boolean': return String(value).toLowerCase();
    default: return typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value);
  }
}

/** One row in the test file's flow notation: `{ op: +I, word: "a", n: 2 }`. */
function render(values: string[], names: string[], op?: string): string {
  const parts = names.map((n, k) => `${/^[A-Za-z_][\w]*$/.test(n) ? n : JSON.stringify(n)}: ${values[k]}`);
  return `{ ${op ? `op: ${op}${parts.length ? ', ' : ''}` : ''}${parts.join(', ')} }`;
}

export function compareSink(expected: Expectation, columns: readonly ResultColumn[], changelog: readonly ChangelogRow[]): SinkComparison {
  const byName = new Map(columns.map((c, k) => [c.name, k]));
  const wanted = 'rows' in expected ? expected.rows : expected.changelog;
  // Columns no expected row names are not compared (e.g. a processing-time column); none named: all.
  const named = new Set<string>();
  for (const r of wanted) for (const k of Object.keys(r)) if (!('changelog' in expected && k === 'op')) named.add(k);
  const unknown = [...named].filter((n) => !byName.has(n));
  if (unknown.length) {
    return { ok: false, diff: [], problem: `the sink has no column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (it has ${columns.map((c) => c.name).join(', ')})` };
  }
  const names = named.size ? columns.map((c) => c.name).filter((n) => named.has(n)) : columns.map((c) => c.name);
  const idx = names.map((n) => byName.get(n)!);
  const types = idx.map((k) => columns[k].type);
  const actualValues = (fields: readonly unknown[]) => idx.map((k, j) => canonical(fields[k], types[j]));
  const expectedValues = (r: Record<string, unknown>) => names.map((n, j) => (n in r ? canonical(r[n], types[j]) : 'null'));

  if ('changelog' in expected) {
    const exp: string[] = [];
    for (const r of expected.changelog) {
      const op = String(r.op ?? '+I');
      if (!KIND_BY_SHORT[op]) return { ok: false, diff: [], problem: `op must be +I, -U, +U or -D, got '${op}'` };
      exp.push(render(expectedValues(r), names, op));
    }
    const act = changelog.map((r) => render(actualValues(r.fields), names, ROW_KIND_SHORT[r.kind]));
    return result(lineDiff(exp, act));
  }
  const table = new MaterializedTable(Number.MAX_SAFE_INTEGER);
  table.applyAll(changelog);
  const exp = expected.rows.map((r) => render(expectedValues(r), names));
  const act = table.rows().map((f) => render(actualValues(f), names));
  if (expected.ordered) return result(lineDiff(exp, act));
  return result(lineDiff([...exp].sort(), [...act].sort()));
}

function result(diff: string[]): SinkComparison {
  const ok = diff.every((l) => l.startsWith('  '));
  return { ok, diff: ok ? [] : diff };
}

/** A line diff (longest common subsequence): `  ` kept, `- ` only expected, `+ ` only received. */
export function lineDiff(expected: readonly string[], actual: readonly string[]): string[] {
  const n = expected.length;
  const m = actual.length;
  // Rows in tests are few; a quadratic table is fine, but keep it bounded.
  if (n * m > 4_000_000) return [...expected.map((l) => `- ${l}`), ...actual.map((l) => `+ ${l}`)];
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i][j] = expected[i] === actual[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (expected[i] === actual[j]) { out.push(`  ${expected[i]}`); i++; j++; }
    else if (lcs[i + 1][j] >= lcs[i][j + 1]) out.push(`- ${expected[i++]}`);
    else out.push(`+ ${actual[j++]}`);
  }
  while (i < n) out.push(`- ${expected[i++]}`);
  while (j < m) out.push(`+ ${actual[j++]}`);
  return out;
}
