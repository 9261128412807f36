// Tables and columns a statement can see: the tables and views defined by CREATE statements earlier in the
// draft (plus catalog tables read from a live gateway, when given), and name resolution against them.
// The tables referenced at a position come from scopeQuery.ts (tree) or scopeTokens.ts (text that does not parse).
import type {
  ColumnNode, CreateTableNode, DataTypeNode, OptionNode, ParsedStatement, QueryNode, StatementNode, TextSpan,
} from '../parser';
import type { AnalyzedDocument } from './document';
import { queryColumns } from './scopeQuery';

export interface ColumnInfo {
  name: string;
  /** The type as written (`DECIMAL(32, 2)`), when known. */
  type?: string;
  kind: 'physical' | 'computed' | 'metadata' | 'unknown';
  /** `AS expr` of a computed column, `METADATA FROM 'key' VIRTUAL` of a metadata column. */
  note?: string;
  /** Fields of a ROW-typed column. */
  fields?: ColumnInfo[];
}

export type TableKind = 'table' | 'view' | 'materialized table' | 'cte' | 'subquery' | 'window TVF' | 'catalog table' | 'catalog view';

export interface TableInfo {
  /** The name as referenced (last part). */
  name: string;
  /** Every part of the defining name (`cat.db.t` → 3 parts). */
  path: string[];
  kind: TableKind;
  columns: ColumnInfo[];
  connector?: string;
  format?: string;
  temporary?: boolean;
  primaryKey?: string[];
  watermark?: string;
  /** Defined by a statement of this draft (not a catalog, CTE or subquery). */
  inDraft?: true;
}

/** A table of a live catalog (see completionCatalog.ts for the gateway cache adapter). */
export interface CatalogTable {
  path: string[];
  kind?: 'table' | 'view';
  columns?: { name: string; type?: string }[];
  /** In the session's current catalog and database, so reachable by its bare name. */
  current?: boolean;
}

interface Definition {
  statementStart: number;
  table: TableInfo;
}

const definitionsCache = new WeakMap<AnalyzedDocument, Definition[]>();
/**
 * Self-contained definitions (CREATE TABLE without LIKE / AS) by statement tree: the parser's StatementCache hands
 * back the same tree for an unchanged statement, so a keystroke rebuilds only the statement it touched.
 */
const selfContained = new WeakMap<StatementNode, TableInfo>();
/**
 * Definitions that read other tables (views, LIKE, AS SELECT) by tree, with the names they resolved and what each
 * resolved to: reused while every one of those names still resolves to the same table.
 */
const dependent = new WeakMap<StatementNode, { lookups: { parts: string[]; found: TableInfo | undefined }[]; table: TableInfo | undefined }>();

/**
 * The positions in a definitions list by lower-case last name part: a name resolves by looking at the definitions
 * it can match, not at every one (a draft of 500 tables resolves a few names per statement on every keystroke).
 */
const byLastPart = new WeakMap<readonly Definition[], Map<string, number[]>>();
const lastPart = (path: readonly string[]) => (path[path.length - 1] ?? '').toLowerCase();
/** A definition's index key, once per TableInfo (definitions keep theirs while unchanged). */
const keys = new WeakMap<TableInfo, string>();
function keyOf(table: TableInfo): string {
  let key = keys.get(table);
  if (key === undefined) keys.set(table, (key = lastPart(table.path)));
  return key;
}

/** Every table and view defined in the draft, in document order (computed once per analysis). */
export function draftDefinitions(doc: AnalyzedDocument): readonly Definition[] {
  let defs = definitionsCache.get(doc);
  if (!defs) {
    defs = [];
    const index = new Map<string, number[]>();
    byLastPart.set(defs, index);
    for (const stmt of doc.script.statements) {
      const node = stmt.node;
      if (!node || !DEFINING.has(node.kind)) continue;
      const known = defs;
      let table = selfContained.get(node);
      const prior = table ? undefined : dependent.get(node);
      if (prior && prior.lookups.every((l) => resolveIn(known, l.parts) === l.found)) {
        table = prior.table;
      } else if (!table) {
        const lookups: { parts: string[]; found: TableInfo | undefined }[] = [];
        table = tableOfStatement(stmt, node, (parts) => {
          const found = resolveIn(known, parts);
          lookups.push({ parts, found });
          return found;
        });
        if (node.kind === 'createTable' && !node.like && !node.asQuery) {
          if (table) selfContained.set(node, table);
        } else {
          dependent.set(node, { lookups, table });
        }
      }
      if (table) {
        const key = keyOf(table);
        const at = index.get(key);
        if (at) at.push(defs.length);
        else index.set(key, [defs.length]);
        defs.push({ statementStart: stmt.start, table });
      }
    }
    definitionsCache.set(doc, defs);
  }
  return defs;
}

