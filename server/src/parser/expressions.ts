// Expression grammar: operator precedence (OR < AND < NOT < predicates < + - || < * / % < unary < postfix),
// predicates (IS, BETWEEN, LIKE, IN, ...), literals and primaries. Function-call forms live in functions.ts.
import type { ExprNode } from './ast';
import { parseDataType, parseIntervalQualifier } from './dataTypes';
import { parseCallAfterName, parseSpecialFunction, SPECIAL_FUNCTIONS, CALLABLE_RESERVED, CONTEXT_VARIABLES } from './functions';
import type { Parser } from './parserBase';
import { parsePredicate } from './predicates';
import { isQueryStart, parseQuery } from './queries';

type Ex = ExprNode;

export function bin(op: string, left: Ex, right: Ex): Ex {
  return { kind: 'binary', op, left, right, start: left.start, end: right.end };
}

export function parseExpr(p: Parser): Ex {
  p.enter();
  try {
    return parseOr(p);
  } finally {
    p.leave();
  }
}

function parseOr(p: Parser): Ex {
  let e = parseAnd(p);
  while (p.acceptKw('OR')) e = bin('OR', e, parseAnd(p));
  return e;
}

function parseAnd(p: Parser): Ex {
  let e = parseNot(p);
  while (p.acceptKw('AND')) e = bin('AND', e, parseNot(p));
  return e;
}

function parseNot(p: Parser): Ex {
  const t = p.tok;
  if (p.acceptKw('NOT')) {
    p.enter();
    try {
      const operand = parseNot(p);
      return { kind: 'unary', op: 'NOT', operand, start: t.start, end: operand.end };
    } finally {
      p.leave();
    }
  }
  return parsePredicate(p);
}

const COLLECTION_CTORS = new Set(['ARRAY', 'MAP', 'MULTISET']);

export function parseQueryChecked(p: Parser, at: number) {
  if (p.noQuery) p.error('Query expression encountered in illegal context', at, at + 1);
  return parseQuery(p);
}

export function parseAdditive(p: Parser): Ex {
  let e = parseMultiplicative(p);
  for (;;) {
    const t = p.tok;
    if (t.type === 'op' && (t.text === '+' || t.text === '-' || t.text === '||')) {
      p.advance();
      e = bin(t.text, e, parseMultiplicative(p));
      continue;
    }
    return e;
  }
}

function parseMultiplicative(p: Parser): Ex {
  let e = parseUnary(p);
  for (;;) {
    const t = p.tok;
    if (t.type === 'op' && (t.text === '*' || t.text === '/' || t.text === '%')) {
      p.advance();
      e = bin(t.text, e, parseUnary(p));
      continue;
    }
    return e;
  }
}

function parseUnary(p: Parser): Ex {
  const t = p.tok;
  if (p.isKw('NOT')) {
    // Calcite reads prefix NOT at operand level too: a = NOT b
    p.advance();
    p.enter();
    try {
      const operand = parseUnary(p);
      return { kind: 'unary', op: 'NOT', operand, start: t.start, end: operand.end };
    } finally {
      p.leave();
    }
  }
  if (t.type === 'op' && (t.text === '+' || t.text === '-')) {
    p.advance();
    p.enter();
    try {
      const operand = parseUnary(p);
      return { kind: 'unary', op: t.text, operand, start: t.start, end: operand.end };
    } finally {
      p.leave();
    }
  }
  return parsePostfix(p);
}

function parsePostfixOperand(p: Parser): Ex {
  return parsePostfix(p);
}

function parsePostfix(p: Parser): Ex {
  let e = parsePrimary(p);
  for (;;) {
    if (p.isOp('[')) {
      p.advance();
      const index = parseExpr(p);
      p.expectOp(']');
      e = { kind: 'item', operand: e, index, start: e.start, end: p.lastEnd };
      continue;
    }
    if (p.isOp('.') && e.kind !== 'identifier') {
      p.advance();
      if (p.isOp('*')) {
        p.advance();
        e = { kind: 'fieldStar', operand: e, start: e.start, end: p.lastEnd };
        return e;
      }
      const field = p.ident();
      e = { kind: 'field', operand: e, field, start: e.start, end: field.end };
      continue;
    }
    return e;
  }
}

function literal(p: Parser, type: string, extra: Record<string, unknown> = {}): Ex {
  const t = p.advance();
  return { kind: 'literal', type, text: t.text, value: t.value, start: t.start, end: t.end, ...extra };
}

