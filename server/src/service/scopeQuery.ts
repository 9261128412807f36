// Scope from statement trees: the FROM items visible at an offset (with aliases, CTEs, subqueries and window
// TVFs) and the output columns of a query (for views, CTAS, CTEs and derived tables).
import type { ExprNode, FromItem, QueryNode, SelectNode, StatementNode, TextSpan } from '../parser';
import type { ColumnInfo, Resolver, TableInfo } from './scope';

/** A table visible in a query, under the name the query uses for it. */
export interface ScopeEntry {
  alias: string;
  table: TableInfo;
}

type Text = (span: TextSpan) => string;

const WINDOW_TVFS = new Set(['TUMBLE', 'HOP', 'CUMULATE', 'SESSION']);
const WINDOW_COLUMNS: ColumnInfo[] = ['window_start', 'window_end', 'window_time'].map((name) => ({
  name, kind: 'computed', type: 'TIMESTAMP(3)', note: 'added by the window table-valued function',
}));

/** The output columns of a query. */
export function queryColumns(query: QueryNode, resolve: Resolver, text: Text): ColumnInfo[] {
  const inner = withCtes(query, resolve, text);
  return bodyColumns(query.body as unknown as Node, inner, text);
}

/** Tables visible at `rel` (statement-relative) in a statement tree, innermost SELECT first. */
export function treeScope(node: StatementNode, rel: number, resolve: Resolver, text: Text): ScopeEntry[] {
  const scopes: ScopeEntry[][] = [];
  const visit = (value: unknown, res: Resolver): void => {
    if (Array.isArray(value)) {
      for (const v of value) visit(v, res);
      return;
    }
    if (!isNode(value) || rel < value.start || rel > value.end) return;
    let r = res;
    if (value.kind === 'query') r = withCtes(value as unknown as QueryNode, res, text);
    if (value.kind === 'select') scopes.unshift(fromEntries((value as unknown as SelectNode).from, r, text));
    if (value.kind === 'createTable' && Array.isArray(value.columns) && value.name) {
      const own = ownTable(value as unknown as StatementNode, text);
      if (own) scopes.push([{ alias: own.name, table: own }]);
    }
    for (const child of Object.values(value)) if (typeof child === 'object' && child !== null) visit(child, r);
  };
  visit(node, resolve);
  return scopes.flat();
}

function ownTable(node: StatementNode, text: Text): TableInfo | undefined {
  const parts = node.name?.parts.map((p) => p.value) ?? [];
  if (!parts.length) return undefined;
  const cols = (node.columns as { name: { value: string }; type?: TextSpan; kind: string }[]).map((c): ColumnInfo => ({
    name: c.name.value,
    type: c.type ? text(c.type) : undefined,
    kind: c.kind === 'computedColumn' ? 'computed' : c.kind === 'metadataColumn' ? 'metadata' : 'physical',
  }));
  return { name: parts[parts.length - 1], path: parts, kind: 'table', columns: cols };
}

/** The entries of a FROM list. */
export function fromEntries(items: readonly FromItem[] | undefined, resolve: Resolver, text: Text): ScopeEntry[] {
  const out: ScopeEntry[] = [];
  const add = (item: FromItem | undefined): void => {
    if (!item) return;
    switch (item.kind) {
      case 'join':
        add(item.left);
        add(item.right);
        return;
      case 'tableRef': {
        const parts = item.name.parts.map((p) => p.value);
        const table = resolve(parts) ?? unresolved(parts);
        out.push({ alias: item.alias?.value ?? parts[parts.length - 1], table: aliased(table, item.columnAliases) });
        return;
      }
      case 'subquery': {
        if (!item.query || !item.alias) return;
        const columns = queryColumns(item.query, resolve, text);
        out.push({ alias: item.alias.value, table: aliased({ name: item.alias.value, path: [item.alias.value], kind: 'subquery', columns }, item.columnAliases) });
        return;
      }
      case 'tableFunction':
      case 'unnest': {
        const table = tvfTable(item.call, resolve);
        const name = item.alias?.value ?? (table && /\((.*)\)$/.exec(table.name)?.[1]);
        if (name) out.push({ alias: name, table: aliased(table ?? { name, path: [name], kind: 'subquery', columns: [] }, item.columnAliases) });
        return;
      }
      case 'matchRecognize':
        add(item.input);
        return;
    }
  };
  for (const item of items ?? []) add(item);
  return out;
}

/** `TUMBLE(TABLE t, …)` and friends: the input table's columns plus the window columns. */
function tvfTable(call: ExprNode | undefined, resolve: Resolver): TableInfo | undefined {
  if (!call || typeof call.name !== 'string' || !WINDOW_TVFS.has(call.name.toUpperCase())) return undefined;
  const arg = (call.args as ExprNode[] | undefined)?.find((a) => a.kind === 'tableArg');
  const name = arg?.name as { parts?: { value: string }[] } | undefined;
  const parts = name?.parts?.map((p) => p.value);
  const input = parts ? resolve(parts) : undefined;
  const base = parts?.[parts.length - 1] ?? '';
  const label = `${call.name.toUpperCase()}(${base})`;
  return { name: label, path: [label], kind: 'window TVF', columns: [...(input?.columns ?? []), ...WINDOW_COLUMNS] };
}

