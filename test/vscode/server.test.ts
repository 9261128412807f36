// Language features that come from the server process: diagnostics and document symbols.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, inWorkspace, waitFor, writeText } from './helpers';

describe('language server features', () => {
  before(async () => {
    await (await activateExtension()).serverReady;
  });

  it('reports a syntax error in a broken draft', async () => {
    const uri = inWorkspace('typo.flink.sql');
    await writeText(uri, 'CREATE TEMPORARY TABLE t (id INT) WITH (\'connector\' = \'datagen\');\nSELECT * FORM t;\n');
    const t0 = Date.now();
    await vscode.window.showTextDocument(uri);
    const diagnostics = await waitFor('diagnostics on typo.flink.sql', () => {
      const d = vscode.languages.getDiagnostics(uri);
      return d.length > 0 ? d : undefined;
    });
    console.log(`[flink-sql-studio] diagnostics after ${Date.now() - t0} ms: ${diagnostics.map((d) => d.message).join(' | ')}`);
    const error = diagnostics.find((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.ok(error, 'an error diagnostic');
    assert.strictEqual(error.range.start.line, 1, 'the error is on the SELECT line');
  });

  it('clears the diagnostic once the statement is fixed', async () => {
    const uri = inWorkspace('typo.flink.sql');
    const editor = await vscode.window.showTextDocument(uri);
    await waitFor('the FORM diagnostic to be there first', () => vscode.languages.getDiagnostics(uri).length > 0);
    const text = editor.document.getText();
    const at = text.indexOf('FORM');
    await editor.edit((e) => e.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 4)), 'FROM'));
    await waitFor('no diagnostics on typo.flink.sql', () => vscode.languages.getDiagnostics(uri).length === 0);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('lists document symbols for the tables and the insert', async () => {
    const uri = inWorkspace('orders.flink.sql');
    await vscode.workspace.openTextDocument(uri);
    const symbols = await waitFor('document symbols of orders.flink.sql', async () => {
      const s = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', uri);
      return s && s.length > 0 ? s : undefined;
    });
    const names = symbols.map((s) => s.name);
    assert.ok(names.includes('orders'), `symbols: ${names.join(', ')}`);
    assert.ok(names.includes('order_totals'), `symbols: ${names.join(', ')}`);
    assert.ok(symbols.length >= 3, `two tables and one insert, got ${names.join(', ')}`);
  });
});
