// The real-world conformance set (Flink's own .q and .sql test scripts): statements.jsonl must be what the
// extractor makes of the harvested sources, and the extractor must split the way Flink's SqlScriptReader does.
import * as assert from 'assert';
import * as fs from 'fs';
import {
  extractAll,
  extractQ,
  extractSql,
  OUTPUT_FILE,
  toJsonl,
  type RealWorldStatement,
} from '../../../scripts/realworld-extract';

const byId = (stmts: RealWorldStatement[], id: string) => {
  const s = stmts.find((x) => x.id === id);
  assert.ok(s, `no statement ${id}`);
  return s;
};

describe('real-world statements from Flink’s test scripts', () => {
  const all = extractAll();

  it('is deterministic', () => {
    assert.strictEqual(toJsonl(extractAll()), toJsonl(all));
  });

  it('statements.jsonl is up to date with the sources (npm run realworld:extract)', () => {
    assert.strictEqual(fs.readFileSync(OUTPUT_FILE, 'utf8'), toJsonl(all));
  });

  it('gives every statement a unique id naming its file and first line', () => {
    assert.strictEqual(new Set(all.map((s) => s.id)).size, all.length);
    for (const s of all) assert.ok(s.id === `${s.source}:${s.id.slice(s.source.length + 1)}` && /:\d+$/.test(s.id), s.id);
  });

  it('reads a statement followed by !error as expected to fail, with the reason past the client header', () => {
    const s = byId(all, 'flink-sql-client/sql/catalog_database.q:27');
    assert.strictEqual(s.sql, 'use catalog non_existing_catalog');
    assert.strictEqual(s.expected, 'error');
    assert.strictEqual(
      s.expectedError,
      'org.apache.flink.table.catalog.exceptions.CatalogException: A catalog with name [non_existing_catalog] does not exist.',
    );
  });

  it('keeps a multi-line statement whole, without its `;`, and ends it only outside quotes', () => {
    const s = byId(all, 'flink-sql-client/sql/set.q:119');
    assert.ok(s.sql.startsWith('CREATE TABLE hive_table2 (\n  product_id STRING,'));
    assert.ok(s.sql.endsWith("'streaming-source.enable' = 'true'\n)"));
    assert.strictEqual(s.expected, 'error');
    assert.match(s.expectedError ?? '', /^org\.apache\.flink\.sql\.parser\.impl\.ParseException: Encountered "STRING"/);
    const q = extractQ("SELECT 'a;\nb;' FROM t;\n+--+\n!ok\n", 'flink-sql-client/sql/x.q');
    assert.deepStrictEqual(q.map((x) => [x.sql, x.expected]), [["SELECT 'a;\nb;' FROM t", 'ok']]);
  });

  it('skips the older client header that names the failed operation', () => {
    const s = byId(all, 'flink-sql-client/sql/module.q:47');
    assert.strictEqual(s.sql, 'LOAD MODULE core');
    assert.strictEqual(s.expectedError, "org.apache.flink.table.api.ValidationException: A module with name 'core' already exists");
  });

  it('ends a client statement at a `;` line inside an unclosed block comment', () => {
    const s = byId(all, 'flink-sql-client/sql/select.q:234');
    assert.strictEqual(s.sql, 'SELECT /*');
    assert.strictEqual(s.expected, 'error');
    assert.match(s.expectedError ?? '', /^org\.apache\.flink\.sql\.parser\.impl\.TokenMgrError: Lexical error/);
  });

  it('maps !ok and !info, and reads gateway scripts up to their !output line', () => {
    assert.strictEqual(byId(all, 'flink-sql-client/sql/set.q:19').expected, 'info');
    const gw = byId(all, 'flink-sql-gateway/sql/set.q:45');
    assert.strictEqual(gw.sql, "set 'table.sql-dialect' = 'unknown'");
    assert.strictEqual(gw.expected, 'error');
    assert.strictEqual(gw.expectedError, 'java.lang.IllegalArgumentException: No enum constant org.apache.flink.table.api.SqlDialect.UNKNOWN');
    // The gateway sends a whole block as one statement, so three statements before one !output fail together.
    const block = byId(all, 'flink-sql-gateway/sql/begin_statement_set.q:281');
    assert.ok(block.sql.startsWith('BEGIN STATEMENT SET;\nINSERT INTO BatchTable') && block.sql.endsWith('\nEND'));
    assert.strictEqual(block.expectedError, 'java.lang.IllegalArgumentException: only single statement supported');
  });

  it('treats # lines before a statement as comments but -- lines as part of it', () => {
    const q = extractQ('# comment\n\n-- note\nSHOW TABLES;\n!ok\n', 'flink-sql-client/sql/x.q');
    assert.deepStrictEqual(q.map((x) => [x.id, x.sql]), [['flink-sql-client/sql/x.q:3', '-- note\nSHOW TABLES']]);
  });

  it('marks client commands and statements for the planner’s extended parser', () => {
    const help = byId(all, 'flink-sql-client/sql/misc.q:19');
    assert.strictEqual(help.clientCommand, true);
    assert.strictEqual(help.extendedParser, true);
    const quoted = byId(all, 'flink-sql-client/sql/set.q:19'); // SET 'k' = 'v' is Calcite's, not the regex's
    assert.strictEqual(quoted.extendedParser, undefined);
    assert.strictEqual(byId(all, 'flink-end-to-end-tests/flink-sql-gateway-test/gateway_e2e.sql:17').extendedParser, true);
  });

  it('splits .sql files at a `;` ending a line, dropping the comments around statements', () => {
    const wm = all.filter((s) => s.source === 'flink-end-to-end-tests/flink-end-to-end-tests-sql/watermark_push_down_e2e.sql');
    assert.deepStrictEqual(wm.map((s) => s.id.split(':')[1]), ['19', '29', '40', '42']);
    assert.strictEqual(wm[3].sql, 'INSERT INTO SinkTable\nSELECT user_name, order_cnt\nFROM SourceTable'); // no `;` at EOF
    assert.deepStrictEqual(wm[2].placeholders, ['$MODE']);
    const tpcds = byId(all, 'flink-end-to-end-tests/flink-tpcds-test/tpcds-tool/query/query1.sql:2');
    assert.ok(tpcds.sql.startsWith('with customer_total_return as') && tpcds.sql.endsWith('limit 100'));
    const s = extractSql("/* x */ SELECT ';' -- c;\n, 1; -- after\nSELECT /*+ OPTIONS() */ 2;\n", 'y.sql');
    assert.deepStrictEqual(s.map((x) => x.sql), ["SELECT ';' -- c;\n, 1", 'SELECT /*+ OPTIONS() */ 2']);
    assert.ok(s.every((x) => x.expected === 'none'));
  });
});
