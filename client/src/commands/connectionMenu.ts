// The Flink status bar item's menu: the cluster actions and settings in one place.
import * as vscode from 'vscode';
import type { CommandModule } from '../commandRegistry';
import { CONNECTION_MENU_COMMAND } from '../flink/connectionStatusItem';
import type { FlinkServices } from '../flink/services';
import { readSettings } from '../settings';

export const id = CONNECTION_MENU_COMMAND;

export function connectionMenuCommand(s: FlinkServices): CommandModule {
  return {
    id,
    handler: async () => {
      const local = readSettings().flink.target === 'local';
      const st = s.status.status;
      const items: (vscode.QuickPickItem & { command: string; args?: unknown[] })[] = [];
      if (local && st.state !== 'running') items.push({ label: '$(play) Start Local Cluster', command: 'flinkSql.startLocalCluster' });
      if (local && st.state !== 'stopped') items.push({ label: '$(debug-stop) Stop Local Cluster', command: 'flinkSql.stopLocalCluster' });
      if (local) items.push({ label: '$(output) Show Flink Logs', command: 'flinkSql.showFlinkLogs' });
      if (st.restUrl) items.push({ label: '$(link-external) Open the Flink Web UI', description: st.restUrl, command: 'vscode.open', args: [vscode.Uri.parse(st.restUrl)] });
      items.push({ label: '$(refresh) Refresh Catalogs', command: 'flinkSql.refreshCatalogs' });
      items.push({ label: '$(gear) Connection Settings', description: `target: ${local ? 'local' : 'remote'}`, command: 'workbench.action.openSettings', args: ['flinkSql.'] });
      const pick = await vscode.window.showQuickPick(items, { title: `Flink (${local ? 'local' : 'remote'}): ${st.state}` });
      if (pick) await vscode.commands.executeCommand(pick.command, ...(pick.args ?? []));
    },
  };
}
