// Which local cluster "Flink: Start/Stop Local Cluster" act on (the active draft's Flink version; without a
// draft the default version's for start, every one of the workspace for stop) and how their messages name it.
// Plain TypeScript, no vscode (unit-tested in Node).
import { FLINK_SQL_LANGUAGE_ID, type FlinkConnectionStatus, type FlinkLocalClusterParams } from '../../../server/src/protocol';

/** What of the active editor's document decides whether it is a draft with a Flink version. */
export interface EditorDocument { languageId: string; uri: { scheme: string } }

/** A Flink SQL draft saved as a file: the server can tell its Flink version (draftInfo). */
export function isFlinkDraft(doc: EditorDocument | undefined): doc is EditorDocument {
  return doc !== undefined && doc.languageId === FLINK_SQL_LANGUAGE_ID && doc.uri.scheme === 'file';
}

/** `draftVersion`: the active draft's Flink version ("1.20"), undefined without a draft (the server's default). */
export function startParams(workspaceDir: string, draftVersion: string | undefined, connectors?: string[]): FlinkLocalClusterParams {
  return { action: 'start', workspaceDir, connectors, ...(draftVersion ? { flinkVersion: draftVersion } : {}) };
}

/** The draft's version's cluster; without a draft every local cluster of the workspace. */
export function stopParams(workspaceDir: string, draftVersion: string | undefined): FlinkLocalClusterParams {
  return draftVersion ? { action: 'stop', workspaceDir, flinkVersion: draftVersion } : { action: 'stop', workspaceDir, allVersions: true };
}

/** Cancelling a start stops that version's cluster only. */
export function cancelStartParams(workspaceDir: string, draftVersion: string | undefined): FlinkLocalClusterParams {
  return { action: 'stop', workspaceDir, ...(draftVersion ? { flinkVersion: draftVersion } : {}) };
}

function cluster(draftVersion: string | undefined): string {
  return draftVersion ? `the local Flink ${draftVersion} cluster` : 'the local cluster';
}

export function startTitle(draftVersion: string | undefined): string {
  return draftVersion ? `Flink: starting the local Flink ${draftVersion} cluster (the active draft's version)` : 'Flink: starting the local cluster of the default Flink version';
}

export function stopTitle(draftVersion: string | undefined): string {
  return draftVersion ? `Flink: stopping the local Flink ${draftVersion} cluster (the active draft's version)` : 'Flink: stopping every local cluster of the workspace';
}

/** After a start: running, cancelled, or why not. */
export function startOutcome(draftVersion: string | undefined, status: FlinkConnectionStatus, cancelled: boolean, seconds: number): { ok: boolean; text: string } {
  if (cancelled && status.state !== 'running') return { ok: true, text: `Cancelled: ${cluster(draftVersion)} was not started, and nothing is left running.` };
  if (status.state === 'running') {
    const version = status.flinkVersion ?? draftVersion;
    return { ok: true, text: `Local Flink${version ? ` ${version}` : ''} is running (${seconds.toFixed(1)} s). SQL Gateway ${status.gatewayUrl}, Web UI ${status.restUrl}.` };
  }
  return { ok: false, text: `${capitalised(cluster(draftVersion))} did not start: ${status.message ?? status.state}` };
}

/** The status bar message after a stop: what the server stopped, and which clusters were asked for. */
export function stopMessage(draftVersion: string | undefined, status: FlinkConnectionStatus): string {
  const scope = draftVersion ? `the active draft's Flink ${draftVersion}` : 'no active draft: every local cluster of the workspace';
  return `Flink: ${status.message ?? 'local cluster stopped'} (${scope})`;
}

function capitalised(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
