// "Flink: Stop Local Cluster": stops the local cluster of the active draft's Flink version, or without an
// active draft every local cluster of the workspace (whoever started them).
import * as vscode from 'vscode';
import { FlinkLocalClusterRequest, type FlinkConnectionStatus } from '../../../server/src/protocol';
import type { CommandModule } from '../commandRegistry';
import { stopMessage, stopParams, stopTitle } from '../flink/localClusterScope';
import type { FlinkServices } from '../flink/services';
import { requireTrust } from '../trust';
import { activeDraftFlinkVersion, requireWorkspaceDir } from './localClusterStart';

export const id = 'flinkSql.stopLocalCluster';

export function localClusterStopCommand(s: FlinkServices): CommandModule {
  return {
    id,
    handler: async (): Promise<FlinkConnectionStatus | undefined> => {
      if (!(await requireTrust('Stopping the local Flink cluster'))) return undefined;
      const dir = requireWorkspaceDir();
      const version = await activeDraftFlinkVersion(s.flink);
      await s.executor.stop();
      const status = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: stopTitle(version) },
        () => s.flink.request(FlinkLocalClusterRequest, stopParams(dir, version)));
      void vscode.window.setStatusBarMessage(stopMessage(version, status), 5000);
      // Another version's cluster may still run: let the connection item show what the configured target is now.
      void s.status.check();
      return status;
    },
  };
}
