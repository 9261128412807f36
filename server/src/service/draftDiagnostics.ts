// Checks across a draft's statements: a table defined twice, a name used but defined nowhere while a draft table
// is one edit away ("did you mean orders_sink"), INSERT column counts and type families against the target's
// schema, and columns a query reads from a draft table that does not have them. Only what the draft itself
// proves: a table from a catalog we have not read, or a type we cannot infer, is never guessed at.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { catalogFor, closest, type ConnectorIndex } from '../connectors/connectorCatalog';
import { metadataWriteProblem } from '../connectors/connectorRules';
import { walk, type Identifier, type InsertNode, type ParsedStatement, type QualifiedName, type QueryNode, type SelectNode, type StatementNode, type TextSpan, type WalkNode } from '../parser';
import type { ServiceContext } from './completion';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import type { AnalyzedDocument } from './document';
import { draftDefinitions, resolver, type ColumnInfo, type Resolver, type TableInfo } from './scope';
import { NameSuggestions } from './nameSuggestions';
import { fromEntries, queryColumns } from './scopeQuery';
import { tableDefinitionDiagnostics } from './tableDefinitionChecks';
import { tableUses } from './tableUses';

type Push = (start: number, end: number, severity: DiagnosticSeverity, code: string, message: string, data?: unknown) => void;

interface Relative {
  start: number;
  end: number;
  severity: DiagnosticSeverity;
  code: string;
  message: string;
  data?: unknown;
  /** A name defined nowhere: reported only when a draft name is close to it (decided when the findings are given). */
  undefinedName?: string;
}

const NO_CATALOG: object = {};

/** What a statement's checks found, and every name they resolved with what it resolved to. */
interface Checked {
  found: Relative[];
  lookups: { parts: string[]; table: TableInfo | undefined }[];
}
/**
 * Findings per statement tree (the parser's cache hands back the same tree for the same text), per catalog, kept
 * while every name the checks resolved still resolves to the same table (draftDefinitions keeps a definition's
 * TableInfo while it does not change): a keystroke re-checks the statement it changed and those using a table it
 * changed, not the draft. The "did you mean" for a name defined nowhere is looked up when the findings are given.
 */
const byTree = new WeakMap<object, WeakMap<object, WeakMap<StatementNode, Checked>>>();
const suggestions = new NameSuggestions();

export function draftDiagnostics(doc: AnalyzedDocument, context: ServiceContext = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  const push: Push = (start, end, severity, code, message, data) =>
    out.push({ range: doc.lines.rangeOf(start, end), severity, source: DIAGNOSTIC_SOURCE, code, message, ...(data ? { data } : {}) });
  duplicateTables(doc, push);
  out.push(...tableDefinitionDiagnostics(doc, context));
  const names = [...new Set(draftDefinitions(doc).map((d) => d.table.name))];
  const catalogKey = context.catalogTables ?? NO_CATALOG;
  // the connector catalog of the draft's version says which connectors read and which write
  const index = catalogFor(context.flinkVersion ?? doc.flinkVersion);
  let byIndex = byTree.get(catalogKey);
  if (!byIndex) byTree.set(catalogKey, (byIndex = new WeakMap()));
  let checkedByTree = byIndex.get(index ?? NO_CATALOG);
  if (!checkedByTree) byIndex.set(index ?? NO_CATALOG, (checkedByTree = new WeakMap()));
  const catalogs = context.catalogs?.length ? ` nor in the catalogs (${context.catalogs.join(', ')})` : '';
  droppedTables(doc, context, push);
  for (const stmt of doc.script.statements) {
    const node = stmt.node;
    if (!node || stmt.diagnostics.some((d) => d.severity === 'error')) continue;
    if (node.kind !== 'insert' && node.kind !== 'query' && node.kind !== 'createView' && node.kind !== 'statementSet') continue;
    const resolve = resolver(doc, stmt.start, context.catalogTables);
    let checked = checkedByTree.get(node);
    if (!checked || !checked.lookups.every((l) => resolve(l.parts) === l.table)) {
      const lookups: Checked['lookups'] = [];
      // each name once: the checks resolve the same names several times, and every keystroke re-validates the list
      const seen = new Map<string, TableInfo | undefined>();
      const recording: Resolver = (parts) => {
        const key = parts.join('\u0000');
        if (seen.has(key)) return seen.get(key);
        const table = resolve(parts);
        seen.set(key, table);
        lookups.push({ parts, table });
        return table;
      };
      checked = { found: statementChecks(stmt, recording, index), lookups };
      checkedByTree.set(node, checked);
    }
    for (const r of checked.found) {
      if (r.undefinedName === undefined) {
        push(stmt.start + r.start, stmt.start + r.end, r.severity, r.code, r.message, r.data);
        continue;
      }
      const suggestion = suggestions.suggest(r.undefinedName, names);
      // without one, the unknown-table check (once catalogs are read) covers the name
      if (suggestion) {
        push(stmt.start + r.start, stmt.start + r.end, r.severity, r.code,
          `Table '${r.undefinedName}' is not defined in this draft${catalogs}. Did you mean '${suggestion}'?`, { fix: 'replace', text: suggestion });
      }
    }
  }
  return out;
}

