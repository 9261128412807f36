// The status bar shows the Flink version of the active draft, from the language server: the draft's
// deployment config, else the setting; it follows the active editor and a rewritten deployment config.
import * as vscode from 'vscode';
import type { FlinkSqlStudioApi } from '../../client/src/extension';
import { activateExtension, inWorkspace, readText, waitFor, writeText } from './helpers';

describe('draft Flink version in the status bar', () => {
  let api: FlinkSqlStudioApi;
  before(async () => {
    api = await activateExtension();
    await api.serverReady;
  });

  /** Waits for the item's own refresh (no manual refresh: the editor change or the file watcher drives it). */
  async function shows(text: string | undefined): Promise<void> {
    await waitFor(`status bar "${text ?? '(hidden)'}", showing "${api.draftVersion.text() ?? '(hidden)'}"`, () => api.draftVersion.text() === text);
  }

  it('shows the draft’s version, follows the editor and the saved deployment config', async () => {
    await vscode.window.showTextDocument(inWorkspace('orders.flink.sql'));
    await shows('Flink 2.3');

    const config = inWorkspace('lts_orders.deployment.yaml');
    const original = (await readText(inWorkspace('orders.deployment.yaml'))).replace(/^name: .*$/m, 'name: lts_orders');
    await writeText(inWorkspace('lts_orders.flink.sql'), await readText(inWorkspace('orders.flink.sql')));
    await writeText(config, `${original.trimEnd()}\nflinkVersion: '1.20'\n`);
    await vscode.window.showTextDocument(inWorkspace('lts_orders.flink.sql'));
    await shows('Flink 1.20');

    // The deployment config rewritten while its draft is active (as the panel's Save does).
    await writeText(config, `${original.trimEnd()}\nflinkVersion: '2.3'\n`);
    await shows('Flink 2.3');

    // Not a draft: hidden.
    await vscode.window.showTextDocument(inWorkspace('orders.deployment.yaml'));
    await shows(undefined);

    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(inWorkspace('lts_orders.flink.sql'));
    await vscode.workspace.fs.delete(config);
  });
});
