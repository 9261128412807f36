// Result handling with bounded memory: materializes a changelog stream (INSERT / UPDATE_BEFORE /
// UPDATE_AFTER / DELETE) into the current table, keeps a capped tail of the raw changelog, renders text tables.
import type { RowKind } from './gatewaySchemas';

export interface ChangelogRow {
  kind: RowKind;
  fields: unknown[];
}

/**
 * The table a changelog describes, as Flink's SQL client shows it in table mode: +I/+U add a row, -U/-D
 * retract one equal row. Past `maxRows` the oldest rows are evicted (and counted) so memory stays bounded.
 */
export class MaterializedTable {
  // Rows by arrival sequence (a Map keeps insertion order), and each distinct row's live sequences, so a
  // retraction or an eviction costs O(1) instead of a scan of the table.
  private readonly bySeq = new Map<number, { key: string; fields: unknown[] }>();
  private readonly seqsByKey = new Map<string, number[]>();
  private nextSeq = 0;
  /** Rows evicted to honour the cap; a later retraction of one of them is counted in `unmatched`. */
  evicted = 0;
  /** Retractions that found no equal row (evicted earlier, or a stream that started mid-way). */
  unmatched = 0;
  changes = 0;

  constructor(readonly maxRows = 10_000) {}

  apply(row: ChangelogRow): void {
    this.changes++;
    const key = JSON.stringify(row.fields);
    if (row.kind === 'INSERT' || row.kind === 'UPDATE_AFTER') {
      const seq = this.nextSeq++;
      this.bySeq.set(seq, { key, fields: row.fields });
      const seqs = this.seqsByKey.get(key);
      if (seqs) seqs.push(seq);
      else this.seqsByKey.set(key, [seq]);
      if (this.bySeq.size > this.maxRows) this.evictOldest();
      return;
    }
    // Retract the most recent equal row: that is the one an UPDATE_BEFORE refers to.
    const seqs = this.seqsByKey.get(key);
    const seq = seqs?.pop();
    if (seq === undefined) {
      this.unmatched++;
      return;
    }
    if (seqs!.length === 0) this.seqsByKey.delete(key);
    this.bySeq.delete(seq);
  }

  private evictOldest(): void {
    const [seq, oldest] = this.bySeq.entries().next().value as [number, { key: string }];
    this.bySeq.delete(seq);
    const seqs = this.seqsByKey.get(oldest.key)!;
    seqs.shift(); // sequences grow, so the oldest row is the first of its key
    if (seqs.length === 0) this.seqsByKey.delete(oldest.key);
    this.evicted++;
  }

  applyAll(rows: Iterable<ChangelogRow>): void {
    for (const r of rows) this.apply(r);
  }

  get size(): number {
    return this.bySeq.size;
  }

  rows(): unknown[][] {
    return [...this.bySeq.values()].map((r) => r.fields);
  }
}

/** The last `capacity` changelog rows (for a changelog view) plus how many came in total. */
export class ChangelogTail {
  private readonly buf: ChangelogRow[] = [];
  total = 0;

  constructor(readonly capacity = 1_000) {}

  push(row: ChangelogRow): void {
    this.total++;
    this.buf.push(row);
    if (this.buf.length > this.capacity) this.buf.shift();
  }

  rows(): readonly ChangelogRow[] {
    return this.buf;
  }

  get dropped(): number {
    return this.total - this.buf.length;
  }
}

/** Flink's short changelog markers, as its SQL client prints them. */
export const ROW_KIND_SHORT: Record<RowKind, string> = { INSERT: '+I', UPDATE_BEFORE: '-U', UPDATE_AFTER: '+U', DELETE: '-D' };

/** Display text of one JSON field value: NULL for null, JSON for nested values, strings as they are. */
export function formatCell(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A boxed text table like the SQL client's tableau mode; cells are cut at `maxCell` characters. */
export function formatTextTable(headers: string[], rows: string[][], maxCell = 60): string {
  const cut = (s: string) => {
    const oneLine = s.replace(/\r?\n/g, '⏎');
    return oneLine.length > maxCell ? oneLine.slice(0, maxCell - 1) + '…' : oneLine;
  };
  const cells = rows.map((r) => r.map(cut));
  const widths = headers.map((h, i) => Math.max(cut(h).length, ...cells.map((r) => (r[i] ?? '').length)));
  const sep = '+' + widths.map((w) => '-'.repeat(w + 2)).join('+') + '+';
  const line = (r: string[]) => '|' + widths.map((w, i) => ' ' + (r[i] ?? '').padEnd(w) + ' ').join('|') + '|';
  return [sep, line(headers.map(cut)), sep, ...cells.map(line), sep].join('\n');
}
