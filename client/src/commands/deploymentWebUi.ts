// "Flink: Open Flink Web UI": the JobManager's web UI at the deployment's job (or the cluster's overview).
import type { CommandModule } from '../commandRegistry';
import type { DeploymentServices } from '../deployments/deploymentActions';
import { openFlinkWebUi } from '../flink/openFlinkUrl';
import type { DeploymentNode } from '../views/deploymentsTree';

export const id = 'flinkSql.deployment.openWebUi';

export function deploymentWebUiCommand(s: DeploymentServices): CommandModule {
  return {
    id,
    handler: async (node?: DeploymentNode) => {
      const base = (node?.kind === 'deployment' ? node.info.restUrl : undefined) ?? s.tree.webUiUrl;
      if (!base) throw new Error('No running Flink cluster to open: start the local cluster or publish a draft.');
      const jobId = node?.kind === 'deployment' ? node.info.jobId : node?.kind === 'job' ? node.job.jobId : undefined;
      // The URL may come from a record in .flink/ that the workspace ships: openFlinkWebUi checks scheme and host.
      await openFlinkWebUi(jobId ? `${base.replace(/\/+$/, '')}/#/job/running/${encodeURIComponent(jobId)}/overview` : base);
    },
  };
}
