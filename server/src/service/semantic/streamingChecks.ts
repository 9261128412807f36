// Streaming rules checked the way Flink's planner checks them: changelog modes against what each sink accepts
// (FlinkChangelogModeInferenceProgram), Flink 2.3's ON CONFLICT for upsert sinks, time attributes (window TVF
// DESCRIPTOR columns, streaming ORDER BY, OVER ordering, WATERMARK types) and temporal / lookup joins. The
// reading of each query is changelogMode.ts; the connectors' and formats' modes are changelogRules.ts. Findings
// are kept per statement tree while every name they resolved resolves to the same definition.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { catalogFor } from '../../connectors/connectorCatalog';
import type {
  CreateTableNode, FlinkVersion, InsertNode, ParsedStatement, QueryNode, StatementNode,
} from '../../parser';
import type { ServiceContext } from '../completion';
import { DIAGNOSTIC_SOURCE } from '../diagnostics';
import type { AnalyzedDocument } from '../document';
import { draftDefinitions, resolver, type Resolver, type TableInfo } from '../scope';
import { isUpdating, qualified, QueryReader, type Env, type Kind, type Rel } from './changelogMode';
import { requiresOnConflict, sinkMode, updatesNeedPrimaryKey } from './changelogRules';
import { isEditsFix } from './streamingFixes';
import { catalogKey, definitionsGeneration, stillResolves } from './statementReuse';

/** Offsets relative to the statement's start (so a finding stays right when text above it moves the statement). */
interface Finding {
  start: number;
  end: number;
  code: string;
  message: string;
  data?: unknown;
}

interface Checked {
  key: string;
  /** The definitions' generation and how many came before the statement when it was last checked or validated. */
  generation?: number;
  defsBefore?: number;
  /** A quick fix edits another statement: its offsets hold for this version of the document only. */
  volatile?: boolean;
  lookups: { parts: string[]; found: TableInfo | undefined }[];
  found: Finding[];
}

const byTree = new WeakMap<StatementNode, Checked>();

interface Settings {
  batch: boolean;
  /** Tables an ALTER TABLE changes (a WATERMARK, options, a rename): read as unknown wherever used. */
  altered: Set<string>;
  /** table.exec.sink.require-on-conflict and upsert-materialize AUTO (Flink 2.3's defaults). */
  onConflict: boolean;
}

function settings(doc: AnalyzedDocument): Settings {
  const s: Settings = { batch: false, onConflict: true, altered: new Set() };
  for (const st of doc.script.statements) {
    const n = st.node as (StatementNode & { key?: { value?: string }; value?: { value?: string } }) | undefined;
    if (n && /^alter/.test(n.kind) && n.name?.parts?.length) s.altered.add(n.name.parts[n.name.parts.length - 1].value.toLowerCase());
    if (n?.kind !== 'set' || !n.key?.value) continue;
    const v = (n.value?.value ?? '').trim().toLowerCase();
    if (n.key.value === 'execution.runtime-mode' && v === 'batch') s.batch = true;
    if (n.key.value === 'table.exec.sink.require-on-conflict' && v === 'false') s.onConflict = false;
    if (n.key.value === 'table.exec.sink.upsert-materialize' && v !== 'auto') s.onConflict = false;
  }
  return s;
}

