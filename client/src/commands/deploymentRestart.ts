// "Flink: Restart from Latest Savepoint" on a deployment (Deployments view context menu, or the palette with a pick).
import type { CommandModule } from '../commandRegistry';
import { deploymentOf, runAction, type DeploymentServices } from '../deployments/deploymentActions';
import type { DeploymentNode } from '../views/deploymentsTree';

export const id = 'flinkSql.deployment.restart';

export function deploymentRestartCommand(s: DeploymentServices): CommandModule {
  return {
    id,
    handler: async (node?: DeploymentNode | string) => {
      if (node && typeof node !== 'string' && node.kind === 'job') return runAction(s, 'Restart from Latest Savepoint', { action: 'restartFromSavepoint', jobId: node.job.jobId });
      const d = await deploymentOf(s, node);
      return d && runAction(s, `Restart from Latest Savepoint (${d.deployment})`, { action: 'restartFromSavepoint', deployment: d.deployment });
    },
  };
}
