// Runs Execute requests: picks the statements (the whole draft, or one statement after its DDL/SET/USE
// prelude), streams the engine's events to the client in batches, and cancels on request or on abort.
import type { Connection } from 'vscode-languageserver';
import { execute, type ExecuteEvent } from '../flink/execute';
import { GatewayError } from '../flink/flinkErrors';
import { classifyStatement, groupStatements, type StatementClass } from '../flink/statementKinds';
import { parseScript, type ParsedStatement } from '../parser';
import {
  FlinkExecutionEventNotification,
  type ExecutionEvent, type FlinkExecuteParams,
} from '../protocol';
import { unitWrites } from '../preview/rewrite';
import { LineIndex } from '../util/lineIndex';
import { errorText, type FlinkConnections, type ResolvedTarget } from './flinkConnection';
import { sessionOf } from '../udf/draftJars';

type DoneEvent = Extract<ExecutionEvent, { type: 'done' }>;

/** Statements whose job writes into sinks (Execute says where; Preview captures them). */
const WRITES: ReadonlySet<StatementClass> = new Set(['insert', 'statementSet', 'ctas']);

/** Statements that set up a session without starting a job: what "▶ Run" replays before its statement. */
export const PRELUDE: ReadonlySet<StatementClass> = new Set(['ddl', 'set', 'use', 'module', 'jar']);

export interface ScriptSelection {
  /** Same length and line breaks as the draft, with the statements left out blanked, so offsets still match. */
  script: string;
  /** Draft statement index of each statement kept, in order. */
  kept: number[];
}

/**
 * The draft reduced to statement `index` and the session-setup statements before it. A statement of a SQL-client
 * `BEGIN STATEMENT SET; … END;` block brings the whole block: its INSERTs only run together, as one job.
 */
export function selectStatement(text: string, statements: ParsedStatement[], index: number): ScriptSelection {
  const chosen = statements[index];
  const block = chosen && groupStatements(text, statements)
    .find((u) => u.stmt.end > statements[u.index].end && u.stmt.start <= chosen.start && chosen.end <= u.stmt.end);
  const first = block ? block.index : index;
  const inRun = (stmt: ParsedStatement, i: number) => (block ? block.stmt.start <= stmt.start && stmt.end <= block.stmt.end : i === index);
  const kept: number[] = [];
  let script = text;
  statements.forEach((stmt, i) => {
    const keep = inRun(stmt, i) || (i < first && PRELUDE.has(classifyStatement(stmt.text, stmt.node?.kind)));
    if (keep) {
      kept.push(i);
      return;
    }
    let end = stmt.end;
    while (end < text.length && /\s/.test(text[end])) end++;
    end = text[end] === ';' ? end + 1 : stmt.end;
    script = script.slice(0, stmt.start) + text.slice(stmt.start, end).replace(/[^\r\n]/g, ' ') + script.slice(end);
  });
  return { script, kept };
}

/** Coalesces consecutive row events and sends at most one notification per interval, in order. */
export class EventBatcher {
  private queue: ExecutionEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private queuedRows = 0;

  constructor(private readonly send: (events: ExecutionEvent[]) => void, private readonly intervalMs = 100, private readonly maxRows = 2_000) {}

  push(e: ExecutionEvent): void {
    const last = this.queue[this.queue.length - 1];
    if (e.type === 'rows' && last?.type === 'rows' && last.statement === e.statement && last.result === e.result) last.rows = last.rows.concat(e.rows);
    else this.queue.push(e.type === 'rows' ? { ...e, rows: e.rows.slice() } : e);
    if (e.type === 'rows') this.queuedRows += e.rows.length;
    if (this.queuedRows >= this.maxRows || e.type === 'done') this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.queue.length) return;
    const events = this.queue;
    this.queue = [];
    this.queuedRows = 0;
    this.send(events);
  }
}

