// FROM clause: table references (hints, FOR SYSTEM_TIME AS OF, aliases), joins and APPLY, subqueries,
// LATERAL TABLE(...), TABLE(...), table functions, UNNEST, and MATCH_RECOGNIZE.
import type { DerivedTableNode, ExprNode, FromItem, JoinNode, TableRefNode } from './ast';
import { parseExpr, parsePrimary } from './expressions';
import { parseOrderByItems } from './functions';
import type { Identifier } from './index';
import type { Parser } from './parserBase';
import { isQueryStart, parseHints, parseQuery } from './queries';

/** Appends to `items` as it goes, so a FROM clause that breaks half-way keeps what came before. */
export function parseFromList(p: Parser, items: FromItem[] = []): FromItem[] {
  do {
    const index = items.length;
    parseJoined(p, (item) => (items[index] = item));
  } while (p.acceptOp(','));
  return items;
}

function parseJoined(p: Parser, publish?: (item: FromItem) => void): FromItem {
  let left = parseTableRef(p);
  publish?.(left);
  for (;;) {
    const start = p.pos;
    let joinType: string | undefined;
    const natural = !!p.acceptKw('NATURAL');
    if (p.acceptKw('JOIN')) joinType = 'INNER';
    else if (p.acceptKw('INNER')) { p.expectKw('JOIN'); joinType = 'INNER'; }
    else if (p.isKw('LEFT') || p.isKw('RIGHT') || p.isKw('FULL')) {
      joinType = p.advance().upper;
      p.acceptKw('OUTER');
      p.expectKw('JOIN');
    } else if (p.acceptKw('CROSS')) {
      joinType = p.expectOneOf('JOIN', 'APPLY') === 'JOIN' ? 'CROSS' : 'CROSS APPLY';
    } else if (p.isKw('OUTER') && p.isKw('APPLY', 1)) {
      p.advance();
      p.advance();
      joinType = 'OUTER APPLY';
    }
    if (!joinType) {
      if (natural) p.fail();
      p.pos = start;
      return left;
    }
    const right = parseTableRef(p);
    const join: JoinNode = { kind: 'join', joinType: (natural ? 'NATURAL ' : '') + joinType, left, right, start: left.start, end: right.end };
    if (joinType !== 'CROSS' && !joinType.includes('APPLY') && !natural) {
      if (p.acceptKw('ON')) join.on = parseExpr(p);
      else if (p.acceptKw('USING')) join.using = p.identList();
      else {
        // Calcite's parser leaves the missing condition to the validator; flag it without failing the parse
        p.note('"ON"');
        p.note('"USING"');
        p.warn('A JOIN needs a condition: add ON <condition> or USING (<columns>).', right.start, right.end);
      }
    }
    join.end = p.lastEnd;
    left = join;
    publish?.(left);
  }
}

function parseTableRef(p: Parser): FromItem {
  p.enter();
  try {
    let item = parseTablePrimary(p);
    if (p.isKw('MATCH_RECOGNIZE')) item = parseMatchRecognize(p, item);
    parseAlias(p, item);
    if (p.acceptKw('TABLESAMPLE')) parseTableSample(p);
    return item;
  } finally {
    p.leave();
  }
}

/** TABLESAMPLE BERNOULLI|SYSTEM (pct) [REPEATABLE (seed)] | TABLESAMPLE SUBSTITUTE ('name') */
function parseTableSample(p: Parser): void {
  if (p.acceptKw('SUBSTITUTE')) {
    p.expectOp('(');
    p.stringLit();
    p.expectOp(')');
    return;
  }
  p.expectOneOf('BERNOULLI', 'SYSTEM');
  p.expectOp('(');
  parseExpr(p);
  p.expectOp(')');
  if (p.acceptKw('REPEATABLE')) {
    p.expectOp('(');
    parseExpr(p);
    p.expectOp(')');
  }
}

