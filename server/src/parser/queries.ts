// Query grammar: WITH, set operations, SELECT (hints, DISTINCT, select list, WHERE, GROUP BY incl.
// GROUPING SETS/ROLLUP/CUBE, HAVING, WINDOW), VALUES, ORDER BY / LIMIT / OFFSET / FETCH.
import type { CteNode, ExprNode, HintNode, OptionNode, QueryBody, QueryNode, SelectItemNode, SelectNode, ValuesNode } from './ast';
import { parseExpr } from './expressions';
import { parseFromList } from './fromClause';
import { parseOrderByItems, parseWindowSpec } from './functions';
import type { Identifier } from './index';
import type { Parser } from './parserBase';

export function isQueryStart(p: Parser, k = 0): boolean {
  const t = k === 0 ? p.tok : p.la(k);
  if (t.type === 'word') {
    if (t.upper === 'SELECT' || t.upper === 'VALUES' || t.upper === 'WITH') return true;
    if (t.upper === 'TABLE') return p.isIdent(k + 1);
  }
  if (t.type === 'op' && t.text === '(') {
    const n = p.la(k + 1);
    if (n.type === 'word' && (n.upper === 'SELECT' || n.upper === 'VALUES' || n.upper === 'WITH')) return true;
    // ((SELECT ...)) — look a little further through parentheses
    if (n.type === 'op' && n.text === '(' && k < 8) return isQueryStart(p, k + 1);
  }
  return false;
}

/** `attach` receives the query node as soon as it exists, so a statement that fails later keeps it. */
export function parseQuery(p: Parser, attach?: (q: QueryNode) => void): QueryNode {
  p.enter();
  try {
    const start = p.tok.start;
    const q = { kind: 'query', start, end: start } as QueryNode;
    p.partial ??= q;
    attach?.(q);
    let withList: CteNode[] | undefined;
    if (p.acceptKw('WITH')) {
      p.acceptKw('RECURSIVE');
      withList = [];
      q.with = withList;
      do {
        const name = p.ident();
        const columns = p.isOp('(') ? p.identList() : undefined;
        p.expectKw('AS');
        p.expectOp('(');
        const query = parseQuery(p);
        p.expectOp(')');
        withList.push({ name, columns, query, start: name.start, end: p.lastEnd });
      } while (p.acceptOp(','));
    }
    q.body = parseSetOps(p, q);
    if (p.acceptKw('ORDER')) {
      p.expectKw('BY');
      q.orderBy = parseOrderByItems(p);
    }
    if (p.acceptKw('LIMIT')) {
      if (p.acceptKw('ALL')) q.limit = undefined;
      else q.limit = countLiteral(p);
      if (p.acceptOp(',')) q.limit = countLiteral(p);
    }
    if (p.acceptKw('OFFSET')) {
      q.offset = countLiteral(p);
      p.acceptOneOf('ROW', 'ROWS');
    }
    if (p.acceptKw('FETCH')) {
      p.expectOneOf('FIRST', 'NEXT');
      q.limit = countLiteral(p);
      p.expectOneOf('ROW', 'ROWS');
      p.expectKw('ONLY');
    }
    q.end = p.lastEnd;
    return q;
  } finally {
    p.leave();
  }
}

/** LIMIT / OFFSET / FETCH take an unsigned numeric literal or a `?` parameter, not an expression. */
function countLiteral(p: Parser): ExprNode {
  const t = p.tok;
  if (t.type === 'number' || p.isOp('?')) {
    p.advance();
    return { kind: 'literal', type: t.type === 'number' ? 'number' : 'parameter', text: t.text, start: t.start, end: t.end };
  }
  p.note('<UNSIGNED_INTEGER_LITERAL>');
  p.note('"?"');
  p.fail();
}

function parseSetOps(p: Parser, owner: QueryNode): QueryBody {
  let left = parseQueryTerm(p, owner);
  for (;;) {
    const op = p.acceptOneOf('UNION', 'INTERSECT', 'EXCEPT', 'MINUS');
    if (!op) return left;
    const q = p.acceptOneOf('ALL', 'DISTINCT');
    const right = parseQueryTerm(p);
    owner.body = left;
    left = { kind: 'setOp', op, all: q === 'ALL', left, right, start: left.start, end: right.end };
  }
}

function parseQueryTerm(p: Parser, owner?: QueryNode): QueryBody {
  const t = p.tok;
  if (p.isKw('SELECT')) return parseSelect(p, owner);
  if (p.isKw('VALUES')) return parseValues(p);
  if (p.isKw('TABLE')) {
    p.advance();
    const name = p.qualifiedName();
    return { kind: 'explicitTable', name, start: t.start, end: p.lastEnd } as ExprNode;
  }
  if (p.isOp('(')) {
    p.advance();
    const q = parseQuery(p);
    p.expectOp(')');
    q.start = t.start;
    q.end = p.lastEnd;
    return q;
  }
  for (const k of ['SELECT', 'VALUES', 'WITH', 'TABLE', '(']) p.note(`"${k}"`);
  p.fail();
}

export function parseValues(p: Parser): ValuesNode {
  const start = p.expectKw('VALUES').start;
  const rows: ExprNode[] = [];
  do {
    if (p.isKw('ROW')) {
      rows.push(parseExpr(p));
    } else if (p.isOp('(')) {
      const s = p.advance().start;
      const items = [parseExpr(p)];
      while (p.acceptOp(',')) items.push(parseExpr(p));
      p.expectOp(')');
      rows.push({ kind: 'row', items, start: s, end: p.lastEnd });
    } else {
      rows.push(parseExpr(p));
    }
  } while (p.acceptOp(','));
  return { kind: 'values', rows, start, end: p.lastEnd };
}

