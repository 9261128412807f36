// The catalog index resolves keys as FactoryUtil does: `#` field patterns, format options under the prefix of the
// key that chose the format (`json.`, `key.json.`, `value.json.`), pass-through prefixes, fallback and deprecated keys.
import assert from 'node:assert/strict';
import { closest, formatPrefix } from '../../../server/src/connectors/connectorCatalog';
import { fixtureIndex } from './fixtureCatalogs';

for (const version of ['2.3', '1.20'] as const) {
  describe(`connector catalog (Flink ${version} fixture)`, () => {
    const index = fixtureIndex(version);
    const kafka = index.factory('kafka', 'connector')!;

    it('finds factories by identifier and kind, case-sensitively like FactoryUtil#discoverFactory', () => {
      assert.equal(index.factory('datagen', 'connector')?.identifier, 'datagen');
      assert.equal(index.factory('json', 'format')?.identifier, 'json');
      assert.equal(index.factory('json', 'connector'), undefined);
      assert.equal(index.factory('Kafka', 'connector'), undefined);
      assert.ok(index.connectors().some((f) => f.identifier === 'jdbc'));
    });

    it('puts format options under the prefix of their format key (FactoryUtil#getFormatPrefix)', () => {
      assert.equal(formatPrefix('format', 'json'), 'json.');
      assert.equal(formatPrefix('value.format', 'avro-confluent'), 'value.avro-confluent.');
      const formats = index.chosenFormats(kafka, new Map([['key.format', 'json'], ['value.format', 'avro-confluent']]));
      assert.equal(index.resolve(kafka, formats, 'key.json.ignore-parse-errors')?.option.key, 'ignore-parse-errors');
      assert.equal(index.resolve(kafka, formats, 'value.avro-confluent.url')?.owner.identifier, 'avro-confluent');
      assert.equal(index.resolve(kafka, formats, 'json.ignore-parse-errors'), undefined, 'json. is the prefix of `format`, not set here');
    });

    it('matches `#` patterns with the field name, and pass-through prefixes', () => {
      const datagen = index.factory('datagen')!;
      const hit = index.resolve(datagen, [], 'fields.order_id.kind');
      assert.equal(hit?.option.key, 'fields.#.kind');
      assert.equal(hit?.field, 'order_id');
      assert.ok(index.isPassThrough(kafka, 'properties.security.protocol'));
      assert.ok(!index.isPassThrough(kafka, 'properties.'));
    });

    it('resolves fallback keys of a format (avro-confluent schema-registry.url → url)', () => {
      const formats = index.chosenFormats(kafka, new Map([['value.format', 'avro-confluent']]));
      const hit = index.resolve(kafka, formats, 'value.avro-confluent.schema-registry.url');
      assert.equal(hit?.match, 'fallback');
      assert.equal(hit?.canonicalKey, 'value.avro-confluent.url');
    });

    it('resolves deprecated keys to their successor (jdbc lookup.cache.max-rows)', () => {
      const hit = index.resolve(index.factory('jdbc')!, [], 'lookup.cache.max-rows');
      assert.equal(hit?.match, 'deprecated');
      assert.equal(hit?.canonicalKey, 'lookup.partial-cache.max-rows');
    });
  });
}

describe('closest key', () => {
  it('suggests within a small edit distance only', () => {
    assert.equal(closest('kafak', ['kafka', 'jdbc']), 'kafka');
    assert.equal(closest('scan.startup.mod', ['scan.startup.mode', 'scan.bounded.mode']), 'scan.startup.mode');
    assert.equal(closest('elasticsearch-7', ['kafka', 'jdbc']), undefined);
    assert.equal(closest('Datagen', ['datagen']), 'datagen');
  });
});
