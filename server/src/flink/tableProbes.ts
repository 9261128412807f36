// Probes for the tables a draft defines but never uses. Flink runs a table's factory (connector, format, option
// validation) only when a statement reads or writes the table, so a misconfigured table nobody queries yet passes
// EXPLAIN-based validation. After the draft's statements, Validate plans a read of each such table (or, when the
// catalog says its connector can only be a sink, a write of typed NULLs) and puts the factory's error on the
// CREATE TABLE. Only EXPLAINs: nothing runs.
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { catalogFor, isFlinkVersion, type FlinkVersion } from '../connectors/connectorCatalog';
import { walk, type CreateTableNode, type InsertNode, type ParsedStatement, type QualifiedName } from '../parser';
import type { LineIndex } from '../util/lineIndex';
import { anchorInCreate } from './errorRanges';
import { GatewayError } from './flinkErrors';
import type { GatewaySession } from './gatewayClient';
import { classifyStatement } from './statementKinds';

export interface TableProbe {
  /** Index of the CREATE TABLE among the statements Validate submits. */
  statementIndex: number;
  /** The table's name as the draft wrote it (quoted parts kept). */
  name: string;
  mode: 'read' | 'write';
  /** The EXPLAIN submitted. */
  sql: string;
}

/** Statement classes whose planning runs the factories of the tables they use. */
const PLANNED = new Set(['query', 'insert', 'statementSet', 'ctas', 'dml', 'explain']);

const lastPart = (q: QualifiedName | undefined) => q?.parts?.length ? q.parts[q.parts.length - 1].value.toLowerCase() : undefined;

/** Lower-case last parts of the names a statement reads or writes (FROM/JOIN items, INSERT targets). */
function namesUsedBy(stmt: ParsedStatement): string[] {
  const found: string[] = [];
  walk(stmt.node, (n) => {
    const name = n.kind === 'tableRef' ? lastPart((n as unknown as { name: QualifiedName }).name)
      : n.kind === 'insert' ? lastPart((n as unknown as InsertNode).target) : undefined;
    if (name) found.push(name);
  });
  return found;
}

/**
 * Names the draft's planned statements read or write. CREATE VIEW counts: Flink converts the view's query, which
 * creates the sources it reads (measured on 2.3: a bad option of a table only a view reads fails the CREATE VIEW).
 */
export function usedTableNames(parsed: readonly ParsedStatement[]): Set<string> {
  const out = new Set<string>();
  for (const s of parsed) {
    if (!s.node) continue;
    if (s.node.kind === 'createView' || PLANNED.has(classifyStatement(s.text, s.node.kind))) for (const n of namesUsedBy(s)) out.add(n);
  }
  return out;
}

/**
 * The probes for `statements` (what Validate submits), given all parsed statements (`parsed`, where a SQL-client
 * statement set's INSERTs are still separate). `skip`: indexes of CREATE TABLEs Flink refused (no table to probe).
 */
export function planProbes(parsed: readonly ParsedStatement[], statements: readonly ParsedStatement[],
  opts: { flinkVersion?: FlinkVersion; skip?: ReadonlySet<number> } = {}): TableProbe[] {
  const used = usedTableNames(parsed);
  const catalog = catalogFor(opts.flinkVersion);
  const byName = new Map<string, TableProbe>();
  statements.forEach((stmt, i) => {
    const node = stmt.node as CreateTableNode | undefined;
    if (node?.kind !== 'createTable' || node.asQuery || !node.name?.parts?.length || opts.skip?.has(i)) return;
    if (stmt.diagnostics.some((d) => d.severity === 'error')) return;
    const key = lastPart(node.name)!;
    if (used.has(key) || (byName.has(key) && node.ifNotExists)) return; // IF NOT EXISTS keeps the first one
    const name = stmt.text.slice(node.name.start, node.name.end);
    const connector = node.options?.find((o) => o?.key?.value === 'connector')?.value?.value;
    const factory = connector ? catalog?.factory(connector, 'connector') : undefined;
    const sinkOnly = !!factory && factory.kinds.includes('sink') && !factory.kinds.includes('source');
    const write = sinkOnly ? writeProbe(stmt, node, name) : undefined;
    byName.set(key, write ? { statementIndex: i, name, mode: 'write', sql: write } : readProbe(i, name));
  });
  return [...byName.values()].sort((a, b) => a.statementIndex - b.statementIndex);
}

