// The JSON functions' special argument syntax: KEY/VALUE pairs, `k : v`, FORMAT JSON, RETURNING type,
// wrapper clauses and the NULL / ERROR / EMPTY / ABSENT / DEFAULT ... ON EMPTY|ERROR|NULL behaviours.
import type { ExprNode } from './ast';
import { parseDataType } from './dataTypes';
import { parseExpr } from './expressions';
import { parseOrderByItems } from './functions';
import type { Parser } from './parserBase';

type Ex = ExprNode;

const JSON_BEHAVIOURS = ['NULL', 'ERROR', 'TRUE', 'FALSE', 'UNKNOWN', 'EMPTY', 'ABSENT', 'DEFAULT'];

/** The argument soup of the JSON functions: values, KEY/VALUE pairs, RETURNING, wrappers, ON EMPTY/ERROR/NULL. */
export function parseJsonArgs(p: Parser, args: Ex[]): void {
  if (p.isOp(')')) return;
  for (;;) {
    if (!jsonClause(p)) {
      // KEY is optional and non-reserved: in `KEY VALUE v` it is the key itself
      if (p.isKw('KEY') && !p.isKw('VALUE', 1) && !p.isOp(':', 1) && !p.isOp(',', 1) && !p.isOp(')', 1)) p.advance();
      args.push(parseExpr(p));
      if (p.acceptKw('VALUE') || p.acceptOp(':')) args.push(parseExpr(p));
      if (p.acceptKw('FORMAT')) p.expectKw('JSON');
    }
    while (jsonClause(p)) {
      /* consume clauses */
    }
    if (p.acceptKws('ORDER', 'BY')) parseOrderByItems(p);
    while (jsonClause(p)) {
      /* consume clauses */
    }
    if (!p.acceptOp(',')) return;
  }
}

export function jsonClause(p: Parser, onNull = true): boolean {
  if (p.isKw('RETURNING')) {
    p.advance();
    parseDataType(p);
    return true;
  }
  if ((p.isKw('WITH') || p.isKw('WITHOUT')) && !p.isOp('(', 1)) {
    p.advance();
    p.acceptOneOf('CONDITIONAL', 'UNCONDITIONAL');
    p.acceptKw('ARRAY');
    p.expectKw('WRAPPER');
    return true;
  }
  const t = p.tok;
  if (t.type === 'word' && JSON_BEHAVIOURS.includes(t.upper)) {
    // only a clause when followed (eventually) by ON
    let k = 1;
    if (t.upper === 'EMPTY' && (p.isKw('ARRAY', 1) || p.isKw('OBJECT', 1))) k = 2;
    if (t.upper === 'DEFAULT') {
      p.advance();
      parseExpr(p);
      p.expectKw('ON');
      if (onNull) p.expectOneOf('EMPTY', 'ERROR', 'NULL');
      else p.expectOneOf('EMPTY', 'ERROR');
      return true;
    }
    if (!p.isKw('ON', k)) return false;
    for (let i = 0; i <= k; i++) p.advance();
    if (onNull) p.expectOneOf('EMPTY', 'ERROR', 'NULL');
    else p.expectOneOf('EMPTY', 'ERROR');
    return true;
  }
  return false;
}
