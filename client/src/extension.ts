// Entry point of the Flink SQL Studio extension: a thin UI over the language server. Wires the log,
// the language client and its status item, the *.sql association, the Flink sidebar, local-Flink installs and the commands.
import { performance } from 'perf_hooks';
import * as vscode from 'vscode';
import { registerCommand, showErrorWithLog, type CommandModule } from './commandRegistry';
import { newDraftCommand } from './commands/newDraft';
import { id as openDeploymentConfigId, openDeploymentConfigCommand } from './commands/openDeploymentConfig';
import { DeploymentPanels } from './deployment/deploymentPanel';
import { FlinkClient } from './flink/flinkClient';
import { openWalkthroughCommand } from './commands/openWalkthrough';
import { registerUdfsCommands } from './commands/registerUdfs';
import { restartServerCommand } from './commands/restartServer';
import { showLogCommand } from './commands/showLog';
import { DraftIndex } from './drafts/draftIndex';
import { DraftVersionItem } from './draftVersionItem';
import { registerJobDraftContext } from './drafts/jobDraftContext';
import { DRAFTS_VIEW, DraftsTree } from './drafts/draftsTree';
import { LanguageServer } from './languageServer';
import { registerInstallFeatures } from './install';
import { registerSecretFeatures } from './secrets';
import { registerTestFeatures } from './tests';
import { initLog, log } from './log';
import { ServerStatus } from './serverStatus';
import { registerSqlAssociation } from './sqlAssociation';
import { registerClusterViews } from './views/clusterViews';
import { registerFlinkFeatures, type FlinkApi } from './flink';

/** Taken when the bundle is evaluated, so the reported activation time includes module loading. */
const loadedAt = performance.now();

/** What `vscode.extensions.getExtension(...).exports` returns; the extension-host tests use it. */
export interface FlinkSqlStudioApi {
  /** Milliseconds from bundle evaluation to the end of `activate`. */
  activationMs: number;
  /** Resolves when the language server is running; rejects when it failed to start (the user is told). */
  serverReady: Promise<void>;
  /** The Drafts view as the user sees it (tree items) and its change event. */
  drafts: { items(): Promise<vscode.TreeItem[]>; onDidChange: vscode.Event<void> };
  /** Results panels, Catalogs view and connection status (see client/src/flink/index.ts). */
  flink: FlinkApi;
  /** The status bar item with the active draft's Flink version: its text when shown, and a refresh. */
  draftVersion: { text(): string | undefined; refresh(): Promise<void>; onDidRefresh: vscode.Event<void> };
}

let server: LanguageServer | undefined;

export function activate(context: vscode.ExtensionContext): FlinkSqlStudioApi | undefined {
  initLog(context);
  try {
    const status = new ServerStatus(showLogCommand.id);
    server = new LanguageServer(context, status);
    const index = new DraftIndex();
    const commands: CommandModule[] = [
      showLogCommand, restartServerCommand(server), newDraftCommand(index), openWalkthroughCommand(context.extension.id),
    ];
    const flink = registerFlinkFeatures(context, server);
    commands.push(...flink.commands);
    const deploymentClient = new FlinkClient(server);
    const deploymentPanels = new DeploymentPanels(context.extensionUri, deploymentClient);
    commands.push(openDeploymentConfigCommand(deploymentPanels));
    commands.push(...registerUdfsCommands(deploymentClient));
    // Before server.start(): the consent handler must be on the first client too.
    const install = registerInstallFeatures(server, deploymentClient);
    commands.push(...install.commands);
    // Before server.start() too: the server asks secret values of the first client.
    const secrets = registerSecretFeatures(context, server);
    commands.push(...secrets.commands);
    // Before server.start() too: test events of the first client.
    const tests = registerTestFeatures(context, server);
    commands.push(...tests.commands);
    const draftVersion = new DraftVersionItem(deploymentClient, openDeploymentConfigId);
    const drafts = new DraftsTree(index);
    context.subscriptions.push(
      status,
      index,
      drafts,
      registerJobDraftContext(index),
      vscode.window.createTreeView(DRAFTS_VIEW, { treeDataProvider: drafts, showCollapseAll: false }),
      registerClusterViews(),
      registerSqlAssociation(),
      ...flink.disposables,
      deploymentClient,
      deploymentPanels,
      draftVersion,
      ...install.disposables,
      ...secrets.disposables,
      ...tests.disposables,
      server.restartOnSettingsChange(),
      ...commands.map(registerCommand),
    );
    const serverReady = server.start();
    flink.serverStarting(serverReady);
    tests.serverStarting(serverReady);
    void serverReady.then(() => draftVersion.refresh(), () => undefined);
    serverReady.catch((err: unknown) => {
      log.error('language server did not start', err);
      void showErrorWithLog('The Flink SQL language server did not start, so there are no diagnostics or completions. Open the log for the reason, then run "Flink SQL: Restart Language Server".');
    });
    const activationMs = Math.round(performance.now() - loadedAt);
    log.info(`Flink SQL Studio ${context.extension.packageJSON.version as string} activated in ${activationMs} ms (trusted workspace: ${vscode.workspace.isTrusted})`);
    return {
      activationMs,
      serverReady,
      drafts: { items: async () => (await index.list()).map((d) => drafts.getTreeItem(d)), onDidChange: index.onDidChange },
      flink: flink.api,
      draftVersion: { text: () => draftVersion.text, refresh: () => draftVersion.refresh(), onDidRefresh: draftVersion.onDidRefresh },
    };
  } catch (err) {
    log.error('activation failed', err);
    void vscode.window
      .showErrorMessage('Flink SQL Studio could not start. Open the log to see why, then reload the window; if it keeps failing, reinstall the extension.', 'Open Log', 'Reload Window')
      .then((choice) => {
        if (choice === 'Open Log') log.show();
        if (choice === 'Reload Window') void vscode.commands.executeCommand('workbench.action.reloadWindow');
      });
    return undefined;
  }
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}
