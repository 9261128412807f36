// The language server and deployment configs: diagnostics for an open `*.deployment.yaml`, and the panel's
// state and write requests (atomic, refusing to overwrite a broken or externally changed file) over stdio.
import { strict as assert } from 'node:assert';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidOpenTextDocumentNotification, PublishDiagnosticsNotification, type ProtocolConnection, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { DeploymentStateRequest, DeploymentWriteRequest } from '../../../server/src/protocol';
import { startStdioServer, stopStdioServer } from './stdioServer';

describe('language server: deployment configs', function () {
  this.timeout(60_000);
  let child: ChildProcessWithoutNullStreams;
  let connection: ProtocolConnection;
  let dir: string;
  const published: PublishDiagnosticsParams[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'flink-deploy-lsp-'));
    ({ child, connection } = await startStdioServer({
      register: (c) => {
      c.onNotification(PublishDiagnosticsNotification.type, (p) => { published.push(p); });
      },
    }));
  });
  after(() => {
    stopStdioServer({ child, connection });
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes the config\'s diagnostics on the right line, not SQL ones', async () => {
    const uri = pathToFileURL(join(dir, 'orders.deployment.yaml')).toString();
    const text = 'name: orders\ntype: SQL\ntarget: per-job\ndependencies: [udf/missing.jar]\nflinkConfiguration: { table.exec.state.tll: 1 h }\n';
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const deadline = Date.now() + 10_000;
    while (!published.some((p) => p.uri === uri) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const diags = published.find((p) => p.uri === uri)!.diagnostics;
    assert.deepEqual(diags.map((d) => [d.range.start.line, d.range.start.character, d.source, d.message]), [
      [3, 15, 'flink-deployment', 'dependency "udf/missing.jar" does not exist (paths are relative to this file\'s folder)'],
      [4, 22, 'flink-deployment', 'Flink 2.3 has no configuration key "table.exec.state.tll"; did you mean "table.exec.state.ttl"?'],
    ]);
  });

  it('gives the panel values, problems by field and greyed fields; writes atomically and keeps comments', async () => {
    const file = join(dir, 'clicks.deployment.yaml');
    const uri = pathToFileURL(file).toString();
    const original = '# hand-written\nname: clicks\ntype: SQL\ntarget: session   # shared cluster\nparallelism: 2\n';
    writeFileSync(file, original);
    const state = await connection.sendRequest(DeploymentStateRequest, { uri });
    assert.equal(state.valid, true);
    assert.equal(state.values.parallelism, 2);
    assert.match(state.disabled['resources.taskManager.memory'] ?? '', /session cluster shares its JobManager/);
    assert.equal(state.disabled.session, undefined);

    const preview = await connection.sendRequest(DeploymentStateRequest, { uri, edits: [{ path: 'parallelism', value: 0 }] });
    assert.deepEqual(preview.problems.map((p) => [p.path, p.message]), [['parallelism', 'parallelism must be at least 1']]);
    assert.equal(readFileSync(file, 'utf8'), original, 'a preview writes nothing');

    const refused = await connection.sendRequest(DeploymentWriteRequest, { uri, diskText: original, edits: [{ path: 'parallelism', value: 0 }] });
    assert.equal(refused.ok, false);
    const written = await connection.sendRequest(DeploymentWriteRequest, { uri, diskText: original, edits: [{ path: 'parallelism', value: 4 }, { path: 'checkpointing.interval', value: '1min' }] });
    assert.equal(written.ok, true, written.error);
    assert.equal(readFileSync(file, 'utf8'), '# hand-written\nname: clicks\ntype: SQL\ntarget: session # shared cluster\nparallelism: 4\ncheckpointing:\n  interval: 1 min\n');
    const stale = await connection.sendRequest(DeploymentWriteRequest, { uri, diskText: original, edits: [{ path: 'parallelism', value: 5 }] });
    assert.equal(stale.ok, false);
    assert.match(stale.error ?? '', /changed on disk/);
  });

  it('never overwrites a broken file, unless replaced with the defaults', async () => {
    const file = join(dir, 'broken.deployment.yaml');
    const uri = pathToFileURL(file).toString();
    const broken = 'name: broken\ntype: JAR\ntarget: [session\n';
    writeFileSync(file, broken);
    const state = await connection.sendRequest(DeploymentStateRequest, { uri });
    assert.equal(state.yamlOk, false);
    const refused = await connection.sendRequest(DeploymentWriteRequest, { uri, diskText: broken, edits: [{ path: 'parallelism', value: 3 }] });
    assert.equal(refused.ok, false);
    assert.equal(readFileSync(file, 'utf8'), broken);
    const replaced = await connection.sendRequest(DeploymentWriteRequest, { uri, diskText: broken, replaceWithDefaults: true });
    assert.equal(replaced.ok, true, replaced.error);
    assert.equal(replaced.state?.valid, true);
    assert.match(readFileSync(file, 'utf8'), /^name: broken\ntype: JAR {2,}#/m);
  });
});
