// "Flink: Set Auth Header Secret": stores the value of the header named by flinkSql.auth.headerName in VS Code's
// SecretStorage (never in settings), for the configured gateway's origin only. An empty value removes it.
import * as vscode from 'vscode';
import type { CommandModule } from '../commandRegistry';
import { authSecretKey, gatewayOrigin } from '../flink/secretKeys';
import { readSettings, SECTION } from '../settings';

export const id = 'flinkSql.setAuthHeader';

export function setAuthHeaderCommand(secrets: vscode.SecretStorage): CommandModule {
  return {
    id,
    handler: async (value?: string): Promise<boolean> => {
      const settings = readSettings().flink;
      // The secret is bound to the gateway it is for: a workspace that later points elsewhere does not receive it.
      const origin = gatewayOrigin(settings.gatewayUrl);
      if (!origin) {
        throw new Error(settings.gatewayUrl
          ? 'flinkSql.gateway.url is not an http(s) URL: set it to the SQL Gateway\'s address first.'
          : 'Set flinkSql.gateway.url to the SQL Gateway\'s address first: the header\'s secret is stored for that gateway only.');
      }
      let name = settings.authHeaderName;
      if (!name) {
        name = (await vscode.window.showInputBox({
          title: 'Flink: auth header name', prompt: 'The HTTP header sent to the SQL Gateway (only to its origin), e.g. Authorization',
          value: 'Authorization', validateInput: (v) => (/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(v) ? undefined : 'Not a valid HTTP header name'),
        }))?.trim() ?? '';
        if (!name) return false;
        await vscode.workspace.getConfiguration(SECTION).update('auth.headerName', name, vscode.ConfigurationTarget.Workspace);
      }
      const secret = typeof value === 'string' ? value : await vscode.window.showInputBox({
        title: `Flink: value of the ${name} header for ${origin}`,
        prompt: `Sent only to ${origin}; stored in VS Code's secret storage, never in settings. Leave empty to remove it.`,
        password: true, ignoreFocusOut: true,
      });
      if (secret === undefined) return false;
      const key = authSecretKey(origin);
      if (secret) await secrets.store(key, secret);
      else await secrets.delete(key);
      void vscode.window.setStatusBarMessage(secret ? `Flink: ${name} header for ${origin} stored in secret storage` : `Flink: ${name} header for ${origin} removed`, 4000);
      return true;
    },
  };
}
