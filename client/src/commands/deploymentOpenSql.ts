// "Flink: Open Published SQL": the SQL of the deployment's current version (or of the chosen version).
import * as vscode from 'vscode';
import type { CommandModule } from '../commandRegistry';
import { deploymentOf, versionOf, type DeploymentServices } from '../deployments/deploymentActions';
import type { DeploymentNode } from '../views/deploymentsTree';

export const id = 'flinkSql.deployment.openSql';

export function deploymentOpenSqlCommand(s: DeploymentServices): CommandModule {
  return {
    id,
    handler: async (node?: DeploymentNode) => {
      const d = await deploymentOf(s, node);
      const v = d && versionOf(d, node);
      if (!v) throw new Error('This deployment has no readable version.');
      await vscode.window.showTextDocument(vscode.Uri.file(v.sqlFile), { preview: true });
    },
  };
}
