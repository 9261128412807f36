// Turns the Catalogs view's cache (catalog trees and DESCRIBEd columns read from a live gateway) into the
// catalog tables completion and hover accept; structural types, so the service does not depend on the LSP layer.
import type { FlinkCatalogTreeResult } from '../protocol';
import type { ServiceContext } from './completion';
import type { CatalogTable } from './scope';

export interface CatalogSnapshot {
  tree: FlinkCatalogTreeResult;
  /** Columns read so far, by `catalog.database.table`. */
  columns: ReadonlyMap<string, readonly { name: string; type: string }[]>;
}

export function catalogContext(snapshots: Iterable<CatalogSnapshot>): ServiceContext {
  const catalogTables: CatalogTable[] = [];
  const catalogs = new Set<string>();
  for (const { tree, columns } of snapshots) {
    if (!tree.ok) continue;
    for (const c of tree.catalogs) {
      catalogs.add(c.name);
      for (const d of c.databases) {
        const current = c.name === tree.currentCatalog && d.name === tree.currentDatabase;
        const add = (name: string, kind: 'table' | 'view') => {
          const path = [c.name, d.name, name];
          catalogTables.push({ path, kind, current, columns: columns.get(path.join('.'))?.map((x) => ({ name: x.name, type: x.type })) });
        };
        for (const t of d.tables) add(t, 'table');
        for (const v of d.views) add(v, 'view');
      }
    }
  }
  return { catalogTables, catalogs: [...catalogs] };
}
