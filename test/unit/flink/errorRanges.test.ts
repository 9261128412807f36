// Where Flink errors land in a draft: Flink's positions through the EXPLAIN rewrite, else the CREATE TABLE.
import { strict as assert } from 'node:assert';
import {
  anchorInCreate, anchorInCreateTable, anchorInStatement, findCreateStatement, positionToSpan, statementSpan,
} from '../../../server/src/flink/errorRanges';
import { explainSubmission } from '../../../server/src/flink/statementKinds';
import { parseScript } from '../../../server/src/parser';

const DRAFT = `CREATE TEMPORARY TABLE src (
  name STRING,
  ts TIMESTAMP(3)
) WITH (
  'connector' = 'datagen',
  'rows-per-sec' = '1'
);
CREATE TEMPORARY TABLE fs_sink (name STRING) WITH ('connector' = 'filesystem', 'format' = 'csv');
INSERT INTO fs_sink
SELECT nam FROM src;
SELECT CAST(ts AS INT) FROM src;
`;

describe('errorRanges', () => {
  const statements = parseScript(DRAFT).statements;
  const idx = (prefix: string) => statements.findIndex((s) => s.text.trim().startsWith(prefix));

  it('maps a Calcite range on line 2 of the EXPLAIN back to the draft', () => {
    const insert = statements[idx('INSERT')];
    const sub = explainSubmission(insert, 'insert')!;
    // Flink: "From line 2, column 8 to line 2, column 10: Column 'nam' not found"
    const span = positionToSpan(sub, { startLine: 2, startColumn: 8, endLine: 2, endColumn: 10 });
    assert.equal(DRAFT.slice(span.start, span.end), 'nam');
  });

  it('puts a missing-option error on the WITH clause of the sink table', () => {
    const span = anchorInCreateTable(statements, idx('INSERT'),
      "Unable to create a sink for writing table 'default_catalog.default_database.fs_sink'. Missing required options are: path")!;
    assert.equal(span.statementIndex, idx('CREATE TEMPORARY TABLE fs_sink'));
    assert.equal(DRAFT.slice(span.start, span.end), "WITH ('connector' = 'filesystem', 'format' = 'csv')");
  });

  it('underlines the unsupported option inside the source table', () => {
    const span = anchorInCreateTable(statements, idx('INSERT'),
      "Unable to create a source for reading table 'default_catalog.default_database.src'.\n\nUnsupported options found for 'datagen'.\n\nUnsupported options:\n\nrows-per-sec\n\nSupported options:\n\nconnector")!;
    assert.equal(DRAFT.slice(span.start, span.end), "'rows-per-sec'");
  });

  it('leaves tables the draft did not create alone', () => {
    assert.equal(anchorInCreateTable(statements, idx('INSERT'), "Unable to create a sink for writing table 'c.d.other'."), undefined);
  });

  it('underlines a lone CAST that Flink rejects without a position', () => {
    const stmt = statements[idx('SELECT CAST')];
    const span = anchorInStatement(stmt, 'The cast from TIMESTAMP type to NUMERIC type is not allowed.')!;
    assert.equal(DRAFT.slice(span.start, span.end), 'CAST(ts AS INT)');
  });
});

