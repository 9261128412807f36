// Predicates on top of an additive operand: comparisons (with ANY/SOME/ALL subqueries), IS [NOT] ...,
// [NOT] BETWEEN [SYMMETRIC], [NOT] LIKE/ILIKE/SIMILAR TO ... ESCAPE, [NOT] IN, MEMBER OF, OVERLAPS.
import type { ExprNode } from './ast';
import { bin, parseAdditive, parseExpr, parseQueryChecked } from './expressions';
import type { Parser } from './parserBase';
import { isQueryStart } from './queries';

type Ex = ExprNode;

const COMPARISON = new Set(['=', '<>', '!=', '<', '>', '<=', '>=', '<=>']);
const NEGATABLE = new Set(['BETWEEN', 'LIKE', 'ILIKE', 'RLIKE', 'SIMILAR', 'IN']);

export function parsePredicate(p: Parser): Ex {
  let e = parseAdditive(p);
  for (;;) {
    const t = p.tok;
    if (t.type === 'op' && COMPARISON.has(t.text)) {
      if (t.text === '!=') p.error("Bang equal '!=' is not allowed under the current SQL conformance level", t.start, t.end);
      p.advance();
      if ((p.isKw('SOME') || p.isKw('ANY') || p.isKw('ALL')) && p.isOp('(', 1)) {
        const q = p.advance().upper;
        const sub = parenQueryOrList(p);
        e = { kind: 'quantified', op: t.text, quantifier: q, left: e, right: sub, start: e.start, end: p.lastEnd };
        continue;
      }
      e = bin(t.text, e, parseAdditive(p));
      continue;
    }
    if (p.isKw('IS')) {
      p.advance();
      const not = !!p.acceptKw('NOT');
      let what: string;
      let right: Ex | undefined;
      if (p.acceptKw('DISTINCT')) {
        p.expectKw('FROM');
        what = 'DISTINCT FROM';
        right = parseAdditive(p);
      } else if (p.acceptKw('JSON')) {
        what = 'JSON ' + (p.acceptOneOf('VALUE', 'OBJECT', 'ARRAY', 'SCALAR') ?? '');
      } else if (p.acceptKws('A', 'SET')) {
        what = 'A SET';
      } else {
        what = p.expectOneOf('NULL', 'TRUE', 'FALSE', 'UNKNOWN', 'EMPTY', 'DISTINCT', 'JSON');
      }
      e = { kind: 'is', not, what, operand: e, right, start: e.start, end: p.lastEnd };
      continue;
    }
    let not = false;
    if (p.isKw('NOT') && p.la(1).type === 'word' && NEGATABLE.has(p.la(1).upper) && (p.la(1).upper !== 'IN' || p.isOp('(', 2))) {
      p.advance();
      not = true;
    }
    const w = p.tok.type === 'word' ? p.tok.upper : '';
    if (w === 'BETWEEN') {
      p.advance();
      const sym = p.acceptOneOf('SYMMETRIC', 'ASYMMETRIC');
      // Calcite resolves precedence after parsing, so a bound may itself be a comparison (x BETWEEN a > b AND c)
      const low = parseBound(p);
      p.expectKw('AND');
      const high = parseBound(p);
      e = { kind: 'between', not, symmetric: sym === 'SYMMETRIC', operand: e, low, high, start: e.start, end: high.end };
      continue;
    }
    if (w === 'LIKE' || w === 'ILIKE' || w === 'RLIKE' || w === 'SIMILAR') {
      p.advance();
      if (w === 'SIMILAR') p.expectKw('TO');
      const pattern = parseAdditive(p);
      const escape = p.acceptKw('ESCAPE') ? parseAdditive(p) : undefined;
      e = { kind: 'like', op: w, not, operand: e, pattern, escape, start: e.start, end: p.lastEnd };
      continue;
    }
    if (w === 'IN' && p.isOp('(', 1)) {
      p.advance();
      const list = parenQueryOrList(p);
      e = { kind: 'in', not, operand: e, list, start: e.start, end: p.lastEnd };
      continue;
    }
    if (not) p.fail();
    if ((w === 'MEMBER' || w === 'SUBMULTISET') && p.isKw('OF', 1)) {
      p.advance();
      p.advance();
      e = bin(w + ' OF', e, parseAdditive(p));
      continue;
    }
    if (w === 'OVERLAPS' || w === 'CONTAINS' || w === 'EQUALS' || w === 'PRECEDES' || w === 'SUCCEEDS') {
      p.advance();
      p.acceptKw('IMMEDIATELY');
      e = bin(w, e, parseAdditive(p));
      continue;
    }
    return e;
  }
}

function parseBound(p: Parser): Ex {
  p.enter();
  try {
    return parsePredicate(p);
  } finally {
    p.leave();
  }
}

/** `( subquery )` or `( expr, ... )` after IN / ANY / ALL. */
function parenQueryOrList(p: Parser): Ex {
  const open = p.expectOp('(');
  if (isQueryStart(p)) {
    const query = parseQueryChecked(p, open.start);
    p.expectOp(')');
    return { kind: 'subquery', query, start: open.start, end: p.lastEnd };
  }
  const items = [parseExpr(p)];
  while (p.acceptOp(',')) items.push(parseExpr(p));
  p.expectOp(')');
  return { kind: 'list', items, start: open.start, end: p.lastEnd };
}
