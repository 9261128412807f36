// A JAR draft's Validate and Execute over stdio, as the extension sends them, without Maven or a cluster: a file
// of no JAR draft says so (the client then treats it as a SQL draft's), and each refusal says why and where.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { newDraftFiles } from '../../../server/src/deployment/newDraft';
import { DeploymentPublishRequest, FlinkJarExecuteRequest, FlinkJarValidateRequest, type FlinkConnectionParams } from '../../../server/src/protocol';
import { startStdioServer, stopStdioServer, type StdioServer } from './stdioServer';

describe('language server: JAR drafts (no Maven, no cluster)', function () {
  this.timeout(60_000);
  let server: StdioServer;
  let dir: string;
  const uri = (rel: string) => pathToFileURL(path.join(dir, rel)).toString();
  // remote: resolving needs no network; nothing below gets as far as a request to the JobManager
  const remote = (restUrl?: string): FlinkConnectionParams => ({ target: 'remote', gatewayUrl: 'http://127.0.0.1:9', ...(restUrl && { restUrl }) });

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jar-handlers-'));
    for (const [rel, text] of Object.entries({
      ...newDraftFiles({ name: 'orders', type: 'SQL', target: 'session' }),
      ...newDraftFiles({ name: 'totals', type: 'JAR', target: 'session' }),
      'prebuilt.deployment.yaml': 'name: prebuilt\ntype: JAR\ntarget: session\njar:\n  file: build/missing.jar\n  entryClass: com.example.Main\n',
      'broken.deployment.yaml': 'name: broken\ntype: JAR\ntarget: nowhere\n',
      'stray.py': 'print("no draft names me")\n',
      'gone.deployment.yaml': 'name: gone\ntype: PYTHON\ntarget: session\npython:\n  file: jobs/gone.py\n',
    })) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
    server = await startStdioServer();
  });
  after(() => {
    stopStdioServer(server);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers notJarDraft for a SQL draft and its config', async () => {
    for (const rel of ['orders.flink.sql', 'orders.deployment.yaml']) {
      const r = await server.connection.sendRequest(FlinkJarValidateRequest, { uri: uri(rel), connection: remote('http://127.0.0.1:9') });
      assert.equal(r.notJarDraft, true, rel);
      assert.equal(r.ok, false);
    }
  });

  it('PYTHON drafts: a script no config names is no draft; a config naming a missing script says so on the config', async () => {
    const stray = await server.connection.sendRequest(FlinkJarValidateRequest, { uri: uri('stray.py'), connection: remote('http://127.0.0.1:9') });
    assert.equal(stray.notJarDraft, true);
    const gone = await server.connection.sendRequest(FlinkJarExecuteRequest, { uri: uri('gone.deployment.yaml'), connection: remote('http://127.0.0.1:9') });
    assert.equal(gone.ok, false);
    assert.equal(gone.draft, 'gone');
    assert.match(gone.summary, /jobs\/gone\.py: no such Python script \(python\.file in /);
    assert.deepEqual(gone.problems.map((p) => p.uri), [uri('gone.deployment.yaml')]);
  });

  it('finds the draft of its main class, and asks for the JobManager\'s REST URL when there is none', async () => {
    const r = await server.connection.sendRequest(FlinkJarExecuteRequest, { uri: uri('totals/src/main/java/com/example/totals/TotalsJob.java'), connection: remote() });
    assert.equal(r.ok, false);
    assert.equal(r.draft, 'totals');
    assert.equal(r.configUri, uri('totals.deployment.yaml'));
    assert.match(r.summary, /REST API: set flinkSql\.rest\.url/);
  });

  it('puts a missing jar on the config, and a broken config\'s error on its line', async () => {
    const missing = await server.connection.sendRequest(FlinkJarValidateRequest, { uri: uri('prebuilt.deployment.yaml'), connection: remote('http://127.0.0.1:9') });
    assert.equal(missing.ok, false);
    assert.match(missing.summary, /missing\.jar: no such jar/);
    assert.deepEqual(missing.problems.map((p) => p.uri), [uri('prebuilt.deployment.yaml')]);
    const broken = await server.connection.sendRequest(FlinkJarValidateRequest, { uri: uri('broken.deployment.yaml'), connection: remote('http://127.0.0.1:9') });
    assert.equal(broken.ok, false);
    assert.equal(broken.notJarDraft, undefined);
    assert.equal(broken.problems[0]?.uri, uri('broken.deployment.yaml'));
    assert.equal(broken.problems[0]?.diagnostics[0]?.range.start.line, 2);
  });

  it('publishes the JAR draft of a file of its project (the Java class in the editor): its missing jar stops it', async () => {
    fs.mkdirSync(path.join(dir, 'prebuilt', 'src'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'prebuilt2.deployment.yaml'), 'name: prebuilt2\ntype: JAR\ntarget: session\njar:\n  project: prebuilt\n  entryClass: com.example.Main\n');
    fs.writeFileSync(path.join(dir, 'prebuilt', 'src', 'Main.java'), 'class Main {}\n');
    const r = await server.connection.sendRequest(DeploymentPublishRequest, { uri: uri('prebuilt/src/Main.java'), connection: remote('http://127.0.0.1:9') });
    assert.equal(r.ok, false);
    assert.match(r.error ?? '', /prebuilt has no pom\.xml: jar\.project names the folder of a Maven project/);
  });
});
