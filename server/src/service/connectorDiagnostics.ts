// Connector diagnostics of CREATE TABLE statements: the WITH clause checked against the connector catalog of the
// draft's Flink version (connectors/tableChecks.ts), plus duplicate keys. A statement's findings depend only on
// its tree (its text and the version), so they are cached by it: a keystroke re-checks just the statement it changed.
// Missing options are the exception: OPTIONS hints and ALTER TABLE … SET elsewhere in the draft may supply them
// (laterOptions.ts decides, for the few tables that lack some).
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { catalogFor, DEFAULT_FLINK_VERSION, type ConnectorIndex, type FlinkVersion } from '../connectors/connectorCatalog';
import { metadataKeyProblem } from '../connectors/connectorRules';
import { checkTable, type TableFinding, type TableView } from '../connectors/tableChecks';
import { tokenize, type CreateTableNode, type OptionNode, type ParsedStatement, type StatementNode, type TextSpan } from '../parser';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import type { AnalyzedDocument } from './document';
import { laterOptions } from './laterOptions';

/** What a quick fix needs, carried in Diagnostic.data. */
export type ConnectorFixData =
  | { fix: 'replace'; text: string }
  | { fix: 'add'; options: { key: string; placeholder: string }[] };

export interface RelativeDiagnostic extends TextSpan {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  data?: ConnectorFixData;
  /** The options a "missing" finding asks for: other statements (hints, ALTER TABLE … SET) may supply them. */
  missingKeys?: string[];
}

/** A CREATE TABLE's view for the checks, by tree: laterOptions re-checks it with the options a use adds. */
const views = new WeakMap<StatementNode, TableView>();
export function tableViewOf(node: StatementNode): TableView | undefined {
  return views.get(node);
}

/**
 * Per catalog (a test or a regenerated catalog swaps it), by statement tree: the parser's StatementCache hands back
 * the same tree for the same statement text and version, so the tree stands for both without hashing the text.
 */
const caches = new WeakMap<ConnectorIndex, WeakMap<StatementNode, RelativeDiagnostic[]>>();

export function connectorDiagnostics(doc: AnalyzedDocument, version: FlinkVersion = DEFAULT_FLINK_VERSION): Diagnostic[] {
  const index = catalogFor(version);
  if (!index) return [];
  let cache = caches.get(index);
  if (!cache) caches.set(index, (cache = new WeakMap()));
  const out: Diagnostic[] = [];
  const push = (base: number, d: RelativeDiagnostic) => out.push({
    range: doc.lines.rangeOf(base + d.start, base + d.end),
    severity: d.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: DIAGNOSTIC_SOURCE,
    code: d.code,
    message: d.message,
    ...(d.data ? { data: d.data } : {}),
  });
  // tables with a connector go through laterOptions, which decides against the statements that use them
  const withConnector: { stmt: ParsedStatement; found: RelativeDiagnostic[] }[] = [];
  for (const stmt of doc.script.statements) {
    if (stmt.node?.kind !== 'createTable') continue;
    let found = cache.get(stmt.node);
    if (!found) cache.set(stmt.node, (found = checkStatement(index, stmt)));
    if (tableViewOf(stmt.node)) withConnector.push({ stmt, found });
    else for (const d of found) push(stmt.start, d);
  }
  if (withConnector.length) laterOptions(doc, index, withConnector, push);
  return out;
}

