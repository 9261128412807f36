// Runs an execution or a preview from the UI: the draft's results panel, a cancellable progress notification,
// the server's streamed events into the panel, a failing statement as a `flink` diagnostic, and Stop.
import { randomUUID } from 'crypto';
import * as vscode from 'vscode';
import { FlinkCancelExecutionRequest, FlinkExecuteRequest, FlinkPreviewRequest, type ExecutionEvent } from '../../../server/src/protocol';
import { log } from '../log';
import { readSettings } from '../settings';
import { connectionParams, targetLabel } from './connection';
import type { FlinkClient } from './flinkClient';
import type { FlinkDiagnostics } from './flinkDiagnostics';
import type { ResultsPanels } from './resultsPanel';

type DoneEvent = Extract<ExecutionEvent, { type: 'done' }>;

/** The command "Preview instead" runs (commands/previewDraft.ts registers it). */
export const PREVIEW_DRAFT_COMMAND = 'flinkSql.previewDraft';
const PREVIEW_INSTEAD = 'Preview instead';

export interface Running {
  executionId: string;
  uri: vscode.Uri;
  startedAt: number;
}

export class Executor {
  /** Executions in flight, by id. */
  readonly running = new Map<string, Running>();

  constructor(
    private readonly flink: FlinkClient,
    private readonly panels: ResultsPanels,
    private readonly diagnostics: FlinkDiagnostics,
    private readonly secrets: vscode.SecretStorage,
  ) {}

  async cancel(executionId: string): Promise<boolean> {
    if (!this.running.has(executionId)) return false;
    const r = await this.flink.request(FlinkCancelExecutionRequest, { executionId });
    return r.cancelled;
  }

  /** Stops the executions of `uri`, or all of them; returns how many were asked to stop. */
  async stop(uri?: vscode.Uri): Promise<number> {
    const ids = [...this.running.values()].filter((r) => !uri || r.uri.toString() === uri.toString()).map((r) => r.executionId);
    await Promise.all(ids.map((id) => this.cancel(id)));
    return ids.length;
  }

  /** Executes the draft (or one statement of it) and resolves when it is done. */
  run(document: vscode.TextDocument, statementIndex?: number): Promise<DoneEvent> {
    return this.launch(document, statementIndex, false);
  }

  /** Previews the draft (or one INSERT / statement set): its sinks captured into the panel, nothing written. */
  preview(document: vscode.TextDocument, statementIndex?: number): Promise<DoneEvent> {
    return this.launch(document, statementIndex, true);
  }

  private async launch(document: vscode.TextDocument, statementIndex: number | undefined, preview: boolean): Promise<DoneEvent> {
    const uri = document.uri;
    const settings = readSettings().flink;
    const connection = await connectionParams(this.secrets);
    // One execution per draft at a time: a new Run replaces the one still running.
    await this.stop(uri);
    const executionId = randomUUID();
    const panel = this.panels.show(uri);
    const what = statementIndex === undefined ? 'draft' : `statement ${statementIndex + 1}`;
    const title = preview
      ? `Preview of ${vscode.workspace.asRelativePath(uri)} · ${what} on ${targetLabel(connection)} · sinks captured, nothing is written`
      : `${vscode.workspace.asRelativePath(uri)} · ${what} on ${targetLabel(connection)}`;
    panel.reset(executionId, title, settings.maxRowsInView, settings.rowLimit, preview);
    this.running.set(executionId, { executionId, uri, startedAt: Date.now() });
    this.updateContext();
    this.diagnostics.clear(uri);
    log.info(`${preview ? 'preview' : 'execute'} ${what} of ${uri.fsPath} on ${targetLabel(connection)} (${executionId})`);

    return vscode.window.withProgress({
      location: vscode.ProgressLocation.Notification,
      title: preview ? `Flink: previewing the ${what} (sinks captured)` : `Flink: running the ${what}`,
      cancellable: true,
    }, async (progress, token) => {
      token.onCancellationRequested(() => void this.cancel(executionId));
      /** Execute's INSERTs: the real sinks their jobs write into, by statement. */
      const writes = new Map<number, string[]>();
      const sub = this.flink.onExecutionEvent((p) => {
        if (p.executionId !== executionId) return;
        panel.events(executionId, p.events);
        for (const e of p.events) {
          this.onEvent(document, e, progress);
          if (e.type === 'start' && e.writesTo?.length) writes.set(e.statement, e.writesTo);
        }
      });
      try {
        const timeoutMs = settings.queryTimeoutSeconds > 0 ? settings.queryTimeoutSeconds * 1000 : undefined;
        const base = { uri: uri.toString(), connection, executionId, statementIndex, limit: settings.rowLimit };
        const done = preview
          ? await this.flink.request(FlinkPreviewRequest, { ...base, timeoutMs })
          : await this.flink.request(FlinkExecuteRequest, { ...base, queryTimeoutMs: timeoutMs });
        // The server's own done event may not have been delivered if the request failed early.
        panel.events(executionId, [done]);
        this.report(done, preview ? (statementIndex === undefined ? 'draft preview' : `preview of ${what}`) : what);
        if (writes.size && !done.cancelled) this.offerPreview(uri, writes, statementIndex);
        return done;
      } finally {
        sub.dispose();
        this.running.delete(executionId);
        this.updateContext();
      }
    });
  }

