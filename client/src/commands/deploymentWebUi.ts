// "Flink: Open Flink Web UI": the JobManager's web UI at the deployment's job (or the cluster's overview).
import * as vscode from 'vscode';
import type { CommandModule } from '../commandRegistry';
import type { DeploymentServices } from '../deployments/deploymentActions';
import type { DeploymentNode } from '../views/deploymentsTree';
import { hostsOf, openableUrl } from '../../../server/src/flink/urlPolicy';
import { readSettings } from '../settings';

export const id = 'flinkSql.deployment.openWebUi';

export function deploymentWebUiCommand(s: DeploymentServices): CommandModule {
  return {
    id,
    handler: async (node?: DeploymentNode) => {
      const base = (node?.kind === 'deployment' ? node.info.restUrl : undefined) ?? s.tree.webUiUrl;
      if (!base) throw new Error('No running Flink cluster to open: start the local cluster or publish a draft.');
      const jobId = node?.kind === 'deployment' ? node.info.jobId : node?.kind === 'job' ? node.job.jobId : undefined;
      // The URL may come from a record in .flink/ that the workspace ships: open only http(s) on this machine or a configured host.
      const { flink } = readSettings();
      const verdict = openableUrl(base, flink.target === 'remote' ? hostsOf([flink.gatewayUrl, flink.restUrl]) : []);
      if (!verdict.ok) throw new Error(`Not opening the Flink Web UI at ${base.slice(0, 200)}: ${verdict.reason}.`);
      await vscode.env.openExternal(vscode.Uri.parse(jobId ? `${base}/#/job/running/${jobId}/overview` : base));
    },
  };
}
