// The Catalogs view's data: a gateway session with the draft's DDL/SET/USE applied (so its temporary tables
// show), read with SHOW/DESCRIBE; the result is kept per target as the catalog cache completion can use.
import { catalogTree, describeTable, quoteIdentifier, type ColumnDescription } from '../flink/catalogs';
import { GatewayError } from '../flink/flinkErrors';
import { connectGateway, GatewaySession } from '../flink/gatewayClient';
import { classifyStatement } from '../flink/statementKinds';
import { parseScript } from '../parser';
import type { CatalogTreeCatalog, FlinkCatalogTreeResult } from '../protocol';
import { catalogContext, type ServiceContext } from '../service';
import type { ResolvedTarget } from './flinkConnection';

interface CatalogCacheEntry {
  tree: FlinkCatalogTreeResult;
  /** Columns read so far, by `catalog.database.table`. */
  columns: Map<string, ColumnDescription[]>;
  refreshedAt: number;
}

/** Per target key (see ResolvedTarget.key): what the last refresh saw. */
const cache = new Map<string, CatalogCacheEntry>();
/** Bumped on every change of `cache`, so derived views (the service's catalog context) rebuild only then. */
let revision = 0;

let context: { revision: number; value: ServiceContext } | undefined;

/** What the language service knows of live catalogs (every cached target), rebuilt only when the cache changed. */
export function knownCatalogs(): ServiceContext {
  if (context?.revision !== revision) context = { revision, value: catalogContext(cache.values()) };
  return context.value;
}

const SETUP = new Set(['ddl', 'set', 'use', 'module', 'jar']);

export class CatalogBrowser {
  /** The session of the last refresh, kept open for DESCRIBE on expand; one at a time. */
  private session: { key: string; uri?: string; session: GatewaySession } | undefined;

  async tree(target: ResolvedTarget, draft: { uri?: string; text?: string }, signal?: AbortSignal): Promise<FlinkCatalogTreeResult> {
    const { client, flinkVersion } = await connectGateway(target);
    await this.close();
    const session = await GatewaySession.open(client, {}, 'flink-sql-studio-catalogs');
    this.session = { key: target.key, uri: draft.uri, session };
    const skipped = draft.text ? await applySetup(session, draft.text, signal) : 0;
    const t = await catalogTree(session, signal);
    const catalogs: CatalogTreeCatalog[] = [];
    for (const c of t.catalogs) {
      const databases = [];
      for (const d of c.databases) {
        databases.push({ ...d, functions: await userFunctions(session, c.name, d.name, signal) });
      }
      catalogs.push({ name: c.name, current: c.current, databases });
    }
    const result: FlinkCatalogTreeResult = {
      ok: true, flinkVersion, currentCatalog: t.currentCatalog, currentDatabase: t.currentDatabase, catalogs,
      ...(skipped ? { error: `${skipped} statement(s) of the draft failed to apply; their objects are missing.` } : {}),
    };
    cache.set(target.key, { tree: result, columns: new Map(), refreshedAt: Date.now() });
    revision++;
    return result;
  }

  async describe(target: ResolvedTarget, draft: { uri?: string; text?: string }, path: string[], signal?: AbortSignal): Promise<ColumnDescription[]> {
    if (!this.session || this.session.key !== target.key || this.session.uri !== draft.uri) await this.tree(target, draft, signal);
    const run = () => describeTable(this.session!.session, path, signal);
    let columns: ColumnDescription[];
    try {
      columns = await run();
    } catch (err) {
      // The session may have expired on the gateway (idle timeout): open a fresh one once.
      if (!(err instanceof GatewayError) || err.kind === 'flink') throw err;
      await this.tree(target, draft, signal);
      columns = await run();
    }
    cache.get(target.key)?.columns.set(path.join('.'), columns);
    revision++;
    return columns;
  }

  async close(): Promise<void> {
    const s = this.session;
    this.session = undefined;
    await s?.session.close();
  }
}

/** Applies the draft's setup statements in order; returns how many Flink refused (they are skipped). */
async function applySetup(session: GatewaySession, text: string, signal?: AbortSignal): Promise<number> {
  let failed = 0;
  for (const stmt of parseScript(text).statements) {
    if (stmt.diagnostics.some((d) => d.severity === 'error')) continue;
    if (!SETUP.has(classifyStatement(stmt.text, stmt.node?.kind))) continue;
    try {
      await session.run(stmt.text, { signal, maxRows: 1 });
    } catch (err) {
      if (!(err instanceof GatewayError) || err.kind !== 'flink') throw err;
      failed++;
    }
  }
  return failed;
}

async function userFunctions(session: GatewaySession, catalog: string, database: string, signal?: AbortSignal): Promise<string[]> {
  try {
    const r = await session.run(`SHOW USER FUNCTIONS FROM ${quoteIdentifier(catalog)}.${quoteIdentifier(database)}`, { signal });
    return r.rows.map((row) => String(row.fields[0]));
  } catch (err) {
    if (!(err instanceof GatewayError) || err.kind !== 'flink') throw err;
    // Gateways before Flink 1.19 have no FROM clause on SHOW USER FUNCTIONS: list none rather than guess.
    return [];
  }
}
