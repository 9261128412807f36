// Execute a draft on the gateway: statements run in order in one session and stream back as events
// (columns, changelog rows as they arrive, job ids, errors with the draft line). Nothing is buffered here.
import { parseScript, type ParsedStatement } from '../parser';
import { LineIndex } from '../util/lineIndex';
import { statementSpan } from './errorRanges';
import { GatewayError } from './flinkErrors';
import { redactDeep, SecretReferenceError, type SecretScope } from '../secrets/secretRefs';
import { connectGateway, GatewaySession, secretScopeFor, type GatewayClient, type GatewayTarget } from './gatewayClient';
import { formatLogicalType, type LogicalTypeJson } from './gatewaySchemas';
import type { ChangelogRow } from './results';
import { JobManagerClient } from './restClient';
import { classifyStatement, executeSubmission, groupStatements, type StatementClass } from './statementKinds';
import { errorSpan } from './validate';

export interface ResultColumn {
  name: string;
  /** SQL spelling, e.g. `STRING NOT NULL`. */
  type: string;
  logicalType: LogicalTypeJson;
}

export type ExecuteEvent =
  | { type: 'start'; statement: number; line: number; kind: StatementClass; flinkVersion: string }
  /** `jobId`: the job producing a query's rows (cancelled when the query stops early). */
  | { type: 'columns'; statement: number; columns: ResultColumn[]; jobId?: string }
  | { type: 'rows'; statement: number; rows: ChangelogRow[] }
  /** `truncated`: stopped at the row limit (its job cancelled); `jobId`: an INSERT's job, left running. */
  | { type: 'end'; statement: number; ok: true; jobId?: string; rowCount: number; truncated: boolean; elapsedMs: number }
  | { type: 'error'; statement: number; message: string; line: number; start: number; end: number };

export interface ExecuteOptions extends SessionSetup {
  /** Rows per query before it is stopped (default 100). */
  limit?: number;
  signal?: AbortSignal;
  /** Reuse a session (the LSP keeps one per draft); otherwise one is opened and closed here. */
  session?: GatewaySession;
  /** Give up on a query that produced fewer than `limit` rows after this long (unbounded sources). */
  queryTimeoutMs?: number;
}

/** What a draft's session gets before its statements: its dependencies' jars and the keys its UDFs need. */
export interface SessionSetup {
  /** Jar files (`ADD JAR`): the deployment config's dependencies, e.g. UDF jars. */
  jars?: readonly string[];
  /** Keys `SET` first (Python UDFs: python.files, python.executable); the draft's own SETs come later and win. */
  config?: Readonly<Record<string, string>>;
}

/**
 * `SET` of each key, then `ADD JAR` of each jar in the session: what a published job gets too (sessionSubmit.ts),
 * so a draft's UDFs resolve.
 */
export async function prepareSession(session: GatewaySession, setup: SessionSetup): Promise<void> {
  const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
  for (const [k, v] of Object.entries(setup.config ?? {})) await session.run(`SET ${q(k)} = ${q(v)}`);
  for (const jar of setup.jars ?? []) await session.run(`ADD JAR ${q(jar)}`);
}

export const DEFAULT_ROW_LIMIT = 100;

/** Runs `script` statement by statement; stops at the first error (later statements usually depend on it). */
export async function* execute(script: string, target: GatewayTarget, options: ExecuteOptions = {}): AsyncGenerator<ExecuteEvent> {
  // Units as the gateway takes them (a SQL-client statement set block is one); events use parser indexes.
  const units = groupStatements(script, parseScript(script).statements);
  const statements = units.map((u) => u.stmt);
  const lines = new LineIndex(script);
  // A failed connect is not cached (connectGateway drops it), so the next call tries afresh.
  const conn = await connectGateway(target);
  const session = options.session ?? await GatewaySession.open(conn.client, {}, 'flink-sql-studio-execute');
  // One scope per run: references resolved as each statement leaves, their values redacted from what comes back.
  const secrets = secretScopeFor(target);
  try {
    await prepareSession(session, options);
    for (let i = 0; i < statements.length; i++) {
      const stmt = statements[i];
      const cls = classifyStatement(stmt.text, stmt.node?.kind);
      const line = lines.positionAt(statementSpan(script, stmt).start).line + 1;
      yield { type: 'start', statement: units[i].index, line, kind: cls, flinkVersion: conn.flinkVersion };
      let failed = false;
      try {
        yield* runOne(conn.client, target, session, statements, i, units[i].index, cls, options, secrets, lines);
      } catch (raw) {
        const e = secrets.redactError(raw);
        if (e instanceof SecretReferenceError) {
          const span = statementSpan(script, stmt);
          yield { type: 'error', statement: units[i].index, message: e.message, line, start: span.start, end: span.end };
          return;
        }
        if (!(e instanceof GatewayError) || e.kind === 'cancelled') throw e;
        const span = e.kind === 'flink'
          ? errorSpan(script, statements, i, executeSubmission(stmt, cls), e)
          : { ...statementSpan(script, stmt), statementIndex: i };
        yield { type: 'error', statement: units[i].index, message: e.message, line: lines.positionAt(span.start).line + 1, start: span.start, end: span.end };
        failed = true;
      }
      if (failed) return;
    }
  } finally {
    if (!options.session) await session.close();
  }
}

