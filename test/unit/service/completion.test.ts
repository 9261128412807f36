// complete(): keywords by position, draft and catalog tables, columns in scope (with aliases, ROW fields,
// computed/metadata columns, views, CTEs and window TVFs), functions, data types and WITH options.
import { strict as assert } from 'node:assert';
import { CompletionItemKind, InsertTextFormat, type TextEdit } from 'vscode-languageserver-types';
import { caret, caretAfter, completeAt, item, labels, seedDraft } from './completionCaret';
import { builtinOptionCatalog, complete } from '../../../server/src/service';

const ORDERS = `CREATE TEMPORARY TABLE orders (
  order_id BIGINT,
  price DECIMAL(32, 2),
  buyer ROW<first_name STRING, last_name STRING>,
  order_time TIMESTAMP(3),
  proc AS PROCTIME(),
  part INT METADATA FROM 'partition' VIRTUAL,
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '10'
);
CREATE TABLE customers (id BIGINT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'jdbc');
CREATE VIEW expensive AS
SELECT order_id, price * 2 AS doubled, CAST(price AS INT) AS whole FROM orders WHERE price > 100;
`;

describe('complete: keywords', () => {
  it('offers statement starters at the start of a statement', () => {
    const l = labels(completeAt(`${ORDERS}|`));
    for (const k of ['SELECT', 'INSERT INTO', 'CREATE TABLE', 'CREATE TEMPORARY TABLE', 'SET', 'EXECUTE STATEMENT SET']) assert.ok(l.includes(k), k);
    assert.ok(!l.includes('orders'));
  });

  it('follows the case the user types in', () => {
    const items = completeAt('sel|');
    assert.ok(labels(items).includes('select'));
    assert.equal(item(items, 'select').kind, CompletionItemKind.Keyword);
  });

  it('replaces the whole word under the caret', () => {
    const { doc, position } = caret('SEL|CT 1');
    const edit = item(complete(doc, position), 'SELECT').textEdit as TextEdit;
    assert.deepEqual(edit.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } });
  });

  it('offers what may follow CREATE, CREATE TEMPORARY and SHOW', () => {
    assert.ok(labels(completeAt('CREATE |')).includes('TEMPORARY TABLE'));
    assert.deepEqual(labels(completeAt('CREATE TEMPORARY |')), ['TABLE', 'VIEW', 'FUNCTION', 'SYSTEM FUNCTION', 'MODEL']);
    assert.ok(labels(completeAt('SHOW |')).includes('TABLES'));
  });

  it('offers clauses after a FROM item, a JOIN and a WHERE condition', () => {
    const afterFrom = labels(completeAt(`${ORDERS}SELECT * FROM orders o |`));
    for (const k of ['JOIN', 'LEFT JOIN', 'WHERE', 'GROUP BY', 'ORDER BY', 'UNION ALL']) assert.ok(afterFrom.includes(k), k);
    assert.ok(!afterFrom.includes('AS'), 'the alias is already there');
    assert.ok(labels(completeAt(`${ORDERS}SELECT * FROM orders o JOIN customers c |`)).includes('ON'));
    const afterWhere = labels(completeAt(`${ORDERS}SELECT * FROM orders WHERE price > 10 |`));
    for (const k of ['AND', 'OR', 'GROUP BY', 'LIMIT']) assert.ok(afterWhere.includes(k), k);
    assert.ok(!afterWhere.includes('WHERE'));
  });

  it('offers FROM and AS after a select item', () => {
    const l = labels(completeAt(`${ORDERS}SELECT order_id |`));
    assert.ok(l.includes('FROM') && l.includes('AS'));
    assert.ok(!l.includes('order_id'));
  });

  it('offers the clauses of CREATE TABLE after its schema, and the block statements inside a statement set', () => {
    assert.deepEqual(labels(completeAt('CREATE TABLE t (a INT) |')), ['COMMENT', 'DISTRIBUTED BY', 'PARTITIONED BY', 'WITH', 'LIKE', 'AS']);
    assert.deepEqual(labels(completeAt(`${ORDERS}EXECUTE STATEMENT SET BEGIN INSERT INTO customers SELECT order_id, 'x' FROM orders; |`)), ['INSERT INTO', 'INSERT OVERWRITE', 'END']);
    assert.deepEqual(labels(completeAt(`${ORDERS}BEGIN STATEMENT SET;\nINSERT INTO customers SELECT order_id, 'x' FROM orders;\n|`)), ['INSERT INTO', 'INSERT OVERWRITE', 'END']);
  });

  it('offers nothing inside comments and ordinary string literals', () => {
    assert.deepEqual(completeAt(`${ORDERS}SELECT * FROM orders -- |`), []);
    assert.deepEqual(completeAt(`${ORDERS}/* FROM | */ SELECT 1`), []);
    assert.deepEqual(completeAt(`${ORDERS}SELECT * FROM orders WHERE buyer.first_name = 'Jo|'`), []);
  });
});

