// Pieces shared by CREATE TABLE, ALTER TABLE and materialized tables: column / constraint / watermark
// definitions, the WITH option list, DISTRIBUTED BY, PARTITIONED BY and partition specs.
import type { ColumnNode, ConstraintNode, DistributionNode, ExprNode, OptionNode, StringLit, TableSchema, WatermarkNode } from './ast';
import { parseDataType } from './dataTypes';
import { parseExpr, parseLiteral } from './expressions';
import type { Identifier, StatementNode } from './index';
import type { Parser } from './parserBase';

/** ( 'k' = 'v', ... ) — possibly empty. */
export function parseOptions(p: Parser): OptionNode[] {
  p.expectOp('(');
  const out: OptionNode[] = [];
  if (!p.isOp(')')) {
    do {
      const key = p.stringLit();
      p.expectOp('=');
      const value = p.stringLit();
      out.push({ key, value, start: key.start, end: value.end });
    } while (p.acceptOp(','));
  }
  p.expectOp(')');
  return out;
}

/** ( 'k1', 'k2' ) — possibly empty. */
export function parseKeyList(p: Parser): StringLit[] {
  p.expectOp('(');
  const out: StringLit[] = [];
  if (!p.isOp(')')) {
    do out.push(p.stringLit());
    while (p.acceptOp(','));
  }
  p.expectOp(')');
  return out;
}

/** ( k = literal, ... ) after PARTITION; `allowBare` permits `k` without a value (ANALYZE). */
export function parsePartitionSpec(p: Parser, allowBare = false): { name: Identifier; value?: ExprNode }[] {
  p.expectOp('(');
  const out: { name: Identifier; value?: ExprNode }[] = [];
  do {
    const name = p.ident();
    if (allowBare && !p.isOp('=')) {
      p.note('"="');
      out.push({ name });
      continue;
    }
    p.expectOp('=');
    out.push({ name, value: parseLiteral(p) });
  } while (p.acceptOp(','));
  p.expectOp(')');
  return out;
}

export function isConstraintStart(p: Parser): boolean {
  return p.isKw('CONSTRAINT') || (p.isKw('PRIMARY') && p.isKw('KEY', 1)) || (p.isKw('UNIQUE') && p.isOp('(', 1));
}

/** [CONSTRAINT name] PRIMARY KEY (cols) | UNIQUE (cols), then [NOT] ENFORCED. `inline` omits the column list. */
export function parseConstraint(p: Parser, inline: boolean): ConstraintNode {
  const start = p.tok.start;
  const name = p.acceptKw('CONSTRAINT') ? p.ident() : undefined;
  let kind: ConstraintNode['kind'];
  if (p.acceptKw('PRIMARY')) {
    p.expectKw('KEY');
    kind = 'primaryKey';
  } else {
    p.expectKw('UNIQUE');
    kind = 'unique';
  }
  const columns = inline ? [] : p.identList();
  let enforced: boolean | undefined;
  if (p.isKw('NOT') && p.isKw('ENFORCED', 1)) {
    p.advance();
    p.advance();
    enforced = false;
  } else if (p.acceptKw('ENFORCED')) enforced = true;
  return { kind, name, columns, enforced, start, end: p.lastEnd };
}

export function parseWatermark(p: Parser): WatermarkNode {
  const start = p.expectKw('WATERMARK').start;
  p.expectKw('FOR');
  const column = p.qualifiedName();
  p.expectKw('AS');
  const saved = p.noQuery;
  p.noQuery = true;
  try {
    const expr = parseExpr(p);
    return { kind: 'watermark', column, expr, start, end: p.lastEnd };
  } finally {
    p.noQuery = saved;
  }
}

/**
 * A column definition: `name type [METADATA [FROM 'k'] [VIRTUAL]] [constraint] [COMMENT 'c']`
 * or `name AS expr [COMMENT 'c']`. `nested` allows `a.b` names (ALTER TABLE); `positions` allows FIRST / AFTER.
 */
