// Hosts the plan webview, one panel per draft: the HTML template (strict CSP, nonce'd script, assets via
// asWebviewUri), the plan to draw, and the webview's requests (reveal an operator's lines, plan again), checked with zod.
import * as vscode from 'vscode';
import type { FlinkPlanResult } from '../../../server/src/protocol';
import { planWebviewToHostSchema, type PlanHostToWebview } from '../../webview/_planMessages';
import { log } from '../log';
import { webviewHtml } from '../webview/htmlTemplate';
import { HostedPanel, PanelRegistry } from '../webview/panelRegistry';

export const PLAN_VIEW_TYPE = 'flinkSql.plan';

/** Asks the planner for the draft's plan (with progress); undefined when cancelled. */
export type PlanDraft = (draft: vscode.Uri) => Promise<FlinkPlanResult | undefined>;

const fileName = (uri: vscode.Uri) => uri.path.split('/').pop() ?? uri.path;

export class PlanPanel extends HostedPanel {
  private ready = false;
  private result: FlinkPlanResult | undefined;
  private running: Promise<void> | undefined;
  private disposed = false;

  constructor(private readonly extensionUri: vscode.Uri, readonly draft: vscode.Uri, private readonly planDraft: PlanDraft, onDispose: () => void) {
    super(vscode.window.createWebviewPanel(PLAN_VIEW_TYPE, `Plan: ${fileName(draft)}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'out', 'webview')],
    }), onDispose);
    this.panel.webview.html = this.html();
    this.disposables.push(this.panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw).catch((err: unknown) => log.error('plan panel', err))));
  }

  override reveal(): void {
    this.panel.reveal(undefined, true);
  }

  /** The last plan drawn (the command returns it; tests read it). */
  get lastResult(): FlinkPlanResult | undefined {
    return this.result;
  }

  /** Plans the draft as it is now and draws it; a second call while one runs waits for it. */
  refresh(): Promise<void> {
    this.running ??= (async () => {
      try {
        this.post({ type: 'loading', text: 'Asking Flink\'s planner…' });
        const result = await this.planDraft(this.draft);
        if (result) this.result = result;
        this.show();
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private show(): void {
    if (this.result) this.post({ type: 'plan', fileName: vscode.workspace.asRelativePath(this.draft), result: this.result });
  }

  private post(message: PlanHostToWebview): void {
    // A plan that arrives after the panel was closed has nowhere to go.
    if (this.ready && !this.disposed) void this.panel.webview.postMessage(message);
  }

  override dispose(): void {
    this.disposed = true;
    super.dispose();
  }

  private async receive(raw: unknown): Promise<void> {
    const parsed = planWebviewToHostSchema.safeParse(raw);
    if (!parsed.success) {
      log.warn(`plan panel: ignored a malformed message (${parsed.error.issues.map((i) => i.message).join('; ')})`);
      return;
    }
    const msg = parsed.data;
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        if (this.running) this.post({ type: 'loading', text: 'Asking Flink\'s planner…' });
        this.show();
        break;
      case 'refresh':
        await this.refresh();
        break;
      case 'reveal': {
        const node = this.result?.graphs[msg.graph]?.nodes.find((n) => n.id === msg.node);
        const source = node?.sources[0];
        if (!source) return;
        const { start, end } = source.range;
        const range = new vscode.Range(start.line, start.character, end.line, end.character);
        const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.draft.toString());
        const editor = await vscode.window.showTextDocument(this.draft, { viewColumn: shown?.viewColumn ?? vscode.ViewColumn.One, selection: range, preserveFocus: false });
        editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        break;
      }
    }
  }

  private html(): string {
    const webview = this.panel.webview;
    const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...path)).toString();
    return webviewHtml({
      cspSource: webview.cspSource,
      styleUri: asset('media', 'plan.css'),
      scriptUri: asset('out', 'webview', 'plan.js'),
      title: 'Plan',
      body: `
<header class="toolbar">
  <span class="title">Optimized plan</span> <span id="file" class="file"></span>
  <span id="summary" class="summary" role="status" aria-live="polite"></span>
  <vscode-button id="show-table" secondary>Table only</vscode-button>
  <vscode-button id="refresh" secondary title="Plan the draft again as it is now">Refresh</vscode-button>
</header>
<div class="legend" aria-hidden="true"><span><span class="swatch stateful"></span>keeps state</span><span><span class="swatch"></span>no state</span></div>
<ul id="problems" class="problems" role="alert" hidden></ul>
<main id="graphs"></main>
`,
    });
  }
}

/** The plan panels, one per draft. */
export class PlanPanels extends PanelRegistry<PlanPanel> {
  constructor(extensionUri: vscode.Uri, planDraft: PlanDraft) {
    super((draft, onDispose) => new PlanPanel(extensionUri, draft, planDraft, onDispose));
  }
}
