// The files that sit beside a draft: `<name>.test.yaml` (test cases: mock rows per source, expected rows per
// sink) and `<name>.mocks.yaml` (the sources Preview feeds from fixtures). Read with zod, every problem on its
// YAML line; rows keep the line they are written on so a failing row can be pointed at.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import * as z from 'zod';
import type { MockSource } from './fixtures';

const YAML_OPTIONS = { prettyErrors: false, uniqueKeys: true } as const;

/** `30`, `30s`, `500ms`, `2m`: milliseconds. */
const duration = z.union([z.number().positive(), z.string().regex(/^\d+(?:\.\d+)?\s*(?:ms|s|m)$/, 'a duration like 30s, 500ms or 2m')])
  .transform((v) => typeof v === 'number' ? v * 1000 : durationMs(v));

function durationMs(v: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m)$/.exec(v)!;
  return Number(m[1]) * (m[2] === 'ms' ? 1 : m[2] === 's' ? 1000 : 60_000);
}

const row = z.record(z.string(), z.unknown());
const source = z.union([
  z.object({ rows: z.array(row) }).strict(),
  z.object({ file: z.string().min(1), format: z.enum(['csv', 'json']).optional() }).strict(),
], { error: 'a source gives `rows:` (a list of column: value maps) or `file:` (a .csv or .jsonl fixture)' });
const expectation = z.union([
  z.object({ rows: z.array(row), ordered: z.boolean().optional() }).strict(),
  z.object({ changelog: z.array(row) }).strict(),
], { error: 'an expectation gives `rows:` (the final table; `ordered: true` to compare in order) or `changelog:` (rows with op: +I, -U, +U or -D)' });
const setValue = z.union([z.string(), z.number(), z.boolean()]).transform(String);

export const testCaseSchema = z.object({
  name: z.string().min(1),
  /** SET overrides for this case (session configuration of the captured queries). */
  set: z.record(z.string(), setValue).optional(),
  sources: z.record(z.string(), source).optional(),
  expect: z.record(z.string(), expectation).refine((e) => Object.keys(e).length > 0, 'expect at least one sink'),
  timeout: duration.optional(),
}).strict();

export const testFileSchema = z.object({
  /** The draft under test, relative to the test file. */
  draft: z.string().min(1),
  /** Per case (default 60s): a case still running then fails with what it received. */
  timeout: duration.optional(),
  cases: z.array(testCaseSchema).min(1),
}).strict();

export const mocksFileSchema = z.object({
  /** Source table → fixture file (.csv or .jsonl), relative to this file. */
  mocks: z.record(z.string(), z.union([z.string().min(1), z.object({ file: z.string().min(1), format: z.enum(['csv', 'json']).optional() }).strict()])),
}).strict();

export type Expectation = z.infer<typeof expectation>;

export interface TestCase {
  name: string;
  line: number;
  set: Record<string, string>;
  sources: Record<string, MockSource>;
  /** Each source's line in the test file. */
  sourceLines: Record<string, number>;
  expect: Record<string, Expectation & { line: number; rowLines: number[] }>;
  timeoutMs: number;
}

export interface TestFile {
  file: string;
  draft: string;
  cases: TestCase[];
}

export interface FileProblem {
  file: string;
  line: number;
  message: string;
}

export const DEFAULT_CASE_TIMEOUT_MS = 60_000;

/** The test file for a draft: `orders.flink.sql` → `orders.test.yaml` (and `orders.mocks.yaml`). */
export function besideDraft(draft: string, suffix: 'test' | 'mocks'): string {
  const base = path.basename(draft).replace(/(\.flink)?\.sql$/i, '');
  return path.join(path.dirname(draft), `${base}.${suffix}.yaml`);
}

function load(file: string, text: string): { doc: Document.Parsed; lines: LineCounter; data?: unknown; problems: FileProblem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, ...YAML_OPTIONS });
  const problems = doc.errors.slice(0, 5).map((e) => ({ file, line: lines.linePos(e.pos[0]).line, message: `not valid YAML: ${e.message.split('\n')[0]}` }));
  return { doc, lines, data: problems.length ? undefined : doc.toJS(), problems };
}

