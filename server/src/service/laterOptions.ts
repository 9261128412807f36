// A table's options where a statement uses it. Flink checks a table's options when a statement uses it
// (FactoryUtil#createDynamicTableSource / createDynamicTableSink), not when it is created: with the OPTIONS hints of
// that use merged in (table.dynamic-table-options.enabled, on by default) and after every earlier
// ALTER TABLE … SET / RESET. So:
// - a missing required option is an error only where a use goes without it: on the CREATE and on that use. A table
//   no statement reads or writes gets a warning on its CREATE instead: the planner accepts the draft (the semantic
//   corpus's kafka-missing-*-unused drafts), but the first statement that uses the table without them will fail
//   (Validate probes unused tables and says so, tableProbes.ts). Nothing when the draft's ALTER TABLE … SET
//   supplies the options, or when the table only serves as the base of CREATE TABLE … LIKE (the copies inherit its
//   options and add their own);
// - an OPTIONS hint's own keys and values are checked like the WITH clause's, on the hint;
// - a kafka table read from its group's committed offsets (scan.startup.mode 'group-offsets', the default) needs
//   'properties.group.id' (KafkaSourceBuilder: "Property group.id is required when using committed offset for
//   offsets initializer"), an error of the reading statement only.
import type { ConnectorIndex } from '../connectors/connectorCatalog';
import { checkTable, type TableFinding, type TableView } from '../connectors/tableChecks';
import type { ParsedStatement, StatementNode } from '../parser';
import { tableViewOf, type RelativeDiagnostic } from './connectorDiagnostics';
import type { AnalyzedDocument } from './document';
import { draftDefinitions, resolver, type TableInfo } from './scope';
import { tableUses, type TableUse } from './tableUses';

interface Use {
  stmt: ParsedStatement;
  use: TableUse;
  /** The checks' findings with the options in effect at this use (cached per option set). */
  findings: TableFinding[];
}

interface Entry {
  stmt: ParsedStatement;
  found: RelativeDiagnostic[];
  lacking: boolean;
  view: TableView;
  table: TableInfo;
  /** The options after the ALTER TABLE statements read so far (the CREATE's own map until one changes them). */
  options: ReadonlyMap<string, string>;
  uses: Use[];
  likes: number;
}

/**
 * The findings of the draft's CREATE TABLE statements that name a connector, decided against the statements that
 * use them. A CREATE whose own findings lack nothing and that no statement uses with hints costs a lookup.
 */
export function laterOptions(doc: AnalyzedDocument, index: ConnectorIndex, creates: { stmt: ParsedStatement; found: RelativeDiagnostic[] }[],
  emit: (base: number, d: RelativeDiagnostic) => void): void {
  const byName = new Map<string, Entry[]>();
  const defs = draftDefinitions(doc);
  // names used with an OPTIONS hint somewhere: only those tables, and the few a use can fail without one, need their uses
  const hinted = new Set<string>();
  // a table without connector is a catalog's own once the draft switches to another catalog (Paimon, Hive…)
  let otherCatalogAt = Infinity;
  for (const stmt of doc.script.statements) {
    const n = stmt.node;
    if (!n) continue;
    for (const key of hintedNames(n)) hinted.add(key);
    if (otherCatalogAt === Infinity && ((n.kind === 'use' && n.target === 'catalog' && (n.name as { parts?: { value: string }[] } | undefined)?.parts?.[0]?.value !== 'default_catalog') || n.kind === 'createCatalog')) {
      otherCatalogAt = stmt.start;
    }
  }
  let d = 0;
  for (const { stmt, found } of creates) {
    const view = tableViewOf(stmt.node!);
    const parts = stmt.node!.name?.parts ?? [];
    if (view && !view.connector && (stmt.start > otherCatalogAt || (parts.length === 3 && parts[0].value !== 'default_catalog'))) continue;
    const needs = view && needsUses(stmt.node!, view, found);
    if (view && needs && !needs.always && !hinted.has(needs.key)) {
      for (const f of found) emit(stmt.start, f);
      continue;
    }
    // both lists are in document order
    while (d < defs.length && defs[d].statementStart < stmt.start) d++;
    const table = defs[d]?.statementStart === stmt.start ? defs[d].table : undefined;
    if (!view || !table) {
      for (const f of found) emit(stmt.start, f);
      continue;
    }
    const key = table.name.toLowerCase();
    const entry: Entry = { stmt, found, lacking: found.some((f) => f.missingKeys), view, table, options: view.options, uses: [], likes: 0 };
    const list = byName.get(key);
    if (list) list.push(entry);
    else byName.set(key, [entry]);
  }
  if (byName.size) {
    let first = Infinity;
    for (const list of byName.values()) for (const e of list) first = Math.min(first, e.stmt.start);
    for (const stmt of doc.script.statements) {
      if (!stmt.node || stmt.start <= first) continue;
      let resolve: ReturnType<typeof resolver> | undefined;
      for (const use of tableUses(stmt.node)) {
        const candidates = byName.get(use.key);
        if (!candidates) continue;
        resolve ??= resolver(doc, stmt.start);
        const target = resolve(use.parts);
        // a name in another case is not this table for Flink ("Object 'orders' not found"; draftDiagnostics says so)
        const entry = candidates.find((c) => c.table === target && c.stmt.start < stmt.start && c.table.name === use.parts[use.parts.length - 1]);
        if (entry) record(index, entry, stmt, use);
      }
    }
  }
  for (const list of byName.values()) for (const entry of list) decideCached(doc, index, entry, emit);
}

