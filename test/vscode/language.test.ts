// Language ids: *.flink.sql is flink-sql by contribution; plain *.sql follows flinkSql.treatSqlFilesAsFlink.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, inWorkspace, waitFor } from './helpers';

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
}

describe('language ids', () => {
  before(() => activateExtension());

  it('gives *.flink.sql the flink-sql language', async () => {
    const doc = await vscode.workspace.openTextDocument(inWorkspace('orders.flink.sql'));
    assert.strictEqual(doc.languageId, 'flink-sql');
  });

  it('treats plain *.sql as flink-sql while the setting is on, and gives it back when it is off', async () => {
    const uri = inWorkspace('legacy_report.sql');
    await vscode.window.showTextDocument(uri);
    await waitFor('legacy_report.sql to become flink-sql', () => openDocument(uri)?.languageId === 'flink-sql');

    const cfg = vscode.workspace.getConfiguration('flinkSql');
    await cfg.update('treatSqlFilesAsFlink', false, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('legacy_report.sql to go back to sql', () => openDocument(uri)?.languageId === 'sql');
    } finally {
      await cfg.update('treatSqlFilesAsFlink', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('legacy_report.sql to be flink-sql again', () => openDocument(uri)?.languageId === 'flink-sql');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