/** The checks of one statement; `resolve` is their only view of other statements and the catalogs. */
function statementChecks(stmt: ParsedStatement, resolve: Resolver, index: ConnectorIndex | undefined): Relative[] {
  const node = stmt.node!;
  const found: Relative[] = [];
  const push: Push = (start, end, severity, code, message, data) => found.push({ start, end, severity, code, message, ...(data ? { data } : {}) });
  const text = (s: TextSpan) => stmt.text.slice(s.start, s.end).replace(/\s+/g, ' ').trim();
  const ctes = new Set<string>();
  const parents = new Map<WalkNode, WalkNode | undefined>();
  walk(node, (n, p) => {
    parents.set(n, p);
    if (n.kind === 'query') for (const c of (n as unknown as QueryNode).with ?? []) ctes.add(c.name.value.toLowerCase());
  });
  const nested = (n: WalkNode) => {
    // inside another SELECT (a FROM subquery or an expression's: EXISTS, IN, scalar) a name may be the outer query's
    for (let p = parents.get(n); p; p = parents.get(p)) if (p.kind === 'subquery' || p.kind === 'select') return true;
    return false;
  };
  walk(node, (n) => {
    if (n.kind === 'insert') insertChecks(n as unknown as InsertNode, 0, resolve, text, push);
    const ref = n.kind === 'tableRef' ? (n as unknown as { name: QualifiedName }).name : n.kind === 'insert' ? (n as unknown as InsertNode).target : undefined;
    if (ref) {
      undefinedName(ref, resolve, ctes, found);
      tableUseChecks(ref, n.kind === 'insert' ? 'sink' : 'source', resolve, ctes, index, push);
    }
    if (n.kind === 'select') columnChecks(n as unknown as SelectNode, 0, resolve, text, nested(n), push);
  });
  return found;
}

/** The dotted name of a CREATE or DROP, by tree (the same tree for an unchanged statement). */
const pathByTree = new WeakMap<object, { path: string; key: string; temporaryKey: string }>();

function duplicateTables(doc: AnalyzedDocument, push: Push): void {
  const seen = new Map<string, { start: number }>();
  for (const stmt of doc.script.statements) {
    const node = stmt.node;
    if (!node?.name || (node.kind !== 'createTable' && node.kind !== 'createView' && node.kind !== 'drop')) continue;
    if (stmt.diagnostics.some((d) => d.severity === 'error')) continue;
    let names = pathByTree.get(node);
    if (!names) {
      const path = node.name.parts.map((p) => p.value).join('.');
      // the keys are made once per tree: the same strings (hashed once) on every keystroke
      pathByTree.set(node, (names = { path, key: `${node.temporary === true ? 'temporary ' : ''}${path}`, temporaryKey: `temporary ${path}` }));
    }
    const { path, key } = names;
    const temporary = node.temporary === true ? 'temporary ' : '';
    if (node.kind === 'drop' && (node.objectType === 'table' || node.objectType === 'view')) {
      seen.delete(path);
      seen.delete(names.temporaryKey);
      continue;
    }
    if (node.kind !== 'createTable' && node.kind !== 'createView') continue;
    const first = seen.get(key);
    if (first && node.ifNotExists !== true && node.orReplace !== true && node.replace !== true) {
      push(stmt.start + node.name.start, stmt.start + node.name.end, DiagnosticSeverity.Error, 'duplicate-table',
        `${temporary ? 'Temporary table' : 'Table'} '${path}' is already defined on line ${doc.lines.positionAt(first.start).line + 1}; Flink fails this CREATE because the ${temporary}table already exists ` +
        `(${node.kind === 'createTable' ? temporary ? `"Temporary table '${path}' already exists"` : `"Table (or view) ${path} already exists in Catalog …"` : 'the name is taken'}). ` +
        'Rename one of them, or use CREATE TABLE IF NOT EXISTS / CREATE OR REPLACE.');
      continue;
    }
    seen.set(key, { start: stmt.start });
  }
}

