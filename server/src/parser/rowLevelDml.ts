// Row-level DML that Flink runs in batch mode on connectors supporting it (Calcite's SqlDelete / SqlUpdate):
//   DELETE FROM t [[AS] alias] [WHERE cond]
//   UPDATE t [[AS] alias] SET col = expr [, col = expr]* [WHERE cond]
import { parseExpr } from './expressions';
import type { StatementNode } from './index';
import type { Parser } from './parserBase';
import { parseHints } from './queries';

function targetWithAlias(p: Parser, node: StatementNode): void {
  node.name = p.qualifiedName(false);
  if (p.tok.type === 'hintStart') node.targetHints = parseHints(p);
  if (p.acceptKw('AS')) node.alias = p.ident();
  else if (p.isIdent() && !p.isKw('SET')) node.alias = p.ident();
}

export function parseDelete(p: Parser): StatementNode {
  const start = p.expectKw('DELETE').start;
  p.expectKw('FROM');
  const node: StatementNode = { kind: 'delete', start, end: start };
  p.partial = node;
  targetWithAlias(p, node);
  if (p.acceptKw('WHERE')) node.where = parseExpr(p);
  node.end = p.lastEnd;
  return node;
}

export function parseUpdate(p: Parser): StatementNode {
  const start = p.expectKw('UPDATE').start;
  const node: StatementNode = { kind: 'update', start, end: start };
  p.partial = node;
  targetWithAlias(p, node);
  p.expectKw('SET');
  const assignments: { column: unknown; value: unknown }[] = [];
  node.assignments = assignments;
  do {
    const column = p.ident();
    p.expectOp('=');
    assignments.push({ column, value: parseExpr(p) });
  } while (p.acceptOp(','));
  if (p.acceptKw('WHERE')) node.where = parseExpr(p);
  node.end = p.lastEnd;
  return node;
}
