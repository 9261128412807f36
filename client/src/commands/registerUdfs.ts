// "Flink: Register UDFs from a JAR…" and "…from a Python File…": pick the artifact, pick its functions, and apply
// what the server answers (CREATE TEMPORARY FUNCTION statements in the draft, the jar in its deployment config).
import * as vscode from 'vscode';
import { RegisterUdfsRequest, type RegisterUdfsResult } from '../../../server/src/protocol';
import { signatureLines, snakeName } from '../../../server/src/udf/types';
import type { CommandModule } from '../commandRegistry';
import type { FlinkClient } from '../flink/flinkClient';
import { workspaceDir } from '../flink/connection';
import { draftDocument } from '../flink/services';
import { log } from '../log';
import { requireTrust } from '../trust';

export const jarId = 'flinkSql.registerUdfsFromJar';
export const pythonId = 'flinkSql.registerUdfsFromPython';

type Kind = 'jar' | 'python';

async function pickArtifact(flink: FlinkClient, uri: string, kind: Kind): Promise<string | undefined> {
  const browse = { label: '$(folder-opened) Browse…', path: '' };
  let items: Array<{ label: string; path: string; detail?: string }> = [];
  if (kind === 'jar') {
    const r = await flink.request(RegisterUdfsRequest, { uri, workspaceDir: workspaceDir() });
    items = (r.candidates ?? []).map((c) => ({ label: c.label, path: c.path, detail: c.detail ?? c.path }));
  }
  const chosen = items.length ? await vscode.window.showQuickPick([...items, browse], { title: 'Register UDFs: the jar', placeHolder: 'A JAR draft\'s jar, or browse for one' }) : browse;
  if (!chosen) return undefined;
  if (chosen.path) return chosen.path;
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false, openLabel: 'List Its Functions', title: kind === 'jar' ? 'A jar with Flink UDFs' : 'A Python file with PyFlink UDFs',
    filters: kind === 'jar' ? { 'Java archives': ['jar'] } : { Python: ['py'] },
    defaultUri: vscode.Uri.joinPath(vscode.Uri.parse(uri), '..'),
  });
  return picked?.[0]?.fsPath;
}

async function register(flink: FlinkClient, kind: Kind, arg?: unknown): Promise<RegisterUdfsResult | undefined> {
  // A jar's functions are found by loading its classes: its code runs.
  if (kind === 'jar' && !(await requireTrust('Registering UDFs from a JAR', 'runs code from the jar'))) return undefined;
  const document = await draftDocument(arg);
  const uri = document.uri.toString();
  const artifact = await pickArtifact(flink, uri, kind);
  if (!artifact) return undefined;
  const listed = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Listing the functions of ${vscode.workspace.asRelativePath(artifact)}…` },
    () => flink.request(RegisterUdfsRequest, { uri, artifact }),
  );
  if (!listed.ok) throw new Error(listed.error ?? 'The artifact could not be read.');
  log.info(`UDFs of ${artifact}: ${listed.functions?.length ?? 0} (${listed.summary ?? ''})`);
  for (const f of listed.failed ?? []) log.warn(`UDF ${f.className} could not be described: ${f.error}`);
  const functions = listed.functions ?? [];
  if (!functions.length) {
    void vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(artifact)} has no user-defined functions Flink ${listed.flinkVersion ?? ''} could load${listed.failed?.length ? ` (${listed.failed.length} could not be described; see the log)` : ''}.`);
    return listed;
  }
  const picks = await vscode.window.showQuickPick(functions.map((f) => ({
    label: snakeName(f.className.split('.').pop() ?? f.className), description: f.className, detail: signatureLines('', f).join('   ') + (f.note ? ` — ${f.note}` : ''), picked: f.inference !== 'reflection', f,
  })), { canPickMany: true, title: `Register UDFs (${listed.summary ?? ''})`, placeHolder: 'The functions to register in the draft' });
  if (!picks?.length) return undefined;
  const r = await flink.request(RegisterUdfsRequest, { uri, artifact, register: picks.map((p) => ({ name: p.label, className: p.f.className })) });
  if (!r.ok) throw new Error(r.error ?? 'The functions could not be registered.');
  const edit = new vscode.WorkspaceEdit();
  if (r.draftEdit) edit.insert(document.uri, new vscode.Position(r.draftEdit.position.line, r.draftEdit.position.character), r.draftEdit.text);
  let config: vscode.TextDocument | undefined;
  if (r.configEdit) {
    config = await vscode.workspace.openTextDocument(vscode.Uri.parse(r.configEdit.uri));
    edit.replace(config.uri, new vscode.Range(config.positionAt(0), config.positionAt(config.getText().length)), r.configEdit.text);
  }
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error('The editor refused the edit (is the draft read-only?).');
  // The config is saved at once: the language server and Validate read it from disk.
  if (config) await config.save();
  for (const n of r.notes ?? []) log.info(`register UDFs: ${n}`);
  const added = picks.length - (r.notes ?? []).filter((n) => n.endsWith('left as it is.')).length;
  void vscode.window.showInformationMessage(`Registered ${added} function(s)${r.configEdit ? ` and added ${vscode.workspace.asRelativePath(artifact)} to the draft's dependencies` : ''}.${r.notes?.length ? ` ${r.notes.join(' ')}` : ''}`);
  return r;
}

export function registerUdfsCommands(flink: FlinkClient): CommandModule[] {
  return [
    { id: jarId, handler: (arg?: unknown) => register(flink, 'jar', arg) },
    { id: pythonId, handler: (arg?: unknown) => register(flink, 'python', arg) },
  ];
}
