// Checks of a CREATE TABLE's own schema, the ones Flink makes when it executes the statement
// (SqlCreateTableConverter#createCatalogTable → MergeTableLikeUtil / SchemaBuilderUtil, the same path with or
// without LIKE): a column defined twice, a PRIMARY KEY, WATERMARK or PARTITIONED BY naming a column the table does
// not have, a computed column or watermark expression using one, and LIKE of a table the draft does not define
// or of a view. Everything here is decided by the draft's own text, so it is an error, in Flink's words; a LIKE
// source that may live in a catalog is at most a warning.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { closest } from '../connectors/connectorCatalog';
import { walk, type ColumnNode, type CreateTableNode, type ExprNode, type Identifier, type ParsedStatement, type QualifiedName, type StatementNode } from '../parser';
import type { ServiceContext } from './completion';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import type { AnalyzedDocument } from './document';
import { draftDefinitions, resolver, type TableInfo } from './scope';
import { NameSuggestions } from './nameSuggestions';

interface Finding {
  start: number;
  end: number;
  severity: DiagnosticSeverity;
  code: string;
  message: string;
  data?: { fix: 'replace'; text: string };
}

/** A column the merged schema has: the derived table's own, or one LIKE brings from the base table. */
interface SchemaColumn {
  name: string;
  kind: 'physical' | 'computed' | 'metadata';
}

/** Findings by tree, with the LIKE source they were decided against (the same TableInfo while it is unchanged). */
const byTree = new WeakMap<object, WeakMap<StatementNode, { base: TableInfo | undefined; found: Finding[] }>>();
const NO_CATALOG: object = {};
const suggestions = new NameSuggestions();

export function tableDefinitionDiagnostics(doc: AnalyzedDocument, context: ServiceContext = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  let cache = byTree.get(context.catalogTables ?? NO_CATALOG);
  if (!cache) byTree.set(context.catalogTables ?? NO_CATALOG, (cache = new WeakMap()));
  for (const stmt of doc.script.statements) {
    const node = stmt.node;
    if (node?.kind !== 'createTable' || node.asQuery || stmt.diagnostics.some((d) => d.severity === 'error')) continue;
    const like = (node as CreateTableNode).like;
    const base = like ? resolver(doc, stmt.start, context.catalogTables)(like.name.parts.map((p) => p.value)) : undefined;
    let entry = cache.get(node);
    if (!entry || entry.base !== base) cache.set(node, (entry = { base, found: check(node as CreateTableNode, base) }));
    for (const f of entry.found) {
      out.push({ range: doc.lines.rangeOf(stmt.start + f.start, stmt.start + f.end), severity: f.severity, source: DIAGNOSTIC_SOURCE, code: f.code, message: f.message, ...(f.data ? { data: f.data } : {}) });
    }
    if (like && !base) out.push(...unknownLikeSource(doc, stmt, like.name, context));
  }
  return out;
}

const quoteList = (names: Iterable<string>) => [...names].map((n) => `'${n}'`).join(', ');

