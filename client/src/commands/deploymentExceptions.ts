// "Flink: Show Exceptions": the job's root exception and history (newest first) in a read-only editor.
import * as vscode from 'vscode';
import type { CommandModule } from '../commandRegistry';
import { deploymentOf, runAction, type DeploymentServices } from '../deployments/deploymentActions';
import type { DeploymentNode } from '../views/deploymentsTree';

export const id = 'flinkSql.deployment.exceptions';

export function deploymentExceptionsCommand(s: DeploymentServices): CommandModule {
  return {
    id,
    handler: async (node?: DeploymentNode) => {
      const job = node?.kind === 'job' ? node.job : undefined;
      const d = job ? undefined : await deploymentOf(s, node);
      if (!job && !d) return undefined;
      const r = await runAction(s, 'Show Exceptions', job ? { action: 'exceptions', jobId: job.jobId } : { action: 'exceptions', deployment: d!.deployment });
      if (!r) return undefined;
      const title = job ? `job ${job.jobId}` : `${d!.deployment} (job ${r.jobId ?? '-'})`;
      const entries = r.exceptions ?? [];
      const text = entries.length
        ? entries.map((e, i) => `${i === 0 ? 'Root exception' : `Earlier (${i})`} at ${new Date(e.timestamp).toISOString()}${e.taskName ? ` in ${e.taskName}` : ''}: ${e.name}\n\n${e.stacktrace}`).join('\n\n----\n\n')
        : r.message ?? 'No exceptions: the job has not failed.';
      const doc = await vscode.workspace.openTextDocument({ content: `Exceptions of ${title}\n\n${text}\n`, language: 'log' });
      await vscode.window.showTextDocument(doc, { preview: true });
      return r;
    },
  };
}