/**
 * Whether a CREATE's findings depend on its uses whatever they are (it lacks options, names no connector, or is a
 * kafka table that needs a group id to be read), by tree; else only a use with hints can change them.
 */
const needsByTree = new WeakMap<StatementNode, { always: boolean; key: string }>();
function needsUses(node: StatementNode, view: TableView, found: RelativeDiagnostic[]): { always: boolean; key: string } {
  let needs = needsByTree.get(node);
  if (!needs) {
    needs = { always: found.some((f) => f.missingKeys) || !view.connector || needsGroupId(view.connector, view.options), key: (view.name ?? '').toLowerCase() };
    needsByTree.set(node, needs);
  }
  return needs;
}

/** The lower-case names a statement uses with OPTIONS hints, by tree. */
const hintedByTree = new WeakMap<StatementNode, string[]>();
function hintedNames(node: StatementNode): string[] {
  let names = hintedByTree.get(node);
  if (!names) hintedByTree.set(node, (names = tableUses(node).filter((u) => (u.kind === 'read' || u.kind === 'write') && u.options?.length).map((u) => u.key)));
  return names;
}

/** A kafka table read from its group's committed offsets without a group id (see GROUP_ID). */
function needsGroupId(connector: string, options: ReadonlyMap<string, string>): boolean {
  return connector === 'kafka' && (options.get('scan.startup.mode') ?? 'group-offsets').toLowerCase() === 'group-offsets' && !options.has('properties.group.id');
}

function record(index: ConnectorIndex, entry: Entry, stmt: ParsedStatement, use: TableUse): void {
  if (use.kind === 'set' || use.kind === 'reset') {
    // copied on the first ALTER: until then the options are the CREATE's own (and their findings cached)
    const options = new Map(entry.options);
    for (const [k, v] of use.options ?? []) options.set(k, v);
    for (const k of use.keys ?? []) options.delete(k);
    entry.options = options;
  } else if (use.kind === 'like') {
    entry.likes++;
  } else if (entry.lacking || use.options?.length || entry.view.connector === 'kafka' || entry.view.connector === '') {
    const options = use.options?.length ? new Map([...entry.options, ...use.options]) : entry.options;
    entry.uses.push({ stmt, use, findings: checkedAt(index, entry.view, options) });
  }
}

/**
 * Per catalog and table view (kept while the CREATE is unchanged), by the options' text: a table used fifty times
 * without hints is checked once, not on every keystroke.
 */
