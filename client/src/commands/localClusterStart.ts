// "Flink: Start Local Cluster": the language server starts this workspace's JobManager, TaskManager and SQL
// Gateway of the active draft's Flink version (else the default version's; state and logs in .flink/<version>/);
// progress comes back as connection status notifications.
import * as vscode from 'vscode';
import { DraftInfoRequest, FlinkLocalClusterRequest, type FlinkConnectionStatus } from '../../../server/src/protocol';
import type { CommandModule } from '../commandRegistry';
import { workspaceDir } from '../flink/connection';
import type { FlinkClient } from '../flink/flinkClient';
import { cancelStartParams, isFlinkDraft, startOutcome, startParams, startTitle } from '../flink/localClusterScope';
import type { FlinkServices } from '../flink/services';
import { log } from '../log';
import { readSettings } from '../settings';
import { requireTrust } from '../trust';

export const id = 'flinkSql.startLocalCluster';

export function requireWorkspaceDir(): string {
  const dir = workspaceDir();
  if (!dir) throw new Error('Open a folder first: the local cluster keeps its state and logs in the folder\'s .flink/.');
  return dir;
}

/** The Flink version of the draft in the active editor ("1.20"), as the server tells it; undefined without one. */
export async function activeDraftFlinkVersion(flink: FlinkClient): Promise<string | undefined> {
  const doc = vscode.window.activeTextEditor?.document;
  if (!isFlinkDraft(doc)) return undefined;
  try {
    return (await flink.request(DraftInfoRequest, { uri: doc.uri.toString() }))?.flinkVersion;
  } catch (err) {
    log.warn(`could not read the draft's Flink version, using the default: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}

export function localClusterStartCommand(s: FlinkServices): CommandModule {
  return {
    id,
    handler: async (): Promise<FlinkConnectionStatus | undefined> => {
      if (!(await requireTrust('Starting a local Flink cluster'))) return undefined;
      const dir = requireWorkspaceDir();
      // the active draft's version; without one the version drafts target by default (flinkSql.flinkVersion)
      const version = (await activeDraftFlinkVersion(s.flink)) ?? readSettings().flinkVersion;
      const t0 = Date.now();
      let cancelled = false;
      const status = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: startTitle(version), cancellable: true }, async (progress, token) => {
        const sub = s.flink.onConnectionStatus((st) => { if (st.state === 'starting' && st.message) progress.report({ message: st.message }); });
        // Cancel = stop: the server aborts the start, which stops whatever it had started.
        const onCancel = token.onCancellationRequested(() => {
          cancelled = true;
          void s.flink.request(FlinkLocalClusterRequest, cancelStartParams(dir, version));
        });
        try {
          return await s.flink.request(FlinkLocalClusterRequest, startParams(dir, version, readSettings().flink.connectors));
        } finally {
          sub.dispose();
          onCancel.dispose();
        }
      });
      const outcome = startOutcome(version, status, cancelled, (Date.now() - t0) / 1000);
      if (outcome.ok) {
        void vscode.window.showInformationMessage(outcome.text);
      } else {
        const choice = await vscode.window.showErrorMessage(outcome.text, 'Show Flink Logs');
        if (choice) await vscode.commands.executeCommand('flinkSql.showFlinkLogs');
      }
      return status;
    },
  };
}
