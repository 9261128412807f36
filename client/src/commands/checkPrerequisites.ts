// "Flink: Check Prerequisites": what local Flink needs (Java, Maven, a writable installation folder, the installed
// versions), checked by the server as `flink-sql doctor` does; every check goes to the log, one message sums up.
import * as vscode from 'vscode';
import { PrerequisitesRequest } from '../../../server/src/protocol';
import type { CommandModule } from '../commandRegistry';
import type { FlinkClient } from '../flink/flinkClient';
import { prerequisitesSummary } from '../install/installText';
import { log } from '../log';
import { LOCAL_FLINK_SETTINGS_QUERY } from '../settings';

export const id = 'flinkSql.checkPrerequisites';

const OPEN_SETTINGS = 'Open Settings';
const SHOW_LOG = 'Show Log';

export function checkPrerequisitesCommand(flink: FlinkClient): CommandModule {
  return {
    id,
    handler: async () => {
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Checking Java and Maven' },
        () => flink.request(PrerequisitesRequest, {}));
      for (const c of result.checks) {
        const line = `prerequisite ${c.name}: ${c.detail}${c.fix ? ` (fix: ${c.fix})` : ''}`;
        if (c.severity === 'ok') log.info(line);
        else if (c.severity === 'warning') log.warn(line);
        else log.error(line);
      }
      const summary = prerequisitesSummary(result);
      if (summary.level === 'info') {
        void vscode.window.showInformationMessage(summary.text);
        return result;
      }
      const show = summary.level === 'warning' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
      const choice = await show(summary.text, OPEN_SETTINGS, SHOW_LOG);
      if (choice === OPEN_SETTINGS) await vscode.commands.executeCommand('workbench.action.openSettings', LOCAL_FLINK_SETTINGS_QUERY);
      else if (choice === SHOW_LOG) log.show();
      return result;
    },
  };
}
