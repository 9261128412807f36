// Secrets through the LSP, as an editor sees them: the client's names (flinkSql/secretNames) turn on unknown-name
// warnings and `${secret:` completion; a literal credential gets the "Move into a secret" quick fix, a command.
import { strict as assert } from 'node:assert';
import {
  CodeActionRequest, CompletionRequest, DidOpenTextDocumentNotification, PublishDiagnosticsNotification,
  type CodeAction, type CompletionItem, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { SecretNamesNotification } from '../../../server/src/protocol';
import { startStdioServer, stopStdioServer, type StdioServer } from './stdioServer';

const URI = 'file:///drafts/pg.flink.sql';
const DRAFT = `CREATE TABLE customers (id BIGINT, name STRING) WITH (
  'connector' = 'jdbc',
  'url' = 'jdbc:postgresql://db:5432/shop',
  'table-name' = 'customers',
  'username' = 'app',
  'password' = '\${secret:PG_PASSWORD}'
);
CREATE TABLE orders (id BIGINT) WITH ('connector' = 'jdbc', 'url' = 'jdbc:postgresql://db:5432/shop', 'table-name' = 'orders', 'password' = 'plain-pw');
`;

describe('secrets over the LSP', function () {
  this.timeout(60_000);
  let server: StdioServer;
  const published: PublishDiagnosticsParams[] = [];
  const waitFor = async (ok: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> => {
    for (let i = 0; i < 200; i++) {
      const hit = [...published].reverse().find((p) => p.uri === URI);
      if (hit && ok(hit)) return hit;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no such diagnostics: ${JSON.stringify(published.at(-1))}`);
  };

  before(async () => {
    server = await startStdioServer({ register: (c) => c.onNotification(PublishDiagnosticsNotification.type, (p) => void published.push(p)) });
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: 'flink-sql', version: 1, text: DRAFT } });
  });
  after(() => stopStdioServer(server));

  it('warns about an unknown name once the client said its names, and about the literal password', async () => {
    const first = await waitFor((p) => p.diagnostics.some((d) => d.code === 'literal-credential'));
    assert.ok(!first.diagnostics.some((d) => d.code === 'unknown-secret'), 'names not known yet: no warning');
    await server.connection.sendNotification(SecretNamesNotification, { names: ['KAFKA_PASSWORD'] });
    const after = await waitFor((p) => p.diagnostics.some((d) => d.code === 'unknown-secret'));
    assert.equal(after.diagnostics.find((d) => d.code === 'unknown-secret')!.range.start.line, 5);
    await server.connection.sendNotification(SecretNamesNotification, { names: ['KAFKA_PASSWORD', 'PG_PASSWORD'] });
    await waitFor((p) => !p.diagnostics.some((d) => d.code === 'unknown-secret'));
  });

  it('completes stored names after ${secret: and offers "Move into a secret"', async () => {
    const line = DRAFT.split('\n')[5];
    const items = await server.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: URI }, position: { line: 5, character: line.indexOf('PG_') } }) as CompletionItem[];
    assert.deepEqual(items.map((i) => i.label), ['KAFKA_PASSWORD', 'PG_PASSWORD']);
    const diag = (await waitFor((p) => p.diagnostics.some((d) => d.code === 'literal-credential'))).diagnostics.find((d) => d.code === 'literal-credential')!;
    const actions = await server.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: URI }, range: diag.range, context: { diagnostics: [diag] } }) as CodeAction[];
    const move = actions.find((a) => a.title === 'Move into a secret');
    assert.equal(move?.command?.command, 'flinkSql.moveIntoSecret');
    assert.deepEqual(move?.command?.arguments, [{ uri: URI, range: diag.range, suggestedName: 'PASSWORD' }]);
  });
});