describe('complete: tables', () => {
  it('offers the tables and views defined earlier in the draft after FROM, JOIN and INSERT INTO', () => {
    for (const text of [`${ORDERS}SELECT * FROM |`, `${ORDERS}SELECT * FROM orders o JOIN |`, `${ORDERS}INSERT INTO |`]) {
      const items = completeAt(text);
      assert.ok(labels(items).includes('orders') && labels(items).includes('customers'), text);
    }
    const items = completeAt(`${ORDERS}SELECT * FROM |`);
    assert.equal(item(items, 'orders').kind, CompletionItemKind.Struct);
    assert.equal(item(items, 'orders').detail, "temporary table 'datagen'");
    assert.equal(item(items, 'expensive').kind, CompletionItemKind.Interface);
  });

  it('does not offer tables defined after the statement', () => {
    assert.ok(!labels(completeAt(`SELECT * FROM |;\n${ORDERS}`)).includes('orders'));
  });

  it('completes the seed draft: its tables after from and insert into', () => {
    const seed = seedDraft();
    assert.deepEqual(labels(completeAt(caretAfter(seed, 'from '))).filter((l) => !/^[A-Z]/.test(l)), ['datagen_source', 'blackhole_sink']);
    assert.ok(labels(completeAt(caretAfter(seed, 'INSERT INTO '))).includes('blackhole_sink'));
  });

  it('offers catalog tables when a live catalog is known, by bare name in the current database', () => {
    const catalogTables = [
      { path: ['default_catalog', 'default_database', 'clicks'], kind: 'table' as const, current: true, columns: [{ name: 'url', type: 'STRING' }] },
      { path: ['hive', 'web', 'pages'], kind: 'table' as const, current: false },
    ];
    const l = labels(completeAt('SELECT * FROM |', { catalogTables }));
    assert.ok(l.includes('clicks') && l.includes('hive.web.pages'), l.join());
    assert.deepEqual(labels(completeAt('SELECT * FROM hive.|', { catalogTables })), ['web']);
    assert.deepEqual(labels(completeAt('SELECT * FROM hive.web.|', { catalogTables })), ['pages']);
    const cols = completeAt('SELECT | FROM clicks', { catalogTables });
    assert.equal(item(cols, 'url').detail, 'STRING — catalog table clicks');
  });

  it('offers CTE names', () => {
    assert.ok(labels(completeAt(`${ORDERS}WITH big AS (SELECT * FROM orders WHERE price > 10) SELECT * FROM |`)).includes('big'));
  });
});

