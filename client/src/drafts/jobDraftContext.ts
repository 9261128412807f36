// The `flinkSql.jobDraftFile` context key: true while the active editor shows a file of a JAR or PYTHON draft (its
// deployment config, its script, or any file of its Maven project), so the editor title offers Validate, Execute and
// Publish there as it does on a SQL draft. Read from the Drafts view's index; the server still decides what runs.
import * as vscode from 'vscode';
import type { DraftIndex } from './draftIndex';
import { isJobDraftFile, type JobDraftFiles } from './draftModel';

export const JOB_DRAFT_CONTEXT = 'flinkSql.jobDraftFile';

export function registerJobDraftContext(index: DraftIndex): vscode.Disposable {
  let drafts: JobDraftFiles[] = [];
  let last: boolean | undefined;
  const update = () => {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const on = !!uri && uri.scheme === 'file' && isJobDraftFile(uri.fsPath, drafts);
    if (on === last) return;
    last = on;
    void vscode.commands.executeCommand('setContext', JOB_DRAFT_CONTEXT, on);
  };
  const reload = () => index.list().then((l) => {
    drafts = l.filter((d) => d.jar).map((d) => ({ configPath: d.configUri.fsPath, config: d.config }));
    update();
  }, () => undefined);
  void reload();
  return vscode.Disposable.from(index.onDidChange(reload), vscode.window.onDidChangeActiveTextEditor(update));
}