function parseAlias(p: Parser, item: FromItem): void {
  let alias: Identifier | undefined;
  if (p.acceptKw('AS')) alias = p.ident();
  else if (p.isIdent()) alias = p.ident();
  if (!alias) return;
  (item as TableRefNode).alias = alias;
  if (p.isOp('(')) (item as TableRefNode).columnAliases = p.identList();
  item.end = p.lastEnd;
}

function parseTablePrimary(p: Parser): FromItem {
  const t = p.tok;
  const start = t.start;
  if (p.isKw('LATERAL')) {
    p.advance();
    if (p.isKw('TABLE')) return parseTableCall(p, start, true);
    if (p.isKw('UNNEST')) {
      p.requireFeature('lateralUnnest');
      return parseUnnest(p, start, true);
    }
    const open = p.expectOp('(');
    const query = parseQuery(p);
    p.expectOp(')');
    return { kind: 'subquery', query, lateral: true, start: open.start, end: p.lastEnd };
  }
  if (p.isKw('TABLE') && p.isOp('(', 1)) return parseTableCall(p, start, false);
  if (p.isKw('UNNEST')) return parseUnnest(p, start, false);
  if (p.isOp('(')) {
    p.advance();
    if (isQueryStart(p)) {
      const query = parseQuery(p);
      p.expectOp(')');
      return { kind: 'subquery', query, start, end: p.lastEnd };
    }
    const inner = parseJoined(p);
    if (inner.kind !== 'join') p.error('Expected query or join', inner.start, inner.end);
    p.expectOp(')');
    inner.start = start;
    inner.end = p.lastEnd;
    return inner;
  }
  if (!p.isIdent()) {
    p.note('"LATERAL"');
    p.note('"TABLE"');
    p.note('"UNNEST"');
    p.note('"("');
  }
  const name = p.qualifiedName(false);
  // Flink 1.20 reads `name(` as the table's extended columns (`name(col TYPE, …)`): the call fails on its
  // first argument, or after a leading identifier (`input =>`)
  if (p.isOp('(') && !p.has('tableArguments')) p.requireFeature('tableArguments', p.isIdent(1) ? p.la(2) : p.la(1));
  if (p.isOp('(')) {
    // table function called directly: FROM TUMBLE(TABLE t, ...), FROM ML_PREDICT(...)
    p.pos--;
    while (p.tok.start > start) p.pos--;
    const call = parsePrimary(p);
    return { kind: 'tableFunction', call, start, end: p.lastEnd };
  }
  const ref: TableRefNode = { kind: 'tableRef', name, start, end: name.end };
  if (p.tok.type === 'hintStart') ref.hints = parseHints(p);
  if (p.isKw('FOR') && p.isKw('SYSTEM_TIME', 1)) {
    p.advance();
    p.advance();
    p.expectKws('AS', 'OF');
    ref.systemTime = parseExpr(p);
  }
  ref.end = p.lastEnd;
  return ref;
}

function parseTableCall(p: Parser, start: number, lateral: boolean): DerivedTableNode {
  p.expectKw('TABLE');
  p.expectOp('(');
  if (!p.isIdent() && p.tok.type !== 'word') {
    p.note('<IDENTIFIER>');
    p.fail();
  }
  const call = parseExpr(p);
  if (call.kind !== 'call' || call.isConstructor) p.error('A table function call is required inside TABLE(...)', call.start, call.end);
  p.expectOp(')');
  return { kind: 'tableFunction', call, lateral, start, end: p.lastEnd };
}

function parseUnnest(p: Parser, start: number, lateral: boolean): DerivedTableNode {
  p.expectKw('UNNEST');
  p.expectOp('(');
  const args = [parseExpr(p)];
  while (p.acceptOp(',')) args.push(parseExpr(p));
  p.expectOp(')');
  if (p.acceptKw('WITH')) p.expectKw('ORDINALITY');
  const call: ExprNode = { kind: 'call', name: 'UNNEST', args, start, end: p.lastEnd };
  return { kind: 'unnest', call, lateral, start, end: p.lastEnd };
}