export function streamingDiagnostics(doc: AnalyzedDocument, context: ServiceContext): Diagnostic[] {
  const version = context.flinkVersion ?? doc.flinkVersion;
  const set = settings(doc);
  if (set.batch) return [];
  const ck = catalogKey(context.catalogTables);
  const key = `${version}|${set.onConflict}|${ck}|${[...set.altered].sort().join(',')}`;
  const draft = new Draft(doc, context, version, set);
  const defs = draftDefinitions(doc);
  const generation = definitionsGeneration(defs);
  const out: Diagnostic[] = [];
  let defsBefore = 0;
  for (const stmt of doc.script.statements) {
    while (defsBefore < defs.length && defs[defsBefore].statementStart < stmt.start) defsBefore++;
    const node = stmt.node;
    if (!node || !CHECKED.has(node.kind)) continue;
    let checked = byTree.get(node);
    // the same definitions as when last checked, as many before it: every name resolves as it did (no lookups)
    const unchanged = checked && checked.generation === generation && checked.defsBefore === defsBefore;
    if (!checked || checked.volatile || checked.key !== key
      || (!unchanged && checked.lookups.length && !stillResolves(draft.baseResolve(stmt), checked.lookups))) {
      try {
        checked = draft.check(stmt, node, key);
      } catch {
        // a tree left incomplete by a syntax error: no finding rather than a wrong one
        checked = { key, lookups: [], found: [] };
      }
      byTree.set(node, checked);
    }
    checked.generation = generation;
    checked.defsBefore = defsBefore;
    for (const f of checked.found) {
      const data = isEditsFix(f.data)
        ? { ...f.data, edits: f.data.edits.map((e) => ({ ...e, start: e.start + stmt.start, end: e.end + stmt.start })) }
        : f.data;
      out.push({
        range: doc.lines.rangeOf(stmt.start + f.start, stmt.start + f.end), severity: DiagnosticSeverity.Error, source: DIAGNOSTIC_SOURCE,
        code: f.code, message: f.message, ...(data ? { data } : {}),
      });
    }
  }
  return out;
}


const CHECKED = new Set(['createTable', 'createView', 'query', 'insert', 'statementSet']);

/** Per-call state: which statement defines each draft table, views read once. */
class Draft {
  private defsMap?: Map<TableInfo, ParsedStatement>;
  private readonly views = new Map<TableInfo, Rel>();
  private readonly catalog;
  private readonly resolvers = new Map<ParsedStatement, Resolver>();

  constructor(private readonly doc: AnalyzedDocument, private readonly context: ServiceContext,
    private readonly version: FlinkVersion, private readonly set: Settings) {
    this.catalog = catalogFor(version);
  }

  /** The statement defining each draft table (built when a statement is checked, not on every keystroke). */
  private get defs(): Map<TableInfo, ParsedStatement> {
    if (!this.defsMap) {
      this.defsMap = new Map();
      const byStart = new Map(this.doc.script.statements.map((s) => [s.start, s]));
      for (const d of draftDefinitions(this.doc)) {
        const s = byStart.get(d.statementStart);
        if (s) this.defsMap.set(d.table, s);
      }
    }
    return this.defsMap;
  }

  baseResolve(stmt: ParsedStatement): Resolver {
    let r = this.resolvers.get(stmt);
    if (!r) this.resolvers.set(stmt, (r = resolver(this.doc, stmt.start, this.context.catalogTables)));
    return r;
  }

  private createTable = (t: TableInfo): CreateTableNode | undefined => {
    if (this.set.altered.has(t.name.toLowerCase())) return undefined;
    const n = this.defs.get(t)?.node;
    return n?.kind === 'createTable' ? n as CreateTableNode : undefined;
  };

  private view = (t: TableInfo): Rel => {
    let rel = this.views.get(t);
    if (rel) return rel;
    if (this.set.altered.has(t.name.toLowerCase())) return { kinds: new Set(), exact: false, sources: [] };
    this.views.set(t, { kinds: new Set(), exact: false, sources: [] }); // a cycle reads as unknown
    const stmt = this.defs.get(t);
    const q = (stmt?.node as { query?: QueryNode } | undefined)?.query;
    rel = { kinds: new Set(), exact: false, sources: [] };
    if (stmt && q?.kind === 'query') {
      const reader = new QueryReader(this.env(stmt, this.baseResolve(stmt)));
      rel = reader.query(q);
      const names = (stmt.node as { columns?: { value: string }[] }).columns;
      if (Array.isArray(names) && names.length && rel.cols) rel = { ...rel, cols: names.map((n, i) => ({ ...(rel!.cols![i] ?? { time: 'unknown' }), name: n.value })) };
    }
    this.views.set(t, rel);
    return rel;
  };

  private env(stmt: ParsedStatement, resolve: Resolver, emit?: Env['emit']): Env {
    return { version: this.version, catalog: this.catalog, stmt, resolve, view: this.view, createTable: this.createTable, emit, watermarkFix: this.watermarkFix };
  }

