// Rules a connector enforces in its factory code rather than through requiredOptions(), so the generated catalog
// cannot know them. Each names the Flink class it mirrors and says what Flink says when the rule is broken.
import { closest } from './connectorCatalog';
import type { TableFinding, TableView } from './tableChecks';

type Rule = (t: TableView) => TableFinding[];

const has = (t: TableView, key: string) => t.options.has(key);

function missing(t: TableView, keys: string[], message: string, code = 'missing-option'): TableFinding {
  return { code, severity: 'error', message, at: { kind: 'table' }, missing: keys.map((key) => ({ key, placeholder: placeholderFor(t, key) })) };
}

/**
 * KafkaConnectorOptionsUtil#validateTopic (flink-connector-kafka): "Either 'topic' or 'topic-pattern' must be set."
 * and "Option 'topic' and 'topic-pattern' shouldn't be set together." Used by kafka and upsert-kafka.
 */
function topicRule(t: TableView): TableFinding[] {
  const topic = has(t, 'topic');
  const pattern = has(t, 'topic-pattern');
  if (topic && pattern) {
    return [{ code: 'conflicting-options', severity: 'error', at: { kind: 'key', key: 'topic-pattern' },
      message: "Option 'topic' and 'topic-pattern' shouldn't be set together (Flink's Kafka connector refuses the table). Keep one of them." }];
  }
  if (!topic && !pattern) return [missing(t, ['topic'], `Either 'topic' or 'topic-pattern' must be set for a '${t.connector}' table. Add 'topic' (one topic, or several separated by ';') or 'topic-pattern' (a regular expression).`)];
  return [];
}

/**
 * KafkaDynamicTableFactory#getValueDecodingFormat / getValueEncodingFormat: 'format', else 'value.format' through
 * FactoryUtil.TableFactoryHelper#discoverDecodingFormat, which says "Could not find required scan format 'value.format'."
 */
function kafkaValueFormatRule(t: TableView): TableFinding[] {
  if (has(t, 'format') || has(t, 'value.format')) return [];
  return [missing(t, ['format'], "Could not find required scan format 'value.format': a 'kafka' table needs 'format' (or 'value.format') to (de)serialize the record values. Add e.g. 'format' = 'json'.")];
}

/**
 * KafkaConnectorOptionsUtil#createKeyFormatProjection: "A key format 'key.format' requires the declaration of one or
 * more of key fields using 'key.fields'." and "The option 'key.fields' can only be declared if a key format is
 * defined using 'key.format'."
 */
function kafkaKeyRule(t: TableView): TableFinding[] {
  const format = has(t, 'key.format');
  const fields = has(t, 'key.fields');
  if (format && !fields) return [missing(t, ['key.fields'], "A key format 'key.format' requires the declaration of one or more key fields using 'key.fields' (columns separated by ';').")];
  if (fields && !format) return [missing(t, ['key.format'], "The option 'key.fields' can only be declared if a key format is defined using 'key.format'. Add 'key.format'.")];
  return [];
}

/**
 * KafkaConnectorOptionsUtil#validateScanStartupMode / validateScanBoundedMode: "'scan.startup.timestamp-millis' is
 * required in 'timestamp' startup mode but missing." (and the specific-offsets variants).
 */
function kafkaModeRule(t: TableView): TableFinding[] {
  const out: TableFinding[] = [];
  for (const [mode, what] of [['scan.startup.mode', 'startup'], ['scan.bounded.mode', 'bounded']] as const) {
    const value = t.options.get(mode)?.toLowerCase();
    const base = mode.replace(/\.mode$/, '');
    const needs = value === 'timestamp' ? `${base}.timestamp-millis` : value === 'specific-offsets' ? `${base}.specific-offsets` : undefined;
    if (needs && !has(t, needs)) out.push(missing(t, [needs], `'${needs}' is required in '${value}' ${what} mode but missing.`));
  }
  return out;
}

/**
 * UpsertKafkaDynamicTableFactory#validatePKConstraints: "'upsert-kafka' tables require to define a PRIMARY KEY
 * constraint." — and key.format + value.format, which its requiredOptions() lists (checked here too in case
 * a catalog generated from docs misses them).
 */
