// The language server's side of `<name>.deployment.yaml`: diagnostics for open config files, and the panel's
// requests (state with edits, atomic write). The logic is in server/src/deployment; this only wires it.
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import { deploymentState, parseDeployment, writeDeployment } from '../deployment';
import { DeploymentStateRequest, DeploymentWriteRequest, type DeploymentState } from '../protocol';
import type { createRunner } from './runSafe';

export function isDeploymentUri(uri: string): boolean {
  return uri.toLowerCase().endsWith('.deployment.yaml');
}

function filePath(uri: string): string {
  return fileURLToPath(uri);
}

/** Diagnostics of an open deployment config (relative paths checked beside it when it is a file). */
export function deploymentDiagnostics(uri: string, text: string) {
  const file = uri.startsWith('file:') ? filePath(uri) : undefined;
  return parseDeployment(text, file ? { file, exists: (p) => fs.existsSync(p) } : {}).diagnostics;
}

const FAILED = (uri: string): DeploymentState => ({
  uri, text: '', diskText: '', yamlOk: false, valid: false, diskValid: false, values: {}, diagnostics: [], disabled: {},
  problems: [{ path: '', severity: 1, message: 'The language server could not read this config; see the Flink SQL log.' }],
});

export function registerDeploymentHandlers(connection: Connection, runner: ReturnType<typeof createRunner>): void {
  connection.onRequest(DeploymentStateRequest, (params, token) => runner.request('deploymentState', token, FAILED(params.uri), () => {
    const file = filePath(params.uri);
    let disk = '';
    try {
      disk = fs.readFileSync(file, 'utf8');
    } catch { /* a missing file is an empty, invalid config */ }
    return deploymentState(params.uri, file, disk, params.edits ?? []);
  }));
  connection.onRequest(DeploymentWriteRequest, (params, token) => runner.request('deploymentWrite', token, { ok: false, error: 'internal error; see the log' }, () => {
    const result = writeDeployment(params, filePath(params.uri));
    return result.ok ? { ok: true, state: result.state } : { ok: false, error: result.error, ...(result.state ? { state: result.state } : {}) };
  }));
}
