// The checks Flink's DDL nodes run on themselves once parsed (ExtendedSqlNode#validate(), called by
// SqlNodeToOperationConversion before a statement becomes an operation), mirrored from Flink 2.3.0's
// flink-sql-parser. A running Flink rejects these statements, so they are errors here too, with Flink's
// message verbatim and at the position of Flink's SqlValidateException:
//  - a whole node's position is its span (CREATE … to the last token);
//  - a position Flink takes with getPos() after a production (a constraint, a model column, the end of
//    REPLACE TABLE … AS) is the production's LAST token.
// Flink stops at the first failure, so there is at most one diagnostic. Offsets are statement-relative.
import type { ColumnNode, ConstraintNode, CreateTableNode } from './ast';
import type { StatementNode, SyntaxDiagnostic, TextSpan } from './index';
import { tokenize } from './lexer';
import type { Token } from './tokens';
import { DEFAULT_FLINK_VERSION, hasFeature, type FlinkVersion } from './versions';

const ENFORCED_MSG =
  "Flink doesn't support ENFORCED mode for PRIMARY KEY constraint. ENFORCED/NOT ENFORCED controls if the constraint checks are " +
  'performed on the incoming/outgoing data. Flink does not own the data therefore the only supported mode is the NOT ENFORCED mode';

/** SqlTableLike: merging strategies Flink refuses per feature. */
const ILLEGAL_LIKE: Record<string, string[]> = {
  ALL: ['OVERWRITING'],
  DISTRIBUTION: ['OVERWRITING'],
  PARTITIONS: ['OVERWRITING'],
  CONSTRAINTS: ['OVERWRITING'],
};

interface Problem extends TextSpan {
  message: string;
}

/** Where Flink's positions fall in the statement text; tokenizes only when a last token is asked for. */
class Positions {
  private tokens?: Token[];
  constructor(private readonly text: string) {}

  /** The span's last token (what Flink's getPos() at the end of a production points at). */
  last(span: TextSpan): TextSpan {
    this.tokens ??= tokenize(this.text).tokens;
    let found: Token | undefined;
    for (const t of this.tokens) {
      if (t.type === 'eof' || t.end > span.end) break;
      if (t.start >= span.start) found = t;
    }
    return found ? { start: found.start, end: found.end } : { start: span.start, end: span.end };
  }
}

export function validateNode(node: StatementNode, text: string, version: FlinkVersion = DEFAULT_FLINK_VERSION): SyntaxDiagnostic[] {
  const problem = check(node, new Positions(text), version);
  return problem ? [{ start: problem.start, end: problem.end, message: problem.message, code: 'flink-validate', severity: 'error' }] : [];
}

function check(node: StatementNode, at: Positions, version: FlinkVersion): Problem | undefined {
  switch (node.kind) {
    case 'createTable':
      return checkCreateTable(node as CreateTableNode, at, version);
    case 'createMaterializedTable':
      // SqlCreateMaterializedTable
      return untyped(node) ? undefined : checkConstraints(node, at);
    case 'alterTable':
    case 'alterMaterializedTable':
      // SqlAlterTableSchema / SqlAlterMaterializedTableSchema (ADD / MODIFY of columns, constraints, watermark)
      return node.action === 'add' || node.action === 'modify' ? checkConstraints(node, at) : undefined;
    case 'createModel':
      return checkCreateModel(node, at);
    case 'createConnection':
      // SqlCreateConnection
      return isEmpty(node.options) ? { ...span(node), message: 'Connection property list can not be empty.' } : undefined;
  }
  return undefined;
}

function span(node: TextSpan): TextSpan {
  return { start: node.start, end: node.end };
}

function isEmpty(list: unknown): boolean {
  return !Array.isArray(list) || list.length === 0;
}

/** isSchemaWithColumnsIdentifiersOnly: the CTAS / RTAS / materialized-table bare column-name list. */
function untyped(node: StatementNode): boolean {
  const columns = node.columns as ColumnNode[] | undefined;
  return !!columns?.length && columns[0].kind === 'untypedColumn';
}

/**
 * Flink 1.20's SqlCreateTableAs / SqlReplaceTableAs refuse any schema part (2.1 made them legal), in this
 * order; `what` names the statement as Flink's messages do.
 */
function ctasSchemaBefore21(node: CreateTableNode, what: string, where: TextSpan, version: FlinkVersion): Problem | undefined {
  if (hasFeature(version, 'ctasSchema')) return undefined;
  const say = (m: string) => ({ ...where, message: `${what} syntax does not support ${m} yet.` });
  if (node.columns.length && !untyped(node)) return say('to specify explicit columns');
  if (node.watermark) return say('to specify explicit watermark');
  if (node.constraints.length) return say('primary key constraints');
  if (node.distribution) return say('creating distributed tables');
  if (node.partitionedBy?.length) return say('to create partitioned table');
  return undefined;
}

