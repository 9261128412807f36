// "▶ Run" above each statement that produces something (query, INSERT, statement set, SHOW…): runs that
// statement after the draft's preceding DDL/SET/USE; "Preview" beside it on an INSERT / statement set runs it
// with its sinks captured (nothing written). Statement spans come from the server's parser.
import * as vscode from 'vscode';
import { FlinkStatementsRequest } from '../../../server/src/protocol';
import { LANGUAGE_ID } from '../languageServer';
import { log } from '../log';
import { PREVIEW_DRAFT_COMMAND } from './executor';
import type { FlinkClient } from './flinkClient';

export const RUN_STATEMENT_COMMAND = 'flinkSql.runStatement';
/** Statements that write into sinks: the ones a preview captures. */
const PREVIEWABLE = new Set(['insert', 'statementSet']);

export class RunCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly trustListener = vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire());

  constructor(private readonly flink: FlinkClient) {}

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    // Running talks to a cluster: no lens to click in restricted mode.
    if (!vscode.workspace.isTrusted || !this.flink.running) return [];
    try {
      const statements = await this.flink.request(FlinkStatementsRequest, { uri: document.uri.toString() }, token);
      return statements.filter((s) => s.runnable).flatMap((s) => {
        const at = new vscode.Range(s.range.start.line, s.range.start.character, s.range.start.line, s.range.start.character);
        const run = new vscode.CodeLens(at, {
          title: '▶ Run',
          tooltip: `Run this ${s.kind === 'query' ? 'query' : 'statement'} on Flink (after the draft's DDL/SET statements before it)`,
          command: RUN_STATEMENT_COMMAND,
          arguments: [document.uri, s.index],
        });
        if (!PREVIEWABLE.has(s.kind)) return [run];
        return [run, new vscode.CodeLens(at, {
          title: 'Preview',
          tooltip: 'Run this with its sinks captured: their rows show in the results view, nothing is written (sources mocked from <name>.mocks.yaml)',
          command: PREVIEW_DRAFT_COMMAND,
          arguments: [document.uri, s.index],
        })];
      });
    } catch (err) {
      if (!token.isCancellationRequested) log.warn(`Run lenses: ${err instanceof Error ? err.message : String(err)}`);
      return [];
    }
  }

  refresh(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
    this.trustListener.dispose();
  }
}

export function registerRunCodeLens(provider: RunCodeLensProvider): vscode.Disposable {
  return vscode.languages.registerCodeLensProvider([{ language: LANGUAGE_ID, scheme: 'file' }, { language: LANGUAGE_ID, scheme: 'untitled' }], provider);
}
