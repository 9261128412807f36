// The draft's names bound to what defines them, for go to definition, references and rename: tables, views and
// materialized tables from CREATE statements (in statement order, so a later CREATE or a DROP changes what a name
// means), their columns, and every reference in queries, INSERT, LIKE, constraints, PARTITIONED BY and later DDL.
// Computed once per analysis; queries are bound by bindQuery.ts.
import type {
  ColumnNode, CreateTableNode, Identifier, InsertNode, QueryNode, StatementNode,
} from '../parser';
import {
  bindTableExpr, bindTopQuery, define, partsOf, refer,
  type BColumn, type BindSink, type BTable, type DraftSymbol, type Occurrence,
} from './bindQuery';
import type { AnalyzedDocument } from './document';
import { statementIndexAt } from './completionCursor';
import { childStatements, isStatementNode } from './nodes';

export type { DraftSymbol, Occurrence } from './bindQuery';

/** The draft's bindings: statements that define or change tables are bound up front (in order, since each
 * sees the ones before); the others (queries, INSERTs) only when asked about, and only those whose text could
 * mention the name in question, so a request costs little even on a long draft. */
export interface Bindings {
  /** Occurrences of the i-th statement, each list sorted by start. */
  statement(i: number): Occurrence[];
  /** Every occurrence of `symbol` in the draft, in document order. */
  occurrencesOf(symbol: DraftSymbol): Occurrence[];
  /** Definitions of tables, views and materialized tables. */
  tableDefinitions(): Occurrence[];
}

const cache = new WeakMap<AnalyzedDocument, Bindings>();

export function bindings(doc: AnalyzedDocument): Bindings {
  let b = cache.get(doc);
  if (!b) {
    b = bind(doc);
    cache.set(doc, b);
  }
  return b;
}

