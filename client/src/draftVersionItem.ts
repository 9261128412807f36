// The status bar item that shows the Flink version the active draft targets ("Flink 2.3"), as the language
// server computes it (the draft's deployment config, else the flinkSql.flinkVersion setting). Refreshed when
// the active editor changes and when a deployment config is saved or rewritten.
import * as vscode from 'vscode';
import { DraftInfoRequest, FLINK_SQL_LANGUAGE_ID, type DraftInfo } from '../../server/src/protocol';
import type { FlinkClient } from './flink/flinkClient';
import { log } from './log';

export class DraftVersionItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('flinkSql.draftVersion', vscode.StatusBarAlignment.Left, -0.5);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private readonly changed = new vscode.EventEmitter<void>();
  /** The sequence of the latest refresh: an older answer that arrives late is dropped. */
  private seq = 0;

  /** Fires after each refresh, shown or hidden (the extension-host tests wait on it). */
  readonly onDidRefresh = this.changed.event;

  constructor(private readonly client: FlinkClient, openConfigCommand: string) {
    this.item.name = 'Flink Version of the Draft';
    this.item.command = openConfigCommand;
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.deployment.yaml');
    this.disposables.push(
      this.changed,
      watcher,
      watcher.onDidChange(() => void this.refresh()),
      watcher.onDidCreate(() => void this.refresh()),
      watcher.onDidDelete(() => void this.refresh()),
      vscode.window.onDidChangeActiveTextEditor(() => void this.refresh()),
      vscode.workspace.onDidSaveTextDocument((d) => { if (d.uri.path.endsWith('.deployment.yaml')) void this.refresh(); }),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('flinkSql.flinkVersion')) void this.refresh(); }),
    );
  }

  /** The item's text when shown ("Flink 2.3"), else undefined. */
  get text(): string | undefined {
    return this.shown ? this.item.text : undefined;
  }

  private shown = false;

  async refresh(): Promise<void> {
    const seq = ++this.seq;
    const doc = vscode.window.activeTextEditor?.document;
    let info: DraftInfo | null = null;
    if (doc && doc.languageId === FLINK_SQL_LANGUAGE_ID && doc.uri.scheme === 'file') {
      try {
        info = await this.client.request(DraftInfoRequest, { uri: doc.uri.toString() });
      } catch (err) {
        log.warn(`could not read the draft's Flink version: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    if (seq !== this.seq) return;
    if (info) {
      this.item.text = `Flink ${info.flinkVersion}`;
      const from = info.source === 'deployment' ? 'its deployment config' : 'the flinkSql.flinkVersion setting';
      this.item.tooltip = `This draft targets Flink ${info.flinkVersion} (from ${from}); click to open its deployment configuration`;
      this.item.accessibilityInformation = { label: `Draft targets Flink ${info.flinkVersion}` };
      this.item.show();
      this.shown = true;
    } else {
      this.item.hide();
      this.shown = false;
    }
    this.changed.fire();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
