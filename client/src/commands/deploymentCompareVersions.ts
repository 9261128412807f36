// "Flink: Compare Versions": VS Code's diff editor over two versions' SQL or config (picked from the list).
import * as vscode from 'vscode';
import type { CommandModule } from '../commandRegistry';
import { deploymentOf, versionOf, type DeploymentServices } from '../deployments/deploymentActions';
import type { DeploymentNode } from '../views/deploymentsTree';

export const id = 'flinkSql.deployment.compareVersions';

export function deploymentCompareVersionsCommand(s: DeploymentServices): CommandModule {
  return {
    id,
    /** `against` and `what` let tests and other callers skip the picks. */
    handler: async (node?: DeploymentNode, against?: number, what?: 'sql' | 'config') => {
      const d = await deploymentOf(s, node);
      const left = d && versionOf(d, node);
      if (!d || !left) throw new Error('This deployment has no readable version.');
      const others = d.versions.filter((v) => v.version !== left.version);
      if (!others.length) throw new Error(`${d.deployment} has only one version.`);
      const right = against !== undefined ? others.find((v) => v.version === against)
        : (await vscode.window.showQuickPick(others.map((v) => ({ label: `v${v.version}`, description: `${v.status} · ${new Date(v.createdAt).toLocaleString()}`, v })), { placeHolder: `Compare v${left.version} with…` }))?.v;
      if (!right) return;
      const kind = what ?? (await vscode.window.showQuickPick(['sql', 'config'], { placeHolder: 'Compare the SQL or the deployment config?' }));
      if (!kind) return;
      const [a, b] = [right, left].sort((x, y) => x.version - y.version);
      const file = (v: typeof a) => vscode.Uri.file(kind === 'sql' ? v.sqlFile : v.configFile);
      await vscode.commands.executeCommand('vscode.diff', file(a), file(b), `${d.deployment} ${kind}: v${a.version} ↔ v${b.version}`);
    },
  };
}
