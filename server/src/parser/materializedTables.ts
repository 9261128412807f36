// CREATE [OR ALTER] MATERIALIZED TABLE (schema, START_MODE, FRESHNESS, REFRESH_MODE, AS query) and
// ALTER MATERIALIZED TABLE (SUSPEND, RESUME, REFRESH, SET/RESET, AS, schema and distribution changes).
import type { ExprNode } from './ast';
import { parseIntervalQualifier } from './dataTypes';
import { parseSchemaChange } from './ddlTables';
import { parseExpr } from './expressions';
import type { StatementNode } from './index';
import type { Parser } from './parserBase';
import { parseQuery } from './queries';
import { parseKeyList, parseOptions, parsePartitionSpec, parseSchema, parseTableClauses } from './tableSchema';

const FRESHNESS_MSG = 'MATERIALIZED TABLE only supports define interval type FRESHNESS, please refer to the materialized table document.';

/** Cursor on MATERIALIZED. */
export function parseCreateMaterializedTable(p: Parser, start: number, orAlter: boolean): StatementNode {
  p.expectKw('MATERIALIZED');
  p.expectKw('TABLE');
  const node: StatementNode = { kind: 'createMaterializedTable', orAlter, start, end: start };
  p.partial = node;
  if (p.acceptKws('IF', 'NOT', 'EXISTS')) node.ifNotExists = true;
  node.name = p.qualifiedName();
  if (p.isOp('(')) {
    const schema = parseSchema(p, { allowUntyped: true });
    Object.assign(node, { columns: schema.columns, constraints: schema.constraints, watermark: schema.watermark });
  }
  if (p.isKw('DISTRIBUTED')) p.requireFeature('materializedTableDistribution');
  parseTableClauses(p, node);
  if (p.isKw('START_MODE')) p.requireFeature('materializedTableStartMode');
  if (p.acceptKw('START_MODE')) {
    p.expectOp('=');
    node.startMode = parseStartMode(p);
  }
  if (!p.isKw('FRESHNESS')) p.requireFeature('materializedTableWithoutFreshness');
  if (p.acceptKw('FRESHNESS')) {
    p.expectOp('=');
    node.freshness = parseFreshness(p);
  }
  if (p.acceptKw('REFRESH_MODE')) {
    p.expectOp('=');
    node.refreshMode = p.expectOneOf('FULL', 'CONTINUOUS');
  }
  p.expectKw('AS');
  parseQuery(p, (q) => (node.query = q));
  node.end = p.lastEnd;
  return node;
}

function parseStartMode(p: Parser): string {
  const mode = p.expectOneOf(
    'FROM_BEGINNING', 'FROM_NOW', 'FROM_TIMESTAMP', 'RESUME_OR_FROM_BEGINNING', 'RESUME_OR_FROM_NOW', 'RESUME_OR_FROM_TIMESTAMP',
  );
  if (mode.endsWith('FROM_NOW')) {
    if (p.acceptOp('(')) {
      if (!p.isKw('INTERVAL')) {
        const t = p.tok.type === 'word' && p.isString(1) ? p.la(1) : p.tok;
        p.error('START_MODE literal must be an interval for FROM_NOW and RESUME_OR_FROM_NOW modes.', t.start, t.end);
      }
      parseIntervalLiteral(p);
      p.expectOp(')');
    }
  } else if (mode.endsWith('FROM_TIMESTAMP')) {
    p.expectOp('(');
    const ts = p.expectKw('TIMESTAMP');
    if (p.acceptKw('WITH')) p.expectKws('LOCAL', 'TIME', 'ZONE');
    const lit = p.rawString();
    if (!/^\d{1,4}-\d{1,2}-\d{1,2}( \d{1,2}:\d{1,2}:\d{1,2}(\.\d*)?)?$/.test(lit.value)) {
      p.error(`Illegal TIMESTAMP literal '${lit.value}': not in format 'yyyy-MM-dd HH:mm:ss'`, ts.start, lit.end);
    }
    p.expectOp(')');
  }
  return mode;
}

/** INTERVAL [+|-] 'literal' qualifier — a literal, not an expression. */
function parseIntervalLiteral(p: Parser): void {
  p.expectKw('INTERVAL');
  if (!p.acceptOp('-')) p.acceptOp('+');
  p.rawString();
  parseIntervalQualifier(p);
}

function parseFreshness(p: Parser): ExprNode {
  const t = p.tok;
  if (!p.isKw('INTERVAL')) {
    const e = parseExpr(p);
    p.error(FRESHNESS_MSG, t.start, e.end);
  }
  const e = parseExpr(p);
  const value = e.value as ExprNode | undefined;
  if (e.kind !== 'interval' || !value || value.kind !== 'literal' || value.type !== 'string') {
    const at = p.tokens[p.pos - 1];
    p.error(FRESHNESS_MSG, at.start, at.end);
  }
  return e;
}

/** Cursor after ALTER MATERIALIZED. */
export function parseAlterMaterializedTable(p: Parser, start: number): StatementNode {
  p.expectKw('TABLE');
  const node: StatementNode = { kind: 'alterMaterializedTable', start, end: start };
  p.partial = node;
  node.name = p.qualifiedName();
  if (p.isKw('AS')) p.requireFeature('alterMaterializedTableAs');
  const verb = p.acceptOneOf('SUSPEND', 'RESUME', 'REFRESH', 'SET', 'RESET', 'AS');
  if (!verb && (p.isKw('ADD') || p.isKw('MODIFY') || p.isKw('DROP'))) {
    p.requireFeature(p.isKw('DISTRIBUTION', 1) ? 'alterMaterializedTableDistribution' : 'alterMaterializedTableSchema');
    parseSchemaChange(p, node);
    node.end = p.lastEnd;
    return node;
  }
  if (!verb) {
    for (const k of ['ADD', 'DROP', 'MODIFY']) p.note(`"${k}"`);
    p.fail();
  }
  node.action = verb.toLowerCase();
  switch (verb) {
    case 'RESUME':
      if (p.acceptKw('WITH')) node.options = parseOptions(p);
      break;
    case 'REFRESH':
      if (p.acceptKw('PARTITION')) node.partition = parsePartitionSpec(p);
      break;
    case 'SET':
      if (p.acceptKw('FRESHNESS')) {
        p.expectOp('=');
        node.freshness = parseFreshness(p);
      } else if (p.acceptKw('REFRESH_MODE')) {
        p.expectOp('=');
        node.refreshMode = p.expectOneOf('FULL', 'CONTINUOUS');
      } else {
        node.options = parseOptions(p);
      }
      break;
    case 'RESET':
      node.keys = parseKeyList(p);
      break;
    case 'AS':
      parseQuery(p, (q) => (node.query = q));
      break;
  }
  node.end = p.lastEnd;
  return node;
}
