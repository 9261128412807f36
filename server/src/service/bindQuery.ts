// Name binding inside queries for go to definition, references and rename: FROM items (tables, CTEs, aliases,
// subqueries, window TVFs), column references qualified or resolved through the scope, and the output columns of
// a query. Matches names as Flink does (case-sensitive, by value); binder.ts drives it statement by statement.
import type { ExprNode, FromItem, Identifier, QueryNode, SelectNode, TextSpan } from '../parser';

export type SymbolKind = 'table' | 'view' | 'materialized table' | 'cte' | 'column' | 'alias';

/** A name the draft defines. */
export interface DraftSymbol {
  kind: SymbolKind;
  name: string;
  /** Absolute span of the defining identifier. */
  def: TextSpan;
}

/** One identifier of the draft bound to a symbol (absolute span, backticks included). */
export interface Occurrence extends TextSpan {
  symbol: DraftSymbol;
  definition: boolean;
}

export interface BColumn {
  name: string;
  symbol?: DraftSymbol;
  kind?: 'physical' | 'computed' | 'metadata';
}

export interface BTable {
  symbol?: DraftSymbol;
  parts: string[];
  columns: BColumn[];
}

interface Entry {
  alias: string;
  /** What the qualifier `alias.` refers to: the alias, or the table when it has none. */
  symbol?: DraftSymbol;
  table: BTable;
}

/** What binding code shares: where occurrences go, how statement-relative spans become absolute, table lookup. */
export interface BindSink {
  base: number;
  out: Occurrence[];
  lookupTable(parts: string[]): BTable | undefined;
}

interface Ctx {
  sink: BindSink;
  ctes: ReadonlyMap<string, BTable>;
  /** Enclosing scopes, innermost first (correlated subqueries). */
  scopes: Entry[][];
}

export function define(sink: BindSink, kind: SymbolKind, id: Identifier): DraftSymbol {
  const symbol: DraftSymbol = { kind, name: id.value, def: { start: sink.base + id.start, end: sink.base + id.end } };
  sink.out.push({ ...symbol.def, symbol, definition: true });
  return symbol;
}

export function refer(sink: BindSink, id: Identifier | undefined, symbol: DraftSymbol | undefined): void {
  if (id && symbol) sink.out.push({ start: sink.base + id.start, end: sink.base + id.end, symbol, definition: false });
}

export function partsOf(name: { parts?: Identifier[] } | undefined): Identifier[] {
  return Array.isArray(name?.parts) ? name.parts.filter((p) => p && typeof p.value === 'string') : [];
}

/** Binds a query at statement level (no CTEs or scopes from outside). Returns its output columns. */
export function bindTopQuery(sink: BindSink, q: QueryNode, scope: Entry[] = []): BColumn[] {
  return bindQuery(q, { sink, ctes: new Map(), scopes: scope.length ? [scope] : [] });
}

/** Binds expressions that see only `table`'s columns (computed columns, watermarks, DELETE/UPDATE conditions). */
export function bindTableExpr(sink: BindSink, e: unknown, table: BTable, alias?: string, aliasSymbol?: DraftSymbol): void {
  const entry: Entry = { alias: alias ?? table.parts[table.parts.length - 1] ?? '', symbol: aliasSymbol ?? table.symbol, table };
  visitExpr(e, [[entry]], { sink, ctes: new Map(), scopes: [] });
}

/** A table reference by name (CTEs of the enclosing queries first); the occurrence goes on the last part. */
function tableRef(ctx: Ctx, name: { parts?: Identifier[] } | undefined): BTable | undefined {
  const ids = partsOf(name);
  if (!ids.length) return undefined;
  const parts = ids.map((p) => p.value);
  const table = (parts.length === 1 ? ctx.ctes.get(parts[0]) : undefined) ?? ctx.sink.lookupTable(parts);
  refer(ctx.sink, ids[ids.length - 1], table?.symbol);
  return table;
}

function bindQuery(q: QueryNode, ctx: Ctx): BColumn[] {
  let inner = ctx;
  for (const cte of q.with ?? []) {
    if (!cte?.name || !cte.query) continue;
    const symbol = define(ctx.sink, 'cte', cte.name);
    let columns = bindQuery(cte.query, inner);
    if (cte.columns?.length) columns = cte.columns.map((id) => ({ name: id.value, symbol: define(ctx.sink, 'column', id) }));
    const ctes = new Map(inner.ctes);
    ctes.set(cte.name.value, { symbol, parts: [cte.name.value], columns });
    inner = { ...inner, ctes };
  }
  const body = bindBody(q.body as unknown as Node, inner);
  if (q.orderBy?.length) {
    // ORDER BY sees the select list's names first, then the FROM items of the (last) SELECT.
    const outputs: Entry = { alias: '', table: { parts: [], columns: body.columns } };
    visitExpr(q.orderBy, [[outputs], body.scope, ...inner.scopes], inner);
  }
  return body.columns;
}

