// "Flink: Start Local Cluster": the language server starts this workspace's JobManager, TaskManager and SQL
// Gateway (state and logs in .flink/); progress comes back as connection status notifications.
import * as vscode from 'vscode';
import { FlinkLocalClusterRequest, type FlinkConnectionStatus } from '../../../server/src/protocol';
import type { CommandModule } from '../commandRegistry';
import { workspaceDir } from '../flink/connection';
import type { FlinkServices } from '../flink/services';
import { readSettings } from '../settings';
import { requireTrust } from '../trust';

export const id = 'flinkSql.startLocalCluster';

export function requireWorkspaceDir(): string {
  const dir = workspaceDir();
  if (!dir) throw new Error('Open a folder first: the local cluster keeps its state and logs in the folder\'s .flink/.');
  return dir;
}

export function localClusterStartCommand(s: FlinkServices): CommandModule {
  return {
    id,
    handler: async (): Promise<FlinkConnectionStatus | undefined> => {
      if (!(await requireTrust('Starting a local Flink cluster'))) return undefined;
      const dir = requireWorkspaceDir();
      const t0 = Date.now();
      let cancelled = false;
      const status = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Flink: starting the local cluster', cancellable: true }, async (progress, token) => {
        const sub = s.flink.onConnectionStatus((st) => { if (st.state === 'starting' && st.message) progress.report({ message: st.message }); });
        // Cancel = stop: the server aborts the start, which stops whatever it had started.
        const onCancel = token.onCancellationRequested(() => {
          cancelled = true;
          void s.flink.request(FlinkLocalClusterRequest, { action: 'stop', workspaceDir: dir });
        });
        try {
          return await s.flink.request(FlinkLocalClusterRequest, { action: 'start', workspaceDir: dir, connectors: readSettings().flink.connectors });
        } finally {
          sub.dispose();
          onCancel.dispose();
        }
      });
      if (cancelled && status.state !== 'running') {
        void vscode.window.showInformationMessage('Cancelled: the local Flink cluster was not started, and nothing is left running.');
      } else if (status.state === 'running') {
        void vscode.window.showInformationMessage(`Local Flink ${status.flinkVersion ?? ''} is running (${((Date.now() - t0) / 1000).toFixed(1)} s). SQL Gateway ${status.gatewayUrl}, Web UI ${status.restUrl}.`);
      } else {
        const choice = await vscode.window.showErrorMessage(`The local Flink cluster did not start: ${status.message ?? status.state}`, 'Show Flink Logs');
        if (choice) await vscode.commands.executeCommand('flinkSql.showFlinkLogs');
      }
      return status;
    },
  };
}
