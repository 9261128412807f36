// What the caret expects, read from the tokens before it (the statement being typed rarely parses, and the
// parser's expected-token lists are cut to six): the enclosing parenthesis, the clause at that level and whether
// the last token completes an operand. The answer says which kinds of items completion.ts should offer.
import type { Token } from '../parser';
import type { Cursor } from './completionCursor';
import { isIdentToken } from './completionCursor';
import {
  EXPRESSION_KEYWORDS, INTERVAL_UNITS, JOIN_KEYWORDS, LIKE_FEATURES, LIKE_OPTIONS, OPERATOR_KEYWORDS, QUERY_CLAUSES,
  SET_OPERATORS,
} from './completionKeywords';
import { schemaElement, statementPrefix } from './completionStatements';
import { matching, schemaColumns } from './scopeTokens';

export interface CaretContext {
  keywords: string[];
  /** Table and view names. */
  tables?: boolean;
  /** Columns in scope, table aliases and functions. */
  expression?: boolean;
  /** Only column names: of the CREATE TABLE being written, the INSERT target, or the tables in scope. */
  columns?: 'schema' | 'insertTarget' | 'scope';
  dataTypes?: boolean;
  /** Window table-valued functions (TUMBLE, HOP, CUMULATE, SESSION) inside `FROM TABLE(`. */
  tableFunctions?: boolean;
  /** Catalog names (USE CATALOG). */
  catalogs?: boolean;
  option?: { part: 'key' | 'value'; key?: string; config: boolean; existing: string[]; connector?: string; values?: Record<string, string> };
}

const NONE: CaretContext = { keywords: [] };

/** A token, or a collapsed `( … )` group (type 'op', text '()'). */
export type Tok = Token;

const isOp = (t: Tok | undefined, op: string) => !!t && t.type === 'op' && t.text === op;
const isKw = (t: Tok | undefined, ...kw: string[]) => !!t && t.type === 'word' && kw.includes(t.upper);

/** The tokens after `open` (exclusive) at its depth, nested groups collapsed into one '()' token. */
export function levelTokens(tokens: readonly Tok[], from: number, to: number): Tok[] {
  const out: Tok[] = [];
  for (let i = from; i < to; i++) {
    const t = tokens[i];
    if (isOp(t, '(')) {
      const close = matching(tokens, i);
      const end = Math.min(close, to - 1);
      out.push({ type: 'op', text: '()', upper: '()', start: t.start, end: tokens[end].end });
      i = end;
    } else out.push(t);
  }
  return out;
}

export function classify(cur: Cursor): CaretContext {
  if (cur.inComment) return NONE;
  const before = cur.before;
  const stack: number[] = [];
  for (let i = 0; i < before.length; i++) {
    if (isOp(before[i], '(')) stack.push(i);
    else if (isOp(before[i], ')')) stack.pop();
  }
  const open = stack.length ? stack[stack.length - 1] : -1;
  const level = levelTokens(before, open + 1, before.length);
  const option = optionContext(cur, before, open, level);
  if (option) return option;
  if (cur.inString) return NONE;
  if (open < 0) return topLevel(cur, level);
  return inParens(cur, before, open, level);
}

function topLevel(cur: Cursor, level: Tok[]): CaretContext {
  const q = queryStart(level);
  if (q >= 0) return queryContext(level.slice(q));
  return statementPrefix(cur, level);
}

/** Index of the SELECT / VALUES / WITH (CTE) that starts the query part of a statement. */
export function queryStart(level: readonly Tok[]): number {
  for (let i = 0; i < level.length; i++) {
    if (isKw(level[i], 'SELECT', 'VALUES')) return i;
    if (isKw(level[i], 'WITH') && isIdentToken(level[i + 1])) return i;
  }
  return -1;
}

