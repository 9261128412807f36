// "Flink: Show Plan": asks the real planner (through the language server) for the draft's optimized plan and draws
// it in the draft's plan panel: operators, their state, changelog modes, each linked to the draft lines it comes from.
import * as vscode from 'vscode';
import { FlinkPlanRequest, type FlinkPlanResult } from '../../../server/src/protocol';
import type { CommandModule } from '../commandRegistry';
import { connectionParams } from '../flink/connection';
import { draftDocument, type FlinkServices } from '../flink/services';
import { log } from '../log';
import { PlanPanels } from '../plan/planPanel';
import { requireTrust } from '../trust';

export const id = 'flinkSql.showPlan';

/** The request with a cancellable progress notification; failures are shown and logged. */
async function planDraft(s: FlinkServices, draft: vscode.Uri): Promise<FlinkPlanResult | undefined> {
  const connection = await connectionParams(s.secrets);
  const result = await vscode.window.withProgress({
    location: vscode.ProgressLocation.Notification, title: 'Flink: planning the draft', cancellable: true,
  }, async (_progress, token) => {
    try {
      return await s.flink.request(FlinkPlanRequest, { uri: draft.toString(), connection }, token);
    } catch (err) {
      if (token.isCancellationRequested) return undefined;
      throw err;
    }
  });
  if (!result) return undefined;
  log.info(`show plan ${draft.fsPath}: ${result.summary}; ${result.graphs.reduce((n, g) => n + g.nodes.length, 0)} operator(s), ${result.problems.length} refused`);
  if (!result.ok) void vscode.window.showErrorMessage(`Flink: no plan: ${result.summary}`);
  else if (result.problems.length) void vscode.window.showWarningMessage(`${result.summary}: see the plan's problems.`);
  return result;
}

/** The command and the panels it draws in (dispose them with the extension). */
export function showPlanCommand(s: FlinkServices, extensionUri: vscode.Uri): { command: CommandModule; panels: PlanPanels } {
  const panels = new PlanPanels(extensionUri, async (draft) => {
    const result = await planDraft(s, draft);
    return result && { type: 'plan', result };
  }, 'Plan');
  const command: CommandModule = {
    id,
    handler: async (uri?: vscode.Uri): Promise<FlinkPlanResult | undefined> => {
      if (!(await requireTrust('Show Plan'))) return undefined;
      const document = await draftDocument(uri);
      const panel = panels.show(document.uri);
      await panel.refresh();
      return panel.lastView?.result as FlinkPlanResult | undefined;
    },
  };
  return { command, panels };
}
