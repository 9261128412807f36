// Go to definition, references and rename end to end: spawns `flink-sql lsp --stdio` (bundled from the sources)
// and asks for them as an editor would, including a refused rename that must answer an error with its reason.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  createProtocolConnection,
  DefinitionRequest,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  ResponseError,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Location,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { buildCli } from '../cli/buildCli';

const URI = 'file:///drafts/navigation.flink.sql';
const DRAFT = [
  'CREATE TABLE orders (',
  '  order_id BIGINT,',
  '  price DECIMAL(32, 2)',
  ") WITH ('connector' = 'datagen');",
  'SELECT o.price FROM orders o WHERE o.price > 10;',
  '',
].join('\n');

describe('definition, references and rename over stdio', function () {
  this.timeout(60_000);
  let child: ChildProcessWithoutNullStreams;
  let connection: ProtocolConnection;

  before(async () => {
    const cli = await buildCli();
    child = spawn(process.execPath, [cli, 'lsp', '--stdio']);
    connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.listen();
    const result = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
    assert.ok(result.capabilities.definitionProvider);
    assert.ok(result.capabilities.referencesProvider);
    assert.deepEqual(result.capabilities.renameProvider, { prepareProvider: true });
    await connection.sendNotification(InitializedNotification.type, {});
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: URI, languageId: 'flink-sql', version: 1, text: DRAFT },
    });
  });

  after(() => {
    connection?.dispose();
    if (child && child.exitCode === null) child.kill();
  });

  const at = (line: number, character: number) => ({ textDocument: { uri: URI }, position: { line, character } });
  const range = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });

  it('goes from a column reference to the column definition', async () => {
    const def = (await connection.sendRequest(DefinitionRequest.type, at(4, 10))) as Location;
    assert.deepEqual(def, { uri: URI, range: range(2, 2, 7) });
  });

  it('finds every reference of the table', async () => {
    const refs = await connection.sendRequest(ReferencesRequest.type, { ...at(0, 15), context: { includeDeclaration: true } });
    assert.deepEqual(refs?.map((r) => r.range), [range(0, 13, 19), range(4, 20, 26)]);
  });

  it('renames a column with a back-quoted reserved word', async () => {
    const prepared = await connection.sendRequest(PrepareRenameRequest.type, at(4, 10));
    assert.deepEqual(prepared, { range: range(4, 9, 14), placeholder: 'price' });
    const edit = await connection.sendRequest(RenameRequest.type, { ...at(4, 10), newName: 'value' });
    assert.deepEqual(edit?.changes?.[URI], [
      { range: range(2, 2, 7), newText: '`value`' },
      { range: range(4, 9, 14), newText: '`value`' },
      { range: range(4, 37, 42), newText: '`value`' },
    ]);
  });

  it('refuses to rename a keyword with an error that says why', async () => {
    await assert.rejects(
      connection.sendRequest(PrepareRenameRequest.type, at(4, 2)),
      (e: unknown) => e instanceof ResponseError && e.message === '`SELECT` is a keyword, not a name.',
    );
  });

  it('shuts down cleanly', async () => {
    await connection.sendRequest(ShutdownRequest.type);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await connection.sendNotification(ExitNotification.type);
    assert.equal(await exited, 0);
  });
});