function unresolved(parts: string[]): TableInfo {
  return { name: parts[parts.length - 1], path: parts, kind: 'table', columns: [] };
}

function aliased(table: TableInfo, columnAliases: { value: string }[] | undefined): TableInfo {
  if (!columnAliases?.length) return table;
  return { ...table, columns: columnAliases.map((a, i) => ({ ...(table.columns[i] ?? { kind: 'unknown' as const }), name: a.value })) };
}

function withCtes(query: QueryNode, resolve: Resolver, text: Text): Resolver {
  if (!query.with?.length) return resolve;
  let r = resolve;
  for (const cte of query.with) {
    const outer = r;
    const columns = queryColumns(cte.query, outer, text);
    const names = cte.columns?.map((c) => c.value);
    const table: TableInfo = {
      name: cte.name.value, path: [cte.name.value], kind: 'cte',
      columns: names ? names.map((n, i) => ({ ...(columns[i] ?? { kind: 'unknown' as const }), name: n })) : columns,
    };
    r = (parts) => (parts.length === 1 && parts[0].toLowerCase() === table.name.toLowerCase() ? table : outer(parts));
  }
  return r;
}

interface Node extends TextSpan {
  kind: string;
  [key: string]: unknown;
}

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && typeof (v as Node).kind === 'string'
    && typeof (v as Node).start === 'number' && typeof (v as Node).end === 'number';
}

function bodyColumns(body: Node | undefined, resolve: Resolver, text: Text): ColumnInfo[] {
  if (!body) return [];
  if (body.kind === 'query') return queryColumns(body as unknown as QueryNode, resolve, text);
  if (body.kind === 'setOp') return bodyColumns(body.left as Node, resolve, text);
  if (body.kind === 'values') {
    const first = (body.rows as Node[] | undefined)?.[0];
    const n = Array.isArray(first?.items) ? first.items.length : 0;
    return Array.from({ length: n }, (_, i) => ({ name: `EXPR$${i}`, kind: 'unknown' }));
  }
  if (body.kind !== 'select') return [];
  const sel = body as unknown as SelectNode;
  const entries = fromEntries(sel.from, resolve, text);
  const out: ColumnInfo[] = [];
  sel.items.forEach((item, i) => {
    const e = item.expr;
    if (e.kind === 'star') {
      for (const en of entries) out.push(...en.table.columns);
      return;
    }
    if (e.kind === 'identifier' && e.star === true) {
      const parts = (e.parts as { value: string }[]).map((p) => p.value);
      const en = entries.find((x) => x.alias.toLowerCase() === parts[parts.length - 1]?.toLowerCase());
      if (en) out.push(...en.table.columns);
      return;
    }
    const source = sourceColumn(e, entries);
    const name = item.alias?.value ?? exprName(e) ?? `EXPR$${i}`;
    const type = source?.type ?? castType(e, text);
    out.push({ name, kind: 'physical', type, fields: source?.fields });
  });
  return out;
}

function exprName(e: ExprNode): string | undefined {
  if (e.kind === 'identifier') {
    const parts = e.parts as { value: string }[];
    return parts[parts.length - 1]?.value;
  }
  if (e.kind === 'field') return (e.field as { value?: string } | undefined)?.value;
  return undefined;
}

function castType(e: ExprNode, text: Text): string | undefined {
  if (e.kind !== 'call' || typeof e.name !== 'string' || !/^(TRY_)?CAST$/i.test(e.name)) return undefined;
  const t = e.type as TextSpan | undefined;
  return t ? text(t) : undefined;
}

/** The column a plain column reference (`a`, `o.a`) points at. */
export function sourceColumn(e: ExprNode, entries: readonly ScopeEntry[]): ColumnInfo | undefined {
  if (e.kind !== 'identifier') return undefined;
  const parts = (e.parts as { value: string }[]).map((p) => p.value);
  return lookupColumn(parts, entries)?.column;
}

/** Resolves `col`, `alias.col` or `alias.col.field` against scope entries. */
export function lookupColumn(parts: string[], entries: readonly ScopeEntry[]): { entry: ScopeEntry; column: ColumnInfo } | undefined {
  const eq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const descend = (col: ColumnInfo | undefined, rest: string[]): ColumnInfo | undefined => {
    let c = col;
    for (const f of rest) c = c?.fields?.find((x) => eq(x.name, f));
    return c;
  };
  if (parts.length >= 2) {
    const entry = entries.find((en) => eq(en.alias, parts[0]));
    if (entry) {
      const col = descend(entry.table.columns.find((c) => eq(c.name, parts[1])), parts.slice(2));
      if (col) return { entry, column: col };
    }
  }
  for (const entry of entries) {
    const col = descend(entry.table.columns.find((c) => c.name === parts[0]) ?? entry.table.columns.find((c) => eq(c.name, parts[0])), parts.slice(1));
    if (col) return { entry, column: col };
  }
  return undefined;
}