/**
 * A table read or written after the draft dropped it: "Object 'clicks' not found". Certain (an error) for a permanent
 * table the draft created and dropped (the CREATE succeeded, so no other table of that name was there); a warning
 * for a temporary one, which may have hidden a permanent table of the same name.
 */
function droppedTables(doc: AnalyzedDocument, context: ServiceContext, push: Push): void {
  let drops: { path: string; key: string; temporary: boolean; start: number }[] | undefined;
  for (const stmt of doc.script.statements) {
    const node = stmt.node;
    if (node?.kind === 'drop' && (node.objectType === 'table' || node.objectType === 'view') && node.name) {
      const parts = node.name.parts.map((p) => p.value);
      (drops ??= []).push({ path: parts.join('.'), key: parts[parts.length - 1].toLowerCase(), temporary: node.temporary === true, start: stmt.start });
    }
  }
  if (!drops) return;
  const defs = draftDefinitions(doc);
  const dropped = new Set(drops.map((d) => d.key));
  for (const stmt of doc.script.statements) {
    if (!stmt.node || stmt.start <= drops[0].start || stmt.diagnostics.some((d) => d.severity === 'error')) continue;
    let resolve: Resolver | undefined;
    for (const use of tableUses(stmt.node)) {
      if ((use.kind !== 'read' && use.kind !== 'write' && use.kind !== 'like') || !dropped.has(use.key)) continue;
      const written = use.parts.join('.');
      let drop: (typeof drops)[number] | undefined;
      for (const d of drops) if (d.start < stmt.start && d.path === written) drop = d;
      if (!drop) continue;
      resolve ??= resolver(doc, stmt.start, context.catalogTables);
      const table = resolve(use.parts);
      const def = table && defs.find((d) => d.table === table);
      // re-created after the drop, or never a draft table (a catalog's): not ours to say
      if (!def || def.statementStart > drop.start || table.name !== use.parts[use.parts.length - 1]) continue;
      if ((table.temporary === true) !== drop.temporary) continue;
      push(stmt.start + use.start, stmt.start + use.end, drop.temporary ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, 'dropped-table',
        `Object '${written}' not found: the draft drops ${drop.temporary ? 'the temporary table' : 'it'} on line ${doc.lines.positionAt(drop.start).line + 1}, before this statement` +
        (drop.temporary ? ' (unless a permanent table of that name is left under it).' : '.'));
    }
  }
}

/** A one-part name (4+ characters) that is no CTE and resolves nowhere: kept for "did you mean" (see draftDiagnostics). */
function undefinedName(name: QualifiedName, resolve: Resolver, ctes: Set<string>, found: Relative[]): void {
  const parts = name.parts.map((p) => p.value);
  if (parts.length !== 1 || parts[0].length < 4 || ctes.has(parts[0].toLowerCase()) || resolve(parts)) return;
  found.push({ start: name.start, end: name.end, severity: DiagnosticSeverity.Warning, code: 'undefined-table', message: '', undefinedName: parts[0] });
}

/**
 * A draft table read or written against its connector's kinds (FactoryUtil#enrichNoMatchingConnectorError: "Connector
 * 'datagen' can only be used as a source. It cannot be used as a sink."), for connectors whose kinds come from their
 * jar; and a draft table's name written in another case (Flink resolves identifiers case-sensitively).
 */