interface Node extends TextSpan {
  kind: string;
  [key: string]: unknown;
}

function bindBody(body: Node | undefined, ctx: Ctx): { columns: BColumn[]; scope: Entry[] } {
  if (!isNode(body)) return { columns: [], scope: [] };
  switch (body.kind) {
    case 'query':
      return { columns: bindQuery(body as unknown as QueryNode, ctx), scope: [] };
    case 'setOp': {
      const left = bindBody(body.left as Node, ctx);
      bindBody(body.right as Node, ctx);
      return left;
    }
    case 'select':
      return bindSelect(body as unknown as SelectNode, ctx);
    case 'explicitTable': {
      const table = tableRef(ctx, body.name as { parts?: Identifier[] });
      return { columns: table?.columns ?? [], scope: [] };
    }
    default:
      visitExpr(body, ctx.scopes, ctx);
      return { columns: [], scope: [] };
  }
}

function bindSelect(sel: SelectNode, ctx: Ctx): { columns: BColumn[]; scope: Entry[] } {
  const entries: Entry[] = [];
  for (const item of sel.from ?? []) bindFrom(item, entries, ctx);
  const scopes = [entries, ...ctx.scopes];
  const columns: BColumn[] = [];
  for (const item of sel.items ?? []) {
    const e = item?.expr;
    if (!e) continue;
    visitExpr(e, scopes, ctx);
    if (e.kind === 'star') {
      for (const en of entries) columns.push(...en.table.columns);
    } else if (e.kind === 'identifier' && e.star === true) {
      const q = (e.parts as Identifier[])[0]?.value;
      const en = entries.find((x) => x.alias === q);
      if (en) columns.push(...en.table.columns);
    } else if (item.alias) {
      columns.push({ name: item.alias.value, symbol: define(ctx.sink, 'column', item.alias) });
    } else if (e.kind === 'identifier') {
      const parts = e.parts as Identifier[];
      const hit = lookupColumn(parts.map((p) => p.value), scopes);
      // A ROW field (`t.r.f`) is named after the field and is not the column itself.
      columns.push({ name: parts[parts.length - 1].value, symbol: hit && hit.used === parts.length ? hit.column.symbol : undefined });
    } else {
      columns.push({ name: `EXPR$${columns.length}` });
    }
  }
  visitExpr([sel.where, sel.groupBy, sel.having], scopes, ctx);
  return { columns, scope: entries };
}

function bindFrom(item: FromItem | undefined, entries: Entry[], ctx: Ctx): void {
  if (!item) return;
  const withColumnAliases = (table: BTable, aliases: Identifier[] | undefined): BTable => (aliases?.length
    ? { ...table, columns: aliases.map((id) => ({ name: id.value, symbol: define(ctx.sink, 'column', id) })) }
    : table);
  // A derived table without an alias still lends its columns to unqualified references.
  const derived = (alias: Identifier | undefined, columns: BColumn[], aliases: Identifier[] | undefined): Entry => {
    const symbol = alias ? define(ctx.sink, 'alias', alias) : undefined;
    return { alias: alias?.value ?? '', symbol, table: withColumnAliases({ symbol, parts: alias ? [alias.value] : [], columns }, aliases) };
  };
  switch (item.kind) {
    case 'join':
      bindFrom(item.left, entries, ctx);
      bindFrom(item.right, entries, ctx);
      visitExpr(item.on, [entries, ...ctx.scopes], ctx);
      for (const id of item.using ?? []) {
        const hit = lookupColumn([id.value], [entries]);
        refer(ctx.sink, id, hit?.column.symbol);
      }
      return;
    case 'tableRef': {
      const ids = partsOf(item.name);
      const found = tableRef(ctx, item.name);
      const table = found ?? { parts: ids.map((p) => p.value), columns: [] };
      const aliasSym = item.alias ? define(ctx.sink, 'alias', item.alias) : undefined;
      if (item.systemTime) visitExpr(item.systemTime, [entries, ...ctx.scopes], ctx);
      entries.push({
        alias: item.alias?.value ?? table.parts[table.parts.length - 1] ?? '',
        symbol: aliasSym ?? found?.symbol,
        table: withColumnAliases(table, item.columnAliases),
      });
      return;
    }
    case 'subquery': {
      if (!item.query) return;
      const columns = bindQuery(item.query, { ...ctx, scopes: [entries, ...ctx.scopes] });
      entries.push(derived(item.alias, columns, item.columnAliases));
      return;
    }
    case 'tableFunction':
    case 'unnest': {
      const columns = bindTableCall(item.call, [entries, ...ctx.scopes], ctx);
      entries.push(derived(item.alias, columns, item.columnAliases));
      return;
    }
    case 'matchRecognize':
      // Its output (partition columns and measures) is not in the tree: bind the input only.
      bindFrom(item.input, [], ctx);
      return;
  }
}

