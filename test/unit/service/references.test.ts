// definition() and references(): tables, views, CTEs, columns and aliases of a draft, matched as Flink resolves
// names (case-sensitive, quoted by value, compound names by all their parts).
import { strict as assert } from 'node:assert';
import { caretAfter, seedDraft } from './completionCaret';
import { definitionAt, referencesAt, SHOP } from './referencesCaret';

describe('go to definition', () => {
  it('goes from a FROM item, an INSERT target and a JOIN to the CREATE statement', () => {
    assert.deepEqual(definitionAt(caretAfter(SHOP, 'FROM ord')), ['CREATE TEMPORARY TABLE «orders» (']);
    assert.deepEqual(definitionAt(caretAfter(SHOP, 'INSERT INTO enr')), ['CREATE TEMPORARY TABLE «enriched_sink» (']);
    assert.deepEqual(definitionAt(caretAfter(SHOP, 'JOIN cust')), ['CREATE TEMPORARY TABLE «customers» (']);
    assert.deepEqual(definitionAt(caretAfter(SHOP, 'FROM big')), ['CREATE TEMPORARY VIEW «big_orders» AS']);
  });

  it('goes from qualified and unqualified columns to their column definition', () => {
    assert.deepEqual(definitionAt(caretAfter(SHOP, 'o.pri')), ['«price» DECIMAL(32, 2),']);
    assert.deepEqual(definitionAt(caretAfter(SHOP, 'total AS pr')), ['«price» DECIMAL(32, 2),']);
    assert.deepEqual(definitionAt(caretAfter(SHOP, 'c.na')), ['«name» STRING,']);
  });

  it('goes from an alias to where the FROM item names it, and from a view column to its select item', () => {
    assert.deepEqual(definitionAt(caretAfter(SHOP, 'WHERE o')), ['SELECT o.order_id, o.customer_id, o.price AS amount FROM orders «o» WHERE o.price > 100;']);
    assert.deepEqual(definitionAt(caretAfter(SHOP, 'b.amou')), ['SELECT o.order_id, o.customer_id, o.price AS «amount» FROM orders o WHERE o.price > 100;']);
    // An unaliased view column is the source column itself.
    assert.deepEqual(definitionAt(caretAfter(SHOP, 'b.order_')), ['«order_id» BIGINT,']);
  });

  it('answers nothing on keywords, strings, functions and names the draft does not define', () => {
    assert.deepEqual(definitionAt(caretAfter(SHOP, 'SEL')), []);
    assert.deepEqual(definitionAt(caretAfter(SHOP, "'datag")), []);
    assert.deepEqual(definitionAt(`SELECT UPP|ER(name) FROM catalog_only_table`), []);
    assert.deepEqual(definitionAt(`SELECT name FROM catalog_on|ly_table`), []);
  });
});

