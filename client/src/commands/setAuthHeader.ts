// "Flink: Set Auth Header Secret": stores the value of the header named by flinkSql.auth.headerName in VS Code's
// SecretStorage (never in settings). An empty value removes it.
import * as vscode from 'vscode';
import type { CommandModule } from '../commandRegistry';
import { AUTH_SECRET_KEY } from '../flink/connection';
import { readSettings, SECTION } from '../settings';

export const id = 'flinkSql.setAuthHeader';

export function setAuthHeaderCommand(secrets: vscode.SecretStorage): CommandModule {
  return {
    id,
    handler: async (value?: string): Promise<boolean> => {
      let name = readSettings().flink.authHeaderName;
      if (!name) {
        name = (await vscode.window.showInputBox({
          title: 'Flink: auth header name', prompt: 'The HTTP header sent to the SQL Gateway and JobManager, e.g. Authorization',
          value: 'Authorization', validateInput: (v) => (/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(v) ? undefined : 'Not a valid HTTP header name'),
        }))?.trim() ?? '';
        if (!name) return false;
        await vscode.workspace.getConfiguration(SECTION).update('auth.headerName', name, vscode.ConfigurationTarget.Workspace);
      }
      const secret = typeof value === 'string' ? value : await vscode.window.showInputBox({
        title: `Flink: value of the ${name} header`, prompt: 'Stored in VS Code\'s secret storage, never in settings. Leave empty to remove it.',
        password: true, ignoreFocusOut: true,
      });
      if (secret === undefined) return false;
      if (secret) await secrets.store(AUTH_SECRET_KEY, secret);
      else await secrets.delete(AUTH_SECRET_KEY);
      void vscode.window.setStatusBarMessage(secret ? `Flink: ${name} header stored in secret storage` : `Flink: ${name} header removed`, 4000);
      return true;
    },
  };
}
