// The logical type of an expression, as far as the draft lets us know it: column types from the tables in scope,
// literals, CAST targets and a few built-ins whose result type is fixed. Anything else is unknown (undefined), and
// every check downstream stays silent on unknown types: a catalog table, a UDF or a construct we do not model never
// produces a finding.
import type { ExprNode, TextSpan } from '../../parser';
import type { ColumnInfo } from '../scope';
import { lookupColumn, type ScopeEntry } from '../scopeQuery';

/** A Flink logical type: its root (`DECIMAL`, `VARCHAR`, `TIMESTAMP`…) and the text Flink prints for it. */
export interface LogicalType {
  root: string;
  /** As Flink prints it in messages: `DECIMAL(10, 2)`, `VARCHAR(2147483647)`, `CHAR(4)`. */
  text: string;
  nullable: boolean;
  /**
   * A rowtime / proctime attribute: a table's column named by its WATERMARK FOR, or computed AS PROCTIME(). Only set
   * for the columns of tables read directly (a view's or subquery's columns leave it undefined: unknown).
   */
  timeAttribute?: 'rowtime' | 'proctime';
}

/** What an expression can see: the FROM entries of its SELECT. */
export interface TypeScope {
  entries: readonly ScopeEntry[];
  /** The statement's text, for CAST targets (offsets relative to the statement). */
  text: (span: TextSpan) => string;
}

const ALIASES: Record<string, string> = {
  INTEGER: 'INT', STRING: 'VARCHAR', DEC: 'DECIMAL', NUMERIC: 'DECIMAL', REAL: 'FLOAT', BYTES: 'VARBINARY',
  'CHARACTER VARYING': 'VARCHAR', CHARACTER: 'CHAR', 'DOUBLE PRECISION': 'DOUBLE', TIMESTAMP_LTZ: 'TIMESTAMP_LTZ',
};

/** Parses a type as written in DDL (`DECIMAL(10, 2) NOT NULL`, `STRING`, `TIMESTAMP(3) WITH LOCAL TIME ZONE`). */
export function typeFromText(written: string | undefined): LogicalType | undefined {
  if (!written) return undefined;
  const s = written.trim().replace(/\s+/g, ' ').toUpperCase();
  const m = /^([A-Z_]+(?: (?:VARYING|PRECISION))?)\s*(?:\(([^)]*)\))?(.*)$/.exec(s);
  if (!m) return undefined;
  let root = ALIASES[m[1]] ?? m[1];
  const params = m[2]?.split(',').map((x) => x.trim()).filter(Boolean) ?? [];
  const rest = m[3] ?? '';
  // `STRING ARRAY`, `INT MULTISET` and anything else after the type: not modelled
  if (rest.replace(/NOT NULL|NULL|WITH LOCAL TIME ZONE|WITH TIME ZONE/g, '').trim() && !/^(ARRAY|MAP|MULTISET|ROW)$/.test(m[1])) return undefined;
  const nullable = !/NOT NULL/.test(rest);
  if (/WITH LOCAL TIME ZONE/.test(rest)) root = 'TIMESTAMP_LTZ';
  if (root === 'TIMESTAMP' && /WITH TIME ZONE/.test(rest)) return undefined;
  let text: string;
  switch (root) {
    case 'VARCHAR':
      text = `VARCHAR(${m[1] === 'STRING' ? 2147483647 : params[0] ?? 1})`;
      break;
    case 'CHAR': case 'BINARY': case 'VARBINARY':
      text = `${root}(${m[1] === 'BYTES' ? 2147483647 : params[0] ?? 1})`;
      break;
    case 'DECIMAL':
      text = `DECIMAL(${params[0] ?? 10}, ${params[1] ?? 0})`;
      break;
    case 'TIMESTAMP': case 'TIMESTAMP_LTZ': case 'TIME':
      text = root === 'TIMESTAMP_LTZ' ? `TIMESTAMP_LTZ(${params[0] ?? 6})` : `${root}(${params[0] ?? (root === 'TIME' ? 0 : 6)})`;
      break;
    case 'TINYINT': case 'SMALLINT': case 'INT': case 'BIGINT': case 'FLOAT': case 'DOUBLE': case 'BOOLEAN': case 'DATE':
      text = root === 'FLOAT' ? 'FLOAT' : root;
      break;
    case 'ARRAY': case 'MAP': case 'MULTISET': case 'ROW':
      return { root, text: s, nullable };
    default:
      return undefined;
  }
  return { root, text, nullable };
}

export function columnType(col: ColumnInfo): LogicalType | undefined {
  if (col.kind === 'unknown') return undefined;
  const t = typeFromText(col.type);
  if (!t) return undefined;
  if (col.kind === 'computed' && /^\s*PROCTIME\s*\(\s*\)\s*$/i.test(col.note ?? '')) t.timeAttribute = 'proctime';
  return t;
}