export function parsePrimary(p: Parser): Ex {
  const t = p.tok;
  switch (t.type) {
    case 'number':
      return literal(p, 'number');
    case 'string':
    case 'ustring': {
      const s = p.stringLit();
      return { kind: 'literal', type: 'string', text: p.text.slice(s.start, s.end), value: s.value, start: s.start, end: s.end };
    }
    case 'binary': {
      if (!/^[0-9a-fA-F]*$/.test(t.value ?? '')) p.error("Binary literal string must contain only characters '0' - '9', 'A' - 'F'", t.start, t.end);
      const b = literal(p, 'binary');
      while (p.tok.type === 'string' && p.tok.text.charCodeAt(0) === 39) {
        const f = p.advance();
        if (!/^[0-9a-fA-F]*$/.test(f.value ?? '')) p.error("Binary literal string must contain only characters '0' - '9', 'A' - 'F'", f.start, f.end);
        b.end = f.end;
      }
      return b;
    }
    case 'op':
      if (t.text === '(') return parseParenthesized(p);
      if (t.text === '?') return literal(p, 'parameter');
      if (t.text === '{' && p.isKw('FN', 1)) {
        // JDBC escape: {fn NAME(args)}
        p.advance();
        p.advance();
        const call = parseIdentifierOrCall(p);
        if (call.kind !== 'call') p.fail();
        p.expectOp('}');
        return { ...call, start: t.start, end: p.lastEnd };
      }
      break;
    case 'word':
      return parseWordPrimary(p);
    case 'quoted':
    case 'dquoted':
      return parseIdentifierOrCall(p);
    default:
      break;
  }
  noteExpressionStart(p);
  p.fail();
}

function noteExpressionStart(p: Parser): void {
  for (const l of ['<IDENTIFIER>', '<QUOTED_STRING>', '<UNSIGNED_INTEGER_LITERAL>', '"("', '"CASE"', '"CAST"', '"NULL"', '"TRUE"']) p.note(l);
}

/** Calcite's Literal(): signed numbers, strings, booleans, NULL, typed date/time literals and intervals. */
export function parseLiteral(p: Parser): Ex {
  const t = p.tok;
  if (p.isOp('-') || p.isOp('+')) {
    if (p.la(1).type === 'number') {
      p.advance();
      const n = literal(p, 'number');
      return { ...n, text: t.text + String(n.text), start: t.start };
    }
  }
  if (t.type === 'number' || t.type === 'string' || t.type === 'ustring' || t.type === 'binary') return parsePrimary(p);
  if (t.type === 'word' && ['TRUE', 'FALSE', 'UNKNOWN', 'NULL', 'DATE', 'TIME', 'TIMESTAMP', 'INTERVAL'].includes(t.upper)) {
    const e = parseWordPrimary(p);
    if (e.kind === 'literal' || e.kind === 'interval') return e;
    p.error(`Encountered "${t.text}": a literal is required here`, t.start, t.end);
  }
  for (const l of ['<UNSIGNED_INTEGER_LITERAL>', '<QUOTED_STRING>', '"TRUE"', '"FALSE"', '"NULL"', '"DATE"', '"TIMESTAMP"', '"INTERVAL"', '"-"']) p.note(l);
  p.fail();
}

function parseParenthesized(p: Parser): Ex {
  const open = p.advance();
  let first: Ex;
  if (isQueryStart(p)) {
    const query = parseQueryChecked(p, open.start);
    first = { kind: 'subquery', query, start: open.start, end: p.lastEnd };
    // Calcite also reads a row whose first member is a query: (TABLE t, MODEL m)
    if (!p.isOp(',')) {
      p.expectOp(')');
      first.end = p.lastEnd;
      return first;
    }
  } else first = parseExpr(p);
  const items = [first];
  while (p.acceptOp(',')) items.push(parseExpr(p));
  p.expectOp(')');
  if (items.length === 1) return { kind: 'paren', expr: items[0], start: open.start, end: p.lastEnd };
  return { kind: 'row', items, implicit: true, start: open.start, end: p.lastEnd };
}

