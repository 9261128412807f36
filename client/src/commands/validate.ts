// "Flink: Validate Draft": local syntax check, then the real planner through the language server; the planner's
// findings land on the draft with source `flink` and the summary ("Validated on Flink 2.3 in 412 ms") is shown.
// A JAR draft (its config or a file of its Maven project) is built and its job planned instead (flink/jarDraftRun.ts).
import * as vscode from 'vscode';
import { FlinkValidateRequest, type FlinkJarResult, type FlinkValidateResult } from '../../../server/src/protocol';
import type { CommandModule } from '../commandRegistry';
import { connectionParams } from '../flink/connection';
import { jarCandidate, runJarDraftCommand } from '../flink/jarDraftRun';
import { draftDocument, type FlinkServices } from '../flink/services';
import { log } from '../log';
import { requireTrust } from '../trust';

export const id = 'flinkSql.validate';

export function validateCommand(s: FlinkServices): CommandModule {
  return {
    id,
    handler: async (uri?: vscode.Uri): Promise<FlinkValidateResult | FlinkJarResult | undefined> => {
      if (!(await requireTrust('Validate'))) return undefined;
      const jar = jarCandidate(uri);
      if (jar) return runJarDraftCommand(s, 'validate', jar);
      const document = await draftDocument(uri);
      const connection = await connectionParams(s.secrets);
      const result = await vscode.window.withProgress({
        location: vscode.ProgressLocation.Notification, title: 'Flink: validating the draft on the planner', cancellable: true,
      }, async (_progress, token) => {
        try {
          return await s.flink.request(FlinkValidateRequest, { uri: document.uri.toString(), connection }, token);
        } catch (err) {
          if (token.isCancellationRequested) return undefined;
          throw err;
        }
      });
      if (!result) return undefined; // cancelled
      s.diagnostics.set(document.uri, await s.flink.toDiagnostics(result.diagnostics));
      log.info(`validate ${document.uri.fsPath}: ${result.summary}; ${result.diagnostics.length} finding(s)`);
      const findings = result.diagnostics.length;
      if (!result.ok) {
        void vscode.window.showErrorMessage(`Flink: not validated: ${result.summary}`);
      } else if (!result.validatedOnFlink) {
        void vscode.window.showWarningMessage(result.summary);
      } else {
        const text = `${result.summary}: ${findings === 0 ? 'no problems' : `${findings} problem${findings === 1 ? '' : 's'}`}.`;
        if (findings) void vscode.window.showWarningMessage(text);
        else void vscode.window.showInformationMessage(text);
        void vscode.window.setStatusBarMessage(`$(check) ${result.summary}`, 10_000);
      }
      return result;
    },
  };
}