const DEFINING = new Set(['createTable', 'createView', 'createMaterializedTable']);

/** Tables and views defined before `offset` (the later of two same-named definitions wins). */
export function tablesBefore(doc: AnalyzedDocument, offset: number): TableInfo[] {
  const byName = new Map<string, TableInfo>();
  for (const d of draftDefinitions(doc)) {
    if (d.statementStart >= offset) break;
    byName.set(d.table.path.join('.').toLowerCase(), d.table);
  }
  return [...byName.values()];
}

export type Resolver = (parts: string[]) => TableInfo | undefined;

/** Resolves a table name against the draft's definitions before `offset`, then the catalog tables. */
export function resolver(doc: AnalyzedDocument, offset: number, catalog: readonly CatalogTable[] = []): Resolver {
  const defs = draftDefinitions(doc);
  // the definitions before `offset` are a prefix of the document-ordered list
  let count = 0;
  for (let hi = defs.length; count < hi;) {
    const mid = (count + hi) >> 1;
    if (defs[mid].statementStart < offset) count = mid + 1;
    else hi = mid;
  }
  return (parts) => resolveIn(defs, parts, count) ?? resolveCatalog(catalog, parts);
}

/** Among the first `count` definitions, the last that `parts` names. */
function resolveIn(defs: readonly Definition[], parts: string[], count = defs.length): TableInfo | undefined {
  const candidates = byLastPart.get(defs)?.get(lastPart(parts));
  if (!candidates) return undefined;
  // Flink matches identifiers case-sensitively; fall back to any case so a typo in case still gets help.
  for (const exact of [true, false]) {
    for (let k = candidates.length - 1; k >= 0; k--) {
      const i = candidates[k];
      if (i < count && pathMatches(defs[i].table.path, parts, exact)) return defs[i].table;
    }
  }
  return undefined;
}

/** A catalog's tables by lower-case last name part, in the catalog's order. */
const catalogIndexes = new WeakMap<readonly CatalogTable[], Map<string, CatalogTable[]>>();

function resolveCatalog(catalog: readonly CatalogTable[], parts: string[]): TableInfo | undefined {
  if (!parts.length || !catalog.length) return undefined;
  let index = catalogIndexes.get(catalog);
  if (!index) {
    index = new Map();
    for (const t of catalog) {
      const key = lastPart(t.path);
      const list = index.get(key);
      if (list) list.push(t);
      else index.set(key, [t]);
    }
    catalogIndexes.set(catalog, index);
  }
  const candidates = index.get(lastPart(parts)) ?? [];
  for (const exact of [true, false]) {
    const hit = candidates.find((t) => (parts.length > 1 || t.current !== false) && pathMatches(t.path, parts, exact));
    if (hit) return catalogTableInfo(hit);
  }
  return undefined;
}

/** One TableInfo per catalog table (checks that depend on a table compare what names resolve to by identity). */
const catalogInfos = new WeakMap<CatalogTable, TableInfo>();

export function catalogTableInfo(t: CatalogTable): TableInfo {
  let info = catalogInfos.get(t);
  if (!info) {
    info = {
      name: t.path[t.path.length - 1],
      path: t.path,
      kind: t.kind === 'view' ? 'catalog view' : 'catalog table',
      columns: (t.columns ?? []).map((c) => ({ name: c.name, type: c.type, kind: 'physical' })),
    };
    catalogInfos.set(t, info);
  }
  return info;
}

/** `ref` names `path` when its parts are a suffix of the path (or the path a suffix of the ref). */
function pathMatches(path: string[], ref: string[], exact: boolean): boolean {
  const n = Math.min(path.length, ref.length);
  if (!n) return false;
  for (let k = 1; k <= n; k++) {
    const a = path[path.length - k];
    const b = ref[ref.length - k];
    if (exact ? a !== b : a.toLowerCase() !== b.toLowerCase()) return false;
  }
  return true;
}

/** The column of `table` called `name` (exact case first). */
export function findColumn(columns: readonly ColumnInfo[], name: string): ColumnInfo | undefined {
  return columns.find((c) => c.name === name) ?? columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
}

// ---- definitions from CREATE statements ----

