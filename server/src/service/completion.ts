// Completion: keywords valid at the caret, tables and views of the draft (and of a live catalog when known),
// columns of the tables in scope (`o.` → that table's), Flink's built-in functions, data types and WITH options.
// Runs on every keystroke: it reads the analysis the LSP layer already holds and lexes only the caret's statement.
import type { UdfContext } from '../udf/types';
import { draftUdfs, udfDetail, udfMarkdown } from './udfs';
import {
  CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Position, type Range,
} from 'vscode-languageserver-types';
import { classify, type CaretContext } from './completionContext';
import { cursorAt, type Cursor } from './completionCursor';
import { DATA_TYPES } from './completionKeywords';
import type { FlinkVersion } from '../connectors/connectorCatalog';
import type { OptionCatalog } from './completionOptions';
import { optionCatalogFor } from './connectorOptions';
import type { AnalyzedDocument } from './document';
import { catalogTableInfo, resolver, tablesBefore, type CatalogTable, type ColumnInfo, type TableInfo } from './scope';
import { lookupColumn, treeScope, type ScopeEntry } from './scopeQuery';
import { schemaColumns, tokenCtes, tokenScope } from './scopeTokens';
import { builtinFunctions, functionDetail, functionMarkdown, type SqlFunction } from './sqlFunctions';
import { secretCompletion } from './secretChecks';

/** What the language service may know beyond the draft. */
export interface ServiceContext {
  /** Tables of a live Flink catalog (e.g. from the Catalogs view's cache). */
  catalogTables?: readonly CatalogTable[];
  catalogs?: readonly string[];
  /** Option keys and values for WITH / SET; the connector catalog of `flinkVersion` when absent. */
  options?: OptionCatalog;
  /** The Flink version the draft targets: chooses the connector catalog (default 2.3). */
  flinkVersion?: FlinkVersion;
  /** Names of the secrets the client stores (never values): `${secret:` completion, unknown-name warnings. */
  secretNames?: readonly string[];
  /** The functions of the draft's UDF artifacts (jar dependencies, Python modules), where known. */
  udfs?: UdfContext;
}

// Sort groups: what the context asks for first, keywords last.
const enum Group { Column = '0', Alias = '1', Table = '2', CatalogTable = '3', Function = '4', Type = '5', Keyword = '6' }

export function complete(doc: AnalyzedDocument, position: Position, context: ServiceContext = {}): CompletionItem[] {
  const secret = secretCompletion(doc, position, context);
  if (secret) return secret;
  const offset = doc.lines.offsetAt(position);
  const cur = cursorAt(doc, offset);
  const ctx = classify(cur);
  return new ItemBuilder(doc, cur, context).build(ctx);
}

class ItemBuilder {
  private readonly items: CompletionItem[] = [];
  private readonly seen = new Set<string>();
  private readonly range: Range;
  private readonly lower: boolean;
  private scopeCache?: ScopeEntry[];

  constructor(private readonly doc: AnalyzedDocument, private readonly cur: Cursor, private readonly context: ServiceContext) {
    this.range = doc.lines.rangeOf(cur.word.start, cur.word.end);
    // Keywords follow the case the user types in (`fro` → `from`), upper case otherwise.
    this.lower = cur.word.text.length > 0 && cur.word.text === cur.word.text.toLowerCase() && /[a-z]/.test(cur.word.text);
  }

  build(ctx: CaretContext): CompletionItem[] {
    if (ctx.option) {
      this.options(ctx.option);
      return this.items;
    }
    if (this.cur.qualifier.length) {
      // After `x.`: only members of x.
      if (ctx.tables) this.qualifiedTables(this.cur.qualifier);
      else if (ctx.expression || ctx.columns) this.qualifiedColumns(this.cur.qualifier);
      return this.items;
    }
    if (ctx.columns) this.columnNames(ctx.columns);
    if (ctx.expression) {
      for (const e of this.scope()) for (const c of e.table.columns) this.column(c, e);
      for (const e of this.scope()) this.alias(e);
      this.functions();
    }
    if (ctx.tableFunctions) this.tableFunctions();
    if (ctx.tables) this.tables();
    if (ctx.catalogs) this.catalogs();
    if (ctx.dataTypes) this.dataTypes();
    for (const k of ctx.keywords) this.keyword(k);
    if (ctx.keywords.includes('CREATE TABLE') && !this.cur.qualifier.length && !/\s/.test(this.cur.stmt?.text.trim() ?? '')) this.tableSnippets();
    return this.items;
  }

  private add(key: string, item: CompletionItem): void {
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.items.push(item);
  }

  private edit(newText: string, range = this.range) {
    return { textEdit: { range, newText } };
  }

