// Table definitions checked as Flink checks them when it runs the CREATE TABLE (MergeTableLikeUtil,
// SchemaBuilderUtil, SqlCreateTableConverter): columns defined twice, PRIMARY KEY / WATERMARK / PARTITIONED BY /
// computed columns naming a column the table lacks, LIKE of an unknown table or a view; metadata keys per
// connector; a table read or written against its connector's kinds; names written in another case.
import { strict as assert } from 'node:assert';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { analyze, codeActions, diagnostics } from '../../../server/src/service';
import { useBundledCatalogs } from '../connectors/fixtureCatalogs';

const match = (v: unknown, re: RegExp) => assert.match(String(v), re);

/** [code, severity, the text the diagnostic covers] of each diagnostic. */
function found(text: string, context: Parameters<typeof diagnostics>[1] = {}): [string, DiagnosticSeverity | undefined, string][] {
  const doc = analyze(text);
  return diagnostics(doc, context).map((d) => [String(d.code), d.severity, text.slice(doc.lines.offsetAt(d.range.start), doc.lines.offsetAt(d.range.end))]);
}
function only(text: string, code: string): Diagnostic {
  const ds = diagnostics(analyze(text)).filter((d) => d.code === code);
  assert.equal(ds.length, 1, JSON.stringify(diagnostics(analyze(text))));
  return ds[0];
}
const E = DiagnosticSeverity.Error;
const W = DiagnosticSeverity.Warning;

// Flink's docs: the Kafka connector's example table with metadata columns and a watermark.
const KAFKA = `CREATE TABLE KafkaTable (
  \`user_id\` BIGINT,
  \`item_id\` BIGINT,
  \`behavior\` STRING,
  \`ts\` TIMESTAMP_LTZ(3) METADATA FROM 'timestamp',
  \`partition\` BIGINT METADATA VIRTUAL,
  \`offset\` BIGINT METADATA VIRTUAL,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'user_behavior',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.group.id' = 'testGroup',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'csv'
);
`;
const ORDERS = `CREATE TABLE orders (
  order_id BIGINT,
  user_id BIGINT,
  price DECIMAL(10, 2),
  order_time TIMESTAMP(3),
  amount AS price * 2,
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND,
  PRIMARY KEY (order_id) NOT ENFORCED
) PARTITIONED BY (user_id) WITH ('connector' = 'filesystem', 'path' = 'file:///tmp/orders', 'format' = 'json');
`;