function check(node: CreateTableNode, base: TableInfo | undefined): Finding[] {
  const found: Finding[] = [];
  const like = node.like;
  if (like && base && base.kind !== 'table' && base.kind !== 'catalog table') {
    if (base.kind === 'view' || base.kind === 'catalog view') {
      found.push({ start: like.name.start, end: like.name.end, severity: DiagnosticSeverity.Error, code: 'like-view',
        message: `Source table '${like.name.parts.map((p) => p.value).join('.')}' of the LIKE clause can not be a VIEW: '${base.name}' is a view. LIKE copies a table's schema and options; use a table.` });
    }
    return found;
  }
  // With LIKE, the schema is only known when the base table's columns all are (a draft table without LIKE / AS).
  if (like && (!base || !base.columns.length || base.columns.some((c) => c.kind === 'unknown'))) return duplicates(node, []);
  const inherited: SchemaColumn[] = like && base ? base.columns.map((c) => ({ name: c.name, kind: c.kind as SchemaColumn['kind'] })) : [];
  found.push(...duplicates(node, inherited, !!like?.options.length));
  const own: SchemaColumn[] = (node.columns ?? []).filter((c) => c.kind !== 'untypedColumn').map((c) => ({
    name: c.name.value, kind: c.kind === 'computedColumn' ? 'computed' : c.kind === 'metadataColumn' ? 'metadata' : 'physical',
  }));
  const all = new Map<string, SchemaColumn>();
  for (const c of [...inherited, ...own]) if (!all.has(c.name)) all.set(c.name, c);
  // A LIKE that excludes or overwrites parts of the base decides which base columns stay: only what any merge keeps
  // (physical columns) is relied on for "not defined" findings, and PRIMARY KEY / watermark inheritance is not guessed.
  const partial = !!like?.options.length;
  const names = [...all.keys()];
  const notIn = (name: string) => !all.has(name) && !(partial && inherited.length);
  const hint = (name: string, among: string[] = names) => {
    const h = closest(name, among);
    return h ? { hint: h, data: { fix: 'replace' as const, text: h } } : { hint: undefined, data: undefined };
  };

  // PRIMARY KEY: SchemaBuilderUtil#setPrimaryKey
  const pk = (node.constraints ?? []).find((c) => c.kind === 'primaryKey');
  for (const col of pk?.columns ?? []) {
    const c = all.get(col.value);
    if (!c && notIn(col.value)) {
      const { hint: h, data } = hint(col.value);
      found.push({ start: col.start, end: col.end, severity: DiagnosticSeverity.Error, code: 'unknown-key-column', data,
        message: `Primary key column '${col.value}' is not defined in the schema${h ? `. Did you mean '${h}'?` : ` (columns: ${quoteList(names)}).`}` });
    } else if (c && c.kind !== 'physical') {
      found.push({ start: col.start, end: col.end, severity: DiagnosticSeverity.Error, code: 'invalid-primary-key',
        message: `Could not create a PRIMARY KEY with column '${col.value}'. A PRIMARY KEY constraint must be declared on physical columns; '${col.value}' is a ${c.kind} column.` });
    }
  }

  // Computed columns see the physical and metadata columns only (MergeTableLikeUtil#appendDerivedColumns).
  const accessible = new Set([...all.values()].filter((c) => c.kind !== 'computed').map((c) => c.name));
  for (const c of node.columns ?? []) {
    if (c.kind !== 'computedColumn' || !c.expr) continue;
    found.push(...unknownIdentifiers(c.expr, accessible, all, partial && inherited.length > 0, `computed column '${c.name.value}'`));
  }

  // WATERMARK: SchemaBuilderUtil#verifyRowtimeAttribute, then the strategy validated against every column.
  const wm = node.watermark;
  if (wm?.column?.parts?.length) {
    const first = wm.column.parts[0];
    if (notIn(first.value)) {
      const { hint: h, data } = hint(first.value);
      found.push({ start: first.start, end: first.end, severity: DiagnosticSeverity.Error, code: 'unknown-watermark-column', data,
        message: `The rowtime attribute field '${wm.column.parts.map((p) => p.value).join('.')}' is not defined in the table schema. Available fields: [${quoteList(names)}].${h ? ` Did you mean '${h}'?` : ''}` });
    }
    if (wm.expr) found.push(...unknownIdentifiers(wm.expr as ExprNode, new Set(names), all, partial && inherited.length > 0, 'the watermark strategy'));
  }

  // PARTITIONED BY: SqlCreateTableConverter#verifyPartitioningColumnsExist
  for (const p of node.partitionedBy ?? []) {
    if (!notIn(p.value)) continue;
    const { hint: h, data } = hint(p.value);
    found.push({ start: p.start, end: p.end, severity: DiagnosticSeverity.Error, code: 'unknown-partition-column', data,
      message: `Partition column '${p.value}' not defined in the table schema. Available columns: [${quoteList(names)}]${h ? `. Did you mean '${h}'?` : ''}` });
  }
  return found;
}

/**
 * MergeTableLikeUtil#collectPhysicalFieldsTypes / #appendDerivedColumns, in the order Flink meets them (a table
 * without LIKE goes the same way, with an empty base table: hence "base table" in some of Flink's messages).
 */
function duplicates(node: CreateTableNode, inherited: SchemaColumn[], partial = false): Finding[] {
  const found: Finding[] = [];
  const columns = (node.columns ?? []).filter((c) => c.kind !== 'untypedColumn');
  // a LIKE with options may exclude the base's computed and metadata columns; its physical ones always stay
  const base = new Map(inherited.filter((c) => !partial || c.kind === 'physical').map((c) => [c.name, c]));
  const physical = new Map<string, ColumnNode>();
  const at = (c: ColumnNode, message: string) => found.push({ start: c.name.start, end: c.name.end, severity: DiagnosticSeverity.Error, code: 'duplicate-column', message });
  for (const c of columns) {
    if (c.kind !== 'physicalColumn') continue;
    if (base.has(c.name.value)) at(c, `A column named '${c.name.value}' already exists in the base table. Rename the column, or leave it out: LIKE copies it.`);
    else if (physical.has(c.name.value)) at(c, `A regular Column named '${c.name.value}' already exists in the table. Rename or remove one of them.`);
    else physical.set(c.name.value, c);
  }
  const others = new Map<string, 'computed' | 'metadata'>();
  for (const [name, c] of base) if (c.kind !== 'physical') others.set(name, c.kind);
  for (const c of columns) {
    if (c.kind === 'physicalColumn') continue;
    const kind = c.kind === 'computedColumn' ? 'computed' : 'metadata';
    const name = c.name.value;
    const prior = others.get(name);
    if (physical.has(name)) {
      at(c, `A column named '${name}' already exists in the table. Duplicate columns exist in the ${kind === 'computed' ? 'compute' : 'metadata'} column and regular column. Rename one of them.`);
    } else if (prior && prior !== kind) {
      at(c, `A column named '${name}' already exists in the base table. ${kind === 'computed' ? 'Computed columns can only overwrite other computed columns' : 'Metadata columns can only overwrite other metadata columns'}. Rename one of them.`);
    } else if (prior && !(partial && node.like?.options.some((o) => /^OVERWRITING (ALL|GENERATED|METADATA)$/i.test(o)))) {
      const feature = kind === 'computed' ? 'GENERATED' : 'METADATA';
      at(c, `A ${kind === 'computed' ? 'generated' : 'metadata'} column named '${name}' already exists in the base table. ` +
        (inherited.length ? `You might want to specify EXCLUDING ${feature} or OVERWRITING ${feature}.` : 'The table defines it twice: rename or remove one of them.'));
    } else others.set(name, kind);
  }
  return found;
}

