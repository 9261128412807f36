// Fixture files that feed mocked sources: CSV (with a header naming columns, or in the schema's order) and JSON
// Lines, from the workspace or inline rows. Flink itself reads them (its csv/json formats), so values are typed
// exactly as in production; this module only serves them in the table's column order and, when Flink rejects a
// row, finds that row's line in the fixture from what Flink's message tells.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { MockFile } from './rewrite';

export type FixtureFormat = 'csv' | 'json';

/** A mocked source as the user declared it: a file, or inline rows (from a test file). */
export type MockSource =
  | { file: string; format?: FixtureFormat }
  | { rows: Record<string, unknown>[]; /** Where the rows are declared (a test file) and each row's line. */ origin?: { file: string; lines: number[] } };

/** A fixture served to Flink, with what is needed to put Flink's complaints on the user's line. */
export interface ServedFixture {
  table: string;
  file: MockFile;
  /** The file (or test file) the user wrote. */
  origin: string;
  /** For each record Flink reads (0-based), the user's 1-based line. */
  lines: number[];
  /** The records as served (CSV fields, or the JSON line's text), to match against Flink's message. */
  records: string[][];
  columns: string[];
}

export function formatOf(file: string): FixtureFormat | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.jsonl' || ext === '.json' || ext === '.ndjson') return 'json';
  return undefined;
}

export class FixtureError extends Error {
  constructor(message: string, readonly file: string, readonly line?: number) {
    super(message);
    this.name = 'FixtureError';
  }
}

/** CSV records (RFC 4180 quoting, as Flink's csv format reads by default) with the line each begins on. */
export function parseCsv(text: string): { fields: string[]; line: number }[] {
  const out: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let any = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else { if (ch === '\n') line++; field += ch; }
      continue;
    }
    if (ch === '"') { quoted = true; any = true; }
    else if (ch === ',') { fields.push(field); field = ''; any = true; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      if (any || field) { fields.push(field); out.push({ fields, line: recordLine }); }
      fields = []; field = ''; any = false;
      line++;
      recordLine = line;
    } else { field += ch; any = true; }
  }
  if (any || field) { fields.push(field); out.push({ fields, line: recordLine }); }
  return out;
}

function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * Serves `source` for table `table` (whose fixture columns are `columns`) from `workDir`: a headerless CSV or a
 * JSON Lines file as it is; a CSV with a header reordered into the table's columns (missing ones empty); inline
 * rows as JSON Lines. `baseDir` resolves relative paths.
 */
export function serveFixture(table: string, source: MockSource, columns: string[], baseDir: string, workDir: string): ServedFixture {
  if ('rows' in source) {
    const target = path.join(workDir, `${safeName(table)}-${Math.random().toString(36).slice(2, 8)}.jsonl`);
    const lines = source.rows.map((r) => JSON.stringify(r));
    fs.writeFileSync(target, lines.join('\n') + '\n');
    const origin = source.origin?.file ?? '(inline rows)';
    return { table, file: { path: target, format: 'json' }, origin, lines: source.rows.map((_, k) => source.origin?.lines[k] ?? 0), records: lines.map((l) => [l]), columns };
  }
  const file = path.resolve(baseDir, source.file);
  const format = source.format ?? formatOf(file);
  if (!format) throw new FixtureError(`Fixture ${source.file}: unknown format (use .csv, .jsonl or .json).`, file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new FixtureError(`Fixture ${source.file} cannot be read: ${(e as Error).message}`, file);
  }
  if (format === 'json') {
    const lines: number[] = [];
    const records: string[][] = [];
    text.split(/\r?\n/).forEach((l, k) => { if (l.trim()) { lines.push(k + 1); records.push([l]); } });
    return { table, file: { path: file, format }, origin: file, lines, records, columns };
  }
  const records = parseCsv(text);
  const header = records[0]?.fields.map((f) => f.trim());
  const lower = columns.map((c) => c.toLowerCase());
  const isHeader = !!header && header.length > 0 && header.every((h) => lower.includes(h.toLowerCase()));
  if (!isHeader) return { table, file: { path: file, format }, origin: file, lines: records.map((r) => r.line), records: records.map((r) => r.fields), columns };
  const from = columns.map((c) => header!.findIndex((h) => h.toLowerCase() === c.toLowerCase()));
  const body = records.slice(1);
  const served = body.map((r) => {
    if (r.fields.length !== header!.length) {
      throw new FixtureError(`Fixture ${source.file} line ${r.line}: ${r.fields.length} fields, but the header names ${header!.length}.`, file, r.line);
    }
    return from.map((k) => (k >= 0 ? r.fields[k] : ''));
  });
  const target = path.join(workDir, `${safeName(table)}-${Math.random().toString(36).slice(2, 8)}.csv`);
  fs.writeFileSync(target, served.map((f) => f.map(csvField).join(',')).join('\n') + (served.length ? '\n' : ''));
  return { table, file: { path: target, format }, origin: file, lines: body.map((r) => r.line), records: served, columns };
}

function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 40) || 'table';
}

/** A private temporary folder for one preview's served fixtures (removed by the caller). */
export function fixtureWorkDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'flink-sql-preview-'));
}

/** Where a row Flink could not read sits in the user's fixture, from Flink's message and trace. */
export function locateFixtureError(trace: string, fixtures: readonly ServedFixture[]): { origin: string; line?: number; table: string; column?: string } | undefined {
  const json = /Failed to deserialize JSON '([\s\S]*?)'\.(?:\s|$)/.exec(trace)?.[1];
  if (json !== undefined) {
    for (const f of fixtures) {
      if (f.file.format !== 'json') continue;
      const k = f.records.findIndex((r) => r[0] === json || r[0].trim() === json.trim());
      if (k >= 0) return { origin: f.origin, line: f.lines[k], table: f.table, column: /Fail to deserialize at field: ([^\s.]+)\./.exec(trace)?.[1] };
    }
  }
  const csvs = fixtures.filter((f) => f.file.format === 'csv');
  const arity = /Row length mismatch\. (\d+) fields expected but was (\d+)/.exec(trace);
  if (arity) {
    const [want, got] = [Number(arity[1]), Number(arity[2])];
    for (const f of csvs) {
      const k = f.records.findIndex((r) => r.length === got);
      if (k >= 0 && f.columns.length === want) return { origin: f.origin, line: f.lines[k], table: f.table };
    }
  }
  const field = /Fail to deserialize at field: ([^\s.]+)\./.exec(trace)?.[1];
  if (field) {
    // The root cause usually quotes the value (`For input string: "xx"`, `Text 'x' could not be parsed`).
    const values = [...trace.matchAll(/["']([^"'\n]*)["']/g)].map((m) => m[1]);
    for (const f of fixtures) {
      const col = f.columns.findIndex((c) => c === field);
      if (col < 0) continue;
      if (f.file.format === 'csv') {
        const k = f.records.findIndex((r) => r[col] !== undefined && values.includes(r[col]));
        if (k >= 0) return { origin: f.origin, line: f.lines[k], table: f.table, column: field };
      }
    }
    const owner = fixtures.find((f) => f.columns.includes(field));
    if (owner) return { origin: owner.origin, table: owner.table, column: field };
  }
  return undefined;
}