const FIXED_RESULT: Record<string, string> = {
  LOWER: 'STRING', UPPER: 'STRING', CONCAT: 'STRING', CONCAT_WS: 'STRING', CHAR_LENGTH: 'INT', CHARACTER_LENGTH: 'INT',
  COUNT: 'BIGINT NOT NULL', DATE_FORMAT: 'STRING', TO_TIMESTAMP: 'TIMESTAMP(3)', TO_DATE: 'DATE', MD5: 'STRING',
  SHA256: 'STRING', INITCAP: 'STRING', REVERSE: 'STRING', LTRIM: 'STRING', RTRIM: 'STRING', UUID: 'CHAR(36) NOT NULL',
};

const exprText = (e: ExprNode): string | undefined => (typeof e.value === 'string' ? e.value : typeof e.text === 'string' ? e.text : undefined);

/** The type of `e` in `scope`, or undefined when it cannot be known. */
export function typeOf(e: ExprNode | undefined, scope: TypeScope): LogicalType | undefined {
  if (!e) return undefined;
  switch (e.kind) {
    case 'paren':
      return typeOf(e.expr as ExprNode | undefined, scope);
    case 'identifier': {
      if (e.star) return undefined;
      const parts = (e.parts as { value: string }[]).map((p) => p.value);
      const found = lookupColumn(parts, scope.entries);
      if (!found) return undefined;
      const t = columnType(found.column);
      const rowtime = /^\s*WATERMARK\s+FOR\s+`?([^`\s]+)`?/i.exec(found.entry.table.watermark ?? '')?.[1];
      if (t && rowtime && rowtime === found.column.name) t.timeAttribute = 'rowtime';
      return t;
    }
    case 'literal':
      return literalType(e);
    case 'call': {
      const name = typeof e.name === 'string' ? e.name.toUpperCase() : undefined;
      if (!name) return undefined;
      if (name === 'CAST' && e.type) {
        const t = typeFromText(scope.text(e.type as TextSpan));
        return t && { ...t, timeAttribute: undefined };
      }
      const fixed = FIXED_RESULT[name];
      return fixed ? typeFromText(fixed) : undefined;
    }
    default:
      return undefined;
  }
}

function literalType(e: ExprNode): LogicalType | undefined {
  const v = exprText(e);
  switch (e.type) {
    case 'string': {
      const len = typeof e.value === 'string' ? e.value.length : undefined;
      return len === undefined ? undefined : { root: 'CHAR', text: `CHAR(${Math.max(len, 1)})`, nullable: false };
    }
    case 'boolean':
      return { root: 'BOOLEAN', text: 'BOOLEAN', nullable: false };
    case 'number': case 'numeric': case 'integer': case 'decimal': {
      if (!v) return undefined;
      if (/^\d+$/.test(v)) {
        const n = Number(v);
        return n <= 2147483647 ? { root: 'INT', text: 'INT', nullable: false } : { root: 'BIGINT', text: 'BIGINT', nullable: false };
      }
      if (/e/i.test(v)) return { root: 'DOUBLE', text: 'DOUBLE', nullable: false };
      const [i, f = ''] = v.split('.');
      const p = Math.max(i.replace(/^0+/, '').length + f.length, 1);
      return { root: 'DECIMAL', text: `DECIMAL(${p}, ${f.length})`, nullable: false };
    }
    default:
      return undefined;
  }
}

/** Calcite's SqlTypeFamily membership, for the families FlinkSqlOperatorTable's operand checkers print. */
const FAMILIES: Record<string, ReadonlySet<string>> = {
  CHARACTER: new Set(['CHAR', 'VARCHAR']),
  STRING: new Set(['CHAR', 'VARCHAR', 'BINARY', 'VARBINARY']),
  BINARY: new Set(['BINARY', 'VARBINARY']),
  NUMERIC: new Set(['TINYINT', 'SMALLINT', 'INT', 'BIGINT', 'FLOAT', 'DOUBLE', 'DECIMAL']),
  EXACT_NUMERIC: new Set(['TINYINT', 'SMALLINT', 'INT', 'BIGINT', 'DECIMAL']),
  INTEGER: new Set(['TINYINT', 'SMALLINT', 'INT', 'BIGINT']),
  BOOLEAN: new Set(['BOOLEAN']),
  DATE: new Set(['DATE']),
  TIME: new Set(['TIME']),
  TIMESTAMP: new Set(['TIMESTAMP', 'TIMESTAMP_LTZ']),
  DATETIME: new Set(['DATE', 'TIME', 'TIMESTAMP', 'TIMESTAMP_LTZ']),
};

/** Whether `t` belongs to Calcite's type family `family`; undefined when the family is not modelled. */
export function inFamily(t: LogicalType, family: string): boolean | undefined {
  const members = FAMILIES[family];
  return members ? members.has(t.root) : undefined;
}

export const isCharacter = (t: LogicalType | undefined) => !!t && (t.root === 'CHAR' || t.root === 'VARCHAR');
