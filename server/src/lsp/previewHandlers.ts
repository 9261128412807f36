// Runs Preview requests ("Flink: Preview Draft", the "Preview" lens): the draft (or one INSERT / statement set
// after its setup) through the preview engine with its sinks captured and the mocks of `<name>.mocks.yaml`,
// its events mapped onto Execute's, so the results view shows each captured sink as its own entry.
import { sessionOf } from '../udf/draftJars';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GatewayError } from '../flink/flinkErrors';
import { classifyStatement, type StatementClass } from '../flink/statementKinds';
import { parseScript, type FlinkVersion, type ParsedStatement } from '../parser';
import type { MockSource } from '../preview/fixtures';
import { findCreateTable, preview, type PreviewEvent } from '../preview/preview';
import { besideDraft, parseMocksFile } from '../preview/testFile';
import type { ExecutionEvent, FlinkPreviewParams } from '../protocol';
import { FileReadError, readTextFile } from '../util/boundedRead';
import { LineIndex } from '../util/lineIndex';
import { errorText, type FlinkConnections, type ResolvedTarget } from './flinkConnection';
import { selectStatement, type FlinkExecutions } from './flinkExecutions';

type DoneEvent = Extract<ExecutionEvent, { type: 'done' }>;

/** Statements whose rows come back as captured results (`sink` events) rather than as a `done`. */
const CAPTURED: ReadonlySet<StatementClass> = new Set(['query', 'insert', 'statementSet', 'ctas']);

/**
 * Preview events → Execute's protocol events, with the draft's statement indexes (`kept` maps the selection's)
 * and LSP ranges. A statement whose rows are captured shows only its sinks' entries; its own start is sent only
 * if it ends without one (it ran as written, or failed before any capture began).
 */
export class PreviewEventMapper {
  private flinkVersion = '';
  private readonly pending = new Map<number, Extract<ExecutionEvent, { type: 'start' }>>();
  private readonly resultStatement = new Map<number, number>();
  /** The kind of a statement whose first sink has begun (its other sinks' entries show it too). */
  private readonly kinds = new Map<number, string>();
  /** A failure that belongs to no statement (a mock for a table the draft does not define). */
  fatal: string | undefined;

  constructor(private readonly statements: readonly ParsedStatement[], private readonly kept: readonly number[],
    private readonly lines: LineIndex, private readonly baseDir?: string) {}

  map(e: PreviewEvent): ExecutionEvent[] {
    if (e.type === 'error' && e.statement < 0) {
      this.fatal = this.withFixture(e.message, e.fixture);
      return [];
    }
    // A captured result's events name only the result: its statement is the one its `sink` event named.
    const at = 'statement' in e ? e.statement : this.resultStatement.get(e.result) ?? -1;
    const statement = this.kept[at] ?? at;
    const stmtText = (this.statements[statement]?.text ?? '').trim().slice(0, 300);
    switch (e.type) {
      case 'start': {
        this.flinkVersion = e.flinkVersion;
        const start = { type: 'start' as const, statement, line: e.line, kind: e.kind, flinkVersion: e.flinkVersion, text: stmtText };
        if (CAPTURED.has(e.kind)) {
          this.pending.set(statement, start);
          return [];
        }
        return [start];
      }
      case 'done':
        return [...this.flush(statement), { type: 'end', statement, rowCount: 0, truncated: false, elapsedMs: e.elapsedMs }];
      case 'skipped': {
        const stmt = this.statements[statement];
        const kind = stmt ? classifyStatement(stmt.text, stmt.node?.kind) : 'other';
        return [{ type: 'skipped', statement, line: e.line, kind, reason: e.reason, text: stmtText }];
      }
      case 'sink': {
        const kind = this.pending.get(statement)?.kind ?? this.kinds.get(statement) ?? 'query';
        if (this.pending.has(statement)) this.kinds.set(statement, kind);
        this.pending.delete(statement);
        this.resultStatement.set(e.result, at);
        return [{ type: 'start', statement, result: e.result, sink: e.sink, line: e.line, kind, flinkVersion: this.flinkVersion, text: stmtText }];
      }
      case 'columns':
        return [{ type: 'columns', statement, result: e.result, columns: e.columns.map((c) => ({ name: c.name, type: c.type })) }];
      case 'rows':
        return [{ type: 'rows', statement, result: e.result, rows: e.rows }];
      case 'end':
        return [{ type: 'end', statement, result: e.result, rowCount: e.rowCount, truncated: e.truncated, timedOut: e.timedOut, elapsedMs: e.elapsedMs }];
      case 'error': {
        const error: ExecutionEvent = {
          type: 'error', statement, ...(e.result !== undefined && { result: e.result }), message: this.withFixture(e.message, e.fixture),
          line: e.line, range: this.lines.rangeOf(e.start, e.end),
        };
        return [...(e.result === undefined ? this.flush(statement) : []), error];
      }
    }
  }

