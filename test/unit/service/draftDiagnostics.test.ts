// Checks across a draft's statements: duplicate tables, a name defined nowhere with a close draft name, INSERT
// column count and type family (explicit column lists, static PARTITION), unknown columns of draft tables.
import { strict as assert } from 'node:assert';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { analyze, draftDiagnostics } from '../../../server/src/service';

const match = (v: unknown, re: RegExp) => assert.match(String(v), re);

const DDL = `CREATE TEMPORARY TABLE orders (
  order_id BIGINT,
  product STRING,
  price DECIMAL(10, 2),
  order_time TIMESTAMP(3),
  proc AS PROCTIME()
) WITH ('connector' = 'datagen');
CREATE TEMPORARY TABLE orders_sink (
  order_id BIGINT,
  product STRING,
  price DECIMAL(10, 2),
  dt STRING
) PARTITIONED BY (dt) WITH ('connector' = 'filesystem', 'path' = '/tmp/out', 'format' = 'json');
`;
const diag = (text: string) => draftDiagnostics(analyze(text));
const codes = (text: string) => diag(text).map((d) => d.code);

describe('draft diagnostics', () => {
  it('accepts a consistent draft', () => {
    assert.deepEqual(diag(`${DDL}INSERT INTO orders_sink SELECT order_id, product, price, DATE_FORMAT(order_time, 'yyyy-MM-dd') FROM orders;
INSERT INTO orders_sink PARTITION (dt = '2024-01-01') SELECT o.order_id, o.product, o.price FROM orders AS o WHERE o.price > 10;
INSERT INTO orders_sink (order_id, dt) SELECT order_id, 'x' FROM orders;`), []);
  });

  it('a table defined twice without IF NOT EXISTS / OR REPLACE is an error; after DROP it is fine', () => {
    const twice = `${DDL}CREATE TEMPORARY TABLE orders (id INT) WITH ('connector' = 'datagen');`;
    const [d] = diag(twice);
    assert.equal(d.code, 'duplicate-table');
    assert.equal(d.severity, DiagnosticSeverity.Error);
    match(d.message, /already defined on line 1/);
    assert.deepEqual(codes(`${DDL}DROP TEMPORARY TABLE orders;\nCREATE TEMPORARY TABLE orders (id INT) WITH ('connector' = 'datagen');`), []);
    assert.deepEqual(codes(`${DDL}CREATE TEMPORARY TABLE IF NOT EXISTS orders (id INT) WITH ('connector' = 'datagen');`), []);
  });

  it('INSERT INTO / FROM a name the draft does not define, close to one it does: "did you mean"', () => {
    const d = diag(`${DDL}INSERT INTO order_sink SELECT order_id, product, price, 'x' FROM ordres;`);
    assert.deepEqual(d.map((x) => x.code), ['undefined-table', 'undefined-table']);
    match(d[0].message, /Did you mean 'orders_sink'\?/);
    assert.equal(d[0].severity, DiagnosticSeverity.Warning);
    assert.deepEqual(d[0].data, { fix: 'replace', text: 'orders_sink' });
    assert.deepEqual(codes(`${DDL}INSERT INTO kafka_archive SELECT * FROM orders;`), [], 'nothing close: maybe a catalog table');
    assert.deepEqual(codes(`${DDL}WITH ordr AS (SELECT * FROM orders) SELECT * FROM ordr;`), [], 'a CTE');
  });

  it('INSERT column count against the sink (explicit column list, static partition)', () => {
    const [d] = diag(`${DDL}INSERT INTO orders_sink SELECT order_id, product FROM orders;`);
    assert.equal(d.code, 'insert-column-count');
    assert.equal(d.severity, DiagnosticSeverity.Error);
    match(d.message, /Different number of columns: the query produces 2, 'orders_sink' takes 4/);
    assert.deepEqual(codes(`${DDL}INSERT INTO orders_sink PARTITION (dt = '2024') SELECT order_id, product, price, 'x' FROM orders;`), ['insert-column-count']);
    assert.deepEqual(codes(`${DDL}INSERT INTO orders_sink (order_id, product) SELECT order_id FROM orders;`), ['insert-column-count']);
    assert.deepEqual(codes(`${DDL}INSERT INTO orders_sink SELECT * FROM orders;`), ['insert-column-count'], 'orders has 5 columns incl. the computed one');
  });

  it('INSERT type family mismatch where both sides are known (an error for a draft sink, in Flink\'s words)', () => {
    const [d] = diag(`${DDL}INSERT INTO orders_sink SELECT product, order_id, price, product FROM orders;`);
    assert.equal(d.code, 'insert-type-mismatch');
    assert.equal(d.severity, DiagnosticSeverity.Error);
    match(d.message, /^Column types of query result and sink for 'orders_sink' do not match\. Cause: Incompatible types for sink column 'order_id' at position 0\./);
    match(d.message, /character string value cannot be written to a numeric column/);
  });

  it('unknown column of a draft table: an error, qualified or not, with the closest column', () => {
    const q = diag(`${DDL}SELECT o.prodcut FROM orders AS o;`);
    assert.deepEqual(q.map((d) => [d.code, d.severity]), [['unknown-column', DiagnosticSeverity.Error]]);
    match(q[0].message, /Column 'o.prodcut' not found in table 'o'; did you mean 'product'\?/);
    const u = diag(`${DDL}SELECT prise FROM orders WHERE order_id > 1;`);
    assert.deepEqual(u.map((d) => [d.code, d.severity]), [['unknown-column', DiagnosticSeverity.Error]]);
    assert.deepEqual(codes(`${DDL}SELECT price * 2 AS doubled FROM orders GROUP BY doubled;`), [], 'select aliases');
    assert.deepEqual(codes(`${DDL}SELECT order_id FROM orders o WHERE EXISTS (SELECT 1 FROM orders_sink s WHERE s.order_id = o.order_id);`), [], 'correlation');
  });
});
