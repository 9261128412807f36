// What a JAR or PYTHON draft's job prints (its TaskManagers' stdout, e.g. a print() sink), streamed into the results
// view as an execution: one column, a row per line, from the run until the job ends, the user stops it (the job is
// cancelled, as Stop cancels a SQL Execute's query jobs) or FOLLOW_LIMIT_MS passes (the job keeps running then).
import { newStdout } from '../cli/jarDrafts';
import type { JobManagerClient } from '../flink/restClient';
import type { ExecutionEvent } from '../protocol';
import type { FlinkExecutions } from './flinkExecutions';

/** How often the TaskManagers' stdout is read while followed. */
export const POLL_MS = 1_000;
/** A job left running is followed this long at most: its stdout is read whole on every poll. */
export const FOLLOW_LIMIT_MS = 30 * 60_000;

const TERMINAL = new Set(['FINISHED', 'FAILED', 'CANCELED', 'SUSPENDED']);

/** A line of stdout as a results-view row. */
export function outputRows(lines: readonly string[]): ExecutionEvent & { type: 'rows' } {
  return { type: 'rows', statement: 0, rows: lines.map((l) => ({ kind: 'INSERT', fields: [l] })) };
}

export interface JobOutputRun {
  /** What the job runs ("com.example.OrdersJob", "orders.py"), shown as the view's statement text. */
  what: string;
  kind: 'jar' | 'python';
  flinkVersion: string;
}

/**
 * Follows one execution: `start` announces the view's single column; `job()` gives the submitted job (or throws,
 * which ends the execution with the error); then the lines stream until the job ends, Stop, or the limit.
 * Resolves when following ends; the caller does not wait for it (Execute answers once the job runs).
 */
export class JobOutputFollower {
  private readonly run: ReturnType<FlinkExecutions['begin']>;
  private readonly started = performance.now();
  private lines = 0;

  constructor(executions: FlinkExecutions, executionId: string, uri: string, private readonly jm: JobManagerClient,
    private readonly seen: Map<string, number>, o: JobOutputRun, abortOnCancel: (abort: () => void) => void) {
    this.run = executions.begin(executionId, uri, abortOnCancel);
    this.run.batcher.push({ type: 'start', statement: 0, line: 1, kind: o.kind, flinkVersion: o.flinkVersion, text: o.what });
    this.run.batcher.push({ type: 'columns', statement: 0, columns: [{ name: 'TaskManager stdout', type: 'STRING' }] });
  }

  get signal(): AbortSignal {
    return this.run.abort.signal;
  }

  /** Lines printed since the last read, sent to the view and returned. */
  async poll(): Promise<string[]> {
    const lines = await newStdout(this.jm, this.seen);
    if (lines.length) {
      this.lines += lines.length;
      this.run.batcher.push(outputRows(lines));
    }
    return lines;
  }

  /** The submission failed: the execution ends with its message. */
  fail(message: string): void {
    this.run.done(false, message);
    this.run.release();
  }

  /** Follows `jobId` until it ends, Stop (cancels the job) or `limitMs`. */
  async follow(jobId: string, limitMs = FOLLOW_LIMIT_MS): Promise<void> {
    const { abort, batcher, done, release } = this.run;
    let state = 'RUNNING';
    let message: string | undefined;
    try {
      for (const end = Date.now() + limitMs; !abort.signal.aborted && !TERMINAL.has(state);) {
        if (Date.now() >= end) {
          message = `No longer following job ${jobId} after ${Math.round(limitMs / 60_000)} min; it keeps running.`;
          break;
        }
        await new Promise((r) => setTimeout(r, POLL_MS));
        await this.poll();
        state = await this.jm.jobStatus(jobId).catch(() => state);
      }
      if (abort.signal.aborted && !TERMINAL.has(state)) {
        await this.jm.cancel(jobId).catch(() => undefined);
        message = `Stopped: job ${jobId} was cancelled.`;
      }
      await this.poll().catch(() => undefined); // what it printed before it ended
      if (state === 'FAILED') {
        const ex = await this.jm.exceptions(jobId).catch(() => undefined);
        message = `Job ${jobId} FAILED: ${ex?.exceptionHistory.entries[0]?.stacktrace.split('\n')[0] ?? 'see its exceptions in the Deployments view or Flink\'s web UI'}`;
      } else if (!message) message = `Job ${jobId} ${state}.`;
      batcher.push({ type: 'end', statement: 0, jobId, rowCount: this.lines, truncated: false, elapsedMs: Math.round(performance.now() - this.started) });
      done(state !== 'FAILED', message);
    } catch (e) {
      done(false, e instanceof Error ? e.message : String(e));
    } finally {
      release();
    }
  }
}