function tableUseChecks(name: QualifiedName, role: 'source' | 'sink', resolve: Resolver, ctes: Set<string>, index: ConnectorIndex | undefined, push: Push): void {
  const parts = name.parts.map((p) => p.value);
  if (parts.length === 1 && ctes.has(parts[0].toLowerCase())) return;
  const table = resolve(parts);
  if (!table?.inDraft) return;
  const last = name.parts[name.parts.length - 1];
  if (last.value !== table.name && last.value.toLowerCase() === table.name.toLowerCase()) {
    // a catalog could hold a table of exactly this name: a warning
    push(last.start, last.end, DiagnosticSeverity.Warning, 'table-name-case',
      `Object '${last.value}' not found; did you mean '${table.name}'? Flink matches table names case-sensitively, and this draft defines '${table.name}'.`,
      { fix: 'replace', text: table.name });
    return;
  }
  if (table.kind !== 'table' || !table.connector || !index) return;
  const factory = index.factory(table.connector, 'connector');
  if (!factory || factory.source !== 'jar') return;
  const reads = factory.kinds.includes('source') || factory.kinds.includes('lookup');
  const writes = factory.kinds.includes('sink');
  if (role === 'sink' && writes) {
    for (const c of table.columns) {
      if (c.kind !== 'metadata' || /\bVIRTUAL\b/.test(c.note ?? '')) continue;
      const problem = metadataWriteProblem({ name: table.name, connector: table.connector }, c.name, /FROM '((?:[^']|'')*)'/.exec(c.note ?? '')?.[1].replace(/''/g, "'") ?? c.name);
      if (problem) push(name.start, name.end, DiagnosticSeverity.Error, 'unknown-metadata-key', problem);
    }
  }
  if (role === 'sink' && !writes && reads) {
    push(name.start, name.end, DiagnosticSeverity.Error, 'connector-not-sink',
      `Connector '${table.connector}' can only be used as a source. It cannot be used as a sink: '${table.name}' cannot be the target of an INSERT.`);
  } else if (role === 'source' && !reads && writes) {
    push(name.start, name.end, DiagnosticSeverity.Error, 'connector-not-source',
      `Connector '${table.connector}' can only be used as a sink. It cannot be used as a source: '${table.name}' cannot be read by a query.`);
  }
}

// ---- INSERT ----

const FAMILIES: [RegExp, string][] = [
  [/^(TINYINT|SMALLINT|INT|INTEGER|BIGINT|FLOAT|REAL|DOUBLE|DECIMAL|DEC|NUMERIC)\b/, 'numeric'],
  [/^(CHAR|VARCHAR|STRING|CHARACTER)\b/, 'character string'],
  [/^(BINARY|VARBINARY|BYTES)\b/, 'binary string'],
  [/^BOOLEAN\b/, 'boolean'],
  [/^(DATE|TIME|TIMESTAMP|TIMESTAMP_LTZ)\b/, 'datetime'],
  [/^INTERVAL\b/, 'interval'],
  [/^(ROW|ARRAY|MAP|MULTISET)\b/, 'constructed'],
];

