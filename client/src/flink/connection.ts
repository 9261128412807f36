// The connection settings sent with every Flink request: `flinkSql.target` and the remote URLs from settings,
// the auth header's secret value from SecretStorage (never from settings, keyed by the gateway's origin), the
// workspace folder for local.
import * as vscode from 'vscode';
import type { FlinkConnectionParams } from '../../../server/src/protocol';
import { readSettings } from '../settings';
import { sealHeader } from './sealKey';
import { authSecretFor, clearTextHosts, clearTextQuestion, gatewayOrigin, legacySecretQuestion } from './secretKeys';

const ALLOW = 'Allow';

/** Questions on screen, per origin: a second command waits for the same answer. Allow stores the secret for the origin; Cancel is not remembered. */
const legacyAnswers = new Map<string, Promise<boolean>>();

function askLegacySecret(origin: string): Promise<boolean> {
  let answer = legacyAnswers.get(origin);
  if (!answer) {
    answer = Promise.resolve(vscode.window.showWarningMessage(legacySecretQuestion(origin), {
      modal: true,
      detail: `An earlier version stored it for no gateway in particular. Allow stores it for ${origin} from now on. Cancel sends no header; "Flink: Set Auth Header Secret" stores one for this gateway.`,
    }, ALLOW)).then((choice) => choice === ALLOW, () => false).finally(() => legacyAnswers.delete(origin));
    legacyAnswers.set(origin, answer);
  }
  return answer;
}

const SEND_UNENCRYPTED = 'Send Unencrypted';

/** Hosts the user allowed credentials to over plain http, this session. A Cancel is not remembered: the next command asks again. */
const clearTextAllowed = new Set<string>();
const clearTextPending = new Map<string, Promise<boolean>>();

async function askClearText(hosts: string[], interactive: boolean): Promise<boolean> {
  if (hosts.every((h) => clearTextAllowed.has(h))) return true;
  if (!interactive) return false;
  const key = hosts.join(' ');
  let pending = clearTextPending.get(key);
  if (!pending) {
    pending = Promise.resolve(vscode.window.showWarningMessage(clearTextQuestion(hosts), {
      modal: true,
      detail: 'Anyone on the network in between can read them. An https:// URL in flinkSql.gateway.url (and flinkSql.rest.url) avoids this question. Cancel sends nothing.',
    }, SEND_UNENCRYPTED)).then((choice) => choice === SEND_UNENCRYPTED, () => false).finally(() => clearTextPending.delete(key));
    clearTextPending.set(key, pending);
  }
  const allowed = await pending;
  if (allowed) for (const h of hosts) clearTextAllowed.add(h);
  return allowed;
}

export function workspaceDir(): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  return folder?.uri.fsPath;
}

/**
 * `interactive: false` (the status and Deployments polls): never ask, so a secret stored by an earlier version
 * (not tied to a gateway), or any credential over plain http to another machine, is sent only after the user
 * allowed it from a command they ran.
 */
export async function connectionParams(secrets: vscode.SecretStorage, opts: { interactive?: boolean } = {}): Promise<FlinkConnectionParams> {
  const { flink } = readSettings();
  if (flink.target === 'local') return { target: 'local', workspaceDir: workspaceDir(), autoStart: flink.autoStart, connectors: flink.connectors };
  const origin = gatewayOrigin(flink.gatewayUrl);
  const value = flink.authHeaderName && origin
    ? await authSecretFor(secrets, origin, opts.interactive === false ? undefined : askLegacySecret)
    : undefined;
  const authHeader = flink.authHeaderName && value ? { name: flink.authHeaderName, value } : undefined;
  // The server refuses credentials in clear text to another machine unless allowInsecureAuth: the user decides here.
  const hosts = clearTextHosts([flink.gatewayUrl, flink.restUrl], !!authHeader);
  const allowInsecureAuth = hosts.length > 0 && await askClearText(hosts, opts.interactive !== false);
  return {
    target: 'remote',
    gatewayUrl: flink.gatewayUrl,
    restUrl: flink.restUrl || undefined,
    rejectUnauthorized: flink.rejectUnauthorized,
    // Sealed: flinkSql.trace.server would otherwise log the secret with the request's params.
    ...(authHeader && { sealedAuthHeader: sealHeader(authHeader) }),
    ...(allowInsecureAuth && { allowInsecureAuth }),
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
