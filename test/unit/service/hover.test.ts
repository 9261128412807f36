// hover(): columns show their type and table, tables their columns and connector, functions their signature
// and description; keywords show nothing.
import { strict as assert } from 'node:assert';
import { hover } from '../../../server/src/service';
import { caret, caretAfter, seedDraft } from './completionCaret';

const ORDERS = `CREATE TEMPORARY TABLE orders (
  order_id BIGINT,
  price DECIMAL(32, 2),
  buyer ROW<first_name STRING, last_name STRING>,
  proc AS PROCTIME(),
  PRIMARY KEY (order_id) NOT ENFORCED
) WITH ('connector' = 'datagen', 'rows-per-second' = '10');
CREATE VIEW expensive AS SELECT order_id AS id, CAST(price AS INT) AS whole FROM orders WHERE price > 100;
CREATE TEMPORARY FUNCTION to_cents AS 'com.example.ToCents' LANGUAGE JAVA;
`;

function hoverText(text: string): string | undefined {
  const { doc, position } = caret(text);
  const h = hover(doc, position);
  return h ? (h.contents as { value: string }).value : undefined;
}

describe('hover', () => {
  it('shows a column’s type and table, through an alias', () => {
    const text = hoverText(`${ORDERS}SELECT o.pr|ice FROM orders o`);
    assert.equal(text, '```flink-sql\nprice DECIMAL(32, 2)\n```\nColumn of temporary table `orders`');
  });

  it('shows computed columns and ROW fields', () => {
    assert.match(hoverText(`${ORDERS}SELECT pr|oc FROM orders`)!, /proc AS PROCTIME\(\)[\s\S]*Computed column of temporary table `orders`/);
    assert.match(hoverText(`${ORDERS}SELECT o.buyer.first_na|me FROM orders o`)!, /first_name STRING/);
  });

  it('shows a table’s connector, key and columns on its name and on an alias', () => {
    const text = hoverText(`${ORDERS}SELECT price FROM ord|ers o`)!;
    assert.match(text, /^\*\*temporary table `orders`\*\*/);
    assert.match(text, /connector `datagen` · primary key \(order_id\)/);
    assert.match(text, /\| price \| DECIMAL\(32, 2\) \|/);
    assert.match(hoverText(`${ORDERS}SELECT o|.price FROM orders o`)!, /\(as `o`\)/);
  });

  it('knows the columns of a view, with types carried through', () => {
    assert.equal(hoverText(`${ORDERS}SELECT who|le FROM expensive`), '```flink-sql\nwhole INT\n```\nColumn of view `expensive`');
    assert.match(hoverText(`${ORDERS}SELECT id FROM expens|ive`)!, /\| id \| BIGINT \|/);
  });

  it('shows a built-in function’s signature and description, and a draft function’s class', () => {
    const text = hoverText(`${ORDERS}SELECT UPP|ER(CAST(order_id AS STRING)) FROM orders`)!;
    assert.match(text, /UPPER\(string\)/);
    assert.match(text, /Returns string in uppercase\./);
    assert.match(hoverText(`${ORDERS}SELECT to_ce|nts(price) FROM orders`)!, /com\.example\.ToCents/);
  });

  it('shows nothing on keywords, literals and unknown names', () => {
    assert.equal(hoverText(`${ORDERS}SEL|ECT price FROM orders`), undefined);
    assert.equal(hoverText(`${ORDERS}SELECT price FR|OM orders`), undefined);
    assert.equal(hoverText(`${ORDERS}SELECT 'pri|ce' FROM orders`), undefined);
    assert.equal(hoverText(`${ORDERS}SELECT nothing_he|re FROM orders`), undefined);
  });

  it('hovers column definitions and the table name of a CREATE TABLE, even unfinished', () => {
    assert.match(hoverText('CREATE TABLE t (ab|c INT, d AS abc + 1')!, /abc INT[\s\S]*Column of table `t`/);
    assert.match(hoverText(`${ORDERS}SELECT 1;`.replace('CREATE TEMPORARY TABLE orders', 'CREATE TEMPORARY TABLE ord|ers'))!, /connector `datagen`/);
  });

  it('hovers the seed draft: the column and the source table of its INSERT', () => {
    const seed = seedDraft();
    const select = seed.indexOf('SELECT');
    assert.match(hoverText(caretAfter(seed, '  na', select))!, /name VARCHAR[\s\S]*temporary table `datagen_source`/);
    assert.match(hoverText(caretAfter(seed, 'from datagen_'))!, /connector `datagen`/);
    assert.match(hoverText(caretAfter(seed, 'INSERT INTO blackhole_'))!, /connector `blackhole`/);
  });
});