describe('complete: columns and functions', () => {
  it('offers the columns of the tables in scope in the select list, with type and table', () => {
    const items = completeAt(`${ORDERS}SELECT | FROM orders o`);
    const price = item(items, 'price');
    assert.equal(price.kind, CompletionItemKind.Field);
    assert.equal(price.detail, 'DECIMAL(32, 2) — temporary table orders');
    assert.equal(item(items, 'proc').documentation, 'AS PROCTIME()');
    assert.equal(item(items, 'part').documentation, "METADATA FROM 'partition' VIRTUAL");
    assert.ok(labels(items).includes('o'), 'the alias');
    assert.ok(labels(items).includes('UPPER'), 'functions');
    // columns sort before functions and keywords
    assert.ok(price.sortText! < item(items, 'UPPER').sortText! && item(items, 'UPPER').sortText! < item(items, 'CASE').sortText!);
  });

  it('offers only the aliased table’s columns after `o.`, and ROW fields after `o.buyer.`', () => {
    const text = `${ORDERS}SELECT o.| FROM orders o JOIN customers c ON o.order_id = c.id`;
    assert.deepEqual(labels(completeAt(text)), ['order_id', 'price', 'buyer', 'order_time', 'proc', 'part']);
    assert.deepEqual(labels(completeAt(`${ORDERS}SELECT c.| FROM orders o JOIN customers c ON o.order_id = c.id`)), ['id', 'name']);
    assert.deepEqual(labels(completeAt(`${ORDERS}SELECT o.buyer.| FROM orders o`)), ['first_name', 'last_name']);
  });

  it('offers columns in WHERE, ON, GROUP BY and ORDER BY', () => {
    for (const text of [
      `${ORDERS}SELECT * FROM orders WHERE |`,
      `${ORDERS}SELECT * FROM orders o JOIN customers c ON |`,
      `${ORDERS}SELECT order_id, COUNT(*) FROM orders GROUP BY |`,
      `${ORDERS}SELECT * FROM orders ORDER BY |`,
      `${ORDERS}SELECT * FROM orders WHERE price > 10 AND |`,
    ]) assert.ok(labels(completeAt(text)).includes('order_time'), text);
    assert.ok(labels(completeAt(`${ORDERS}SELECT * FROM orders o JOIN customers c ON o.order_id = |`)).includes('id'));
  });

  it('knows the columns of a view (types carried through CAST and plain references)', () => {
    const items = completeAt(`${ORDERS}SELECT | FROM expensive`);
    assert.equal(item(items, 'order_id').detail, 'BIGINT — view expensive');
    assert.equal(item(items, 'whole').detail, 'INT — view expensive');
    assert.equal(item(items, 'doubled').detail, 'view expensive');
  });

  it('knows the output columns of CTEs and derived tables while the outer query is being typed', () => {
    const cte = completeAt(`${ORDERS}WITH big AS (SELECT order_id, price AS amount FROM orders WHERE price > 10) SELECT | FROM big`);
    assert.equal(item(cte, 'amount').detail, 'DECIMAL(32, 2) — cte big');
    assert.ok(!labels(cte).includes('buyer'), 'the CTE body’s own FROM is not in the outer scope');
    assert.deepEqual(labels(completeAt(`${ORDERS}SELECT s.| FROM (SELECT order_id AS x, proc FROM orders) s`)), ['x', 'proc']);
    const topN = completeAt(`${ORDERS}SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY price DESC) AS rownum FROM orders) WHERE |`);
    assert.ok(labels(topN).includes('rownum') && labels(topN).includes('price'), labels(topN).slice(0, 10).join());
  });

  it('adds the window columns of a window TVF', () => {
    const items = completeAt(`${ORDERS}SELECT | FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(order_time), INTERVAL '1' MINUTE))`);
    for (const c of ['window_start', 'window_end', 'window_time', 'price']) assert.ok(labels(items).includes(c), c);
  });

  it('offers the window TVFs inside FROM TABLE( and the tables as their TABLE argument', () => {
    assert.deepEqual(labels(completeAt(`${ORDERS}SELECT * FROM TABLE(|`, { flinkVersion: '1.20' })), ['CUMULATE', 'HOP', 'SESSION', 'TUMBLE']);
    const v23 = labels(completeAt(`${ORDERS}SELECT * FROM TABLE(|`));
    for (const f of ['CUMULATE', 'HOP', 'SESSION', 'TUMBLE', 'ML_PREDICT', 'FROM_CHANGELOG']) assert.ok(v23.includes(f), f);
    assert.ok(labels(completeAt(`${ORDERS}SELECT * FROM TABLE(TUMBLE(TABLE |`)).includes('orders'));
    const cols = completeAt(`${ORDERS}SELECT | FROM TABLE(HOP(TABLE orders, DESCRIPTOR(order_time), INTERVAL '1' MINUTE, INTERVAL '5' MINUTE))`);
    assert.equal(item(cols, 'window_end').detail, 'TIMESTAMP(3) — window TVF HOP(orders)');
  });

  it('inserts functions as snippets with their signature as detail', () => {
    const upper = item(completeAt(`${ORDERS}SELECT upp| FROM orders`), 'upper');
    assert.equal(upper.detail, 'UPPER(string)');
    assert.equal(upper.insertTextFormat, InsertTextFormat.Snippet);
    assert.equal((upper.textEdit as TextEdit).newText, 'upper($0)');
    const now = item(completeAt('SELECT |'), 'CURRENT_TIMESTAMP');
    assert.equal((now.textEdit as TextEdit).newText, 'CURRENT_TIMESTAMP');
  });

  it('offers the columns of an INSERT target in its column list', () => {
    assert.deepEqual(labels(completeAt(`${ORDERS}INSERT INTO customers (|`)), ['id', 'name']);
  });
});

