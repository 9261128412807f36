// The Flink features inside VS Code: commands registered, "▶ Run" lenses from the server's statement list,
// the results webview rendering streamed events (virtualized, values as text), and how Validate and the
// Catalogs view report a gateway that is not there. (Execution on a real Flink: test/e2e/execute.e2e.ts.)
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExecutionEvent, FlinkCatalogTreeResult, FlinkJarResult, FlinkValidateResult } from '../../server/src/protocol';
import type { FlinkSqlStudioApi } from '../../client/src/extension';
import { activateExtension, inWorkspace, waitFor, writeText } from './helpers';

const SAMPLE = 'datagen-to-blackhole.flink.sql';
const FLINK_COMMANDS = [
  'flinkSql.validate', 'flinkSql.execute', 'flinkSql.previewDraft', 'flinkSql.stopExecution', 'flinkSql.runStatement', 'flinkSql.startLocalCluster',
  'flinkSql.stopLocalCluster', 'flinkSql.showFlinkLogs', 'flinkSql.refreshCatalogs', 'flinkSql.setAuthHeader',
  'flinkSql.setSecret', 'flinkSql.listSecrets', 'flinkSql.moveIntoSecret',
];

async function withRemoteTarget<T>(gatewayUrl: string, fn: () => Thenable<T>): Promise<T> {
  const cfg = vscode.workspace.getConfiguration('flinkSql');
  await cfg.update('target', 'remote', vscode.ConfigurationTarget.Workspace);
  await cfg.update('gateway.url', gatewayUrl, vscode.ConfigurationTarget.Workspace);
  try {
    return await fn();
  } finally {
    await cfg.update('target', undefined, vscode.ConfigurationTarget.Workspace);
    await cfg.update('gateway.url', undefined, vscode.ConfigurationTarget.Workspace);
  }
}

describe('Flink features', () => {
  let api: FlinkSqlStudioApi;
  before(async () => {
    api = await activateExtension();
    await api.serverReady;
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('registers the Flink commands', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const id of FLINK_COMMANDS) assert.ok(all.has(id), `command ${id} is registered`);
  });

  it('puts a "▶ Run" lens above the statements that produce something, not above DDL', async () => {
    const uri = inWorkspace(SAMPLE);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const lenses = await waitFor('Run lenses on the sample draft', async () => {
      const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      const run = all?.filter((l) => l.command?.title === '▶ Run') ?? [];
      return run.length > 0 ? run : undefined;
    });
    // The sample: two CREATE TABLEs (setup) and one INSERT at line 11.
    assert.deepEqual(lenses.map((l) => l.range.start.line), [10]);
    assert.strictEqual(lenses[0].command?.command, 'flinkSql.runStatement');
    assert.deepEqual(lenses[0].command?.arguments?.slice(1), [2]);
    // The INSERT also gets "Preview" (its sink captured, nothing written).
    const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const preview = all.filter((l) => l.command?.title === 'Preview');
    assert.deepEqual(preview.map((l) => [l.range.start.line, l.command?.command, l.command?.arguments?.[1]]), [[10, 'flinkSql.previewDraft', 2]]);
  });

  it('renders streamed rows in the results webview: types, virtualized rows, values as text', async () => {
    const uri = inWorkspace(SAMPLE);
    const n = 5_000;
    const rows = Array.from({ length: n }, (_, i) => ({ kind: 'INSERT' as const, fields: [i, i === 0 ? '<img src=x onerror=alert(1)>' : `name-${i}`] }));
    const events: ExecutionEvent[] = [
      { type: 'start', statement: 0, line: 1, kind: 'query', flinkVersion: '2.3.0', text: 'SELECT id, name FROM t' },
      { type: 'columns', statement: 0, columns: [{ name: 'id', type: 'BIGINT' }, { name: 'name', type: 'STRING' }] },
      { type: 'rows', statement: 0, rows: rows.slice(0, 2_000) },
      { type: 'rows', statement: 0, rows: rows.slice(2_000) },
      { type: 'end', statement: 0, rowCount: n, truncated: false, elapsedMs: 12 },
      { type: 'done', ok: true, cancelled: false, elapsedMs: 15 },
    ];
    const t0 = Date.now();
    api.flink.showEvents(uri, events);
    const state = await waitFor('the webview to render 5000 rows', () => {
      const s = api.flink.renderedResults(uri);
      return s && s.totalRows === n ? s : undefined;
    });
    console.log(`[flink-sql-studio] results webview rendered ${n} rows in ${Date.now() - t0} ms (${state.domRows.length} in the DOM)`);
    assert.deepEqual(state.columns, ['id', 'name']);
    assert.ok(state.domRows.length > 0 && state.domRows.length < 200, `only the visible window is in the DOM: ${state.domRows.length}`);
    assert.deepEqual(state.domRows[0], ['0', '<img src=x onerror=alert(1)>'], 'markup from Flink is shown as text');
    assert.match(state.status, /5000 rows · 12 ms · done in 15 ms · Flink 2\.3\.0/);
  });

  it('says why Validate could not reach a remote gateway, without planner diagnostics', async () => {
    const uri = inWorkspace(SAMPLE);
    const result = await withRemoteTarget('http://127.0.0.1:9', async () => {
      const r = await vscode.commands.executeCommand<FlinkValidateResult | undefined>('flinkSql.validate', uri);
      await waitFor('the status bar to say unreachable', () => api.flink.connectionStatus().state === 'unreachable');
      return r;
    });
    assert.ok(result, 'validate answered');
    assert.strictEqual(result.ok, false);
    assert.match(result.summary, /not reachable/);
    assert.deepEqual(vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'flink'), []);
  });

  it('shows the failure in the Catalogs view when the gateway is not there', async () => {
    const result = await withRemoteTarget('http://127.0.0.1:9', () =>
      vscode.commands.executeCommand<FlinkCatalogTreeResult | undefined>('flinkSql.refreshCatalogs'));
    assert.strictEqual(result?.ok, false);
    const items = await api.flink.catalogItems();
    assert.strictEqual(items.length, 1, 'one message, no catalogs');
    assert.match(String(items[0].label), /not reachable/);
  });

  it('Validate with a JAR draft\'s file in the editor goes to the JAR draft: its problem on the config, nothing planned', async () => {
    const config = inWorkspace('prebuilt_job.deployment.yaml');
    await writeText(config, 'name: prebuilt_job\ntype: JAR\ntarget: session\njar:\n  file: build/missing.jar\n  entryClass: com.example.Main\n');
    try {
      await vscode.window.showTextDocument(config);
      const cfg = vscode.workspace.getConfiguration('flinkSql');
      await cfg.update('rest.url', 'http://127.0.0.1:9', vscode.ConfigurationTarget.Workspace);
      const result = await withRemoteTarget('http://127.0.0.1:9', () => vscode.commands.executeCommand<FlinkJarResult | undefined>('flinkSql.validate'))
        .finally(() => cfg.update('rest.url', undefined, vscode.ConfigurationTarget.Workspace));
      assert.ok(result, 'validate answered');
      assert.strictEqual(result.ok, false);
      assert.strictEqual(result.draft, 'prebuilt_job');
      assert.match(result.summary, /missing\.jar: no such jar/);
      const marked = vscode.languages.getDiagnostics(config).filter((d) => d.source === 'flink');
      assert.strictEqual(marked.length, 1, JSON.stringify(marked));
      assert.match(marked[0]!.message, /no such jar/);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(config);
    }
  });
});