  private flush(statement: number): ExecutionEvent[] {
    const start = this.pending.get(statement);
    this.pending.delete(statement);
    return start ? [start] : [];
  }

  /** The fixture's file (relative to the draft) and line in the message, so the user knows where to look. */
  private withFixture(message: string, fixture?: { file: string; line?: number }): string {
    if (!fixture) return message;
    const rel = this.baseDir && path.isAbsolute(fixture.file) ? path.relative(this.baseDir, fixture.file) : fixture.file;
    const shown = message.split(fixture.file).join(rel);
    return `${shown} (${rel}${fixture.line ? `:${fixture.line}` : ''})`;
  }
}

/** The mocks of `<name>.mocks.yaml` beside a file: draft, or the problems that keep it from being used. */
export async function mocksBesideDraft(uri: string): Promise<{ mocks: Record<string, MockSource>; baseDir?: string } | { error: string }> {
  if (!uri.startsWith('file:')) return { mocks: {} };
  const draft = fileURLToPath(uri);
  const file = besideDraft(draft, 'mocks');
  const baseDir = path.dirname(draft);
  if (!fs.existsSync(file)) return { mocks: {}, baseDir };
  let text: string;
  try {
    text = await readTextFile(file, { maxBytes: 1024 * 1024 });
  } catch (err) {
    if (err instanceof FileReadError) return { error: `Cannot read ${path.basename(file)}: ${err.message}.` };
    throw err;
  }
  const parsed = parseMocksFile(file, text);
  if (!parsed.mocks) {
    const where = parsed.problems.map((p) => `${path.basename(p.file)}:${p.line}: ${p.message}`).join('; ');
    return { error: `The mocks file beside the draft has problems, so nothing ran: ${where}` };
  }
  return { mocks: parsed.mocks, baseDir };
}

export interface PreviewContext {
  executions: FlinkExecutions;
  connections: FlinkConnections;
  flinkVersion?: FlinkVersion;
}

/** Runs one preview to its end, streaming events as flinkSql/executionEvent; cancellable like an execution. */
export async function runPreview(params: FlinkPreviewParams, text: string, ctx: PreviewContext, abortOnCancel: (abort: () => void) => void): Promise<DoneEvent> {
  const { abort, release, batcher, done } = ctx.executions.begin(params.executionId, params.uri, abortOnCancel);
  let target: ResolvedTarget | undefined;
  try {
    const statements = parseScript(text, undefined, { flinkVersion: ctx.flinkVersion }).statements;
    if (params.statementIndex !== undefined && !statements[params.statementIndex]) return done(false, `The draft has no statement ${params.statementIndex + 1}.`);
    const selection = params.statementIndex === undefined
      ? { script: text, kept: statements.map((_, i) => i) }
      : selectStatement(text, statements, params.statementIndex);
    const found = await mocksBesideDraft(params.uri);
    if ('error' in found) return done(false, found.error);
    let mocks = found.mocks;
    if (params.statementIndex !== undefined) {
      // One INSERT's preview keeps only the setup before it: mocks of tables created later do not apply.
      const selected = parseScript(selection.script, undefined, { flinkVersion: ctx.flinkVersion }).statements;
      mocks = Object.fromEntries(Object.entries(mocks).filter(([table]) => findCreateTable(selected, table) !== undefined));
    }
    const mapper = new PreviewEventMapper(statements, selection.kept, new LineIndex(text), found.baseDir);
    target = await ctx.connections.resolve(params.connection, ctx.flinkVersion);
    const setup = await sessionOf(params.uri, text, target, ctx.flinkVersion);
    let failed: string | undefined;
    let version: string | undefined;
    for await (const e of preview(selection.script, target, {
      mocks, baseDir: found.baseDir, limit: params.limit, timeoutMs: params.timeoutMs, signal: abort.signal, flinkVersion: ctx.flinkVersion, ...setup,
    })) {
      if (e.type === 'start' && !version) {
        version = e.flinkVersion;
        ctx.connections.reachable(params.connection, target, version);
      }
      for (const out of mapper.map(e)) {
        if (out.type === 'error') failed = out.message;
        batcher.push(out);
      }
      if (mapper.fatal) return done(false, mapper.fatal);
    }
    return done(!failed, failed);
  } catch (err) {
    if (abort.signal.aborted || (err instanceof GatewayError && err.kind === 'cancelled')) return done(false, 'Stopped.');
    if (err instanceof GatewayError && (err.kind === 'unreachable' || err.kind === 'timeout')) ctx.connections.unreachable(params.connection, target, err);
    return done(false, errorText(err));
  } finally {
    release();
  }
}
