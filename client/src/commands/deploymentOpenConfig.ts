// "Flink: Open Published Config": the deployment config YAML of the current (or chosen) version.
import * as vscode from 'vscode';
import type { CommandModule } from '../commandRegistry';
import { deploymentOf, versionOf, type DeploymentServices } from '../deployments/deploymentActions';
import type { DeploymentNode } from '../views/deploymentsTree';

export const id = 'flinkSql.deployment.openConfig';

export function deploymentOpenConfigCommand(s: DeploymentServices): CommandModule {
  return {
    id,
    handler: async (node?: DeploymentNode) => {
      const d = await deploymentOf(s, node);
      const v = d && versionOf(d, node);
      if (!v) throw new Error('This deployment has no readable version.');
      await vscode.window.showTextDocument(vscode.Uri.file(v.configFile), { preview: true });
    },
  };
}