// Drafts where a scan of the text with its own quote and comment rules put the error in the wrong place (or
// nowhere): the tree knows which statement created a table and where its options are, the lexer where comments are.
describe('errorRanges on the parser\'s tree', () => {
  const text = (draft: string, s: { start: number; end: number } | undefined) => s && draft.slice(s.start, s.end);
  const MISSING_PATH = (table: string) => `Unable to create a sink for writing table '${table}'.\n\nTable options are:\n\n'connector'='filesystem'\n'format'='csv'\n\nMissing required options are:\n\npath`;

  it('finds a CREATE TABLE after a // comment or with a comment between its keywords', () => {
    const draft = `// the sink the dashboard reads
CREATE /* not yet: OR REPLACE */ TEMPORARY TABLE fs_sink (name STRING) WITH ('connector' = 'filesystem', 'format' = 'csv');
INSERT INTO fs_sink SELECT 'a';
`;
    const statements = parseScript(draft).statements;
    const span = anchorInCreateTable(statements, 1, MISSING_PATH('default_catalog.default_database.fs_sink'))!;
    assert.equal(span.statementIndex, 0);
    assert.equal(text(draft, span), "WITH ('connector' = 'filesystem', 'format' = 'csv')");
  });

  it('takes the table named in a comment for a comment', () => {
    const draft = `/* CREATE TABLE fs_sink (name STRING) WITH ('connector' = 'filesystem') */
CREATE TEMPORARY VIEW fs_sink AS SELECT 'a' AS name;
CREATE TEMPORARY TABLE fs_sink_v2 (name STRING) WITH ('connector' = 'filesystem', 'format' = 'csv');
INSERT INTO fs_sink_v2 SELECT name FROM fs_sink;
`;
    const statements = parseScript(draft).statements;
    assert.equal(findCreateStatement(statements, 2, 'default_catalog.default_database.fs_sink'), undefined);
    assert.equal(findCreateStatement(statements, 2, 'default_catalog.default_database.fs_sink_v2'), 1);
  });

  it('reads quoted names whole: a space, a dot, IF NOT EXISTS before a catalog and database', () => {
    const draft = `CREATE TEMPORARY TABLE src (id BIGINT) WITH ('connector' = 'datagen');
CREATE TEMPORARY TABLE \`eu.src\` (id BIGINT) WITH ('connector' = 'datagen');
CREATE TEMPORARY TABLE \`audit log\` (id BIGINT) WITH ('connector' = 'filesystem', 'format' = 'csv');
CREATE TABLE IF NOT EXISTS lake.\`raw events\`.clicks (id BIGINT) WITH ('connector' = 'filesystem', 'format' = 'csv');
INSERT INTO \`audit log\` SELECT id FROM src;
`;
    const statements = parseScript(draft).statements;
    const find = (name: string) => findCreateStatement(statements, 4, name);
    assert.equal(find('default_catalog.default_database.src'), 0, 'src, not the later `eu.src`');
    assert.equal(find('default_catalog.default_database.eu.src'), 1, 'Flink prints `eu.src` unquoted');
    assert.equal(find('`default_catalog`.`default_database`.`eu.src`'), 1);
    assert.equal(find('default_catalog.default_database.audit log'), 2);
    assert.equal(find('lake.raw events.clicks'), 3);
    assert.equal(find('clicks'), 3);
    const span = anchorInCreateTable(statements, 4, MISSING_PATH('default_catalog.default_database.audit log'))!;
    assert.equal(span.statementIndex, 2);
    assert.equal(text(draft, span), "WITH ('connector' = 'filesystem', 'format' = 'csv')");
  });

  it('underlines the option key, not the same words in a comment or another string', () => {
    const draft = `CREATE TEMPORARY TABLE src (
  name STRING COMMENT 'path',
  ts TIMESTAMP(3)
) WITH (
  -- 'rows-per-sec' is the name older connectors used
  'connector' = 'datagen',
  'rows-per-sec' = '1',
  'path' = '/tmp/src'
);
`;
    const [stmt] = parseScript(draft).statements;
    const at = (message: string) => text(draft, anchorInCreate(stmt, 0, message));
    const unsupported = (keys: string) => `Unsupported options found for 'datagen'.\n\nUnsupported options:\n\n${keys}\n\nSupported options:\n\nconnector\nfields.#.end`;
    const startOf = (message: string) => anchorInCreate(stmt, 0, message).start;
    assert.equal(at(unsupported('rows-per-sec')), "'rows-per-sec'");
    assert.equal(startOf(unsupported('rows-per-sec')), draft.indexOf("'rows-per-sec' = '1'"), 'the option, not the comment');
    assert.equal(at(unsupported('path')), "'path'");
    assert.equal(startOf(unsupported('path')), draft.indexOf("'path' = "), 'the key, not the column COMMENT');
  });

  it('underlines the value of the option an enum names, not a commented-out one', () => {
    const draft = `CREATE TEMPORARY TABLE events (id BIGINT) WITH (
  'connector' = 'kafka',
  'topic' = 'events',
  -- 'scan.bounded.mode' = 'latest' stopped at the offsets of the first run
  'scan.bounded.mode' = 'newest-offset',
  'format' = 'json'
);
`;
    const [stmt] = parseScript(draft).statements;
    const span = anchorInCreate(stmt, 0, "Could not parse value 'newest-offset' for key 'scan.bounded.mode'.\nCaused by: Could not parse value for enum class org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions$ScanBoundedMode");
    assert.equal(text(draft, span), "'newest-offset'");
  });

  it('puts a table-wide error on the WITH of the options, not a WITH in a comment', () => {
    const draft = `CREATE TEMPORARY TABLE fs_sink (
  name STRING -- written WITH (quotes) by the csv format
) WITH ('connector' = 'filesystem', 'format' = 'csv') LIKE src (EXCLUDING OPTIONS);
`;
    const [stmt] = parseScript(draft).statements;
    assert.equal(text(draft, anchorInCreate(stmt, 0, MISSING_PATH('fs_sink'))), "WITH ('connector' = 'filesystem', 'format' = 'csv')");
  });

  it('anchors in a CREATE TABLE our parser gives up on half-way (Flink has the last word)', () => {
    const draft = `CREATE TEMPORARY TABLE src (id BIGINT) WITH ('connector' = 'datagem', 'rows-per-second' = '10',);\n`;
    const [stmt] = parseScript(draft).statements;
    assert.ok(stmt.diagnostics.length > 0, 'the trailing comma is a syntax error to our parser');
    assert.equal(text(draft, anchorInCreate(stmt, 0, "Could not find any factory for identifier 'datagem' that implements 'org.apache.flink.table.factories.DynamicTableFactory'")), "'datagem'");
    assert.equal(text(draft, anchorInCreate(stmt, 0, 'For input string: "10"')), "'10'");
  });

  it('finds the lone CAST or WATERMARK when a comment mentions another', () => {
    const draft = `SELECT CAST(ts AS INT) AS t -- was CAST(ts AS BIGINT)
FROM src;
CREATE TEMPORARY TABLE clicks (
  ts TIMESTAMP(3),
  -- WATERMARK FOR ts AS ts: too strict for late clicks
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'datagen');
`;
    const [select, create] = parseScript(draft).statements;
    assert.equal(text(draft, anchorInStatement(select, 'The cast from TIMESTAMP type to NUMERIC type is not allowed.')), 'CAST(ts AS INT)');
    assert.equal(text(draft, anchorInStatement(create, 'Invalid expression for watermark definition.')), "WATERMARK FOR ts AS ts - INTERVAL '5' SECOND");
  });

  it('spans a statement from its first token to its last, with or without a tree', () => {
    const draft = `// the daily report
SELECT name FROM src -- names only
;
/* draft */ SELEC name FROM src -- typo
;
`;
    const statements = parseScript(draft).statements;
    assert.equal(text(draft, statementSpan(draft, statements[0])), 'SELECT name FROM src');
    assert.equal(text(draft, statementSpan(draft, statements[1])), 'SELEC name FROM src');
    assert.equal(text(draft, anchorInCreate(statements[1], 1, 'something else')), 'SELEC name FROM src');
  });
});
