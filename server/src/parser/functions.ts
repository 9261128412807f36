// Function calls: ordinary calls with DISTINCT / named args / TABLE, MODEL, DESCRIPTOR args, the
// FILTER / WITHIN GROUP / OVER suffixes, window specs, and built-ins with special syntax
// (CAST, EXTRACT, TRIM, POSITION, SUBSTRING, OVERLAY, FLOOR/CEIL, TIMESTAMPADD, JSON_*).
import type { ExprNode } from './ast';
import { isTimeUnit, parseDataType, timeUnit } from './dataTypes';
import { parseExpr } from './expressions';
import { jsonClause, parseJsonArgs } from './jsonFunctions';
import type { Identifier } from './index';
import type { Parser } from './parserBase';
import { isQueryStart, parseQuery } from './queries';

type Ex = ExprNode;

/** Reserved words that may still be called as functions (Calcite's ReservedFunctionName and friends). */
export const CALLABLE_RESERVED = new Set(
  `ABS AVG CARDINALITY CEILING CHAR CHAR_LENGTH CHARACTER_LENGTH COALESCE COLLECT COVAR_POP COVAR_SAMP CUME_DIST COUNT
  CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP DENSE_RANK ELEMENT EVERY EXP FIRST_VALUE FUSION INTERSECTION GROUPING HOUR
  LAG LEAD LEFT LAST_VALUE LN LOCALTIME LOCALTIMESTAMP LOWER MAX MIN MINUTE MOD MONTH NTH_VALUE NTILE NULLIF OCTET_LENGTH
  PERCENTILE_CONT PERCENTILE_DISC PERCENT_RANK POWER RANK REGR_COUNT REGR_SXX REGR_SYY RIGHT ROW_NUMBER SECOND SOME SQRT
  STDDEV_POP STDDEV_SAMP SUM UPPER TRUNCATE USER VAR_POP VAR_SAMP YEAR CURRENT_CATALOG CURRENT_SCHEMA CURRENT_PATH
  CURRENT_ROLE CURRENT_USER SESSION_USER SYSTEM_USER CLASSIFIER MATCH_NUMBER PREV NEXT RUNNING FINAL FIRST LAST DAY
  CORR REGR_AVGX REGR_AVGY REGR_INTERCEPT REGR_R2 REGR_SLOPE REGR_SXY HASH ARRAY_AGG ARRAY_CONCAT_AGG GROUP_CONCAT
  STRING_AGG NORMALIZE LOWER UPPER ABS MODE`.split(/\s+/).filter(Boolean),
);

/** Aggregates whose argument list takes `RESPECT|IGNORE NULLS` and `ORDER BY` (Calcite). */
const ORDERED_AGGREGATES = new Set(['ARRAY_AGG', 'ARRAY_CONCAT_AGG', 'GROUP_CONCAT', 'STRING_AGG']);

export const CONTEXT_VARIABLES = new Set(
  `CURRENT_CATALOG CURRENT_DATE CURRENT_DEFAULT_TRANSFORM_GROUP CURRENT_PATH CURRENT_ROLE CURRENT_SCHEMA CURRENT_TIME
  CURRENT_TIMESTAMP CURRENT_USER LOCALTIME LOCALTIMESTAMP SESSION_USER SYSTEM_USER USER`.split(/\s+/).filter(Boolean),
);

export const SPECIAL_FUNCTIONS = new Set([
  'CAST', 'TRY_CAST', 'SAFE_CAST', 'EXTRACT', 'POSITION', 'TRIM', 'SUBSTRING', 'OVERLAY', 'FLOOR', 'CEIL', 'CEILING',
  'TIMESTAMPADD', 'TIMESTAMPDIFF', 'CONVERT', 'TRANSLATE', 'EXISTS', 'UNIQUE', 'ROW', 'ARRAY', 'MAP', 'MULTISET',
  'JSON_VALUE', 'JSON_QUERY', 'JSON_EXISTS', 'JSON_OBJECT', 'JSON_OBJECTAGG', 'JSON_ARRAY', 'JSON_ARRAYAGG',
]);

function call(name: string, args: Ex[], start: number, p: Parser, extra: Record<string, unknown> = {}): Ex {
  return { kind: 'call', name, args, start, end: p.lastEnd, ...extra };
}

