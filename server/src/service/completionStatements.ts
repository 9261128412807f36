// Completion contexts outside queries: statement starters, the words after CREATE / DROP / ALTER / SHOW…,
// table-name positions, CREATE TABLE clauses and the elements of a table schema (columns, types, constraints).
import type { Cursor } from './completionCursor';
import { isIdentToken } from './completionCursor';
import { expressionOrAfter, type CaretContext, type Tok } from './completionContext';
import {
  BLOCK_STARTERS, COLUMN_SUFFIXES, CREATE_TABLE_CLAUSES, NEXT_WORDS, SCHEMA_ELEMENT_STARTERS, STATEMENT_STARTERS,
  TABLE_NAME_PREFIXES,
} from './completionKeywords';

const NONE: CaretContext = { keywords: [] };
const isOp = (t: Tok | undefined, op: string) => !!t && t.type === 'op' && t.text === op;
const isKw = (t: Tok | undefined, ...kw: string[]) => !!t && t.type === 'word' && kw.includes(t.upper);

/** After a qualified name starting at `i`: the index past it, or -1 when there is none. */
function skipName(level: readonly Tok[], i: number): number {
  if (!isIdentToken(level[i])) return -1;
  let j = i + 1;
  while (isOp(level[j], '.') && isIdentToken(level[j + 1])) j += 2;
  return j;
}

const ALTER_TABLE_ACTIONS = ['ADD', 'MODIFY', 'DROP', 'RENAME', 'RENAME TO', 'SET', 'RESET'];

export function statementPrefix(cur: Cursor, level: Tok[]): CaretContext {
  if (level.length === 0) return { keywords: cur.inBlock ? BLOCK_STARTERS : STATEMENT_STARTERS };
  // EXECUTE INSERT … / EXPLAIN [details] INSERT …: complete the INSERT.
  const insertAt = level.findIndex((t) => isKw(t, 'INSERT', 'UPSERT'));
  const body = insertAt > 0 && isKw(level[0], 'EXECUTE', 'EXPLAIN') ? level.slice(insertAt) : level;

  const words: string[] = [];
  for (const t of body) {
    if (t.type !== 'word') break;
    words.push(t.upper);
  }
  const key = words.join(' ');
  const allWords = words.length === body.length;
  if (allWords && TABLE_NAME_PREFIXES.has(key)) {
    const ifExists = /^(DROP|ALTER)\b.*\b(TABLE|VIEW)$/.test(key) ? ['IF EXISTS'] : [];
    return { keywords: ifExists, tables: true };
  }
  if (allWords && key === 'USE CATALOG') return { keywords: [], catalogs: true };
  if (allWords && NEXT_WORDS[key]) return { keywords: NEXT_WORDS[key], catalogs: key === 'USE' };
  if (isKw(body[0], 'CREATE', 'REPLACE')) return createPrefix(body);

  // A table-name position already filled: what follows the name.
  for (let n = Math.min(words.length, 5); n >= 1; n--) {
    if (!TABLE_NAME_PREFIXES.has(words.slice(0, n).join(' '))) continue;
    const end = skipName(body, n);
    if (end < 0) return NONE;
    const tail = body.slice(end);
    if (isKw(body[0], 'INSERT', 'UPSERT')) {
      const last = tail[tail.length - 1];
      if (tail.length === 0) return { keywords: ['SELECT', 'VALUES', 'WITH', 'PARTITION', 'TABLE'] };
      if (isOp(last, '()')) return { keywords: ['SELECT', 'VALUES', 'WITH'] };
      return NONE;
    }
    if (isKw(body[0], 'ALTER') && words[1] === 'TABLE') return alterTable(tail);
    return NONE;
  }
  return NONE;
}

function alterTable(tail: Tok[]): CaretContext {
  if (tail.length === 0) return { keywords: ALTER_TABLE_ACTIONS };
  const action = tail[0];
  if (isKw(action, 'ADD', 'MODIFY')) return tail.length === 1 ? { keywords: ['WATERMARK FOR', 'PRIMARY KEY', 'CONSTRAINT', 'DISTRIBUTION'] } : schemaElement(tail.slice(1));
  if (isKw(action, 'DROP') && tail.length === 1) return { keywords: ['PRIMARY KEY', 'WATERMARK', 'CONSTRAINT', 'PARTITION', 'DISTRIBUTION'] };
  if (isKw(action, 'RENAME') && tail.length === 1) return { keywords: ['TO'] };
  return NONE;
}

const OBJECT_KINDS = ['TABLE', 'VIEW', 'FUNCTION', 'CATALOG', 'DATABASE', 'MODEL', 'CONNECTION'];

function createPrefix(level: Tok[]): CaretContext {
  const kindAt = level.findIndex((t, i) => i < 6 && isKw(t, ...OBJECT_KINDS));
  if (kindAt < 0) return NONE;
  const kind = level[kindAt].upper;
  let i = kindAt + 1;
  const rest = level.slice(i);
  if (rest.length === 0) return { keywords: kind === 'FUNCTION' || kind === 'TABLE' || kind === 'VIEW' ? ['IF NOT EXISTS'] : [] };
  if (isKw(rest[0], 'IF')) {
    if (rest.length === 1) return { keywords: ['NOT EXISTS'] };
    if (rest.length === 2) return { keywords: ['EXISTS'] };
    i += 3;
  }
  const end = skipName(level, i);
  if (end < 0) return NONE;
  const tail = level.slice(end);
  const last = tail[tail.length - 1];
  switch (kind) {
    case 'TABLE':
      return tableTail(tail);
    case 'VIEW':
      if (isKw(last, 'AS')) return { keywords: ['SELECT', 'WITH', 'VALUES'] };
      return tail.length === 0 || isOp(last, '()') || last?.type === 'string' ? { keywords: ['AS', 'COMMENT'] } : NONE;
    case 'FUNCTION':
      if (tail.length === 0) return { keywords: ['AS'] };
      if (isKw(last, 'LANGUAGE')) return { keywords: ['JAVA', 'SCALA', 'PYTHON', 'SQL'] };
      if (last?.type === 'string' && isKw(tail[tail.length - 2], 'AS')) return { keywords: ['LANGUAGE', 'USING JAR'] };
      if (isKw(last, 'JAVA', 'SCALA', 'PYTHON', 'SQL')) return { keywords: ['USING JAR'] };
      return NONE;
    case 'MODEL':
      return tail.length === 0 || isOp(last, '()') ? { keywords: ['INPUT', 'OUTPUT', 'COMMENT', 'WITH', 'AS'] } : NONE;
    default:
      return tail.length === 0 ? { keywords: ['WITH', 'COMMENT'] } : last?.type === 'string' ? { keywords: ['WITH'] } : NONE;
  }
}

