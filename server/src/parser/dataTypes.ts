// Data types: Flink's extended basic types, ARRAY/MULTISET/MAP/ROW in both `<...>` and `(...)` forms,
// RAW('class'), TIMESTAMP(p) WITH LOCAL TIME ZONE, TIMESTAMP_LTZ, user-defined types, NOT NULL.
import type { DataTypeNode } from './ast';
import type { Identifier } from './index';
import type { Parser } from './parserBase';

const SIMPLE = new Set([
  'STRING', 'BOOLEAN', 'BYTES', 'TINYINT', 'SMALLINT', 'INT', 'INTEGER', 'BIGINT', 'REAL', 'DATE', 'BITMAP', 'NULL', 'ANY', 'SYMBOL',
  'GEOMETRY', 'UUID', 'VARIANT',
]);
const ONE_PARAM = new Set(['VARCHAR', 'BINARY', 'VARBINARY', 'FLOAT', 'TIME', 'TIMESTAMP', 'TIMESTAMP_LTZ']);

export function parseDataType(p: Parser, ddl = false): DataTypeNode {
  p.enter();
  try {
    let t = parseTypeBase(p, ddl);
    // postfix collection forms: INT ARRAY, INT MULTISET
    for (;;) {
      const w = p.isKw('ARRAY') ? 'ARRAY' : p.isKw('MULTISET') ? 'MULTISET' : undefined;
      if (!w) break;
      p.advance();
      t = { kind: 'dataType', name: w, elementType: t, start: t.start, end: p.lastEnd };
    }
    if (p.isKw('NOT') && p.isKw('NULL', 1)) {
      p.advance();
      p.advance();
      t.notNull = true;
      t.end = p.lastEnd;
    } else if (p.isKw('NULL')) {
      p.advance();
      t.notNull = false;
      t.end = p.lastEnd;
    }
    return t;
  } finally {
    p.leave();
  }
}

function params(p: Parser, max: number): number[] | undefined {
  if (!p.isOp('(')) {
    p.note('"("');
    return undefined;
  }
  p.advance();
  const out = [p.unsignedInt()];
  while (out.length < max && p.acceptOp(',')) out.push(p.unsignedInt());
  p.expectOp(')');
  return out;
}