/** Called with the cursor on `(` after a function name (an identifier node). */
export function parseCallAfterName(p: Parser, nameNode: Ex): Ex {
  p.expectOp('(');
  const args: Ex[] = [];
  let quantifier: string | undefined;
  let orderBy: Ex[] | undefined;
  const agg = ORDERED_AGGREGATES.has(describeName(nameNode).toUpperCase());
  if (!p.isOp(')') || agg) {
    quantifier = p.acceptOneOf('DISTINCT', 'ALL');
    if (p.isOp('*')) {
      const s = p.advance();
      args.push({ kind: 'star', start: s.start, end: s.end });
    } else {
      do {
        args.push(parseArgument(p, true, args.length === 0));
        if (agg && p.acceptOneOf('RESPECT', 'IGNORE')) p.expectKw('NULLS');
      } while (p.acceptOp(','));
      if (agg && p.acceptKw('ORDER')) {
        p.expectKw('BY');
        orderBy = parseOrderByItems(p);
      }
    }
  }
  p.expectOp(')');
  const node = call(describeName(nameNode), args, nameNode.start, p, { callee: nameNode, quantifier, orderBy });
  return parseCallSuffix(p, node);
}

function describeName(n: Ex): string {
  const parts = n.parts as { value: string }[] | undefined;
  if (parts) return parts.map((x) => x.value).join('.');
  return String((n.field as { value?: string } | undefined)?.value ?? '');
}

function parseArgument(p: Parser, named: boolean, first: boolean): Ex {
  const t = p.tok;
  // named argument: name => value
  if (named && p.isIdent() && p.isOp('=>', 1)) {
    const name = p.ident();
    p.advance();
    const value = parseArgument(p, false, true);
    return { kind: 'namedArg', name, value, start: t.start, end: value.end };
  }
  if (p.isKw('TABLE') && !p.isOp('(', 1)) {
    p.advance();
    const name = p.qualifiedName();
    let partitionBy: Ex[] | undefined;
    let orderBy: Ex[] | undefined;
    if (p.acceptKws('PARTITION', 'BY')) partitionBy = parseExprListMaybeParen(p);
    if (p.acceptKws('ORDER', 'BY')) orderBy = parseOrderByItems(p);
    return { kind: 'tableArg', name, partitionBy, orderBy, start: t.start, end: p.lastEnd };
  }
  if (p.isKw('DESCRIPTOR') && p.isOp('(', 1)) {
    // Calcite parses DESCRIPTOR like a call (any expressions); the column names are what matters here
    p.advance();
    p.advance();
    const args: Ex[] = [];
    if (!p.isOp(')')) {
      do args.push(parseExpr(p));
      while (p.acceptOp(','));
    }
    p.expectOp(')');
    const columns = args.filter((a) => a.kind === 'identifier').map((a) => (a.parts as Identifier[])[(a.parts as Identifier[]).length - 1]);
    return { kind: 'descriptor', columns, args, start: t.start, end: p.lastEnd };
  }
  let arg: Ex;
  if (first && (p.isKw('SELECT') || p.isKw('WITH') || p.isKw('VALUES'))) {
    // Calcite accepts a bare query as the first (or a named) argument: COUNT(SELECT ...), f(input => SELECT ...)
    if (p.noQuery) p.error('Query expression encountered in illegal context', t.start, t.end);
    const query = parseQuery(p);
    arg = { kind: 'subquery', query, start: t.start, end: p.lastEnd };
  } else arg = parseExpr(p);
  // a table argument may also be given without TABLE: SESSION(bids PARTITION BY item, ...)
  if (p.isKw('PARTITION') && p.isKw('BY', 1)) {
    p.advance();
    p.advance();
    const partitionBy = parseExprListMaybeParen(p);
    const orderBy = p.acceptKws('ORDER', 'BY') ? parseOrderByItems(p) : undefined;
    arg = { kind: 'tableArg', expr: arg, partitionBy, orderBy, start: t.start, end: p.lastEnd };
  }
  return arg;
}