  /**
   * A JAR / PYTHON draft's Execute: the draft's results panel follows what its job prints (the server streams it
   * under the returned id until the job ends or Stop cancels it). `dispose` only when the request failed before
   * the server took the id; otherwise following ends with the server's `done`.
   */
  followJob(uri: vscode.Uri, title: string): { executionId: string; dispose(): void } {
    const executionId = randomUUID();
    const panel = this.panels.show(uri);
    const settings = readSettings().flink;
    panel.reset(executionId, title, settings.maxRowsInView, settings.rowLimit);
    this.running.set(executionId, { executionId, uri, startedAt: Date.now() });
    this.updateContext();
    const end = () => {
      sub.dispose();
      this.running.delete(executionId);
      this.updateContext();
    };
    const sub = this.flink.onExecutionEvent((p) => {
      if (p.executionId !== executionId) return;
      panel.events(executionId, p.events);
      const done = p.events.find((e): e is DoneEvent => e.type === 'done');
      if (done) {
        log.info(`job output of ${uri.fsPath}: ${done.message ?? (done.ok ? 'done' : 'failed')}`);
        end();
      }
    });
    return { executionId, dispose: end };
  }

  /** `flinkSql.executing` shows the Stop button in the editor title only while something runs. */
  private updateContext(): void {
    void vscode.commands.executeCommand('setContext', 'flinkSql.executing', this.running.size > 0);
  }

  private onEvent(document: vscode.TextDocument, e: ExecutionEvent, progress: vscode.Progress<{ message?: string }>): void {
    if (e.type === 'start') progress.report({ message: e.sink !== undefined ? `sink ${e.sink} (line ${e.line})` : `statement ${e.statement + 1} (line ${e.line})` });
    if (e.type === 'start' && e.statement === 0 && e.flinkVersion) log.info(`executing on Flink ${e.flinkVersion}`);
    if (e.type === 'error') {
      const range = new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character);
      this.diagnostics.add(document.uri, new vscode.Diagnostic(range, e.message, vscode.DiagnosticSeverity.Error));
    }
  }

  /** Execute sent rows to real sinks: say where, and offer the preview that shows them instead. */
  private offerPreview(uri: vscode.Uri, writes: Map<number, string[]>, statement: number | undefined): void {
    const sinks = [...new Set([...writes.values()].flat())];
    const message = `Flink: the rows went into ${sinks.join(', ')} (the real sink${sinks.length === 1 ? '' : 's'}), not to the results view. `
      + 'Preview runs the same with the sinks captured: their rows show, nothing is written.';
    void vscode.window.showInformationMessage(message, PREVIEW_INSTEAD).then((choice) => {
      if (choice === PREVIEW_INSTEAD) void vscode.commands.executeCommand(PREVIEW_DRAFT_COMMAND, uri, statement);
    });
  }

  private report(done: DoneEvent, what: string): void {
    if (done.ok) void vscode.window.setStatusBarMessage(`$(check) Flink: ran the ${what} in ${done.elapsedMs} ms`, 5000);
    else if (done.cancelled) void vscode.window.setStatusBarMessage(`Flink: stopped the ${what}`, 5000);
    else void vscode.window.showErrorMessage(`Flink: the ${what} failed: ${done.message ?? 'see the results view'}`);
  }
}