function parseTypeBase(p: Parser, ddl: boolean): DataTypeNode {
  const t = p.tok;
  const start = t.start;
  const node = (name: string, extra: Partial<DataTypeNode> = {}): DataTypeNode => ({ kind: 'dataType', name, start, end: p.lastEnd, ...extra });
  if (t.type === 'word') {
    const w = t.upper;
    if (SIMPLE.has(w) && !(ddl && w === 'NULL')) {
      p.advance();
      return node(w === 'INTEGER' ? 'INT' : w);
    }
    if (w === 'CHAR' || w === 'CHARACTER') {
      p.advance();
      const varying = !!p.acceptKw('VARYING');
      const ps = params(p, 1);
      return node(varying ? 'VARCHAR' : 'CHAR', { params: ps });
    }
    if (w === 'DECIMAL' || w === 'DEC' || w === 'NUMERIC') {
      p.advance();
      return node('DECIMAL', { params: params(p, 2) });
    }
    if (w === 'DOUBLE') {
      p.advance();
      p.acceptKw('PRECISION');
      return node('DOUBLE');
    }
    if (ONE_PARAM.has(w)) {
      p.advance();
      const ps = params(p, 1);
      let suffix: string | undefined;
      if (w === 'TIME' || w === 'TIMESTAMP') {
        if (p.acceptKw('WITHOUT')) {
          p.expectKws('TIME', 'ZONE');
          suffix = 'WITHOUT TIME ZONE';
        } else if (p.acceptKw('WITH')) {
          // Flink knows only WITH LOCAL TIME ZONE
          p.expectKws('LOCAL', 'TIME', 'ZONE');
          suffix = 'WITH LOCAL TIME ZONE';
        }
      }
      return node(w, { params: ps, suffix });
    }
    if (w === 'INTERVAL') {
      if (ddl) p.error("Incorrect syntax near the keyword 'INTERVAL'", t.start, t.end);
      p.advance();
      const q = parseIntervalQualifier(p);
      return node('INTERVAL', { suffix: q });
    }
    if (w === 'ARRAY' || w === 'MULTISET') {
      p.advance();
      p.expectOp('<');
      const el = parseDataType(p, ddl);
      p.expectOp('>');
      return node(w, { elementType: el });
    }
    if (w === 'MAP' && p.isOp('<', 1)) {
      p.advance();
      p.expectOp('<');
      const k = parseDataType(p, ddl);
      p.expectOp(',');
      const v = parseDataType(p, ddl);
      p.expectOp('>');
      return node('MAP', { keyType: k, valueType: v });
    }
    if (w === 'ROW') {
      p.advance();
      const close = p.acceptOp('<') ? '>' : (p.expectOp('('), ')');
      const fields: NonNullable<DataTypeNode['fields']> = [];
      if (!p.isOp(close)) {
        do {
          const name = p.ident();
          const type = parseDataType(p, ddl);
          const comment = p.acceptKw('COMMENT') ? p.rawString() : undefined;
          fields.push({ name, type, comment });
        } while (p.acceptOp(','));
      }
      p.expectOp(close);
      return node('ROW', { fields });
    }
    if (w === 'RAW') {
      p.advance();
      p.expectOp('(');
      p.rawString();
      if (p.acceptOp(',')) p.rawString();
      p.expectOp(')');
      return node('RAW');
    }
    if (w === 'STRUCTURED') {
      p.advance();
      p.expectOp('<');
      p.stringLit();
      while (p.acceptOp(',')) {
        // Flink's grammar tolerates empty slots here (`'C', , a INT`)
        if (!p.isIdent()) continue;
        p.ident();
        parseDataType(p);
        if (p.acceptKw('COMMENT')) p.rawString();
      }
      p.expectOp('>');
      return node('STRUCTURED');
    }
  }
  // user-defined / alien type: a (compound) identifier
  if (!p.isIdent()) {
    for (const k of ['STRING', 'INT', 'BIGINT', 'VARCHAR', 'BOOLEAN', 'TIMESTAMP', 'ARRAY', 'MAP', 'ROW']) p.note(`"${k}"`);
  }
  const name = p.qualifiedName();
  return node(name.parts.map((x: Identifier) => x.value).join('.').toUpperCase(), {});
}

export const TIME_UNITS = new Set([
  'YEAR', 'YEARS', 'QUARTER', 'MONTH', 'MONTHS', 'WEEK', 'DAY', 'DAYS', 'HOUR', 'HOURS', 'MINUTE', 'MINUTES', 'SECOND', 'SECONDS',
  'MILLISECOND', 'MICROSECOND', 'NANOSECOND', 'EPOCH', 'DOW', 'DOY', 'ISODOW', 'ISOYEAR', 'DECADE', 'CENTURY', 'MILLENNIUM',
  'DAYOFWEEK', 'DAYOFYEAR', 'SQL_TSI_YEAR', 'SQL_TSI_QUARTER', 'SQL_TSI_MONTH', 'SQL_TSI_WEEK', 'SQL_TSI_DAY',
  'SQL_TSI_HOUR', 'SQL_TSI_MINUTE', 'SQL_TSI_SECOND', 'SQL_TSI_MICROSECOND', 'SQL_TSI_FRAC_SECOND', 'FRAC_SECOND',
]);

export function isTimeUnit(p: Parser, k = 0): boolean {
  const t = k === 0 ? p.tok : p.la(k);
  return t.type === 'word' && TIME_UNITS.has(t.upper);
}

export function timeUnit(p: Parser): string {
  if (isTimeUnit(p)) return p.advance().upper;
  for (const u of ['YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND']) p.note(`"${u}"`);
  p.fail();
}

/** DAY, HOUR(2) TO SECOND(3), ... */
export function parseIntervalQualifier(p: Parser): string {
  let q = timeUnit(p);
  params(p, 2);
  if (p.acceptKw('TO')) {
    q += ' TO ' + timeUnit(p);
    params(p, 1);
  }
  return q;
}
