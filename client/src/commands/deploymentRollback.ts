// "Flink: Roll Back": publishes an earlier version again (as a new version; a running job is upgraded, after the
// upgrade check: state the earlier version would lose is asked about as Publish asks).
import * as vscode from 'vscode';
import type { CommandModule } from '../commandRegistry';
import { deploymentOf, runAction, type DeploymentServices } from '../deployments/deploymentActions';
import type { DeploymentNode } from '../views/deploymentsTree';
import { confirmStateLoss } from './publish';

export const id = 'flinkSql.deployment.rollback';

export function deploymentRollbackCommand(s: DeploymentServices): CommandModule {
  return {
    id,
    handler: async (node?: DeploymentNode, version?: number) => {
      const d = await deploymentOf(s, node);
      if (!d) return undefined;
      let target = version ?? (node?.kind === 'version' ? node.version.version : undefined);
      if (target === undefined) {
        const pick = await vscode.window.showQuickPick(d.versions.filter((v) => v.version !== d.version).map((v) => ({ label: `v${v.version}`, description: `${v.status} · ${new Date(v.createdAt).toLocaleString()}`, n: v.version })), { placeHolder: `Roll ${d.deployment} back to…` });
        target = pick?.n;
      }
      if (target === undefined) return undefined;
      const title = `Roll Back ${d.deployment} to v${target}`;
      const params = { action: 'rollback' as const, deployment: d.deployment, version: target };
      const r = await runAction(s, title, params);
      if (!r?.publish?.stateLossRefused || !r.publish.upgrade) return r;
      if ((await confirmStateLoss(`Rolling ${d.deployment} back to v${target}`, r.publish.upgrade)) !== 'allow-state-loss') return undefined;
      return runAction(s, title, { ...params, allowStateLoss: true });
    },
  };
}
