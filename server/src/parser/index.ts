// The parser's public face: everything outside server/src/parser imports from here only.
// CONTRACT (owned by the parser; the language service, CLI and Flink layers code against it):
//  - parseScript(text, cache?) splits a script into statements on `;` outside strings, comments and
//    statement-set blocks, parses each with error recovery, and never throws or hangs.
//  - Offsets are UTF-16 offsets. Statement spans and script diagnostics are absolute (into the script);
//    offsets inside a statement's `node` are RELATIVE to that statement's `start`, so a cached tree can
//    be reused when the statement moves (cache by statement text).
//  - Node shapes (CREATE TABLE columns / options, INSERT, queries, expressions) are in ./ast; `walk` and
//    `collect` traverse them. A statement that breaks half-way still carries the tree built so far.
export interface TextSpan {
  start: number;
  /** Exclusive. */
  end: number;
}

export interface SyntaxDiagnostic extends TextSpan {
  message: string;
  /** Stable machine-readable code, e.g. "syntax", "unterminated-string". */
  code: string;
  severity: 'error' | 'warning';
}

export interface Identifier extends TextSpan {
  /** The identifier's value: unquoted, with `` `` `` collapsed inside backticks. */
  value: string;
  quoted: boolean;
}

export interface QualifiedName extends TextSpan {
  parts: Identifier[];
}

/** Every statement node carries a `kind`; DDL on a named object carries `name`. */
export interface StatementNode extends TextSpan {
  kind: string;
  name?: QualifiedName;
  [key: string]: unknown;
}

export interface ParsedStatement extends TextSpan {
  /** The statement's source text (without the terminating `;`). */
  text: string;
  /** The tree, relative to `start`; present when the parser recovered enough to build one. */
  node?: StatementNode;
  /** Relative to `start`. */
  diagnostics: SyntaxDiagnostic[];
}

export interface ParsedScript {
  statements: ParsedStatement[];
  /** All diagnostics, absolute. */
  diagnostics: SyntaxDiagnostic[];
}

export { parseScript, StatementCache, type ParseOptions } from './script';
export {
  DEFAULT_FLINK_VERSION, FEATURES, FLINK_VERSIONS, compareVersions, hasFeature, isFlinkVersion, type FeatureId, type FlinkVersion,
} from './versions';
export type {
  StringLit, OptionNode, ExprNode, DataTypeNode, ConstraintNode, ColumnNode, WatermarkNode, DistributionNode, TableSchema,
  CreateTableNode, TableRefNode, HintNode, JoinNode, DerivedTableNode, FromItem, SelectItemNode, SelectNode, ValuesNode,
  SetOpNode, QueryBody, CteNode, QueryNode, InsertNode,
} from './ast';
export { walk, collect, type WalkNode } from './walk';
export { RESERVED, NON_RESERVED_KEYWORDS } from './keywords';
// The lexer, for features that need the tokens around a caret in text that does not parse (completion, hover).
export { tokenize } from './lexer';
export type { Token, TokenType } from './tokens';
export { LIKE_FEATURES } from './ddlTables';
