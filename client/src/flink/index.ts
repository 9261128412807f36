// Wires the Flink features into the extension: connection status, the "▶ Run" lenses, the results panels,
// the planner diagnostics, the Catalogs view and the Flink commands. extension.ts calls this once.
import { randomUUID } from 'crypto';
import * as vscode from 'vscode';
import type { ExecutionEvent, FlinkConnectionStatus } from '../../../server/src/protocol';
import type { RenderedState } from '../../webview/_resultsMessages';
import type { CommandModule } from '../commandRegistry';
import { connectionMenuCommand } from '../commands/connectionMenu';
import { executeCommand } from '../commands/execute';
import { localClusterStartCommand } from '../commands/localClusterStart';
import { localClusterStopCommand } from '../commands/localClusterStop';
import { previewDraftCommand } from '../commands/previewDraft';
import { refreshCatalogsCommand } from '../commands/refreshCatalogs';
import { runStatementCommand } from '../commands/runStatement';
import { setAuthHeaderCommand } from '../commands/setAuthHeader';
import { showPlanCommand } from '../commands/showPlan';
import { compareUpgradePlanCommand } from '../commands/compareUpgradePlan';
import { showFlinkLogsCommand } from '../commands/showFlinkLogs';
import { stopExecutionCommand } from '../commands/stopExecution';
import { validateCommand } from '../commands/validate';
import { deploymentCommands } from '../deployments/deploymentCommands';
import type { LanguageServer } from '../languageServer';
import { readSettings } from '../settings';
import { CATALOGS_VIEW, CatalogsTree } from '../views/catalogsTree';
import { DEPLOYMENTS_VIEW, DeploymentsTree } from '../views/deploymentsTree';
import { ConnectionStatusItem } from './connectionStatusItem';
import { Executor, PREVIEW_DRAFT_COMMAND } from './executor';
import { FlinkClient } from './flinkClient';
import { FlinkDiagnostics } from './flinkDiagnostics';
import { ResultsPanels } from './resultsPanel';
import { registerRunCodeLens, RunCodeLensProvider } from './runCodeLens';
import { registerUpgradeCodeLens, UpgradeCodeLensProvider } from './upgradeCodeLens';
import type { FlinkServices } from './services';

/** What the extension-host tests reach through the extension's API. */
export interface FlinkApi {
  /** The last state the draft's results webview reported after rendering. */
  renderedResults(draft: vscode.Uri): RenderedState | undefined;
  /** Shows `events` in the draft's results panel as if the server streamed them (renders through the webview). */
  showEvents(draft: vscode.Uri, events: ExecutionEvent[]): void;
  catalogItems(): Promise<vscode.TreeItem[]>;
  connectionStatus(): FlinkConnectionStatus;
  /** The Deployments view's top-level items, after a refresh. */
  deploymentItems(): Promise<vscode.TreeItem[]>;
}

export interface FlinkFeatures {
  commands: CommandModule[];
  disposables: vscode.Disposable[];
  api: FlinkApi;
  /** Call with the server's start: once it runs, the connection check and the lenses begin. */
  serverStarting(ready: Promise<void>): void;
}

export function registerFlinkFeatures(context: vscode.ExtensionContext, server: LanguageServer): FlinkFeatures {
  const flink = new FlinkClient(server);
  const diagnostics = new FlinkDiagnostics();
  let executor!: Executor;
  const panels = new ResultsPanels(context.extensionUri, {
    onStop: (id) => void executor.cancel(id),
    onPreview: (draft, statement) => void vscode.commands.executeCommand(PREVIEW_DRAFT_COMMAND, draft, statement),
  });
  executor = new Executor(flink, panels, diagnostics, context.secrets);
  const catalogs = new CatalogsTree(flink);
  const status = new ConnectionStatusItem(flink, context.secrets);
  const codeLens = new RunCodeLensProvider(flink);
  const deployments = new DeploymentsTree(flink, context.secrets);
  const deploymentsView = vscode.window.createTreeView(DEPLOYMENTS_VIEW, { treeDataProvider: deployments });
  deploymentsView.onDidChangeVisibility((e) => deployments.setVisible(e.visible));
  deploymentsView.onDidExpandElement((e) => deployments.setExpanded(e.element, true));
  deploymentsView.onDidCollapseElement((e) => deployments.setExpanded(e.element, false));
  const upgradeLens = new UpgradeCodeLensProvider(deployments);
  const services: FlinkServices = { flink, executor, diagnostics, panels, catalogs, status, codeLens, secrets: context.secrets };
  const showPlan = showPlanCommand(services, context.extensionUri);
  const upgradePlan = compareUpgradePlanCommand(services, context.extensionUri);

  const commands: CommandModule[] = [
    validateCommand(services), executeCommand(services), previewDraftCommand(services), runStatementCommand(services), stopExecutionCommand(services),
    localClusterStartCommand(services), localClusterStopCommand(services), showFlinkLogsCommand, refreshCatalogsCommand(services),
    setAuthHeaderCommand(context.secrets), connectionMenuCommand(services), showPlan.command, upgradePlan.command,
    ...deploymentCommands({ flink, tree: deployments, secrets: context.secrets }),
  ];
  const disposables: vscode.Disposable[] = [
    flink, diagnostics, panels, showPlan.panels, upgradePlan.panels, catalogs, status, codeLens, registerRunCodeLens(codeLens), deployments, deploymentsView,
    upgradeLens, registerUpgradeCodeLens(upgradeLens),
    vscode.window.createTreeView(CATALOGS_VIEW, { treeDataProvider: catalogs, showCollapseAll: true }),
  ];
  const api: FlinkApi = {
    renderedResults: (draft) => panels.get(draft)?.rendered,
    showEvents: (draft, events) => {
      const panel = panels.show(draft);
      const id = randomUUID();
      const s = readSettings().flink;
      panel.reset(id, `${vscode.workspace.asRelativePath(draft)} · replay`, s.maxRowsInView, s.rowLimit);
      panel.events(id, events);
    },
    catalogItems: async () => Promise.all((await catalogs.getChildren()).map((n) => catalogs.getTreeItem(n))),
    connectionStatus: () => status.status,
    deploymentItems: async () => {
      await deployments.refresh();
      return deployments.getChildren().map((n) => deployments.getTreeItem(n));
    },
  };
  const serverStarting = (ready: Promise<void>) => {
    ready.then(() => {
      status.start();
      codeLens.refresh();
      deployments.setVisible(deploymentsView.visible);
    }, () => undefined); // a failed start is reported by extension.ts
  };
  return { commands, disposables, api, serverStarting };
}
