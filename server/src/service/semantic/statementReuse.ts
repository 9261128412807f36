// What the per-statement caches of the semantic checks (typeChecks.ts, streamingChecks.ts) share: a generation number
// of the draft's definitions, a key per catalog snapshot, and whether the names a statement's check resolved still
// resolve to the same tables.
import type { TableInfo } from '../scope';

let generationCounter = 0;
let previousDefs: readonly TableInfo[] = [];

/** Bumped whenever the draft's definitions differ from the previous call's (identity, in order). */
export function definitionsGeneration(defs: readonly { table: TableInfo }[]): number {
  let same = defs.length === previousDefs.length;
  for (let i = 0; same && i < defs.length; i++) same = defs[i].table === previousDefs[i];
  if (!same) {
    previousDefs = defs.map((d) => d.table);
    generationCounter++;
  }
  return generationCounter;
}

const NO_CATALOG = {};
const catalogKeys = new WeakMap<object, number>();
let nextCatalogKey = 1;

/** A small number per catalog snapshot (by identity; none is one too), for the caches' keys. */
export function catalogKey(catalogTables: object | undefined): number {
  const obj = catalogTables ?? NO_CATALOG;
  let k = catalogKeys.get(obj);
  if (k === undefined) catalogKeys.set(obj, (k = nextCatalogKey++));
  return k;
}

/** Every name the check looked up resolves to what it found then. */
export function stillResolves<T>(resolve: (parts: string[]) => T, lookups: readonly { parts: string[]; found: T }[]): boolean {
  for (const l of lookups) if (resolve(l.parts) !== l.found) return false;
  return true;
}