function upsertKafkaRule(t: TableView): TableFinding[] {
  const out: TableFinding[] = [];
  if (t.primaryKey !== undefined && !t.primaryKey.length) {
    out.push({ code: 'missing-primary-key', severity: 'error', at: { kind: 'table' },
      message: "'upsert-kafka' tables require to define a PRIMARY KEY constraint. The PRIMARY KEY specifies which columns are read from or written to the Kafka message key, and on which keys rows are updated or deleted. Add e.g. PRIMARY KEY (id) NOT ENFORCED." });
  }
  const keys = ['key.format', 'value.format'].filter((k) => !has(t, k));
  if (keys.length) out.push(missing(t, keys, `One or more required options are missing: ${keys.map((k) => `'${k}'`).join(', ')}. An 'upsert-kafka' table needs a format for the message key and one for the value.`));
  return out;
}

/**
 * DataGenTableSourceFactory#createContainer: "Unsupported generator kind: x" for a kind other than random or
 * sequence; SequenceGeneratorVisitor: "Could not find required property 'fields.id.start' for sequence generator."
 */
function datagenRule(t: TableView): TableFinding[] {
  const out: TableFinding[] = [];
  for (const [key, value] of t.options) {
    const m = /^fields\.(.+)\.kind$/.exec(key);
    if (!m) continue;
    const kind = value;
    if (kind !== 'random' && kind !== 'sequence') {
      const suggestion = /^seq/i.test(kind) ? 'sequence' : /^rand/i.test(kind) ? 'random' : undefined;
      out.push({ code: 'invalid-value', severity: 'error', at: { kind: 'value', key },
        message: `Unsupported generator kind: ${kind}. The datagen connector knows 'random' (the default) and 'sequence' (lowercase).`, replacement: suggestion });
      continue;
    }
    if (kind !== 'sequence') continue;
    const keys = ['start', 'end'].map((p) => `fields.${m[1]}.${p}`).filter((k) => !has(t, k));
    if (keys.length) out.push(missing(t, keys, `Could not find required property '${keys[0]}' for sequence generator: a 'sequence' field needs ${keys.map((k) => `'${k}'`).join(' and ')}.`));
  }
  return out;
}

/** FileSystemTableFactory#requiredOptions (path) and its format discovery (format): the table is nothing without them. */
function filesystemRule(t: TableView): TableFinding[] {
  const keys = ['path', 'format'].filter((k) => !has(t, k));
  return keys.length ? [missing(t, keys, `One or more required options are missing: ${keys.map((k) => `'${k}'`).join(', ')}. A 'filesystem' table needs the directory 'path' and the 'format' of its files.`)] : [];
}

/** JdbcDynamicTableFactory#requiredOptions: url and table-name. */
function jdbcRule(t: TableView): TableFinding[] {
  const keys = ['url', 'table-name'].filter((k) => !has(t, k));
  return keys.length ? [missing(t, keys, `One or more required options are missing: ${keys.map((k) => `'${k}'`).join(', ')}. A 'jdbc' table needs the database 'url' and the 'table-name' in it.`)] : [];
}

const RULES: Record<string, Rule[]> = {
  kafka: [topicRule, kafkaValueFormatRule, kafkaKeyRule, kafkaModeRule],
  'upsert-kafka': [topicRule, upsertKafkaRule],
  datagen: [datagenRule],
  filesystem: [filesystemRule],
  jdbc: [jdbcRule],
};

/** The code-level rules of `t.connector`; "missing" rules only when the table's options are all its own. */
export function connectorRuleFindings(t: TableView): TableFinding[] {
  const out: TableFinding[] = [];
  for (const rule of RULES[t.connector] ?? []) {
    for (const f of rule(t)) if (!(t.inherited && f.missing)) out.push(f);
  }
  return out;
}

/** A value to put in a missing option so the table reads sensibly; the user replaces it. */
export function placeholderFor(t: Pick<TableView, 'name' | 'connector'>, key: string): string {
  const known: Record<string, string> = {
    topic: `${t.name ?? 'my'}_topic`, 'properties.bootstrap.servers': 'localhost:9092', 'properties.group.id': `${t.name ?? 'my'}_group`,
    format: 'json', 'key.format': 'json', 'value.format': 'json', 'key.fields': 'id', path: `file:///tmp/${t.name ?? 'table'}`,
    url: t.connector === 'jdbc' ? 'jdbc:postgresql://localhost:5432/postgres' : 'http://localhost:8081', 'table-name': t.name ?? 'my_table',
    'scan.startup.timestamp-millis': '0', 'scan.bounded.timestamp-millis': '0',
    'scan.startup.specific-offsets': 'partition:0,offset:0', 'scan.bounded.specific-offsets': 'partition:0,offset:0',
  };
  if (key in known) return known[key];
  if (/\.url$/.test(key)) return 'http://localhost:8081';
  if (/^fields\..+\.start$/.test(key)) return '1';
  if (/^fields\..+\.end$/.test(key)) return '1000';
  return '';
}

