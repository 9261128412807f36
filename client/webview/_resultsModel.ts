// The results view's data, free of the DOM so plain mocha can test it: per statement its columns, the raw
// changelog (+I -U +U -D) and the table the changelog materializes, both capped at `maxRows` so memory stays
// bounded; plus CSV/JSON export of either view.
import type { ExecutionEvent, ResultColumnInfo, ResultRow, ResultRowKind } from './_resultsMessages';

export const ROW_KIND_SHORT: Record<ResultRowKind, string> = { INSERT: '+I', UPDATE_BEFORE: '-U', UPDATE_AFTER: '+U', DELETE: '-D' };

/**
 * The table a changelog describes: +I/+U add a row, -U/-D retract one equal row (the most recent). Past
 * `maxRows` the oldest rows are evicted and counted. Rows keep arrival order (a Map iterates in insertion order).
 */
export class MaterializedRows {
  private readonly rows = new Map<number, unknown[]>();
  /** Row ids per row value, newest last: a retraction finds its row without scanning. */
  private readonly byKey = new Map<string, number[]>();
  private nextId = 0;
  private snapshot: unknown[][] | undefined;
  evicted = 0;
  /** Retractions that found no equal row (evicted earlier, or a stream that started mid-way). */
  unmatched = 0;

  constructor(readonly maxRows: number) {}

  apply(row: ResultRow): void {
    this.snapshot = undefined;
    const key = JSON.stringify(row.fields);
    if (row.kind === 'INSERT' || row.kind === 'UPDATE_AFTER') {
      const id = this.nextId++;
      this.rows.set(id, row.fields);
      const ids = this.byKey.get(key);
      if (ids) ids.push(id);
      else this.byKey.set(key, [id]);
      if (this.rows.size > this.maxRows) this.evictOldest();
      return;
    }
    const ids = this.byKey.get(key);
    const id = ids?.pop();
    if (id === undefined) {
      this.unmatched++;
      return;
    }
    if (!ids!.length) this.byKey.delete(key);
    this.rows.delete(id);
  }

  private evictOldest(): void {
    const [id, fields] = this.rows.entries().next().value as [number, unknown[]];
    this.rows.delete(id);
    const key = JSON.stringify(fields);
    const ids = this.byKey.get(key)!;
    ids.splice(ids.indexOf(id), 1);
    if (!ids.length) this.byKey.delete(key);
    this.evicted++;
  }

  get size(): number {
    return this.rows.size;
  }

  /** The current rows in arrival order; cached until the next change. */
  list(): unknown[][] {
    this.snapshot ??= [...this.rows.values()];
    return this.snapshot;
  }
}

/** The last `capacity` changelog entries and how many arrived in total. */
export class ChangelogWindow {
  private buf: ResultRow[] = [];
  total = 0;

  constructor(readonly capacity: number) {}

  push(rows: readonly ResultRow[]): void {
    this.total += rows.length;
    this.buf.push(...rows);
    // Trim in chunks: one splice per ~10% overflow instead of a shift per row.
    if (this.buf.length > this.capacity * 1.1) this.trim();
  }

  private trim(): void {
    if (this.buf.length > this.capacity) this.buf = this.buf.slice(this.buf.length - this.capacity);
  }

  list(): readonly ResultRow[] {
    this.trim();
    return this.buf;
  }

  get dropped(): number {
    return this.total - Math.min(this.buf.length, this.capacity);
  }
}

export type StatementState = 'running' | 'done' | 'error';

export interface StatementResult {
  index: number;
  line: number;
  kind: string;
  text: string;
  columns?: ResultColumnInfo[];
  changelog: ChangelogWindow;
  table: MaterializedRows;
  state: StatementState;
  message?: string;
  rowCount: number;
  truncated: boolean;
  jobId?: string;
  elapsedMs?: number;
}

export interface ExecutionSummary {
  done: boolean;
  ok?: boolean;
  cancelled?: boolean;
  message?: string;
  elapsedMs?: number;
  flinkVersion?: string;
}

/** All statements of one execution, fed with the server's events in order. */
export class ResultsModel {
  readonly statements = new Map<number, StatementResult>();
  readonly summary: ExecutionSummary = { done: false };
  /** Rows that arrived since the last `takeNewRows()` (the view shows it while paused). */
  private newRows = 0;

  constructor(readonly maxRows: number) {}

