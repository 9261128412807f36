// The connection settings sent with every Flink request: `flinkSql.target` and the remote URLs from settings,
// the auth header's secret value from SecretStorage (never from settings), the workspace folder for local.
import * as vscode from 'vscode';
import type { FlinkConnectionParams } from '../../../server/src/protocol';
import { readSettings } from '../settings';

/** SecretStorage key of the auth header value. */
export const AUTH_SECRET_KEY = 'flinkSql.auth.headerValue';

export function workspaceDir(): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  return folder?.uri.fsPath;
}

export async function connectionParams(secrets: vscode.SecretStorage): Promise<FlinkConnectionParams> {
  const { flink } = readSettings();
  if (flink.target === 'local') return { target: 'local', workspaceDir: workspaceDir(), autoStart: flink.autoStart, connectors: flink.connectors };
  const value = flink.authHeaderName ? await secrets.get(AUTH_SECRET_KEY) : undefined;
  return {
    target: 'remote',
    gatewayUrl: flink.gatewayUrl,
    restUrl: flink.restUrl || undefined,
    rejectUnauthorized: flink.rejectUnauthorized,
    authHeader: flink.authHeaderName && value ? { name: flink.authHeaderName, value } : undefined,
  };
}

/** Short label of the target for messages: "local Flink" or the gateway's host. */
export function targetLabel(params: FlinkConnectionParams): string {
  if (params.target === 'local') return 'local Flink';
  try {
    return new URL(params.gatewayUrl ?? '').host || 'remote Flink';
  } catch {
    return params.gatewayUrl || 'remote Flink';
  }
}
