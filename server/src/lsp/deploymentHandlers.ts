// The language server's side of `<name>.deployment.yaml`: diagnostics for open config files, and the panel's
// requests (state with edits, atomic write). The logic is in server/src/deployment; this only wires it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import { loggingProfileProblem } from '../deploy/loggingProfile';
import { deploymentState, parseDeployment, readDeploymentFile, writeDeployment } from '../deployment';
import { isInside } from '../util/safeFs';
import { DeploymentStateRequest, DeploymentWriteRequest, type DeploymentState } from '../protocol';
import type { createRunner } from './runSafe';

export function isDeploymentUri(uri: string): boolean {
  return uri.toLowerCase().endsWith('.deployment.yaml');
}

function filePath(uri: string): string {
  return fileURLToPath(uri);
}

/**
 * Diagnostics of an open deployment config (relative paths checked beside it when it is a file). `workspaceDirs`: the
 * editor's workspace folders; in the one holding the file, a logging.profile the engine would refuse is an error.
 */
export function deploymentDiagnostics(uri: string, text: string, workspaceDirs: readonly string[] = [], secretNames?: readonly string[]) {
  const file = uri.startsWith('file:') ? filePath(uri) : undefined;
  if (!file) return parseDeployment(text, { secretNames }).diagnostics;
  const workspaceDir = workspaceDirs.filter((d) => isInside(d, file)).sort((a, b) => b.length - a.length)[0];
  return parseDeployment(text, {
    file, exists: (p) => fs.existsSync(p), secretNames,
    ...(workspaceDir && { loggingProfileProblem: (profile: string) => loggingProfileProblem(profile, path.dirname(file), workspaceDir) }),
  }).diagnostics;
}

/** The file-system folders among the client's workspace folders (InitializeParams). */
export function workspaceDirsOf(folders: ReadonlyArray<{ uri: string }> | null | undefined): string[] {
  return (folders ?? []).filter((f) => f.uri.startsWith('file:')).map((f) => filePath(f.uri));
}

const FAILED = (uri: string): DeploymentState => ({
  uri, text: '', diskText: '', yamlOk: false, valid: false, diskValid: false, values: {}, diagnostics: [], disabled: {},
  problems: [{ path: '', severity: 1, message: 'The language server could not read this config; see the Flink SQL log.' }],
});

export function registerDeploymentHandlers(connection: Connection, runner: ReturnType<typeof createRunner>): void {
  connection.onRequest(DeploymentStateRequest, (params, token) => runner.request('deploymentState', token, FAILED(params.uri), async () => {
    const file = filePath(params.uri);
    const read = await readDeploymentFile(file);
    // A missing file is an empty, invalid config; a FIFO, a device or a huge file is refused by name.
    if ('error' in read && !read.missing) return { ...FAILED(params.uri), problems: [{ path: '', severity: 1 as const, message: read.error }] };
    return deploymentState(params.uri, file, 'text' in read ? read.text : '', params.edits ?? []);
  }));
  connection.onRequest(DeploymentWriteRequest, (params, token) => runner.request('deploymentWrite', token, { ok: false, error: 'internal error; see the log' }, () => {
    const result = writeDeployment(params, filePath(params.uri));
    return result.ok ? { ok: true, state: result.state } : { ok: false, error: result.error, ...(result.state ? { state: result.state } : {}) };
  }));
}
