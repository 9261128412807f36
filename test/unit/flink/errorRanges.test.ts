// Where Flink errors land in a draft: Flink's positions through the EXPLAIN rewrite, else the CREATE TABLE.
import { strict as assert } from 'node:assert';
import { anchorInCreateTable, anchorInStatement, positionToSpan } from '../../../server/src/flink/errorRanges';
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
    const span = anchorInCreateTable(DRAFT, statements, idx('INSERT'),
      "Unable to create a sink for writing table 'default_catalog.default_database.fs_sink'. Missing required options are: path")!;
    assert.equal(span.statementIndex, idx('CREATE TEMPORARY TABLE fs_sink'));
    assert.equal(DRAFT.slice(span.start, span.end), "WITH ('connector' = 'filesystem', 'format' = 'csv')");
  });

  it('underlines the unsupported option inside the source table', () => {
    const span = anchorInCreateTable(DRAFT, statements, idx('INSERT'),
      "Unable to create a source for reading table 'default_catalog.default_database.src'.\n\nUnsupported options found for 'datagen'.\n\nUnsupported options:\n\nrows-per-sec\n\nSupported options:\n\nconnector")!;
    assert.equal(DRAFT.slice(span.start, span.end), "'rows-per-sec'");
  });

  it('leaves tables the draft did not create alone', () => {
    assert.equal(anchorInCreateTable(DRAFT, statements, idx('INSERT'), "Unable to create a sink for writing table 'c.d.other'."), undefined);
  });

  it('underlines a lone CAST that Flink rejects without a position', () => {
    const stmt = statements[idx('SELECT CAST')];
    const span = anchorInStatement(stmt, 'The cast from TIMESTAMP type to NUMERIC type is not allowed.')!;
    assert.equal(DRAFT.slice(span.start, span.end), 'CAST(ts AS INT)');
  });
});
