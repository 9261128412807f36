// Turns the Flink test scripts harvested under test/fixtures/realworld/sources/ into statements.jsonl: one
// statement a line, split the way Flink's own runners split them (`npm run realworld:extract`).
//
// .q files are read as Flink's SqlScriptReader reads them (see test/fixtures/realworld/README.md):
//  - before a statement, lines starting with `#` and blank lines are comments; `--` lines are not, they start SQL;
//  - flink-sql-client/sql/*.q (CliClientITCase): a statement ends at a line ending with `;` outside quotes and
//    comments; flink-sql-gateway/**.q and flink-sql-client/sql_multi/*.q: a statement ends at a `!output` line;
//  - then result lines up to the next line starting with `!`, the tag (`!ok`, `!info`, `!error`);
//  - the runner sends the statement trimmed, without its last `;`.
// .sql files split at a `;` that ends a line (bar a `--` comment) outside quotes and comments; comments around a statement are dropped.
import * as fs from 'fs';
import * as path from 'path';

export type Expected = 'ok' | 'info' | 'error' | 'output' | 'none';

export interface RealWorldStatement {
  id: string;
  source: string;
  sql: string;
  expected: Expected;
  /** First line of the expected error text (after the SQL client's generic "[ERROR] … Reason:" header). */
  expectedError?: string;
  /** QUIT/EXIT, CLEAR, HELP: the SQL client answers these itself and never sends them on. */
  clientCommand?: true;
  /** Matched by the planner's ExtendedParser regexes (SET/RESET/CLEAR/HELP/QUIT) before Calcite sees it. */
  extendedParser?: true;
  /** Placeholders Flink's runners substitute before running the statement, left as written here. */
  placeholders?: string[];
}

export const SOURCES_DIR = path.join(__dirname, '..', 'test', 'fixtures', 'realworld', 'sources');
export const OUTPUT_FILE = path.join(__dirname, '..', 'test', 'fixtures', 'realworld', 'statements.jsonl');

type QMode = 'semicolon' | 'output-hint';

/** Which of Flink's readers runs a .q file, by where it lives in Flink's tree. */
export function qModeFor(rel: string): QMode {
  if (rel.startsWith('flink-sql-client/sql/')) return 'semicolon';
  return 'output-hint';
}

// ---------------------------------------------------------------------------------------------------------
// Lexical state, as the SQL client's SqlClientParserState tracks it: quotes, backticks, comments.

type LexState = 'default' | 'single' | 'double' | 'back' | 'line-comment' | 'block-comment';

/** Advances `state` over `text`; calls `onSemicolon(i)` for every `;` seen in the default state. */
function scan(text: string, state: LexState, onSemicolon?: (i: number) => void): LexState {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const n = text[i + 1];
    switch (state) {
      case 'default':
        if (c === "'") state = 'single';
        else if (c === '"') state = 'double';
        else if (c === '`') state = 'back';
        else if (c === '-' && n === '-') { state = 'line-comment'; i++; }
        else if (c === '/' && n === '*') { state = 'block-comment'; i++; }
        else if (c === ';') onSemicolon?.(i);
        break;
      case 'single':
        if (c === "'") { if (n === "'") i++; else state = 'default'; }
        break;
      case 'double':
        if (c === '"') { if (n === '"') i++; else state = 'default'; }
        break;
      case 'back':
        if (c === '`') { if (n === '`') i++; else state = 'default'; }
        break;
      case 'line-comment':
        if (c === '\n') state = 'default';
        break;
      case 'block-comment':
        if (c === '*' && n === '/') { state = 'default'; i++; }
        break;
    }
  }
  return state;
}

// ---------------------------------------------------------------------------------------------------------
// Classification, from Flink's SqlCommandParserImpl (client) and ExtendedParser strategies (planner).

const CLIENT_COMMANDS = new Set(['QUIT', 'EXIT', 'CLEAR', 'HELP']);

/** Skips leading whitespace and comments, as the client's tokenizer does, and returns the first word. */
function firstWord(sql: string): string {
  let s = sql;
  for (;;) {
    const t = s.replace(/^\s+/, '');
    if (t.startsWith('--')) s = t.includes('\n') ? t.slice(t.indexOf('\n') + 1) : '';
    else if (t.startsWith('/*')) s = t.includes('*/') ? t.slice(t.indexOf('*/') + 2) : '';
    else { s = t; break; }
  }
  return (/^[A-Za-z_][A-Za-z0-9_$]*/.exec(s)?.[0] ?? '').toUpperCase();
}

