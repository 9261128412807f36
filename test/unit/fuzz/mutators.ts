// Input mutators for fuzzing the parser: token-level edits of real statements (delete, duplicate, swap,
// replace with a keyword), cuts, random bytes, and pathological inputs (huge lines, deep nesting,
// unterminated strings/comments/identifiers).
import { tokenize } from '../../../server/src/parser/lexer';
import { int, pick, type Rng } from './prng';

const KEYWORDS = [
  'SELECT', 'FROM', 'WHERE', 'GROUP', 'BY', 'ORDER', 'JOIN', 'ON', 'AS', 'WITH', 'TABLE', 'CREATE', 'INSERT', 'INTO', 'VALUES',
  'AND', 'OR', 'NOT', 'NULL', 'CASE', 'WHEN', 'THEN', 'END', 'BEGIN', 'STATEMENT', 'SET', 'WATERMARK', 'FOR', 'PRIMARY', 'KEY',
  'PARTITION', 'OVER', 'INTERVAL', 'CAST', 'ROW', 'ARRAY', 'MAP', '(', ')', ',', ';', '.', '*', '=', '<', '>', "'", '`', '/*', '*/',
  '--', '/*+', '[', ']', 'MATCH_RECOGNIZE', 'LATERAL', 'UNNEST', 'TUMBLE', 'DESCRIPTOR', 'JSON_VALUE', 'RETURNING',
];

export type Mutator = (sql: string, rng: Rng) => string;

function tokenSpans(sql: string): { start: number; end: number }[] {
  return tokenize(sql).tokens.filter((t) => t.type !== 'eof');
}

const deleteToken: Mutator = (sql, rng) => {
  const toks = tokenSpans(sql);
  if (!toks.length) return sql;
  const t = pick(rng, toks);
  return sql.slice(0, t.start) + sql.slice(t.end);
};

const duplicateToken: Mutator = (sql, rng) => {
  const toks = tokenSpans(sql);
  if (!toks.length) return sql;
  const t = pick(rng, toks);
  return sql.slice(0, t.end) + ' ' + sql.slice(t.start, t.end) + sql.slice(t.end);
};

const swapTokens: Mutator = (sql, rng) => {
  const toks = tokenSpans(sql);
  if (toks.length < 2) return sql;
  const i = int(rng, toks.length - 1);
  const a = toks[i];
  const b = toks[i + 1];
  return sql.slice(0, a.start) + sql.slice(b.start, b.end) + sql.slice(a.end, b.start) + sql.slice(a.start, a.end) + sql.slice(b.end);
};

const replaceWithKeyword: Mutator = (sql, rng) => {
  const toks = tokenSpans(sql);
  if (!toks.length) return sql;
  const t = pick(rng, toks);
  return sql.slice(0, t.start) + pick(rng, KEYWORDS) + sql.slice(t.end);
};

const insertKeyword: Mutator = (sql, rng) => {
  const at = int(rng, sql.length + 1);
  return sql.slice(0, at) + ' ' + pick(rng, KEYWORDS) + ' ' + sql.slice(at);
};

const cut: Mutator = (sql, rng) => sql.slice(0, int(rng, sql.length + 1));

const randomBytes: Mutator = (sql, rng) => {
  let out = sql;
  const n = 1 + int(rng, 4);
  for (let i = 0; i < n; i++) {
    const at = int(rng, out.length + 1);
    const code = rng() < 0.8 ? 32 + int(rng, 95) : int(rng, 0x3000);
    out = out.slice(0, at) + String.fromCharCode(code) + out.slice(at + (rng() < 0.5 ? 1 : 0));
  }
  return out;
};

const unterminate: Mutator = (sql, rng) => {
  const opener = pick(rng, ["'", '`', '/*', '/*+', '"', '(', '[', 'CASE ', 'BEGIN STATEMENT SET;', 'EXECUTE STATEMENT SET BEGIN ']);
  const at = int(rng, sql.length + 1);
  return sql.slice(0, at) + opener + sql.slice(at);
};

/** Token-level mutators, suitable for differential testing against Flink's parser. */
export const TOKEN_MUTATORS: Record<string, Mutator> = { deleteToken, duplicateToken, swapTokens, replaceWithKeyword, insertKeyword, cut };

export const MUTATORS: Record<string, Mutator> = { ...TOKEN_MUTATORS, randomBytes, unterminate };

/** Applies 1–3 random mutators; returns the mutant and the mutators' names. */
export function mutate(sql: string, rng: Rng, mutators: Record<string, Mutator> = MUTATORS): { sql: string; applied: string[] } {
  const names = Object.keys(mutators);
  const applied: string[] = [];
  let out = sql;
  const n = 1 + int(rng, 3);
  for (let i = 0; i < n; i++) {
    const name = pick(rng, names);
    applied.push(name);
    out = mutators[name](out, rng);
  }
  return { sql: out, applied };
}

/** Inputs that stress the lexer, splitter and recursion guard. */
export function pathologicalInputs(): { name: string; sql: string }[] {
  const cols = Array.from({ length: 90_000 }, (_, i) => `col_${i}`).join(', ');
  return [
    { name: '1 MB single-line select', sql: `SELECT ${cols} FROM t`.padEnd(1_000_000, ' ') },
    { name: '10,000 nested parentheses', sql: 'SELECT ' + '('.repeat(10_000) + '1' + ')'.repeat(10_000) },
    { name: '10,000 unclosed parentheses', sql: 'SELECT ' + '('.repeat(10_000) },
    { name: '10,000 nested subqueries', sql: 'SELECT * FROM '.repeat(3_000) + 't' },
    { name: '5,000 nested CASE', sql: 'SELECT ' + 'CASE WHEN a THEN '.repeat(5_000) + '1' + ' END'.repeat(5_000) },
    { name: 'long NOT chain', sql: 'SELECT ' + 'NOT '.repeat(20_000) + 'TRUE' },
    { name: 'long unary minus chain', sql: 'SELECT ' + '- '.repeat(20_000) + '1' },
    { name: 'long AND chain', sql: 'SELECT 1 WHERE ' + Array.from({ length: 20_000 }, (_, i) => `a${i} = ${i}`).join(' AND ') },
    { name: 'deep ROW type', sql: 'CREATE TABLE t (a ' + 'ROW<x '.repeat(5_000) + 'INT' + '>'.repeat(5_000) + ')' },
    { name: 'unterminated string', sql: "SELECT 'abc" + 'x'.repeat(100_000) },
    { name: 'unterminated comment', sql: 'SELECT 1 /* ' + 'x'.repeat(100_000) },
    { name: 'unterminated hint', sql: 'SELECT /*+ OPTIONS(' + "'a'='b',".repeat(10_000) },
    { name: 'unterminated backtick', sql: 'SELECT `abc' + 'x'.repeat(100_000) },
    { name: 'unterminated statement set', sql: 'EXECUTE STATEMENT SET BEGIN ' + 'INSERT INTO t SELECT 1; '.repeat(5_000) },
    { name: 'only semicolons', sql: ';'.repeat(100_000) },
    { name: 'NUL and control bytes', sql: 'SELECT \u0000\u0001\u0002 FROM \uFFFF t \uD800' },
    { name: 'many statements', sql: 'SELECT 1;\n'.repeat(20_000) },
  ];
}
