// "Flink: Export Kubernetes Manifest": the draft as a Flink Kubernetes Operator FlinkDeployment (plus the
// ConfigMap with its script), written beside the draft as <name>.k8s.yaml and recorded as a version; opened.
import * as vscode from 'vscode';
import { DeploymentPublishRequest } from '../../../server/src/protocol';
import type { CommandModule } from '../commandRegistry';
import type { DeploymentServices } from '../deployments/deploymentActions';
import type { Draft } from '../drafts/draftIndex';
import { connectionParams } from '../flink/connection';
import { draftDocument } from '../flink/services';
import { log } from '../log';
import { requireTrust } from '../trust';

export const id = 'flinkSql.exportK8sManifest';

export function exportK8sManifestCommand(s: DeploymentServices): CommandModule {
  return {
    id,
    handler: async (arg?: vscode.Uri | Draft) => {
      // It records a version and asks git about the draft: nothing runs in a folder the user has not trusted.
      if (!(await requireTrust('Exporting a Kubernetes manifest'))) return undefined;
      const document = await draftDocument(arg && !(arg instanceof vscode.Uri) && 'uri' in arg ? arg.uri : arg);
      if (document.isDirty) await document.save();
      const connection = await connectionParams(s.secrets);
      const r = await s.flink.request(DeploymentPublishRequest, { uri: document.uri.toString(), connection: { ...connection, autoStart: false }, target: 'k8s' });
      if (!r.ok || !r.manifest) throw new Error(r.error ?? 'No manifest was written.');
      for (const w of r.warnings) log.warn(`k8s export: ${w}`);
      void s.tree.refresh();
      await vscode.window.showTextDocument(vscode.Uri.file(r.manifest));
      void vscode.window.showInformationMessage(`Wrote ${vscode.workspace.asRelativePath(r.manifest)} (${r.deployment} v${r.version})${r.warnings.length ? `: ${r.warnings.length} note(s) in the log` : ''}.`);
      return r;
    },
  };
}