function tableTail(tail: Tok[]): CaretContext {
  const last = tail[tail.length - 1];
  if (!last) return { keywords: CREATE_TABLE_CLAUSES };
  if (isKw(last, 'LIKE')) return { keywords: [], tables: true };
  if (isKw(last, 'AS')) return { keywords: ['SELECT', 'WITH', 'VALUES'] };
  if (isKw(last, 'PARTITIONED', 'DISTRIBUTED')) return { keywords: ['BY'] };
  if (isKw(last, 'BY') && isKw(tail[tail.length - 2], 'DISTRIBUTED')) return { keywords: ['HASH', 'RANGE'], columns: 'schema' };
  if (isKw(last, 'COMMENT', 'WITH', 'INTO', 'BY', 'HASH', 'RANGE')) return NONE;
  if (isIdentToken(last) && isKw(tail[tail.length - 2], 'LIKE')) return NONE;
  let seen = -1;
  for (const t of tail) {
    const idx = CREATE_TABLE_CLAUSES.findIndex((c) => c.split(' ')[0] === t.upper && t.type === 'word');
    if (idx > seen) seen = idx;
  }
  return { keywords: CREATE_TABLE_CLAUSES.slice(seen + 1) };
}

/** One element of a schema `( … )`: the tokens at the schema's level, from the element's start. */
export function schemaElement(level: Tok[]): CaretContext {
  let start = 0;
  for (let i = level.length - 1; i >= 0; i--) {
    if (isOp(level[i], ',') && angleDepth(level.slice(0, i)) === 0) { start = i + 1; break; }
  }
  const elem = level.slice(start);
  const first = elem[0];
  const last = elem[elem.length - 1];
  if (!first) return { keywords: SCHEMA_ELEMENT_STARTERS };
  if (isKw(first, 'WATERMARK')) {
    if (elem.length === 1) return { keywords: ['FOR'] };
    if (elem.length === 2) return { keywords: [], columns: 'schema' };
    const as = elem.findIndex((t) => isKw(t, 'AS'));
    if (as < 0) return elem.length === 3 ? { keywords: ['AS'] } : NONE;
    return expressionOrAfter(elem.slice(as + 1), []);
  }
  if (isKw(first, 'CONSTRAINT') && elem.length === 2) return { keywords: ['PRIMARY KEY', 'UNIQUE'] };
  if (isKw(first, 'PRIMARY', 'CONSTRAINT', 'UNIQUE')) {
    if (isKw(last, 'PRIMARY')) return { keywords: ['KEY'] };
    if (isOp(last, '()')) return { keywords: ['NOT ENFORCED'] };
    if (isKw(last, 'NOT')) return { keywords: ['ENFORCED'] };
    return NONE;
  }
  if (!isIdentToken(first)) return NONE;
  if (elem.length === 1) return { keywords: ['AS'], dataTypes: true };
  if (isKw(elem[1], 'AS')) return expressionOrAfter(elem.slice(2), ['COMMENT']);
  // Inside ROW< … > / ARRAY< … > / MAP< … >.
  const angles: string[] = [];
  let partStart = 0;
  elem.forEach((t, i) => {
    if (isOp(t, '<')) { angles.push(elem[i - 1]?.upper ?? ''); partStart = i + 1; }
    else if (isOp(t, '>')) { angles.pop(); }
    else if (isOp(t, ',') && angles.length) partStart = i + 1;
  });
  if (angles.length) {
    const part = elem.slice(partStart);
    if (angles[angles.length - 1] === 'ROW') return part.length === 1 && isIdentToken(part[0]) ? { keywords: [], dataTypes: true } : NONE;
    return part.length === 0 ? { keywords: [], dataTypes: true } : NONE;
  }
  if (isKw(last, 'NOT')) return { keywords: ['NULL', 'ENFORCED'] };
  if (isKw(last, 'METADATA')) return { keywords: ['FROM', 'VIRTUAL'] };
  if (isKw(last, 'PRIMARY')) return { keywords: ['KEY'] };
  if (isKw(last, 'KEY')) return { keywords: ['NOT ENFORCED'] };
  if (isKw(last, 'COMMENT', 'FROM')) return NONE;
  if (isKw(last, 'TIMESTAMP') || (isOp(last, '()') && isKw(elem[elem.length - 2], 'TIMESTAMP'))) {
    return { keywords: ['WITH LOCAL TIME ZONE', ...COLUMN_SUFFIXES] };
  }
  return { keywords: COLUMN_SUFFIXES };
}

function angleDepth(toks: readonly Tok[]): number {
  let d = 0;
  for (const t of toks) {
    if (isOp(t, '<')) d++;
    else if (isOp(t, '>') && d > 0) d--;
  }
  return d;
}