describe('find references', () => {
  it('finds a table in its CREATE, FROM, qualified columns, LIKE, ALTER and DROP', () => {
    const draft = `${SHOP}CREATE TABLE order_archive (
  dt STRING
) PARTITIONED BY (dt) WITH ('connector' = 'filesystem', 'path' = 's3://lake/orders', 'format' = 'parquet')
LIKE orders (EXCLUDING OPTIONS);
SELECT orders.price FROM orders;
ALTER TABLE orders SET ('rows-per-second' = '20');
DROP TEMPORARY TABLE orders;
SELECT * FROM orders;
`;
    assert.deepEqual(referencesAt(caretAfter(draft, 'CREATE TEMPORARY TABLE ord')), [
      'CREATE TEMPORARY TABLE «orders» (',
      'SELECT o.order_id, o.customer_id, o.price AS amount FROM «orders» o WHERE o.price > 100;',
      'LIKE «orders» (EXCLUDING OPTIONS);',
      'SELECT «orders».price FROM «orders»;',
      'ALTER TABLE «orders» SET (\'rows-per-second\' = \'20\');',
      'DROP TEMPORARY TABLE «orders»;',
    ]);
  });

  it('finds a column in computed columns, WATERMARK, PRIMARY KEY, queries, views and columns copied by LIKE', () => {
    const draft = `${SHOP}CREATE TEMPORARY TABLE orders_copy WITH ('connector' = 'blackhole') LIKE orders (EXCLUDING OPTIONS);
INSERT INTO orders_copy SELECT * FROM orders WHERE order_time > TIMESTAMP '2024-01-01 00:00:00';
SELECT order_time FROM orders_copy;
`;
    assert.deepEqual(referencesAt(caretAfter(draft, 'WATERMARK FOR order_t')), [
      '«order_time» TIMESTAMP(3),',
      'WATERMARK FOR «order_time» AS «order_time» - INTERVAL \'5\' SECOND,',
      "INSERT INTO orders_copy SELECT * FROM orders WHERE «order_time» > TIMESTAMP '2024-01-01 00:00:00';",
      'SELECT «order_time» FROM orders_copy;',
    ]);
    assert.deepEqual(referencesAt(caretAfter(SHOP, '  pri')), [
      '«price» DECIMAL(32, 2),',
      'total AS «price» * 2,',
      'SELECT o.order_id, o.customer_id, o.«price» AS amount FROM orders o WHERE o.«price» > 100;',
    ]);
  });

  it('keeps columns of the same name in joined tables apart', () => {
    assert.deepEqual(referencesAt(caretAfter(SHOP, 'c.customer_i')), [
      '«customer_id» BIGINT,',
      'PRIMARY KEY («customer_id») NOT ENFORCED',
      'JOIN customers c ON b.customer_id = c.«customer_id»;',
    ]);
    assert.deepEqual(referencesAt(caretAfter(SHOP, 'b.customer_i')), [
      '«customer_id» BIGINT,',
      'SELECT o.order_id, o.«customer_id», o.price AS amount FROM orders o WHERE o.price > 100;',
      'JOIN customers c ON b.«customer_id» = c.customer_id;',
    ]);
  });

  it('finds a sink column in the INSERT column list', () => {
    assert.deepEqual(referencesAt(caretAfter(SHOP, 'customer_na')), [
      '«customer_name» STRING,',
      'INSERT INTO enriched_sink (order_id, «customer_name», amount)',
    ]);
    assert.deepEqual(referencesAt(caretAfter(SHOP, 'customer_na'), false), ['INSERT INTO enriched_sink (order_id, «customer_name», amount)']);
  });

  it('lets a CTE shadow a table of the same name, and not the table inside its own definition', () => {
    const draft = `${SHOP}WITH orders AS (SELECT order_id, price FROM orders WHERE price > 10)
SELECT o.order_id FROM orders o JOIN customers c ON o.order_id = c.customer_id;
`;
    assert.deepEqual(referencesAt(caretAfter(draft, 'WITH ord')), [
      'WITH «orders» AS (SELECT order_id, price FROM orders WHERE price > 10)',
      'SELECT o.order_id FROM «orders» o JOIN customers c ON o.order_id = c.customer_id;',
    ]);
    assert.deepEqual(referencesAt(caretAfter(draft, 'price FROM ord')).slice(-1), [
      'WITH orders AS (SELECT order_id, price FROM «orders» WHERE price > 10)',
    ]);
  });

  it('resolves CTE columns, derived tables, correlated subqueries and window TVFs', () => {
    const draft = `${SHOP}WITH totals (cid, spent) AS (SELECT customer_id, SUM(price) FROM orders GROUP BY customer_id)
SELECT t.spent, x.cid FROM totals t, (SELECT cid FROM totals) x
WHERE EXISTS (SELECT 1 FROM customers c WHERE c.customer_id = t.cid);
SELECT window_start, SUM(price) FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(order_time), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end;
`;
    assert.deepEqual(referencesAt(caretAfter(draft, 't.spe')), [
      'WITH totals (cid, «spent») AS (SELECT customer_id, SUM(price) FROM orders GROUP BY customer_id)',
      'SELECT t.«spent», x.cid FROM totals t, (SELECT cid FROM totals) x',
    ]);
    assert.deepEqual(referencesAt(caretAfter(draft, 'totals (ci')), [
      'WITH totals («cid», spent) AS (SELECT customer_id, SUM(price) FROM orders GROUP BY customer_id)',
      'SELECT t.spent, x.«cid» FROM totals t, (SELECT «cid» FROM totals) x',
      'WHERE EXISTS (SELECT 1 FROM customers c WHERE c.customer_id = t.«cid»);',
    ]);
    assert.deepEqual(referencesAt(caretAfter(draft, 'DESCRIPTOR(order_t')).slice(-1), [
      "SELECT window_start, SUM(price) FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(«order_time»), INTERVAL '1' MINUTE))",
    ]);
    // A window TVF passes its input's columns on.
    assert.deepEqual(referencesAt(caretAfter(draft, 'SUM(pri', draft.indexOf('window_start'))).slice(3), [
      'WITH totals (cid, spent) AS (SELECT customer_id, SUM(«price») FROM orders GROUP BY customer_id)',
      "SELECT window_start, SUM(«price») FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(order_time), INTERVAL '1' MINUTE))",
    ]);
  });

  it('matches names case-sensitively, quoted ones by value, compound ones by all parts', () => {
    const draft = `CREATE TABLE cat.db.Events (id BIGINT) WITH ('connector' = 'datagen');
CREATE TABLE events (id BIGINT) WITH ('connector' = 'datagen');
SELECT id FROM \`events\`;
SELECT id FROM Events;
SELECT id FROM cat.db.Events;
SELECT id FROM db.Events;
`;
    assert.deepEqual(referencesAt(caretAfter(draft, 'TABLE eve')), [
      "CREATE TABLE «events» (id BIGINT) WITH ('connector' = 'datagen');",
      'SELECT id FROM «`events`»;',
    ]);
    assert.deepEqual(referencesAt(caretAfter(draft, 'db.Eve')), [
      "CREATE TABLE cat.db.«Events» (id BIGINT) WITH ('connector' = 'datagen');",
      'SELECT id FROM cat.db.«Events»;',
    ]);
  });

  it('follows ALTER TABLE … RENAME: the new name is a new table with the same columns', () => {
    const draft = `${SHOP}ALTER TABLE customers RENAME TO clients;
SELECT name FROM clients;
`;
    assert.deepEqual(referencesAt(caretAfter(draft, 'FROM cli')), ['ALTER TABLE customers RENAME TO «clients»;', 'SELECT name FROM «clients»;']);
    assert.equal(referencesAt(caretAfter(draft, 'SELECT na', draft.indexOf('RENAME'))).length, 3);
  });

  it('works on the shipped seed draft', () => {
    assert.deepEqual(referencesAt(caretAfter(seedDraft(), 'from datagen')), ['CREATE TEMPORARY TABLE «datagen_source»(', 'from «datagen_source»;']);
    assert.deepEqual(referencesAt(caretAfter(seedDraft(), 'SELECT\n  na')), ['«name» VARCHAR', '«name»']);
  });
});