function parseExprListMaybeParen(p: Parser): Ex[] {
  const items = [parseExpr(p)];
  while (p.isOp(',') && !(p.isIdent(1) && p.isOp('=>', 2))) {
    p.advance();
    items.push(parseExpr(p));
  }
  return items;
}

/** WITHIN GROUP / WITHIN DISTINCT / FILTER / RESPECT NULLS / OVER after a call. */
function parseCallSuffix(p: Parser, node: Ex): Ex {
  if (p.isKw('WITHIN') && p.isKw('GROUP', 1)) {
    p.advance();
    p.advance();
    p.expectOp('(');
    p.expectKws('ORDER', 'BY');
    node.withinGroup = parseOrderByItems(p);
    p.expectOp(')');
  }
  if (p.isKw('WITHIN') && p.isKw('DISTINCT', 1)) {
    p.advance();
    p.advance();
    p.expectOp('(');
    const items = [parseExpr(p)];
    while (p.acceptOp(',')) items.push(parseExpr(p));
    p.expectOp(')');
  }
  if (p.isKw('FILTER') && p.isOp('(', 1)) {
    p.advance();
    p.advance();
    p.expectKw('WHERE');
    node.filter = parseExpr(p);
    p.expectOp(')');
  }
  if ((p.isKw('RESPECT') || p.isKw('IGNORE')) && p.isKw('NULLS', 1)) {
    p.advance();
    p.advance();
  }
  if (p.acceptKw('OVER')) {
    if (p.isOp('(')) node.over = parseWindowSpec(p);
    else node.over = { kind: 'windowRef', name: p.ident() };
  }
  node.end = p.lastEnd;
  return node;
}

/** ( [name] [PARTITION BY ...] [ORDER BY ...] [ROWS|RANGE ...] ) */
export function parseWindowSpec(p: Parser): Ex {
  const start = p.expectOp('(').start;
  const spec: Ex = { kind: 'window', start, end: start };
  if (p.isIdent() && !p.isKw('PARTITION') && !p.isKw('ORDER') && !p.isKw('ROWS') && !p.isKw('RANGE')) spec.base = p.ident();
  if (p.acceptKw('PARTITION')) {
    p.expectKw('BY');
    const items = [parseExpr(p)];
    while (p.acceptOp(',')) items.push(parseExpr(p));
    spec.partitionBy = items;
  }
  if (p.acceptKw('ORDER')) {
    p.expectKw('BY');
    spec.orderBy = parseOrderByItems(p);
  }
  const frame = p.acceptOneOf('ROWS', 'RANGE');
  if (frame) {
    if (p.acceptKw('BETWEEN')) {
      windowBound(p);
      p.expectKw('AND');
      windowBound(p);
    } else {
      windowBound(p);
    }
  }
  if (p.acceptOneOf('ALLOW', 'DISALLOW')) p.expectKw('PARTIAL');
  p.expectOp(')');
  spec.end = p.lastEnd;
  return spec;
}

function windowBound(p: Parser): void {
  if (p.acceptKw('UNBOUNDED')) {
    p.expectOneOf('PRECEDING', 'FOLLOWING');
  } else if (p.acceptKw('CURRENT')) {
    p.expectKw('ROW');
  } else {
    parseExpr(p);
    p.expectOneOf('PRECEDING', 'FOLLOWING');
  }
}

/** expr [ASC|DESC] [NULLS FIRST|LAST], ... */
export function parseOrderByItems(p: Parser): Ex[] {
  const items: Ex[] = [];
  do {
    const expr = parseExpr(p);
    const dir = p.acceptOneOf('ASC', 'DESC');
    let nulls: string | undefined;
    if (p.acceptKw('NULLS')) nulls = p.expectOneOf('FIRST', 'LAST');
    items.push({ kind: 'orderItem', expr, direction: dir, nulls, start: expr.start, end: p.lastEnd });
  } while (p.acceptOp(','));
  return items;
}

