// "Flink: Stop with Savepoint" on a deployment (Deployments view context menu, or the palette with a pick).
import type { CommandModule } from '../commandRegistry';
import { deploymentOf, runAction, type DeploymentServices } from '../deployments/deploymentActions';
import type { DeploymentNode } from '../views/deploymentsTree';

export const id = 'flinkSql.deployment.stop';

export function deploymentStopCommand(s: DeploymentServices): CommandModule {
  return {
    id,
    handler: async (node?: DeploymentNode | string) => {
      if (node && typeof node !== 'string' && node.kind === 'job') return runAction(s, 'Stop with Savepoint', { action: 'stop', jobId: node.job.jobId });
      const d = await deploymentOf(s, node);
      return d && runAction(s, `Stop with Savepoint (${d.deployment})`, { action: 'stop', deployment: d.deployment });
    },
  };
}
