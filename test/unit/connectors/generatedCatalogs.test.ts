// The catalogs generated from Flink's jars (server/src/connectors/catalogs/flink-*.json), when present: the same
// checks as against the fixtures, for the connectors and formats the fixtures cover.
import { strict as assert } from 'node:assert';
import { catalogFor } from '../../../server/src/connectors/connectorCatalog';
import { checkTable } from '../../../server/src/connectors/tableChecks';
import { analyze, complete, diagnostics } from '../../../server/src/service';

for (const version of ['2.3', '1.20'] as const) {
  describe(`generated connector catalog (Flink ${version})`, function () {
    const index = catalogFor(version);
    before(function () {
      if (!index) this.skip();
    });
    const view = (connector: string, options: Record<string, string>) => ({ connector, options: new Map(Object.entries({ connector, ...options })), physicalColumns: ['id', 'name'], primaryKey: ['id'] });

    it('has the connectors and formats the language service relies on', () => {
      for (const c of ['datagen', 'filesystem', 'kafka', 'upsert-kafka', 'jdbc', 'print', 'blackhole']) assert.ok(index!.factory(c, 'connector'), c);
      for (const f of ['json', 'csv', 'avro', 'avro-confluent', 'raw']) assert.ok(index!.factory(f, 'format'), f);
    });

    it('accepts well-formed tables and applies the factory rules', () => {
      assert.deepEqual(checkTable(index!, view('kafka', { topic: 'o', 'properties.bootstrap.servers': 'k:9092', format: 'json', 'json.ignore-parse-errors': 'true' })), []);
      assert.deepEqual(checkTable(index!, view('jdbc', { url: 'jdbc:mysql://db/x', 'table-name': 'x' })), []);
      assert.deepEqual(checkTable(index!, view('datagen', { 'fields.id.kind': 'sequence', 'fields.id.start': '1', 'fields.id.end': '10', 'rows-per-second': '5' })), []);
      const noTopic = checkTable(index!, view('kafka', { 'properties.bootstrap.servers': 'k:9092', format: 'json' }));
      assert.ok(noTopic.some((f) => /Either 'topic' or 'topic-pattern'/.test(f.message)));
      const avro = checkTable(index!, view('kafka', { topic: 'o', 'properties.bootstrap.servers': 'k:9092', 'value.format': 'avro-confluent' }));
      assert.ok(avro.some((f) => f.missing?.some((m) => m.key === 'value.avro-confluent.url')), JSON.stringify(avro));
    });

    it('drives diagnostics and completion of real SQL', () => {
      const text = "CREATE TABLE o (id BIGINT) WITH ('connector' = 'kafka', 'topic' = 'o', 'properties.bootstrap.servers' = 'k:9092', 'format' = 'json', 'scan.startup.mod' = 'earliest-offset');";
      const d = diagnostics(analyze(text), { flinkVersion: version });
      assert.deepEqual(d.map((x) => x.code), ['unknown-option']);
      assert.match(String(d[0].message), /scan.startup.mode/);
      const doc = analyze("CREATE TABLE o (id BIGINT) WITH ('connector' = 'kafka', 'format' = 'json', ");
      const labels = complete(doc, doc.lines.positionAt(doc.text.length), { flinkVersion: version }).map((i) => i.label);
      assert.ok(labels.includes('topic') && labels.includes('json.ignore-parse-errors'), labels.join());
    });
  });
}
