// Preview: runs a draft on a session cluster with every sink captured. SET, DDL and views run as written (a
// mocked source's CREATE TABLE reads its fixture instead); each INSERT (also in a statement set) runs as a SELECT
// of what it would write, whose changelog streams back as events, one result per sink. Nothing reaches a sink.
import * as fs from 'node:fs';
import { parseScript, type CreateTableNode, type FlinkVersion, type ParsedStatement } from '../parser';
import { LineIndex } from '../util/lineIndex';
import { statementSpan } from '../flink/errorRanges';
import { prepareSession, type ResultColumn, type SessionSetup } from '../flink/execute';
import { GatewayError } from '../flink/flinkErrors';
import { connectGateway, GatewaySession, type GatewayClient, type GatewayTarget } from '../flink/gatewayClient';
import { formatLogicalType } from '../flink/gatewaySchemas';
import type { ChangelogRow } from '../flink/results';
import { asIs, classifyStatement, executeSubmission, groupStatements, type StatementClass, type Submission } from '../flink/statementKinds';
import { errorSpan } from '../flink/validate';
import { checkInsert } from './insertCheck';
import { FixtureError, fixtureWorkDir, locateFixtureError, serveFixture, type MockSource, type ServedFixture } from './fixtures';
import { captureSubmission, fixtureColumns, mockCreateTable, nameText, quoteIdent, RewriteError, sinkColumnsFromDescribe, unitWrites, type SinkWrite } from './rewrite';

export type PreviewEvent =
  | { type: 'start'; statement: number; line: number; kind: StatementClass; flinkVersion: string }
  /** A statement that ran as written (DDL, SET, …). */
  | { type: 'done'; statement: number; elapsedMs: number }
  /** A statement preview does not run (UPDATE, DELETE, STOP JOB, …): it would act on real systems. */
  | { type: 'skipped'; statement: number; line: number; reason: string }
  /** A captured result begins: `sink` is the INSERT's table (undefined for a SELECT of the draft). */
  | { type: 'sink'; result: number; sink?: string; statement: number; line: number }
  | { type: 'columns'; result: number; columns: ResultColumn[]; jobId?: string }
  | { type: 'rows'; result: number; rows: ChangelogRow[] }
  /** `truncated`: stopped at the row limit; `timedOut`: stopped at the time limit (its job cancelled either way). */
  | { type: 'end'; result: number; rowCount: number; truncated: boolean; timedOut: boolean; elapsedMs: number }
  /** `line`: 1-based draft line; `fixture`: the fixture file (and its line) holding the row Flink rejected. */
  | { type: 'error'; statement: number; result?: number; message: string; line: number; start: number; end: number; fixture?: { file: string; line?: number } };

export interface PreviewOptions extends SessionSetup {
  /** Source tables (by name as the draft writes it) fed from fixtures instead of their connectors. */
  mocks?: Record<string, MockSource>;
  /** Folder relative fixture paths start from (the draft's). */
  baseDir?: string;
  /** Rows per result before it is stopped (default 1000). */
  limit?: number;
  /** Stops every capture still running this long after the preview began. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Configuration for the captured queries (a test's SET overrides, streaming mode). */
  executionConfig?: Record<string, string>;
  flinkVersion?: FlinkVersion;
}

export const DEFAULT_PREVIEW_LIMIT = 1000;

