// What a gateway session's catalogs hold: SHOW CATALOGS/DATABASES/TABLES/VIEWS/FUNCTIONS and DESCRIBE,
// read through the SQL Gateway (each session has its own in-memory default_catalog plus registered ones).
import type { GatewaySession } from './gatewayClient';

export interface ColumnDescription {
  name: string;
  type: string;
  nullable: boolean;
  /** e.g. `PRI(n)` for a primary-key column. */
  key?: string;
  /** e.g. `METADATA FROM 'timestamp'` or a computed column's expression. */
  extras?: string;
  watermark?: string;
}

export interface DatabaseEntry {
  name: string;
  tables: string[];
  views: string[];
}

export interface CatalogEntry {
  name: string;
  current: boolean;
  databases: DatabaseEntry[];
}

export interface CatalogTree {
  currentCatalog: string;
  currentDatabase: string;
  catalogs: CatalogEntry[];
}

/** Back-quotes an identifier for Flink SQL (a back-quote inside is doubled). */
export function quoteIdentifier(name: string): string {
  return '`' + name.replace(/`/g, '``') + '`';
}

async function firstColumn(session: GatewaySession, statement: string, signal?: AbortSignal): Promise<string[]> {
  const r = await session.run(statement, { signal });
  return r.rows.map((row) => String(row.fields[0]));
}

export function listCatalogs(session: GatewaySession, signal?: AbortSignal): Promise<string[]> {
  return firstColumn(session, 'SHOW CATALOGS', signal);
}

export function listDatabases(session: GatewaySession, catalog: string, signal?: AbortSignal): Promise<string[]> {
  return firstColumn(session, `SHOW DATABASES FROM ${quoteIdentifier(catalog)}`, signal);
}

/** Tables and views of a database, apart: Flink's SHOW TABLES lists views too. */
export async function listTablesAndViews(session: GatewaySession, catalog: string, database: string, signal?: AbortSignal): Promise<{ tables: string[]; views: string[] }> {
  const where = `${quoteIdentifier(catalog)}.${quoteIdentifier(database)}`;
  const [all, views] = await Promise.all([
    firstColumn(session, `SHOW TABLES FROM ${where}`, signal),
    firstColumn(session, `SHOW VIEWS FROM ${where}`, signal),
  ]);
  const viewSet = new Set(views);
  return { tables: all.filter((t) => !viewSet.has(t)), views };
}

/** `user`: only functions registered in the session/catalogs, not Flink's hundreds of built-ins. */
export function listFunctions(session: GatewaySession, options: { user?: boolean; signal?: AbortSignal } = {}): Promise<string[]> {
  return firstColumn(session, options.user ? 'SHOW USER FUNCTIONS' : 'SHOW FUNCTIONS', options.signal);
}

/** DESCRIBE of a table or view; `name` parts are quoted here. */
export async function describeTable(session: GatewaySession, name: string[], signal?: AbortSignal): Promise<ColumnDescription[]> {
  const r = await session.run(`DESCRIBE ${name.map(quoteIdentifier).join('.')}`, { signal });
  const idx = (col: string) => r.columns.findIndex((c) => c.name === col);
  const [iName, iType, iNull, iKey, iExtras, iWm] = ['name', 'type', 'null', 'key', 'extras', 'watermark'].map(idx);
  const text = (v: unknown) => (v === null || v === undefined || v === '' ? undefined : String(v));
  return r.rows.map(({ fields }) => ({
    name: String(fields[iName]),
    type: String(fields[iType]),
    nullable: fields[iNull] === true,
    key: iKey >= 0 ? text(fields[iKey]) : undefined,
    extras: iExtras >= 0 ? text(fields[iExtras]) : undefined,
    watermark: iWm >= 0 ? text(fields[iWm]) : undefined,
  }));
}

/** Every catalog → database → tables/views visible to the session (bounded: a few statements per database). */
export async function catalogTree(session: GatewaySession, signal?: AbortSignal): Promise<CatalogTree> {
  const [[currentCatalog], [currentDatabase], catalogs] = await Promise.all([
    firstColumn(session, 'SHOW CURRENT CATALOG', signal),
    firstColumn(session, 'SHOW CURRENT DATABASE', signal),
    listCatalogs(session, signal),
  ]);
  const entries: CatalogEntry[] = [];
  for (const name of catalogs) {
    const databases: DatabaseEntry[] = [];
    for (const db of await listDatabases(session, name, signal)) {
      databases.push({ name: db, ...(await listTablesAndViews(session, name, db, signal)) });
    }
    entries.push({ name, current: name === currentCatalog, databases });
  }
  return { currentCatalog, currentDatabase, catalogs: entries };
}