function checkStatement(index: ConnectorIndex, stmt: ParsedStatement): RelativeDiagnostic[] {
  const node = stmt.node as CreateTableNode;
  // A statement with syntax errors is reported by the parser first; its options may be half-typed.
  if (stmt.diagnostics.some((d) => d.severity === 'error')) return [];
  const options = (node.options ?? []).filter((o): o is OptionNode => !!o?.key && !!o.value);
  const connector = options.find((o) => o.key.value === 'connector');
  if (!connector) {
    // a catalog's own table (Paimon, Hive…), one that inherits its connector via LIKE, or one whose uses name the
    // connector in an OPTIONS hint: nothing to say here; laterOptions looks at the uses of a self-contained one
    if (!node.like && !node.asQuery) {
      views.set(node, { name: node.name?.parts[node.name.parts.length - 1]?.value, connector: '', options: new Map(options.map((o) => [o.key.value, o.value.value])),
        physicalColumns: node.columns?.filter((c) => c.kind === 'physicalColumn').map((c) => c.name.value), primaryKey: undefined });
    }
    return [];
  }
  const out: RelativeDiagnostic[] = [];
  const values = new Map<string, string>();
  const byKey = new Map<string, OptionNode>();
  for (const o of options) {
    const prev = byKey.get(o.key.value);
    if (prev) {
      out.push({ start: o.key.start, end: o.key.end, severity: 'warning', code: 'duplicate-option',
        message: `Option '${o.key.value}' is set twice in this WITH clause; only one value can take effect. Remove one of them.` });
    }
    byKey.set(o.key.value, o);
    values.set(o.key.value, o.value.value);
  }
  const physical = node.columns?.filter((c) => c.kind === 'physicalColumn').map((c) => c.name.value);
  const pk = node.constraints?.find((c) => c.kind === 'primaryKey')?.columns.map((c) => c.value)
    ?? node.columns?.filter((c) => c.constraint?.kind === 'primaryKey').map((c) => c.name.value) ?? [];
  const inherited = !!node.like || !!node.asQuery;
  const view: TableView = {
    name: node.name?.parts[node.name.parts.length - 1]?.value,
    connector: connector.value.value,
    options: values,
    physicalColumns: node.asQuery || node.like ? undefined : physical,
    primaryKey: node.like ? undefined : pk,
    inherited,
  };
  views.set(node, view);
  const findings = checkTable(index, view);
  const table = withKeyword(stmt.text, options[0].start) ?? node.name ?? node;
  for (const f of findings) out.push(toRelative(f, table, byKey));
  if (index.factory(view.connector, 'connector')) {
    for (const c of node.columns ?? []) {
      if (c.kind !== 'metadataColumn') continue;
      const problem = metadataKeyProblem(view, c.name.value, c.metadataKey?.value ?? c.name.value);
      if (!problem) continue;
      const span = c.metadataKey ?? c.name;
      out.push({ start: span.start, end: span.end, severity: problem.severity, code: 'unknown-metadata-key', message: problem.message,
        ...(problem.replacement && c.metadataKey ? { data: { fix: 'replace' as const, text: problem.replacement } } : {}) });
    }
  }
  return out;
}

/**
 * The `WITH` that opens the options list (before offset `firstOption`): where a finding about the table as a whole
 * (missing options, no PRIMARY KEY) goes, on the line Validate puts Flink's own error for it (errorRanges.ts).
 */
function withKeyword(text: string, firstOption: number): TextSpan | undefined {
  const toks = tokenize(text.slice(0, firstOption)).tokens;
  for (let i = toks.length - 2; i >= 0; i--) {
    if (toks[i].type === 'word' && toks[i].upper === 'WITH' && toks[i + 1].type === 'op' && toks[i + 1].text === '(') return { start: toks[i].start, end: toks[i].end };
  }
  return undefined;
}

function toRelative(f: TableFinding, table: TextSpan, byKey: Map<string, OptionNode>): RelativeDiagnostic {
  let span: TextSpan = table;
  if (f.at.kind !== 'table') {
    const o = byKey.get(f.at.key);
    if (o) span = f.at.kind === 'key' ? o.key : o.value;
  }
  const data: ConnectorFixData | undefined = f.missing?.length ? { fix: 'add', options: f.missing }
    : f.replacement !== undefined ? { fix: 'replace', text: f.replacement } : undefined;
  return { start: span.start, end: span.end, severity: f.severity, code: f.code, message: f.message, ...(data ? { data } : {}),
    ...(f.missing?.length ? { missingKeys: f.missing.map((m) => m.key) } : {}) };
}
