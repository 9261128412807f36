// validateNode(): the ExtendedSqlNode#validate() checks of Flink 2.3.0's DDL nodes. Statements come from Flink's
// parser tests (FlinkSqlParserImplTest, CreateTableLikeTest, MaterializedTableStatementParserTest) or were
// checked with tools/parser-oracle; every expected span is the one Flink 2.3.0 reports (1-based, end inclusive).
import * as assert from 'assert';
import { parseScript } from '../../../server/src/parser';
import { validateNode } from '../../../server/src/parser/nodeValidation';
import { parseStatementText } from '../../../server/src/parser/statements';

const ENFORCED =
  "Flink doesn't support ENFORCED mode for PRIMARY KEY constraint. ENFORCED/NOT ENFORCED controls if the constraint checks are performed on the incoming/outgoing data. Flink does not own the data therefore the only supported mode is the NOT ENFORCED mode";
const UNIQUE = 'UNIQUE constraint is not supported yet';
const DUPLICATE = 'Duplicate primary key definition';

/** The first error as Flink reports it: `line:col-line:col message`, or 'valid'. */
function verdict(sql: string): string {
  const errors = parseScript(sql).diagnostics.filter((d) => d.severity === 'error');
  if (!errors.length) return 'valid';
  const d = errors.reduce((a, b) => (b.start < a.start ? b : a));
  const pos = (off: number) => {
    const lines = sql.slice(0, off).split('\n');
    return `${lines.length}:${lines[lines.length - 1].length + 1}`;
  };
  return `${pos(d.start)}-${pos(d.end - 1)} ${d.message}`;
}

function check(cases: [string, string][]) {
  for (const [sql, expected] of cases) {
    it(`${expected === 'valid' ? 'accepts' : 'rejects'} ${sql.replace(/\s+/g, ' ').slice(0, 90)}`, () => assert.strictEqual(verdict(sql), expected));
  }
}

