// The formatter's layout and options on real Flink SQL: golden fixtures (test/fixtures/format), comments in
// awkward places, keyword case, commas, indentation, option alignment, statement sets, range formatting
// and .editorconfig.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { editorConfigFor, formatRange, formatScript } from '../../../server/src/format';
import { commentsOf, tokenDifference } from './safetyCheck';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'format');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

describe('formatter', () => {
  for (const name of ['messy', 'comments']) {
    it(`formats ${name}.flink.sql into ${name}.expected.flink.sql, keeping tokens and comments`, () => {
      const input = fixture(`${name}.flink.sql`);
      const r = formatScript(input);
      assert.equal(r.text, fixture(`${name}.expected.flink.sql`));
      assert.deepEqual(r.skipped, []);
      assert.equal(tokenDifference(input, r.text), undefined);
      assert.deepEqual(commentsOf(r.text), commentsOf(input));
      assert.equal(formatScript(r.text).text, r.text, 'idempotent');
    });
  }

  it('cases keywords and built-in functions, never identifiers', () => {
    const sql = 'select Count(*), my_Udf(x), `Select`, name, Name from T where value_x = 1';
    assert.equal(formatScript(sql).text, 'SELECT COUNT(*), my_Udf(x), `Select`, name, Name\nFROM T\nWHERE value_x = 1\n');
    assert.equal(formatScript(sql, { keywordCase: 'lower' }).text, 'select count(*), my_Udf(x), `Select`, name, Name\nfrom T\nwhere value_x = 1\n');
    assert.equal(formatScript(sql, { keywordCase: 'preserve' }).text, 'select Count(*), my_Udf(x), `Select`, name, Name\nfrom T\nwhere value_x = 1\n');
  });

  it('breaks a select list one item per line beyond the line width, with trailing or leading commas', () => {
    const sql = 'SELECT order_id, customer_name, product_name, quantity FROM orders';
    assert.equal(formatScript(sql, { lineWidth: 40 }).text, 'SELECT\n  order_id,\n  customer_name,\n  product_name,\n  quantity\nFROM orders\n');
    assert.equal(formatScript(sql, { lineWidth: 40, commaPosition: 'leading', indentWidth: 4 }).text,
      'SELECT\n    order_id\n    , customer_name\n    , product_name\n    , quantity\nFROM orders\n');
    assert.equal(formatScript(sql, { lineWidth: 40, useTabs: true }).text, 'SELECT\n\torder_id,\n\tcustomer_name,\n\tproduct_name,\n\tquantity\nFROM orders\n');
  });

  it('puts WITH options one per line, aligned unless asked not to', () => {
    const sql = "CREATE TABLE t (a INT) WITH ('connector' = 'print', 'print-identifier' = 'x')";
    assert.equal(formatScript(sql).text, "CREATE TABLE t (a INT)\nWITH (\n  'connector'        = 'print',\n  'print-identifier' = 'x'\n)\n");
    assert.equal(formatScript(sql, { alignOptionValues: false }).text, "CREATE TABLE t (a INT)\nWITH (\n  'connector' = 'print',\n  'print-identifier' = 'x'\n)\n");
  });

  /** Formats `sql`, checks tokens, comments and idempotence, and returns the text. */
  const safe = (sql: string, options?: Parameters<typeof formatScript>[1]) => {
    const r = formatScript(sql, options);
    assert.deepEqual(r.skipped, []);
    assert.equal(tokenDifference(sql, r.text), undefined);
    assert.deepEqual(commentsOf(r.text), commentsOf(sql));
    assert.equal(formatScript(r.text, options).text, r.text, 'idempotent');
    return r.text;
  };

  it('never leaves a comma alone on a line after a -- comment: it leads the next item; a comma with its own -- comment trails', () => {
    const leadingInSource = 'SELECT order_id -- the key\n, customer_name -- who\n, quantity FROM orders';
    const trailingInSource = 'SELECT order_id, -- the key\n customer_name, -- who\n quantity FROM orders';
    for (const commaPosition of ['trailing', 'leading'] as const) {
      assert.equal(safe(leadingInSource, { commaPosition }), 'SELECT\n  order_id -- the key\n  , customer_name -- who\n  , quantity\nFROM orders\n');
      assert.equal(safe(trailingInSource, { commaPosition }), 'SELECT\n  order_id, -- the key\n  customer_name, -- who\n  quantity\nFROM orders\n');
    }
    assert.equal(safe('CREATE TABLE t (id BIGINT -- the key\n, name STRING)'), 'CREATE TABLE t (\n  id BIGINT -- the key\n  , name STRING\n)\n');
  });

  it('keeps WITH options aligned around a comment between the key and =', () => {
    assert.equal(safe("CREATE TABLE t (a INT) WITH ('connector' /* sink */ = 'print', 'print-identifier' = 'x')"),
      "CREATE TABLE t (a INT)\nWITH (\n  'connector' /* sink */ = 'print',\n  'print-identifier'     = 'x'\n)\n");
    assert.equal(safe("CREATE TABLE t (a INT) WITH ('connector' -- a sink\n= 'print', 'print-identifier' = 'x')"),
      "CREATE TABLE t (a INT)\nWITH (\n  'connector' -- a sink\n                     = 'print',\n  'print-identifier' = 'x'\n)\n");
    assert.equal(safe("CREATE TABLE t (a INT) WITH ('connector'\n-- a sink\n= 'print', 'print-identifier' = 'x')", { alignOptionValues: false }),
      "CREATE TABLE t (a INT)\nWITH (\n  'connector'\n  -- a sink\n  = 'print',\n  'print-identifier' = 'x'\n)\n");
  });

  it('indents a lone CASE of a select list under SELECT when it does not fit beside it', () => {
    const sql = "SELECT CASE WHEN amount > 1000 THEN 'large' WHEN amount > 100 THEN 'medium' ELSE 'small' END AS size FROM orders";
    assert.equal(safe(sql, { lineWidth: 60 }),
      "SELECT\n  CASE\n    WHEN amount > 1000 THEN 'large'\n    WHEN amount > 100 THEN 'medium'\n    ELSE 'small'\n  END AS size\nFROM orders\n");
    assert.equal(safe(sql, { lineWidth: 96 }), "SELECT\n  CASE WHEN amount > 1000 THEN 'large' WHEN amount > 100 THEN 'medium' ELSE 'small' END AS size\nFROM orders\n");
    assert.equal(safe("select case when a > 1 then 'x' else 'y' end from t"), "SELECT CASE WHEN a > 1 THEN 'x' ELSE 'y' END\nFROM t\n");
  });

  it('indents nested queries, CTEs, OVER windows and the statements of a statement set', () => {
    assert.equal(formatScript('with a as (select x from t) select * from a where x in (select y from u)').text,
      'WITH a AS (\n  SELECT x\n  FROM t\n)\nSELECT *\nFROM a\nWHERE x IN (\n  SELECT y\n  FROM u\n)\n');
    assert.equal(formatScript('begin statement set; insert into a select 1; insert into b select 2; end;').text,
      'BEGIN STATEMENT SET;\n  INSERT INTO a\n  SELECT 1;\n\n  INSERT INTO b\n  SELECT 2;\nEND;\n');
    assert.equal(formatScript('select sum(x) over (partition by k order by ts rows between 2 preceding and current row) from t', { lineWidth: 50 }).text,
      'SELECT SUM(x) OVER (\n  PARTITION BY k\n  ORDER BY ts\n  ROWS BETWEEN 2 PRECEDING AND CURRENT ROW\n)\nFROM t\n');
  });

  it('leaves SET key = value (read before Flink’s SQL parser) as written', () => {
    assert.equal(formatScript("set   'a' = 'b';\nSET table.exec.mini-batch.enabled=true;").text, "SET 'a' = 'b';\n\nSET table.exec.mini-batch.enabled=true;\n");
  });

  it('formats only the statements a range touches', () => {
    const text = 'select 1;\nselect  a from t;\nselect 2;\n';
    const at = text.indexOf('a from');
    const r = formatRange(text, at, at);
    assert.ok(r.replacement);
    const out = text.slice(0, r.replacement.start) + r.replacement.text + text.slice(r.replacement.end);
    assert.equal(out, 'select 1;\nSELECT a\nFROM t;\nselect 2;\n');
  });

  it('reads indent and line width from .editorconfig', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fmt-ec-'));
    try {
      writeFileSync(join(dir, '.editorconfig'), 'root = true\n[*]\nindent_size = 8\n[*.{sql,flink.sql}]\nindent_style = space\nindent_size = 4\nmax_line_length = 80\n');
      assert.deepEqual(editorConfigFor(join(dir, 'jobs', 'a.flink.sql')), { useTabs: false, indentWidth: 4, lineWidth: 80 });
      assert.deepEqual(editorConfigFor(join(dir, 'notes.txt')), { indentWidth: 8 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