export function parseColumn(p: Parser, nested: boolean, positions: boolean): ColumnNode {
  const start = p.tok.start;
  const path = nested ? p.qualifiedName() : undefined;
  const name = path ? path.parts[path.parts.length - 1] : p.ident();
  let col: ColumnNode;
  if (p.acceptKw('AS')) {
    const saved = p.noQuery;
    p.noQuery = true;
    try {
      col = { kind: 'computedColumn', name, path, expr: parseExpr(p), start, end: p.lastEnd };
    } finally {
      p.noQuery = saved;
    }
  } else {
    const type = parseDataType(p, true);
    col = { kind: 'physicalColumn', name, path, type, start, end: p.lastEnd };
    if (p.acceptKw('METADATA')) {
      col.kind = 'metadataColumn';
      if (p.acceptKw('FROM')) col.metadataKey = p.stringLit();
      if (p.acceptKw('VIRTUAL')) col.virtual = true;
    }
    if (p.isKw('CONSTRAINT') || p.isKw('PRIMARY') || p.isKw('UNIQUE')) col.constraint = parseConstraint(p, true);
  }
  if (p.acceptKw('COMMENT')) col.comment = p.rawString();
  if (positions) {
    if (p.acceptKw('FIRST')) col.position = { kind: 'first' };
    else if (p.acceptKw('AFTER')) col.position = { kind: 'after', column: p.qualifiedName() };
  }
  col.end = p.lastEnd;
  return col;
}

export interface SchemaOptions {
  nested?: boolean;
  positions?: boolean;
  /** CTAS/RTAS: a bare column-name list is allowed. */
  allowUntyped?: boolean;
}

/** ( element, ... ) where an element is a column, a table constraint or a watermark. */
export function parseSchema(p: Parser, opts: SchemaOptions = {}): TableSchema & { untyped: boolean } {
  const schema: TableSchema & { untyped: boolean } = { columns: [], constraints: [], untyped: false };
  p.expectOp('(');
  // Flink's CTAS form: a list of bare column names (decided by the first element)
  if (opts.allowUntyped && p.isIdent() && (p.isOp(',', 1) || p.isOp(')', 1)) && !isConstraintStart(p) && !p.isKw('WATERMARK')) {
    schema.untyped = true;
    do {
      const name = p.ident();
      schema.columns.push({ kind: 'untypedColumn', name, start: name.start, end: name.end });
    } while (p.acceptOp(','));
    p.expectOp(')');
    return schema;
  }
  do {
    if (isConstraintStart(p)) schema.constraints.push(parseConstraint(p, false));
    else if (p.isKw('WATERMARK')) {
      const wm = parseWatermark(p);
      if (schema.watermark) p.error('Multiple WATERMARK declarations are not supported yet.', wm.start, wm.end);
      schema.watermark = wm;
      if (opts.positions) {
        if (!p.acceptKw('FIRST') && p.acceptKw('AFTER')) p.qualifiedName();
      }
    } else schema.columns.push(parseColumn(p, !!opts.nested, !!opts.positions));
  } while (p.acceptOp(','));
  p.expectOp(')');
  return schema;
}

/** After DISTRIBUTED / DISTRIBUTION: BY [HASH|RANGE] (cols) [INTO n BUCKETS] | INTO n BUCKETS. */
export function parseDistribution(p: Parser, start: number): DistributionNode {
  const d: DistributionNode = { kind: 'distribution', columns: [], start, end: start };
  if (p.acceptKw('BY')) {
    const alg = p.acceptOneOf('HASH', 'RANGE');
    if (alg) d.algorithm = alg as 'HASH' | 'RANGE';
    d.columns = p.identList();
    if (p.acceptKw('INTO')) {
      d.buckets = p.unsignedInt();
      p.expectKw('BUCKETS');
    }
  } else {
    p.note('"BY"');
    p.expectKw('INTO');
    d.buckets = p.unsignedInt();
    p.expectKw('BUCKETS');
  }
  d.end = p.lastEnd;
  return d;
}

/** The clauses CREATE TABLE and CREATE MATERIALIZED TABLE share after the schema: COMMENT, DISTRIBUTED BY,
 * PARTITIONED BY and WITH, in that order. */
export function parseTableClauses(p: Parser, node: StatementNode): void {
  if (p.acceptKw('COMMENT')) node.comment = p.rawString();
  const dist = p.acceptKw('DISTRIBUTED');
  if (dist) node.distribution = parseDistribution(p, dist.start);
  if (p.acceptKw('PARTITIONED')) {
    p.expectKw('BY');
    node.partitionedBy = p.identList();
  }
  if (p.acceptKw('WITH')) node.options = parseOptions(p);
}