  private keyword(k: string): void {
    const label = this.lower ? k.toLowerCase() : k;
    this.add(`k:${k}`, { label, kind: CompletionItemKind.Keyword, sortText: Group.Keyword + label, ...this.edit(label) });
  }

  // ---- scope ----

  private scope(): ScopeEntry[] {
    if (this.scopeCache) return this.scopeCache;
    const { stmt, tokens } = this.cur;
    const resolve = resolver(this.doc, stmt?.start ?? this.cur.offset, this.context.catalogTables);
    let entries: ScopeEntry[] = [];
    // A statement that parses cleanly has a tree with subqueries and CTE columns; the one being typed has tokens.
    if (stmt?.node && !stmt.diagnostics.some((d) => d.severity === 'error')) {
      const text = (s: { start: number; end: number }) => stmt.text.slice(s.start, s.end).replace(/\s+/g, ' ').trim();
      entries = treeScope(stmt.node, this.cur.offset - stmt.start, resolve, text);
    }
    if (!entries.length) entries = tokenScope(tokens, resolve, stmt?.text, this.cur.offset - this.cur.base);
    const own = stmt ? schemaColumns(tokens, stmt.text) : undefined;
    if (own) entries.push({ alias: own.name, table: { name: own.name, path: [own.name], kind: 'table', columns: own.columns } });
    this.scopeCache = entries;
    return entries;
  }

  private column(c: ColumnInfo, entry?: ScopeEntry, group: string = Group.Column): void {
    const detail = [c.type, entry ? `${entry.table.temporary ? 'temporary ' : ''}${entry.table.kind} ${entry.table.name}` : undefined].filter(Boolean).join(' — ');
    this.add(`c:${c.name}:${entry?.alias ?? ''}`, {
      label: c.name,
      kind: CompletionItemKind.Field,
      detail,
      documentation: c.note,
      sortText: group + c.name,
      ...this.edit(quoteIfNeeded(c.name)),
    });
  }

  private alias(e: ScopeEntry): void {
    this.add(`a:${e.alias}`, {
      label: e.alias,
      kind: CompletionItemKind.Reference,
      detail: e.alias === e.table.name ? e.table.kind : `${e.table.kind} ${e.table.name}`,
      sortText: Group.Alias + e.alias,
      ...this.edit(quoteIfNeeded(e.alias)),
    });
  }

  private columnNames(which: 'schema' | 'insertTarget' | 'scope'): void {
    const { tokens, stmt } = this.cur;
    if (which === 'schema') {
      const own = stmt ? schemaColumns(tokens, stmt.text) : undefined;
      if (own) for (const c of own.columns) this.column(c);
      else for (const e of this.scope()) for (const c of e.table.columns) this.column(c, e);
      return;
    }
    if (which === 'insertTarget') {
      const into = tokens.findIndex((t) => t.type === 'word' && (t.upper === 'INTO' || t.upper === 'OVERWRITE'));
      const parts: string[] = [];
      for (let i = into + 1; i < tokens.length; i += 2) {
        const t = tokens[i];
        if (!t || (t.type !== 'word' && t.type !== 'quoted')) break;
        parts.push(t.type === 'word' ? t.text : t.value ?? '');
        if (tokens[i + 1]?.text !== '.') break;
      }
      const target = parts.length ? resolver(this.doc, stmt?.start ?? 0, this.context.catalogTables)(parts) : undefined;
      const entry = target && { alias: target.name, table: target };
      for (const c of target?.columns ?? []) this.column(c, entry);
      return;
    }
    for (const e of this.scope()) for (const c of e.table.columns) this.column(c, e);
  }

  private qualifiedColumns(q: string[]): void {
    const scope = this.scope();
    const eq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
    let columns: ColumnInfo[] | undefined;
    let entry: ScopeEntry | undefined = scope.find((e) => eq(e.alias, q[0]));
    if (entry) {
      columns = entry.table.columns;
      for (const f of q.slice(1)) columns = columns?.find((c) => eq(c.name, f))?.fields;
    } else {
      const table = resolver(this.doc, this.cur.stmt?.start ?? this.cur.offset, this.context.catalogTables)(q);
      if (table) {
        entry = { alias: table.name, table };
        columns = table.columns;
      } else {
        // A ROW column: `buyer.` → its fields.
        const hit = lookupColumn(q, scope);
        columns = hit?.column.fields;
        entry = hit?.entry;
      }
    }
    for (const c of columns ?? []) this.column(c, entry);
  }

  // ---- tables ----

