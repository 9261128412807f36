// The rules that live in factory code, each against the Flink class it mirrors, through checkTable (which also
// applies the catalog's requiredOptions(), unknown keys — TableFactoryHelper#validate — and value parsing).
import assert from 'node:assert/strict';
import { checkTable, type TableView } from '../../../server/src/connectors/tableChecks';
import { fixtureIndex } from './fixtureCatalogs';

const view = (connector: string, options: Record<string, string>, extra: Partial<TableView> = {}): TableView => ({
  name: 't', connector, options: new Map(Object.entries({ connector, ...options })), physicalColumns: ['id', 'name', 'ts'], primaryKey: [], ...extra,
});

for (const version of ['2.3', '1.20'] as const) {
  describe(`connector rules (Flink ${version})`, () => {
    const index = fixtureIndex(version);
    const codes = (t: TableView) => checkTable(index, t).map((f) => f.code);
    const messages = (t: TableView) => checkTable(index, t).map((f) => f.message).join('\n');
    const kafkaOk = { topic: 'orders', 'properties.bootstrap.servers': 'localhost:9092', format: 'json' };

    it('kafka: topic or topic-pattern, not both (KafkaConnectorOptionsUtil#validateTopic)', () => {
      assert.deepEqual(codes(view('kafka', kafkaOk)), []);
      const { topic: _t, ...noTopic } = kafkaOk;
      assert.match(messages(view('kafka', noTopic)), /Either 'topic' or 'topic-pattern' must be set/);
      assert.match(messages(view('kafka', { ...kafkaOk, 'topic-pattern': 'orders-.*' })), /shouldn't be set together/);
    });

    it("kafka: 'format' or 'value.format' (KafkaDynamicTableFactory#getValueDecodingFormat)", () => {
      const { format: _f, ...noFormat } = kafkaOk;
      assert.match(messages(view('kafka', noFormat)), /Could not find required scan format 'value.format'/);
      assert.deepEqual(codes(view('kafka', { ...noFormat, 'value.format': 'json' })), []);
    });

    it('kafka: key.format needs key.fields (KafkaConnectorOptionsUtil#createKeyFormatProjection)', () => {
      assert.match(messages(view('kafka', { ...kafkaOk, 'key.format': 'json' })), /requires the declaration of one or more key fields/);
      assert.deepEqual(codes(view('kafka', { ...kafkaOk, 'key.format': 'json', 'key.fields': 'id' })), []);
    });

    it("kafka: 'timestamp' startup mode needs scan.startup.timestamp-millis (KafkaConnectorOptionsUtil#validateScanStartupMode)", () => {
      assert.match(messages(view('kafka', { ...kafkaOk, 'scan.startup.mode': 'timestamp' })), /'scan.startup.timestamp-millis' is required in 'timestamp' startup mode/);
    });

    it('upsert-kafka: a PRIMARY KEY and key.format + value.format (UpsertKafkaDynamicTableFactory#validatePKConstraints)', () => {
      const base = { topic: 'orders', 'properties.bootstrap.servers': 'localhost:9092' };
      const found = checkTable(index, view('upsert-kafka', base));
      assert.ok(found.some((f) => f.code === 'missing-primary-key'));
      assert.deepEqual(found.find((f) => f.missing?.some((m) => m.key === 'key.format'))?.missing?.map((m) => m.key), ['key.format', 'value.format']);
      assert.deepEqual(codes(view('upsert-kafka', { ...base, 'key.format': 'json', 'value.format': 'json' }, { primaryKey: ['id'] })), []);
    });

    it("datagen: a 'sequence' field needs start and end (SequenceGeneratorVisitor)", () => {
      const f = checkTable(index, view('datagen', { 'fields.id.kind': 'sequence', 'fields.id.start': '1' }));
      assert.deepEqual(f.map((x) => x.code), ['missing-option']);
      assert.match(f[0].message, /Could not find required property 'fields.id.end' for sequence generator/);
      assert.deepEqual(codes(view('datagen', { 'fields.id.kind': 'sequence', 'fields.id.start': '1', 'fields.id.end': '9' })), []);
    });

    it('datagen: only random or sequence, and only physical columns (DataGenTableSourceFactory#createContainer, validateUnconsumedKeys)', () => {
      assert.match(messages(view('datagen', { 'fields.id.kind': 'Sequence' })), /Unsupported generator kind: Sequence/);
      const f = checkTable(index, view('datagen', { 'fields.nme.length': '10' }));
      assert.equal(f[0].code, 'unknown-option');
      assert.equal(f[0].replacement, 'fields.name.length');
    });

    it('filesystem: path and format (FileSystemTableFactory#requiredOptions)', () => {
      const f = checkTable(index, view('filesystem', {}));
      assert.deepEqual(f.flatMap((x) => x.missing ?? []).map((m) => m.key).sort(), ['format', 'path']);
      assert.deepEqual(codes(view('filesystem', { path: 's3://bucket/orders', format: 'csv' })), []);
    });

    it('jdbc: url and table-name (JdbcDynamicTableFactory#requiredOptions)', () => {
      const f = checkTable(index, view('jdbc', { url: 'jdbc:mysql://db:3306/shop' }));
      assert.deepEqual(f.flatMap((x) => x.missing ?? []).map((m) => m.key), ['table-name']);
    });

    it('format options only under their prefix (FactoryUtil.TableFactoryHelper#validate)', () => {
      const f = checkTable(index, view('kafka', { ...kafkaOk, 'ignore-parse-errors': 'true' }));
      assert.equal(f[0].code, 'unknown-option');
      assert.equal(f[0].replacement, 'json.ignore-parse-errors');
      const other = checkTable(index, view('kafka', { ...kafkaOk, 'csv.field-delimiter': ';' }));
      assert.match(other[0].message, /'csv.field-delimiter' is an option of format 'csv', but 'format' is 'json'/);
      assert.deepEqual(codes(view('kafka', { ...kafkaOk, 'json.ignore-parse-errors': 'true' })), []);
    });

    it('avro-confluent under value.format needs its url (RegistryAvroFormatFactory#requiredOptions)', () => {
      const t = view('kafka', { topic: 'o', 'properties.bootstrap.servers': 'b:9092', 'value.format': 'avro-confluent' });
      assert.deepEqual(checkTable(index, t).flatMap((x) => x.missing ?? []).map((m) => m.key), ['value.avro-confluent.url']);
    });

    it('unknown connector: an error with "did you mean" for a misspelling, else a warning (a user jar)', () => {
      const typo = checkTable(index, view('kafak', {}));
      assert.equal(typo[0].severity, 'error');
      assert.equal(typo[0].replacement, 'kafka');
      const custom = checkTable(index, view('my-company-sink', {}));
      assert.equal(custom[0].severity, 'warning');
      assert.equal(custom[0].code, 'unknown-connector');
    });

    it('LIKE-inherited tables report nothing missing', () => {
      assert.deepEqual(codes(view('kafka', { 'scan.startup.mode': 'earliest-offset' }, { inherited: true })), []);
    });
  });
}