function parseMatchRecognize(p: Parser, input: FromItem): DerivedTableNode {
  p.expectKw('MATCH_RECOGNIZE');
  p.expectOp('(');
  if (p.acceptKw('PARTITION')) {
    p.expectKw('BY');
    do parseExpr(p);
    while (p.acceptOp(','));
  }
  if (p.acceptKw('ORDER')) {
    p.expectKw('BY');
    parseOrderByItems(p);
  }
  if (p.acceptKw('MEASURES')) {
    do {
      if ((p.isKw('FINAL') || p.isKw('RUNNING')) && !p.isOp('(', 1)) p.advance();
      parseExpr(p);
      p.expectKw('AS');
      p.ident();
    } while (p.acceptOp(','));
  }
  if (p.acceptKw('ONE')) p.expectKws('ROW', 'PER', 'MATCH');
  else if (p.acceptKw('ALL')) {
    p.expectKws('ROWS', 'PER', 'MATCH');
    if (p.acceptKw('SHOW') || p.acceptKw('OMIT')) p.expectKws('EMPTY', 'MATCHES');
    else if (p.acceptKw('WITH')) p.expectKws('UNMATCHED', 'ROWS');
  }
  if (p.acceptKw('AFTER')) {
    p.expectKws('MATCH', 'SKIP');
    if (p.acceptKw('PAST')) p.expectKws('LAST', 'ROW');
    else {
      p.expectKw('TO');
      if (p.acceptKw('NEXT')) p.expectKw('ROW');
      else {
        // FIRST / LAST are non-reserved: `TO LAST` alone names a variable called LAST
        if ((p.isKw('FIRST') || p.isKw('LAST')) && p.isIdent(1)) p.advance();
        p.ident();
      }
    }
  }
  p.expectKw('PATTERN');
  p.expectOp('(');
  parsePattern(p);
  p.expectOp(')');
  if (p.acceptKw('WITHIN')) parseExpr(p);
  if (p.acceptKw('SUBSET')) {
    do {
      p.ident();
      p.expectOp('=');
      p.identList();
    } while (p.acceptOp(','));
  }
  p.expectKw('DEFINE');
  do {
    p.ident();
    p.expectKw('AS');
    parseExpr(p);
  } while (p.acceptOp(','));
  p.expectOp(')');
  return { kind: 'matchRecognize', input, start: input.start, end: p.lastEnd };
}

function parsePattern(p: Parser): void {
  p.enter();
  try {
    do {
      let any = false;
      while (parsePatternFactor(p)) any = true;
      if (!any) p.fail();
    } while (p.acceptOp('|'));
  } finally {
    p.leave();
  }
}

function parsePatternFactor(p: Parser): boolean {
  if (p.isOp('(')) {
    p.advance();
    if (!p.isOp(')')) parsePattern(p);
    p.expectOp(')');
  } else if (p.isOp('{') && p.isOp('-', 1)) {
    p.advance();
    p.advance();
    parsePattern(p);
    p.expectOp('-');
    p.expectOp('}');
  } else if (p.isKw('PERMUTE')) {
    p.advance();
    p.expectOp('(');
    do parsePattern(p);
    while (p.acceptOp(','));
    p.expectOp(')');
  } else if (p.isOp('^') || p.isOp('$')) {
    p.advance();
  } else if (p.isIdent()) {
    p.advance();
  } else {
    p.note('<IDENTIFIER>');
    return false;
  }
  // quantifier
  if (p.isOp('*') || p.isOp('+') || p.isOp('?')) p.advance();
  else if (p.isOp('{') && !p.isOp('-', 1)) {
    p.advance();
    if (p.tok.type === 'number') p.advance();
    if (p.acceptOp(',') && p.tok.type === 'number') p.advance();
    p.expectOp('}');
  } else return true;
  if (p.isOp('?')) p.advance();
  return true;
}
