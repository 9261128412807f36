// Clause structure, guided by the statement's kind from the tree: a query is one clause per line (SELECT,
// FROM, each JOIN, WHERE, GROUP BY, …), a DDL statement breaks before COMMENT / PARTITIONED BY / WITH (…) /
// LIKE, a statement with a query (INSERT, CREATE … AS, EXPLAIN) puts the query on the next line, and
// statement sets indent their statements between BEGIN and END.
import { BLANK, group, HARD, indent, join, LINE, SP, type Doc } from './doc';
import type { Layout } from './layout';

const JOIN_WORDS = new Set(['JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'NATURAL', 'OUTER']);
const ALWAYS = new Set(['SELECT', 'WHERE', 'HAVING', 'WINDOW', 'QUALIFY', 'LIMIT', 'OFFSET', 'FETCH', 'UNION', 'INTERSECT', 'EXCEPT', 'MINUS', 'VALUES']);
const LISTS = new Set(['SELECT', 'GROUP', 'ORDER', 'WINDOW', 'VALUES', 'FROM', 'SET']);
const CONDITIONS = new Set(['WHERE', 'HAVING', 'QUALIFY']);
const SET_OPS = new Set(['UNION', 'INTERSECT', 'EXCEPT', 'MINUS']);
const DDL_BREAKS = new Set(['PARTITIONED', 'DISTRIBUTED', 'FRESHNESS', 'REFRESH_MODE']);

/** Installs the query layout into the engine, so subqueries in parentheses are laid out as queries. */
export function installClauses(L: Layout, kind: string): void {
  L.query = (from, to) => query(L, from, to, kind);
}

function isClauseStart(L: Layout, j: number, from: number, kind: string): boolean {
  const t = L.tk[j];
  if (t.type !== 'word') return false;
  const u = t.upper;
  if (ALWAYS.has(u)) return true;
  if (u === 'FROM') return !L.isWord(j - 1, 'DISTINCT', 'DELETE');
  if (u === 'GROUP' || u === 'ORDER') return L.isWord(j + 1, 'BY');
  if (u === 'WITH') return j === from;
  if (u === 'SET') return kind === 'update';
  if (JOIN_WORDS.has(u) && !L.isAnyWord(j - 1, JOIN_WORDS)) {
    let k = j;
    while (L.isAnyWord(k, JOIN_WORDS) && !L.isWord(k, 'JOIN')) k++;
    return L.isWord(k, 'JOIN');
  }
  return false;
}

/** Where the clause keyword(s) at `j` end: SELECT DISTINCT /*+ hint *\/, GROUP BY, UNION ALL, LEFT OUTER JOIN … */
function headEnd(L: Layout, j: number): number {
  const u = L.tk[j].upper;
  let k = j + 1;
  if (u === 'SELECT') {
    if (L.isWord(k, 'DISTINCT', 'ALL')) k++;
    if (L.tk[k].type === 'hintStart' && L.match[k] > k) k = L.match[k] + 1;
  } else if (u === 'GROUP' || u === 'ORDER') k++;
  else if (SET_OPS.has(u) || u === 'WITH') { if (L.isWord(k, 'ALL', 'DISTINCT', 'RECURSIVE')) k++; }
  else if (JOIN_WORDS.has(u)) { k = j; while (!L.isWord(k, 'JOIN')) k++; k++; }
  return k;
}

function query(L: Layout, from: number, to: number, kind: string): Doc {
  const starts = L.level(from, to).filter((j) => isClauseStart(L, j, from, kind));
  if (starts[0] !== from) starts.unshift(from);
  return join(HARD, starts.map((s, k) => clause(L, s, starts[k + 1] ?? to, kind)));
}

function clause(L: Layout, s: number, e: number, kind: string): Doc {
  if (!isClauseStart(L, s, s, kind) || L.tk[s].type !== 'word') return L.inline(s, e);
  const u = L.tk[s].upper;
  const h = Math.min(headEnd(L, s), e);
  const head = L.inline(s, h);
  if (h >= e) return head;
  const gap = L.gap(h - 1, h);
  if (u === 'WITH') {
    const { ranges, commas } = L.items(h, e);
    return [head, SP, L.separated(ranges, commas, ([a, b]) => L.inline(a, b), HARD)];
  }
  if (LISTS.has(u)) {
    const { ranges, commas } = L.items(h, e);
    // a lone CASE goes under the keyword when it does not fit beside it, like the items of a longer list
    if (ranges.length <= 1 && L.level(h, e).some((j) => L.isWord(j, 'CASE'))) return group([head, indent([LINE, L.inline(h, e)])]);
    if (ranges.length <= 1) return [head, gap, L.inline(h, e)];
    return group([head, indent([LINE, L.separated(ranges, commas, ([a, b]) => L.inline(a, b), LINE)])]);
  }
  if (CONDITIONS.has(u)) return [head, gap, L.condition(h, e)];
  if (SET_OPS.has(u)) return [head, HARD, L.inline(h, e)];
  if (L.isWord(h - 1, 'JOIN')) {
    const on = L.level(h, e).find((j) => L.isWord(j, 'ON'));
    if (on !== undefined) return [head, gap, L.inline(h, on), SP, L.emit(on), SP, L.condition(on + 1, e)];
  }
  return [head, gap, L.inline(h, e)];
}

/** One statement (or one statement of a statement set): [from, to) of the layout's tokens. */
export function statement(L: Layout, from: number, to: number, kind: string): Doc {
  const lvl = L.level(from, to);
  const begin = lvl.find((j) => L.isWord(j, 'BEGIN') && L.isWord(j - 1, 'SET') && L.isWord(j - 2, 'STATEMENT'));
  if (begin !== undefined) return statementSet(L, from, to, begin);
  if (kind === 'query' || kind === 'update' || kind === 'delete') return L.query(from, to);
  const q = lvl.find((j) => j > from && L.isQueryStart(j) && !L.isOp(j, '('));
  const header = L.inline(from, q ?? to, (j) => ddlBreak(L, j, kind));
  return q === undefined ? header : [header, HARD, L.query(q, to)];
}

function ddlBreak(L: Layout, j: number, kind: string): boolean {
  const t = L.tk[j];
  if (t.type !== 'word') return false;
  if (DDL_BREAKS.has(t.upper)) return true;
  if (t.upper === 'WITH') return L.isOp(j + 1, '(');
  if (t.upper === 'COMMENT') return kind.startsWith('create');
  if (t.upper === 'LIKE') return kind === 'createTable';
  return false;
}

/** EXECUTE STATEMENT SET BEGIN …; …; END — the statements indented, a blank line between them. */
function statementSet(L: Layout, from: number, to: number, begin: number): Doc {
  const lvl = L.level(begin + 1, to);
  const end = [...lvl].reverse().find((j) => L.isWord(j, 'END')) ?? to;
  const inner: Doc[] = [];
  let s = begin + 1;
  for (const j of lvl) {
    if (j >= end) break;
    if (L.isOp(j, ';')) {
      inner.push(j > s ? [statement(L, s, j, 'insert'), L.emit(j)] : L.emit(j));
      s = j + 1;
    }
  }
  if (s < end) inner.push(L.inline(s, end));
  const d: Doc[] = [L.inline(from, begin), HARD, L.emit(begin), indent([HARD, join(BLANK, inner)])];
  if (end < to) d.push(HARD, L.inline(end, to));
  return d;
}
