// "Flink: Cancel Job" on a deployment (Deployments view context menu, or the palette with a pick).
import type { CommandModule } from '../commandRegistry';
import { deploymentOf, runAction, type DeploymentServices } from '../deployments/deploymentActions';
import type { DeploymentNode } from '../views/deploymentsTree';

export const id = 'flinkSql.deployment.cancel';

export function deploymentCancelCommand(s: DeploymentServices): CommandModule {
  return {
    id,
    handler: async (node?: DeploymentNode | string) => {
      if (node && typeof node !== 'string' && node.kind === 'job') return runAction(s, 'Cancel Job', { action: 'cancel', jobId: node.job.jobId });
      const d = await deploymentOf(s, node);
      return d && runAction(s, `Cancel Job (${d.deployment})`, { action: 'cancel', deployment: d.deployment });
    },
  };
}
