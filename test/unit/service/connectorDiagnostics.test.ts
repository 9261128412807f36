// Connector diagnostics on real Flink SQL, per Flink version: unknown connector/format/key (with "did you mean"),
// missing required options (catalog and factory-code rules), values Flink would not parse, deprecated and
// duplicate keys — each with a stable code, and cached per statement text.
import { strict as assert } from 'node:assert';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { analyze, diagnostics } from '../../../server/src/service';
import { useBundledCatalogs, useFixtureCatalogs } from '../connectors/fixtureCatalogs';

const match = (v: unknown, re: RegExp) => assert.match(String(v), re);

const TABLE = (name: string, withBody: string, extra = '') => `CREATE TABLE ${name} (
  order_id BIGINT,
  product STRING,
  price DECIMAL(10, 2),
  order_time TIMESTAMP(3)${extra}
) WITH (
${withBody}
);`;

for (const flinkVersion of ['2.3', '1.20'] as const) {
  describe(`connector diagnostics (Flink ${flinkVersion})`, () => {
    before(useFixtureCatalogs);
    after(useBundledCatalogs);
    const diag = (text: string): Diagnostic[] => diagnostics(analyze(text), { flinkVersion });
    const codes = (text: string) => diag(text).map((d) => d.code);
    const textOf = (text: string, d: Diagnostic) => { const doc = analyze(text); return text.slice(doc.lines.offsetAt(d.range.start), doc.lines.offsetAt(d.range.end)); };

    it('accepts well-formed datagen, filesystem, kafka, upsert-kafka and jdbc tables', () => {
      const draft = [
        TABLE('orders_gen', "  'connector' = 'datagen',\n  'rows-per-second' = '10',\n  'fields.order_id.kind' = 'sequence',\n  'fields.order_id.start' = '1',\n  'fields.order_id.end' = '1000',\n  'fields.order_time.max-past' = '5 min'"),
        TABLE('orders_files', "  'connector' = 'filesystem',\n  'path' = 's3://lake/orders',\n  'format' = 'csv',\n  'csv.field-delimiter' = ';',\n  'sink.rolling-policy.file-size' = '256 mb'"),
        TABLE('orders_kafka', "  'connector' = 'kafka',\n  'topic' = 'orders',\n  'properties.bootstrap.servers' = 'kafka:9092',\n  'properties.group.id' = 'studio',\n  'scan.startup.mode' = 'earliest-offset',\n  'format' = 'json',\n  'json.ignore-parse-errors' = 'TRUE'"),
        TABLE('orders_upsert', "  'connector' = 'upsert-kafka',\n  'topic' = 'orders-latest',\n  'properties.bootstrap.servers' = 'kafka:9092',\n  'key.format' = 'json',\n  'value.format' = 'avro-confluent',\n  'value.avro-confluent.url' = 'http://registry:8081'", ',\n  PRIMARY KEY (order_id) NOT ENFORCED'),
        TABLE('orders_db', "  'connector' = 'jdbc',\n  'url' = 'jdbc:postgresql://db:5432/shop',\n  'table-name' = 'orders',\n  'lookup.cache' = 'partial',\n  'lookup.partial-cache.max-rows' = '10000'"),
      ].join('\n');
      assert.deepEqual(diag(draft), []);
    });

    it('unknown connector: an error with "did you mean" for a misspelling, a warning for a possible user jar', () => {
      const typo = TABLE('t', "  'connector' = 'kafak'");
      const [d] = diag(typo);
      assert.equal(d.code, 'unknown-connector');
      assert.equal(d.severity, DiagnosticSeverity.Error);
      match(d.message, /Did you mean 'kafka'\?/);
      assert.equal(textOf(typo, d), "'kafak'");
      const custom = diag(TABLE('t', "  'connector' = 'iceberg-rest'"));
      assert.equal(custom[0].severity, DiagnosticSeverity.Warning);
    });

    it('unknown format with the closest one', () => {
      const d = diag(TABLE('t', "  'connector' = 'filesystem',\n  'path' = '/tmp/t',\n  'format' = 'jsn'"));
      assert.deepEqual(d.map((x) => x.code), ['unknown-format']);
      match(d[0].message, /'json'/);
    });

    it('missing required options, from the catalog and from the factory code, on the WITH (where Validate puts Flink\'s)', () => {
      const text = TABLE('orders_kafka', "  'connector' = 'kafka',\n  'format' = 'json'");
      const d = diag(text);
      assert.deepEqual(d.map((x) => x.code).sort(), ['missing-option', 'missing-option']);
      assert.ok(d.every((x) => textOf(text, x) === 'WITH'));
      const all = d.map((x) => x.message).join('\n');
      match(all, /'properties.bootstrap.servers'/);
      match(all, /Either 'topic' or 'topic-pattern' must be set/);
      assert.deepEqual(codes(TABLE('u', "  'connector' = 'upsert-kafka',\n  'topic' = 'o',\n  'properties.bootstrap.servers' = 'k:9092',\n  'key.format' = 'json',\n  'value.format' = 'json'")), ['missing-primary-key']);
      match(diag(TABLE('g', "  'connector' = 'datagen',\n  'fields.order_id.kind' = 'sequence'"))[0].message, /fields.order_id.start/);
    });

    it('unknown key with the closest key; datagen keys of columns the table lacks', () => {
      const text = TABLE('t', "  'connector' = 'kafka',\n  'topic' = 'o',\n  'properties.bootstrap.servers' = 'k:9092',\n  'format' = 'json',\n  'scan.startup.mod' = 'latest-offset'");
      const [d] = diag(text);
      assert.equal(d.code, 'unknown-option');
      assert.equal(d.severity, DiagnosticSeverity.Error);
      match(d.message, /Did you mean 'scan.startup.mode'\?/);
      assert.equal(textOf(text, d), "'scan.startup.mod'");
      match(diag(TABLE('g', "  'connector' = 'datagen',\n  'fields.prodcut.length' = '10'"))[0].message, /fields.product.length/);
    });

    it('values Flink would not parse, on the value', () => {
      const text = TABLE('g', "  'connector' = 'datagen',\n  'rows-per-second' = 'fast',\n  'fields.order_time.max-past' = '5 minutes ago'");
      const d = diag(text);
      assert.deepEqual(d.map((x) => x.code), ['invalid-value', 'invalid-value']);
      assert.equal(textOf(text, d[0]), "'fast'");
      match(d[0].message, /Could not parse value 'fast' for key 'rows-per-second'/);
      const e = diag(TABLE('k', "  'connector' = 'kafka',\n  'topic' = 'o',\n  'properties.bootstrap.servers' = 'k:9092',\n  'format' = 'json',\n  'scan.startup.mode' = 'earliest'"));
      match(e[0].message, /Expected one of: \[earliest-offset/);
      match(diag(TABLE('f', "  'connector' = 'filesystem',\n  'path' = '/t',\n  'format' = 'json',\n  'json.fail-on-missing-field' = 'yes'"))[0].message, /Expected either true or false/);
    });

    it('deprecated keys (warning, with the successor) and duplicate keys', () => {
      const d = diag(TABLE('db', "  'connector' = 'jdbc',\n  'url' = 'jdbc:mysql://db/shop',\n  'table-name' = 'orders',\n  'lookup.cache.max-rows' = '500',\n  'table-name' = 'orders2'"));
      assert.deepEqual(d.map((x) => [x.code, x.severity]), [['deprecated-option', DiagnosticSeverity.Warning], ['duplicate-option', DiagnosticSeverity.Warning]]);
      match(d[0].message, /use 'lookup.partial-cache.max-rows' instead/);
    });

    it('format options need their prefix (avro-confluent under value.format)', () => {
      const d = diag(TABLE('k', "  'connector' = 'kafka',\n  'topic' = 'o',\n  'properties.bootstrap.servers' = 'k:9092',\n  'value.format' = 'avro-confluent',\n  'url' = 'http://registry:8081'"));
      assert.deepEqual(d.map((x) => x.code).sort(), ['missing-option', 'unknown-option']);
      match(d.find((x) => x.code === 'unknown-option')!.message, /value.avro-confluent.url/);
    });

    it('leaves LIKE tables, catalog-native tables (no connector) and broken statements alone', () => {
      const base = TABLE('base', "  'connector' = 'datagen'");
      assert.deepEqual(codes(`${base}\nCREATE TABLE copy WITH ('scan.startup.mode' = 'latest-offset') LIKE base;`), []);
      assert.deepEqual(codes("CREATE TABLE paimon_t (id INT) WITH ('bucket' = '4');"), []);
    });
  });
}

describe('connector diagnostics per version', () => {
  before(useFixtureCatalogs);
  after(useBundledCatalogs);
  it("'sink.semantic' is deprecated in 1.20's Kafka connector and unknown in 2.3's", () => {
    const text = TABLE('k', "  'connector' = 'kafka',\n  'topic' = 'o',\n  'properties.bootstrap.servers' = 'k:9092',\n  'format' = 'json',\n  'sink.semantic' = 'exactly-once'");
    assert.deepEqual(diagnostics(analyze(text), { flinkVersion: '1.20' }).map((d) => d.code), ['deprecated-option']);
    assert.deepEqual(diagnostics(analyze(text), { flinkVersion: '2.3' }).map((d) => d.code), ['unknown-option']);
  });
});