function inParens(cur: Cursor, before: Tok[], open: number, level: Tok[]): CaretContext {
  const p1 = before[open - 1];
  const p2 = before[open - 2];
  const schema = schemaColumns(cur.tokens, cur.stmt?.text ?? '');
  if (schema && schema.open === open) return schemaElement(level);
  if (isKw(before[0], 'ALTER') && isKw(p1, 'ADD', 'MODIFY')) return schemaElement(level);
  if (isKw(p1, 'KEY', 'UNIQUE', 'HASH', 'RANGE') || (isKw(p1, 'BY') && isKw(p2, 'PARTITIONED', 'DISTRIBUTED'))) {
    return { keywords: [], columns: 'schema' };
  }
  if (isKw(p1, 'DESCRIPTOR')) return { keywords: [], columns: 'scope' };
  if (isIdentToken(p1) && !isKw(p1, 'VALUES') && insertTargetBefore(before, open)) return { keywords: [], columns: 'insertTarget' };
  if (isIdentToken(p1) && isKw(before[open - 2], 'LIKE')) {
    const last = level[level.length - 1];
    if (!last || isOp(last, ',')) return { keywords: LIKE_OPTIONS };
    return isKw(last, ...LIKE_OPTIONS) ? { keywords: LIKE_FEATURES } : NONE;
  }
  if (isKw(p1, 'OVER')) return windowSpec(level);
  if (isKw(p1, 'MATCH_RECOGNIZE')) {
    const clauses = ['PARTITION BY', 'ORDER BY', 'MEASURES', 'ONE ROW PER MATCH', 'AFTER MATCH SKIP PAST LAST ROW', 'PATTERN', 'DEFINE'];
    return level.length ? expressionOrAfter(level, clauses) : { keywords: clauses };
  }
  if (isKw(p1, 'CAST', 'TRY_CAST') && level.some((t) => isKw(t, 'AS'))) {
    return isKw(level[level.length - 1], 'AS') ? { keywords: [], dataTypes: true } : NONE;
  }
  if (level.some((t) => isKw(t, 'RETURNING')) && isKw(level[level.length - 1], 'RETURNING')) return { keywords: [], dataTypes: true };
  // FROM TABLE( … ): a table-valued function; `TABLE t` as an argument names a table.
  if (isKw(p1, 'TABLE') && (isKw(before[open - 2], 'FROM', 'JOIN', 'LATERAL') || isOp(before[open - 2], ','))) {
    return level.length === 0 ? { keywords: [], tableFunctions: true } : NONE;
  }
  if (isKw(level[level.length - 1], 'TABLE')) return { keywords: [], tables: true };
  const q = queryStart(level);
  if (q >= 0) return queryContext(level.slice(q));
  if (level.length === 0 && isKw(p1, 'FROM', 'JOIN', 'IN', 'EXISTS', 'AS', 'LATERAL')) {
    return { keywords: ['SELECT', 'WITH', 'VALUES'], expression: !isKw(p1, 'FROM', 'JOIN', 'AS') };
  }
  return expressionOrAfter(level, []);
}

function insertTargetBefore(before: readonly Tok[], open: number): boolean {
  let i = open - 1;
  while (i >= 2 && isOp(before[i - 1], '.') && isIdentToken(before[i - 2])) i -= 2;
  return isKw(before[i - 1], 'INTO', 'OVERWRITE') && before.slice(0, i).every((t) => !isOp(t, '('));
}

function windowSpec(level: Tok[]): CaretContext {
  const by = lastIndex(level, (t) => isKw(t, 'BY'));
  const last = level[level.length - 1];
  if (!last) return { keywords: ['PARTITION BY', 'ORDER BY', 'ROWS BETWEEN', 'RANGE BETWEEN'] };
  if (isKw(last, 'PARTITION', 'ORDER')) return { keywords: ['BY'] };
  if (isKw(last, 'BETWEEN', 'AND')) return { keywords: ['UNBOUNDED PRECEDING', 'CURRENT ROW', 'INTERVAL'] };
  if (by >= 0 && !level.slice(by).some((t) => isKw(t, 'ROWS', 'RANGE'))) {
    const after = expressionOrAfter(level.slice(by + 1), ['ORDER BY', 'ROWS BETWEEN', 'RANGE BETWEEN', 'ASC', 'DESC']);
    return after;
  }
  return NONE;
}

// ---- queries ----

const CLAUSE_WORDS = new Set(['SELECT', 'FROM', 'JOIN', 'ON', 'USING', 'WHERE', 'BY', 'HAVING', 'WINDOW', 'QUALIFY', 'LIMIT', 'OFFSET',
  'FETCH', 'UNION', 'INTERSECT', 'EXCEPT', 'MINUS', 'VALUES', 'WITH']);

