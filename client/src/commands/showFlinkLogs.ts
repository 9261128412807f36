// "Flink: Show Flink Logs": opens a log a local cluster captured (.flink/<version>/logs: JobManager, TaskManager,
// SQL Gateway; .flink/logs from before there were several versions), picked from a list, newest first.
import * as vscode from 'vscode';
import type { CommandModule } from '../commandRegistry';
import { workspaceDir } from '../flink/connection';
import { readSettings } from '../settings';

export const id = 'flinkSql.showFlinkLogs';

export const showFlinkLogsCommand: CommandModule = {
  id,
  handler: async (): Promise<vscode.Uri | undefined> => {
    const dir = workspaceDir();
    if (!dir) throw new Error('Open a folder first: the local cluster writes its logs to the folder\'s .flink/logs.');
    const state = vscode.Uri.joinPath(vscode.Uri.file(dir), '.flink');
    const logs = vscode.Uri.joinPath(state, 'logs');
    const list = async (uri: vscode.Uri) => {
      try {
        return await vscode.workspace.fs.readDirectory(uri);
      } catch {
        return []; // no logs yet
      }
    };
    const versions = (await list(state)).filter(([n, t]) => t === vscode.FileType.Directory && /^\d+\.\d+\.\d+/.test(n)).map(([n]) => n);
    const dirs = [{ uri: logs, version: '' }, ...versions.map((v) => ({ uri: vscode.Uri.joinPath(state, v, 'logs'), version: v }))];
    const files = (await Promise.all(dirs.map(async (d) => Promise.all((await list(d.uri))
      .filter(([n, t]) => t === vscode.FileType.File && /\.(log|out)$/.test(n)).map(async ([n]) => {
        const uri = vscode.Uri.joinPath(d.uri, n);
        return { name: d.version ? `${d.version}/${n}` : n, uri, stat: await vscode.workspace.fs.stat(uri) };
      }))))).flat();
    if (!files.length) {
      const remote = readSettings().flink.target === 'remote' ? ' The remote cluster\'s logs are on its own machines.' : '';
      void vscode.window.showInformationMessage(`No Flink logs in ${vscode.workspace.asRelativePath(state)} yet: start the local cluster first.${remote}`);
      return undefined;
    }
    files.sort((a, b) => b.stat.mtime - a.stat.mtime);
    const pick = files.length === 1 ? files[0] : (await vscode.window.showQuickPick(files.map((f) => ({
      label: f.name, description: `${Math.ceil(f.stat.size / 1024)} KB`, detail: new Date(f.stat.mtime).toLocaleString(), file: f,
    })), { title: 'Flink logs', placeHolder: 'Which log?' }))?.file;
    if (!pick) return undefined;
    const editor = await vscode.window.showTextDocument(pick.uri, { preview: true });
    // The newest lines are what one looks for.
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    editor.revealRange(new vscode.Range(end, end));
    return pick.uri;
  },
};
