// out/server.js as the VS Code client launches it: forked with --node-ipc (and --clientProcessId).
import { strict as assert } from 'node:assert';
import { fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import {
  createProtocolConnection,
  DocumentSymbolRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  ShutdownRequest,
  DidOpenTextDocumentNotification,
  type DocumentSymbol,
} from 'vscode-languageserver-protocol/node';
import { buildCli } from '../cli/buildCli';

describe('server entry over node IPC', function () {
  this.timeout(60_000);

  it('initializes, outlines a draft and exits cleanly', async () => {
    const server = join(dirname(await buildCli()), 'server.js');
    const child = fork(server, ['--node-ipc', `--clientProcessId=${process.pid}`], { silent: true });
    let stdout = '';
    child.stdout?.on('data', (d: Buffer) => { stdout += d.toString(); });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    try {
      const init = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
      assert.ok(init.capabilities.documentSymbolProvider);
      await connection.sendNotification(InitializedNotification.type, {});
      const uri = 'file:///drafts/pipeline.flink.sql';
      await connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'flink-sql', version: 1, text: "CREATE VIEW v AS SELECT 1;\nCREATE FUNCTION f AS 'com.example.F';" },
      });
      const symbols = (await connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
      assert.deepEqual(symbols.map((s) => s.name), ['v', 'f']);
      await connection.sendRequest(ShutdownRequest.type);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      await connection.sendNotification(ExitNotification.type);
      assert.equal(await exited, 0);
      // Over IPC stdout is free, but the server still routes console output to the client log.
      assert.equal(stdout, '');
    } finally {
      connection.dispose();
      if (child.exitCode === null) child.kill();
    }
  });
});