/** Level tokens of a query, from its first keyword to the caret. */
export function queryContext(q: Tok[]): CaretContext {
  const ci = lastIndex(q, (t) => t.type === 'word' && CLAUSE_WORDS.has(t.upper) && !(t.upper === 'WITH' && isOp(q[q.indexOf(t) + 1], '()')));
  if (ci < 0) return NONE;
  const clause = q[ci].upper === 'BY' ? `${q[ci - 1]?.upper ?? ''} BY` : q[ci].upper;
  const after = q.slice(ci + 1);
  const last = after[after.length - 1];
  const later = (from: string) => {
    const i = QUERY_CLAUSES.indexOf(from);
    return [...QUERY_CLAUSES.slice(i + 1), ...SET_OPERATORS];
  };
  switch (clause) {
    case 'WITH': {
      if (isOp(last, '()')) return { keywords: ['SELECT', ','] };
      return isIdentToken(last) && after.length === 1 ? { keywords: ['AS'] } : NONE;
    }
    case 'UNION': case 'INTERSECT': case 'EXCEPT': case 'MINUS':
      return after.length === 0 || (after.length === 1 && isKw(last, 'ALL', 'DISTINCT')) ? { keywords: ['SELECT', 'ALL', 'VALUES'] } : NONE;
    case 'SELECT': {
      if (after.length === 0) return { keywords: ['DISTINCT', 'ALL', ...EXPRESSION_KEYWORDS], expression: true };
      if (isOp(last, '*') && (after.length === 1 || isOp(after[after.length - 2], ','))) return { keywords: ['FROM'] };
      return expressionOrAfter(after, ['FROM', 'AS', 'OVER']);
    }
    case 'FROM': case 'JOIN': case 'LATERAL':
      return fromContext(clause, after);
    case 'ON': case 'WHERE': case 'HAVING': case 'QUALIFY': {
      const next = clause === 'ON' ? [...JOIN_KEYWORDS, 'WHERE', 'GROUP BY', 'ORDER BY'] : later(clause === 'WHERE' ? 'WHERE' : clause);
      return expressionOrAfter(after, [...OPERATOR_KEYWORDS, ...next]);
    }
    case 'USING':
      return { keywords: [], columns: 'scope' };
    case 'GROUP BY': {
      if (after.length === 0) return { keywords: ['ROLLUP', 'CUBE', 'GROUPING SETS'], expression: true };
      return expressionOrAfter(after, later('GROUP BY'));
    }
    case 'ORDER BY':
      return expressionOrAfter(after, ['ASC', 'DESC', 'NULLS FIRST', 'NULLS LAST', 'LIMIT', 'OFFSET', 'FETCH']);
    case 'VALUES':
      return isOp(last, '()') ? { keywords: [','] } : NONE;
    default:
      return NONE;
  }
}

function fromContext(clause: string, after: Tok[]): CaretContext {
  const last = after[after.length - 1];
  if (after.length === 0 || (clause === 'FROM' && isOp(last, ','))) {
    return { keywords: ['LATERAL TABLE', 'TABLE', 'UNNEST'], tables: true };
  }
  if (isKw(last, 'LATERAL')) return { keywords: ['TABLE'] };
  // FOR SYSTEM_TIME AS OF <expr>
  const sys = lastIndex(after, (t) => isKw(t, 'OF'));
  if (sys >= 0 && isKw(after[sys - 2], 'SYSTEM_TIME')) {
    const rest = after.slice(sys + 1);
    if (rest.length === 0 || endsOperand(rest) === false) return { keywords: [], expression: true };
  }
  if (isKw(last, 'AS')) return NONE; // an alias comes next
  if (isKw(last, 'FOR')) return { keywords: ['SYSTEM_TIME AS OF'] };
  if (isKw(last, 'LEFT', 'RIGHT', 'FULL')) return { keywords: ['JOIN', 'OUTER JOIN'] };
  if (isKw(last, 'INNER', 'CROSS', 'NATURAL', 'OUTER')) return { keywords: ['JOIN'] };
  const hasAlias = after.length >= 2 && (isKw(after[after.length - 2], 'AS') || isIdentToken(after[after.length - 2]) && isIdentToken(last));
  const joins = clause === 'JOIN' ? ['ON', 'USING'] : [];
  return {
    keywords: [...joins, ...(hasAlias ? [] : ['AS']), ...JOIN_KEYWORDS, ...QUERY_CLAUSES, ...SET_OPERATORS, 'FOR SYSTEM_TIME AS OF'],
  };
}

/** Expression position or, after a complete operand, the keywords that may follow it. */
export function expressionOrAfter(after: Tok[], following: string[]): CaretContext {
  const last = after[after.length - 1];
  if (isKw(last, 'IS')) return { keywords: ['NULL', 'NOT NULL', 'TRUE', 'FALSE', 'NOT', 'DISTINCT FROM', 'JSON'] };
  if (isKw(last, 'NOT') && isKw(after[after.length - 2], 'IS')) return { keywords: ['NULL', 'TRUE', 'FALSE', 'DISTINCT FROM'] };
  if (last && (last.type === 'string') && isKw(after[after.length - 2], 'INTERVAL')) return { keywords: INTERVAL_UNITS };
  if (isKw(last, 'INTERVAL')) return NONE;
  if (isKw(last, 'AS')) return NONE; // alias
  const open = openCase(after);
  if (!endsOperand(after)) {
    const kws = [...EXPRESSION_KEYWORDS];
    if (isKw(last, 'CASE')) kws.unshift('WHEN');
    return { keywords: kws, expression: true };
  }
  const caseWords = open ? ['WHEN', 'THEN', 'ELSE', 'END'] : [];
  return { keywords: [...caseWords, ...following] };
}

