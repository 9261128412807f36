// Where a planner error Flink gave no position for belongs: the as-you-type check of the same kind on that
// statement (the GROUP BY that makes updates, the sink that cannot take them, the column that is no time attribute).
import type { Diagnostic } from 'vscode-languageserver-types';
import { diagnostics } from '../service/diagnostics';
import { analyze } from '../service/document';
import type { FlinkVersion } from '../parser';
import { statementSpan } from './errorRanges';

/** Flink's message kinds, each with the codes of the semantic checks that find the same problem. */
const KINDS: { message: RegExp; codes: string[] }[] = [
  { message: /doesn't support consuming (?:update|update and delete) changes|doesn't support consuming .*changes/i, codes: ['flink-changelog-sink'] },
  { message: /upsert key .*differs from the primary key|primary key .*upsert key/i, codes: ['flink-changelog-sink-key', 'flink-upsert-key'] },
  { message: /Temporal table join|temporal join|Event-Time Temporal Table Join|Processing-time temporal join/i, codes: ['flink-temporal-join'] },
  { message: /timecol is a time attribute|time attribute|Sort on a non-time-attribute|OVER window|Non-time attribute|rowtime/i, codes: ['flink-time-attribute', 'flink-streaming-sort', 'flink-rowtime-sink'] },
  { message: /Sort on|ORDER BY/i, codes: ['flink-streaming-sort'] },
];

/**
 * Draft offsets of the as-you-type finding matching `flinkMessage` on `statement` (its index, or its draft span), or
 * undefined (no such kind, no such finding): then the caller keeps its own placement.
 */
export function placePlannerError(draftText: string, statement: number | { start: number; end: number }, flinkMessage: string, flinkVersion?: FlinkVersion): { start: number; end: number } | undefined {
  const codes = KINDS.filter((k) => k.message.test(flinkMessage)).flatMap((k) => k.codes);
  if (!codes.length) return undefined;
  let found: Diagnostic[];
  let stmt: { start: number; end: number };
  let lines;
  try {
    const doc = analyze(draftText, undefined, flinkVersion);
    // A span for a unit that is not one parsed statement (a statement set block, as validate groups it).
    const parsed = typeof statement === 'number' ? doc.script.statements[statement] : statement;
    if (!parsed) return undefined;
    stmt = typeof statement === 'number' ? statementSpan(draftText, parsed) : parsed;
    lines = doc.lines;
    found = diagnostics(doc, { flinkVersion });
  } catch {
    // A check that throws must not cost the user Flink's own error: fall back to the caller's placement.
    return undefined;
  }
  const inStmt = found
    .filter((d) => typeof d.code === 'string' && codes.includes(d.code))
    .map((d) => ({ d, start: lines.offsetAt(d.range.start), end: lines.offsetAt(d.range.end) }))
    .filter((f) => f.start >= stmt.start && f.end <= stmt.end);
  // The kind the message names first wins (a changelog message prefers the sink finding over a key finding).
  inStmt.sort((a, b) => codes.indexOf(a.d.code as string) - codes.indexOf(b.d.code as string));
  const best = inStmt[0];
  return best ? { start: best.start, end: Math.max(best.end, best.start + 1) } : undefined;
}
