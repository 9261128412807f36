// "Flink: Compare Plan with Running Version": the upgrade check Publish runs, drawn — the running version's plan
// beside the draft's, each operator marked with what happens to its state (carried over, dropped, unreadable, empty).
// Nothing is published or stopped (a savepoint of the running job is taken, as the check does).
import * as vscode from 'vscode';
import { FlinkUpgradePlanRequest, type FlinkUpgradePlanResult } from '../../../server/src/protocol';
import type { CommandModule } from '../commandRegistry';
import { connectionParams } from '../flink/connection';
import { draftDocument, type FlinkServices } from '../flink/services';
import { log } from '../log';
import { PlanPanels } from '../plan/planPanel';
import { requireTrust } from '../trust';
import { withPublishProgress } from './publish';

export const id = 'flinkSql.compareUpgradePlan';

async function compare(s: FlinkServices, draft: vscode.Uri): Promise<FlinkUpgradePlanResult> {
  const uri = draft.toString();
  const connection = await connectionParams(s.secrets);
  const result = await withPublishProgress(s, uri, `Flink: comparing ${vscode.workspace.asRelativePath(draft)} with its running version`,
    () => s.flink.request(FlinkUpgradePlanRequest, { uri, connection }));
  log.info(`compare upgrade plan ${draft.fsPath}: ${result.summary}${result.upgrade ? ` — ${result.upgrade.verdict}` : ''}${result.notes.length ? `; ${result.notes.join(' ')}` : ''}`);
  if (!result.ok) void vscode.window.showErrorMessage(`Flink: no comparison: ${result.summary}`);
  return result;
}

/** The command and its panels (dispose them with the extension). */
export function compareUpgradePlanCommand(s: FlinkServices, extensionUri: vscode.Uri): { command: CommandModule; panels: PlanPanels } {
  const panels = new PlanPanels(extensionUri, async (draft) => ({ type: 'upgrade', result: await compare(s, draft) }), 'Upgrade plan');
  const command: CommandModule = {
    id,
    handler: async (uri?: vscode.Uri): Promise<FlinkUpgradePlanResult | undefined> => {
      if (!(await requireTrust('Compare Plan with Running Version'))) return undefined;
      const document = await draftDocument(uri);
      if (document.isDirty) await document.save();
      const panel = panels.show(document.uri);
      await panel.refresh();
      return panel.lastView?.result as FlinkUpgradePlanResult | undefined;
    },
  };
  return { command, panels };
}
