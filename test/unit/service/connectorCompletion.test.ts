// Completion inside WITH ( … ) from the connector catalog of the draft's Flink version: connector names with
// descriptions, the connector's keys (required first, present ones left out), format options under their
// prefixes, datagen's per-column keys, enum/boolean/format values, duration and memory templates, and snippets.
import { strict as assert } from 'node:assert';
import { InsertTextFormat, type TextEdit } from 'vscode-languageserver-types';
import { completeAt, item, labels } from './completionCaret';
import { useBundledCatalogs, useFixtureCatalogs } from '../connectors/fixtureCatalogs';

const ORDERS = (withBody: string) => `CREATE TABLE orders (
  order_id BIGINT,
  product STRING,
  price DECIMAL(10, 2),
  order_time TIMESTAMP(3),
  proc AS PROCTIME()
) WITH (
  ${withBody}
);`;

for (const flinkVersion of ['2.3', '1.20'] as const) {
  describe(`connector completion (Flink ${flinkVersion})`, () => {
    before(useFixtureCatalogs);
    after(useBundledCatalogs);
    const at = (text: string) => completeAt(text, { flinkVersion });

    it("offers the catalog's connectors after 'connector' =, with their descriptions", () => {
      const items = at(ORDERS("'connector' = '|'"));
      for (const c of ['datagen', 'filesystem', 'kafka', 'upsert-kafka', 'jdbc', 'print', 'blackhole']) assert.ok(labels(items).includes(c), c);
      assert.ok(!labels(items).includes('json'), 'formats are not connectors');
      assert.match(String(item(items, 'kafka').detail), /Kafka/);
    });

    it('offers the keys of the connector, required first, without the keys already written', () => {
      const items = at(ORDERS("'connector' = 'kafka',\n  'topic' = 'orders',\n  |"));
      const l = labels(items);
      assert.ok(!l.includes('topic') && !l.includes('connector'));
      const sorted = [...items].sort((a, b) => String(a.sortText).localeCompare(String(b.sortText))).map((i) => i.label);
      assert.deepEqual(sorted.slice(0, 2).sort(), ['format', 'properties.bootstrap.servers']);
      assert.ok(sorted.indexOf('format') < sorted.indexOf('scan.startup.mode'), 'format (required by the factory code) before optional keys');
      assert.match(String(item(items, 'scan.startup.mode').detail), /Enum · default: group-offsets/);
      assert.equal((item(items, 'scan.startup.mode').textEdit as TextEdit).newText, "'scan.startup.mode' = '$1'");
      assert.equal(l.includes('sink.semantic'), false, 'deprecated keys are not offered');
    });

    it('offers the options of the chosen formats with their prefixes (json., key.json., value.avro-confluent.)', () => {
      const l = labels(at(ORDERS("'connector' = 'kafka', 'format' = 'json', |")));
      assert.ok(l.includes('json.ignore-parse-errors') && l.includes('json.timestamp-format.standard'));
      assert.ok(!l.includes('csv.field-delimiter'));
      const kv = labels(at(ORDERS("'connector' = 'kafka', 'key.format' = 'json', 'value.format' = 'avro-confluent', |")));
      assert.ok(kv.includes('key.json.fail-on-missing-field'));
      assert.ok(kv.includes('value.avro-confluent.url'));
      assert.ok(!kv.includes('json.fail-on-missing-field'));
    });

    it("offers datagen's per-field keys with the table's physical columns", () => {
      const l = labels(at(ORDERS("'connector' = 'datagen', |")));
      assert.ok(l.includes('fields.order_id.kind') && l.includes('fields.product.length') && l.includes('fields.order_time.max-past'));
      assert.ok(!l.some((k) => k.includes('#')));
      assert.ok(!l.includes('fields.proc.kind'), 'computed columns are not generated');
    });

    it('offers enum, boolean and format values, and duration / memory templates', () => {
      assert.deepEqual(labels(at(ORDERS("'connector' = 'kafka', 'scan.startup.mode' = '|'"))),
        ['earliest-offset', 'latest-offset', 'group-offsets', 'timestamp', 'specific-offsets']);
      assert.deepEqual(labels(at(ORDERS("'connector' = 'filesystem', 'sink.shuffle-by-partition.enable' = '|'"))), ['true', 'false']);
      const formats = labels(at(ORDERS("'connector' = 'kafka', 'value.format' = '|'")));
      assert.ok(formats.includes('json') && formats.includes('avro-confluent') && !formats.includes('kafka'));
      assert.ok(labels(at(ORDERS("'connector' = 'datagen', 'fields.order_time.max-past' = '|'"))).includes('10 s'));
      assert.ok(labels(at(ORDERS("'connector' = 'filesystem', 'sink.rolling-policy.file-size' = '|'"))).includes('128 mb'));
    });

    it('offers a CREATE TABLE snippet per connector with its required options', () => {
      const items = at('|');
      const kafka = item(items, "CREATE TABLE … 'kafka'");
      assert.equal(kafka.insertTextFormat, InsertTextFormat.Snippet);
      const text = (kafka.textEdit as TextEdit).newText;
      for (const k of ["'connector' = 'kafka'", "'topic'", "'properties.bootstrap.servers'", "'format'"]) assert.ok(text.includes(k), `${k} in ${text}`);
      const upsert = (item(items, "CREATE TABLE … 'upsert-kafka'").textEdit as TextEdit).newText;
      assert.match(upsert, /PRIMARY KEY \(\$\{2:id\}\) NOT ENFORCED/);
      assert.match(upsert, /'key.format'/);
      const jdbc = (item(items, "CREATE TABLE … 'jdbc'").textEdit as TextEdit).newText;
      assert.match(jdbc, /'url'[\s\S]*'table-name'/);
      assert.ok(!labels(at('SELECT * FROM |')).some((l) => l.startsWith('CREATE TABLE')));
    });
  });
}