const OPERAND_KEYWORDS = new Set(['NULL', 'TRUE', 'FALSE', 'UNKNOWN', 'END', 'CURRENT_TIMESTAMP', 'CURRENT_DATE', 'CURRENT_TIME', 'LOCALTIME',
  'LOCALTIMESTAMP', 'ASC', 'DESC', 'FIRST', 'LAST', 'ROW', 'PRECEDING', 'FOLLOWING', 'SECOND', 'MINUTE', 'HOUR', 'DAY', 'MONTH', 'YEAR',
  'SECONDS', 'MINUTES', 'HOURS', 'DAYS', 'MONTHS', 'YEARS', 'MILLISECOND', 'WEEK']);
const OPERATOR_OPS = new Set([',', '=', '<>', '!=', '<', '>', '<=', '>=', '+', '-', '*', '/', '%', '||', '(', '[', '.']);
const KEYWORD_OPERATORS = new Set(['AND', 'OR', 'NOT', 'WHEN', 'THEN', 'ELSE', 'CASE', 'LIKE', 'BETWEEN', 'IN', 'DISTINCT', 'ALL',
  'ON', 'WHERE', 'HAVING', 'BY', 'SELECT', 'OF', 'EXISTS', 'SIMILAR', 'TO', 'FROM', 'ESCAPE']);

/** Does the token list end with a complete operand (so an operator or clause keyword comes next)? */
export function endsOperand(after: readonly Tok[]): boolean {
  const last = after[after.length - 1];
  if (!last) return false;
  if (last.type === 'op') return !OPERATOR_OPS.has(last.text);
  if (last.type === 'word') {
    if (OPERAND_KEYWORDS.has(last.upper)) return true;
    return !KEYWORD_OPERATORS.has(last.upper);
  }
  return true; // literals, quoted identifiers, collapsed groups
}

function openCase(after: readonly Tok[]): boolean {
  let depth = 0;
  for (const t of after) {
    if (isKw(t, 'CASE')) depth++;
    else if (isKw(t, 'END') && depth > 0) depth--;
  }
  return depth > 0;
}

function lastIndex<T>(arr: readonly T[], pred: (t: T) => boolean): number {
  for (let i = arr.length - 1; i >= 0; i--) if (pred(arr[i])) return i;
  return -1;
}

// ---- WITH ( … ) options and SET '…' ----

function optionContext(cur: Cursor, before: Tok[], open: number, level: Tok[]): CaretContext | undefined {
  let config = false;
  let existing: string[] = [];
  let connector: string | undefined;
  const values: Record<string, string> = {};
  if (open >= 0) {
    const p1 = before[open - 1];
    const isTableOptions = isKw(p1, 'WITH', 'OPTIONS') || (isKw(p1, 'SET') && isKw(before[0], 'ALTER'));
    if (!isTableOptions) return undefined;
    if (before.slice(0, open).some((t) => isKw(t, 'CATALOG', 'DATABASE', 'MODEL', 'CONNECTION', 'FUNCTION'))) return NONE;
    // Keys already written in this WITH list (before and after the caret) and the chosen connector.
    const close = matching(cur.tokens, open);
    const all = cur.tokens.slice(open + 1, close);
    for (let i = 0; i + 2 < all.length; i++) {
      if (all[i].type === 'string' && isOp(all[i + 1], '=')) {
        const key = all[i].value ?? '';
        if (all[i] !== cur.inString) existing.push(key);
        if (all[i + 2].type === 'string' && all[i + 2] !== cur.inString) values[key] = all[i + 2].value ?? '';
        if (key === 'connector' && all[i + 2].type === 'string') connector = all[i + 2].value;
      }
    }
  } else if (isKw(level[0], 'SET', 'RESET') && level.length <= 3) {
    config = true;
    existing = [];
  } else return undefined;

  const elemStart = lastIndex(level, (t) => isOp(t, ',')) + 1;
  const elem = level.slice(elemStart + (config ? 1 : 0));
  if (elem.length === 0) return { keywords: [], option: { part: 'key', config, existing, connector, values } };
  if (elem.length === 2 && elem[0].type === 'string' && isOp(elem[1], '=')) {
    return { keywords: [], option: { part: 'value', key: elem[0].value ?? '', config, existing, connector, values } };
  }
  return NONE;
}
