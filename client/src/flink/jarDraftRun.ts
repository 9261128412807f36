// Validate and Execute of a JAR draft from the editor: the active file is its deployment config or a file of its
// Maven project. The server builds (Maven's output in the log), then plans or runs the job; build errors and a
// failing main land on the Java file and line in the `flink` diagnostics, and the outcome is a notification.
import * as vscode from 'vscode';
import { FlinkJarExecuteRequest, FlinkJarValidateRequest, type FlinkJarResult } from '../../../server/src/protocol';
import { log } from '../log';
import { connectionParams } from './connection';
import type { FlinkServices } from './services';

/** The file a Validate / Execute means when it is not a SQL draft: the given URI, else the active editor's. */
export function jarCandidate(arg?: unknown): vscode.Uri | undefined {
  const doc = arg instanceof vscode.Uri ? undefined : vscode.window.activeTextEditor?.document;
  const uri = arg instanceof vscode.Uri ? arg : doc?.uri;
  if (!uri || uri.scheme !== 'file' || doc?.languageId === 'flink-sql' || uri.path.toLowerCase().endsWith('.sql')) return undefined;
  return uri;
}

/** Per draft config: the files its last run put problems on, cleared by the next run. */
const lastProblems = new Map<string, vscode.Uri[]>();

const NOT_A_DRAFT = 'Open a Flink SQL draft (*.flink.sql), a JAR draft\'s deployment config or Java class, or a PYTHON draft\'s script, in the editor first.';

/** Maven builds from disk, and Flink's Python driver reads the script from disk: unsaved edits would not run. */
export async function saveDraftFiles(): Promise<void> {
  for (const d of vscode.workspace.textDocuments) {
    if (d.isDirty && d.uri.scheme === 'file' && /(\.java|\/pom\.xml|\.deployment\.yaml|\.py)$/.test(d.uri.path)) await d.save();
  }
}

export async function runJarDraftCommand(s: FlinkServices, kind: 'validate' | 'execute', uri: vscode.Uri): Promise<FlinkJarResult | undefined> {
  await saveDraftFiles();
  const connection = await connectionParams(s.secrets);
  const python = uri.path.toLowerCase().endsWith('.py');
  const title = python
    ? (kind === 'validate' ? 'Flink: planning the PYTHON draft\'s job' : 'Flink: running the PYTHON draft')
    : (kind === 'validate' ? 'Flink: building the JAR draft and planning its job' : 'Flink: building the JAR draft and running it');
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (_p, token) => {
    try {
      if (kind === 'validate') return await s.flink.request(FlinkJarValidateRequest, { uri: uri.toString(), connection }, token);
      // The job's output streams into the results view until the job ends or Stop cancels it.
      await s.executor.stop(uri);
      const follow = s.executor.followJob(uri, `${vscode.workspace.asRelativePath(uri)} · what the job prints (TaskManager stdout)`);
      const r = await s.flink.request(FlinkJarExecuteRequest, { uri: uri.toString(), connection, executionId: follow.executionId }, token)
        .catch((e: unknown) => { follow.dispose(); throw e; });
      if (!r.jobId) follow.dispose(); // nothing was submitted: the server follows nothing
      return r;
    } catch (err) {
      if (token.isCancellationRequested) return undefined;
      throw err;
    }
  });
  if (!result) return undefined; // cancelled
  if (result.notJarDraft) throw new Error(NOT_A_DRAFT);

  const key = result.configUri ?? uri.toString();
  for (const u of lastProblems.get(key) ?? []) s.diagnostics.clear(u);
  const marked: vscode.Uri[] = [];
  for (const p of result.problems) {
    const u = vscode.Uri.parse(p.uri);
    s.diagnostics.set(u, await s.flink.toDiagnostics(p.diagnostics));
    marked.push(u);
  }
  lastProblems.set(key, marked);

  const draft = result.draft ? `"${result.draft}"` : vscode.workspace.asRelativePath(uri);
  log.info(`${kind} ${draft}: ${result.summary}`);
  for (const line of result.printed ?? []) log.info(`  ${line}`);
  if (!result.ok) {
    void vscode.window.showErrorMessage(`Flink: ${draft} ${kind === 'validate' ? 'not validated' : 'did not run'}: ${result.summary}`, 'Open Log')
      .then((c) => { if (c) log.show(); });
    return result;
  }
  if (kind === 'validate') {
    void vscode.window.showInformationMessage(`${result.summary}.`);
    void vscode.window.setStatusBarMessage(`$(check) ${result.summary}`, 10_000);
  } else {
    const printed = result.printed?.length ? `; it printed ${result.printed.length} line${result.printed.length === 1 ? '' : 's'} so far (in the results view)` : '';
    void vscode.window.showInformationMessage(`Flink: ${draft}: ${result.summary}${printed}.`, 'Open Log').then((c) => { if (c) log.show(); });
  }
  return result;
}