  /** `WATERMARK FOR col AS col - INTERVAL '5' SECOND` after the table's last column or constraint. */
  private watermarkFix = (t: TableInfo, column: string): unknown => {
    const stmt = this.defs.get(t);
    const node = this.createTable(t);
    if (!stmt || !node || node.watermark) return undefined;
    const last = [...node.columns, ...node.constraints].reduce((m, c) => Math.max(m, c.end), -1);
    if (last < 0) return undefined;
    const name = /^[A-Za-z_][A-Za-z0-9_]*$/.test(column) ? column : `\`${column.replace(/`/g, '``')}\``;
    const at = stmt.start + last;
    return { fix: 'edits', title: `Add WATERMARK FOR ${name} to '${t.name}'`, edits: [{ start: at, end: at, newText: `,\n  WATERMARK FOR ${name} AS ${name} - INTERVAL '5' SECOND` }] };
  }

  check(stmt: ParsedStatement, node: StatementNode, key: string): Checked {
    const lookups: Checked['lookups'] = [];
    const base = this.baseResolve(stmt);
    const seen = new Set<string>();
    const resolve: Resolver = (parts) => {
      const found = base(parts);
      const k = parts.join('\u0000');
      if (!seen.has(k)) {
        seen.add(k);
        lookups.push({ parts, found });
      }
      return found;
    };
    const found: Finding[] = [];
    const emitAbs = (start: number, end: number, message: string, code = 'flink-streaming', data?: unknown) => {
      if (found.some((f) => f.start === start && f.message === message)) return;
      found.push({ start, end, code, message, data });
    };
    const env = this.env(stmt, resolve, (s, e, m, data) => emitAbs(s, e, m, codeOf(m), data));
    const reader = new QueryReader(env);
    const rel = (n: { start: number; end: number }) => ({ start: stmt.start + n.start, end: stmt.start + n.end });
    switch (node.kind) {
      case 'createTable':
        this.watermarkType(stmt, node as CreateTableNode, emitAbs);
        break;
      case 'createView': {
        const q = (node as { query?: QueryNode }).query;
        if (q?.kind === 'query') reader.query(q);
        break;
      }
      case 'query':
        this.topQuery(reader, node as QueryNode, rel, emitAbs);
        break;
      case 'insert':
        this.insert(stmt, reader, node as InsertNode, resolve, rel, emitAbs);
        break;
      case 'statementSet':
        for (const s of (node as { statements?: StatementNode[] }).statements ?? []) {
          if (s.kind === 'insert') this.insert(stmt, reader, s as InsertNode, resolve, rel, emitAbs);
        }
        break;
    }
    // relative to the statement; a fix that edits another statement makes the findings this version's only
    let volatile = false;
    const relative = found.map((f) => {
      if (!isEditsFix(f.data)) return { ...f, start: f.start - stmt.start, end: f.end - stmt.start };
      if (f.data.edits.some((e) => e.start < stmt.start || e.end > stmt.end)) volatile = true;
      const data = { ...f.data, edits: f.data.edits.map((e) => ({ ...e, start: e.start - stmt.start, end: e.end - stmt.start })) };
      return { ...f, start: f.start - stmt.start, end: f.end - stmt.start, data };
    });
    return { key, lookups, found: relative, volatile };
  }

  private topQuery(reader: QueryReader, q: QueryNode, rel: (n: { start: number; end: number }) => { start: number; end: number }, emit: EmitAbs): Rel {
    const r = reader.query(q);
    if (q.orderBy?.length && !q.limit && !q.offset) {
      const item = q.orderBy[0] as { expr?: { kind: string; parts?: { value: string }[]; star?: boolean } } & { start: number; end: number };
      const parts = item.expr?.kind === 'identifier' && !item.expr.star ? item.expr.parts?.map((p) => p.value) : undefined;
      const name = parts?.[parts.length - 1];
      const col = parts ? reader.orderColumn(q, r, parts) : undefined;
      if (col?.time === 'none') {
        const a = rel(item);
        emit(a.start, a.end, `Sort on a non-time-attribute field is not supported. A streaming ORDER BY must start with a time attribute `
          + `in ascending order ('${name}' is not one); add LIMIT for a Top-N, or order by the rowtime/proctime column.`, 'flink-streaming-sort');
      }
    }
    return r;
  }

  private insert(stmt: ParsedStatement, reader: QueryReader, ins: InsertNode, resolve: Resolver,
    rel: (n: { start: number; end: number }) => { start: number; end: number }, emit: EmitAbs): void {
    if (!ins.query || ins.query.kind !== 'query') return;
    const r = this.topQuery(reader, ins.query, rel, emit);
    const t = resolve(ins.target.parts.map((p) => p.value));
    // Any sink: Flink writes one rowtime at most (the query's rowtimes come only from draft WATERMARKs, so this is sure).
    const names = r.exact && r.cols ? uniquify(r.cols.map((c) => c.name)) : undefined;
    const rowtimes = names && r.cols!.flatMap((c, i) => (c.time === 'rowtime' ? [names[i]] : []));
    if (rowtimes && rowtimes.length > 1) {
      const at = rel(ins.target);
      const name = t?.inDraft ? qualified(t) : ins.target.parts.map((p) => p.value).join('.');
      emit(at.start, at.end, `The query contains more than one rowtime attribute column [${rowtimes.join(', ')}] for writing into table '${name}'. `
        + 'A sink takes one event time at most: CAST the others to TIMESTAMP(3) so they become plain timestamps.', 'flink-rowtime-sink');
      return;
    }
    if (ins.targetHints?.length) return;
    if (!t?.inDraft || t.kind !== 'table') return;
    const def = this.createTable(t);
    if (!def || def.like) return;
    const mode = sinkMode(this.version, t.connector, t.format);
    if (!mode) return;
    const target = rel(ins.target);
    const sinkName = qualified(t);
    if (isUpdating(r)) {
      if (mode === 'insert') {
        const diff = (['U', 'D'] as Kind[]).filter((k) => r.kinds.has(k)).map((k) => (k === 'U' ? 'update' : 'delete')).join(' and ');
        const p = r.producer;
        const inHere = p && p.end > p.start && p.start >= stmt.start && p.end <= stmt.end;
        const at = inHere ? p! : target;
        const fix = t.connector === 'kafka' && t.primaryKey?.length ? ' Use the upsert-kafka connector for this table (it has a PRIMARY KEY), or make the query append-only.' : '';
        emit(at.start, at.end, `Table sink '${sinkName}' doesn't support consuming ${diff} changes which is produced by node ${p?.node ?? 'of the query'}. `
          + `The '${t.connector}' connector${t.format ? ` with format '${t.format}'` : ''} writes appends only, and this query updates rows it has emitted.${fix}`,
        'flink-changelog-sink', fix ? this.upsertKafkaFix(t, def) : undefined);
        if (!inHere) return;
        return;
      }
      if (updatesNeedPrimaryKey(t.connector) && !t.primaryKey?.length) {
        emit(target.start, target.end, 'please declare primary key for sink table when query contains update/delete record. '
          + `The query updates rows, and the '${t.connector}' sink writes updates by key: add PRIMARY KEY (…) NOT ENFORCED to '${t.name}'.`, 'flink-changelog-sink-key');
        return;
      }
    }
    if (!requiresOnConflict(this.version)) return;
    const conflict = ins.onConflict?.toUpperCase();
    if (conflict) {
      if (mode === 'insert') {
        emit(target.start, target.end, `ON CONFLICT clause is only allowed for upsert sinks. The sink '${sinkName}' is not an upsert sink because it only accepts INSERT (append-only) changes.`, 'flink-on-conflict');
        return;
      }
      if ((conflict === 'ERROR' || conflict === 'NOTHING') && r.exact && r.sources.length) {
        const upsert = mode === 'upsert' || (mode === 'upsertIfUpdating' && isUpdating(r));
        const missing = [...new Set(r.sources.filter((s) => !this.createTable(s)?.watermark).map(qualified))];
        if (upsert && missing.length) {
          emit(target.start, target.end, `ON CONFLICT DO ${conflict} requires all source tables to define watermarks, but the following source(s) do not: ${missing.join(', ')}. Please add a WATERMARK declaration to these tables.`, 'flink-on-conflict');
        }
      }
      return;
    }
    if (!this.set.onConflict || !t.primaryKey?.length || !r.exact || !r.upsertKeys || !r.cols) return;
    const upsert = mode === 'upsert' || (mode === 'upsertIfUpdating' && isUpdating(r));
    if (!upsert) return;
    const sinkCols = ins.columns?.map((c) => c.value)
      ?? t.columns.filter((c) => c.kind === 'physical' || (c.kind === 'metadata' && !/VIRTUAL/.test(c.note ?? ''))).map((c) => c.name);
    const toSink = (name: string) => {
      const i = r.cols!.findIndex((c) => c.name === name);
      return i >= 0 ? sinkCols[i] : undefined;
    };
    const keys = r.upsertKeys.map((k) => k.map(toSink));
    if (keys.some((k) => k.some((c) => c === undefined))) return;
    const pk = t.primaryKey;
    if (keys.some((k) => k.every((c) => pk.includes(c!)))) return;
    const shown = keys.length ? keys.map((k) => `[${k.join(', ')}]`).join(', ') : '';
    const end = stmt.start + ins.end;
    emit(target.start, target.end, `The query has an upsert key that differs from the primary key of the sink table '${sinkName}'. `
      + `Primary key: [${pk.join(', ')}], upsert key: ${shown}. This can lead to non-deterministic results when multiple records with different upsert keys map to the same primary key. `
      + 'Please specify an ON CONFLICT clause to define how conflicts should be handled: ON CONFLICT DO DEDUPLICATE (update to the latest record, state intensive, since we need to keep the entire history), '
      + 'or ON CONFLICT DO ERROR (fail on conflict), or ON CONFLICT DO NOTHING (keep first record).', 'flink-upsert-key', {
      fix: 'edits', title: 'Add ON CONFLICT DO DEDUPLICATE', edits: [{ start: end, end, newText: '\nON CONFLICT DO DEDUPLICATE' }],
    });
  }

  /** kafka → upsert-kafka for a keyed sink: the connector, and its `format` as `key.format` / `value.format`. */
  private upsertKafkaFix(t: TableInfo, def: CreateTableNode): unknown {
    const stmt = this.defs.get(t);
    if (!stmt) return undefined;
    const opt = (k: string) => def.options.find((o) => o.key.value === k);
    const connector = opt('connector');
    const format = opt('format');
    if (!connector || !format || opt('key.format') || opt('value.format')) return undefined;
    const at = (n: { start: number; end: number }) => ({ start: stmt.start + n.start, end: stmt.start + n.end });
    const f = format.value.value.replace(/'/g, "''");
    return {
      fix: 'edits', title: `Use the upsert-kafka connector for '${t.name}'`,
      edits: [
        { ...at(connector.value), newText: "'upsert-kafka'" },
        { ...at(format), newText: `'key.format' = '${f}',\n  'value.format' = '${f}'` },
      ],
    };
  }

  private watermarkType(stmt: ParsedStatement, node: CreateTableNode, emit: EmitAbs): void {
    const wm = node.watermark;
    if (!wm || wm.column.parts.length !== 1) return;
    const col = node.columns.find((c) => c.name.value === wm.column.parts[0].value);
    if (col?.kind !== 'physicalColumn' && col?.kind !== 'metadataColumn') return;
    if (!col.type) return;
    const type = stmt.text.slice(col.type.start, col.type.end).replace(/\s+/g, ' ').trim();
    if (/^TIMESTAMP(_LTZ)?\b/i.test(col.type.name) || /^TIMESTAMP/i.test(type)) return;
    emit(stmt.start + wm.column.start, stmt.start + wm.column.end, 'Invalid data type of time field for watermark definition. The field must be of type TIMESTAMP(p) or '
      + `TIMESTAMP_LTZ(p), the supported precision 'p' is from 0 to 3, but the time field type is ${type.toUpperCase()}`, 'flink-watermark-type');
  }
}

type EmitAbs = (start: number, end: number, message: string, code?: string, data?: unknown) => void;

function codeOf(message: string): string {
  if (/window function|Sort on|OVER window|Non-time attribute/.test(message)) return 'flink-time-attribute';
  if (/Temporal|temporal/.test(message)) return 'flink-temporal-join';
  return 'flink-streaming';
}

/** The query's field names as the planner prints them: Calcite's uniquify makes a repeated `ts` into `ts0`, `ts1`, … */
function uniquify(names: string[]): string[] {
  const used = new Set<string>();
  return names.map((n) => {
    let name = n;
    for (let i = 0; used.has(name); i++) name = `${n}${i}`;
    used.add(name);
    return name;
  });
}