/**
 * Metadata keys a connector reads (SupportsReadingMetadata#listReadableMetadata), transcribed from its source
 * because the catalog generator cannot list them without creating a table source:
 * kafka and upsert-kafka — KafkaDynamicSource.ReadableMetadata (flink-connector-kafka 3.x–5.x; newer releases may
 * add keys, so a key outside the list is only a warning unless it is a close misspelling); filesystem —
 * FileSystemTableSource.ReadableFileInfo (Flink 1.17+); datagen — none: DataGenTableSource does not implement
 * SupportsReadingMetadata. Formats add keys under `value.` (debezium-json's `value.source.table`, …).
 */
const METADATA: Record<string, { keys: readonly string[]; closed: boolean }> = {
  kafka: { keys: ['topic', 'partition', 'headers', 'leader-epoch', 'offset', 'timestamp', 'timestamp-type'], closed: false },
  'upsert-kafka': { keys: ['topic', 'partition', 'headers', 'leader-epoch', 'offset', 'timestamp', 'timestamp-type'], closed: false },
  filesystem: { keys: ['file.path', 'file.name', 'file.size', 'file.modification-time'], closed: true },
  datagen: { keys: [], closed: true },
};

/** Value formats that read no metadata of their own (the CDC formats — debezium-json, canal-json, … — do). */
const FORMATS_WITHOUT_METADATA = new Set(['json', 'csv', 'avro', 'raw', 'avro-confluent', 'protobuf']);

export interface MetadataProblem {
  severity: 'error' | 'warning';
  message: string;
  replacement?: string;
}

/** DynamicSourceUtils#validateAndApplyMetadata's check of one metadata column's key, when we know the keys. */
export function metadataKeyProblem(t: Pick<TableView, 'name' | 'connector' | 'options'>, column: string, key: string): MetadataProblem | undefined {
  const known = METADATA[t.connector];
  if (!known) return undefined;
  const table = t.name ? `'${t.name}'` : 'this table';
  if (!known.keys.length) {
    return { severity: 'error', message: `Table ${table} declares metadata columns, but the underlying DynamicTableSource doesn't implement the SupportsReadingMetadata interface. ` +
      `Therefore, metadata cannot be read from the given source: the '${t.connector}' connector has no metadata. Make '${column}' a physical or computed column.` };
  }
  if (known.keys.includes(key)) return undefined;
  const valueFormat = t.options.get('value.format') ?? t.options.get('format');
  if (key.startsWith('value.') && (!valueFormat || !FORMATS_WITHOUT_METADATA.has(valueFormat))) return undefined;
  const replacement = closest(key, known.keys);
  const list = known.keys.join(', ');
  const message = `Invalid metadata key '${key}' in column '${column}' of table ${table}. The '${t.connector}' connector supports the following metadata keys for reading: ${list}` +
    (key.startsWith('value.') && valueFormat ? ` (and format '${valueFormat}' adds none).` : '.') +
    (replacement ? ` Did you mean '${replacement}'?` : known.closed || key.startsWith('value.') ? '' : ` A newer '${t.connector}' connector release than the one this check knows may add '${key}'.`);
  return { severity: known.closed || replacement || key.startsWith('value.') ? 'error' : 'warning', message, replacement };
}

/**
 * Metadata keys a connector writes (SupportsWritingMetadata#listWritableMetadata): kafka and upsert-kafka —
 * KafkaDynamicSink.WritableMetadata. A sink writes every metadata column not declared VIRTUAL.
 */
const WRITABLE_METADATA: Record<string, readonly string[]> = {
  kafka: ['headers', 'timestamp'],
  'upsert-kafka': ['headers', 'timestamp'],
};

/** DynamicSinkUtils's check of a persisted metadata column when the table is written. */
export function metadataWriteProblem(t: { name: string; connector: string }, column: string, key: string): string | undefined {
  const keys = WRITABLE_METADATA[t.connector];
  if (!keys || keys.includes(key)) return undefined;
  return `Invalid metadata key '${key}' in column '${column}' of table '${t.name}'. The '${t.connector}' connector supports the following metadata keys for writing: ${keys.join(', ')}. ` +
    `An INSERT writes every metadata column not declared VIRTUAL: declare '${column}' VIRTUAL to only read it.`;
}
