// Statement classification and the EXPLAIN rewrite Validate submits, with offsets mapped back to the draft.
import { strict as assert } from 'node:assert';
import { asIs, classifyStatement, executeSubmission, explainSubmission, groupStatements, leadingWords } from '../../../server/src/flink/statementKinds';
import { parseScript } from '../../../server/src/parser';
import { validationAction } from '../../../server/src/flink/validate';

describe('statementKinds', () => {
  const cases: [string, string][] = [
    ['SELECT 1', 'query'],
    ['  -- c\n/* block */ WITH t AS (SELECT 1) SELECT * FROM t', 'query'],
    ['(SELECT 1) UNION (SELECT 2)', 'query'],
    ['VALUES (1), (2)', 'query'],
    ['INSERT INTO s SELECT * FROM t', 'insert'],
    ['INSERT OVERWRITE s SELECT * FROM t', 'insert'],
    ['EXECUTE INSERT INTO s SELECT 1', 'insert'],
    ['EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1; END', 'statementSet'],
    ['BEGIN STATEMENT SET;\nINSERT INTO a SELECT 1;\nEND', 'statementSet'],
    ["CREATE TEMPORARY TABLE t (a INT) WITH ('connector' = 'datagen')", 'ddl'],
    ["CREATE TABLE t WITH ('connector' = 'blackhole') AS SELECT 1 AS a", 'ctas'],
    ["CREATE OR REPLACE TABLE t AS SELECT 1 AS a", 'ctas'],
    ["CREATE TABLE t (a INT, c AS a + 1) WITH ('x' = 'AS')", 'ddl'],
    ['CREATE VIEW v AS SELECT 1', 'ddl'],
    ["CREATE FUNCTION f AS 'com.x.F'", 'ddl'],
    ['DROP TABLE IF EXISTS t', 'ddl'],
    ['ALTER TABLE t SET (\'a\' = \'b\')', 'ddl'],
    ["SET 'parallelism.default' = '2'", 'set'],
    ['RESET', 'set'],
    ['USE CATALOG c', 'use'],
    ['LOAD MODULE hive', 'module'],
    ["ADD JAR '/x.jar'", 'jar'],
    ['SHOW TABLES', 'show'],
    ['DESCRIBE t', 'show'],
    ['SHOW JOBS', 'job'],
    ["STOP JOB 'abc'", 'job'],
    ['EXPLAIN PLAN FOR SELECT 1', 'explain'],
    ['DELETE FROM t WHERE a = 1', 'dml'],
    ['ANALYZE TABLE t COMPUTE STATISTICS', 'other'],
  ];
  for (const [text, expected] of cases) {
    it(`classifies ${JSON.stringify(text.slice(0, 40))} as ${expected}`, () => assert.equal(classifyStatement(text), expected));
  }

  it('leadingWords skips comments and stops at strings', () => {
    assert.deepEqual(leadingWords("-- x\n/* y */ set 'a' = 'b'"), ['SET']);
  });

  it('Validate applies DDL/SET/USE, explains queries and inserts, skips jobs', () => {
    assert.equal(validationAction('ddl'), 'apply');
    assert.equal(validationAction('set'), 'apply');
    assert.equal(validationAction('insert'), 'explain');
    assert.equal(validationAction('statementSet'), 'explain');
    assert.equal(validationAction('job'), 'skip');
  });

  it('EXPLAIN PLAN FOR keeps the statement text verbatim and maps offsets back', () => {
    const stmt = { text: '\nSELECT nam\nFROM src', start: 100 };
    const sub = explainSubmission(stmt, 'query')!;
    assert.equal(sub.text, 'EXPLAIN PLAN FOR \nSELECT nam\nFROM src');
    const at = sub.text.indexOf('nam');
    assert.equal(sub.toDraftOffset(at), 100 + stmt.text.indexOf('nam'));
    assert.equal(sub.toDraftOffset(3), 100, 'synthetic prefix maps to the statement start');
  });

  it('EXECUTE INSERT is explained as the bare INSERT', () => {
    const stmt = { text: 'EXECUTE INSERT INTO s SELECT 1', start: 10 };
    const sub = explainSubmission(stmt, 'insert')!;
    assert.equal(sub.text, 'EXPLAIN PLAN FOR INSERT INTO s SELECT 1');
    assert.equal(sub.toDraftOffset(sub.text.indexOf('INSERT')), 10 + 8);
  });

  it('statement sets become EXPLAIN STATEMENT SET in both spellings', () => {
    const exec = explainSubmission({ text: 'EXECUTE STATEMENT SET BEGIN\nINSERT INTO a SELECT 1;\nEND', start: 0 }, 'statementSet')!;
    assert.equal(exec.text, 'EXPLAIN STATEMENT SET BEGIN\nINSERT INTO a SELECT 1;\nEND');
    const text = 'BEGIN STATEMENT SET;\nINSERT INTO a SELECT 1;\nEND';
    const client = explainSubmission({ text, start: 50 }, 'statementSet')!;
    assert.equal(client.text, 'EXPLAIN STATEMENT SET BEGIN \nINSERT INTO a SELECT 1;\nEND');
    assert.equal(client.toDraftOffset(client.text.indexOf('INSERT')), 50 + text.indexOf('INSERT'));
    assert.equal(executeSubmission({ text, start: 0 }, 'statementSet').text, 'EXECUTE STATEMENT SET BEGIN \nINSERT INTO a SELECT 1;\nEND');
  });

  it('leaves TRUNCATE unexplained (Flink cannot EXPLAIN it) but explains DELETE', () => {
    assert.equal(explainSubmission({ text: 'TRUNCATE TABLE t', start: 0 }, 'dml'), undefined);
    assert.equal(explainSubmission({ text: 'DELETE FROM t WHERE a = 1', start: 0 }, 'dml')?.text, 'EXPLAIN PLAN FOR DELETE FROM t WHERE a = 1');
  });

  it('groups the SQL client\'s BEGIN STATEMENT SET; …; END; into one unit named by its first index', () => {
    const script = "CREATE TEMPORARY TABLE a (x INT) WITH ('connector' = 'blackhole');\nBEGIN STATEMENT SET;\nINSERT INTO a SELECT 1;\nINSERT INTO a SELECT 2;\nEND;\nSELECT 1;";
    const units = groupStatements(script, parseScript(script).statements);
    assert.deepEqual(units.map((u) => u.index), [0, 1, 5]);
    assert.equal(units[1].stmt.text, 'BEGIN STATEMENT SET;\nINSERT INTO a SELECT 1;\nINSERT INTO a SELECT 2;\nEND');
    assert.equal(classifyStatement(units[1].stmt.text), 'statementSet');
    const sub = explainSubmission(units[1].stmt, 'statementSet')!;
    assert.equal(sub.text, 'EXPLAIN STATEMENT SET BEGIN \nINSERT INTO a SELECT 1;\nINSERT INTO a SELECT 2;\nEND');
    assert.equal(sub.toDraftOffset(sub.text.indexOf('SELECT 2')), script.indexOf('SELECT 2'));
  });

  it('groups an unterminated statement set to the end of the script', () => {
    const script = 'BEGIN STATEMENT SET;\nINSERT INTO a SELECT 1;';
    const units = groupStatements(script, parseScript(script).statements);
    assert.equal(units.length, 1);
    assert.equal(executeSubmission(units[0].stmt, 'statementSet').text, 'EXECUTE STATEMENT SET BEGIN \nINSERT INTO a SELECT 1;\nEND');
  });

  it('asIs maps offsets one to one', () => {
    const sub = asIs({ text: 'SET a', start: 7 });
    assert.equal(sub.toDraftOffset(4), 11);
  });
});