const SELECT_ITEM_END = ['FROM', 'WHERE', 'GROUP', 'HAVING', 'WINDOW', 'ORDER', 'LIMIT', 'OFFSET', 'FETCH', 'UNION', 'INTERSECT', 'EXCEPT', 'MINUS'];

function parseSelect(p: Parser, owner?: QueryNode): SelectNode {
  const start = p.expectKw('SELECT').start;
  const sel: SelectNode = { kind: 'select', distinct: false, items: [], from: [], start, end: start };
  if (owner && !owner.body) owner.body = sel;
  if (p.tok.type === 'hintStart') sel.hints = parseHints(p);
  p.acceptKw('STREAM');
  const q = p.acceptOneOf('DISTINCT', 'ALL');
  sel.distinct = q === 'DISTINCT';
  do {
    // a broken select item does not stop the tree: resynchronise at the next item or clause
    const item = p.recover(() => parseSelectItem(p), (x) => x.isOp(',') || (x.tok.type === 'word' && SELECT_ITEM_END.includes(x.tok.upper)));
    if (item) sel.items.push(item);
  } while (p.acceptOp(','));
  if (!p.acceptKw('FROM')) {
    // Calcite: WHERE, GROUP BY, HAVING, WINDOW and QUALIFY exist only after FROM
    sel.end = p.lastEnd;
    return sel;
  }
  parseFromList(p, sel.from);
  if (p.acceptKw('WHERE')) sel.where = parseExpr(p);
  if (p.acceptKw('GROUP')) {
    p.expectKw('BY');
    p.acceptOneOf('ALL', 'DISTINCT');
    sel.groupBy = parseGroupingList(p);
  }
  if (p.acceptKw('HAVING')) sel.having = parseExpr(p);
  if (p.acceptKw('WINDOW')) {
    do {
      p.ident();
      p.expectKw('AS');
      parseWindowSpec(p);
    } while (p.acceptOp(','));
  }
  if (p.acceptKw('QUALIFY')) parseExpr(p);
  sel.end = p.lastEnd;
  return sel;
}

function parseSelectItem(p: Parser): SelectItemNode {
  const t = p.tok;
  const expr: ExprNode = p.isOp('*') ? { kind: 'star', start: t.start, end: p.advance().end } : parseExpr(p);
  let alias: Identifier | undefined;
  if (p.acceptKw('AS')) {
    alias = p.ident();
  } else if (p.isIdent()) {
    alias = p.ident();
  }
  return { kind: 'selectItem', expr, alias, start: expr.start, end: p.lastEnd };
}

function parseGroupingList(p: Parser): ExprNode[] {
  const items: ExprNode[] = [];
  do items.push(parseGroupingElement(p));
  while (p.acceptOp(','));
  return items;
}

function parseGroupingElement(p: Parser): ExprNode {
  const t = p.tok;
  if (p.isKw('GROUPING') && p.isKw('SETS', 1)) {
    p.advance();
    p.advance();
    p.expectOp('(');
    const sets = parseGroupingList(p);
    p.expectOp(')');
    return { kind: 'groupingSets', sets, start: t.start, end: p.lastEnd };
  }
  if ((p.isKw('ROLLUP') || p.isKw('CUBE')) && p.isOp('(', 1)) {
    const w = p.advance().upper;
    p.expectOp('(');
    const items = parseGroupingList(p);
    p.expectOp(')');
    return { kind: w.toLowerCase(), items, start: t.start, end: p.lastEnd };
  }
  if (p.isOp('(') && p.isOp(')', 1)) {
    p.advance();
    p.advance();
    return { kind: 'emptyGroup', start: t.start, end: p.lastEnd };
  }
  return parseExpr(p);
}

/** `/*+ NAME(args), NAME2 *\/` — options are 'k'='v' pairs, or identifier / string lists. */
export function parseHints(p: Parser): HintNode[] {
  p.advance();
  const hints: HintNode[] = [];
  do {
    const name = p.ident();
    const hint: HintNode = { kind: 'hint', name, options: [], args: [], start: name.start, end: name.end };
    if (p.acceptOp('(')) {
      if (!p.isOp(')')) {
        // Calcite: all 'k' = 'v' pairs, or all identifiers, or all strings
        let mode: 'kv' | 'id' | 'str' | undefined;
        do {
          const key = p.isString() ? p.stringLit() : p.ident();
          const kv = p.isOp('=');
          const m = kv ? 'kv' : 'kind' in key ? 'str' : 'id';
          if (mode && m !== mode) {
            p.note(mode === 'kv' ? '"="' : '")"');
            p.fail();
          }
          mode = m;
          if (kv) {
            p.advance();
            const value = p.stringLit();
            const k = 'kind' in key ? key : ({ kind: 'string', start: key.start, end: key.end, value: key.value } as const);
            hint.options.push({ key: k, value, start: key.start, end: value.end } as OptionNode);
          } else hint.args.push(key);
        } while (p.acceptOp(','));
      }
      p.expectOp(')');
    }
    hint.end = p.lastEnd;
    hints.push(hint);
  } while (p.acceptOp(','));
  if (p.tok.type !== 'hintEnd') {
    p.note('"*/"');
    p.fail();
  }
  p.advance();
  return hints;
}