const checkCache = new WeakMap<ConnectorIndex, WeakMap<TableView, Map<string, TableFinding[]>>>();

function checkedAt(index: ConnectorIndex, view: TableView, options: ReadonlyMap<string, string>): TableFinding[] {
  let byView = checkCache.get(index);
  if (!byView) checkCache.set(index, (byView = new WeakMap()));
  let byOptions = byView.get(view);
  if (!byOptions) byView.set(view, (byOptions = new Map()));
  const key = options === view.options ? '' : JSON.stringify([...options]);
  let found = byOptions.get(key);
  if (!found) {
    // an OPTIONS hint may name the connector of a table whose WITH clause does not
    const connector = options.get('connector') ?? view.connector;
    found = connector ? checkTable(index, { ...view, connector, options }) : [NO_CONNECTOR];
    if (needsGroupId(connector, options)) found = [...found, GROUP_ID];
    if (byOptions.size < 64) byOptions.set(key, found);
  }
  return found;
}

/** A read-only finding (see the file comment); `at` is the reading statement's name of the table. */
const GROUP_ID: TableFinding = {
  code: 'missing-group-id', severity: 'error', at: { kind: 'table' },
  message: "Property group.id is required when using committed offset for offsets initializer: this query reads the topic from its consumer group's committed offsets " +
    "('scan.startup.mode' is 'group-offsets', the default), which needs 'properties.group.id'. Set it, or choose another 'scan.startup.mode' ('earliest-offset', 'latest-offset', …).",
};

/**
 * A self-contained table without 'connector' (FactoryUtil: "Table options do not contain an option key 'connector'
 * for discovering a connector."): fine in a catalog that manages its own tables, so a warning, at each use.
 */
const NO_CONNECTOR: TableFinding = {
  code: 'no-connector', severity: 'warning', at: { kind: 'table' },
  message: "Table options do not contain an option key 'connector' for discovering a connector: neither the table's WITH clause nor an OPTIONS hint here sets one. " +
    "Flink's default in-memory catalog needs it; a catalog that manages its own tables (Paimon, Hive, …) does not.",
};

/** The missing options among `findings`, each with the message of the finding that asks for it (by findings: they are cached). */
const missingByFindings = new WeakMap<TableFinding[], Map<string, string>>();
function missingOf(findings: TableFinding[]): Map<string, string> {
  let missing = missingByFindings.get(findings);
  if (!missing) {
    missing = new Map<string, string>();
    for (const f of findings) for (const m of f.missing ?? []) if (!missing.has(m.key)) missing.set(m.key, f.message);
    missingByFindings.set(findings, missing);
  }
  return missing;
}

const HINT_CODES = new Set(['unknown-option', 'invalid-value', 'deprecated-option', 'unknown-format', 'unknown-connector']);

/** What decide found for an entry, by CREATE tree, with what it depended on: reused while that is unchanged. */
interface Decided {
  sig: unknown[];
  /** `at`: the index of the use the finding is on, -1 for the CREATE. */
  items: { at: number; d: RelativeDiagnostic }[];
}
const decidedByTree = new WeakMap<StatementNode, Decided>();

function decideCached(doc: AnalyzedDocument, index: ConnectorIndex, e: Entry, emit: (base: number, d: RelativeDiagnostic) => void): void {
  // the findings, options and uses are the same objects while their trees are (all cached per tree); lines go into messages
  const sig: unknown[] = [e.found, e.options, e.likes, doc.lines.positionAt(e.stmt.start).line];
  for (const u of e.uses) sig.push(u.use, u.findings, doc.lines.positionAt(u.stmt.start + u.use.start).line);
  const node = e.stmt.node!;
  const prior = decidedByTree.get(node);
  let items: Decided['items'];
  if (prior && prior.sig.length === sig.length && prior.sig.every((x, i) => x === sig[i])) {
    items = prior.items;
  } else {
    items = [];
    decide(doc, index, e, items);
    decidedByTree.set(node, { sig, items });
  }
  for (const { at, d } of items) emit(at < 0 ? e.stmt.start : e.uses[at].stmt.start, d);
}

