// The unknown-table check: a table a statement reads or writes (FROM/JOIN item, INSERT target, TABLE argument)
// that is neither defined earlier in the draft (CREATE TABLE/VIEW, a CTE of the statement) nor in a catalog read
// from a live gateway. It runs only once catalogs are known — before that a name may live in a catalog we have
// not seen — and warns rather than errs: Validate on the real planner has the last word.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { walk, type InsertNode, type QualifiedName, type QueryNode, type StatementNode } from '../parser';
import type { ServiceContext } from './completion';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import type { AnalyzedDocument } from './document';
import { draftDefinitions, type CatalogTable } from './scope';

interface TableUse {
  name: QualifiedName;
}

/** Per statement tree (the parser's cache hands back the same tree for an unchanged statement). */
const usesByTree = new WeakMap<StatementNode, { uses: TableUse[]; ctes: Set<string> }>();

function usesOf(node: StatementNode): { uses: TableUse[]; ctes: Set<string> } {
  let found = usesByTree.get(node);
  if (!found) {
    const uses: TableUse[] = [];
    const ctes = new Set<string>();
    walk(node, (n) => {
      if (n.kind === 'tableRef') uses.push({ name: (n as unknown as { name: QualifiedName }).name });
      else if (n.kind === 'tableArg' && isQualifiedName((n as { name?: unknown }).name)) uses.push({ name: (n as unknown as { name: QualifiedName }).name });
      else if (n.kind === 'insert') uses.push({ name: (n as unknown as InsertNode).target });
      else if (n.kind === 'query') for (const c of (n as unknown as QueryNode).with ?? []) ctes.add(c.name.value.toLowerCase());
    });
    found = { uses: uses.filter((u) => u.name?.parts?.length), ctes };
    usesByTree.set(node, found);
  }
  return found;
}

function isQualifiedName(v: unknown): v is QualifiedName {
  return typeof v === 'object' && v !== null && Array.isArray((v as QualifiedName).parts);
}

/** Known names by their last part (lower case): the check looks up candidates instead of scanning every definition. */
interface KnownIndex {
  /** Draft definitions: path and the offset of their statement (known only to later statements). */
  draft: Map<string, { path: string[]; statementStart: number }[]>;
  catalog: Map<string, CatalogTable[]>;
}

function indexKnown(doc: AnalyzedDocument, catalog: readonly CatalogTable[]): KnownIndex {
  const draft: KnownIndex['draft'] = new Map();
  for (const d of draftDefinitions(doc)) {
    const key = d.table.path[d.table.path.length - 1].toLowerCase();
    draft.set(key, [...(draft.get(key) ?? []), { path: d.table.path, statementStart: d.statementStart }]);
  }
  const byName: KnownIndex['catalog'] = new Map();
  for (const t of catalog) {
    const key = t.path[t.path.length - 1].toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), t]);
  }
  return { draft, catalog: byName };
}

/** `ref` names `path` when their trailing parts agree (any case: a warning must not fire on what Flink may accept). */
function suffixMatches(path: readonly string[], ref: readonly string[]): boolean {
  if (ref.length > path.length) return false;
  for (let k = 1; k <= ref.length; k++) if (path[path.length - k].toLowerCase() !== ref[ref.length - k].toLowerCase()) return false;
  return true;
}

function isKnown(index: KnownIndex, parts: string[], statementStart: number): boolean {
  const key = parts[parts.length - 1].toLowerCase();
  if (index.draft.get(key)?.some((d) => d.statementStart < statementStart && suffixMatches(d.path, parts))) return true;
  // A bare name reaches only the current catalog and database.
  return !!index.catalog.get(key)?.some((t) => (parts.length > 1 || t.current !== false) && suffixMatches(t.path, parts));
}

export function unknownTableDiagnostics(doc: AnalyzedDocument, context: ServiceContext = {}): Diagnostic[] {
  if (!context.catalogs?.length) return [];
  let index: KnownIndex | undefined;
  const out: Diagnostic[] = [];
  for (const stmt of doc.script.statements) {
    if (!stmt.node || stmt.diagnostics.some((d) => d.severity === 'error')) continue;
    const { uses, ctes } = usesOf(stmt.node);
    if (!uses.length) continue;
    index ??= indexKnown(doc, context.catalogTables ?? []);
    for (const { name } of uses) {
      const parts = name.parts.map((p) => p.value);
      if (parts.length === 1 && ctes.has(parts[0].toLowerCase())) continue;
      if (isKnown(index, parts, stmt.start)) continue;
      out.push({
        range: doc.lines.rangeOf(stmt.start + name.start, stmt.start + name.end),
        severity: DiagnosticSeverity.Warning,
        source: DIAGNOSTIC_SOURCE,
        code: 'unknown-table',
        message: `Table '${parts.join('.')}' is not defined in this draft and was not found in the catalogs (${context.catalogs.join(', ')}). ` +
          'Create it above, qualify it with its catalog and database, or refresh the Catalogs view.',
      });
    }
  }
  return out;
}
