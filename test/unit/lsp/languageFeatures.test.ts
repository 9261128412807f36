// Completion, hover and quick fixes end to end: spawns `flink-sql lsp --stdio` (bundled from the sources) and
// asks for them as an editor would, on a draft with a misspelt FROM.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  CodeActionRequest,
  CompletionRequest,
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type CodeAction,
  type CompletionItem,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { buildCli } from '../cli/buildCli';

const URI = 'file:///drafts/features.flink.sql';
const DRAFT = [
  'CREATE TABLE orders (',
  '  order_id BIGINT,',
  '  price DECIMAL(32, 2)',
  ") WITH ('connector' = 'datagen');",
  'SELECT o.price FORM orders o;',
  'SELECT o. FROM orders o;',
  '',
].join('\n');

describe('language features over stdio', function () {
  this.timeout(60_000);
  let child: ChildProcessWithoutNullStreams;
  let connection: ProtocolConnection;
  let diagnostics: Promise<PublishDiagnosticsParams>;

  before(async () => {
    const cli = await buildCli();
    child = spawn(process.execPath, [cli, 'lsp', '--stdio']);
    connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    diagnostics = new Promise((resolve) => connection.onNotification(PublishDiagnosticsNotification.type, (p) => { if (p.uri === URI) resolve(p); }));
    connection.listen();
  });

  after(() => {
    connection?.dispose();
    if (child && child.exitCode === null) child.kill();
  });

  it('advertises completion (on . and \'), hover and quick fixes', async () => {
    const result = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
    assert.deepEqual(result.capabilities.completionProvider?.triggerCharacters, ['.', "'"]);
    assert.ok(result.capabilities.hoverProvider);
    assert.deepEqual(result.capabilities.codeActionProvider, { codeActionKinds: ['quickfix'] });
    await connection.sendNotification(InitializedNotification.type, {});
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: URI, languageId: 'flink-sql', version: 1, text: DRAFT },
    });
  });

  it('completes the columns of an alias after `o.`', async () => {
    const items = (await connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: URI }, position: { line: 5, character: 9 }, context: { triggerKind: 2, triggerCharacter: '.' },
    })) as CompletionItem[];
    assert.deepEqual(items.map((i) => i.label), ['order_id', 'price']);
  });

  it('hovers a table and a column with its type', async () => {
    const h = await connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line: 5, character: 20 } });
    assert.match((h?.contents as { value: string }).value, /connector `datagen`/);
    const col = await connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line: 2, character: 4 } });
    assert.match((col?.contents as { value: string }).value, /price DECIMAL\(32, 2\)[\s\S]*Column of table `orders`/);
  });

  it('fixes the misspelt FROM', async () => {
    const p = await diagnostics;
    assert.equal(p.diagnostics.length, 2, JSON.stringify(p.diagnostics));
    const actions = (await connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: URI }, range: p.diagnostics[0].range, context: { diagnostics: [p.diagnostics[0]] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.isPreferred)!;
    assert.equal(fix.title, "Change 'FORM' to 'FROM'");
    assert.deepEqual(fix.edit?.changes?.[URI], [{ range: { start: { line: 4, character: 15 }, end: { line: 4, character: 19 } }, newText: 'FROM' }]);
  });

  it('shuts down cleanly', async () => {
    await connection.sendRequest(ShutdownRequest.type);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await connection.sendNotification(ExitNotification.type);
    assert.equal(await exited, 0);
  });
});