describe('table definition checks', () => {
  before(useBundledCatalogs);

  it('accepts well-formed tables (Flink docs: kafka with metadata, a partitioned filesystem table)', () => {
    assert.deepEqual(found(`${KAFKA}${ORDERS}SELECT user_id, \`partition\`, \`offset\` FROM KafkaTable;`), []);
  });

  it('a column defined twice, in Flink\'s words for each kind', () => {
    assert.deepEqual(found("CREATE TABLE t (id BIGINT, name STRING, id STRING) WITH ('connector' = 'datagen');"), [['duplicate-column', E, 'id']]);
    match(only("CREATE TABLE t (id BIGINT, id STRING) WITH ('connector' = 'datagen');", 'duplicate-column').message, /^A regular Column named 'id' already exists in the table\./);
    match(only("CREATE TABLE t (id BIGINT, id AS 1) WITH ('connector' = 'datagen');", 'duplicate-column').message,
      /^A column named 'id' already exists in the table\. Duplicate columns exist in the compute column and regular column\./);
    match(only("CREATE TABLE t (id BIGINT, c AS id + 1, c AS id + 2) WITH ('connector' = 'datagen');", 'duplicate-column').message,
      /^A generated column named 'c' already exists in the base table\./);
  });

  it('PRIMARY KEY on a column the table lacks, or on a computed column', () => {
    const text = ORDERS.replace('PRIMARY KEY (order_id)', 'PRIMARY KEY (orderid)');
    assert.deepEqual(found(text), [['unknown-key-column', E, 'orderid']]);
    match(only(text, 'unknown-key-column').message, /^Primary key column 'orderid' is not defined in the schema\. Did you mean 'order_id'\?/);
    assert.deepEqual(found(ORDERS.replace('PRIMARY KEY (order_id)', 'PRIMARY KEY (amount)')), [['invalid-primary-key', E, 'amount']]);
    match(only(ORDERS.replace('PRIMARY KEY (order_id)', 'PRIMARY KEY (amount)'), 'invalid-primary-key').message,
      /A PRIMARY KEY constraint must be declared on physical columns/);
  });

  it('WATERMARK FOR a column the table lacks, and a strategy using one', () => {
    const wm = ORDERS.replace('WATERMARK FOR order_time AS', 'WATERMARK FOR ordertime AS');
    assert.deepEqual(found(wm), [['unknown-watermark-column', E, 'ordertime']]);
    match(only(wm, 'unknown-watermark-column').message, /^The rowtime attribute field 'ordertime' is not defined in the table schema\. Available fields: \['order_id', 'user_id', 'price', 'order_time', 'amount'\]/);
    assert.deepEqual(found(ORDERS.replace("AS order_time - INTERVAL", "AS order_tme - INTERVAL")), [['unknown-column', E, 'order_tme']]);
  });

  it('PARTITIONED BY a column the table lacks', () => {
    const text = ORDERS.replace('PARTITIONED BY (user_id)', 'PARTITIONED BY (dt)');
    assert.deepEqual(found(text), [['unknown-partition-column', E, 'dt']]);
    match(only(text, 'unknown-partition-column').message, /^Partition column 'dt' not defined in the table schema\. Available columns: \['order_id', 'user_id', 'price', 'order_time', 'amount'\]/);
  });

  it('a computed column sees physical and metadata columns only', () => {
    assert.deepEqual(found(ORDERS.replace('amount AS price * 2', 'amount AS prize * 2')), [['unknown-column', E, 'prize']]);
    const chained = ORDERS.replace('amount AS price * 2,', 'amount AS price * 2,\n  twice AS amount * 2,');
    assert.deepEqual(found(chained), [['unknown-column', E, 'amount']]);
    match(only(chained, 'unknown-column').message, /'amount' is a computed column, and a computed column can only use the table's physical and metadata columns/);
    assert.deepEqual(found(`CREATE TABLE t (
  id BIGINT,
  r ROW<a INT>,
  a AS r.a,
  d AS CURRENT_TIMESTAMP,
  p AS PROCTIME(),
  j AS JSON_VALUE(CAST(id AS STRING), '$.a' RETURNING INT),
  e AS EXTRACT(DAY FROM CURRENT_DATE)
) WITH ('connector' = 'datagen');`), [], 'functions, context variables and ROW fields are no columns');
  });

  it('LIKE: a column the base table has, a base defined later or misspelt, a view', () => {
    const base = "CREATE TABLE base (id BIGINT, ts TIMESTAMP(3)) WITH ('connector' = 'datagen');\n";
    assert.deepEqual(found(`${base}CREATE TABLE t (name STRING, WATERMARK FOR ts AS ts, PRIMARY KEY (id) NOT ENFORCED) WITH ('number-of-rows' = '10') LIKE base;`), []);
    assert.deepEqual(found(`${base}CREATE TABLE t (id BIGINT) LIKE base;`), [['duplicate-column', E, 'id']]);
    assert.deepEqual(found(`${base}CREATE TABLE t (name STRING, PRIMARY KEY (idx) NOT ENFORCED) LIKE base;`), [['unknown-key-column', E, 'idx']]);
    assert.deepEqual(found(`CREATE TABLE t (name STRING) LIKE base;\n${base}`), [['unknown-like-source', W, 'base']]);
    assert.deepEqual(found(`${base}CREATE TABLE t (name STRING) LIKE bsae;`), [['unknown-like-source', W, 'bsae']]);
    assert.deepEqual(found(`CREATE TABLE t (name STRING) LIKE catalog_table;`), [], 'may be a catalog table');
    assert.deepEqual(found(`CREATE TABLE t (name STRING) LIKE catalog_table;`, { catalogs: ['default_catalog'], catalogTables: [] }), [['unknown-like-source', W, 'catalog_table']]);
    assert.deepEqual(found(`CREATE VIEW v AS SELECT 1 AS a;\nCREATE TABLE t (b INT) LIKE v;`), [['like-view', E, 'v']]);
  });

  it('metadata keys per connector (kafka, filesystem; datagen has none)', () => {
    assert.deepEqual(found(KAFKA.replace("METADATA FROM 'timestamp'", "METADATA FROM 'timestamps'")), [['unknown-metadata-key', E, "'timestamps'"]]);
    match(only(KAFKA.replace("METADATA FROM 'timestamp'", "METADATA FROM 'timestamps'"), 'unknown-metadata-key').message,
      /^Invalid metadata key 'timestamps' in column 'ts' of table 'KafkaTable'\. .*Did you mean 'timestamp'\?/);
    assert.deepEqual(found(KAFKA.replace("METADATA FROM 'timestamp'", "METADATA FROM 'header-list'")), [['unknown-metadata-key', W, "'header-list'"]], 'a newer connector may have it');
    assert.deepEqual(found(KAFKA.replace("'format' = 'csv'", "'format' = 'debezium-json'").replace("METADATA FROM 'timestamp'", "METADATA FROM 'value.source.timestamp'")), [], 'format metadata');
    assert.deepEqual(found(KAFKA.replace("METADATA FROM 'timestamp'", "METADATA FROM 'value.source.timestamp'")), [['unknown-metadata-key', E, "'value.source.timestamp'"]], 'csv has none');
    assert.deepEqual(found("CREATE TABLE f (a INT, p STRING METADATA FROM 'file.path' VIRTUAL) WITH ('connector' = 'filesystem', 'path' = '/tmp/f', 'format' = 'json');"), []);
    assert.deepEqual(found("CREATE TABLE g (a INT, p STRING METADATA VIRTUAL) WITH ('connector' = 'datagen');"), [['unknown-metadata-key', E, 'p']]);
  });

  it('a source-only connector as INSERT target, a sink-only one read by a query', () => {
    const ddl = "CREATE TABLE gen (id BIGINT) WITH ('connector' = 'datagen');\nCREATE TABLE printed (id BIGINT) WITH ('connector' = 'print');\n";
    assert.deepEqual(found(`${ddl}INSERT INTO printed SELECT id FROM gen;`), []);
    assert.deepEqual(found(`${ddl}INSERT INTO gen SELECT id FROM printed;`), [['connector-not-sink', E, 'gen'], ['connector-not-source', E, 'printed']]);
    match(only(`${ddl}INSERT INTO gen SELECT 1;`, 'connector-not-sink').message, /^Connector 'datagen' can only be used as a source\. It cannot be used as a sink/);
    match(only(`${ddl}SELECT * FROM printed;`, 'connector-not-source').message, /^Connector 'print' can only be used as a sink\. It cannot be used as a source/);
  });

  it('names in another case: a column is an error with a quick fix, a table a warning', () => {
    const text = `${ORDERS}SELECT order_id, USER_ID FROM orders;`;
    assert.deepEqual(found(text), [['unknown-column', E, 'USER_ID']]);
    const d = only(text, 'unknown-column');
    match(d.message, /^Column 'USER_ID' not found in any table; did you mean 'user_id'\?/);
    const [fix] = codeActions(analyze(text), d.range, [d], 'file:///draft.flink.sql');
    assert.equal(fix.title, "Change 'USER_ID' to 'user_id'");
    assert.equal(fix.edit?.changes?.['file:///draft.flink.sql'][0].newText, 'user_id');
    assert.deepEqual(found(`${ORDERS}SELECT order_id FROM Orders;`), [['table-name-case', W, 'Orders']]);
  });

  it('quick fixes where the fix is certain: the misspelt key column', () => {
    const text = ORDERS.replace('PRIMARY KEY (order_id)', 'PRIMARY KEY (orderid)');
    const d = only(text, 'unknown-key-column');
    const [fix] = codeActions(analyze(text), d.range, [d], 'file:///draft.flink.sql');
    assert.equal(fix.edit?.changes?.['file:///draft.flink.sql'][0].newText, 'order_id');
  });
});
