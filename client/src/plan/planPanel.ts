// Hosts the plan webview, one panel per draft: the HTML template (strict CSP, nonce'd script, assets via
// asWebviewUri), the plan to draw — the draft's, or an upgrade's side by side — and the webview's requests (reveal an
// operator's lines, plan again), checked with zod.
import * as vscode from 'vscode';
import type { FlinkPlanResult, FlinkUpgradePlanResult } from '../../../server/src/protocol';
import { planWebviewToHostSchema, type PlanHostToWebview } from '../../webview/_planMessages';
import { log } from '../log';
import { webviewHtml } from '../webview/htmlTemplate';
import { HostedPanel, PanelRegistry } from '../webview/panelRegistry';

export const PLAN_VIEW_TYPE = 'flinkSql.plan';

/** What a panel draws: the draft's plan, or the running version's and the draft's side by side. */
export type PlanView = { type: 'plan'; result: FlinkPlanResult } | { type: 'upgrade'; result: FlinkUpgradePlanResult };

/** Asks the planner for the draft's view (with progress); undefined when cancelled. */
export type PlanDraft = (draft: vscode.Uri) => Promise<PlanView | undefined>;

const fileName = (uri: vscode.Uri) => uri.path.split('/').pop() ?? uri.path;

export class PlanPanel extends HostedPanel {
  private ready = false;
  private view: PlanView | undefined;
  private running: Promise<void> | undefined;
  private disposed = false;

  constructor(private readonly extensionUri: vscode.Uri, readonly draft: vscode.Uri, private readonly planDraft: PlanDraft, title: string, onDispose: () => void) {
    super(vscode.window.createWebviewPanel(PLAN_VIEW_TYPE, `${title}: ${fileName(draft)}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
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

  /** The last view drawn (the command returns its result; tests read it). */
  get lastView(): PlanView | undefined {
    return this.view;
  }

  /** Plans the draft as it is now and draws it; a second call while one runs waits for it. */
  refresh(): Promise<void> {
    this.running ??= (async () => {
      try {
        this.post({ type: 'loading', text: 'Asking Flink\'s planner…' });
        const view = await this.planDraft(this.draft);
        if (view) this.view = view;
        this.show();
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private show(): void {
    if (this.view) this.post({ ...this.view, fileName: vscode.workspace.asRelativePath(this.draft) } as PlanHostToWebview);
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
        // In a side by side only the draft's graphs link to lines (the running version's is its published SQL).
        const graphs = this.view?.type === 'upgrade' ? this.view.result.after?.graphs : this.view?.result.graphs;
        const node = graphs?.[msg.graph]?.nodes.find((n) => n.id === msg.node);
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
  <span id="title" class="title">Optimized plan</span> <span id="file" class="file"></span>
  <span id="summary" class="summary" role="status" aria-live="polite"></span>
  <vscode-button id="show-table" secondary>Table only</vscode-button>
  <vscode-button id="refresh" secondary title="Plan the draft again as it is now">Refresh</vscode-button>
</header>
<div id="legend" class="legend" aria-hidden="true"><span><span class="swatch stateful"></span>keeps state</span><span><span class="swatch"></span>no state</span></div>
<div id="upgrade-legend" class="legend" aria-hidden="true" hidden><span><span class="swatch restored"></span>state carries over</span><span><span class="swatch dropped"></span>state dropped</span><span><span class="swatch incompatible"></span>state unreadable (key changed)</span><span><span class="swatch fresh"></span>starts empty</span></div>
<p id="verdict" class="verdict" role="status" hidden></p>
<ul id="problems" class="problems" role="alert" hidden></ul>
<main id="graphs"></main>
`,
    });
  }
}

/** The plan panels of one kind (the draft's plan, or its upgrade), one per draft; `title`: "Plan", "Upgrade plan". */
export class PlanPanels extends PanelRegistry<PlanPanel> {
  constructor(extensionUri: vscode.Uri, planDraft: PlanDraft, title: string) {
    super((draft, onDispose) => new PlanPanel(extensionUri, draft, planDraft, title, onDispose));
  }
}
