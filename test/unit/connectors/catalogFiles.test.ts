// The generated connector catalogs (server/src/connectors/catalogs/*.json, written by
// scripts/connector-catalog.sh): well formed against catalogTypes.ts, and holding facts read from Flink's sources.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  CatalogFactory, CatalogOption, ConnectorCatalog, FactoryKind, OptionType,
} from '../../../server/src/connectors/catalogTypes';

const DIR = join(__dirname, '../../../server/src/connectors/catalogs');
const LINES = ['2.3', '1.20'] as const;

const TYPES: readonly OptionType[] = [
  'String', 'Boolean', 'Integer', 'Long', 'Float', 'Double', 'Duration', 'MemorySize', 'Enum', 'Map', 'Password',
];
const KINDS: readonly FactoryKind[] = ['source', 'sink', 'lookup', 'format', 'catalog', 'module', 'other'];
const FACTORY_FIELDS = [
  'identifier', 'kinds', 'factoryClass', 'artifact', 'source', 'docsVersion', 'description', 'options',
  'passThroughPrefixes', 'formatKeys',
];
const OPTION_FIELDS = [
  'key', 'type', 'list', 'enumValues', 'required', 'default', 'description', 'fallbackKeys', 'deprecatedKeys',
  'forwarded',
];
const GAV = /^[\w.-]+:[\w.-]+:[\w.-]+$/;

function load(line: string): ConnectorCatalog {
  return JSON.parse(readFileSync(join(DIR, `flink-${line}.json`), 'utf8')) as ConnectorCatalog;
}

function factory(catalog: ConnectorCatalog, identifier: string, kind: FactoryKind): CatalogFactory {
  const found = catalog.factories.find((f) => f.identifier === identifier && f.kinds.includes(kind));
  assert.ok(found, `${catalog.flinkVersion}: no ${kind} factory '${identifier}'`);
  return found;
}

function option(f: CatalogFactory, key: string): CatalogOption {
  const found = f.options.find((o) => o.key === key);
  assert.ok(found, `${f.identifier}: no option '${key}'`);
  return found;
}

function sortedBy<T>(items: T[], key: (t: T) => string): boolean {
  return items.every((item, i) => i === 0 || key(items[i - 1]) <= key(item));
}