describe('node validation (ExtendedSqlNode#validate)', () => {
  describe('constraints of CREATE TABLE (SqlConstraintValidator.validateAndChangeColumnNullability)', () => {
    check([
      ['CREATE TABLE t (id BIGINT, PRIMARY KEY (id) NOT ENFORCED)', 'valid'],
      ["CREATE TABLE t (a INT, CONSTRAINT pk PRIMARY KEY (a) NOT ENFORCED) WITH ('x'='y')", 'valid'],
      ['CREATE TABLE tbl1 (\n  a bigint primary key not enforced comment \'c\',\n  b varchar\n)', 'valid'],
      ["CREATE TABLE t (a INT CONSTRAINT pk PRIMARY KEY NOT ENFORCED COMMENT 'c', b INT) WITH ('x'='y')", 'valid'],
      ['CREATE TABLE t (a INT NOT NULL PRIMARY KEY NOT ENFORCED)', 'valid'],
      // a key without NOT ENFORCED is ENFORCED: the error is on the constraint's last token
      ['CREATE TABLE tbl1 (\n  a bigint,\n  h varchar, \n  PRIMARY KEY (a, b)\n)', `4:20-4:20 ${ENFORCED}`],
      ["CREATE TABLE t (a INT, PRIMARY KEY (a) ENFORCED) WITH ('x'='y')", `1:40-1:47 ${ENFORCED}`],
      ['CREATE TABLE tbl1 (\n  a bigint primary key,\n  h varchar\n)', `2:20-2:22 ${ENFORCED}`],
      ["CREATE TABLE tbl1 (\n  a bigint primary key enforced comment 'test column comment AAA.',\n  h varchar\n)", `2:24-2:31 ${ENFORCED}`],
      ["CREATE TABLE t (a INT, CONSTRAINT `pk` PRIMARY KEY (`a`)) WITH ('x'='y')", `1:56-1:56 ${ENFORCED}`],
      // UNIQUE, even NOT ENFORCED
      ['CREATE TABLE tbl1 (\n  a bigint,\n  PRIMARY KEY (a) NOT ENFORCED,\n  UNIQUE (h, g)\n)', `4:15-4:15 ${UNIQUE}`],
      ['CREATE TABLE tbl1 (\n  a bigint primary key not enforced,\n  h varchar unique\n)', `3:13-3:18 ${UNIQUE}`],
      ['CREATE TABLE t (a INT UNIQUE NOT ENFORCED, b INT, PRIMARY KEY (b) NOT ENFORCED)', `1:34-1:41 ${UNIQUE}`],
      // column constraints come before table constraints
      ['CREATE TABLE t (a INT, UNIQUE (a), b INT PRIMARY KEY NOT ENFORCED)', `1:33-1:33 ${UNIQUE}`],
      // two primary keys: the error is on the SECOND constraint of (column constraints + table constraints)
      ['CREATE TABLE tbl1 (\n  h varchar constraint ct1 primary key,\n  b varchar,\n  constraint ct2 primary key (b, h)) with (\n    \'connector\' = \'kafka\')', `4:35-4:35 ${DUPLICATE}`],
      ['create table source_table(\n  a int primary key,\n  b bigint,\n  primary key(a) not enforced\n)\nLIKE parent_table', `4:22-4:29 ${DUPLICATE}`],
      ['CREATE TABLE t (a INT, UNIQUE (a) NOT ENFORCED, PRIMARY KEY (a) NOT ENFORCED, PRIMARY KEY (a) NOT ENFORCED)', `1:69-1:76 ${DUPLICATE}`],
      ["CREATE OR REPLACE TABLE t (a INT, PRIMARY KEY (a)) WITH ('x'='y')", `1:49-1:49 ${ENFORCED}`],
      ["CREATE OR REPLACE TEMPORARY TABLE t (a INT) WITH ('x'='y')", 'valid'],
    ]);
  });

  describe('LIKE options (SqlCreateTableLike, SqlTableLike)', () => {
    check([
      ['CREATE TABLE t (\n   a STRING\n)\nLIKE b', 'valid'],
      ['CREATE TABLE t (\n   a STRING\n)\nLIKE b (\n   EXCLUDING PARTITIONS\n   EXCLUDING CONSTRAINTS\n   EXCLUDING DISTRIBUTION\n   EXCLUDING WATERMARKS\n   OVERWRITING GENERATED\n   OVERWRITING OPTIONS\n)', 'valid'],
      ['CREATE TABLE t (a INT) LIKE s (INCLUDING ALL OVERWRITING OPTIONS EXCLUDING PARTITIONS)', 'valid'],
      ['CREATE TEMPORARY TABLE t (a INT) LIKE s (OVERWRITING WATERMARKS)', 'valid'],
      ['CREATE TABLE t (\n   a STRING\n)\nLIKE b (\n   EXCLUDING PARTITIONS\n   INCLUDING PARTITIONS\n)', '4:1-7:1 Each like option feature can be declared only once.'],
      ['CREATE TABLE t (\n   a STRING\n)\nLIKE b (\n   OVERWRITING PARTITIONS)', "4:1-5:26 Illegal merging strategy 'OVERWRITING' for 'PARTITIONS' option."],
      ['CREATE TABLE t (\n   a STRING\n)\nLIKE b (\n   OVERWRITING ALL)', "4:1-5:19 Illegal merging strategy 'OVERWRITING' for 'ALL' option."],
      ['CREATE TABLE t (\n   a STRING\n)\nLIKE b (\n   OVERWRITING DISTRIBUTION)', "4:1-5:28 Illegal merging strategy 'OVERWRITING' for 'DISTRIBUTION' option."],
      ['CREATE TABLE t (\n   a STRING\n)\nLIKE b (\n   OVERWRITING CONSTRAINTS)', "4:1-5:27 Illegal merging strategy 'OVERWRITING' for 'CONSTRAINTS' option."],
      // the duplicate check runs before the strategy check; the table's constraints before both
      ['CREATE TABLE t (a INT) LIKE s (INCLUDING OPTIONS OVERWRITING OPTIONS OVERWRITING PARTITIONS)', '1:24-1:92 Each like option feature can be declared only once.'],
      ['CREATE TABLE t (a INT, UNIQUE (a)) LIKE s (OVERWRITING ALL)', `1:33-1:33 ${UNIQUE}`],
    ]);
  });

  describe('CREATE TABLE AS (SqlCreateTableAs) and REPLACE TABLE AS (SqlReplaceTableAs)', () => {
    check([
      ["CREATE TABLE t (col1 string) WITH ('test' = 'zm') AS SELECT col1 FROM b", 'valid'],
      ['CREATE TABLE t (a, b) AS SELECT 1, 2', 'valid'],
      ["CREATE TABLE t (PRIMARY KEY (col1) NOT ENFORCED) WITH ('test' = 'zm') AS SELECT col1 FROM b", 'valid'],
      ["CREATE TEMPORARY TABLE t (col1 string) WITH ('test' = 'zm') AS SELECT col1 FROM b", '1:1-1:81 CREATE TABLE AS SELECT syntax does not support to create temporary table yet.'],
      ["CREATE TABLE t (PRIMARY KEY (col1)) WITH ('test' = 'zm') AS SELECT col1 FROM b", `1:34-1:34 ${ENFORCED}`],
      ["CREATE TABLE t (PRIMARY KEY (col1), PRIMARY KEY (col2) NOT ENFORCED) WITH ('test' = 'zm') AS SELECT col1 FROM b", `1:60-1:67 ${DUPLICATE}`],
      ["CREATE TABLE t (UNIQUE (col1)) WITH ('test' = 'zm') AS SELECT col1 FROM b", `1:29-1:29 ${UNIQUE}`],
      ['CREATE TEMPORARY TABLE t (a INT, PRIMARY KEY (a)) AS SELECT 1', `1:48-1:48 ${ENFORCED}`],
      ["REPLACE TABLE t (col1 string) WITH ('test' = 'zm') AS SELECT col1 FROM b", 'valid'],
      // REPLACE TABLE: Flink's position is the statement's last token; CREATE OR REPLACE: the whole statement
      ["REPLACE TEMPORARY TABLE t (col1 string) WITH ('test' = 'zm') AS SELECT col1 FROM b", '1:82-1:82 REPLACE TABLE AS SELECT syntax does not support temporary table yet.'],
      ['REPLACE TEMPORARY TABLE t AS SELECT * FROM `my table`', '1:44-1:53 REPLACE TABLE AS SELECT syntax does not support temporary table yet.'],
      ["REPLACE TABLE t (PRIMARY KEY (col1)) WITH ('test' = 'zm') AS SELECT col1 FROM b", `1:35-1:35 ${ENFORCED}`],
      ["CREATE OR REPLACE TEMPORARY TABLE t (col1 string) WITH ('test' = 'zm') AS SELECT col1 FROM b", '1:1-1:92 CREATE OR REPLACE TABLE AS SELECT syntax does not support temporary table yet.'],
      ['CREATE OR REPLACE TEMPORARY TABLE IF NOT EXISTS t AS SELECT 1', '1:1-1:61 CREATE OR REPLACE TABLE AS SELECT syntax does not support IF NOT EXISTS statements yet.'],
      ["CREATE OR REPLACE TABLE t (UNIQUE (col1)) WITH ('test' = 'zm') AS SELECT col1 FROM b", `1:40-1:40 ${UNIQUE}`],
    ]);
  });

  describe('CREATE MODEL (SqlCreateModel, SqlCreateModelAs)', () => {
    check([
      ["create model m1\n INPUT(col1 INT, col2 STRING)\n OUTPUT(label DOUBLE)\n WITH (\n  'key1'='value1'\n )", 'valid'],
      ["CREATE MODEL m WITH ('k'='v') AS SELECT 1", 'valid'],
      ["create model if not exists m1\n INPUT(col1 INT, col2 STRING)\n OUTPUT(label DOUBLE)\n WITH (\n  'key1'='value1',\n  'key2'='value2'\n ) as select f1, f2 from t1", '1:1-7:27 CREATE MODEL AS SELECT syntax does not support to specify explicit input columns.'],
      ["create model if not exists m1\n OUTPUT(label DOUBLE)\n WITH (\n  'key1'='value1',\n  'key2'='value2'\n ) as select f1, f2 from t1", '1:1-6:27 CREATE MODEL AS SELECT syntax does not support to specify explicit output columns.'],
      // the column's position is its last token
      ["CREATE MODEL m INPUT (a INT COMMENT 'x') WITH ('k'='v')", "1:37-1:39 Output column list can not be empty with non-empty input column list."],
      ["CREATE MODEL m OUTPUT (a TIMESTAMP(3) WITH LOCAL TIME ZONE) WITH ('k'='v')", '1:55-1:58 Input column list can not be empty with non-empty output column list.'],
      ['CREATE MODEL m INPUT (a INT) OUTPUT (b INT)', '1:1-1:43 Model property list can not be empty.'],
      ["CREATE TEMPORARY MODEL m INPUT (a INT) OUTPUT (b INT) COMMENT 'c' WITH ()", '1:1-1:73 Model property list can not be empty.'],
      ['CREATE MODEL m AS SELECT 1', '1:1-1:26 Model property list can not be empty.'],
    ]);
  });

  describe('materialized tables (SqlCreateMaterializedTable, SqlAlterMaterializedTableSchema)', () => {
    check([
      ['CREATE MATERIALIZED TABLE mt (a INT, PRIMARY KEY (a) NOT ENFORCED) AS SELECT 1 AS a', 'valid'],
      ['CREATE MATERIALIZED TABLE mt (a, b) AS SELECT 1 AS a, 2 AS b', 'valid'],
      ['CREATE MATERIALIZED TABLE mt (a INT PRIMARY KEY) AS SELECT 1 AS a', `1:45-1:47 ${ENFORCED}`],
      ['CREATE OR ALTER MATERIALIZED TABLE mt (a INT PRIMARY KEY) AS SELECT 1 AS a', `1:54-1:56 ${ENFORCED}`],
      ['CREATE MATERIALIZED TABLE mt (CONSTRAINT p PRIMARY KEY (a) NOT ENFORCED, CONSTRAINT q PRIMARY KEY (b) NOT ENFORCED) AS SELECT 1 AS a', `1:107-1:114 ${DUPLICATE}`],
      ['alter materialized table mt1 add constraint ct1 primary key(a, b) not enforced', 'valid'],
      ['alter materialized table mt1 add constraint ct1 primary key(a, b)', `1:65-1:65 ${ENFORCED}`],
      ['alter materialized table mt1 add unique(a, b)', `1:45-1:45 ${UNIQUE}`],
      ['alter materialized table mt1 modify unique(a, b)', `1:48-1:48 ${UNIQUE}`],
      ['ALTER MATERIALIZED TABLE mt ADD (a INT PRIMARY KEY, b INT)', `1:48-1:50 ${ENFORCED}`],
    ]);
  });

  describe('ALTER TABLE ADD / MODIFY (SqlAlterTableSchema)', () => {
    check([
      ['alter table t1 add constraint ct1 primary key(a, b) not enforced', 'valid'],
      ['ALTER TABLE t ADD (a INT, PRIMARY KEY (a) NOT ENFORCED)', 'valid'],
      ['ALTER TABLE t ADD a INT PRIMARY KEY NOT ENFORCED', 'valid'],
      ["ALTER TABLE t SET ('k' = 'v')", 'valid'],
      ['alter table t1 add constraint ct1 primary key(a, b)', `1:51-1:51 ${ENFORCED}`],
      ['alter table t1 add unique(a, b)', `1:31-1:31 ${UNIQUE}`],
      ['alter table t1 modify unique(a, b)', `1:34-1:34 ${UNIQUE}`],
      ['ALTER TABLE t ADD a INT PRIMARY KEY', `1:33-1:35 ${ENFORCED}`],
      ['ALTER TABLE t MODIFY a INT UNIQUE', `1:28-1:33 ${UNIQUE}`],
      ['ALTER TABLE t ADD (WATERMARK FOR ts AS ts, UNIQUE (a))', `1:53-1:53 ${UNIQUE}`],
      ['ALTER TABLE t ADD (a INT PRIMARY KEY NOT ENFORCED FIRST, b INT PRIMARY KEY NOT ENFORCED AFTER a)', `1:80-1:87 ${DUPLICATE}`],
    ]);
  });

  describe('CREATE CONNECTION (SqlCreateConnection)', () => {
    check([
      ["CREATE CONNECTION c WITH ('type'='x')", 'valid'],
      ['CREATE CONNECTION c WITH ()', '1:1-1:27 Connection property list can not be empty.'],
      ['CREATE TEMPORARY CONNECTION c WITH ()', '1:1-1:37 Connection property list can not be empty.'],
    ]);
  });

  it('is a pure function of the node and the statement text: one flink-validate error, statement-relative', () => {
    const text = '  CREATE TABLE t (id INT, PRIMARY KEY (id))';
    const { node, diagnostics } = parseStatementText(text);
    assert.ok(node);
    const own = validateNode(node, text);
    assert.deepStrictEqual(own, [{ start: text.indexOf('))'), end: text.indexOf('))') + 1, message: ENFORCED, code: 'flink-validate', severity: 'error' }]);
    assert.deepStrictEqual(diagnostics, own);
    // in a script the offsets become absolute like every other diagnostic
    const script = parseScript(`SELECT 1;\n${text};`);
    assert.deepStrictEqual(script.diagnostics.map((d) => [d.code, d.start]), [['flink-validate', 10 + own[0].start]]);
  });

  it('does not run when the statement has a syntax error', () => {
    const errors = parseScript('CREATE TABLE t (a INT, UNIQUE (a)) WITH (').diagnostics;
    assert.deepStrictEqual(errors.map((d) => d.code), ['syntax']);
  });
});