export class FlinkExecutions {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly connection: Connection, private readonly connections: FlinkConnections,
    private readonly flinkVersionOf: (uri: string) => string | undefined = () => undefined) {}

  cancel(executionId: string): boolean {
    const c = this.running.get(executionId);
    c?.abort();
    return !!c;
  }

  cancelAll(): void {
    for (const c of this.running.values()) c.abort();
  }

  /** Registers a run (an execute or a preview) under its id so cancel() reaches it; call `release` when it ends. */
  track(executionId: string, abortOnCancel: (abort: () => void) => void): { abort: AbortController; release: () => void } {
    const abort = new AbortController();
    this.running.get(executionId)?.abort();
    this.running.set(executionId, abort);
    abortOnCancel(() => abort.abort());
    return { abort, release: () => { if (this.running.get(executionId) === abort) this.running.delete(executionId); } };
  }

  /** Sends a run's events to the client, batched. */
  batcher(executionId: string, uri: string): EventBatcher {
    return new EventBatcher((events) => {
      void this.connection.sendNotification(FlinkExecutionEventNotification, { executionId, uri, events });
    });
  }

  /** A run's bookkeeping (an execute or a preview): tracked for cancel, its events batched, `done` its last event. */
  begin(executionId: string, uri: string, abortOnCancel: (abort: () => void) => void) {
    const started = performance.now();
    const { abort, release } = this.track(executionId, abortOnCancel);
    const batcher = this.batcher(executionId, uri);
    const done = (ok: boolean, message?: string): DoneEvent => {
      const e: DoneEvent = { type: 'done', ok, cancelled: abort.signal.aborted, message, elapsedMs: Math.round(performance.now() - started) };
      batcher.push(e);
      return e;
    };
    return { abort, release, batcher, done };
  }

  async execute(params: FlinkExecuteParams, text: string, abortOnCancel: (abort: () => void) => void): Promise<DoneEvent> {
    const { abort, release, batcher, done } = this.begin(params.executionId, params.uri, abortOnCancel);
    let target: ResolvedTarget | undefined;
    try {
      const statements = parseScript(text).statements;
      if (params.statementIndex !== undefined && !statements[params.statementIndex]) return done(false, `The draft has no statement ${params.statementIndex + 1}.`);
      const selection = params.statementIndex === undefined
        ? { script: text, kept: statements.map((_, i) => i) }
        : selectStatement(text, statements, params.statementIndex);
      const lines = new LineIndex(text);
      const units = groupStatements(text, statements);
      const writesTo = (statement: number) => {
        const unit = units.find((u) => u.index === statement);
        return unit ? [...new Set(unitWrites(unit, statements).map((w) => w.sink))] : [];
      };
      target = await this.connections.resolve(params.connection, this.flinkVersionOf(params.uri));
      const setup = await sessionOf(params.uri, text, target, this.flinkVersionOf(params.uri));
      let failed: string | undefined;
      let version: string | undefined;
      for await (const e of execute(selection.script, target, { limit: params.limit, signal: abort.signal, queryTimeoutMs: params.queryTimeoutMs, ...setup })) {
        const out = toProtocol(e, selection.kept, statements, lines, writesTo);
        if (out.type === 'start' && !version) {
          version = out.flinkVersion;
          this.connections.reachable(params.connection, target, version);
        }
        if (out.type === 'error') failed = out.message;
        batcher.push(out);
      }
      return done(!failed, failed);
    } catch (err) {
      if (abort.signal.aborted || (err instanceof GatewayError && err.kind === 'cancelled')) return done(false, 'Stopped.');
      if (err instanceof GatewayError && (err.kind === 'unreachable' || err.kind === 'timeout')) this.connections.unreachable(params.connection, target, err);
      return done(false, errorText(err));
    } finally {
      release();
    }
  }
}

/** Engine event → protocol event with the draft's statement index and an LSP range. */
function toProtocol(e: ExecuteEvent, kept: number[], statements: ParsedStatement[], lines: LineIndex, writesTo: (statement: number) => string[]): ExecutionEvent {
  const statement = kept[e.statement] ?? e.statement;
  switch (e.type) {
    case 'start': {
      // An INSERT's rows go to its real sinks, not to the view: say which (the view then offers Preview).
      const sinks = WRITES.has(e.kind) ? writesTo(statement) : [];
      return {
        type: 'start', statement, line: e.line, kind: e.kind, flinkVersion: e.flinkVersion, text: (statements[statement]?.text ?? '').trim().slice(0, 300),
        ...(sinks.length && { writesTo: sinks }),
      };
    }
    case 'columns':
      return { type: 'columns', statement, columns: e.columns.map((c) => ({ name: c.name, type: c.type })) };
    case 'rows':
      return { type: 'rows', statement, rows: e.rows };
    case 'end':
      return { type: 'end', statement, jobId: e.jobId, rowCount: e.rowCount, truncated: e.truncated, elapsedMs: e.elapsedMs };
    case 'error':
      return { type: 'error', statement, message: e.message, line: e.line, range: lines.rangeOf(e.start, e.end) };
  }
}