function decide(doc: AnalyzedDocument, index: ConnectorIndex, e: Entry, out: Decided['items']): void {
  const line = (offset: number) => doc.lines.positionAt(offset).line + 1;
  const place = (at: number, f: Omit<RelativeDiagnostic, 'start' | 'end'>, span: { start: number; end: number }) => out.push({ at, d: { ...f, start: span.start, end: span.end } });
  e.uses.forEach((u, at) => {
    // the hint's own keys and values, as the WITH clause's are checked
    const hint = u.use.options;
    for (const f of hint?.length ? u.findings : []) {
      if (f.at.kind === 'table' || !HINT_CODES.has(f.code)) continue;
      const key = f.at.key;
      const i = hint!.findIndex(([k]) => k === key);
      const span = i >= 0 ? u.use.spans?.[i] : undefined;
      if (!span) continue;
      place(at, { severity: f.severity, code: f.code, message: `In this OPTIONS hint: ${f.message}`, ...(f.replacement !== undefined ? { data: { fix: 'replace', text: f.replacement } } : {}) },
        f.at.kind === 'key' ? span.key : span.value);
    }
    if (u.use.kind === 'read' && u.findings.includes(GROUP_ID)) place(at, { severity: 'error', code: GROUP_ID.code, message: GROUP_ID.message }, u.use);
    if (u.findings.includes(NO_CONNECTOR)) place(at, { severity: 'warning', code: NO_CONNECTOR.code, message: NO_CONNECTOR.message }, u.use);
  });
  if (!e.lacking && e.view.connector) {
    for (const d of e.found) out.push({ at: -1, d });
    return;
  }
  const missingAt = e.uses.map((u) => missingOf(u.findings));
  const failing = e.uses.filter((_, i) => missingAt[i].size);
  let stillMissing: Set<string>;
  if (e.uses.length) {
    stillMissing = new Set();
    for (const u of failing) for (const k of missingOf(u.findings).keys()) stillMissing.add(k);
  } else if (e.likes || !e.view.connector) stillMissing = new Set();
  else stillMissing = new Set(missingOf(checkedAt(index, e.view, e.options)).keys());
  const unused = !e.uses.length && !!e.view.connector;
  const usedOn = failing.length ? ` It is used without them on line ${[...new Set(failing.map((u) => line(u.stmt.start + u.use.start)))].join(', ')}.`
    : unused ? ' No statement of this draft uses the table yet, and Flink checks a table\'s options only where a query or INSERT uses it: this draft runs, the first statement that uses the table without them will not.' : '';
  for (const d of e.found) {
    if (!d.missingKeys) {
      out.push({ at: -1, d });
      continue;
    }
    const keys = d.missingKeys.filter((k) => stillMissing.has(k));
    if (!keys.length) continue;
    const data = d.data?.fix === 'add' ? { fix: 'add' as const, options: d.data.options.filter((o) => keys.includes(o.key)) } : d.data;
    out.push({ at: -1, d: { ...d, message: d.message + usedOn, missingKeys: keys, ...(unused ? { severity: 'warning' as const } : {}), ...(data ? { data } : {}) } });
  }
  e.uses.forEach((u, i) => {
    const missing = missingAt[i];
    if (!missing.size) return;
    const keys = [...missing.keys()];
    const what = keys.map((k) => `'${k}'`).join(', ');
    const verb = u.use.kind === 'write' ? 'written' : 'read';
    out.push({ at: i, d: {
      start: u.use.start, end: u.use.end, severity: 'error', code: 'missing-option-at-use',
      message: `Table '${e.table.name}' is ${verb} here without ${what}, which ${e.view.connector ? 'its CREATE TABLE' : 'the connector an OPTIONS hint here names needs and its CREATE TABLE'} (line ${line(e.stmt.start)}) leaves out and no earlier ` +
        `ALTER TABLE … SET or OPTIONS hint here supplies; Flink checks a table's options where a statement uses it: ${missing.get(keys[0])}`,
    } });
  });
}
