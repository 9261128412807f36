// The extension activates, registers its commands, and its language server comes up.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID } from './helpers';

describe('activation', () => {
  it('activates and reports its activation time', async () => {
    const api = await activateExtension();
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.strictEqual(ext.isActive, true);
    assert.ok(api.activationMs >= 0 && api.activationMs < 10_000, `activationMs = ${api.activationMs}`);
    // The runner greps this line for the report.
    console.log(`[flink-sql-studio] activation ${api.activationMs} ms, extension at ${ext.extensionPath}`);
  });

  it('registers its commands', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const id of [
      'flinkSql.newDraft', 'flinkSql.showLog', 'flinkSql.restartServer', 'flinkSql.openWalkthrough',
      'flinkSql.installLocalFlink', 'flinkSql.manageLocalFlink', 'flinkSql.checkPrerequisites', 'flinkSql.runTests',
      'flinkSql.registerUdfsFromJar', 'flinkSql.registerUdfsFromPython',
    ]) {
      assert.ok(all.has(id), `command ${id} is registered`);
    }
  });

  it('starts the language server', async () => {
    const api = await activateExtension();
    const t0 = Date.now();
    await api.serverReady;
    console.log(`[flink-sql-studio] language server ready (waited ${Date.now() - t0} ms more)`);
  });
});