  apply(events: readonly ExecutionEvent[]): void {
    for (const e of events) {
      switch (e.type) {
        case 'start':
          this.summary.flinkVersion ??= e.flinkVersion;
          this.statements.set(e.statement, {
            index: e.statement, line: e.line, kind: e.kind, text: e.text, state: 'running', rowCount: 0, truncated: false,
            changelog: new ChangelogWindow(this.maxRows), table: new MaterializedRows(this.maxRows),
          });
          break;
        case 'columns':
          this.get(e.statement).columns = e.columns;
          break;
        case 'rows': {
          const s = this.get(e.statement);
          s.changelog.push(e.rows);
          for (const r of e.rows) s.table.apply(r);
          s.rowCount += e.rows.length;
          this.newRows += e.rows.length;
          break;
        }
        case 'end': {
          const s = this.get(e.statement);
          Object.assign(s, { state: 'done', truncated: e.truncated, jobId: e.jobId, elapsedMs: e.elapsedMs });
          break;
        }
        case 'error':
          Object.assign(this.get(e.statement), { state: 'error', message: e.message });
          break;
        case 'done':
          Object.assign(this.summary, { done: true, ok: e.ok, cancelled: e.cancelled, message: e.message, elapsedMs: e.elapsedMs });
          for (const s of this.statements.values()) if (s.state === 'running') s.state = e.cancelled ? 'done' : 'error';
          break;
      }
    }
  }

  private get(index: number): StatementResult {
    let s = this.statements.get(index);
    if (!s) {
      s = { index, line: 0, kind: 'other', text: '', state: 'running', rowCount: 0, truncated: false, changelog: new ChangelogWindow(this.maxRows), table: new MaterializedRows(this.maxRows) };
      this.statements.set(index, s);
    }
    return s;
  }

  takeNewRows(): number {
    const n = this.newRows;
    this.newRows = 0;
    return n;
  }

  /** The statement to show by default: the last one that returned columns, else the last one. */
  defaultStatement(): number | undefined {
    let last: number | undefined;
    let lastWithColumns: number | undefined;
    for (const s of this.statements.values()) {
      last = s.index;
      if (s.columns) lastWithColumns = s.index;
    }
    return lastWithColumns ?? last;
  }
}

/** Display text of one field: NULL for null, JSON for nested values, strings as they are. */
export function formatCell(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export type ViewMode = 'table' | 'changelog';

/** Header and text rows of a statement in a mode: the changelog view has an `op` column first. */
export function viewRows(s: StatementResult, mode: ViewMode): { header: string[]; rows: readonly { kind?: ResultRowKind; fields: unknown[] }[] } {
  const names = (s.columns ?? []).map((c) => c.name);
  if (mode === 'changelog') return { header: ['op', ...names], rows: s.changelog.list() };
  return { header: names, rows: s.table.list().map((fields) => ({ fields })) };
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV (CRLF line ends); NULL is an empty field; the changelog view exports its `op` column. */
export function toCsv(s: StatementResult, mode: ViewMode): string {
  const { header, rows } = viewRows(s, mode);
  const cell = (v: unknown) => (v === null || v === undefined ? '' : csvField(formatCell(v)));
  const lines = [header.map(csvField).join(',')];
  for (const r of rows) {
    const cells = r.fields.map(cell);
    lines.push((mode === 'changelog' ? [ROW_KIND_SHORT[r.kind!], ...cells] : cells).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** An array of objects keyed by column name (values as Flink sent them); the changelog adds `op`. */
export function toJson(s: StatementResult, mode: ViewMode): string {
  const names = (s.columns ?? []).map((c) => c.name);
  const { rows } = viewRows(s, mode);
  const objects = rows.map((r) => {
    const o: Record<string, unknown> = mode === 'changelog' ? { op: ROW_KIND_SHORT[r.kind!] } : {};
    names.forEach((n, i) => { o[n] = r.fields[i] ?? null; });
    return o;
  });
  return JSON.stringify(objects, null, 2) + '\n';
}

/** Tab-separated text of the rows (with header) for the clipboard. */
export function toTsv(s: StatementResult, mode: ViewMode): string {
  const { header, rows } = viewRows(s, mode);
  const clean = (t: string) => t.replace(/[\t\r\n]/g, ' ');
  return [header, ...rows.map((r) => [...(mode === 'changelog' ? [ROW_KIND_SHORT[r.kind!]] : []), ...r.fields.map(formatCell)])]
    .map((cols) => cols.map(clean).join('\t')).join('\n') + '\n';
}