const WINDOW_COLUMNS = ['window_start', 'window_end', 'window_time'];

/** `TUMBLE(TABLE t, DESCRIPTOR(ts), …)` and other table calls; returns the columns a window TVF passes on. */
function bindTableCall(call: ExprNode | undefined, scopes: Entry[][], ctx: Ctx): BColumn[] {
  if (!isNode(call)) return [];
  let input: BTable | undefined;
  const args = Array.isArray(call.args) ? (call.args as Node[]) : [];
  for (const raw of args) {
    const arg = raw?.kind === 'namedArg' ? (raw.value as Node) : raw;
    if (!isNode(arg)) continue;
    if (arg.kind === 'tableArg') {
      const table = arg.name ? tableRef(ctx, arg.name as { parts?: Identifier[] }) : undefined;
      if (!arg.name) visitExpr(arg.expr, scopes, ctx);
      input ??= table;
      const own = table ? [[{ alias: table.parts[table.parts.length - 1], symbol: table.symbol, table }], ...scopes] : scopes;
      visitExpr([arg.partitionBy, arg.orderBy], own, ctx);
    } else if (arg.kind === 'descriptor') {
      for (const id of (arg.columns as Identifier[] | undefined) ?? []) {
        refer(ctx.sink, id, input?.columns.find((c) => c.name === id.value)?.symbol);
      }
    } else visitExpr(arg, scopes, ctx);
  }
  const name = typeof call.name === 'string' ? call.name.toUpperCase() : '';
  if (!['TUMBLE', 'HOP', 'CUMULATE', 'SESSION'].includes(name)) return [];
  return [...(input?.columns ?? []), ...WINDOW_COLUMNS.map((n) => ({ name: n }))];
}

/** Resolves `col`, `alias.col` (and ROW fields after them); `used` is how many parts named the alias and column. */
function lookupColumn(parts: string[], scopes: Entry[][]): { entry: Entry; column: BColumn; used: number } | undefined {
  if (parts.length >= 2) {
    for (const entries of scopes) {
      const entry = entries.find((en) => en.alias === parts[0]);
      if (!entry) continue;
      const column = entry.table.columns.find((c) => c.name === parts[1]);
      if (column) return { entry, column, used: 2 };
      break;
    }
  }
  for (const entries of scopes) {
    for (const entry of entries) {
      const column = entry.table.columns.find((c) => c.name === parts[0]);
      if (column) return { entry, column, used: 1 };
    }
  }
  return undefined;
}

/** Every column reference below `value`; nested queries are bound with `scopes` as their enclosing scopes. */
function visitExpr(value: unknown, scopes: Entry[][], ctx: Ctx): void {
  if (Array.isArray(value)) {
    for (const v of value) visitExpr(v, scopes, ctx);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const node = value as Node;
  switch (node.kind) {
    case 'identifier': {
      const ids = partsOf(node as { parts?: Identifier[] });
      if (!ids.length) return;
      if (node.star === true) {
        const entry = scopes.flat().find((en) => en.alias === ids[0].value);
        refer(ctx.sink, ids[0], entry?.symbol);
        return;
      }
      const hit = lookupColumn(ids.map((p) => p.value), scopes);
      if (!hit) {
        // `o.x` of a table the draft does not define: the alias still is one.
        if (ids.length >= 2) refer(ctx.sink, ids[0], scopes.flat().find((en) => en.alias === ids[0].value)?.symbol);
        return;
      }
      if (hit.used === 2) refer(ctx.sink, ids[0], hit.entry.symbol);
      refer(ctx.sink, ids[hit.used - 1], hit.column.symbol);
      return;
    }
    case 'query':
      bindQuery(node as unknown as QueryNode, { ...ctx, scopes });
      return;
    case 'call':
      for (const [key, child] of Object.entries(node)) if (key !== 'callee') visitExpr(child, scopes, ctx);
      return;
    case 'field':
      visitExpr(node.operand, scopes, ctx);
      return;
    case 'namedArg':
      visitExpr(node.value, scopes, ctx);
      return;
    case 'tableArg':
    case 'descriptor':
      bindTableCall({ kind: 'call', name: '', args: [node], start: node.start, end: node.end }, scopes, ctx);
      return;
    case 'modelRef':
    case 'literal':
      return;
  }
  for (const child of Object.values(node)) if (typeof child === 'object' && child !== null) visitExpr(child, scopes, ctx);
}

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && typeof (v as Node).kind === 'string';
}