async function* runOne(client: GatewayClient, target: GatewayTarget, session: GatewaySession, statements: ParsedStatement[], index: number, reportAs: number, cls: StatementClass,
  options: ExecuteOptions, secrets: SecretScope, lines: LineIndex): AsyncGenerator<ExecuteEvent> {
  const started = performance.now();
  const limit = options.limit ?? DEFAULT_ROW_LIMIT;
  const submission = executeSubmission(statements[index], cls);
  // One controller for the statement: the caller's abort and our own stop (limit, timeout) both end it.
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const jobStatement = cls === 'insert' || cls === 'statementSet' || cls === 'ctas';
  // The time limit is for reading a query's rows, never for submitting a job.
  const timer = options.queryTimeoutMs && !jobStatement ? setTimeout(() => stop.abort(), options.queryTimeoutMs) : undefined;
  let operation: string | undefined;
  let rowCount = 0;
  let jobId: string | undefined;
  let sawColumns = false;
  let truncated = false;
  try {
    const text = await secrets.resolveSql(submission.text, (o) => lines.positionAt(submission.toDraftOffset(o)).line + 1);
    operation = await client.submitStatement(session.handle, text);
    for await (const page of client.pages(session.handle, operation, stop.signal)) {
      jobId = page.jobId ?? jobId;
      if (page.resultKind === 'SUCCESS' || (jobStatement && !page.isQueryResult)) continue;
      if (!sawColumns && page.columns.length) {
        sawColumns = true;
        const columns = page.columns.map((c) => ({ name: c.name, type: formatLogicalType(c.logicalType), logicalType: c.logicalType }));
        yield { type: 'columns', statement: reportAs, columns, jobId };
      }
      const room = limit - rowCount;
      const rows = page.rows.length > room ? page.rows.slice(0, room) : page.rows;
      if (rows.length) {
        rowCount += rows.length;
        yield { type: 'rows', statement: reportAs, rows: redactDeep(rows, secrets) };
      }
      if (rowCount >= limit) {
        truncated = true;
        break;
      }
    }
  } catch (e) {
    // Our own timeout ends the query like the row limit does; the caller's abort propagates.
    if (!(e instanceof GatewayError && e.kind === 'cancelled' && !options.signal?.aborted && stop.signal.aborted)) throw e;
    truncated = true;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    // Closing the operation cancels a query's collect job (checked on Flink 2.3 via /jobs/overview); cancel
    // would be refused once the operation is FINISHED, which it is as soon as results stream. An INSERT's job
    // is detached and keeps running: that is what the user asked for.
    const closed = operation === undefined || await client.closeOperation(session.handle, operation).then(() => true, () => false);
    // The gateway is gone (or refused): a query's collect job would run on forever; cancel it at the JobManager.
    if (!closed && jobId && !jobStatement && target.restUrl) {
      await new JobManagerClient(target.restUrl, { timeoutMs: 5_000, retries: 1, allowInsecureAuth: target.allowInsecureAuth }).cancel(jobId).catch(() => undefined);
    }
  }
  yield { type: 'end', statement: reportAs, ok: true, jobId: jobStatement ? jobId : undefined, rowCount, truncated, elapsedMs: Math.round(performance.now() - started) };
}
