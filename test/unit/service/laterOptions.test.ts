// Options that arrive after the CREATE TABLE (OPTIONS hints at every use, ALTER TABLE … SET) and the format
// options of formats that register several factories under one identifier: the two false errors of issue 18,
// checked with the bundled catalogs generated from Flink's jars.
import { strict as assert } from 'node:assert';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { analyze, diagnostics } from '../../../server/src/service';
import { useBundledCatalogs } from '../connectors/fixtureCatalogs';

const match = (v: unknown, re: RegExp) => assert.match(String(v), re);

// A kafka table whose brokers the job supplies later (as in Flink's docs on dynamic table options).
const EVENTS = `CREATE TEMPORARY TABLE events (
  user_id BIGINT,
  url STRING,
  ts TIMESTAMP(3)
) WITH (
  'connector' = 'kafka',
  'topic' = 'events',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json'
);
CREATE TEMPORARY TABLE sink (user_id BIGINT, url STRING) WITH ('connector' = 'blackhole');
`;
const HINT = `/*+ OPTIONS('properties.bootstrap.servers' = 'broker:9092') */`;

for (const flinkVersion of ['2.3', '1.20'] as const) {
  describe(`options that arrive later (Flink ${flinkVersion})`, () => {
    before(useBundledCatalogs);
    const diag = (text: string): Diagnostic[] => diagnostics(analyze(text), { flinkVersion });
    const found = (text: string) => diag(text).map((d) => [d.range.start.line, d.code]);

    it('regression: an OPTIONS hint at the only use supplies properties.bootstrap.servers', () => {
      assert.deepEqual(found(`${EVENTS}INSERT INTO sink SELECT user_id, url FROM events ${HINT};`), []);
      assert.deepEqual(found(`${EVENTS}SELECT e.user_id FROM events ${HINT} AS e WHERE e.url <> '';`), []);
    });

    it('regression: a later ALTER TABLE … SET supplies it for the uses after it', () => {
      assert.deepEqual(found(`${EVENTS}ALTER TABLE events SET ('properties.bootstrap.servers' = 'broker:9092');
INSERT INTO sink SELECT user_id, url FROM events;`), []);
      assert.deepEqual(found(`${EVENTS}ALTER TABLE events SET ('properties.bootstrap.servers' = 'broker:9092');`), [], 'unused but altered');
    });

    it('a use without them is an error on the CREATE and on that use', () => {
      const text = `${EVENTS}INSERT INTO sink SELECT user_id, url FROM events ${HINT};
INSERT INTO sink SELECT user_id, url FROM events;`;
      const d = diag(text);
      assert.deepEqual(d.map((x) => [x.range.start.line, x.code, x.severity]), [
        [4, 'missing-option', DiagnosticSeverity.Error],
        [12, 'missing-option-at-use', DiagnosticSeverity.Error],
      ]);
      match(d[0].message, /'properties.bootstrap.servers'.*It is used without them on line 13\./);
      match(d[1].message, /^Table 'events' is read here without 'properties.bootstrap.servers'/);
      assert.deepEqual(d[0].data, { fix: 'add', options: [{ key: 'properties.bootstrap.servers', placeholder: 'localhost:9092' }] });
    });

    it('an ALTER TABLE after the use, or a RESET before it, does not help that use', () => {
      assert.deepEqual(found(`${EVENTS}SELECT * FROM events;
ALTER TABLE events SET ('properties.bootstrap.servers' = 'broker:9092');`), [[4, 'missing-option'], [11, 'missing-option-at-use']]);
      assert.deepEqual(found(`${EVENTS}ALTER TABLE events SET ('properties.bootstrap.servers' = 'broker:9092');
ALTER TABLE events RESET ('properties.bootstrap.servers');
SELECT * FROM events;`), [[4, 'missing-option'], [13, 'missing-option-at-use']]);
    });

    it('code-level rules too: a hint may choose the topic, an INSERT target gets its hint', () => {
      const noTopic = EVENTS.replace("  'topic' = 'events',\n", '');
      assert.deepEqual(found(`${noTopic}SELECT * FROM events /*+ OPTIONS('topic' = 'events', 'properties.bootstrap.servers' = 'b:9092') */;`), []);
      assert.deepEqual(found(`${EVENTS}INSERT INTO events ${HINT} SELECT 1, 'x', CAST(NULL AS TIMESTAMP(3));`), []);
      assert.deepEqual(found(`${EVENTS}INSERT INTO events SELECT 1, 'x', CAST(NULL AS TIMESTAMP(3));`), [[4, 'missing-option'], [11, 'missing-option-at-use']]);
    });

    it('an unused table gets a warning on its CREATE (the planner accepts the draft); a LIKE base nothing', () => {
      const [d] = diag(EVENTS);
      assert.deepEqual([d.range.start.line, d.code, d.severity], [4, 'missing-option', DiagnosticSeverity.Warning]);
      match(d.message, /No statement of this draft uses the table yet, and Flink checks a table's options only where a query or INSERT uses it/);
      assert.deepEqual(found(`${EVENTS}CREATE TEMPORARY TABLE events_eu WITH ('properties.bootstrap.servers' = 'eu:9092') LIKE events;`), []);
    });

    it("an OPTIONS hint's own keys and values are checked like the WITH clause's, on the hint", () => {
      const typo = `${EVENTS}SELECT user_id FROM events /*+ OPTIONS('properties.bootstrap.servers' = 'b:9092', 'scan.startup.mod' = 'latest-offset') */;`;
      const doc = analyze(typo);
      const d = diagnostics(doc, { flinkVersion }).filter((x) => x.code === 'unknown-option');
      assert.equal(d.length, 1);
      assert.equal(typo.slice(doc.lines.offsetAt(d[0].range.start), doc.lines.offsetAt(d[0].range.end)), "'scan.startup.mod'");
      match(d[0].message, /^In this OPTIONS hint: Unsupported option 'scan.startup.mod' for connector 'kafka'/);
      const other = `${EVENTS}SELECT user_id FROM events /*+ OPTIONS('properties.bootstrap.servers' = 'b:9092', 'properties.grup.id' = 'g') */;`;
      assert.deepEqual(found(other), [], "'properties.' keys pass through to the Kafka client");
      assert.deepEqual(found(`${EVENTS}SELECT user_id FROM events /*+ OPTIONS('properties.bootstrap.servers' = 'b:9092', 'scan.startup.mode' = 'earliest') */;`),
        [[11, 'invalid-value']]);
    });

    it("a kafka table read from its group's committed offsets needs 'properties.group.id'", () => {
      const groupOffsets = EVENTS.replace("'scan.startup.mode' = 'earliest-offset',\n", '');
      const text = `${groupOffsets}SELECT user_id FROM events ${HINT};`;
      assert.deepEqual(found(text), [[10, 'missing-group-id']]);
      match(diag(text).find((d) => d.code === 'missing-group-id')?.message, /^Property group.id is required when using committed offset for offsets initializer/);
      assert.deepEqual(found(`${groupOffsets}SELECT user_id FROM events /*+ OPTIONS('properties.bootstrap.servers' = 'b:9092', 'properties.group.id' = 'g') */;`), []);
      assert.deepEqual(found(`${groupOffsets}INSERT INTO events ${HINT} SELECT 1, 'x', CAST(NULL AS TIMESTAMP(3));`), [], 'a sink has no offsets');
    });

    it('a table without connector: a warning where it is used, unless a hint names one (then that connector\'s checks)', () => {
      const bare = `CREATE TABLE clicks (user_id BIGINT, url STRING) WITH ('topic' = 'clicks');\nCREATE TABLE debug_out (user_id BIGINT, url STRING) WITH ('connector' = 'print');\n`;
      assert.deepEqual(found(bare), []);
      assert.deepEqual(found(`${bare}INSERT INTO debug_out SELECT user_id, url FROM clicks;`), [[2, 'no-connector']]);
      assert.deepEqual(found(`${bare}INSERT INTO debug_out SELECT user_id, url FROM clicks /*+ OPTIONS('connector' = 'kafka', 'format' = 'json', 'properties.bootstrap.servers' = 'b:9092') */;`),
        [[2, 'missing-group-id']]);
      assert.deepEqual(found(`CREATE CATALOG paimon WITH ('type' = 'paimon', 'warehouse' = 'file:///tmp/paimon');\nUSE CATALOG paimon;\n${bare}INSERT INTO debug_out SELECT user_id, url FROM clicks;`), [],
        "a catalog's own table needs no connector");
    });

    it("regression: Flink's protobuf example (PbFormatFactory and PbFileFormatFactory are both 'protobuf')", () => {
      // https://nightlies.apache.org/flink/flink-docs-stable/docs/connectors/table/formats/protobuf/
      const proto = `CREATE TABLE simple_test (
  uid BIGINT,
  name STRING,
  category_type INT,
  content BINARY,
  price DOUBLE,
  value_map MAP<BIGINT, ROW<v1 STRING, v2 INT>>,
  value_arr ARRAY<ROW<v1 STRING, v2 INT>>,
  corpInt INT,
  corpStr STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'user_behavior',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.group.id' = 'testGroup',
  'format' = 'protobuf',
  'protobuf.message-class-name' = 'com.example.SimpleTest',
  'protobuf.ignore-parse-errors' = 'true'
);
SELECT uid, name FROM simple_test;`;
      assert.deepEqual(found(proto), []);
      const missing = diag(proto.replace("  'protobuf.message-class-name' = 'com.example.SimpleTest',\n", ''));
      assert.deepEqual(missing.map((d) => d.code), ['missing-option', 'missing-option-at-use']);
      match(missing[0].message, /'protobuf.message-class-name'/);
      // the file format's options count as well (avro's codec comes from AvroFileFormatFactory)
      assert.deepEqual(found(`CREATE TABLE t (a INT) WITH ('connector' = 'filesystem', 'path' = '/tmp/t', 'format' = 'avro', 'avro.codec' = 'snappy');`), []);
    });

    it('filesystem leaves keys under the format prefix unchecked: parquet passes them on, others get a warning', () => {
      assert.deepEqual(found(`CREATE TABLE t (a INT) WITH ('connector' = 'filesystem', 'path' = '/tmp/t', 'format' = 'parquet', 'parquet.compression' = 'SNAPPY');`), []);
      const [d] = diag(`CREATE TABLE t (a INT) WITH ('connector' = 'filesystem', 'path' = '/tmp/t', 'format' = 'json', 'json.ignore-parse-error' = 'true');`);
      assert.equal(d.code, 'unknown-option');
      assert.equal(d.severity, DiagnosticSeverity.Warning);
      match(d.message, /Did you mean 'json.ignore-parse-errors'\?.*does not check keys under 'json.'/);
      const [k] = diag(`${EVENTS.replace("'format' = 'json'", "'format' = 'json', 'properties.bootstrap.servers' = 'b:9092', 'json.ignore-parse-error' = 'true'")}`);
      assert.equal(k.severity, DiagnosticSeverity.Error, 'kafka checks them');
    });
  });
}