/** The occurrence whose identifier contains `offset` (touching its start or end). */
export function occurrenceAt(doc: AnalyzedDocument, offset: number): Occurrence | undefined {
  const index = statementIndexAt(doc, offset);
  if (index < 0) return undefined;
  const occ = bindings(doc).statement(index);
  let lo = 0;
  let hi = occ.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (occ[mid].end < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  // occ[lo] is the first that ends at or after offset, so `a|.b` is on a.
  const hit = occ[lo];
  return hit && hit.start <= offset ? hit : undefined;
}

const key = (parts: readonly string[]) => parts.join('\u0000');

const CHANGES_TABLES = new Set(['createTable', 'createView', 'createMaterializedTable', 'drop', 'alterTable', 'alterMaterializedTable']);

/** What binding a statement may read and change of the draft's tables. */
interface Tables {
  get(key: string): BTable | undefined;
  set(key: string, table: BTable): void;
  delete(key: string): void;
}

function bind(doc: AnalyzedDocument): Bindings {
  const statements = doc.script.statements;
  // Per table name, its versions in statement order (undefined after a DROP); statement i sees those before i.
  const history = new Map<string, { at: number; table?: BTable }[]>();
  const tablesAt = (i: number): Tables => ({
    get(k) {
      const versions = history.get(k);
      for (let j = (versions?.length ?? 0) - 1; j >= 0; j--) if (versions![j].at < i) return versions![j].table;
      return undefined;
    },
    set(k, table) {
      const versions = history.get(k) ?? [];
      versions.push({ at: i, table });
      history.set(k, versions);
    },
    delete(k) {
      history.get(k)?.push({ at: i, table: undefined });
    },
  });
  const perStatement: (Occurrence[] | undefined)[] = new Array(statements.length);
  const bindAt = (i: number): Occurrence[] => {
    const stmt = statements[i];
    const out: Occurrence[] = [];
    if (stmt.node) {
      const tables = tablesAt(i);
      bindStatement(stmt.node, { base: stmt.start, out, lookupTable: (parts) => tables.get(key(parts)) }, tables);
    }
    out.sort((a, b) => a.start - b.start || a.end - b.end);
    // A node reached twice (recovery keeps partial trees) must not yield two edits on one identifier.
    return out.filter((o, j) => j === 0 || o.start !== out[j - 1].start);
  };
  const ddl: number[] = [];
  statements.forEach((stmt, i) => {
    if (stmt.node && CHANGES_TABLES.has(stmt.node.kind)) {
      perStatement[i] = bindAt(i);
      ddl.push(i);
    }
  });
  const statement = (i: number) => (perStatement[i] ??= bindAt(i));
  return {
    statement,
    occurrencesOf(symbol) {
      const out: Occurrence[] = [];
      // A statement that does not contain the name as a word (or, quoted, its first run without back-ticks)
      // cannot refer to it.
      const run = symbol.name.split('`')[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const word = new RegExp(`(?:^|[^A-Za-z0-9_$])${run}(?:$|[^A-Za-z0-9_$])`);
      statements.forEach((stmt, i) => {
        if (perStatement[i] === undefined && !word.test(stmt.text)) return;
        for (const o of statement(i)) if (o.symbol === symbol) out.push(o);
      });
      return out;
    },
    tableDefinitions() {
      return ddl.flatMap((i) => statement(i).filter((o) => o.definition && TABLE_KINDS.has(o.symbol.kind)));
    },
  };
}

const TABLE_KINDS = new Set<DraftSymbol['kind']>(['table', 'view', 'materialized table']);

function bindStatement(node: StatementNode, sink: BindSink, tables: Tables): void {
  const lookup = (name: unknown) => {
    const ids = partsOf(name as { parts?: Identifier[] });
    const table = ids.length ? tables.get(key(ids.map((p) => p.value))) : undefined;
    refer(sink, ids[ids.length - 1], table?.symbol);
    return table;
  };
  const register = (name: unknown, kind: DraftSymbol['kind'], columns: BColumn[]): BTable | undefined => {
    const ids = partsOf(name as { parts?: Identifier[] });
    if (!ids.length) return undefined;
    const table: BTable = { symbol: define(sink, kind, ids[ids.length - 1]), parts: ids.map((p) => p.value), columns };
    tables.set(key(table.parts), table);
    return table;
  };
  switch (node.kind) {
    case 'createTable':
      bindCreateTable(node as CreateTableNode, sink, lookup, register);
      return;
    case 'createView':
    case 'createMaterializedTable': {
      const columns = isQuery(node.query) ? bindTopQuery(sink, node.query) : [];
      const names = Array.isArray(node.columns) ? (node.columns as Identifier[]) : undefined;
      const own = names?.length && typeof names[0]?.value === 'string'
        ? names.map((id) => ({ name: id.value, symbol: define(sink, 'column', id) }))
        : columns;
      const table = register(node.name, node.kind === 'createView' ? 'view' : 'materialized table', own);
      if (table && node.kind === 'createMaterializedTable') bindSchemaClauses(node, table, sink);
      return;
    }
    case 'insert': {
      const ins = node as InsertNode;
      const target = lookup(ins.target);
      for (const id of ins.columns ?? []) refer(sink, id, target?.columns.find((c) => c.name === id.value)?.symbol);
      for (const p of ins.partition ?? []) refer(sink, p?.name, target?.columns.find((c) => c.name === p?.name?.value)?.symbol);
      if (isQuery(ins.query)) bindTopQuery(sink, ins.query);
      return;
    }
    case 'query':
      bindTopQuery(sink, node as QueryNode);
      return;
    case 'drop': {
      if (!['table', 'view', 'materializedTable'].includes(String(node.objectType))) return;
      const table = lookup(node.name);
      if (table) tables.delete(key(table.parts));
      return;
    }
    case 'alterTable':
    case 'alterMaterializedTable':
      bindAlterTable(node, sink, tables, lookup);
      return;
    case 'delete':
    case 'update': {
      const table = lookup(node.name);
      const alias = node.alias as Identifier | undefined;
      const aliasSym = alias ? define(sink, 'alias', alias) : undefined;
      if (!table) return;
      for (const a of (node.assignments as { column?: Identifier; value?: unknown }[] | undefined) ?? []) {
        refer(sink, a.column, table.columns.find((c) => c.name === a.column?.value)?.symbol);
        bindTableExpr(sink, a.value, table, alias?.value, aliasSym);
      }
      bindTableExpr(sink, node.where, table, alias?.value, aliasSym);
      return;
    }
    case 'describe':
      if (node.what === 'statement' && isStatementNode(node.statement)) bindStatement(node.statement, sink, tables);
      else if (node.what === 'table') lookup(node.name);
      return;
    case 'truncateTable':
    case 'analyzeTable':
      lookup(node.name);
      return;
    case 'show':
      if (/^(create (table|view|materialized)|columns|partitions)/.test(String(node.what))) lookup(node.name);
      return;
    default:
      // EXECUTE …, EXPLAIN …, statement sets: bind what they contain.
      if (isStatementNode(node.statement)) bindStatement(node.statement, sink, tables);
      for (const child of childStatements(node)) bindStatement(child, sink, tables);
  }
}

type Lookup = (name: unknown) => BTable | undefined;
type Register = (name: unknown, kind: DraftSymbol['kind'], columns: BColumn[]) => BTable | undefined;

function bindCreateTable(node: CreateTableNode, sink: BindSink, lookup: Lookup, register: Register): void {
  const columns: BColumn[] = [];
  if (node.like) {
    // LIKE copies the source's physical columns always, generated and metadata ones unless excluded.
    const source = lookup(node.like.name);
    const excluded = (what: string) => (node.like!.options ?? []).some((o) => o === `EXCLUDING ${what}` || o === 'EXCLUDING ALL');
    for (const c of source?.columns ?? []) {
      if ((c.kind === 'computed' && excluded('GENERATED')) || (c.kind === 'metadata' && excluded('METADATA'))) continue;
      columns.push(c);
    }
  }
  const own = (node.columns ?? []).filter((c): c is ColumnNode => !!c?.name);
  const untyped = own.length > 0 && own.every((c) => c.kind === 'untypedColumn');
  if (node.asQuery) {
    const fromQuery = bindTopQuery(sink, node.asQuery);
    if (!untyped) columns.push(...fromQuery.filter((c) => !own.some((o) => o.name.value === c.name)));
  }
  for (const c of own) columns.push({ name: c.name.value, symbol: define(sink, 'column', c.name), kind: columnKind(c) });
  const table = register(node.name, 'table', columns);
  if (table) bindSchemaClauses(node, table, sink);
}

/** Computed columns, WATERMARK, PRIMARY KEY / UNIQUE, PARTITIONED BY and DISTRIBUTED BY of a table. */
function bindSchemaClauses(node: StatementNode, table: BTable, sink: BindSink): void {
  const column = (id: Identifier | undefined) => refer(sink, id, table.columns.find((c) => c.name === id?.value)?.symbol);
  for (const c of (node.columns as ColumnNode[] | undefined) ?? []) if (c?.kind === 'computedColumn') bindTableExpr(sink, c.expr, table);
  const wm = node.watermark as { column?: unknown; expr?: unknown } | undefined;
  if (wm) {
    column(partsOf(wm.column as { parts?: Identifier[] })[0]);
    bindTableExpr(sink, wm.expr, table);
  }
  for (const k of (node.constraints as { columns?: Identifier[] }[] | undefined) ?? []) for (const id of k?.columns ?? []) column(id);
  for (const id of (node.partitionedBy as Identifier[] | undefined) ?? []) column(id);
  for (const id of (node.distribution as { columns?: Identifier[] } | undefined)?.columns ?? []) column(id);
}

function bindAlterTable(node: StatementNode, sink: BindSink, tables: Tables, lookup: Lookup): void {
  const current = lookup(node.name);
  if (!current) return;
  // A new version of the table, so statements before this one keep seeing the old columns.
  const table: BTable = { ...current, columns: [...current.columns] };
  tables.set(key(table.parts), table);
  const find = (name: unknown) => {
    const id = partsOf(name as { parts?: Identifier[] })[0];
    const col = table.columns.find((c) => c.name === id?.value);
    refer(sink, id, col?.symbol);
    return col;
  };
  switch (node.action) {
    case 'rename': {
      // A new name is a new table with the same columns; references before the rename keep the old one.
      const ids = partsOf(node.newName as { parts?: Identifier[] });
      if (!ids.length) return;
      tables.delete(key(table.parts));
      const renamed: BTable = { symbol: define(sink, 'table', ids[ids.length - 1]), parts: ids.map((p) => p.value), columns: table.columns };
      tables.set(key(renamed.parts), renamed);
      return;
    }
    case 'renameColumn': {
      const old = find(node.column);
      const id = partsOf(node.newColumnName as { parts?: Identifier[] })[0];
      if (!id) return;
      const col: BColumn = { name: id.value, symbol: define(sink, 'column', id), kind: old?.kind };
      table.columns = table.columns.map((c) => (c === old ? col : c));
      if (!old) table.columns.push(col);
      return;
    }
    case 'drop': {
      const dropped = node.dropped as { columns?: unknown[] } | undefined;
      for (const name of dropped?.columns ?? []) {
        const col = find(name);
        table.columns = table.columns.filter((c) => c !== col);
      }
      return;
    }
    case 'add':
    case 'modify': {
      const added: BColumn[] = [];
      for (const c of (node.columns as ColumnNode[] | undefined) ?? []) {
        if (!c?.name) continue;
        const existing = node.action === 'modify' ? table.columns.find((x) => x.name === c.name.value) : undefined;
        if (existing) refer(sink, c.name, existing.symbol);
        else added.push({ name: c.name.value, symbol: define(sink, 'column', c.name), kind: columnKind(c) });
        if (c.position?.kind === 'after') find(c.position.column);
      }
      table.columns = [...table.columns, ...added];
      bindSchemaClauses({ ...node, partitionedBy: undefined }, table, sink);
      return;
    }
  }
}

function columnKind(c: ColumnNode): BColumn['kind'] {
  return c.kind === 'computedColumn' ? 'computed' : c.kind === 'metadataColumn' ? 'metadata' : 'physical';
}

function isQuery(v: unknown): v is QueryNode {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'query';
}
