// "Flink: Open Deployment Configuration": opens the panel of the draft's `<name>.deployment.yaml` (from the
// active editor, a Drafts view item, or a URI argument); offers to create the config when there is none.
import * as vscode from 'vscode';
import type { CommandModule } from '../commandRegistry';
import type { DeploymentPanels } from '../deployment/deploymentPanel';
import type { Draft } from '../drafts/draftIndex';
import { configFileNameOf, renderDeploymentConfig } from '../drafts/draftModel';

export const id = 'flinkSql.openDeploymentConfig';

function configUriOf(target: vscode.Uri): vscode.Uri {
  const name = target.path.slice(target.path.lastIndexOf('/') + 1);
  if (name.toLowerCase().endsWith('.deployment.yaml')) return target;
  return vscode.Uri.joinPath(target, '..', configFileNameOf(name));
}

export function openDeploymentConfigCommand(panels: DeploymentPanels): CommandModule {
  return {
    id,
    handler: async (arg?: vscode.Uri | Draft): Promise<void> => {
      const target = arg instanceof vscode.Uri ? arg : arg && 'configUri' in arg ? arg.configUri : vscode.window.activeTextEditor?.document.uri;
      if (!target) throw new Error('Open a draft (or pick one in the Drafts view) first.');
      const configUri = configUriOf(target);
      try {
        await vscode.workspace.fs.stat(configUri);
      } catch {
        const name = configUri.path.slice(configUri.path.lastIndexOf('/') + 1).replace(/\.deployment\.yaml$/i, '');
        const choice = await vscode.window.showInformationMessage(`${vscode.workspace.asRelativePath(configUri)} does not exist yet.`, 'Create with defaults');
        if (choice !== 'Create with defaults') return;
        await vscode.workspace.fs.writeFile(configUri, new TextEncoder().encode(renderDeploymentConfig({ name, type: 'SQL', target: 'per-job' })));
      }
      panels.show(configUri);
    },
  };
}