for (const line of LINES) {
  describe(`connector catalog flink-${line}.json`, () => {
    const catalog = load(line);

    it('is the catalog of its Flink line and says what it came from', () => {
      assert.equal(catalog.flinkVersion, line);
      assert.ok(catalog.generatedFrom.length > 0);
      for (const from of catalog.generatedFrom) {
        assert.match(from.artifact, GAV);
        assert.ok(from.source === 'jar' || (from.source === 'docs' && typeof from.docsVersion === 'string'));
      }
      const fromArtifacts = new Set(catalog.generatedFrom.map((g) => g.artifact));
      for (const f of catalog.factories) {
        assert.ok(fromArtifacts.has(f.artifact), `${f.identifier}: ${f.artifact} not in generatedFrom`);
      }
    });

    it('has well-formed factories, sorted by (identifier, factoryClass)', () => {
      assert.ok(catalog.factories.length >= 25, `only ${catalog.factories.length} factories`);
      assert.ok(sortedBy(catalog.factories, (f) => `${f.identifier}\u0000${f.factoryClass}`));
      for (const f of catalog.factories) {
        for (const field of Object.keys(f)) {
          assert.ok(FACTORY_FIELDS.includes(field), `${f.identifier}: unknown field ${field}`);
        }
        assert.match(f.identifier, /^[a-z0-9_.-]+$/);
        assert.ok(f.kinds.length > 0 && f.kinds.every((k) => KINDS.includes(k)), `${f.identifier}: kinds`);
        assert.equal(new Set(f.kinds).size, f.kinds.length);
        assert.match(f.factoryClass, /^[a-z][\w.]*\.[A-Z]\w*$/);
        assert.match(f.artifact, GAV);
        assert.ok(f.source === 'jar' || f.source === 'docs');
        assert.equal(f.source === 'docs', typeof f.docsVersion === 'string', `${f.identifier}: docsVersion`);
        assert.ok(Array.isArray(f.options));
        for (const key of f.formatKeys ?? []) {
          assert.equal(option(f, key).type, 'String', `${f.identifier}: format key ${key}`);
        }
        for (const prefix of f.passThroughPrefixes ?? []) {
          assert.ok(prefix === '' || prefix.endsWith('.'), `${f.identifier}: prefix '${prefix}'`);
        }
      }
    });

    it('has well-formed options with a known type, sorted by key', () => {
      for (const f of catalog.factories) {
        assert.ok(sortedBy(f.options, (o) => o.key), `${f.identifier}: options not sorted`);
        assert.equal(new Set(f.options.map((o) => o.key)).size, f.options.length, `${f.identifier}: duplicates`);
        for (const o of f.options) {
          const where = `${f.identifier}.${o.key}`;
          for (const field of Object.keys(o)) {
            assert.ok(OPTION_FIELDS.includes(field), `${where}: unknown field ${field}`);
          }
          assert.ok(o.key.length > 0);
          assert.ok(TYPES.includes(o.type), `${where}: type ${o.type}`);
          assert.equal(typeof o.required, 'boolean');
          assert.equal(typeof o.description, 'string');
          assert.ok(!/<\/?(p|code|ul|li|br|a)\b/.test(o.description), `${where}: HTML in description`);
          if (o.type === 'Enum') {
            assert.ok(o.enumValues && o.enumValues.length > 0, `${where}: Enum without values`);
          } else {
            assert.equal(o.enumValues, undefined, `${where}: enumValues on ${o.type}`);
          }
          if (o.default !== undefined) assert.equal(typeof o.default, 'string');
          if (o.list !== undefined) assert.equal(o.list, true);
          if (o.forwarded !== undefined) assert.equal(o.forwarded, true);
          for (const k of [...(o.fallbackKeys ?? []), ...(o.deprecatedKeys ?? [])]) assert.ok(k.length > 0);
        }
      }
    });

    // DataGenConnectorOptions: NUMBER_OF_ROWS longType, ROWS_PER_SECOND longType default 10000,
    // FIELD_KIND "fields.#.kind" default "random", checked against DataGenConnectorOptionsUtil.RANDOM / SEQUENCE.
    it('datagen: number-of-rows, rows-per-second, fields.#.kind', () => {
      const datagen = factory(catalog, 'datagen', 'source');
      assert.equal(option(datagen, 'number-of-rows').type, 'Long');
      assert.equal(option(datagen, 'rows-per-second').type, 'Long');
      assert.equal(option(datagen, 'rows-per-second').default, '10000');
      const kind = option(datagen, 'fields.#.kind');
      assert.equal(kind.type, 'Enum');
      assert.deepEqual([...(kind.enumValues ?? [])].sort(), ['random', 'sequence']);
      assert.equal(kind.default, 'random');
    });

    // KafkaConnectorOptions: TOPIC (list), TOPIC_PATTERN, PROPS_BOOTSTRAP_SERVERS (required by
    // KafkaDynamicTableFactory#requiredOptions), SCAN_STARTUP_MODE (ScanStartupMode), KEY_FORMAT, VALUE_FORMAT;
    // KafkaConnectorOptionsUtil.PROPERTIES_PREFIX.
    it('kafka: topic, topic-pattern, properties.bootstrap.servers, scan.startup.mode, formats', () => {
      const kafka = factory(catalog, 'kafka', 'source');
      assert.deepEqual(kafka.kinds.filter((k) => k === 'source' || k === 'sink'), ['source', 'sink']);
      assert.equal(option(kafka, 'topic').list, true);
      assert.equal(option(kafka, 'topic-pattern').type, 'String');
      assert.equal(option(kafka, 'properties.bootstrap.servers').required, true);
      const startup = option(kafka, 'scan.startup.mode');
      assert.equal(startup.type, 'Enum');
      for (const mode of ['earliest-offset', 'latest-offset', 'group-offsets', 'timestamp', 'specific-offsets']) {
        assert.ok(startup.enumValues?.includes(mode), `scan.startup.mode lacks ${mode}`);
      }
      assert.equal(startup.default, 'group-offsets');
      assert.equal(option(kafka, 'scan.topic-partition-discovery.interval').type, 'Duration');
      for (const key of ['format', 'key.format', 'value.format']) assert.ok(kafka.formatKeys?.includes(key));
      assert.deepEqual(kafka.passThroughPrefixes, ['properties.']);
      const upsert = factory(catalog, 'upsert-kafka', 'sink');
      assert.deepEqual(upsert.formatKeys, ['key.format', 'value.format']);
      assert.equal(option(upsert, 'key.format').required, true);
    });

    // JdbcConnectorOptions: URL and TABLE_NAME are JdbcDynamicTableFactory#requiredOptions; LOOKUP_CACHE_* make it
    // a lookup source.
    it('jdbc: required url and table-name, lookup', () => {
      const jdbc = factory(catalog, 'jdbc', 'source');
      assert.equal(option(jdbc, 'url').required, true);
      assert.equal(option(jdbc, 'table-name').required, true);
      assert.equal(option(jdbc, 'username').required, false);
      assert.ok(jdbc.kinds.includes('sink') && jdbc.kinds.includes('lookup'));
      factory(catalog, 'jdbc', 'catalog');
    });

    // JsonFormatOptions: FAIL_ON_MISSING_FIELD, IGNORE_PARSE_ERRORS (booleanType, default false).
    it('json format: fail-on-missing-field, ignore-parse-errors', () => {
      const json = factory(catalog, 'json', 'format');
      for (const key of ['fail-on-missing-field', 'ignore-parse-errors']) {
        assert.equal(option(json, key).type, 'Boolean');
        assert.equal(option(json, key).default, 'false');
      }
      for (const id of ['csv', 'avro', 'raw', 'debezium-json', 'canal-json', 'maxwell-json', 'ogg-json', 'parquet']) {
        factory(catalog, id, 'format');
      }
    });

    // FileSystemConnectorOptions.PATH is FileSystemTableFactory's required option; FactoryUtil.FORMAT its format.
    it('filesystem: path, format', () => {
      const fs = factory(catalog, 'filesystem', 'sink');
      assert.equal(option(fs, 'path').required, true);
      assert.deepEqual(fs.formatKeys, ['format']);
      assert.equal(option(fs, 'sink.rolling-policy.file-size').type, 'MemorySize');
      assert.equal(option(fs, 'sink.rolling-policy.file-size').default, '128 mb');
    });

    it('built-ins print and blackhole; the core module and the in-memory catalog', () => {
      factory(catalog, 'print', 'sink');
      factory(catalog, 'blackhole', 'sink');
      factory(catalog, 'core', 'module');
      factory(catalog, 'generic_in_memory', 'catalog');
    });

    it('entries transcribed from docs are marked so', () => {
      const docs = catalog.factories.filter((f) => f.source === 'docs');
      // elasticsearch-7 has no jar here on either line (tools/connector-catalog/docs/elasticsearch-7.json).
      const es = factory(catalog, 'elasticsearch-7', 'sink');
      assert.equal(es.source, 'docs');
      assert.equal(option(es, 'hosts').required, true);
      assert.equal(option(es, 'sink.bulk-flush.max-size').default, '2 mb');
      for (const f of docs) {
        assert.ok(catalog.generatedFrom.some((g) => g.source === 'docs' && g.artifact === f.artifact));
      }
    });
  });
}
