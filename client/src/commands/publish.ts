// "Flink: Publish": the draft becomes a new deployment version and a running job (a running deployment is
// upgraded from a savepoint); progress from the server in a notification, the Deployments view refreshed.
import * as vscode from 'vscode';
import { DeploymentPublishProgressNotification, DeploymentPublishRequest, type DeploymentPublishResult } from '../../../server/src/protocol';
import type { CommandModule } from '../commandRegistry';
import type { DeploymentServices } from '../deployments/deploymentActions';
import type { Draft } from '../drafts/draftIndex';
import { connectionParams } from '../flink/connection';
import { jarCandidate, saveDraftFiles } from '../flink/jarDraftRun';
import { draftDocument } from '../flink/services';
import { log } from '../log';
import { requireTrust } from '../trust';

export const id = 'flinkSql.publish';

export function publishCommand(s: DeploymentServices): CommandModule {
  return {
    id,
    handler: async (arg?: vscode.Uri | Draft): Promise<DeploymentPublishResult | undefined> => {
      if (!(await requireTrust('Publish'))) return undefined;
      // A JAR draft publishes from its config or a file of its project (the server finds the config); else a SQL draft.
      const jarFile = !arg || arg instanceof vscode.Uri ? jarCandidate(arg) : undefined;
      if (jarFile) await saveDraftFiles();
      const document = jarFile ? undefined : await draftDocument(arg && !(arg instanceof vscode.Uri) && 'uri' in arg ? arg.uri : arg);
      if (document?.isDirty) await document.save();
      const target = jarFile ?? document!.uri;
      const uri = target.toString();
      const connection = await connectionParams(s.secrets);
      const client = await s.flink.client();
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Flink: publishing ${vscode.workspace.asRelativePath(target)}` }, async (progress) => {
        const sub = client.onNotification(DeploymentPublishProgressNotification, (p) => {
          if (p.uri !== uri) return;
          log.info(`publish: ${p.message}`);
          progress.report({ message: p.message });
        });
        try {
          return await s.flink.request(DeploymentPublishRequest, { uri, connection });
        } finally {
          sub.dispose();
        }
      });
      void s.tree.refresh();
      for (const w of result.warnings) log.warn(`publish: ${w}`);
      if (!result.ok) throw new Error(result.error ?? `the job is ${result.state}`);
      const restored = result.restoredFrom ? `, restored from ${result.restoredFrom.kind} ${result.restoredFrom.path}` : result.restoreNote ? ` (${result.restoreNote})` : '';
      const msg = `Published ${result.deployment} v${result.version}: job ${result.jobId} ${result.state ?? 'submitted'}${restored}.`;
      log.info(msg);
      void vscode.window.showInformationMessage(result.warnings.length ? `${msg} ${result.warnings.length} setting(s) not applied: see the log.` : msg);
      return result;
    },
  };
}
