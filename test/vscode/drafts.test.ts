// The Drafts view and the New Draft command, through the installed extension.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { checkDraftName } from '../../client/src/drafts/draftModel';
import { activateExtension, inWorkspace, readText, waitFor, writeText } from './helpers';
import type { FlinkSqlStudioApi } from '../../client/src/extension';

function labels(items: vscode.TreeItem[]): string[] {
  return items.map((i) => (typeof i.label === 'string' ? i.label : i.label?.label ?? ''));
}

function itemNamed(items: vscode.TreeItem[], name: string): vscode.TreeItem | undefined {
  return items.find((i) => (typeof i.label === 'string' ? i.label : i.label?.label) === name);
}

describe('drafts', () => {
  let api: FlinkSqlStudioApi;
  before(async () => {
    api = await activateExtension();
  });

  it('lists the workspace drafts with type · target, and warns about a broken config', async () => {
    const items = await api.drafts.items();
    const names = labels(items);
    for (const n of ['clicks', 'datagen-to-blackhole', 'legacy_report', 'orders']) assert.ok(names.includes(n), `${n} in ${names.join(', ')}`);
    assert.strictEqual(itemNamed(items, 'orders')?.description, 'SQL · session · Flink 2.3');
    assert.strictEqual(itemNamed(items, 'datagen-to-blackhole')?.description, 'SQL · per-job · Flink 2.3');
    assert.strictEqual(itemNamed(items, 'clicks')?.description, '⚠ invalid deployment config');
    assert.strictEqual(itemNamed(items, 'legacy_report')?.description, 'no deployment config');
    const open = itemNamed(items, 'orders')?.command;
    assert.strictEqual(open?.command, 'vscode.open');
    assert.strictEqual((open?.arguments?.[0] as vscode.Uri).path, inWorkspace('orders.flink.sql').path);
  });

  it('leaves out node_modules and follows file changes', async () => {
    const changed = new Promise<void>((resolve) => {
      const sub = api.drafts.onDidChange(() => {
        sub.dispose();
        resolve();
      });
    });
    await writeText(inWorkspace('node_modules', 'some-pkg', 'hidden.flink.sql'), 'SELECT 1;\n');
    await writeText(inWorkspace('watched.flink.sql'), 'SELECT 1;\n');
    await changed; // the FileSystemWatcher saw the new files
    const names = labels(await api.drafts.items());
    assert.ok(names.includes('watched'), names.join(', '));
    assert.ok(!names.includes('hidden'), names.join(', '));
    await vscode.workspace.fs.delete(inWorkspace('watched.flink.sql'));
  });

  it('creates a JAR draft with New Draft: its Maven project and deployment config, no script; opens the main class', async () => {
    const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('flinkSql.newDraft', { name: 'fraud_alerts', type: 'JAR', target: 'per-job' });
    assert.ok(created, 'New Draft returned the file it opened');
    const main = inWorkspace('fraud_alerts', 'src', 'main', 'java', 'com', 'example', 'fraudalerts', 'FraudAlertsJob.java');
    assert.strictEqual(created.path, main.path);
    assert.match(await readText(main), /public class FraudAlertsJob/);
    assert.match(await readText(inWorkspace('fraud_alerts', 'pom.xml')), /<scope>provided<\/scope>/);
    await vscode.workspace.fs.stat(inWorkspace('fraud_alerts', '.gitignore'));
    await assert.rejects(async () => { await vscode.workspace.fs.stat(inWorkspace('fraud_alerts.flink.sql')); }, 'a JAR draft has no .flink.sql');
    const config = parse(await readText(inWorkspace('fraud_alerts.deployment.yaml'))) as Record<string, unknown>;
    assert.deepStrictEqual({ name: config.name, type: config.type, target: config.target }, { name: 'fraud_alerts', type: 'JAR', target: 'per-job' });
    assert.deepStrictEqual(config.jar, { project: 'fraud_alerts', entryClass: 'com.example.fraudalerts.FraudAlertsJob', args: [], allowNonRestoredState: false });
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.path, main.path);
    const item = await waitFor('fraud_alerts in the Drafts view', async () => itemNamed(await api.drafts.items(), 'fraud_alerts'));
    assert.strictEqual(item.description, 'JAR · per-job · Flink 2.3');
    assert.strictEqual((item.command?.arguments?.[0] as vscode.Uri).path, inWorkspace('fraud_alerts.deployment.yaml').path);
    // the name is taken now, by a draft with no script
    assert.match(checkDraftName('Fraud_Alerts', labels(await api.drafts.items())) ?? '', /already exists/);
  });

  it('creates a PYTHON draft with New Draft: its PyFlink script and deployment config; opens the script', async () => {
    const python = await vscode.commands.executeCommand<vscode.Uri | undefined>('flinkSql.newDraft', { name: 'py_job', type: 'PYTHON', target: 'session' });
    assert.ok(python, 'New Draft returned the file it opened');
    assert.strictEqual(python.path, inWorkspace('py_job.py').path);
    assert.match(await readText(inWorkspace('py_job.py')), /from pyflink\.table import EnvironmentSettings, TableEnvironment/);
    await assert.rejects(async () => { await vscode.workspace.fs.stat(inWorkspace('py_job.flink.sql')); }, 'a PYTHON draft has no .flink.sql');
    const config = parse(await readText(inWorkspace('py_job.deployment.yaml'))) as Record<string, unknown>;
    assert.deepStrictEqual({ name: config.name, type: config.type, target: config.target }, { name: 'py_job', type: 'PYTHON', target: 'session' });
    assert.deepStrictEqual(config.python, { file: 'py_job.py', args: [], allowNonRestoredState: false });
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.path, python.path);
    const item = await waitFor('py_job in the Drafts view', async () => itemNamed(await api.drafts.items(), 'py_job'));
    assert.strictEqual(item.description, 'PYTHON · session · Flink 2.3');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const f of ['py_job.py', 'py_job.deployment.yaml']) await vscode.workspace.fs.delete(inWorkspace(f));
  });

  it('creates nothing over an existing project folder', async () => {
    await writeText(inWorkspace('taken_dir', 'notes.txt'), 'mine\n');
    const over = await vscode.commands.executeCommand<vscode.Uri | undefined>('flinkSql.newDraft', { name: 'taken_dir', type: 'JAR', target: 'session' });
    assert.strictEqual(over, undefined);
    await assert.rejects(async () => { await vscode.workspace.fs.stat(inWorkspace('taken_dir.deployment.yaml')); });
    await vscode.workspace.fs.delete(inWorkspace('taken_dir'), { recursive: true });
  });

  it('refuses a name that is taken (any case) or malformed, and writes nothing', async () => {
    for (const name of ['ORDERS', 'bad name!', '1st']) {
      const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('flinkSql.newDraft', { name, type: 'SQL', target: 'session' });
      assert.strictEqual(created, undefined, `"${name}" must be refused`);
    }
    await assert.rejects(async () => {
      await vscode.workspace.fs.stat(inWorkspace('bad name!.flink.sql'));
    });
    assert.match(checkDraftName('Orders', ['orders']) ?? '', /already exists/);
    assert.match(checkDraftName('a b', []) ?? '', /letters, digits/);
    assert.strictEqual(checkDraftName('orders_v2', ['orders']), undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
