// Opens a Flink Web UI in the browser. Its URL comes from the server's answers, which read it from .flink/ state
// and records a workspace can ship: only http(s), and only on this machine or a host the user configured.
import * as vscode from 'vscode';
import { hostsOf, openableUrl } from '../../../server/src/flink/urlPolicy';
import { readSettings } from '../settings';

/** Throws (the command wrapper shows it) instead of opening a URL the policy refuses. */
export async function openFlinkWebUi(url: string): Promise<void> {
  const { flink } = readSettings();
  // A local cluster's UI is on loopback; a remote one's on the gateway or REST host from the user's settings.
  const verdict = flink.target === 'remote'
    ? openableUrl(url, { localOnly: false, trustedHosts: hostsOf([flink.gatewayUrl, flink.restUrl]) })
    : openableUrl(url, { localOnly: true });
  if (!verdict.ok) throw new Error(`Not opening the Flink Web UI: ${verdict.reason}.`);
  await vscode.env.openExternal(vscode.Uri.parse(url, true));
}