  private tables(): void {
    const offset = this.cur.stmt?.start ?? this.cur.offset;
    for (const t of tablesBefore(this.doc, offset)) this.table(t, Group.Table, t.path.length > 1 ? t.path.join('.') : t.name);
    for (const cte of tokenCtes(this.cur.tokens, this.cur.stmt?.text, resolver(this.doc, offset, this.context.catalogTables)).values()) this.table(cte, Group.Table, cte.name);
    for (const c of this.context.catalogTables ?? []) {
      const info = catalogTableInfo(c);
      this.table(info, Group.CatalogTable, c.current === false ? c.path.join('.') : info.name);
    }
  }

  private table(t: TableInfo, group: string, label: string): void {
    const kind = t.kind === 'view' || t.kind === 'catalog view' || t.kind === 'cte' ? CompletionItemKind.Interface : CompletionItemKind.Struct;
    const detail = [t.temporary ? `temporary ${t.kind}` : t.kind, t.connector && `'${t.connector}'`].filter(Boolean).join(' ');
    this.add(`t:${label.toLowerCase()}`, {
      label, kind, detail, sortText: group + label,
      documentation: t.columns.length ? { kind: MarkupKind.Markdown, value: columnsMarkdown(t) } : undefined,
      ...this.edit(label.split('.').map(quoteIfNeeded).join('.')),
    });
  }

  private qualifiedTables(q: string[]): void {
    const paths: string[][] = [
      ...tablesBefore(this.doc, this.cur.stmt?.start ?? this.cur.offset).map((t) => t.path),
      ...(this.context.catalogTables ?? []).map((c) => c.path),
    ];
    const eq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
    for (const p of paths) {
      if (p.length <= q.length || !q.every((part, i) => eq(part, p[i]))) continue;
      const next = p[q.length];
      const leaf = q.length === p.length - 1;
      this.add(`q:${next.toLowerCase()}`, {
        label: next,
        kind: leaf ? CompletionItemKind.Struct : CompletionItemKind.Module,
        detail: leaf ? 'table' : q.length === 0 ? 'catalog' : 'database',
        sortText: Group.Table + next,
        ...this.edit(quoteIfNeeded(next)),
      });
    }
  }

  private catalogs(): void {
    const names = new Set<string>(this.context.catalogs ?? []);
    for (const c of this.context.catalogTables ?? []) if (c.path.length === 3) names.add(c.path[0]);
    for (const s of this.doc.script.statements) {
      if (s.node?.kind === 'createCatalog' && s.node.name) names.add(s.node.name.parts.map((p) => p.value).join('.'));
    }
    for (const n of names) {
      this.add(`cat:${n}`, { label: n, kind: CompletionItemKind.Module, detail: 'catalog', sortText: Group.Table + n, ...this.edit(quoteIfNeeded(n)) });
    }
  }

  // ---- functions, types, options ----

  private functions(): void {
    for (const fn of builtinFunctions(this.version())) {
      if (isTableValued(fn)) continue; // offered inside TABLE( … )
      const label = this.lower ? fn.name.toLowerCase() : fn.name;
      this.add(`f:${fn.name}`, {
        label,
        kind: CompletionItemKind.Function,
        detail: functionDetail(fn),
        documentation: { kind: MarkupKind.Markdown, value: functionMarkdown(fn) },
        sortText: Group.Function + label,
        insertTextFormat: fn.niladic ? InsertTextFormat.PlainText : InsertTextFormat.Snippet,
        ...this.edit(fn.niladic ? label : `${label}($0)`),
      });
    }
    // Functions the draft registers (CREATE FUNCTION) before this statement, with their artifacts' signatures.
    for (const u of draftUdfs(this.doc, this.context.udfs, this.cur.stmt?.start ?? this.cur.offset).reverse()) {
      this.add(`f:${u.name.toUpperCase()}`, {
        label: u.name, kind: CompletionItemKind.Function, detail: udfDetail(u),
        documentation: { kind: MarkupKind.Markdown, value: udfMarkdown(u) },
        sortText: Group.Function + u.name, insertTextFormat: InsertTextFormat.Snippet, ...this.edit(`${quoteIfNeeded(u.name)}($0)`),
      });
    }
  }

  private tableFunctions(): void {
    for (const fn of builtinFunctions(this.version())) {
      if (!isTableValued(fn)) continue;
      const label = this.lower ? fn.name.toLowerCase() : fn.name;
      const args = fn.kind === 'window_table' ? 'TABLE $1, DESCRIPTOR($2), $0' : '$0';
      this.add(`f:${fn.name}`, {
        label, kind: CompletionItemKind.Function, detail: functionDetail(fn),
        documentation: { kind: MarkupKind.Markdown, value: functionMarkdown(fn) }, sortText: Group.Function + label,
        insertTextFormat: InsertTextFormat.Snippet, ...this.edit(`${label}(${args})`),
      });
    }
  }

  /** The draft's Flink version: the context's, else the one the document was parsed with. */
  private version(): FlinkVersion {
    return this.context.flinkVersion ?? this.doc.flinkVersion;
  }