/** Runs the draft with its sinks captured; stops at the first failing statement. */
export async function* preview(script: string, target: GatewayTarget, options: PreviewOptions = {}): AsyncGenerator<PreviewEvent> {
  const started = performance.now();
  const deadline = options.timeoutMs ? started + options.timeoutMs : undefined;
  const parsed = parseScript(script, undefined, { flinkVersion: options.flinkVersion });
  const units = groupStatements(script, parsed.statements);
  const statements = units.map((u) => u.stmt);
  const lines = new LineIndex(script);
  const lineOf = (offset: number) => lines.positionAt(offset).line + 1;
  const workDir = fixtureWorkDir();
  try {
    // Mocks first: a mock the draft cannot take fails before anything runs.
    const served: ServedFixture[] = [];
    const mockedAt = new Map<number, ServedFixture>();
    for (const [table, source] of Object.entries(options.mocks ?? {})) {
      const at = findCreateTable(statements, table);
      if (at === undefined) {
        yield { type: 'error', statement: -1, message: `The draft defines no table ${table} to mock (mocks replace the connector of a CREATE TABLE in the draft).`, line: 0, start: 0, end: 0 };
        return;
      }
      try {
        const f = serveFixture(table, source, fixtureColumns(statements[at].node as CreateTableNode), options.baseDir ?? process.cwd(), workDir);
        served.push(f);
        mockedAt.set(at, f);
      } catch (e) {
        if (!(e instanceof FixtureError)) throw e;
        const span = statementSpan(script, statements[at]);
        yield { type: 'error', statement: units[at].index, message: e.message, line: lineOf(span.start), ...span, fixture: { file: e.file, line: e.line } };
        return;
      }
    }
    const conn = await connectGateway(target);
    const session = await GatewaySession.open(conn.client, {}, 'flink-sql-studio-preview');
    let nextResult = 0;
    try {
      await prepareSession(session, options);
      for (let i = 0; i < statements.length; i++) {
        const stmt = statements[i];
        const cls = classifyStatement(stmt.text, stmt.node?.kind);
        const span = statementSpan(script, stmt);
        const reportAs = units[i].index;
        const line = lineOf(span.start);
        const fail = (e: unknown, submission: Submission, result?: number): PreviewEvent => {
          if (e instanceof RewriteError) return { type: 'error', statement: reportAs, result, message: e.message, line: lineOf(e.start), start: e.start, end: e.end };
          if (!(e instanceof GatewayError) || e.kind === 'cancelled') throw e;
          const trace = `${e.message}\n${e.details.serverTrace ?? ''}`;
          const inFixture = e.kind === 'flink' ? locateFixtureError(trace, served) : undefined;
          if (inFixture) {
            const at = [...mockedAt].find(([, f]) => f.table === inFixture.table)?.[0] ?? i;
            const s = statementSpan(script, statements[at]);
            const what = `Fixture of ${inFixture.table}${inFixture.line ? ` (line ${inFixture.line})` : ''}${inFixture.column ? `, column ${inFixture.column}` : ''}`;
            const message = `${what}: ${e.message.replace(/^Error while retrieving result\.\s*/, '')}`;
            return { type: 'error', statement: reportAs, result, message, line: lineOf(s.start), ...s, fixture: { file: inFixture.origin, line: inFixture.line } };
          }
          const sp = e.kind === 'flink' ? errorSpan(script, statements, i, submission, e) : span;
          return { type: 'error', statement: reportAs, result, message: friendlier(e.message), line: lineOf(sp.start), start: sp.start, end: sp.end };
        };
        if (cls === 'dml' || cls === 'job' || cls === 'other') {
          yield { type: 'skipped', statement: reportAs, line, reason: `preview does not run ${cls === 'job' ? 'job statements' : 'this statement'}: it would act on a real system` };
          continue;
        }
        yield { type: 'start', statement: reportAs, line, kind: cls, flinkVersion: conn.flinkVersion };
        const writes = cls === 'query' ? [] : unitWrites(units[i], parsed.statements);
        if (cls === 'query' || writes.length) {
          // One capture per sink; a statement set's run side by side (as its one job would).
          const bySink = new Map<string, SinkWrite[]>();
          for (const w of writes) bySink.set(w.sink, [...(bySink.get(w.sink) ?? []), w]);
          const captures: AsyncGenerator<PreviewEvent>[] = [];
          let failed = false;
          if (cls === 'query') {
            const submission = executeSubmission(stmt, cls);
            captures.push(capture(conn.client, session, submission, nextResult++, undefined, reportAs, line, options, deadline, fail));
          }
          for (const [sink, group] of bySink) {
            const result = nextResult++;
            const first = group[0];
            const sinkLine = lineOf(first.base + (first.insert?.start ?? first.query.start));
            let submission: Submission;
            try {
              const described = first.insert ? await describeSink(session, first) : [];
              for (const w of group) {
                const rejected = await checkInsert(session, w, described, result);
                if (rejected) throw new CheckedInsertError(rejected.error, rejected.submission);
              }
              submission = captureSubmission(group, sinkColumnsFromDescribe(described));
            } catch (e) {
              yield e instanceof CheckedInsertError ? fail(e.error, e.submission, result) : fail(e, asIs(stmt), result);
              failed = true;
              break;
            }
            captures.push(capture(conn.client, session, submission, result, sink, reportAs, sinkLine, options, deadline, fail));
          }
          if (failed) return;
          for await (const event of merge(captures)) {
            yield event;
            if (event.type === 'error') failed = true;
          }
          if (failed) return;
          continue;
        }
        const mocked = mockedAt.get(i);
        let submission: Submission;
        try {
          submission = mocked ? mockCreateTable(stmt, stmt.node as CreateTableNode, mocked.file) : executeSubmission(stmt, cls);
        } catch (e) {
          yield fail(e, asIs(stmt));
          return;
        }
        const t0 = performance.now();
        try {
          await session.run(submission.text, { signal: options.signal });
        } catch (e) {
          yield fail(e, submission);
          return;
        }
        yield { type: 'done', statement: reportAs, elapsedMs: Math.round(performance.now() - t0) };
      }
    } finally {
      await session.close();
    }
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/** The CREATE TABLE (not … AS) in the draft that defines `table` (`t`, `db.t` or `cat.db.t`), the latest one. */
export function findCreateTable(statements: readonly ParsedStatement[], table: string): number | undefined {
  const want = table.replace(/`/g, '').toLowerCase();
  for (let i = statements.length - 1; i >= 0; i--) {
    const node = statements[i].node as CreateTableNode | undefined;
    if (node?.kind !== 'createTable' || node.asQuery || !node.name?.parts.length) continue;
    const full = nameText(node.name).toLowerCase();
    const last = node.name.parts[node.name.parts.length - 1].value.toLowerCase();
    if (full === want || last === want || full.endsWith(`.${want}`)) return i;
  }
  return undefined;
}

/** The planner rejected an INSERT (see insertCheck.ts): its error and the submission its positions refer to. */
class CheckedInsertError extends Error {
  constructor(readonly error: GatewayError, readonly submission: Submission) {
    super(error.message);
  }
}

/** DESCRIBE of the sink as the session's catalog has it (after the draft's DDL ran). */
async function describeSink(session: GatewaySession, write: SinkWrite): Promise<unknown[][]> {
  const target = write.insert!.target;
  const name = target.parts.map((p) => quoteIdent(p.value)).join('.');
  try {
    const r = await session.run(`DESCRIBE ${name}`);
    return r.rows.map((row) => row.fields);
  } catch (e) {
    if (!(e instanceof GatewayError) || e.kind !== 'flink') throw e;
    throw new RewriteError(`Sink ${write.sink} is not defined: ${e.message}`, write.base + target.start, write.base + target.end);
  }
}

/** Flink's words for a sink/query arity mismatch name our aliases; say it in the INSERT's terms. */
function friendlier(message: string): string {
  const m = /List of column aliases must have same degree as table; table has (\d+) columns? \(([^)]*)\), whereas alias list has (\d+) columns?/.exec(message);
  if (!m) return message.replace(/\$insert\./g, '');
  return `The query gives ${m[1]} column${m[1] === '1' ? '' : 's'} (${m[2]}), but the INSERT writes ${m[3]} column${m[3] === '1' ? '' : 's'} of the sink.`;
}

type Fail = (e: unknown, submission: Submission, result?: number) => PreviewEvent;

/** One captured result: submits the SELECT and streams its changelog until EOS, the row limit or the deadline. */
async function* capture(client: GatewayClient, session: GatewaySession, submission: Submission, result: number, sink: string | undefined,
  statement: number, line: number, options: PreviewOptions, deadline: number | undefined, fail: Fail): AsyncGenerator<PreviewEvent> {
  yield { type: 'sink', result, sink, statement, line };
  const started = performance.now();
  const limit = options.limit ?? DEFAULT_PREVIEW_LIMIT;
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let timedOut = false;
  const timer = deadline !== undefined ? setTimeout(() => { timedOut = true; stop.abort(); }, Math.max(0, deadline - performance.now())) : undefined;
  let operation: string | undefined;
  let rowCount = 0;
  let truncated = false;
  let sawColumns = false;
  let error: PreviewEvent | undefined;
  try {
    operation = await client.submitStatement(session.handle, submission.text, options.executionConfig ? { executionConfig: options.executionConfig } : {});
    for await (const page of client.pages(session.handle, operation, stop.signal)) {
      if (page.resultKind === 'SUCCESS') continue;
      if (!sawColumns && page.columns.length) {
        sawColumns = true;
        const columns = page.columns.map((c) => ({ name: c.name, type: formatLogicalType(c.logicalType), logicalType: c.logicalType }));
        yield { type: 'columns', result, columns, jobId: page.jobId };
      }
      const room = limit - rowCount;
      const rows = page.rows.length > room ? page.rows.slice(0, room) : page.rows;
      if (rows.length) {
        rowCount += rows.length;
        yield { type: 'rows', result, rows };
      }
      if (rowCount >= limit) {
        truncated = true;
        break;
      }
    }
  } catch (e) {
    if (e instanceof GatewayError && e.kind === 'cancelled' && stop.signal.aborted && !options.signal?.aborted) {
      // our own time limit: the result so far stands
    } else if (e instanceof GatewayError && e.kind !== 'cancelled') {
      error = fail(e, submission, result);
    } else {
      throw e;
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    // Closing the operation cancels the query's job (see execute.ts).
    if (operation !== undefined) await client.closeOperation(session.handle, operation).catch(() => undefined);
  }
  if (error) {
    yield error;
    return;
  }
  yield { type: 'end', result, rowCount, truncated, timedOut, elapsedMs: Math.round(performance.now() - started) };
}

/** Interleaves generators, yielding each event as soon as its generator produces it. */
async function* merge<T>(gens: AsyncGenerator<T>[]): AsyncGenerator<T> {
  const pending = new Map<number, Promise<{ k: number; r: IteratorResult<T> }>>();
  const pull = (k: number) => pending.set(k, gens[k].next().then((r) => ({ k, r })));
  gens.forEach((_, k) => pull(k));
  try {
    while (pending.size) {
      const { k, r } = await Promise.race(pending.values());
      if (r.done) {
        pending.delete(k);
        continue;
      }
      pull(k);
      yield r.value;
    }
  } finally {
    // A consumer that stops early ends every capture (their finally blocks close the operations).
    await Promise.allSettled([...pending.keys()].map((k) => gens[k].return(undefined)));
  }
}
