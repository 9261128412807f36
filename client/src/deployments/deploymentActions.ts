// What the Deployments view's commands share: which deployment (or job) a command was invoked on, and one way
// to run an action on the server with progress, its answer shown, and the view refreshed fast afterwards.
import * as vscode from 'vscode';
import { DeploymentActionRequest, type DeploymentAction, type DeploymentActionResult, type DeploymentInfo, type DeploymentVersionInfo } from '../../../server/src/protocol';
import { connectionParams } from '../flink/connection';
import type { FlinkClient } from '../flink/flinkClient';
import { requireTrust } from '../trust';
import type { DeploymentNode, DeploymentsTree } from '../views/deploymentsTree';

export interface DeploymentServices {
  flink: FlinkClient;
  tree: DeploymentsTree;
  secrets: vscode.SecretStorage;
}

/** The deployment of a tree node; from the palette, a pick among the known deployments. */
export async function deploymentOf(s: DeploymentServices, node?: DeploymentNode | string): Promise<DeploymentInfo | undefined> {
  if (typeof node === 'string') return s.tree.find(node) ?? { deployment: node, state: 'UNKNOWN', versions: [] };
  if (node && (node.kind === 'deployment' || node.kind === 'version' || node.kind === 'versions')) return node.info;
  const all = s.tree.all;
  if (!all.length) throw new Error('No deployments yet: publish a draft first (Flink: Publish).');
  const pick = await vscode.window.showQuickPick(all.map((d) => ({ label: d.deployment, description: `v${d.version ?? '-'} · ${d.state}`, d })), { placeHolder: 'Deployment' });
  return pick?.d;
}

/** The version of a version node, else the deployment's current one. */
export function versionOf(info: DeploymentInfo, node?: DeploymentNode): DeploymentVersionInfo | undefined {
  if (node?.kind === 'version') return node.version;
  return info.versions.find((v) => v.version === info.version) ?? info.versions[0];
}

/** An action on the server with progress; a failure throws, except an upgrade check's refusal (`publish.stateLossRefused`), returned for the caller to ask. */
export async function runAction(s: DeploymentServices, title: string, params: { action: DeploymentAction; deployment?: string; version?: number; jobId?: string; allowStateLoss?: boolean }): Promise<DeploymentActionResult | undefined> {
  if (!(await requireTrust(title))) return undefined;
  const connection = await connectionParams(s.secrets);
  const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Flink: ${title}…` },
    () => s.flink.request(DeploymentActionRequest, { connection, ...params }));
  void s.tree.refresh();
  if (r.publish?.stateLossRefused) return r;
  if (!r.ok) throw new Error(r.error ?? r.publish?.error ?? `${title} failed.`);
  if (r.message && params.action !== 'exceptions') void vscode.window.showInformationMessage(r.message);
  return r;
}
