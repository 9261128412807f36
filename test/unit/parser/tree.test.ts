// Tree shape: statement kinds and names, CREATE TABLE columns / constraints / watermark / WITH options,
// INSERT targets, queries' FROM items and select lists, identifier quoting and relative spans.
import * as assert from 'assert';
import { collect, parseScript, type CreateTableNode, type InsertNode, type QueryNode, type SelectNode, type TableRefNode } from '../../../server/src/parser';

function parseOne(sql: string) {
  const r = parseScript(sql);
  assert.deepStrictEqual(r.diagnostics.map((d) => d.message), [], sql);
  assert.strictEqual(r.statements.length, 1);
  const s = r.statements[0];
  assert.ok(s.node, 'a tree');
  return { stmt: s, node: s.node, text: s.text, slice: (n: { start: number; end: number }) => s.text.slice(n.start, n.end) };
}

describe('parser tree', () => {
  it('gives every statement a kind', () => {
    const cases: [string, string][] = [
      ['CREATE TABLE t (a INT)', 'createTable'], ['CREATE VIEW v AS SELECT 1', 'createView'],
      ["CREATE FUNCTION f AS 'x.F'", 'createFunction'], ["CREATE CATALOG c WITH ('type' = 'x')", 'createCatalog'],
      ['CREATE DATABASE d', 'createDatabase'], ['INSERT INTO t SELECT 1', 'insert'], ['SELECT 1', 'query'],
      ["SET 'k' = 'v'", 'set'], ['RESET', 'reset'], ['USE CATALOG c', 'use'], ['SHOW TABLES', 'show'], ['DESCRIBE t', 'describe'],
      ['EXPLAIN SELECT 1', 'explain'], ['EXECUTE STATEMENT SET BEGIN INSERT INTO t SELECT 1; END', 'statementSet'],
      ["ALTER TABLE t SET ('k' = 'v')", 'alterTable'], ['DROP TABLE t', 'drop'], ["ADD JAR 'a.jar'", 'addJar'],
      ['LOAD MODULE hive', 'loadModule'], ["STOP JOB 'j'", 'stopJob'], ['CALL sys.p(1)', 'call'],
      ['ANALYZE TABLE t COMPUTE STATISTICS', 'analyzeTable'], ['CREATE MATERIALIZED TABLE m FRESHNESS = INTERVAL \'1\' MINUTE AS SELECT 1', 'createMaterializedTable'],
      ["CREATE MODEL m WITH ('provider' = 'openai')", 'createModel'], ['BEGIN STATEMENT SET', 'beginStatementSet'], ['END', 'endStatementSet'],
    ];
    for (const [sql, kind] of cases) assert.strictEqual(parseOne(sql).node.kind, kind, sql);
  });

  it('describes CREATE TABLE columns, constraints, watermark and WITH options with spans', () => {
    const sql = [
      'CREATE TEMPORARY TABLE IF NOT EXISTS `my cat`.db.orders (',
      '  id BIGINT NOT NULL COMMENT \'key\',',
      '  total AS price * qty,',
      "  topic STRING METADATA FROM 'topic' VIRTUAL,",
      '  ts TIMESTAMP(3) WITH LOCAL TIME ZONE,',
      "  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND,",
      '  PRIMARY KEY (id) NOT ENFORCED',
      ") PARTITIONED BY (id) WITH ('connector' = 'kafka', 'topic' = 'orders')",
    ].join('\n');
    const { node, slice } = parseOne(sql);
    const t = node as CreateTableNode;
    assert.strictEqual(t.temporary, true);
    assert.strictEqual(t.ifNotExists, true);
    assert.deepStrictEqual(t.name.parts.map((p) => [p.value, p.quoted]), [['my cat', true], ['db', false], ['orders', false]]);
    assert.strictEqual(slice(t.name), '`my cat`.db.orders');
    assert.deepStrictEqual(t.columns.map((c) => [c.kind, c.name.value]), [
      ['physicalColumn', 'id'], ['computedColumn', 'total'], ['metadataColumn', 'topic'], ['physicalColumn', 'ts'],
    ]);
    assert.strictEqual(t.columns[0].type?.name, 'BIGINT');
    assert.strictEqual(t.columns[0].type?.notNull, true);
    assert.strictEqual(t.columns[0].comment?.value, 'key');
    assert.strictEqual(slice(t.columns[1].expr!), 'price * qty');
    assert.strictEqual(t.columns[2].metadataKey?.value, 'topic');
    assert.strictEqual(t.columns[2].virtual, true);
    assert.strictEqual(t.columns[3].type?.suffix, 'WITH LOCAL TIME ZONE');
    assert.deepStrictEqual(t.columns[3].type?.params, [3]);
    assert.strictEqual(slice(t.watermark!.expr), "ts - INTERVAL '5' SECOND");
    assert.deepStrictEqual(t.constraints.map((c) => [c.kind, c.columns.map((x) => x.value), c.enforced]), [['primaryKey', ['id'], false]]);
    assert.deepStrictEqual(t.partitionedBy?.map((x) => x.value), ['id']);
    assert.deepStrictEqual(t.options.map((o) => [o.key.value, o.value.value]), [['connector', 'kafka'], ['topic', 'orders']]);
    assert.deepStrictEqual(t.options.map((o) => [slice(o.key), slice(o.value), slice(o)]), [
      ["'connector'", "'kafka'", "'connector' = 'kafka'"], ["'topic'", "'orders'", "'topic' = 'orders'"],
    ]);
  });

  it('reads nested types, LIKE, DISTRIBUTED BY and CTAS', () => {
    const like = parseOne("CREATE TABLE t (m MAP<STRING, ARRAY<ROW<x INT, y STRING>>>) DISTRIBUTED BY HASH(m) INTO 4 BUCKETS WITH ('k' = 'v') LIKE src (EXCLUDING ALL)").node as CreateTableNode;
    const m = like.columns[0].type!;
    assert.strictEqual(m.name, 'MAP');
    assert.strictEqual(m.valueType?.elementType?.fields?.map((f) => f.name.value).join(), 'x,y');
    assert.deepStrictEqual([like.distribution?.algorithm, like.distribution?.buckets], ['HASH', 4]);
    assert.deepStrictEqual([like.like?.name.parts[0].value, like.like?.options], ['src', ['EXCLUDING ALL']]);
    const ctas = parseOne('CREATE TABLE t AS SELECT a FROM s').node as CreateTableNode;
    assert.strictEqual(ctas.asQuery?.kind, 'query');
  });

  it('describes INSERT target, partition, column list and query', () => {
    const { node, slice } = parseOne("INSERT OVERWRITE cat.db.sink PARTITION (dt = '2024') (a, `b`) SELECT x, y FROM src");
    const ins = node as InsertNode;
    assert.strictEqual(ins.overwrite, true);
    assert.strictEqual(slice(ins.target), 'cat.db.sink');
    assert.deepStrictEqual(ins.partition?.map((p) => p.name.value), ['dt']);
    assert.deepStrictEqual(ins.columns?.map((c) => [c.value, c.quoted]), [['a', false], ['b', true]]);
    assert.strictEqual(ins.query.kind, 'query');
  });

  it('describes the select list and FROM items of a query', () => {
    const { node, slice } = parseOne('SELECT o.id, SUM(o.amount) AS total FROM orders AS o JOIN rates FOR SYSTEM_TIME AS OF o.ts r ON o.c = r.c, LATERAL TABLE(split(o.s)) AS w(word) GROUP BY o.id');
    const q = node as QueryNode;
    const sel = q.body as SelectNode;
    assert.deepStrictEqual(sel.items.map((i) => [slice(i.expr), i.alias?.value]), [['o.id', undefined], ['SUM(o.amount)', 'total']]);
    assert.deepStrictEqual(sel.from.map((f) => f.kind), ['join', 'tableFunction']);
    const refs = collect<TableRefNode>(q, 'tableRef');
    assert.deepStrictEqual(refs.map((r) => [slice(r.name), r.alias?.value]), [['orders', 'o'], ['rates', 'r']]);
    assert.strictEqual(slice(refs[1].systemTime!), 'o.ts');
    assert.deepStrictEqual(collect(q, 'call').map((c) => (c as unknown as { name: string }).name), ['SUM', 'split']);
  });

  it('keeps node offsets relative to the statement start', () => {
    const r = parseScript("SELECT 1;\n\nCREATE TABLE t (a INT) WITH ('k' = 'v')");
    const s = r.statements[1];
    const t = s.node as CreateTableNode;
    assert.strictEqual(s.start, 11);
    assert.strictEqual(t.start, 0);
    assert.strictEqual(s.text.slice(t.options[0].key.start, t.options[0].key.end), "'k'");
  });

  it('walks hints, CTEs, set operations and window TVFs', () => {
    const { node } = parseOne("WITH x AS (SELECT /*+ STATE_TTL('t' = '1d') */ * FROM t) SELECT * FROM TABLE(TUMBLE(TABLE x, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) UNION ALL SELECT * FROM u");
    const q = node as QueryNode;
    assert.strictEqual(q.with?.[0].name.value, 'x');
    assert.strictEqual(q.body.kind, 'setOp');
    assert.deepStrictEqual(collect(q, 'hint').map((h) => (h as unknown as { name: { value: string } }).name.value), ['STATE_TTL']);
    assert.deepStrictEqual(collect(q, 'descriptor').length, 1);
  });
});
