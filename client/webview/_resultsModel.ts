// The results view's data, free of the DOM so plain mocha can test it: per statement its columns, the raw
// changelog (+I -U +U -D) and the table the changelog materializes, both capped at `maxRows` so memory stays
// bounded; plus CSV/JSON export of either view.
import { formatCell, MaterializedTable, ROW_KIND_SHORT } from '../../server/src/flink/results';

export { formatCell, ROW_KIND_SHORT };
import type { ExecutionEvent, ResultColumnInfo, ResultRow, ResultRowKind } from './_resultsMessages';


/**
 * The table a changelog describes (+I/+U add a row, -U/-D retract the most recent equal one, oldest rows evicted
 * past `maxRows`): the engine's MaterializedTable, plus a snapshot of the rows cached until the next change,
 * because the virtualized view reads it on every scroll.
 */
export class MaterializedRows extends MaterializedTable {
  private snapshot: unknown[][] | undefined;

  constructor(maxRows: number) {
    super(maxRows);
  }

  override apply(row: ResultRow): void {
    this.snapshot = undefined;
    super.apply(row);
  }

  /** The current rows in arrival order; cached until the next change. */
  list(): unknown[][] {
    this.snapshot ??= this.rows();
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

export type StatementState = 'running' | 'done' | 'error' | 'skipped';

/** An entry's key: a statement, or one captured result of it (a preview's sink; a statement set has several). */
export function entryKey(statement: number, result?: number): string {
  return result === undefined ? String(statement) : `${statement}.${result}`;
}

/** One entry of the view: a statement of the draft, or (preview) one sink's captured rows. */
export interface StatementResult {
  key: string;
  /** The draft statement (0-based). */
  index: number;
  /** Preview: the captured result, and the sink its rows would have gone to (absent for a SELECT). */
  result?: number;
  sink?: string;
  /** Execute of an INSERT: the real sinks its job writes into. */
  writesTo?: string[];
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
  timedOut?: boolean;
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
  readonly statements = new Map<string, StatementResult>();
  readonly summary: ExecutionSummary = { done: false };
  /** Rows that arrived since the last `takeNewRows()` (the view shows it while paused). */
  private newRows = 0;

  constructor(readonly maxRows: number) {}

  apply(events: readonly ExecutionEvent[]): void {
    for (const e of events) {
      switch (e.type) {
        case 'start': {
          this.summary.flinkVersion ??= e.flinkVersion;
          const key = entryKey(e.statement, e.result);
          this.statements.set(key, {
            key, index: e.statement, result: e.result, sink: e.sink, writesTo: e.writesTo, line: e.line, kind: e.kind, text: e.text,
            state: 'running', rowCount: 0, truncated: false, changelog: new ChangelogWindow(this.maxRows), table: new MaterializedRows(this.maxRows),
          });
          break;
        }
        case 'skipped': {
          const key = entryKey(e.statement);
          this.statements.set(key, {
            key, index: e.statement, line: e.line, kind: e.kind, text: e.text, state: 'skipped', message: e.reason, rowCount: 0, truncated: false,
            changelog: new ChangelogWindow(this.maxRows), table: new MaterializedRows(this.maxRows),
          });
          break;
        }
        case 'columns':
          this.get(e.statement, e.result).columns = e.columns;
          break;
        case 'rows': {
          const s = this.get(e.statement, e.result);
          s.changelog.push(e.rows);
          for (const r of e.rows) s.table.apply(r);
          s.rowCount += e.rows.length;
          this.newRows += e.rows.length;
          break;
        }
        case 'end': {
          const s = this.get(e.statement, e.result);
          Object.assign(s, { state: 'done', truncated: e.truncated, timedOut: e.timedOut, jobId: e.jobId, elapsedMs: e.elapsedMs });
          break;
        }
        case 'error':
          Object.assign(this.get(e.statement, e.result), { state: 'error', message: e.message });
          break;
        case 'done':
          Object.assign(this.summary, { done: true, ok: e.ok, cancelled: e.cancelled, message: e.message, elapsedMs: e.elapsedMs });
          for (const s of this.statements.values()) if (s.state === 'running') s.state = e.cancelled ? 'done' : 'error';
          break;
      }
    }
  }

  private get(index: number, result?: number): StatementResult {
    const key = entryKey(index, result);
    let s = this.statements.get(key);
    if (!s) {
      s = {
        key, index, result, line: 0, kind: 'other', text: '', state: 'running', rowCount: 0, truncated: false,
        changelog: new ChangelogWindow(this.maxRows), table: new MaterializedRows(this.maxRows),
      };
      this.statements.set(key, s);
    }
    return s;
  }

  takeNewRows(): number {
    const n = this.newRows;
    this.newRows = 0;
    return n;
  }

  /** The entry to show by default: the first captured sink (a preview), else the last one that returned columns, else the last one. */
  defaultStatement(): string | undefined {
    let last: string | undefined;
    let lastWithColumns: string | undefined;
    for (const s of this.statements.values()) {
      if (s.sink !== undefined) return s.key;
      last = s.key;
      if (s.columns) lastWithColumns = s.key;
    }
    return lastWithColumns ?? last;
  }
}

/** Display text of one field: NULL for null, JSON for nested values, strings as they are. */

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

/**
 * A spreadsheet opening the CSV runs a cell that starts with = + - @ (or a tab or CR before one) as a formula
 * (`=HYPERLINK(…)`, `=cmd|…`): such text from Flink gets a leading ' (OWASP "CSV injection"). A plain number
 * (-5, +1.5e3) is not a formula and stays as it is.
 */
export function neutralizeFormula(text: string): string {
  if (!/^[=+\-@\t\r]/.test(text) || /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return text;
  return `'${text}`;
}

/** RFC 4180 CSV (CRLF line ends); NULL is an empty field; the changelog view exports its `op` column. */
export function toCsv(s: StatementResult, mode: ViewMode): string {
  const { header, rows } = viewRows(s, mode);
  const cell = (v: unknown) => (v === null || v === undefined ? '' : csvField(neutralizeFormula(formatCell(v))));
  // the op column (+I, -U, …) is ours, not Flink data: written as is
  const lines = [header.map((h, i) => (mode === 'changelog' && i === 0 ? h : csvField(neutralizeFormula(h)))).join(',')];
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
