// The Flink status bar item's menu: the cluster actions and settings in one place.
import * as vscode from 'vscode';
import type { CommandModule } from '../commandRegistry';
import { CONNECTION_MENU_COMMAND } from '../flink/connectionStatusItem';
import { openFlinkWebUi } from '../flink/openFlinkUrl';
import type { FlinkServices } from '../flink/services';
import { readSettings } from '../settings';

export const id = CONNECTION_MENU_COMMAND;

export function connectionMenuCommand(s: FlinkServices): CommandModule {
  return {
    id,
    handler: async () => {
      const local = readSettings().flink.target === 'local';
      const st = s.status.status;
      const items: (vscode.QuickPickItem & ({ command: string; args?: unknown[] } | { run: () => Promise<void> }))[] = [];
      if (local && st.state !== 'running') items.push({ label: '$(play) Start Local Cluster', command: 'flinkSql.startLocalCluster' });
      if (local && st.state !== 'stopped') items.push({ label: '$(debug-stop) Stop Local Cluster', command: 'flinkSql.stopLocalCluster' });
      if (local) items.push({ label: '$(output) Show Flink Logs', command: 'flinkSql.showFlinkLogs' });
      const restUrl = st.restUrl;
      // The server may have read it from .flink/ state: through the URL policy, never straight to vscode.open.
      if (restUrl) items.push({ label: '$(link-external) Open the Flink Web UI', description: restUrl, run: () => openFlinkWebUi(restUrl) });
      items.push({ label: '$(refresh) Refresh Catalogs', command: 'flinkSql.refreshCatalogs' });
      items.push({ label: '$(gear) Connection Settings', description: `target: ${local ? 'local' : 'remote'}`, command: 'workbench.action.openSettings', args: ['flinkSql.'] });
      const pick = await vscode.window.showQuickPick(items, { title: `Flink (${local ? 'local' : 'remote'}): ${st.state}` });
      if (!pick) return;
      if ('run' in pick) await pick.run();
      else await vscode.commands.executeCommand(pick.command, ...(pick.args ?? []));
    },
  };
}