function tableOfStatement(stmt: ParsedStatement, node: StatementNode, resolve: Resolver): TableInfo | undefined {
  if (!node.name || !Array.isArray(node.name.parts) || !node.name.parts.length) return undefined;
  const path = node.name.parts.map((p) => p.value);
  const base = { name: path[path.length - 1], path, inDraft: true as const };
  const text = (span: TextSpan) => stmt.text.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
  switch (node.kind) {
    case 'createTable':
      return createTableInfo(node as CreateTableNode, base, text, resolve);
    case 'createView': {
      const names = Array.isArray(node.columns) ? (node.columns as { value: string }[]).map((c) => c.value) : undefined;
      const cols = isQuery(node.query) ? queryColumns(node.query, resolve, text) : [];
      return { ...base, kind: 'view', temporary: node.temporary === true, columns: renamed(cols, names) };
    }
    case 'createMaterializedTable': {
      const cols = isQuery(node.query) ? queryColumns(node.query, resolve, text) : [];
      return { ...base, kind: 'materialized table', columns: cols, ...connectorOf(node.options) };
    }
    default:
      return undefined;
  }
}

function createTableInfo(
  node: CreateTableNode, base: Pick<TableInfo, 'name' | 'path' | 'inDraft'>, text: (s: TextSpan) => string, resolve: Resolver,
): TableInfo {
  let columns = (node.columns ?? []).map((c) => columnInfo(c, text));
  let options = connectorOf(node.options);
  if (node.like) {
    // LIKE copies the source's columns (physical always; generated/metadata unless excluded) and options.
    const src = resolve(node.like.name.parts.map((p) => p.value));
    if (src) {
      const excluded = (what: string) => node.like!.options.some((o) => o === `EXCLUDING ${what}` || o === 'EXCLUDING ALL');
      const inherited = src.columns.filter((c) => c.kind === 'physical' || c.kind === 'unknown'
        || (c.kind === 'computed' && !excluded('GENERATED')) || (c.kind === 'metadata' && !excluded('METADATA')));
      columns = [...inherited, ...columns];
      if (!options.connector && !excluded('OPTIONS')) options = { connector: src.connector, format: src.format };
    }
  }
  if (node.asQuery && columns.every((c) => c.kind === 'unknown')) {
    columns = renamed(queryColumns(node.asQuery, resolve, text), columns.length ? columns.map((c) => c.name) : undefined);
  }
  const pk = node.constraints?.find((c) => c.kind === 'primaryKey')?.columns.map((c) => c.value)
    ?? node.columns?.filter((c) => c.constraint?.kind === 'primaryKey').map((c) => c.name.value);
  return {
    ...base,
    kind: 'table',
    temporary: node.temporary,
    columns,
    ...options,
    primaryKey: pk?.length ? pk : undefined,
    watermark: node.watermark ? text(node.watermark) : undefined,
  };
}

function columnInfo(c: ColumnNode, text: (s: TextSpan) => string): ColumnInfo {
  const name = c.name.value;
  switch (c.kind) {
    case 'physicalColumn':
      return { name, kind: 'physical', type: c.type && text(c.type), fields: c.type && rowFields(c.type, text) };
    case 'computedColumn':
      return { name, kind: 'computed', note: c.expr ? `AS ${text(c.expr)}` : undefined };
    case 'metadataColumn': {
      const from = c.metadataKey ? ` FROM '${c.metadataKey.value}'` : '';
      return { name, kind: 'metadata', type: c.type && text(c.type), note: `METADATA${from}${c.virtual ? ' VIRTUAL' : ''}` };
    }
    default:
      return { name, kind: 'unknown' };
  }
}

function rowFields(t: DataTypeNode, text: (s: TextSpan) => string): ColumnInfo[] | undefined {
  if (!t.fields?.length) return undefined;
  return t.fields.map((f) => ({ name: f.name.value, kind: 'physical', type: text(f.type), fields: rowFields(f.type, text) }));
}

function connectorOf(options: unknown): { connector?: string; format?: string } {
  if (!Array.isArray(options)) return {};
  const value = (key: string) => (options as OptionNode[]).find((o) => o.key?.value === key)?.value?.value;
  return { connector: value('connector'), format: value('format') ?? value('value.format') };
}

function renamed(cols: ColumnInfo[], names: string[] | undefined): ColumnInfo[] {
  if (!names) return cols;
  return names.map((name, i) => ({ ...(cols[i] ?? { kind: 'unknown' as const }), name }));
}

function isQuery(v: unknown): v is QueryNode {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'query';
}