/** The 1-based line of the node at `at` (the nearest existing ancestor's when it is missing). */
function lineAt(doc: Document.Parsed, lines: LineCounter, at: PropertyKey[]): number {
  for (let n = at.length; n >= 0; n--) {
    const node = doc.getIn(at.slice(0, n) as (string | number)[], true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return lines.linePos(node.range[0]).line;
  }
  return 1;
}

function issues(file: string, doc: Document.Parsed, lines: LineCounter, error: z.ZodError): FileProblem[] {
  return error.issues.slice(0, 10).map((i) => {
    // An unknown key is best shown on its own line.
    const at = i.code === 'unrecognized_keys' && i.keys.length ? [...i.path, i.keys[0]] : i.path;
    return { file, line: lineAt(doc, lines, at), message: `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}` };
  });
}

/** The 1-based line of `key` in the map at `at` (where a reader looks for it), else of its value. */
function keyLine(doc: Document.Parsed, lines: LineCounter, at: (string | number)[], key: string): number {
  const map = doc.getIn(at, true);
  if (isMap(map)) {
    for (const pair of map.items) {
      const k = pair.key as { value?: unknown; range?: [number, number, number] } | null;
      if (k?.range && String(k.value) === key) return lines.linePos(k.range[0]).line;
    }
  }
  return lineAt(doc, lines, [...at, key]);
}

/** Lines of the items of the sequence at `at`. */
function itemLines(doc: Document.Parsed, lines: LineCounter, at: (string | number)[]): number[] {
  const seq = doc.getIn(at, true);
  if (!isSeq(seq)) return [];
  return seq.items.map((n) => (n as { range?: [number, number, number] }).range ? lines.linePos((n as { range: [number, number, number] }).range[0]).line : 0);
}

export function parseTestFile(file: string, text: string): { test?: TestFile; problems: FileProblem[] } {
  const { doc, lines, data, problems } = load(file, text);
  if (problems.length) return { problems };
  const parsed = testFileSchema.safeParse(data);
  if (!parsed.success) return { problems: issues(file, doc, lines, parsed.error) };
  const dir = path.dirname(file);
  const cases = parsed.data.cases.map((c, k): TestCase => {
    const sources: Record<string, MockSource> = {};
    const sourceLines: Record<string, number> = {};
    for (const [table, s] of Object.entries(c.sources ?? {})) {
      sourceLines[table] = keyLine(doc, lines, ['cases', k, 'sources'], table);
      sources[table] = 'rows' in s
        ? { rows: s.rows, origin: { file, lines: itemLines(doc, lines, ['cases', k, 'sources', table, 'rows']) } }
        : { file: path.resolve(dir, s.file), format: s.format };
    }
    const expect: TestCase['expect'] = {};
    for (const [sink, e] of Object.entries(c.expect)) {
      const key = 'rows' in e ? 'rows' : 'changelog';
      expect[sink] = { ...e, line: keyLine(doc, lines, ['cases', k, 'expect'], sink), rowLines: itemLines(doc, lines, ['cases', k, 'expect', sink, key]) };
    }
    return {
      name: c.name, line: lineAt(doc, lines, ['cases', k]), set: c.set ?? {}, sources, sourceLines, expect,
      timeoutMs: c.timeout ?? parsed.data.timeout ?? DEFAULT_CASE_TIMEOUT_MS,
    };
  });
  const names = new Set<string>();
  for (const c of cases) {
    if (names.has(c.name)) return { problems: [{ file, line: c.line, message: `two cases are named '${c.name}'` }] };
    names.add(c.name);
  }
  return { test: { file, draft: path.resolve(dir, parsed.data.draft), cases }, problems: [] };
}

export function readTestFile(file: string): { test?: TestFile; problems: FileProblem[] } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { problems: [{ file, line: 0, message: `cannot read: ${(e as Error).message}` }] };
  }
  return parseTestFile(file, text);
}

/** `<name>.mocks.yaml`: the mocks Preview uses, file paths resolved against its folder. */
export function parseMocksFile(file: string, text: string): { mocks?: Record<string, MockSource>; problems: FileProblem[] } {
  const { doc, lines, data, problems } = load(file, text);
  if (problems.length) return { problems };
  if (!isMap(doc.contents) && data !== null) return { problems: [{ file, line: 1, message: 'expected `mocks:` with table: file entries' }] };
  const parsed = mocksFileSchema.safeParse(data);
  if (!parsed.success) return { problems: issues(file, doc, lines, parsed.error) };
  const dir = path.dirname(file);
  const mocks: Record<string, MockSource> = {};
  for (const [table, m] of Object.entries(parsed.data.mocks)) {
    mocks[table] = typeof m === 'string' ? { file: path.resolve(dir, m) } : { file: path.resolve(dir, m.file), format: m.format };
  }
  return { mocks, problems: [] };
}
