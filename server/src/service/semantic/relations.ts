// The relations the streaming checks reason about: a query's columns with their time attributes, the kinds of change
// it emits (FlinkChangelogModeInferenceProgram's ModifyKindSet: insert, update, delete), the node that makes the
// updates and its upsert keys; with the name resolution the readers share (changelogMode.ts, joinKinds.ts).
import type { CreateTableNode, ExprNode, FlinkVersion, ParsedStatement } from '../../parser';
import type { ConnectorIndex } from '../../connectors/connectorCatalog';
import type { Resolver, TableInfo } from '../scope';

export type Kind = 'I' | 'U' | 'D';
export type Time = 'rowtime' | 'proctime' | 'none' | 'unknown';

export interface Col {
  name: string;
  time: Time;
  /** The type as written, when known. */
  type?: string;
  /** window_start / window_end / window_time of a window TVF, however renamed since (window properties). */
  window?: 'start' | 'end' | 'time';
}

/** Where updates come from: absolute offsets and a node name after Flink's (GroupAggregate, Rank, Join…). */
export interface Producer {
  start: number;
  end: number;
  node: string;
}

export interface Rel {
  /** Undefined when the columns are not known. */
  cols?: Col[];
  /** The kinds it emits for sure (a GROUP BY over anything emits updates). */
  kinds: ReadonlySet<Kind>;
  /** `kinds` is all it emits. */
  exact: boolean;
  producer?: Producer;
  /** Undefined when unknown; `[]` when it has none. */
  upsertKeys?: string[][];
  /** The draft tables scanned (for ON CONFLICT's watermark rule); complete only when `exact`. */
  sources: TableInfo[];
}

export type Emit = (start: number, end: number, message: string, data?: unknown) => void;

export const UNKNOWN: Rel = { kinds: new Set(), exact: false, sources: [] };
export const APPEND = new Set<Kind>(['I']);
export const UPDATES = new Set<Kind>(['I', 'U']);
export const ALL = new Set<Kind>(['I', 'U', 'D']);

export const isUpdating = (r: Rel) => r.kinds.has('U') || r.kinds.has('D');
export const isAppendOnly = (r: Rel) => r.exact && !isUpdating(r);

export const AGGREGATES = new Set([
  'COUNT', 'SUM', 'SUM0', 'MIN', 'MAX', 'AVG', 'STDDEV', 'STDDEV_POP', 'STDDEV_SAMP', 'VAR_POP', 'VAR_SAMP', 'VARIANCE',
  'COLLECT', 'LISTAGG', 'FIRST_VALUE', 'LAST_VALUE', 'ARRAY_AGG', 'JSON_OBJECTAGG', 'JSON_ARRAYAGG', 'BIT_AND', 'BIT_OR', 'BIT_XOR',
]);
export const WINDOW_TVFS = new Set(['TUMBLE', 'HOP', 'CUMULATE', 'SESSION']);

/** The statement and definitions a query is read against. */
export interface Env {
  version: FlinkVersion;
  catalog?: ConnectorIndex;
  /** The statement whose offsets the nodes are relative to. */
  stmt: ParsedStatement;
  resolve: Resolver;
  /** The relation of a draft view (read once per analysis). */
  view: (t: TableInfo) => Rel;
  /** The CREATE TABLE of a draft table. */
  createTable: (t: TableInfo) => CreateTableNode | undefined;
  emit?: Emit;
  /** The quick fix adding `WATERMARK FOR column` to a draft table (a diagnostic's data), when it can be written. */
  watermarkFix?: (t: TableInfo, column: string) => unknown;
}

export interface Entry {
  alias?: string;
  rel: Rel;
  /** A draft table scanned directly (for temporal joins). */
  table?: TableInfo;
  /** Absolute span of the FROM item. */
  start: number;
  end: number;
}

export const isNode = (v: unknown): v is ExprNode => typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string';
export const idParts = (e: ExprNode): string[] | undefined =>
  e.kind === 'identifier' && !e.star && Array.isArray(e.parts) ? (e.parts as { value: string }[]).map((p) => p.value) : undefined;
export const eqName = (a: string, b: string) => a === b || a.toLowerCase() === b.toLowerCase();

export function union(a: ReadonlySet<Kind>, b: ReadonlySet<Kind>): Set<Kind> {
  return new Set([...a, ...b]);
}

export function combine(rels: Rel[]): Rel {
  if (rels.length === 1) return rels[0];
  if (!rels.length) return { kinds: APPEND, exact: true, upsertKeys: undefined, sources: [] };
  return {
    kinds: rels.reduce((k, r) => union(k, r.kinds), new Set<Kind>()),
    exact: rels.every((r) => r.exact),
    producer: rels.find((r) => r.producer)?.producer,
    upsertKeys: rels.every((r) => r.upsertKeys?.length === 0) ? [] : undefined,
    sources: rels.flatMap((r) => r.sources),
  };
}

export function lookupEntry(parts: string[], entries: readonly Entry[]): { entry: Entry; col: Col } | undefined {
  if (parts.length >= 2) {
    const q = parts[parts.length - 2];
    const entry = entries.find((e) => e.alias === q) ?? entries.find((e) => e.alias && eqName(e.alias, q));
    const name = parts[parts.length - 1];
    const col = entry?.rel.cols?.find((c) => c.name === name) ?? entry?.rel.cols?.find((c) => eqName(c.name, name));
    return entry && col ? { entry, col } : undefined;
  }
  const name = parts[0];
  let found: { entry: Entry; col: Col } | undefined;
  for (const entry of entries) {
    if (!entry.rel.cols) return undefined;
    const col = entry.rel.cols.find((c) => c.name === name) ?? entry.rel.cols.find((c) => eqName(c.name, name));
    if (col) {
      if (found) return undefined;
      found = { entry, col };
    }
  }
  return found;
}

export function lookup(parts: string[], entries: readonly Entry[]): Col | undefined {
  return lookupEntry(parts, entries)?.col;
}

export function qualified(t: TableInfo): string {
  const p = t.path;
  return p.length >= 3 ? p.join('.') : p.length === 2 ? `default_catalog.${p.join('.')}` : `default_catalog.default_database.${p[0]}`;
}