/**
 * Column references in an expression that `names` lacks. Calcite's validator says "Unknown identifier" for a name
 * a parameterized expression's scope does not have (SqlValidatorImpl.DeriveTypeVisitor); context variables
 * (CURRENT_TIMESTAMP…) are separate nodes, function names are callees, both skipped.
 */
function unknownIdentifiers(expr: ExprNode, names: Set<string>, all: Map<string, SchemaColumn>, partial: boolean, where: string): Finding[] {
  if (partial) return [];
  const found: Finding[] = [];
  const callees = new Set<unknown>();
  let opaque = false;
  walk(expr, (n) => {
    if (n.kind === 'subquery' || n.kind === 'query' || n.kind === 'lambda') {
      opaque = true;
      return false;
    }
    if (n.kind === 'call' || n.kind === 'windowRef') callees.add((n as { callee?: unknown }).callee);
  });
  if (opaque) return [];
  walk(expr, (n) => {
    if (n.kind !== 'identifier' || callees.has(n) || (n as { star?: unknown }).star === true) return;
    const first = (n as unknown as { parts: Identifier[] }).parts[0];
    if (!first || names.has(first.value)) return false;
    const column = all.get(first.value);
    const h = column ? undefined : closest(first.value, [...names]);
    found.push({ start: first.start, end: first.end, severity: DiagnosticSeverity.Error, code: 'unknown-column',
      message: column
        ? `Unknown identifier '${first.value}' in ${where}: '${first.value}' is a computed column, and a computed column can only use the table's physical and metadata columns (${quoteList(names)}).`
        : `Unknown identifier '${first.value}' in ${where}: the table has no column '${first.value}'${h ? `. Did you mean '${h}'?` : ` (columns: ${quoteList(names)}).`}`,
      ...(h ? { data: { fix: 'replace', text: h } } : {}) });
    return false;
  });
  return found;
}

/**
 * LIKE of a name nothing before the statement defines: Flink fails with "Source table '…' of the LIKE clause not
 * found in the catalog" unless a catalog has it, so a warning — when the draft defines it only later, or defines a
 * close name, or the catalogs have been read and lack it. Otherwise we cannot tell, and say nothing.
 */
function unknownLikeSource(doc: AnalyzedDocument, stmt: ParsedStatement, name: QualifiedName, context: ServiceContext): Diagnostic[] {
  const parts = name.parts.map((p) => p.value);
  const written = parts.join('.');
  const range = doc.lines.rangeOf(stmt.start + name.start, stmt.start + name.end);
  const warn = (message: string, data?: unknown): Diagnostic[] => [{ range, severity: DiagnosticSeverity.Warning, source: DIAGNOSTIC_SOURCE, code: 'unknown-like-source', message, ...(data ? { data } : {}) }];
  const flink = `Flink fails with "Source table '${written}' of the LIKE clause not found in the catalog"`;
  const last = parts[parts.length - 1];
  const later = draftDefinitions(doc).find((d) => d.statementStart > stmt.start && d.table.name === last && d.table.path.join('.') === written);
  if (later) {
    return warn(`'${written}' is defined on line ${doc.lines.positionAt(later.statementStart).line + 1}, after this CREATE TABLE; Flink runs the statements in order, so ${flink} unless a catalog already has it. Move its CREATE TABLE above this one.`);
  }
  if (parts.length === 1) {
    const suggestion = suggestions.suggest(parts[0], [...new Set(draftDefinitions(doc).filter((d) => d.statementStart < stmt.start).map((d) => d.table.name))]);
    if (suggestion) return warn(`Table '${written}' is not defined in this draft; did you mean '${suggestion}'? Unless a catalog has it, ${flink}.`, { fix: 'replace', text: suggestion });
  }
  if (context.catalogs?.length) {
    return warn(`Table '${written}' is not defined in this draft and was not found in the catalogs (${context.catalogs.join(', ')}): ${flink}.`);
  }
  return [];
}
