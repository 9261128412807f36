// The language server end to end: spawns `flink-sql lsp --stdio` (bundled from the sources) and speaks
// JSON-RPC to it as an editor would — initialize, open a broken draft, outline, folding, edit, close, exit.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  ExitNotification,
  FoldingRangeRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type DocumentSymbol,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { ServerStatusNotification, type ServerStatusParams } from '../../../server/src/protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, diagnostics } from '../../../server/src/service';
import { buildCli } from '../cli/buildCli';

const URI = 'file:///drafts/orders.flink.sql';
const DRAFT = [
  'CREATE TABLE orders (',
  '  order_id BIGINT,',
  '  price DECIMAL(32, 2)',
  ") WITH ('connector' = 'datagen');",
  '',
  "CREATE TABLE big_orders (order_id BIGINT, price DECIMAL(32, 2)) WITH ('connector' = 'blackhole');",
  '',
  'SELECT * FORM orders;',
  '',
].join('\n');

/** Resolves with the next diagnostics published for `uri` at `version` (or later). */
function nextDiagnostics(received: PublishDiagnosticsParams[], waiters: (() => void)[], version: number): Promise<PublishDiagnosticsParams> {
  return new Promise((resolve) => {
    const check = () => {
      const hit = received.find((p) => p.uri === URI && (p.version ?? -1) >= version);
      if (!hit) return false;
      resolve(hit);
      return true;
    };
    if (!check()) waiters.push(() => void check());
  });
}

describe('language server over stdio', function () {
  this.timeout(60_000);
  let child: ChildProcessWithoutNullStreams;
  let connection: ProtocolConnection;
  let stderr = '';
  const published: PublishDiagnosticsParams[] = [];
  const statuses: ServerStatusParams[] = [];
  const logs: string[] = [];
  const waiters: (() => void)[] = [];

  before(async () => {
    const cli = await buildCli();
    child = spawn(process.execPath, [cli, 'lsp', '--stdio']);
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      published.push(p);
      for (const w of waiters.splice(0)) w();
    });
    connection.onNotification(ServerStatusNotification, (p) => { statuses.push(p); });
    connection.onNotification(LogMessageNotification.type, (p) => { logs.push(p.message); });
    connection.listen();
  });

  after(() => {
    connection?.dispose();
    if (child && child.exitCode === null) child.kill();
  });

  it('initializes with document sync, outline and folding', async () => {
    const result = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: { textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true } } },
    });
    assert.ok(result.capabilities.textDocumentSync, 'textDocumentSync');
    assert.ok(result.capabilities.documentSymbolProvider, 'documentSymbolProvider');
    assert.ok(result.capabilities.foldingRangeProvider, 'foldingRangeProvider');
    assert.equal(result.serverInfo?.name, 'Flink SQL Language Server');
    await connection.sendNotification(InitializedNotification.type, {});
  });

  it('publishes the syntax error of an opened draft', async () => {
    const diagnostics = nextDiagnostics(published, waiters, 1);
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: URI, languageId: 'flink-sql', version: 1, text: DRAFT },
    });
    const p = await diagnostics;
    assert.equal(p.diagnostics.length, 1, JSON.stringify(p.diagnostics));
    const [d] = p.diagnostics;
    assert.equal(d.severity, 1);
    assert.equal(d.source, 'flink-sql');
    assert.deepEqual(d.range.start, { line: 7, character: 14 }); // at `orders`: Flink reads FORM as an alias
  });

  it('reports its status and routes its console output to the client log', () => {
    assert.deepEqual(statuses[0], { health: 'ok', version: statuses[0]?.version });
    assert.match(statuses[0].version ?? '', /^\d+\.\d+\.\d+/);
    assert.ok(logs.some((m) => m.includes('Flink SQL Language Server') && m.includes('ready')), logs.join('\n'));
  });

  it('outlines the tables', async () => {
    const symbols = (await connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: URI } })) as DocumentSymbol[];
    assert.deepEqual(symbols.map((s) => s.name), ['orders', 'big_orders']);
    assert.deepEqual(symbols[0].selectionRange.start, { line: 0, character: 13 });
  });

  it('folds the multi-line CREATE TABLE', async () => {
    const ranges = await connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: URI } });
    assert.deepEqual(ranges, [{ startLine: 0, endLine: 3 }]);
  });

  it('clears the error after an incremental edit fixes it', async () => {
    const diagnostics = nextDiagnostics(published, waiters, 2);
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ range: { start: { line: 7, character: 9 }, end: { line: 7, character: 13 } }, text: 'FROM' }],
    });
    assert.deepEqual((await diagnostics).diagnostics, []);
  });

  it('answers empty for a document it does not know, and keeps serving', async () => {
    const symbols = await connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: 'file:///never/opened.sql' } });
    assert.deepEqual(symbols, []);
    const again = await connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: URI } });
    assert.ok(Array.isArray(again));
  });

  it('publishes after each incremental edit what a fresh analysis of the text says (edits one by one, in bursts, several ranges at once)', async () => {
    let doc = TextDocument.create(URI, 'flink-sql', 2, DRAFT.replace('FORM', 'FROM'));
    let seed = 9;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const pieces = ['x', ' ', ';', '\n', "'", 'orders', ', extra INT', '\r\n', 'FORM', ''];
    const change = () => {
      const start = next() % (doc.getText().length + 1);
      const end = Math.min(doc.getText().length, start + (next() % 4));
      return { range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: pieces[next() % pieces.length] };
    };
    // first, on the clean draft: the editor's range exactly on a statement's `;` (the server takes the edit from the change, not a diff)
    for (const replacement of [' ', ';']) {
      const at = replacement === ' ' ? doc.getText().indexOf(';') : doc.getText().indexOf(' ', doc.getText().indexOf('  order_id'));
      const contentChanges = [{ range: { start: doc.positionAt(at), end: doc.positionAt(at + 1) }, text: replacement }];
      doc = TextDocument.update(doc, contentChanges, doc.version + 1);
      await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: URI, version: doc.version }, contentChanges });
      const got = await nextDiagnostics(published, waiters, doc.version);
      assert.deepEqual(got.diagnostics, JSON.parse(JSON.stringify(diagnostics(analyze(doc.getText())))), JSON.stringify(doc.getText()));
    }
    for (let i = 0; i < 60; i++) {
      // every 7th: two ranges in one change; every 5th: a burst of three changes diagnosed once
      const burst = i % 5 === 4 ? 3 : 1;
      for (let b = 0; b < burst; b++) {
        const contentChanges = i % 7 === 6 ? [change(), change()] : [change()];
        doc = TextDocument.update(doc, contentChanges, doc.version + 1);
        await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: URI, version: doc.version }, contentChanges });
      }
      const got = await nextDiagnostics(published, waiters, doc.version);
      const want = diagnostics(analyze(doc.getText()));
      assert.deepEqual(got.diagnostics, JSON.parse(JSON.stringify(want)), `after edit ${i}: ${JSON.stringify(doc.getText())}`);
    }
  });

  it('clears diagnostics when the draft is closed', async () => {
    const cleared = new Promise<PublishDiagnosticsParams>((resolve) => {
      const before = published.length;
      waiters.push(function check() {
        const p = published.slice(before).find((x) => x.uri === URI);
        if (p) resolve(p); else waiters.push(check);
      });
    });
    await connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: URI } });
    assert.deepEqual((await cleared).diagnostics, []);
  });

  it('shuts down and exits with code 0', async () => {
    await connection.sendRequest(ShutdownRequest.type);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await connection.sendNotification(ExitNotification.type);
    assert.equal(await exited, 0, stderr);
  });
});
