// "Flink: Stop Execution": stops what runs for the active draft (or everything running), cancelling its query.
import * as vscode from 'vscode';
import type { CommandModule } from '../commandRegistry';
import { activeDraftUri, type FlinkServices } from '../flink/services';

export const id = 'flinkSql.stopExecution';

export function stopExecutionCommand(s: FlinkServices): CommandModule {
  return {
    id,
    handler: async (uri?: vscode.Uri) => {
      const draft = uri instanceof vscode.Uri ? uri : activeDraftUri();
      let n = draft ? await s.executor.stop(draft) : 0;
      if (n === 0) n = await s.executor.stop();
      void vscode.window.setStatusBarMessage(n ? `Flink: stopping ${n} execution${n === 1 ? '' : 's'}` : 'Flink: nothing is running', 4000);
      return n;
    },
  };
}
