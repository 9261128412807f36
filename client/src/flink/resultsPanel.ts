// Hosts the results webview, one panel per draft: the HTML template (strict CSP, nonce'd script, assets via
// asWebviewUri), forwarding of execution events, and the webview's requests (stop, copy, export), each checked
// with zod before anything is done.
import * as vscode from 'vscode';
import { webviewHtml } from '../webview/htmlTemplate';
import type { ExecutionEvent } from '../../../server/src/protocol';
import { webviewToHostSchema, type HostToWebview, type RenderedState } from '../../webview/_resultsMessages';
import { log } from '../log';
import { HostedPanel, PanelRegistry } from '../webview/panelRegistry';

export const RESULTS_VIEW_TYPE = 'flinkSql.results';

export interface ResultsPanelOptions {
  onStop: (executionId: string) => void;
  /** "Preview instead" on an INSERT that Execute ran: preview the draft's statement `statement`. */
  onPreview: (draft: vscode.Uri, statement?: number) => void;
}

class ResultsPanel extends HostedPanel {
  private ready = false;
  private pending: HostToWebview[] = [];
  private executionId = '';
  private renderedState: RenderedState | undefined;
  private readonly renderedEmitter = new vscode.EventEmitter<RenderedState>();
  readonly onDidRender = this.renderedEmitter.event;

  constructor(private readonly extensionUri: vscode.Uri, readonly draft: vscode.Uri, private readonly options: ResultsPanelOptions, onDispose: () => void) {
    super(vscode.window.createWebviewPanel(RESULTS_VIEW_TYPE, `Results: ${fileName(draft)}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      // Rows stay in the webview's bounded model while the panel is hidden, instead of being replayed.
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'out', 'webview')],
    }), onDispose);
    this.panel.webview.html = this.html();
    this.disposables.push(
      this.panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      this.renderedEmitter,
    );
  }

  get rendered(): RenderedState | undefined {
    return this.renderedState;
  }

  get currentExecution(): string {
    return this.executionId;
  }

  /** `preview`: the run captures its sinks (the tab says Preview, the status that nothing was written). */
  reset(executionId: string, title: string, maxRows: number, rowLimit: number, preview = false): void {
    this.executionId = executionId;
    this.renderedState = undefined;
    this.panel.title = `${preview ? 'Preview' : 'Results'}: ${fileName(this.draft)}`;
    this.post({ type: 'reset', executionId, title, maxRows, rowLimit, preview });
  }

  events(executionId: string, events: ExecutionEvent[]): void {
    this.post({ type: 'events', executionId, events });
  }

  override reveal(): void {
    this.panel.reveal(undefined, true);
  }

  private post(message: HostToWebview): void {
    if (!this.ready) {
      // Before the script runs, messages would be lost: queue them (a reset drops what came before it).
      if (message.type === 'reset') this.pending = [];
      this.pending.push(message);
      return;
    }
    void this.panel.webview.postMessage(message);
  }

  private async receive(raw: unknown): Promise<void> {
    const parsed = webviewToHostSchema.safeParse(raw);
    if (!parsed.success) {
      log.warn(`results view: ignored a malformed message (${parsed.error.issues.map((i) => i.message).join('; ')})`);
      return;
    }
    const msg = parsed.data;
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        for (const m of this.pending.splice(0)) void this.panel.webview.postMessage(m);
        break;
      case 'stop':
        if (this.executionId) this.options.onStop(this.executionId);
        break;
      case 'preview':
        this.options.onPreview(this.draft, msg.statement);
        break;
      case 'copy':
        await vscode.env.clipboard.writeText(msg.text);
        void vscode.window.setStatusBarMessage('Flink results copied to the clipboard', 3000);
        break;
      case 'export': {
        const folder = vscode.workspace.getWorkspaceFolder(this.draft)?.uri ?? vscode.Uri.joinPath(this.draft, '..');
        const target = await vscode.window.showSaveDialog({
          defaultUri: vscode.Uri.joinPath(folder, msg.suggestedName),
          filters: msg.format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
          title: `Export results as ${msg.format.toUpperCase()}`,
        });
        if (!target) return;
        await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(msg.content));
        void vscode.window.showInformationMessage(`Exported the results to ${vscode.workspace.asRelativePath(target)}.`);
        break;
      }
      case 'rendered':
        this.renderedState = msg.state;
        this.renderedEmitter.fire(msg.state);
        break;
    }
  }

  private html(): string {
    const webview = this.panel.webview;
    const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...path)).toString();
    return webviewHtml({
      cspSource: webview.cspSource,
      styleUri: asset('media', 'results.css'),
      scriptUri: asset('out', 'webview', 'results.js'),
      title: 'Flink results',
      body: `
<header class="toolbar">
  <span id="title" class="title"></span>
  <select id="statement" aria-label="Statement"></select>
  <span class="group" role="group" aria-label="View">
    <button id="mode-table" aria-pressed="true" title="The table the changelog describes">Table</button>
    <button id="mode-changelog" aria-pressed="false" title="Every change as it arrived: +I -U +U -D">Changelog</button>
  </span>
  <button id="pause">Pause</button>
  <button id="stop" title="Stop the execution and cancel its query">Stop</button>
  <button id="copy" title="Copy the rows as tab-separated text">Copy</button>
  <button id="export-csv">Export CSV</button>
  <button id="export-json">Export JSON</button>
</header>
<div id="status" role="status" aria-live="polite"></div>
<div id="notice" hidden></div>
<div id="scroller" class="scroller" tabindex="0"><table id="grid"><thead id="grid-head"></thead><tbody id="grid-body"></tbody></table></div>
<ul id="messages" aria-label="Statements"></ul>
`,
    });
  }
}

function fileName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() ?? uri.path;
}

/** The results panels, one per draft; `show` reveals a draft's panel without taking focus (or creates it). */
export class ResultsPanels extends PanelRegistry<ResultsPanel> {
  constructor(extensionUri: vscode.Uri, options: ResultsPanelOptions) {
    super((draft, onDispose) => new ResultsPanel(extensionUri, draft, options, onDispose));
  }
}

export type { ResultsPanel };
