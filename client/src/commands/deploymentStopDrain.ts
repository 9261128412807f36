// "Flink: Stop with Savepoint and Drain" on a deployment (Deployments view context menu, or the palette with a pick).
import type { CommandModule } from '../commandRegistry';
import { deploymentOf, runAction, type DeploymentServices } from '../deployments/deploymentActions';
import type { DeploymentNode } from '../views/deploymentsTree';

export const id = 'flinkSql.deployment.stopDrain';

export function deploymentStopDrainCommand(s: DeploymentServices): CommandModule {
  return {
    id,
    handler: async (node?: DeploymentNode | string) => {
      if (node && typeof node !== 'string' && node.kind === 'job') return runAction(s, 'Stop with Savepoint and Drain', { action: 'stopDrain', jobId: node.job.jobId });
      const d = await deploymentOf(s, node);
      return d && runAction(s, `Stop with Savepoint and Drain (${d.deployment})`, { action: 'stopDrain', deployment: d.deployment });
    },
  };
}
