// The planner's verdict on each captured INSERT. A capture is a SELECT whose CASTs accept what an INSERT rejects
// (a STRING into an INT column): before it runs, the INSERT is planned into a blackhole twin of its sink (the
// sink's columns, keys and computed columns, none of its connector's options), so the preview fails where the
// real INSERT would, with no connector jar needed and nothing written.
import { tokenize } from '../parser';
import { GatewayError } from '../flink/flinkErrors';
import type { GatewaySession } from '../flink/gatewayClient';
import { SubmissionBuilder, type Submission } from '../flink/statementKinds';
import { quoteIdent, type SinkWrite } from './rewrite';

/** The twin's name in the session (unique per captured result). */
export function twinName(result: number): string {
  return `$preview_twin_${result}`;
}

/**
 * Whether the twin can stand for the sink: a blackhole cannot take a static PARTITION clause (it has no
 * partitions) nor persisted metadata columns, so such INSERTs keep only the capture's checks.
 */
export function twinApplies(write: SinkWrite, describeRows: readonly unknown[][]): boolean {
  if (!write.insert || write.insert.partition?.some((p) => p.value)) return false;
  return !describeRows.some((r) => typeof r[4] === 'string' && /\bMETADATA\b/i.test(r[4]) && !/\bVIRTUAL\s*$/i.test(r[4]));
}

/** `CREATE TEMPORARY TABLE twin WITH ('connector' = 'blackhole') LIKE sink (EXCLUDING OPTIONS EXCLUDING PARTITIONS)`. */
export function twinDdl(write: SinkWrite, twin: string): string {
  const sink = write.insert!.target.parts.map((p) => quoteIdent(p.value)).join('.');
  return `CREATE TEMPORARY TABLE ${quoteIdent(twin)} WITH ('connector' = 'blackhole') LIKE ${sink} (EXCLUDING OPTIONS EXCLUDING PARTITIONS)`;
}

/**
 * `EXPLAIN INSERT INTO twin` + the INSERT's own column list, query and ON CONFLICT, verbatim (so Flink's positions
 * map back into the draft). The sink's dynamic-option hints are blanked: they are for its connector, not the
 * blackhole's. OVERWRITE is dropped (a blackhole cannot overwrite; the types are what is checked).
 */
export function twinExplain(write: SinkWrite, twin: string): Submission {
  const ins = write.insert!;
  const from = ins.target.end;
  let rest = write.text.slice(from, ins.end);
  for (const t of tokenize(rest).tokens) {
    if (t.type !== 'hintStart') continue;
    const close = rest.indexOf('*/', t.end);
    const end = close < 0 ? rest.length : close + 2;
    rest = rest.slice(0, t.start) + rest.slice(t.start, end).replace(/[^\r\n]/g, ' ') + rest.slice(end);
  }
  return new SubmissionBuilder(write.base + ins.start)
    .synthetic(`EXPLAIN INSERT INTO ${quoteIdent(twin)}`)
    .original(rest, write.base + from)
    .build();
}

/** Flink names the twin in its messages: name the sink instead. */
export function sinkWords(message: string, twin: string, sink: string): string {
  return message.split(`default_catalog.default_database.${twin}`).join(sink).split(twin).join(sink);
}

/**
 * Plans the write's INSERT into a twin of its sink. Undefined when the planner accepts it (or the twin cannot be
 * made: then the capture's own checks stand); else the planner's error, in the sink's words, and the submission
 * its positions refer to.
 */
export async function checkInsert(session: GatewaySession, write: SinkWrite, describeRows: readonly unknown[][], result: number):
Promise<{ error: GatewayError; submission: Submission } | undefined> {
  if (!twinApplies(write, describeRows)) return undefined;
  const twin = twinName(result);
  try {
    await session.run(twinDdl(write, twin));
  } catch (e) {
    if (e instanceof GatewayError && e.kind === 'flink') return undefined;
    throw e;
  }
  const submission = twinExplain(write, twin);
  try {
    await session.run(submission.text);
    return undefined;
  } catch (e) {
    if (!(e instanceof GatewayError) || e.kind !== 'flink') throw e;
    const error = new GatewayError(e.kind, sinkWords(e.message, twin, write.sink), { ...e.details, serverTrace: e.details.serverTrace && sinkWords(e.details.serverTrace, twin, write.sink) });
    return { error, submission };
  } finally {
    await session.run(`DROP TEMPORARY TABLE IF EXISTS ${quoteIdent(twin)}`).catch(() => undefined);
  }
}
