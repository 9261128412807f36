// Checks across a draft's statements: a table defined twice, a name used but defined nowhere while a draft table
// is one edit away ("did you mean orders_sink"), INSERT column counts and type families against the target's
// schema, and columns a query reads from a draft table that does not have them. Only what the draft itself
// proves: a table from a catalog we have not read, or a type we cannot infer, is never guessed at.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { closest } from '../connectors/connectorCatalog';
import { walk, type Identifier, type InsertNode, type ParsedStatement, type QualifiedName, type QueryNode, type SelectNode, type StatementNode, type TextSpan, type WalkNode } from '../parser';
import type { ServiceContext } from './completion';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import type { AnalyzedDocument } from './document';
import { draftDefinitions, resolver, type ColumnInfo, type Resolver, type TableInfo } from './scope';
import { NameSuggestions } from './nameSuggestions';
import { fromEntries, queryColumns } from './scopeQuery';

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
const byTree = new WeakMap<object, WeakMap<StatementNode, Checked>>();
const suggestions = new NameSuggestions();

export function draftDiagnostics(doc: AnalyzedDocument, context: ServiceContext = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  const push: Push = (start, end, severity, code, message, data) =>
    out.push({ range: doc.lines.rangeOf(start, end), severity, source: DIAGNOSTIC_SOURCE, code, message, ...(data ? { data } : {}) });
  duplicateTables(doc, push);
  const names = [...new Set(draftDefinitions(doc).map((d) => d.table.name))];
  const catalogKey = context.catalogTables ?? NO_CATALOG;
  let checkedByTree = byTree.get(catalogKey);
  if (!checkedByTree) byTree.set(catalogKey, (checkedByTree = new WeakMap()));
  const catalogs = context.catalogs?.length ? ` nor in the catalogs (${context.catalogs.join(', ')})` : '';
  for (const stmt of doc.script.statements) {
    const node = stmt.node;
    if (!node || stmt.diagnostics.some((d) => d.severity === 'error')) continue;
    if (node.kind !== 'insert' && node.kind !== 'query' && node.kind !== 'createView' && node.kind !== 'statementSet') continue;
    const resolve = resolver(doc, stmt.start, context.catalogTables);
    let checked = checkedByTree.get(node);
    if (!checked || !checked.lookups.every((l) => resolve(l.parts) === l.table)) {
      const lookups: Checked['lookups'] = [];
      const recording: Resolver = (parts) => {
        const table = resolve(parts);
        lookups.push({ parts, table });
        return table;
      };
      checked = { found: statementChecks(stmt, recording), lookups };
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
function statementChecks(stmt: ParsedStatement, resolve: Resolver): Relative[] {
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
    for (let p = parents.get(n); p; p = parents.get(p)) if (p.kind === 'subquery') return true;
    return false;
  };
  walk(node, (n) => {
    if (n.kind === 'insert') insertChecks(n as unknown as InsertNode, 0, resolve, text, push);
    const ref = n.kind === 'tableRef' ? (n as unknown as { name: QualifiedName }).name : n.kind === 'insert' ? (n as unknown as InsertNode).target : undefined;
    if (ref) undefinedName(ref, resolve, ctes, found);
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
        `${temporary ? 'Temporary table' : 'Table'} '${path}' is already defined on line ${doc.lines.positionAt(first.start).line + 1}; Flink fails this CREATE because the ${temporary}table already exists. ` +
        'Rename one of them, or use CREATE TABLE IF NOT EXISTS / CREATE OR REPLACE.');
      continue;
    }
    seen.set(key, { start: stmt.start });
  }
}

/** A one-part name (4+ characters) that is no CTE and resolves nowhere: kept for "did you mean" (see draftDiagnostics). */
function undefinedName(name: QualifiedName, resolve: Resolver, ctes: Set<string>, found: Relative[]): void {
  const parts = name.parts.map((p) => p.value);
  if (parts.length !== 1 || parts[0].length < 4 || ctes.has(parts[0].toLowerCase()) || resolve(parts)) return;
  found.push({ start: name.start, end: name.end, severity: DiagnosticSeverity.Warning, code: 'undefined-table', message: '', undefinedName: parts[0] });
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
  } else {
    const fixed = new Set((ins.partition ?? []).filter((p) => p.value).map((p) => p.name.value));
    sink = target.columns.filter((c) => writable(c) && !fixed.has(c.name));
  }
  const source = queryColumns(ins.query, resolve, text);
  if (hasUnresolvedStar(ins.query, resolve) || !source.length) return;
  const name = target.path.join('.');
  // On the INSERT's target, where Validate puts Flink's "Column types of query result and sink … do not match".
  const span = ins.target;
  if (source.length !== sink.length) {
    const list = ins.columns?.length ? ` (the column list names ${sink.length})` : ins.partition?.length ? ' (without the static PARTITION columns)' : '';
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
    push(base + span.start, base + span.end, DiagnosticSeverity.Warning, 'insert-type-mismatch',
      `Column ${i + 1} of the query ('${q.name}', ${q.type}) goes into '${s!.name}' ${s!.type} of '${name}': a ${qf} value cannot be written to a ${sf} column. ` +
      `Flink reports "Column types of query result and sink for '${name}' do not match"; CAST it, or reorder the columns.`);
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

/** A column of a CREATE TABLE of this draft (all of its columns known) that a SELECT reads but the table lacks. */
function columnChecks(select: SelectNode, base: number, resolve: Resolver, text: (s: TextSpan) => string, nested: boolean, push: Push): void {
  // Only tables the query names exactly as defined (Flink resolves identifiers case-sensitively).
  const entries = fromEntries(select.from, resolve, text).filter((e) => refNames(select.from).has(e.table.name));
  const known = (t: TableInfo) => t.kind === 'table' && t.inDraft === true && t.columns.length > 0 && t.columns.every((c) => c.kind !== 'unknown');
  const single = select.from?.length === 1 && select.from[0].kind === 'tableRef' && entries.length === 1 ? entries[0] : undefined;
  const aliases = new Set(select.items.map((i) => i.alias?.value).filter((a): a is string => !!a));
  const callees = new Set<unknown>();
  const visit = (root: unknown) => walk(root, (n) => {
    if (n.kind === 'subquery' || n.kind === 'query' || n.kind === 'tableRef') return false;
    if (n.kind === 'call' || n.kind === 'windowRef') callees.add((n as { callee?: unknown }).callee ?? (n as { name?: unknown }).name);
    if (n.kind !== 'identifier' || (n as { star?: unknown }).star === true || callees.has(n)) return;
    const parts = (n as unknown as { parts: Identifier[] }).parts;
    if (parts.length >= 2) {
      const entry = entries.find((e) => e.alias === parts[0].value);
      if (!entry || !known(entry.table)) return false;
      if (!entry.table.columns.some((c) => c.name === parts[1].value)) {
        const hint = closest(parts[1].value, entry.table.columns.map((c) => c.name));
        push(base + parts[1].start, base + parts[1].end, DiagnosticSeverity.Error, 'unknown-column',
          `Column '${parts[0].value}.${parts[1].value}' not found in table '${parts[0].value}'${hint ? `; did you mean '${hint}'?` : ` (columns: ${entry.table.columns.map((c) => c.name).join(', ')}).`}`,
          hint ? { fix: 'replace', text: hint } : undefined);
      }
      return false;
    }
    if (nested || !single || !known(single.table) || aliases.has(parts[0].value)) return false;
    if (single.table.columns.some((c) => c.name === parts[0].value)) return false;
    const hint = closest(parts[0].value, single.table.columns.map((c) => c.name));
    push(base + parts[0].start, base + parts[0].end, DiagnosticSeverity.Warning, 'unknown-column',
      `Column '${parts[0].value}' not found in any table: '${single.table.name}' has ${single.table.columns.map((c) => c.name).join(', ')}.${hint ? ` Did you mean '${hint}'?` : ''}`,
      hint ? { fix: 'replace', text: hint } : undefined);
    return false;
  });
  visit(select.items);
  if (select.where) visit(select.where);
  if (select.having) visit(select.having);
  if (!nested && single) visit(select.groupBy ?? []);
}