export function parseSpecialFunction(p: Parser): Ex {
  const t = p.advance();
  const w = t.upper;
  const start = t.start;
  switch (w) {
    case 'ROW':
    case 'EXISTS':
    case 'UNIQUE':
      return parseGenericArgs(p, w, start);
    case 'ARRAY':
    case 'MAP':
    case 'MULTISET':
      return parseGenericArgs(p, w, start);
  }
  p.expectOp('(');
  const args: Ex[] = [];
  switch (w) {
    case 'CAST':
    case 'TRY_CAST':
    case 'SAFE_CAST': {
      args.push(parseExpr(p));
      p.expectKw('AS');
      const type = parseDataType(p);
      p.expectOp(')');
      return call(w, args, start, p, { type });
    }
    case 'EXTRACT':
      timeUnit(p);
      p.expectKw('FROM');
      args.push(parseExpr(p));
      break;
    case 'POSITION':
      args.push(parseExpr(p));
      if (p.acceptKw('IN')) {
        args.push(parseExpr(p));
        if (p.acceptKw('FROM')) args.push(parseExpr(p));
      } else while (p.acceptOp(',')) args.push(parseExpr(p));
      break;
    case 'TRIM':
      if (p.isOp(')')) break;
      p.acceptOneOf('BOTH', 'LEADING', 'TRAILING');
      if (!p.isKw('FROM')) args.push(parseExpr(p));
      if (p.acceptKw('FROM')) args.push(parseExpr(p));
      break;
    case 'SUBSTRING':
    case 'OVERLAY':
      args.push(parseExpr(p));
      if (w === 'OVERLAY' && p.acceptKw('PLACING')) args.push(parseExpr(p));
      if (p.acceptKw('FROM')) {
        args.push(parseExpr(p));
        if (p.acceptKw('FOR')) args.push(parseExpr(p));
      } else while (p.acceptOp(',')) args.push(parseExpr(p));
      break;
    case 'FLOOR':
    case 'CEIL':
    case 'CEILING':
      args.push(parseExpr(p));
      if (p.acceptKw('TO')) timeUnit(p);
      break;
    case 'TIMESTAMPADD':
    case 'TIMESTAMPDIFF':
      if (isTimeUnit(p)) p.advance();
      else args.push(parseExpr(p));
      while (p.acceptOp(',')) args.push(parseExpr(p));
      break;
    case 'CONVERT':
    case 'TRANSLATE':
      args.push(parseExpr(p));
      if (p.acceptKw('USING')) p.qualifiedName();
      else while (p.acceptOp(',')) args.push(isTimeUnit(p) ? parseExpr(p) : parseExpr(p));
      break;
    case 'JSON_VALUE':
    case 'JSON_QUERY':
    case 'JSON_EXISTS':
      args.push(parseExpr(p));
      if (p.acceptKw('FORMAT')) p.expectKw('JSON');
      p.expectOp(',');
      args.push(parseExpr(p));
      while (jsonClause(p, false)) {
        /* RETURNING, wrappers, ON EMPTY / ON ERROR */
      }
      break;
    default:
      parseJsonArgs(p, args);
      break;
  }
  p.expectOp(')');
  return parseCallSuffix(p, call(w, args, start, p));
}

/** ROW(...), EXISTS(query), ARRAY[...], ARRAY(query), MAP[...], MULTISET[...] */
function parseGenericArgs(p: Parser, w: string, start: number): Ex {
  if (w === 'MAP' && p.isOp('(') && !isQueryStart(p, 1)) {
    // MAP is not reserved: MAP(...) without a subquery is an ordinary function call
    const name = p.tokens[p.pos - 1];
    return parseCallAfterName(p, { kind: 'identifier', parts: [{ start: name.start, end: name.end, value: name.text, quoted: false }], start, end: name.end });
  }
  const close = p.isOp('[') && w !== 'ROW' && w !== 'EXISTS' && w !== 'UNIQUE' ? ']' : ')';
  if (close === ')' && w !== 'ROW' && isQueryStart(p, 1)) {
    p.advance();
    if (p.noQuery) p.error('Query expression encountered in illegal context', start, p.tok.end);
    const query = parseQuery(p);
    p.expectOp(')');
    return call(w, [], start, p, { query });
  }
  p.expectOp(close === ']' ? '[' : '(');
  const args: Ex[] = [];
  if (!p.isOp(close)) {
    do args.push(parseExpr(p));
    while (p.acceptOp(','));
  }
  p.expectOp(close);
  return call(w, args, start, p, { isConstructor: true });
}
