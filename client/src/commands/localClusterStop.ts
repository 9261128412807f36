// "Flink: Stop Local Cluster": stops the workspace's local cluster (whoever started it).
import * as vscode from 'vscode';
import { FlinkLocalClusterRequest, type FlinkConnectionStatus } from '../../../server/src/protocol';
import type { CommandModule } from '../commandRegistry';
import type { FlinkServices } from '../flink/services';
import { requireTrust } from '../trust';
import { requireWorkspaceDir } from './localClusterStart';

export const id = 'flinkSql.stopLocalCluster';

export function localClusterStopCommand(s: FlinkServices): CommandModule {
  return {
    id,
    handler: async (): Promise<FlinkConnectionStatus | undefined> => {
      if (!(await requireTrust('Stopping the local Flink cluster'))) return undefined;
      const dir = requireWorkspaceDir();
      await s.executor.stop();
      const status = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Flink: stopping the local cluster' },
        () => s.flink.request(FlinkLocalClusterRequest, { action: 'stop', workspaceDir: dir }));
      void vscode.window.setStatusBarMessage(`Flink: ${status.message ?? 'local cluster stopped'}`, 5000);
      return status;
    },
  };
}
