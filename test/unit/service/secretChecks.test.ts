// Secrets in the language service: `${secret:` completion from the names the client sent, a warning for a name it
// does not hold (none when the names are unknown), a warning for a credential written as a literal with the
// "Move into a secret" quick fix (a client command: the value never crosses the connection).
import { strict as assert } from 'node:assert';
import { analyze, codeActions, complete, diagnostics } from '../../../server/src/service';
import { LITERAL_CREDENTIAL, MOVE_INTO_SECRET_COMMAND, UNKNOWN_SECRET } from '../../../server/src/service/secretChecks';

const URI = 'file:///drafts/orders.flink.sql';
const CARET = '‸';

function at(textWithCaret: string) {
  const offset = textWithCaret.indexOf(CARET);
  const doc = analyze(textWithCaret.replace(CARET, ''));
  return { doc, position: doc.lines.positionAt(offset) };
}

const KAFKA = `CREATE TABLE orders (
  order_id BIGINT,
  price DECIMAL(10, 2)
) WITH (
  'connector' = 'kafka',
  'topic' = 'orders',
  'properties.bootstrap.servers' = 'broker:9092',
  'properties.security.protocol' = 'SASL_SSL',
  'properties.sasl.mechanism' = 'PLAIN',
  'properties.sasl.jaas.config' = 'org.apache.kafka.common.security.plain.PlainLoginModule required username="app" password="s3cr3t-pw";',
  'format' = 'json'
);
CREATE TABLE pg (id BIGINT) WITH ('connector' = 'jdbc', 'url' = 'jdbc:postgresql://db:5432/shop', 'table-name' = 'pg', 'password' = '\${secret:PG_PASSWORD}', 'username' = 'app');
`;

describe('secret references in the language service', () => {
  it('completes stored names after ${secret: inside a WITH value', () => {
    const { doc, position } = at("CREATE TABLE t (id INT) WITH ('connector' = 'jdbc', 'password' = '${secret:PG‸');");
    const items = complete(doc, position, { secretNames: ['PG_PASSWORD', 'KAFKA_PASSWORD'] });
    assert.deepEqual(items.map((i) => i.label), ['PG_PASSWORD', 'KAFKA_PASSWORD']);
    const edit = items[0].textEdit as { newText: string; range: { start: { character: number } } };
    assert.equal(edit.newText, 'PG_PASSWORD}');
  });

  it('completes in a SET value too, and leaves other places to the usual completion', () => {
    const set = at("SET 'table.exec.sink.password' = '${secret:‸';");
    assert.deepEqual(complete(set.doc, set.position, { secretNames: ['A'] }).map((i) => i.label), ['A']);
    const plain = at("CREATE TABLE t (id INT) WITH ('connector' = 'jdbc', 'password' = 'x‸');");
    assert.ok(!complete(plain.doc, plain.position, { secretNames: ['A'] }).some((i) => i.label === 'A'));
  });

  it('warns about an unknown name only when the client told the names', () => {
    const doc = analyze(KAFKA);
    assert.ok(!diagnostics(doc).some((d) => d.code === UNKNOWN_SECRET));
    const unknown = diagnostics(doc, { secretNames: ['KAFKA_PASSWORD'] }).filter((d) => d.code === UNKNOWN_SECRET);
    assert.equal(unknown.length, 1);
    assert.match(String(unknown[0].message), /No secret named PG_PASSWORD/);
    assert.equal(doc.text.slice(doc.lines.offsetAt(unknown[0].range.start), doc.lines.offsetAt(unknown[0].range.end)), '${secret:PG_PASSWORD}');
    assert.ok(!diagnostics(doc, { secretNames: ['PG_PASSWORD'] }).some((d) => d.code === UNKNOWN_SECRET));
  });

  it('flags a literal credential (only the JAAS password) and offers "Move into a secret"', () => {
    const doc = analyze(KAFKA);
    const diags = diagnostics(doc);
    const found = diags.filter((d) => d.code === LITERAL_CREDENTIAL);
    assert.equal(found.length, 1, 'the reference is not flagged');
    assert.equal(doc.text.slice(doc.lines.offsetAt(found[0].range.start), doc.lines.offsetAt(found[0].range.end)), 's3cr3t-pw');
    const range = { start: doc.lines.positionAt(0), end: doc.lines.positionAt(KAFKA.length) };
    const [action] = codeActions(doc, range, found, URI);
    assert.equal(action.title, 'Move into a secret');
    assert.equal(action.command?.command, MOVE_INTO_SECRET_COMMAND);
    assert.deepEqual(action.command?.arguments, [{ uri: URI, range: found[0].range, suggestedName: 'SASL_PASSWORD' }]);
    assert.ok(!JSON.stringify(action).includes('s3cr3t-pw'), 'the value stays in the document');
  });

  it('flags password and secret-key literals, not ordinary options', () => {
    const doc = analyze("CREATE TABLE s (id INT) WITH ('connector' = 'filesystem', 'path' = 's3://b/p', 'format' = 'json', 's3.secret-key' = 'AKIAxyz', 'password' = '');\n");
    const found = diagnostics(doc).filter((d) => d.code === LITERAL_CREDENTIAL);
    assert.deepEqual(found.map((d) => (d.data as { suggestedName: string }).suggestedName), ['S3_SECRET_KEY']);
  });
});
