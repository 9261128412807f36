// Hosts the deployment configuration webview, one panel per config file: the HTML template (strict CSP,
// nonce'd script, assets via asWebviewUri), the webview's messages (checked with zod), and the round trips to
// the language server, which validates edits and writes the YAML. External edits refresh the panel.
import * as vscode from 'vscode';
import { webviewHtml } from '../webview/htmlTemplate';
import { FIELDS } from '../../../server/src/deployment/fields';
import { DeploymentStateRequest, DeploymentWriteRequest, type DeploymentFieldEdit, type DeploymentState } from '../../../server/src/protocol';
import { deploymentWebviewToHostSchema, type DeploymentHostToWebview } from '../../webview/_deploymentMessages';
import type { FlinkClient } from '../flink/flinkClient';
import { log } from '../log';
import { HostedPanel, PanelRegistry } from '../webview/panelRegistry';

export const DEPLOYMENT_VIEW_TYPE = 'flinkSql.deploymentConfig';

class DeploymentPanel extends HostedPanel {
  private readonly edits = new Map<string, DeploymentFieldEdit['value']>();
  private state: DeploymentState | undefined;
  private queue: Promise<void> = Promise.resolve();
  private ready = false;
  private lastNotice: DeploymentHostToWebview['notice'];

  constructor(private readonly extensionUri: vscode.Uri, readonly configUri: vscode.Uri, private readonly flink: FlinkClient, onDispose: () => void) {
    const name = configUri.path.split('/').pop() ?? configUri.path;
    super(vscode.window.createWebviewPanel(DEPLOYMENT_VIEW_TYPE, `Deployment: ${name.replace(/\.deployment\.yaml$/i, '')}`, vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'out', 'webview')],
    }), onDispose);
    this.panel.webview.html = this.html();
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(configUri, '..'), name));
    const external = () => this.enqueue(() => this.refresh());
    this.disposables.push(
      watcher, watcher.onDidChange(external), watcher.onDidCreate(external), watcher.onDidDelete(external),
      vscode.workspace.onDidSaveTextDocument((d) => { if (d.uri.toString() === configUri.toString()) external(); }),
      this.panel.webview.onDidReceiveMessage((raw: unknown) => this.enqueue(() => this.receive(raw))),
    );
  }

  override reveal(): void {
    this.panel.reveal();
  }

  /** Messages are handled one at a time, in order (an edit's answer must not overtake the next edit). */
  private enqueue(fn: () => Promise<void>): void {
    this.queue = this.queue.then(fn).catch((err: unknown) => {
      log.error('deployment panel', err);
      this.lastNotice = { kind: 'error', text: err instanceof Error ? err.message : String(err) };
      this.post();
    });
  }

  private editList(): DeploymentFieldEdit[] {
    return [...this.edits].map(([path, value]) => ({ path, value }));
  }

  private async refresh(notice?: DeploymentHostToWebview['notice']): Promise<void> {
    this.state = await this.flink.request(DeploymentStateRequest, { uri: this.configUri.toString(), edits: this.editList() });
    this.lastNotice = notice;
    this.post();
  }

  private post(): void {
    if (!this.ready || !this.state) return;
    const message: DeploymentHostToWebview = {
      type: 'state', fields: FIELDS, state: this.state, dirty: this.edits.size > 0,
      fileName: vscode.workspace.asRelativePath(this.configUri), ...(this.lastNotice ? { notice: this.lastNotice } : {}),
    };
    void this.panel.webview.postMessage(message);
  }

  private async receive(raw: unknown): Promise<void> {
    const parsed = deploymentWebviewToHostSchema.safeParse(raw);
    if (!parsed.success) {
      log.warn(`deployment panel: ignored a malformed message (${parsed.error.issues.map((i) => i.message).join('; ')})`);
      return;
    }
    const msg = parsed.data;
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        await this.refresh();
        break;
      case 'edit':
        this.edits.set(msg.path, msg.value);
        await this.refresh();
        break;
      case 'revert':
        this.edits.clear();
        await this.refresh();
        break;
      case 'save':
        await this.write(false);
        break;
      case 'replaceWithDefaults': {
        const choice = await vscode.window.showWarningMessage(`Replace ${vscode.workspace.asRelativePath(this.configUri)} with the default configuration? Its current content is lost (it stays in git, if committed).`, { modal: true }, 'Replace');
        if (choice === 'Replace') await this.write(true);
        break;
      }
      case 'openYaml':
        await vscode.window.showTextDocument(this.configUri, { viewColumn: vscode.ViewColumn.Beside, preview: false });
        break;
    }
  }

  private async write(replaceWithDefaults: boolean): Promise<void> {
    if (!this.state) return;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === this.configUri.toString());
    if (open?.isDirty) {
      await this.refresh({ kind: 'error', text: 'The YAML has unsaved changes in an editor: save or revert them first. Nothing was written.' });
      return;
    }
    const result = await this.flink.request(DeploymentWriteRequest, {
      uri: this.configUri.toString(), diskText: this.state.diskText,
      ...(replaceWithDefaults ? { replaceWithDefaults: true } : { edits: this.editList() }),
    });
    if (result.ok) {
      this.edits.clear();
      log.info(`deployment panel: wrote ${this.configUri.fsPath}`);
    }
    if (result.state) this.state = result.state;
    await this.refresh(result.ok ? { kind: 'info', text: replaceWithDefaults ? 'Replaced with the defaults.' : 'Saved.' } : { kind: 'error', text: result.error ?? 'Not saved.' });
  }

  private html(): string {
    const webview = this.panel.webview;
    const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...path)).toString();
    return webviewHtml({
      cspSource: webview.cspSource,
      styleUri: asset('media', 'deployment.css'),
      scriptUri: asset('out', 'webview', 'deployment.js'),
      title: 'Deployment configuration',
      body: `
<header class="toolbar">
  <span class="title">Deployment configuration</span> <span id="file" class="file"></span>
  <span id="dirty" class="dirty"></span>
  <vscode-button id="save" title="Write the YAML (Ctrl+S)">Save</vscode-button>
  <vscode-button id="revert" secondary>Revert</vscode-button>
  <vscode-button id="open-yaml" secondary>Open YAML</vscode-button>
</header>
<div id="banner" class="banner" role="alert" hidden>
  <span id="banner-text"></span>
  <vscode-button id="defaults" secondary>Replace with defaults</vscode-button>
</div>
<div id="notice" class="notice" role="status" hidden></div>
<ul id="problems" class="problems"></ul>
<main id="form"></main>
<section class="resolved"><h2>Resolved Flink configuration</h2><pre id="resolved"></pre></section>
`,
    });
  }
}

/** The deployment panels, one per config file. */
export class DeploymentPanels extends PanelRegistry<DeploymentPanel> {
  constructor(extensionUri: vscode.Uri, flink: FlinkClient) {
    super((configUri, onDispose) => new DeploymentPanel(extensionUri, configUri, flink, onDispose));
  }
}
