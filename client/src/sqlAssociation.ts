// Gives plain *.sql files of the workspace the flink-sql language id while
// `flinkSql.treatSqlFilesAsFlink` is on, and hands them back to `sql` when it is turned off.
//
// Why setTextDocumentLanguage rather than a `files.associations` default: the setting can be toggled at
// run time and per workspace, only files inside a workspace folder are touched, a user's own
// association (e.g. `*.sql` -> mysql) wins because we only convert documents whose id is exactly `sql`,
// and nothing is written into the user's settings files. The cost is a moment in `sql` mode on open,
// and the extension must activate on `onLanguage:sql`.
import * as vscode from 'vscode';
import { log } from './log';
import { LANGUAGE_ID } from './languageServer';
import { onSettingsChanged, readSettings } from './settings';

const PLAIN_SQL = 'sql';

function isPlainSqlFile(doc: vscode.TextDocument): boolean {
  const name = doc.uri.path.toLowerCase();
  return doc.uri.scheme === 'file' && name.endsWith('.sql') && !name.endsWith('.flink.sql')
    && vscode.workspace.getWorkspaceFolder(doc.uri) !== undefined;
}

export function registerSqlAssociation(): vscode.Disposable {
  let enabled = readSettings().treatSqlFilesAsFlink;
  // Files we converted; if one shows up as `sql` again, the user picked SQL by hand: leave it alone.
  const converted = new Set<string>();
  const userChoseSql = new Set<string>();

  const adopt = async (doc: vscode.TextDocument) => {
    if (!enabled || doc.languageId !== PLAIN_SQL || !isPlainSqlFile(doc)) return;
    const key = doc.uri.toString();
    if (userChoseSql.has(key)) return;
    if (converted.has(key)) {
      userChoseSql.add(key);
      return;
    }
    converted.add(key);
    try {
      await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
    } catch (err) {
      log.warn(`could not switch ${doc.uri.fsPath} to ${LANGUAGE_ID}: ${String(err)}`);
    }
  };

  const release = async () => {
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.languageId === LANGUAGE_ID && isPlainSqlFile(doc)) await vscode.languages.setTextDocumentLanguage(doc, PLAIN_SQL);
    }
    converted.clear();
    userChoseSql.clear();
  };

  const adoptAll = () => Promise.all(vscode.workspace.textDocuments.map(adopt));
  void adoptAll();
  return vscode.Disposable.from(
    vscode.workspace.onDidOpenTextDocument((doc) => void adopt(doc)),
    // A language change fires close+open in the same tick; only a real close (the document is gone a
    // tick later) forgets the file, so reopening it later converts it again.
    vscode.workspace.onDidCloseTextDocument((doc) => {
      const key = doc.uri.toString();
      setTimeout(() => {
        if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) {
          converted.delete(key);
          userChoseSql.delete(key);
        }
      }, 0);
    }),
    onSettingsChanged(['treatSqlFilesAsFlink'], (s) => {
      enabled = s.treatSqlFilesAsFlink;
      void (enabled ? adoptAll() : release());
    }),
  );
}