function readProbe(statementIndex: number, name: string): TableProbe {
  return { statementIndex, name, mode: 'read', sql: `EXPLAIN PLAN FOR SELECT * FROM ${name}` };
}

/** `INSERT INTO t (a, b) SELECT CAST(NULL AS <a's type>), …` over the physical columns; undefined without them. */
export function writeProbe(stmt: ParsedStatement, node: CreateTableNode, name: string): string | undefined {
  const cols = (node.columns ?? []).filter((c) => c.kind === 'physicalColumn' && c.type);
  if (!cols.length || node.like) return undefined;
  const quote = (s: string) => `\`${s.replace(/`/g, '``')}\``;
  // A top-level NOT NULL would make the cast of NULL itself fail; nullability is checked when rows flow, not here.
  const type = (c: (typeof cols)[number]) => stmt.text.slice(c.type!.start, c.type!.end).replace(/\s+NOT\s+NULL\s*$/i, '');
  return `EXPLAIN PLAN FOR INSERT INTO ${name} (${cols.map((c) => quote(c.name.value)).join(', ')}) ` +
    `SELECT ${cols.map((c) => `CAST(NULL AS ${type(c)})`).join(', ')}`;
}

/** Errors that say the probe could not find the table (a later DROP, USE or ALTER … RENAME), not a factory problem. */
const NOT_THE_TABLE = /Object '[^']*' not found|Table '[^']*' (?:was )?not found|does not exist/i;
/** 2.3 refuses an append-only write into a sink with a PRIMARY KEY without ON CONFLICT: about the probe's query, not the table. */
const PROBE_QUERY = /upsert key that differs from the primary key/i;
const SINK_ONLY = /can only be used as a sink/i;

export interface ProbeOutcome {
  diagnostics: Diagnostic[];
  /** Names of the tables probed, in draft order. */
  probed: string[];
}

/** Runs the probes in `session` (after the draft's statements) and maps each factory error onto its CREATE TABLE. */
export async function runProbes(session: GatewaySession, lines: LineIndex, statements: readonly ParsedStatement[],
  probes: readonly TableProbe[], signal?: AbortSignal): Promise<ProbeOutcome> {
  const diagnostics: Diagnostic[] = [];
  for (const probe of probes) {
    if (signal?.aborted) throw new GatewayError('cancelled', 'Validation cancelled.');
    let error = await attempt(session, probe.sql, signal);
    // A connector the catalog does not know (a jar on the cluster) that turns out to be a sink: plan a write.
    if (error && probe.mode === 'read' && SINK_ONLY.test(error.message)) {
      const stmt = statements[probe.statementIndex];
      const write = writeProbe(stmt, stmt.node as CreateTableNode, probe.name);
      if (!write) continue; // columns unknown here (LIKE): the factory was found, which is all a read can tell
      error = await attempt(session, write, signal);
    }
    if (!error || NOT_THE_TABLE.test(error.message) || PROBE_QUERY.test(error.message)) continue;
    const stmt = statements[probe.statementIndex];
    const span = anchorInCreate(stmt, probe.statementIndex, `${error.message}\n${error.details.serverTrace ?? ''}`);
    diagnostics.push({
      range: lines.rangeOf(span.start, span.end),
      severity: DiagnosticSeverity.Error,
      source: 'flink',
      code: 'flink-table-probe',
      message: `${error.message} (found by planning a ${probe.mode === 'read' ? 'read of' : 'write to'} table ${probe.name}, which no statement of the draft uses yet)`,
    });
  }
  return { diagnostics, probed: probes.map((p) => p.name) };
}

async function attempt(session: GatewaySession, sql: string, signal?: AbortSignal): Promise<GatewayError | undefined> {
  try {
    await session.run(sql, { signal, maxRows: 1 });
    return undefined;
  } catch (e) {
    if (!(e instanceof GatewayError) || e.kind !== 'flink') throw e;
    return e;
  }
}

/** The catalog version to judge sink-only connectors by: the gateway's Flink when we have its catalog. */
export function probeCatalogVersion(gatewayVersion: string, draft?: FlinkVersion): FlinkVersion | undefined {
  const short = /^(\d+\.\d+)/.exec(gatewayVersion)?.[1];
  return short && isFlinkVersion(short) ? short : draft;
}
