// AST node shapes for Flink SQL statements. Offsets are relative to the statement's start.
// Expressions use one generic shape (ExprNode) with a `kind` discriminator; statements used by later
// analysis (CREATE TABLE, INSERT, queries) have precise interfaces.
import type { Identifier, QualifiedName, StatementNode, TextSpan } from './index';

export interface StringLit extends TextSpan {
  kind: 'string';
  value: string;
}

/** `'key' = 'value'` inside WITH (...) / SET (...). */
export interface OptionNode extends TextSpan {
  key: StringLit;
  value: StringLit;
}

/** Any expression: literals, column references, calls, operators, subqueries... */
export interface ExprNode extends TextSpan {
  kind: string;
  [key: string]: unknown;
}

export interface DataTypeNode extends TextSpan {
  kind: 'dataType';
  /** Upper-case type name (`INT`, `VARCHAR`, `ROW`, `ARRAY`, `MAP`, `RAW`) or the user type's name. */
  name: string;
  params?: number[];
  /** ROW fields. */
  fields?: { name: Identifier; type: DataTypeNode; comment?: StringLit }[];
  elementType?: DataTypeNode;
  keyType?: DataTypeNode;
  valueType?: DataTypeNode;
  /** e.g. `WITH LOCAL TIME ZONE`. */
  suffix?: string;
  notNull?: boolean;
}

export interface ConstraintNode extends TextSpan {
  kind: 'primaryKey' | 'unique';
  name?: Identifier;
  columns: Identifier[];
  enforced?: boolean;
}

export interface ColumnNode extends TextSpan {
  kind: 'physicalColumn' | 'computedColumn' | 'metadataColumn' | 'untypedColumn';
  /** Nested names (`a.b`) only occur in ALTER TABLE. */
  name: Identifier;
  path?: QualifiedName;
  type?: DataTypeNode;
  expr?: ExprNode;
  metadataKey?: StringLit;
  virtual?: boolean;
  comment?: StringLit;
  constraint?: ConstraintNode;
  position?: { kind: 'first' } | { kind: 'after'; column: QualifiedName };
}

export interface WatermarkNode extends TextSpan {
  kind: 'watermark';
  column: QualifiedName;
  expr: ExprNode;
}

export interface DistributionNode extends TextSpan {
  kind: 'distribution';
  algorithm?: 'HASH' | 'RANGE';
  columns: Identifier[];
  buckets?: number;
}

export interface TableSchema {
  columns: ColumnNode[];
  constraints: ConstraintNode[];
  watermark?: WatermarkNode;
}

export interface CreateTableNode extends StatementNode, TableSchema {
  kind: 'createTable';
  name: QualifiedName;
  orReplace: boolean;
  /** `REPLACE TABLE ... AS` (RTAS) without CREATE. */
  replace: boolean;
  temporary: boolean;
  ifNotExists: boolean;
  comment?: StringLit;
  distribution?: DistributionNode;
  partitionedBy?: Identifier[];
  connection?: QualifiedName;
  options: OptionNode[];
  like?: { name: QualifiedName; options: string[] } & TextSpan;
  asQuery?: QueryNode;
}

export interface TableRefNode extends TextSpan {
  kind: 'tableRef';
  name: QualifiedName;
  alias?: Identifier;
  columnAliases?: Identifier[];
  hints?: HintNode[];
  /** FOR SYSTEM_TIME AS OF <expr> */
  systemTime?: ExprNode;
}

export interface HintNode extends TextSpan {
  kind: 'hint';
  name: Identifier;
  options: OptionNode[];
  args: (Identifier | StringLit)[];
}

export interface JoinNode extends TextSpan {
  kind: 'join';
  joinType: string;
  left: FromItem;
  right: FromItem;
  on?: ExprNode;
  using?: Identifier[];
}

/** Subquery, table function, UNNEST, VALUES or MATCH_RECOGNIZE in FROM. */
export interface DerivedTableNode extends TextSpan {
  kind: 'subquery' | 'tableFunction' | 'unnest' | 'matchRecognize';
  query?: QueryNode;
  call?: ExprNode;
  input?: FromItem;
  lateral?: boolean;
  alias?: Identifier;
  columnAliases?: Identifier[];
}

export type FromItem = TableRefNode | JoinNode | DerivedTableNode;

export interface SelectItemNode extends TextSpan {
  kind: 'selectItem';
  expr: ExprNode;
  alias?: Identifier;
}

export interface SelectNode extends TextSpan {
  kind: 'select';
  hints?: HintNode[];
  distinct: boolean;
  items: SelectItemNode[];
  from: FromItem[];
  where?: ExprNode;
  groupBy?: ExprNode[];
  having?: ExprNode;
}

export interface ValuesNode extends TextSpan {
  kind: 'values';
  rows: ExprNode[];
}

export interface SetOpNode extends TextSpan {
  kind: 'setOp';
  op: string;
  all: boolean;
  left: QueryBody;
  right: QueryBody;
}

export type QueryBody = SelectNode | ValuesNode | SetOpNode | QueryNode | ExprNode;

export interface CteNode extends TextSpan {
  name: Identifier;
  columns?: Identifier[];
  query: QueryNode;
}

export interface QueryNode extends StatementNode {
  kind: 'query';
  with?: CteNode[];
  body: QueryBody;
  orderBy?: ExprNode[];
  limit?: ExprNode;
  offset?: ExprNode;
}

export interface InsertNode extends StatementNode {
  kind: 'insert';
  overwrite: boolean;
  upsert: boolean;
  target: QualifiedName;
  targetHints?: HintNode[];
  partition?: { name: Identifier; value?: ExprNode }[];
  columns?: Identifier[];
  query: QueryNode;
  onConflict?: string;
}
