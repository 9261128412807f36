// "Flink: Stop Local Cluster" acts on the active draft's Flink version: with a 1.20 draft open it stops the
// 1.20 cluster only; with no editor open every local cluster of the workspace. (Nothing runs here, so each
// answer says which cluster was not running; a real start: test/e2e/execute.e2e.ts and the integration tests.)
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { FlinkConnectionStatus } from '../../server/src/protocol';
import type { FlinkSqlStudioApi } from '../../client/src/extension';
import { activateExtension, inWorkspace, readText, waitFor, writeText } from './helpers';

describe('local cluster commands and the draft\'s Flink version', () => {
  let api: FlinkSqlStudioApi;
  const draft = inWorkspace('lts_cluster.flink.sql');
  const config = inWorkspace('lts_cluster.deployment.yaml');
  before(async () => {
    api = await activateExtension();
    await api.serverReady;
    const original = (await readText(inWorkspace('orders.deployment.yaml'))).replace(/^name: .*$/m, 'name: lts_cluster');
    await writeText(draft, await readText(inWorkspace('orders.flink.sql')));
    await writeText(config, `${original.trimEnd()}\nflinkVersion: '1.20'\n`);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(draft);
    await vscode.workspace.fs.delete(config);
  });

  it('Stop with a 1.20 draft active asks for the 1.20 cluster', async () => {
    await vscode.window.showTextDocument(draft);
    await waitFor('the draft\'s version in the status bar', () => api.draftVersion.text() === 'Flink 1.20');
    const st = await vscode.commands.executeCommand<FlinkConnectionStatus | undefined>('flinkSql.stopLocalCluster');
    assert.ok(st, 'the command answers (trusted workspace)');
    assert.strictEqual(st.state, 'stopped');
    assert.match(st.flinkVersion ?? '', /^1\.20\.\d+$/);
    assert.match(st.message ?? '', /^No local Flink 1\.20\.\d+ cluster was running\.$|^Stopped the local Flink 1\.20\.\d+ cluster/);
  });

  it('Stop with no draft active stops every local cluster of the workspace', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const st = await vscode.commands.executeCommand<FlinkConnectionStatus | undefined>('flinkSql.stopLocalCluster');
    assert.ok(st);
    assert.strictEqual(st.state, 'stopped');
    assert.strictEqual(st.flinkVersion, undefined);
    assert.match(st.message ?? '', /^No local cluster was running\.$|^Stopped the local Flink .* clusters? \(pids/);
  });
});