function family(type: string | undefined): string | undefined {
  const t = type?.trim().toUpperCase();
  if (!t) return undefined;
  for (const [re, f] of FAMILIES) if (re.test(t)) return f === 'constructed' ? t.split(/[<(\s]/)[0] : f;
  return undefined;
}

function writable(c: ColumnInfo): boolean {
  return c.kind === 'physical' || c.kind === 'unknown' || (c.kind === 'metadata' && !/\bVIRTUAL\b/.test(c.note ?? ''));
}

function insertChecks(ins: InsertNode, base: number, resolve: Resolver, text: (s: TextSpan) => string, push: Push): void {
  const target = resolve(ins.target.parts.map((p) => p.value));
  if (!target || target.kind !== 'table' || !target.columns.length || !ins.query) return;
  let sink: (ColumnInfo | undefined)[];
  if (ins.columns?.length) {
    sink = ins.columns.map((c) => target.columns.find((x) => x.name === c.value));
    // Calcite's "Unknown target column 'x'" (SqlValidatorImpl#getTargetField, case-sensitive): certain for a draft table
    if (target.inDraft && target.columns.every((c) => c.kind !== 'unknown') && sink.some((c) => !c)) {
      const names = target.columns.map((c) => c.name);
      ins.columns.forEach((c, i) => {
        if (sink[i]) return;
        const hint = names.find((n) => n.toLowerCase() === c.value.toLowerCase()) ?? closest(c.value, names);
        push(base + c.start, base + c.end, DiagnosticSeverity.Error, 'unknown-target-column',
          `Unknown target column '${c.value}': '${target.name}' has ${names.join(', ')}.${hint ? ` Did you mean '${hint}'?` : ''}`, hint ? { fix: 'replace', text: hint } : undefined);
      });
      return;
    }
  } else {
    const fixed = new Set((ins.partition ?? []).filter((p) => p.value).map((p) => p.name.value));
    sink = target.columns.filter((c) => writable(c) && !fixed.has(c.name));
  }
  const source = queryColumns(ins.query, resolve, text);
  if (hasUnresolvedStar(ins.query, resolve) || !source.length) return;
  const name = target.path.join('.');
  // On the INSERT's target, where Validate puts Flink's "Column types of query result and sink … do not match".
  const span = ins.target;
  if (source.length !== sink.length && ins.columns?.length) {
    // with a column list Calcite compares the query to the list, and says so on the query (SqlValidatorImpl#checkFieldCount)
    push(base + ins.query.start, base + ins.query.end, DiagnosticSeverity.Error, 'insert-column-count',
      `Number of columns must match number of query columns: the query produces ${source.length}, the column list of '${name}' names ${sink.length} ` +
      `(${ins.columns.map((c) => c.value).join(', ')}). Query schema: [${source.map((c) => c.name).join(', ')}].`);
    return;
  }
  if (source.length !== sink.length) {
    const list = ins.partition?.length ? ' (without the static PARTITION columns)' : '';
    push(base + span.start, base + span.end, DiagnosticSeverity.Error, 'insert-column-count',
      `Column types of query result and sink for '${name}' do not match. Cause: Different number of columns: the query produces ${source.length}, ` +
      `'${name}' takes ${sink.length}${list}. Query schema: [${source.map((c) => c.name).join(', ')}]; sink schema: [${sink.map((c) => c?.name ?? '?').join(', ')}].`);
    return;
  }
  source.forEach((q, i) => {
    const s = sink[i];
    const qf = family(q.type);
    const sf = family(s?.type);
    if (!qf || !sf || qf === sf) return;
    // Types come from declared columns and CASTs only, and no type converts implicitly into another family
    // (LogicalTypeCasts#supportsImplicitCast): certain for a sink the draft defines.
    push(base + span.start, base + span.end, target.inDraft ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, 'insert-type-mismatch',
      `Column types of query result and sink for '${name}' do not match. Cause: Incompatible types for sink column '${s!.name}' at position ${i}. ` +
      `Column ${i + 1} of the query ('${q.name}', ${q.type}) is a ${qf} value, '${s!.name}' ${s!.type} a ${sf} column: a ${qf} value cannot be written to a ${sf} column. CAST it, or reorder the columns.`);
  });
}

function hasUnresolvedStar(query: QueryNode, resolve: Resolver): boolean {
  let star = false;
  let unresolved = false;
  walk(query, (n) => {
    if (n.kind === 'star' || (n.kind === 'identifier' && (n as { star?: unknown }).star === true)) star = true;
    if (n.kind === 'tableRef') {
      const t = resolve((n as unknown as { name: QualifiedName }).name.parts.map((p) => p.value));
      if (!t || !t.columns.length) unresolved = true;
    }
  });
  return star && unresolved;
}

// ---- columns of a query ----

function refNames(from: SelectNode['from']): Set<string> {
  const names = new Set<string>();
  walk(from, (n) => {
    if (n.kind === 'subquery') return false;
    if (n.kind === 'tableRef') {
      const parts = (n as unknown as { name: QualifiedName }).name.parts;
      names.add(parts[parts.length - 1].value);
    }
  });
  return names;
}

const known = (t: TableInfo) => t.kind === 'table' && t.inDraft === true && t.columns.length > 0 && t.columns.every((c) => c.kind !== 'unknown');

/**
 * Every output column of `query` is known: its FROM items are draft tables with all columns known, subqueries of
 * the same kind, or a window TVF over such a table, so `*` expands to what Flink expands it to.
 */
function complete(query: QueryNode | undefined, resolve: Resolver): boolean {
  if (!query || query.with?.length) return false;
  const body = query.body as unknown as { kind: string; from?: SelectNode['from']; left?: unknown };
  if (body.kind !== 'select') return false;
  return (body.from ?? []).every((item) => completeItem(item, resolve));
}

function completeItem(item: NonNullable<SelectNode['from']>[number] | undefined, resolve: Resolver): boolean {
  if (!item) return false;
  switch (item.kind) {
    case 'tableRef': {
      const t = resolve(item.name.parts.map((p) => p.value));
      return !!t && known(t) && t.name === item.name.parts[item.name.parts.length - 1].value;
    }
    case 'join':
      return completeItem(item.left, resolve) && completeItem(item.right, resolve);
    case 'subquery':
      // queryColumns expands `*` over aliased subqueries only (scopeQuery's fromEntries)
      return !!item.alias && complete(item.query, resolve);
    case 'tableFunction':
      return windowInput(item, resolve) !== undefined;
    default:
      return false;
  }
}

const WINDOW_TVFS = new Set(['TUMBLE', 'HOP', 'CUMULATE', 'SESSION']);

/** The draft table a window TVF (`TABLE(TUMBLE(TABLE t, …))`) reads, when all its columns are known. */
function windowInput(item: { call?: unknown }, resolve: Resolver): TableInfo | undefined {
  const call = item.call as { name?: unknown; args?: { kind: string; name?: QualifiedName }[] } | undefined;
  if (!call || typeof call.name !== 'string' || !WINDOW_TVFS.has(call.name.toUpperCase())) return undefined;
  const arg = call.args?.find((a) => a.kind === 'tableArg');
  const parts = arg?.name?.parts;
  if (!parts?.length) return undefined;
  const t = resolve(parts.map((p) => p.value));
  return t && known(t) && t.name === parts[parts.length - 1].value ? t : undefined;
}

/** The one FROM item of a SELECT with all its columns known: a draft table, a subquery (aliased or not) or a window TVF. */
function soleSource(select: SelectNode, entries: ReturnType<typeof fromEntries>, resolve: Resolver, text: (s: TextSpan) => string): { name: string; columns: ColumnInfo[] } | undefined {
  if (select.from?.length !== 1) return undefined;
  const item = select.from[0];
  if (item.kind === 'tableRef') return entries.length === 1 && known(entries[0].table) ? { name: entries[0].table.name, columns: entries[0].table.columns } : undefined;
  if (item.kind === 'subquery') {
    if (!complete(item.query, resolve)) return undefined;
    let columns = queryColumns(item.query!, resolve, text);
    if (item.columnAliases?.length) columns = item.columnAliases.map((a, i) => ({ ...(columns[i] ?? { kind: 'unknown' as const }), name: a.value }));
    return columns.length && columns.every((c) => c.kind !== 'unknown') ? { name: item.alias?.value ?? 'the subquery', columns } : undefined;
  }
  if (item.kind === 'tableFunction' && !item.columnAliases?.length) {
    const input = windowInput(item, resolve);
    const entry = entries.find((e) => e.table.kind === 'window TVF');
    return input && entry ? { name: entry.table.name, columns: entry.table.columns } : undefined;
  }
  return undefined;
}

/** The FROM list's leaves are all tables and aliased subqueries: every name a qualified column may start with is an entry. */
function plainFrom(items: SelectNode['from']): boolean {
  const ok = (item: NonNullable<SelectNode['from']>[number] | undefined): boolean =>
    !!item && (item.kind === 'tableRef' || (item.kind === 'subquery' && !!item.alias) || (item.kind === 'join' && ok(item.left) && ok(item.right)));
  return !!items?.length && items.every(ok);
}

/**
 * Columns a SELECT reads that its FROM items (draft tables with all columns known, or subqueries and window TVFs
 * over them) lack, and qualifiers that name no FROM item. Select-list aliases are visible in GROUP BY and HAVING
 * only (not in WHERE, as Calcite validates Flink's queries).
 */
function columnChecks(select: SelectNode, base: number, resolve: Resolver, text: (s: TextSpan) => string, nested: boolean, push: Push): void {
  // Only tables the query names exactly as defined (Flink resolves identifiers case-sensitively).
  const entries = fromEntries(select.from, resolve, text).filter((e) => e.table.kind !== 'table' || refNames(select.from).has(e.table.name));
  const single = nested ? undefined : soleSource(select, entries, resolve, text);
  const qualifiable = !nested && plainFrom(select.from) && entries.every((e) => known(e.table) || (e.table.kind === 'subquery' && e.table.columns.length > 0 && e.table.columns.every((c) => c.kind !== 'unknown')));
  const aliases = new Set(select.items.map((i) => i.alias?.value).filter((a): a is string => !!a));
  const callees = new Set<unknown>();
  const visit = (root: unknown, aliasesVisible: boolean) => walk(root, (n) => {
    if (n.kind === 'subquery' || n.kind === 'query' || n.kind === 'tableRef') return false;
    if (n.kind === 'call' || n.kind === 'windowRef') callees.add((n as { callee?: unknown }).callee ?? (n as { name?: unknown }).name);
    if (n.kind !== 'identifier' || (n as { star?: unknown }).star === true || callees.has(n)) return;
    const parts = (n as unknown as { parts: Identifier[] }).parts;
    if (parts.length >= 2) {
      const entry = entries.find((e) => e.alias === parts[0].value);
      if (!entry) {
        // a qualifier that is no FROM item (nor a ROW column of one): Calcite's "Table 'x' not found"
        if (parts.length !== 2 || !qualifiable || entries.some((e) => e.table.columns.some((c) => c.name === parts[0].value))) return false;
        const renamed = entries.find((e) => e.table.kind === 'table' && e.table.name === parts[0].value && e.alias !== e.table.name);
        const hint = renamed?.alias ?? entries.map((e) => e.alias).find((a) => a.toLowerCase() === parts[0].value.toLowerCase());
        push(base + parts[0].start, base + parts[0].end, DiagnosticSeverity.Error, 'unknown-qualifier',
          `Table '${parts[0].value}' not found${renamed ? `: the FROM clause renames '${parts[0].value}' to '${renamed.alias}', and only the alias names it in this query` : ` in the FROM clause (${entries.map((e) => e.alias).join(', ')})`}.`,
          hint ? { fix: 'replace', text: hint } : undefined);
        return false;
      }
      if (!known(entry.table) && !(entry.table.kind === 'subquery' && qualifiable)) return false;
      if (!entry.table.columns.some((c) => c.name === parts[1].value)) {
        const names = entry.table.columns.map((c) => c.name);
        const hint = names.find((c) => c.toLowerCase() === parts[1].value.toLowerCase()) ?? closest(parts[1].value, names);
        push(base + parts[1].start, base + parts[1].end, DiagnosticSeverity.Error, 'unknown-column',
          `Column '${parts[0].value}.${parts[1].value}' not found in table '${parts[0].value}'${hint ? `; did you mean '${hint}'?` : ` (columns: ${names.join(', ')}).`}`,
          hint ? { fix: 'replace', text: hint } : undefined);
      }
      return false;
    }
    if (!single || (aliasesVisible && aliases.has(parts[0].value))) return false;
    if (single.columns.some((c) => c.name === parts[0].value)) return false;
    const names = single.columns.map((c) => c.name);
    // Calcite's own "did you mean" is for a name that differs in case only (Flink resolves names case-sensitively)
    const cased = names.find((c) => c.toLowerCase() === parts[0].value.toLowerCase());
    const hint = cased ?? closest(parts[0].value, names);
    const alias = aliases.has(parts[0].value) ? ` '${parts[0].value}' is an alias of the select list, which WHERE cannot see: repeat the expression.` : '';
    push(base + parts[0].start, base + parts[0].end, DiagnosticSeverity.Error, 'unknown-column',
      cased
        ? `Column '${parts[0].value}' not found in any table; did you mean '${cased}'? Flink matches column names case-sensitively.`
        : `Column '${parts[0].value}' not found in any table: '${single.name}' has ${names.join(', ')}.${alias}${hint ? ` Did you mean '${hint}'?` : ''}`,
      hint ? { fix: 'replace', text: hint } : undefined);
    return false;
  });
  visit(select.items, false);
  if (select.where) visit(select.where, false);
  if (select.having) visit(select.having, true);
  if (single) visit(select.groupBy ?? [], true);
}
