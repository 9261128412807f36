// "Flink: Check Upgrade Compatibility": the upgrade check Publish runs, on its own — would the running version's
// state carry over to the draft as it is now? Nothing is published or stopped (a savepoint of the running job is taken).
import * as vscode from 'vscode';
import type { CommandModule } from '../commandRegistry';
import type { DeploymentServices } from '../deployments/deploymentActions';
import type { Draft } from '../drafts/draftIndex';
import { connectionParams } from '../flink/connection';
import { draftDocument } from '../flink/services';
import { log } from '../log';
import { requireTrust } from '../trust';
import { describeUpgrade } from '../../../server/src/upgrade/verdicts';
import { id as compareUpgradePlanId } from './compareUpgradePlan';
import { publishWithProgress, stateLossDetail } from './publish';

export const id = 'flinkSql.checkUpgrade';

export function checkUpgradeCommand(s: DeploymentServices): CommandModule {
  return {
    id,
    handler: async (arg?: vscode.Uri | Draft) => {
      if (!(await requireTrust('Check Upgrade Compatibility'))) return undefined;
      const document = await draftDocument(arg && !(arg instanceof vscode.Uri) && 'uri' in arg ? arg.uri : arg);
      if (document.isDirty) await document.save();
      const uri = document.uri.toString();
      const connection = await connectionParams(s.secrets);
      const result = await publishWithProgress(s, { uri, connection, checkOnly: true }, `Flink: checking the upgrade to ${vscode.workspace.asRelativePath(document.uri)}`);
      if (!result.upgrade) throw new Error(result.error ?? 'the upgrade check gave no answer');
      const text = `${result.deployment}: ${describeUpgrade(result.upgrade)}`;
      log.info(`upgrade check: ${text}`);
      // Either message offers the same check drawn: the running version's plan beside the draft's.
      const compare = 'Compare Plans';
      const lost = result.upgrade.verdict === 'state-dropped' || result.upgrade.verdict === 'incompatible';
      const shown = lost ? vscode.window.showWarningMessage(text, { modal: true, detail: stateLossDetail(result.upgrade) }, compare)
        : result.upgrade.verdict === 'unknown' ? vscode.window.showWarningMessage(text) : vscode.window.showInformationMessage(text, compare);
      void shown.then((choice) => choice === compare && vscode.commands.executeCommand(compareUpgradePlanId, document.uri));
      return result;
    },
  };
}
