// Format Document and Format Selection over stdio: the edits an editor applies, the workspace settings the
// server asks for, and the warning for statements left as they are.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  InitializedNotification,
  InitializeRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type ShowMessageParams,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { buildCli } from '../cli/buildCli';

const URI = 'untitled:formatting.flink.sql';
const DRAFT = "create table t (a int) with ('connector'='print');\nselect  a from t;\nselect from where;\nselect 1\n";

describe('formatting over stdio', function () {
  this.timeout(60_000);
  let child: ChildProcessWithoutNullStreams;
  let connection: ProtocolConnection;
  const messages: ShowMessageParams[] = [];
  let settings: unknown = { keywordCase: 'upper', indentWidth: null, lineWidth: null };
  const apply = (edits: TextEdit[]) => TextDocument.applyEdits(TextDocument.create(URI, 'flink-sql', 1, DRAFT), edits);

  before(async () => {
    const cli = await buildCli();
    child = spawn(process.execPath, [cli, 'lsp', '--stdio']);
    connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.onNotification('window/showMessage', (p: ShowMessageParams) => { messages.push(p); });
    connection.onRequest(ConfigurationRequest.type, (p) => p.items.map((i) => (i.section === 'flinkSql.format' ? settings : null)));
    connection.listen();
    const init = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
    assert.equal(init.capabilities.documentFormattingProvider, true);
    assert.equal(init.capabilities.documentRangeFormattingProvider, true);
    await connection.sendNotification(InitializedNotification.type, {});
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: 'flink-sql', version: 1, text: DRAFT } });
  });

  after(() => {
    connection?.dispose();
    if (child && child.exitCode === null) child.kill();
  });

  it('formats the document and says which statement it left as written', async () => {
    const edits = await connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri: URI }, options: { tabSize: 4, insertSpaces: true } });
    assert.equal(apply(edits ?? []), "CREATE TABLE t (a INT)\nWITH (\n  'connector' = 'print'\n);\n\nSELECT a\nFROM t;\n\nselect from where;\n\nSELECT 1\n");
    assert.equal(messages.length, 1);
    assert.match(messages[0].message, /^Formatting left 1 statement as written: line 3 \(Encountered "from" at line 3, column 8/);
  });

  it('formats only the statements a selection touches, with the workspace settings', async () => {
    settings = { keywordCase: 'lower', indentWidth: 4, lineWidth: null };
    const edits = await connection.sendRequest(DocumentRangeFormattingRequest.type, {
      textDocument: { uri: URI }, range: { start: { line: 1, character: 2 }, end: { line: 1, character: 3 } }, options: { tabSize: 2, insertSpaces: true },
    });
    assert.equal(apply(edits ?? []), "create table t (a int) with ('connector'='print');\nselect a\nfrom t;\nselect from where;\nselect 1\n");
  });
});