// Java's patterns, matched against the whole trimmed statement (Pattern.CASE_INSENSITIVE | DOTALL).
const EXTENDED_PARSER_PATTERNS = [
  /^CLEAR(\s*;)?$/is,
  /^HELP\s*;?$/is,
  /^(?:EXIT|QUIT)$/is,
  /^RESET(\s+([^'\s]+)\s*)?(\s*;)?$/is,
  /^SET(\s+([^'\s]+)\s*=\s*('([^']*)'|([^;\s]+)))?;?$/is,
];

function classify(stmt: RealWorldStatement): RealWorldStatement {
  if (CLIENT_COMMANDS.has(firstWord(stmt.sql))) stmt.clientCommand = true;
  if (EXTENDED_PARSER_PATTERNS.some((p) => p.test(stmt.sql.trim()))) stmt.extendedParser = true;
  const vars = [...new Set(stmt.sql.match(/\$[A-Z][A-Z0-9_]*/g) ?? [])].sort();
  if (vars.length > 0) stmt.placeholders = vars;
  return stmt;
}

/** What the planner receives: the statement trimmed, without its last `;` (AbstractSqlGatewayStatementITCase). */
function toPlannerSql(lines: string[]): string {
  let sql = lines.map((l) => l + '\n').join('').trim();
  if (sql.endsWith(';')) sql = sql.slice(0, -1);
  return sql;
}

const TAGS: Record<string, Expected> = { '!ok': 'ok', '!info': 'info', '!error': 'error' };
// Older clients name the failed operation: `[ERROR] Could not execute SQL statement. Alter function failed! Reason:`.
const CLIENT_ERROR_HEADER = /^\[ERROR\] Could not execute SQL statement\.( [A-Za-z ]+ failed!)? Reason:\s*$/;

function firstErrorLine(result: string[]): string | undefined {
  const lines = result.map((l) => l.trim()).filter((l) => l.length > 0);
  if (lines.length > 1 && CLIENT_ERROR_HEADER.test(lines[0])) return lines[1];
  return lines[0];
}

// ---------------------------------------------------------------------------------------------------------
// .q files

export function extractQ(text: string, rel: string, mode: QMode = qModeFor(rel)): RealWorldStatement[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop(); // BufferedReader: no line after the last \n
  const out: RealWorldStatement[] = [];
  let i = 0;
  while (i < lines.length) {
    // BEGINNING: comment and blank lines
    while (i < lines.length && (lines[i].startsWith('#') || lines[i].trim().length === 0)) i++;
    if (i >= lines.length) break;
    const firstLine = i + 1;
    const sqlLines: string[] = [];
    let ended = false;
    // SQL_STATEMENT
    while (i < lines.length && !ended) {
      const line = lines[i++].replace(/\r$/, '');
      if (mode === 'output-hint') {
        if (line.trim() === '!output') { ended = true; break; }
        sqlLines.push(line);
      } else {
        sqlLines.push(line);
        // SqlScriptReader: the line ends with `;` and the text so far ends outside quotes and comments; an
        // unclosed `/*` does not hold the `;` back (select.q's `SELECT /*;`, expected to fail with a TokenMgrError)
        if (line.trim().endsWith(';')) {
          const state = scan(sqlLines.join('\n').trim(), 'default');
          if (state === 'default' || state === 'block-comment') ended = true;
        }
      }
    }
    // RESULT_CONTENT, up to the tag line
    const result: string[] = [];
    let tag: string | undefined;
    while (ended && i < lines.length) {
      const line = lines[i++].replace(/\r$/, '');
      if (line.startsWith('!')) { tag = line.trim(); break; }
      result.push(line);
    }
    const sql = toPlannerSql(sqlLines);
    if (sql.length === 0) continue;
    const expected: Expected = tag === undefined ? 'none' : TAGS[tag] ?? 'output';
    const stmt: RealWorldStatement = { id: `${rel}:${firstLine}`, source: rel, sql, expected };
    if (expected === 'error') {
      const err = firstErrorLine(result);
      if (err !== undefined) stmt.expectedError = err;
    }
    out.push(classify(stmt));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// .sql files

/** Offset just past the comments and whitespace that start `text` at `from`. */
function skipCommentsAndSpace(text: string, from: number, to: number): number {
  let i = from;
  for (;;) {
    while (i < to && /\s/.test(text[i])) i++;
    if (text.startsWith('--', i)) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 || nl >= to ? to : nl + 1;
    } else if (text.startsWith('/*', i) && !text.startsWith('/*+', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 || end + 2 > to ? to : end + 2;
    } else return i;
  }
}

/** End of the last code in `text[from, to)`: trailing whitespace and comments dropped (hints kept). */
function codeEnd(text: string, from: number, to: number): number {
  let state: LexState = 'default';
  let last = from;
  const quotes: Record<string, LexState> = { "'": 'single', '"': 'double', '`': 'back' };
  const closer: Partial<Record<LexState, string>> = { single: "'", double: '"', back: '`' };
  for (let i = from; i < to; i++) {
    const c = text[i];
    const n = i + 1 < to ? text[i + 1] : '';
    if (state === 'default') {
      if (c === '-' && n === '-') { state = 'line-comment'; i++; continue; }
      if (c === '/' && n === '*' && text[i + 2] !== '+') { state = 'block-comment'; i++; continue; }
      if (quotes[c]) state = quotes[c];
      if (!/\s/.test(c)) last = i + 1;
    } else if (state === 'line-comment') {
      if (c === '\n') state = 'default';
    } else if (state === 'block-comment') {
      if (c === '*' && n === '/') { state = 'default'; i++; }
    } else {
      last = i + 1;
      if (c === closer[state]) {
        if (n === c) { i++; last = i + 1; } else state = 'default';
      }
    }
  }
  return last;
}

export function extractSql(text: string, rel: string): RealWorldStatement[] {
  const ends: number[] = [];
  scan(text, 'default', (i) => {
    const nl = text.indexOf('\n', i);
    const rest = text.slice(i + 1, nl < 0 ? text.length : nl);
    if (rest.trim().length === 0 || rest.trim().startsWith('--')) ends.push(i); // `; -- note` ends one too
  });
  const out: RealWorldStatement[] = [];
  let start = 0;
  for (const end of [...ends, text.length]) {
    const from = skipCommentsAndSpace(text, start, end);
    const to = codeEnd(text, from, end);
    if (to > from) {
      const line = text.slice(0, from).split('\n').length;
      out.push(classify({ id: `${rel}:${line}`, source: rel, sql: text.slice(from, to), expected: 'none' }));
    }
    start = end + 1;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------

/** Every source file below `dir`, as sorted POSIX paths relative to it. */
export function listSources(dir: string = SOURCES_DIR): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(q|sql)$/.test(e.name)) found.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function extractAll(dir: string = SOURCES_DIR): RealWorldStatement[] {
  return listSources(dir).flatMap((rel) => {
    const text = fs.readFileSync(path.join(dir, rel), 'utf8');
    return rel.endsWith('.q') ? extractQ(text, rel) : extractSql(text, rel);
  });
}

export function toJsonl(stmts: RealWorldStatement[]): string {
  return stmts.map((s) => JSON.stringify(s)).join('\n') + '\n';
}

export function summarize(stmts: RealWorldStatement[], files: number): string {
  const by = new Map<string, number>();
  for (const s of stmts) by.set(s.expected, (by.get(s.expected) ?? 0) + 1);
  const outcomes = (['ok', 'info', 'error', 'output', 'none'] as Expected[]).map((e) => `${e} ${by.get(e) ?? 0}`);
  const client = stmts.filter((s) => s.clientCommand).length;
  const ext = stmts.filter((s) => s.extendedParser).length;
  return `${files} files, ${stmts.length} statements (${outcomes.join(', ')}); ` +
    `${client} client commands, ${ext} for the planner's extended parser`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  const stmts = extractAll();
  fs.writeFileSync(OUTPUT_FILE, toJsonl(stmts));
  console.log(`${path.relative(process.cwd(), OUTPUT_FILE)}: ${summarize(stmts, listSources().length)}`);
}