function checkCreateTable(node: CreateTableNode, at: Positions, version: FlinkVersion): Problem | undefined {
  if (node.asQuery && (node.replace || node.orReplace)) {
    // SqlReplaceTableAs: REPLACE TABLE … AS (position: its last token) / CREATE OR REPLACE TABLE … AS (the statement)
    const problem = untyped(node) ? undefined : checkConstraints(node, at);
    if (problem) return problem;
    const where = node.orReplace ? span(node) : at.last(node);
    const what = node.orReplace ? 'CREATE OR REPLACE TABLE AS SELECT' : 'REPLACE TABLE AS SELECT';
    if (node.ifNotExists) return { ...where, message: `${what} syntax does not support IF NOT EXISTS statements yet.` };
    if (node.temporary) return { ...where, message: `${what} syntax does not support temporary table yet.` };
    return ctasSchemaBefore21(node, what, where, version);
  }
  if (node.asQuery) {
    // SqlCreateTableAs
    const problem = untyped(node) ? undefined : checkConstraints(node, at);
    if (problem) return problem;
    if (node.temporary) return { ...span(node), message: 'CREATE TABLE AS SELECT syntax does not support to create temporary table yet.' };
    return ctasSchemaBefore21(node, 'CREATE TABLE AS SELECT', span(node), version);
  }
  // SqlCreateTable, then for SqlCreateTableLike its SqlTableLike
  return checkConstraints(node, at) ?? (node.like ? checkLike(node.like) : undefined);
}

/**
 * SqlConstraintValidator.validateAndChangeColumnNullability: the constraints of regular (physical) columns,
 * then the table constraints; more than one primary key fails at the SECOND constraint of that list (whatever
 * its kind), then each constraint in order: UNIQUE is unsupported, and a constraint without NOT ENFORCED is
 * ENFORCED (Flink's default).
 */
function checkConstraints(node: StatementNode, at: Positions): Problem | undefined {
  const columns = (node.columns as ColumnNode[] | undefined) ?? [];
  const full: ConstraintNode[] = [];
  for (const c of columns) if (c.kind === 'physicalColumn' && c.constraint) full.push(c.constraint);
  full.push(...((node.constraints as ConstraintNode[] | undefined) ?? []));
  if (full.filter((c) => c.kind === 'primaryKey').length > 1) return { ...at.last(full[1]), message: 'Duplicate primary key definition' };
  for (const c of full) {
    if (c.kind === 'unique') return { ...at.last(c), message: 'UNIQUE constraint is not supported yet' };
    if (c.enforced !== false) return { ...at.last(c), message: ENFORCED_MSG };
  }
  return undefined;
}

/** SqlTableLike.validate: each feature once, and no OVERWRITING of ALL, CONSTRAINTS, DISTRIBUTION or PARTITIONS. */
function checkLike(like: NonNullable<CreateTableNode['like']>): Problem | undefined {
  const options = like.options.map((o) => {
    const [strategy, feature] = o.split(' ');
    return { strategy, feature };
  });
  if (new Set(options.map((o) => o.feature)).size !== options.length) {
    return { ...span(like), message: 'Each like option feature can be declared only once.' };
  }
  for (const o of options) {
    if (ILLEGAL_LIKE[o.feature]?.includes(o.strategy)) {
      return { ...span(like), message: `Illegal merging strategy '${o.strategy}' for '${o.feature}' option.` };
    }
  }
  return undefined;
}

/** SqlCreateModelAs (with AS query) checks its own rules first, then SqlCreateModel's. */
function checkCreateModel(node: StatementNode, at: Positions): Problem | undefined {
  const input = (node.input as ColumnNode[] | undefined) ?? [];
  const output = (node.output as ColumnNode[] | undefined) ?? [];
  if (node.query) {
    if (input.length) return { ...span(node), message: 'CREATE MODEL AS SELECT syntax does not support to specify explicit input columns.' };
    if (output.length) return { ...span(node), message: 'CREATE MODEL AS SELECT syntax does not support to specify explicit output columns.' };
  }
  if (input.length && !output.length) {
    return { ...at.last(input[0]), message: 'Output column list can not be empty with non-empty input column list.' };
  }
  if (!input.length && output.length) {
    return { ...at.last(output[0]), message: 'Input column list can not be empty with non-empty output column list.' };
  }
  if (isEmpty(node.options)) return { ...span(node), message: 'Model property list can not be empty.' };
  return undefined;
}