describe('complete: CREATE TABLE', () => {
  it('offers data types after a column name, and inside ARRAY< and ROW<', () => {
    for (const text of ['CREATE TABLE t (id |', 'CREATE TABLE t (id BIGINT, tags ARRAY<|', 'CREATE TABLE t (r ROW<a |']) {
      const l = labels(completeAt(text));
      assert.ok(l.includes('STRING') && l.includes('TIMESTAMP_LTZ') && l.includes('DECIMAL'), text);
    }
    const dec = item(completeAt('CREATE TABLE t (id dec|'), 'decimal');
    assert.equal((dec.textEdit as TextEdit).newText, 'decimal(${1:p}, ${2:s})');
  });

  it('offers schema elements, column suffixes and the table’s own columns', () => {
    assert.deepEqual(labels(completeAt('CREATE TABLE t (id BIGINT, |')), ['PRIMARY KEY', 'WATERMARK FOR', 'CONSTRAINT']);
    assert.ok(labels(completeAt('CREATE TABLE t (id BIGINT |')).includes('NOT NULL'));
    assert.deepEqual(labels(completeAt('CREATE TABLE t (id BIGINT, ts TIMESTAMP(3), WATERMARK FOR |')), ['id', 'ts']);
    assert.deepEqual(labels(completeAt('CREATE TABLE t (id BIGINT, ts TIMESTAMP(3), PRIMARY KEY (|')), ['id', 'ts']);
    assert.deepEqual(labels(completeAt('CREATE TABLE t (id BIGINT, PRIMARY KEY (id) |')), ['NOT ENFORCED']);
    const wm = labels(completeAt('CREATE TABLE t (id BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS |'));
    assert.ok(wm.includes('ts') && wm.includes('CURRENT_WATERMARK'), wm.join());
  });

  it('offers connector and format keys in WITH, and the built-in connectors as values', () => {
    // The minimal built-in list (used when no connector catalog is bundled); connectorCompletion.test.ts covers the real one.
    const builtin = { options: builtinOptionCatalog };
    const keys = completeAt("CREATE TABLE t (id INT) WITH (|", builtin);
    assert.deepEqual(labels(keys), ['connector', 'format']);
    assert.equal((item(keys, 'connector').textEdit as TextEdit).newText, "'connector' = '$1'");
    const inString = caret("CREATE TABLE t (id INT) WITH ('con|')");
    const edit = item(complete(inString.doc, inString.position, builtin), 'connector').textEdit as TextEdit;
    assert.deepEqual(edit, { range: { start: { line: 0, character: 31 }, end: { line: 0, character: 34 } }, newText: 'connector' });
    assert.deepEqual(labels(completeAt("CREATE TABLE t (id INT) WITH ('connector' = '|')", builtin)),
      ['datagen', 'print', 'blackhole', 'filesystem', 'kafka', 'upsert-kafka', 'jdbc']);
    assert.deepEqual(labels(completeAt("CREATE TABLE t (id INT) WITH ('connector' = 'kafka', '|')", builtin)), ['format']);
    assert.deepEqual(labels(completeAt("CREATE TABLE t (id INT) WITH ('connector' = 'kafka', 'format' = '|')", builtin)).slice(0, 3), ['json', 'csv', 'avro']);
  });

  it('takes option keys from a supplied OptionCatalog', () => {
    const options = {
      tableOptions: (connector: string | undefined) => (connector === 'kafka' ? [{ key: 'topic', required: true }, { key: 'properties.bootstrap.servers' }] : [{ key: 'connector', values: ['kafka'] }]),
      configOptions: () => [{ key: 'pipeline.name' }],
    };
    assert.deepEqual(labels(completeAt("CREATE TABLE t (id INT) WITH ('connector' = 'kafka', |)", { options })), ['topic', 'properties.bootstrap.servers']);
    assert.deepEqual(labels(completeAt("SET '|'", { options })), ['pipeline.name']);
  });

  it('offers session configuration keys after SET', () => {
    assert.ok(labels(completeAt("SET '|'")).includes('execution.runtime-mode'));
    assert.deepEqual(labels(completeAt("SET 'execution.runtime-mode' = '|'")), ['streaming', 'batch', 'automatic']);
  });
});
