// Which deployment runs from a draft: its current version was published from that file and its job is live. Pure
// (no vscode), for the upgrade lens and its tests.
import type { DeploymentInfo } from '../../../server/src/protocol';

const LIVE = new Set(['RUNNING', 'RESTARTING', 'CREATED', 'INITIALIZING']);

/** The live deployment whose current version was published from `relativePath` (workspace-relative, `/`-separated). */
export function runningDeploymentOf(deployments: readonly DeploymentInfo[], relativePath: string): DeploymentInfo | undefined {
  return deployments.find((d) => LIVE.has(d.state) && d.versions.find((v) => v.version === d.version)?.draft === relativePath);
}
