// CREATE [OR REPLACE] TABLE (plain, LIKE, CTAS), REPLACE TABLE ... AS (RTAS), ALTER TABLE and the
// schema-changing ALTER clauses shared with ALTER MATERIALIZED TABLE.
import type { CreateTableNode, ExprNode } from './ast';
import type { StatementNode } from './index';
import type { Parser } from './parserBase';
import { parseQuery } from './queries';
import {
  isConstraintStart, parseColumn, parseConstraint, parseDistribution, parseKeyList, parseOptions, parsePartitionSpec,
  parseSchema, parseTableClauses, parseWatermark,
} from './tableSchema';

/** What `LIKE t (INCLUDING|EXCLUDING|OVERWRITING …)` may name; completion offers the same list. */
export const LIKE_FEATURES = ['ALL', 'CONSTRAINTS', 'DISTRIBUTION', 'GENERATED', 'METADATA', 'OPTIONS', 'PARTITIONS', 'WATERMARKS'];

/** Cursor after CREATE [OR REPLACE] [TEMPORARY]; on TABLE. `replaceOnly` for REPLACE TABLE. */
export function parseCreateTable(p: Parser, start: number, orReplace: boolean, temporary: boolean, replaceOnly: boolean): CreateTableNode {
  p.expectKw('TABLE');
  const node = { kind: 'createTable', orReplace, replace: replaceOnly, temporary, ifNotExists: false, columns: [], constraints: [], options: [], start } as unknown as CreateTableNode;
  p.partial = node;
  if (!replaceOnly && p.acceptKws('IF', 'NOT', 'EXISTS')) node.ifNotExists = true;
  node.name = p.qualifiedName();
  let untypedAt: number | undefined;
  if (p.isOp('(')) {
    const at = p.tok.start;
    // a bare column-name list (CTAS / RTAS) is 2.1's; Flink 1.20 wants a type after each name
    const schema = parseSchema(p, { allowUntyped: p.has('ctasColumnNames') });
    Object.assign(node, { columns: schema.columns, constraints: schema.constraints, watermark: schema.watermark });
    if (schema.untyped) untypedAt = at;
  }
  parseTableClauses(p, node);
  if (!replaceOnly && p.isKw('LIKE')) {
    const likeStart = p.advance().start;
    const name = p.qualifiedName();
    const options: string[] = [];
    if (p.acceptOp('(')) {
      do {
        const how = p.expectOneOf('INCLUDING', 'EXCLUDING', 'OVERWRITING');
        options.push(how + ' ' + p.expectOneOf(...LIKE_FEATURES));
      } while (!p.isOp(')'));
      p.expectOp(')');
    }
    node.like = { name, options, start: likeStart, end: p.lastEnd };
  } else if (p.isKw('AS') || replaceOnly) {
    p.expectKw('AS');
    parseQuery(p, (q) => (node.asQuery = q));
  }
  if (untypedAt !== undefined && !node.asQuery) {
    p.error('Columns identifiers without types in the schema are supported on CTAS/RTAS statements only.', untypedAt, untypedAt + 1);
  }
  node.end = p.lastEnd;
  return node;
}

/** ALTER TABLE [IF EXISTS] name <action>; cursor on TABLE. */
export function parseAlterTable(p: Parser, start: number): StatementNode {
  p.expectKw('TABLE');
  const node: StatementNode = { kind: 'alterTable', start, end: start };
  p.partial = node;
  if (p.acceptKws('IF', 'EXISTS')) node.ifExists = true;
  node.name = p.qualifiedName();
  if (p.acceptKw('RENAME')) {
    if (p.acceptKw('TO')) {
      node.action = 'rename';
      node.newName = p.qualifiedName();
    } else {
      node.action = 'renameColumn';
      node.column = p.qualifiedName();
      p.expectKw('TO');
      node.newColumnName = p.qualifiedName();
    }
  } else if (p.acceptKw('SET')) {
    node.action = 'set';
    node.options = parseOptions(p);
  } else if (p.acceptKw('RESET')) {
    node.action = 'reset';
    node.keys = parseKeyList(p);
  } else if (p.isKw('ADD') && (p.isKw('PARTITION', 1) || (p.isKw('IF', 1) && p.isKw('NOT', 2)))) {
    p.advance();
    node.action = 'addPartitions';
    p.acceptKws('IF', 'NOT', 'EXISTS');
    const parts: unknown[] = [];
    do {
      p.expectKw('PARTITION');
      const spec = parsePartitionSpec(p);
      const options = p.acceptKw('WITH') ? parseOptions(p) : undefined;
      parts.push({ spec, options });
    } while (p.isKw('PARTITION'));
    node.partitions = parts;
  } else if (p.isKw('DROP') && (p.isKw('PARTITION', 1) || (p.isKw('IF', 1) && p.isKw('EXISTS', 2)))) {
    p.advance();
    node.action = 'dropPartitions';
    p.acceptKws('IF', 'EXISTS');
    const parts: unknown[] = [];
    do {
      p.expectKw('PARTITION');
      parts.push(parsePartitionSpec(p));
    } while (p.acceptOp(','));
    node.partitions = parts;
  } else if (p.isKw('ADD') || p.isKw('MODIFY') || p.isKw('DROP')) {
    parseSchemaChange(p, node);
  } else if (p.isKw('AS')) {
    // only for materialized tables; callers decide whether it is allowed
    p.fail();
  } else {
    for (const k of ['ADD', 'DROP', 'MODIFY', 'RENAME', 'RESET', 'SET']) p.note(`"${k}"`);
    p.fail();
  }
  node.end = p.lastEnd;
  return node;
}

/** ADD | MODIFY | DROP clauses on the schema (columns, constraints, watermark, distribution). */
export function parseSchemaChange(p: Parser, node: StatementNode): void {
  const verb = p.expectOneOf('ADD', 'MODIFY', 'DROP');
  if (verb === 'DROP') {
    node.action = 'drop';
    if (p.acceptKws('PRIMARY', 'KEY')) node.dropped = 'primaryKey';
    else if (p.acceptKw('CONSTRAINT')) node.dropped = { constraint: p.ident() };
    else if (p.acceptKw('WATERMARK')) node.dropped = 'watermark';
    else if (p.acceptKw('DISTRIBUTION')) node.dropped = 'distribution';
    else if (p.isOp('(')) {
      p.advance();
      const cols = [p.qualifiedName()];
      while (p.acceptOp(',')) cols.push(p.qualifiedName());
      p.expectOp(')');
      node.dropped = { columns: cols };
    } else node.dropped = { columns: [p.qualifiedName()] };
    return;
  }
  node.action = verb.toLowerCase();
  const dist = p.acceptKw('DISTRIBUTION');
  if (dist) {
    node.distribution = parseDistribution(p, dist.start);
    return;
  }
  if (p.isOp('(')) {
    const schema = parseSchema(p, { nested: true, positions: true });
    Object.assign(node, { columns: schema.columns, constraints: schema.constraints, watermark: schema.watermark });
    return;
  }
  if (isConstraintStart(p)) node.constraints = [parseConstraint(p, false)];
  else if (p.isKw('WATERMARK')) node.watermark = parseWatermark(p);
  else node.columns = [parseColumn(p, true, true)];
}

export type { ExprNode };
