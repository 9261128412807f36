// "Flink: Open Flink Web UI": the JobManager's web UI at the deployment's job (or the cluster's overview).
import * as vscode from 'vscode';
import type { CommandModule } from '../commandRegistry';
import type { DeploymentServices } from '../deployments/deploymentActions';
import type { DeploymentNode } from '../views/deploymentsTree';

export const id = 'flinkSql.deployment.openWebUi';

export function deploymentWebUiCommand(s: DeploymentServices): CommandModule {
  return {
    id,
    handler: async (node?: DeploymentNode) => {
      const base = (node?.kind === 'deployment' ? node.info.restUrl : undefined) ?? s.tree.webUiUrl;
      if (!base) throw new Error('No running Flink cluster to open: start the local cluster or publish a draft.');
      const jobId = node?.kind === 'deployment' ? node.info.jobId : node?.kind === 'job' ? node.job.jobId : undefined;
      await vscode.env.openExternal(vscode.Uri.parse(jobId ? `${base}/#/job/running/${jobId}/overview` : base));
    },
  };
}
