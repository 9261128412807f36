// "Flink: Compare with Draft": VS Code's diff editor, the published SQL (current or chosen version) ↔ the draft.
import * as vscode from 'vscode';
import type { CommandModule } from '../commandRegistry';
import { deploymentOf, versionOf, type DeploymentServices } from '../deployments/deploymentActions';
import { workspaceDir } from '../flink/connection';
import type { DeploymentNode } from '../views/deploymentsTree';

export const id = 'flinkSql.deployment.compareDraft';

export function deploymentCompareDraftCommand(s: DeploymentServices): CommandModule {
  return {
    id,
    handler: async (node?: DeploymentNode) => {
      const d = await deploymentOf(s, node);
      const v = d && versionOf(d, node);
      const ws = workspaceDir();
      if (!d || !v || !ws) throw new Error('This deployment has no readable version.');
      const draft = vscode.Uri.joinPath(vscode.Uri.file(ws), v.draft);
      await vscode.commands.executeCommand('vscode.diff', vscode.Uri.file(v.sqlFile), draft, `${d.deployment} v${v.version} ↔ ${v.draft}`);
    },
  };
}
