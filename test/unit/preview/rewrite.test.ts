// The preview's rewriting on the parser's tree: INSERTs (every spelling) become SELECTs cast to the sink's columns,
// a mocked source's CREATE TABLE reads its fixture, and offsets inside the rewritten text map back into the draft.
import { strict as assert } from 'node:assert';
import { parseScript, type CreateTableNode } from '../../../server/src/parser';
import { groupStatements } from '../../../server/src/flink/statementKinds';
import { captureSubmission, fixtureColumns, mockCreateTable, RewriteError, sinkColumnsFromDescribe, unitWrites } from '../../../server/src/preview/rewrite';

const SINK = [{ name: 'word', type: 'STRING' }, { name: 'n', type: 'BIGINT' }];

function writesOf(script: string) {
  const parsed = parseScript(script);
  const units = groupStatements(script, parsed.statements);
  return units.map((u) => unitWrites(u, parsed.statements));
}

describe('preview rewrite', () => {
  it('turns an INSERT into a SELECT of its query under the sink columns, keeping the query at its draft offsets', () => {
    const script = "CREATE TABLE t (word STRING, n BIGINT) WITH ('connector' = 'blackhole');\nINSERT INTO t\nSELECT w,\n  COUNT(*) FROM src GROUP BY w;";
    const [, [w]] = writesOf(script);
    assert.equal(w.sink, 't');
    const sub = captureSubmission([w], SINK);
    assert.match(sub.text, /^SELECT CAST\(`\$c0` AS STRING\) AS `word`, CAST\(`\$c1` AS BIGINT\) AS `n` FROM \(SELECT w,\n {2}COUNT\(\*\) FROM src GROUP BY w\) AS `\$insert`\(`\$c0`, `\$c1`\)$/);
    const at = sub.text.indexOf('COUNT');
    assert.equal(sub.toDraftOffset(at), script.indexOf('COUNT'));
  });

  it('places an INSERT column list and static partition values; other columns are NULL', () => {
    const cols = [{ name: 'a', type: 'INT' }, { name: 'b', type: 'STRING' }, { name: 'dt', type: 'STRING' }];
    const [[w]] = writesOf("INSERT INTO t PARTITION (dt = '2024') (b) SELECT x FROM s");
    const sub = captureSubmission([w], cols);
    assert.ok(sub.text.startsWith("SELECT CAST(NULL AS INT) AS `a`, CAST(`$c0` AS STRING) AS `b`, CAST('2024' AS STRING) AS `dt` FROM (SELECT x FROM s) AS `$insert`(`$c0`)"), sub.text);
  });

  it('names a column the sink lacks at the INSERT column list', () => {
    const script = 'INSERT INTO t (word, nope) SELECT 1, 2';
    const [[w]] = writesOf(script);
    assert.throws(() => captureSubmission([w], SINK), (e: RewriteError) => e instanceof RewriteError && script.slice(e.start, e.end) === 'nope');
  });

  it('finds every sink of a statement set, in each spelling, and joins writes into one sink with UNION ALL', () => {
    const exec = writesOf('EXECUTE STATEMENT SET BEGIN\nINSERT INTO a SELECT 1, 2;\nINSERT INTO b SELECT 3, 4;\nINSERT INTO a SELECT 5, 6;\nEND;')[0];
    assert.deepEqual(exec.map((w) => w.sink), ['a', 'b', 'a']);
    const client = 'BEGIN STATEMENT SET;\nINSERT INTO a SELECT 1, 2;\nINSERT INTO cat.db.b SELECT 3, 4;\nEND;';
    const units = writesOf(client);
    assert.deepEqual(units[0].map((w) => w.sink), ['a', 'cat.db.b']);
    const second = units[0][1];
    // the block's INSERTs keep their own statements' offsets
    assert.equal(second.base + second.query.start, client.indexOf('SELECT 3'));
    const union = captureSubmission([exec[0], exec[2]], SINK);
    assert.match(union.text, /FROM \(SELECT 1, 2\)[^\n]*\nUNION ALL\nSELECT .* FROM \(SELECT 5, 6\)/);
    assert.deepEqual(writesOf('EXECUTE INSERT INTO a SELECT 1, 2')[0].map((w) => w.sink), ['a']);
    assert.deepEqual(writesOf('SET a = b;\nCREATE VIEW v AS SELECT 1;\nSELECT 1')[2], []);
  });

  it("captures a CREATE TABLE … AS as its query", () => {
    const [[w]] = writesOf("CREATE TABLE t WITH ('connector' = 'kafka') AS SELECT 1 AS a");
    assert.equal(w.sink, 't');
    assert.equal(captureSubmission([w], []).text, 'SELECT 1 AS a');
  });

  it('mocks a source: filesystem WITH, metadata columns made plain, partitioning blanked, lines kept', () => {
    const script = [
      'CREATE TABLE orders (',
      '  id INT,',
      "  ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp',",
      "  part INT METADATA FROM 'partition' VIRTUAL,",
      '  up AS UPPER(CAST(id AS STRING)),',
      "  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND",
      ') PARTITIONED BY (id) WITH (',
      "  'connector' = 'kafka',",
      "  'topic' = 'orders'",
      ')',
    ].join('\n');
    const stmt = parseScript(script).statements[0];
    const node = stmt.node as CreateTableNode;
    assert.deepEqual(fixtureColumns(node), ['id', 'ts', 'part']);
    const sub = mockCreateTable(stmt, node, { path: "/tmp/it's.csv", format: 'csv' });
    const lines = sub.text.split('\n');
    assert.equal(lines.length, 10);
    assert.equal(lines[2].replace(/ +,/, ','), '  ts TIMESTAMP_LTZ(3),');
    assert.equal(lines[3].replace(/ +,/, ','), '  part INT,');
    assert.match(lines[5], /WATERMARK FOR ts/);
    assert.equal(lines[6].replace(/ +/g, ' '), ") WITH ('connector' = 'filesystem', 'path' = '/tmp/it''s.csv', 'format' = 'csv'");
    assert.equal(lines[9], ')');
    assert.ok(!sub.text.includes('kafka') && !sub.text.includes('PARTITIONED'));
    // the watermark line (after the edits) still maps to its draft offset
    assert.equal(sub.toDraftOffset(sub.text.indexOf('WATERMARK')), script.indexOf('WATERMARK'));
  });

  it('refuses to mock a table defined with LIKE', () => {
    const stmt = parseScript("CREATE TABLE o2 WITH ('connector' = 'x') LIKE orders").statements[0];
    assert.throws(() => mockCreateTable(stmt, stmt.node as CreateTableNode, { path: '/f.csv', format: 'csv' }), /LIKE/);
  });

  it("reads DESCRIBE: computed and VIRTUAL columns are not written; time attributes leave the type", () => {
    const rows = [
      ['id', 'INT', false, 'PRI(id)', null, null],
      ['ts', 'TIMESTAMP_LTZ(3) *ROWTIME*', true, null, "METADATA FROM 'timestamp'", '`ts` - INTERVAL'],
      ['part', 'BIGINT', true, null, "METADATA FROM 'partition' VIRTUAL", null],
      ['up', 'STRING', true, null, 'AS UPPER(`name`)', null],
    ];
    assert.deepEqual(sinkColumnsFromDescribe(rows), [{ name: 'id', type: 'INT' }, { name: 'ts', type: 'TIMESTAMP_LTZ(3)' }]);
  });
});
