// A deployment config's logging.profile that a publish would refuse (outside the workspace through a link, not a
// regular file) is an error in the editor already, on the profile's line, in the engine's words.
import { strict as assert } from 'node:assert';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidOpenTextDocumentNotification, PublishDiagnosticsNotification, type ProtocolConnection, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { startStdioServer, stopStdioServer } from './stdioServer';

describe('language server: a logging profile the engine would refuse', function () {
  this.timeout(60_000);
  let child: ChildProcessWithoutNullStreams;
  let connection: ProtocolConnection;
  let ws: string;
  let outside: string;
  const published: PublishDiagnosticsParams[] = [];

  before(async function () {
    if (process.platform === 'win32') this.skip();
    ws = fs.mkdtempSync(join(tmpdir(), 'flink-profile-ws-'));
    outside = fs.mkdtempSync(join(tmpdir(), 'flink-profile-outside-'));
    fs.writeFileSync(join(outside, 'credentials'), 'aws_secret_access_key = not-yours\n');
    fs.mkdirSync(join(ws, 'logging'));
    fs.writeFileSync(join(ws, 'logging', 'quiet.properties'), 'rootLogger.level = WARN\n');
    fs.symlinkSync(join(outside, 'credentials'), join(ws, 'logging', 'linked.properties'));
    execFileSync('mkfifo', [join(ws, 'logging', 'fifo.properties')]);
    ({ child, connection } = await startStdioServer({
      workspaceFolders: [{ uri: pathToFileURL(ws).toString(), name: 'flink-jobs' }],
      register: (c) => { c.onNotification(PublishDiagnosticsNotification.type, (p) => { published.push(p); }); },
    }));
  });
  after(() => {
    stopStdioServer({ child, connection });
    for (const d of [ws, outside]) if (d) fs.rmSync(d, { recursive: true, force: true });
  });

  async function diagnosticsOf(file: string, profile: string) {
    const uri = pathToFileURL(file).toString();
    const text = `name: orders\ntype: SQL\ntarget: per-job\nlogging:\n  profile: ${profile}\n`;
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const deadline = Date.now() + 10_000;
    while (!published.some((p) => p.uri === uri) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const found = published.find((p) => p.uri === uri);
    assert.ok(found, `no diagnostics published for ${file}`);
    return found.diagnostics.map((d) => ({ line: d.range.start.line, code: d.code, message: typeof d.message === 'string' ? d.message : d.message.value }));
  }

  it('flags a profile that links outside the workspace, and one that is not a regular file; not a good one', async () => {
    const linked = await diagnosticsOf(join(ws, 'linked.deployment.yaml'), 'logging/linked.properties');
    assert.equal(linked.length, 1, JSON.stringify(linked));
    assert.equal(linked[0].line, 4);
    assert.equal(linked[0].code, 'logging-profile-refused');
    assert.match(linked[0].message, /^logging\.profile "logging\/linked\.properties" is .*credentials, outside the workspace .*: a logging profile must be a file of the workspace$/);

    const fifo = await diagnosticsOf(join(ws, 'fifo.deployment.yaml'), 'logging/fifo.properties');
    assert.equal(fifo.length, 1, JSON.stringify(fifo));
    assert.match(fifo[0].message, /^logging\.profile "logging\/fifo\.properties": cannot read .*: it is a FIFO \(named pipe\): only regular files are read$/);

    assert.deepEqual(await diagnosticsOf(join(ws, 'good.deployment.yaml'), 'logging/quiet.properties'), []);
    // A missing one is said once, as before.
    const missing = await diagnosticsOf(join(ws, 'missing.deployment.yaml'), 'logging/none.properties');
    assert.deepEqual(missing.map((d) => d.code), ['missing-file']);
  });
});
