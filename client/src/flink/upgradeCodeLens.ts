// "⛉ Check Upgrade" and "Compare Plans" above the first statement of a SQL draft whose deployment is running: the
// upgrade check Publish would run (compatible, state dropped, incompatible), and the same drawn, one click away. What runs comes from the
// Deployments view's model (polled while it is visible; read once here when it never was).
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../languageServer';
import { runningDeploymentOf } from '../deployments/runningDeployment';
import type { DeploymentsTree } from '../views/deploymentsTree';

export const CHECK_UPGRADE_COMMAND = 'flinkSql.checkUpgrade';
export const COMPARE_UPGRADE_PLAN_COMMAND = 'flinkSql.compareUpgradePlan';
/** While nothing is known to run, the deployments are read again at most this often for a lens. */
const ASK_AGAIN_MS = 30_000;

export class UpgradeCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private askedAt = 0;

  constructor(private readonly tree: DeploymentsTree) {
    this.subscription = tree.onDidChangeTreeData(() => this.changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.isTrusted || document.uri.scheme !== 'file') return [];
    if (!this.tree.all.length && Date.now() - this.askedAt > ASK_AGAIN_MS) {
      // The view may never have been opened: read the deployments (their change event brings the lens).
      this.askedAt = Date.now();
      void this.tree.refresh();
    }
    const running = runningDeploymentOf(this.tree.all, vscode.workspace.asRelativePath(document.uri, false));
    if (!running) return [];
    const first = document.getText().search(/\S/);
    const at = document.positionAt(Math.max(0, first));
    return [new vscode.CodeLens(new vscode.Range(at, at), {
      title: `$(shield) Check Upgrade of ${running.deployment} (v${running.version} ${running.state})`,
      tooltip: 'Would the running version\'s state carry over to this draft? Takes a savepoint of the running job (it keeps running) and compares operators and keys; publishes nothing.',
      command: CHECK_UPGRADE_COMMAND,
      arguments: [document.uri],
    }), new vscode.CodeLens(new vscode.Range(at, at), {
      title: 'Compare Plans',
      tooltip: 'The same check drawn: the running version\'s plan beside this draft\'s, each operator\'s state marked carried over, dropped, unreadable or starting empty.',
      command: COMPARE_UPGRADE_PLAN_COMMAND,
      arguments: [document.uri],
    })];
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

export function registerUpgradeCodeLens(provider: UpgradeCodeLensProvider): vscode.Disposable {
  return vscode.languages.registerCodeLensProvider({ language: LANGUAGE_ID, scheme: 'file' }, provider);
}
