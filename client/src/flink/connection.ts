// The connection settings sent with every Flink request: `flinkSql.target` and the remote URLs from settings,
// the auth header's secret value from SecretStorage (never from settings, keyed by the gateway's origin), the
// workspace folder for local.
import * as vscode from 'vscode';
import type { FlinkConnectionParams } from '../../../server/src/protocol';
import { readSettings } from '../settings';
import { authSecretFor, gatewayOrigin, legacySecretQuestion } from './secretKeys';

const ALLOW = 'Allow';

/** One question per origin and session: a background poll or a second command waits for the same answer. */
const legacyAnswers = new Map<string, Promise<boolean>>();

function askLegacySecret(origin: string): Promise<boolean> {
  let answer = legacyAnswers.get(origin);
  if (!answer) {
    answer = Promise.resolve(vscode.window.showWarningMessage(legacySecretQuestion(origin), {
      modal: true,
      detail: `Allow stores it for ${origin} from now on. Cancel sends no header; "Flink: Set Auth Header Secret" stores one for this gateway.`,
    }, ALLOW)).then((choice) => choice === ALLOW, () => false);
    legacyAnswers.set(origin, answer);
  }
  return answer;
}

export function workspaceDir(): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  return folder?.uri.fsPath;
}

/**
 * `interactive: false` (the status and Deployments polls): never ask, so a secret stored by an earlier version
 * (not tied to a gateway) is sent only after the user allowed it from a command they ran.
 */
export async function connectionParams(secrets: vscode.SecretStorage, opts: { interactive?: boolean } = {}): Promise<FlinkConnectionParams> {
  const { flink } = readSettings();
  if (flink.target === 'local') return { target: 'local', workspaceDir: workspaceDir(), autoStart: flink.autoStart, connectors: flink.connectors };
  const origin = gatewayOrigin(flink.gatewayUrl);
  const value = flink.authHeaderName && origin
    ? await authSecretFor(secrets, origin, opts.interactive === false ? undefined : askLegacySecret)
    : undefined;
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