  private dataTypes(): void {
    for (const t of DATA_TYPES) {
      const label = this.lower ? t.name.toLowerCase() : t.name;
      const snippet = t.snippet && (this.lower ? t.snippet.replace(/^[A-Z_]+/, (m) => m.toLowerCase()) : t.snippet);
      this.add(`ty:${t.name}`, {
        label, kind: CompletionItemKind.TypeParameter, detail: t.detail, sortText: Group.Type + label,
        insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        ...this.edit(snippet ?? label),
      });
    }
  }

  private catalog(): OptionCatalog {
    return this.context.options ?? optionCatalogFor(this.context.flinkVersion);
  }

  private tableSnippets(): void {
    for (const s of this.catalog().tableSnippets?.() ?? []) {
      const label = `CREATE TABLE … '${s.connector}'`;
      this.add(`s:${s.connector}`, {
        label, kind: CompletionItemKind.Snippet, detail: s.description, sortText: Group.Keyword + 'zz' + s.connector,
        filterText: `create table ${s.connector}`, documentation: { kind: MarkupKind.Markdown, value: '```flink-sql\n' + s.snippet.replace(/\$\{\d+:([^}]*)\}/g, '$1') + '\n```' },
        insertTextFormat: InsertTextFormat.Snippet, ...this.edit(s.snippet),
      });
    }
  }

  private options(o: NonNullable<CaretContext['option']>): void {
    const catalog = this.catalog();
    const own = !o.config && this.cur.stmt ? schemaColumns(this.cur.tokens, this.cur.stmt.text) : undefined;
    const table = { values: o.values ?? {}, columns: own?.columns.filter((c) => c.kind !== 'computed' && c.kind !== 'metadata').map((c) => c.name) ?? [] };
    const list = o.config ? catalog.configOptions() : catalog.tableOptions(o.connector, table);
    const str = this.cur.inString;
    // Inside a quoted key or value the edit replaces the string's content; elsewhere it inserts the quotes too.
    let range = this.range;
    if (str) {
      const start = this.cur.base + str.start + 1;
      const closedAt = str.text.length >= 2 && str.text.endsWith("'") ? this.cur.base + str.end - 1 : this.cur.offset;
      range = this.doc.lines.rangeOf(start, Math.max(start, closedAt));
    }
    if (o.part === 'key') {
      for (const opt of list) {
        if (o.existing.includes(opt.key)) continue;
        const text = str ? opt.key : `'${opt.key}' = '$1'`;
        const detail = [opt.required ? 'required' : undefined, opt.type, opt.defaultValue !== undefined ? `default: ${opt.defaultValue}` : undefined].filter(Boolean).join(' · ');
        this.add(`o:${opt.key}`, {
          label: opt.key, kind: CompletionItemKind.Property, detail: detail || undefined,
          documentation: opt.description, sortText: (opt.required ? '0' : opt.secondary ? '2' : '1') + opt.key, filterText: str ? opt.key : `'${opt.key}'`,
          insertTextFormat: str ? InsertTextFormat.PlainText : InsertTextFormat.Snippet, ...this.edit(text, range),
        });
      }
      return;
    }
    const opt = list.find((x) => x.key === o.key);
    const values = opt?.values ?? [];
    values.forEach((v, i) => {
      this.add(`v:${v}`, {
        label: v, kind: CompletionItemKind.EnumMember, sortText: String(i).padStart(3, '0'), filterText: str ? v : `'${v}'`,
        detail: opt?.valueDocs?.[v], documentation: opt?.valueDocs?.[v],
        ...this.edit(str ? v : `'${v}'`, range),
      });
    });
    (opt?.templates ?? []).forEach((v, i) => {
      this.add(`v:${v}`, {
        label: v, kind: CompletionItemKind.Value, detail: `${opt?.type ?? ''} template`.trim(), sortText: '1' + String(i).padStart(3, '0'),
        filterText: str ? v : `'${v}'`, ...this.edit(str ? v : `'${v}'`, range),
      });
    });
  }
}

/** Back-quotes names that are not plain identifiers. */
function quoteIfNeeded(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_$]*$/.test(name) ? name : '`' + name.replace(/`/g, '``') + '`';
}

export function columnsMarkdown(t: TableInfo): string {
  const rows = t.columns.map((c) => `| ${c.name} | ${c.type ?? ''} | ${c.note ?? ''} |`);
  return ['| column | type | |', '|---|---|---|', ...rows].join('\n');
}

/** Window TVFs, table and process-table functions: called in FROM TABLE( … ), not in expressions. */
function isTableValued(fn: SqlFunction): boolean {
  return fn.kind === 'window_table' || fn.kind === 'table' || fn.kind === 'process_table' || fn.kind === 'async_table';
}