function parseWordPrimary(p: Parser): Ex {
  const t = p.tok;
  const w = t.upper;
  switch (w) {
    case 'TRUE':
    case 'FALSE':
    case 'UNKNOWN':
      return literal(p, 'boolean');
    case 'NULL':
      return literal(p, 'null');
    case 'DATE':
    case 'TIME':
    case 'TIMESTAMP':
      if (p.isString(1)) {
        p.advance();
        const s = p.rawString();
        return { kind: 'literal', type: w.toLowerCase(), value: s.value, start: t.start, end: s.end };
      }
      if (w === 'TIMESTAMP' && p.isKw('WITH', 1) && p.isKw('LOCAL', 2)) {
        p.advance();
        p.expectKws('WITH', 'LOCAL', 'TIME', 'ZONE');
        const s = p.rawString();
        return { kind: 'literal', type: 'timestamp_ltz', value: s.value, start: t.start, end: s.end };
      }
      break;
    case 'INTERVAL':
      return parseInterval(p);
    case 'CASE':
      return parseCase(p);
  }
  if (w === 'MODEL' && p.isIdent(1)) {
    // Flink's ExplicitModel(): `MODEL name` is an expression (argument of ML_PREDICT and friends)
    p.requireFeature('modelArguments');
    p.advance();
    const name = p.qualifiedName();
    return { kind: 'modelRef', name, start: t.start, end: p.lastEnd };
  }
  if (w === 'EXISTS' && !p.isOp('(', 1)) {
    // Calcite's prefix EXISTS also applies to a non-parenthesised operand: EXISTS EXISTS (SELECT ...)
    p.advance();
    p.enter();
    try {
      const operand = parsePostfixOperand(p);
      return { kind: 'unary', op: 'EXISTS', operand, start: t.start, end: operand.end };
    } finally {
      p.leave();
    }
  }
  if (SPECIAL_FUNCTIONS.has(w) && (p.isOp('(', 1) || (p.isOp('[', 1) && COLLECTION_CTORS.has(w)))) return parseSpecialFunction(p);
  if (CONTEXT_VARIABLES.has(w) && !p.isOp('(', 1)) {
    p.advance();
    return { kind: 'contextVariable', name: w, start: t.start, end: t.end };
  }
  if (CALLABLE_RESERVED.has(w) && p.isOp('(', 1)) {
    p.advance();
    const name = { kind: 'identifier', parts: [{ start: t.start, end: t.end, value: t.text, quoted: false }], start: t.start, end: t.end };
    return parseCallAfterName(p, name);
  }
  if (p.isIdent()) return parseIdentifierOrCall(p);
  noteExpressionStart(p);
  p.fail();
}

/** a, a.b.c, a.*, f(...), a.b.f(...) */
function parseIdentifierOrCall(p: Parser): Ex {
  const first = p.ident();
  const parts = [first];
  let star = false;
  while (p.isOp('.')) {
    if (p.isOp('*', 1)) {
      p.advance();
      p.advance();
      star = true;
      break;
    }
    p.advance();
    parts.push(p.ident());
  }
  const id: Ex = { kind: 'identifier', parts, star, start: first.start, end: p.lastEnd };
  if (!star && p.isOp('(')) return parseCallAfterName(p, id);
  return id;
}

function parseInterval(p: Parser): Ex {
  const start = p.advance().start;
  let sign = '';
  if (p.isOp('-') || p.isOp('+')) sign = p.advance().text;
  let value: Ex;
  if (p.isString()) value = literal(p, 'string');
  else if (p.tok.type === 'number') value = literal(p, 'number');
  else if (p.isOp('(')) value = parseParenthesized(p);
  else if (p.isIdent()) value = parseIdentifierOrCall(p);
  else {
    p.note('<QUOTED_STRING>');
    p.fail();
  }
  const qualifier = parseIntervalQualifier(p);
  return { kind: 'interval', sign, value, qualifier, start, end: p.lastEnd };
}

function parseCase(p: Parser): Ex {
  const start = p.advance().start;
  const operand = p.isKw('WHEN') ? undefined : parseExpr(p);
  const whens: { when: Ex[]; then: Ex }[] = [];
  p.expectKw('WHEN');
  do {
    const when = [parseExpr(p)];
    while (p.acceptOp(',')) when.push(parseExpr(p));
    p.expectKw('THEN');
    whens.push({ when, then: parseExpr(p) });
  } while (p.acceptKw('WHEN'));
  const elseExpr = p.acceptKw('ELSE') ? parseExpr(p) : undefined;
  p.expectKw('END');
  return { kind: 'case', operand, whens, else: elseExpr, start, end: p.lastEnd };
}

export { parseDataType };
