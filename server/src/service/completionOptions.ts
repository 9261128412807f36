// Option keys and values offered inside `WITH ( … )` and `SET '…'`: the OptionCatalog seam, and a minimal
// built-in catalog (connector / format and the connectors bundled with Flink), used only when no generated
// connector catalog is bundled for the Flink version; connectorOptions.ts implements the seam on the real one.

export interface OptionInfo {
  key: string;
  description?: string;
  /** Accepted values when they are an enumeration (connector names, formats, modes). */
  values?: string[];
  required?: boolean;
  defaultValue?: string;
  /** One line per value (a connector's or format's description), by value. */
  valueDocs?: Record<string, string>;
  /** Example values to offer as templates (durations, memory sizes), not an enumeration. */
  templates?: string[];
  /** Short type label (`Duration`, `List<String>`), shown as detail. */
  type?: string;
  /** Offered after the connector's own keys (format options). */
  secondary?: boolean;
}

/** What completion knows of the table being written, for catalogs that can use it. */
export interface TableOptionsContext {
  /** Keys and values already in the WITH clause. */
  values: Readonly<Record<string, string>>;
  /** Column names declared by the CREATE TABLE (datagen's `fields.<col>.*`). */
  columns: readonly string[];
}

export interface TableSnippet {
  connector: string;
  description?: string;
  /** A snippet (`${1:name}` placeholders) of the whole CREATE TABLE statement. */
  snippet: string;
}

export interface OptionCatalog {
  /** Keys of a table's WITH clause; `connector` is the table's connector when already written. */
  tableOptions(connector: string | undefined, table?: TableOptionsContext): OptionInfo[];
  /** `CREATE TABLE` templates, one per connector, pre-filled with its required options. */
  tableSnippets?(): TableSnippet[];
  /** Keys of `SET '…' = '…'` (session configuration). */
  configOptions(): OptionInfo[];
}

/** Connectors shipped with the Flink distribution, plus the most used ones from flink-connector-*. */
const CONNECTORS = ['datagen', 'print', 'blackhole', 'filesystem', 'kafka', 'upsert-kafka', 'jdbc'];
const FORMATS = ['json', 'csv', 'avro', 'raw', 'parquet', 'orc', 'debezium-json', 'canal-json', 'maxwell-json', 'ogg-json', 'avro-confluent', 'debezium-avro-confluent', 'protobuf'];

const CONNECTOR: OptionInfo = {
  key: 'connector', required: true, values: CONNECTORS,
  description: 'The table connector: the identifier of the DynamicTableFactory that reads or writes the table.',
};
const FORMAT: OptionInfo = {
  key: 'format', values: FORMATS,
  description: 'The format used to (de)serialize the records of connectors that need one (filesystem, kafka).',
};

/** Connectors that take a `format` (the others define their own encoding or none). */
const WITH_FORMAT = new Set(['filesystem', 'kafka']);

export const builtinOptionCatalog: OptionCatalog = {
  tableOptions(connector) {
    if (!connector) return [CONNECTOR, FORMAT];
    const c = connector.toLowerCase();
    if (c === 'upsert-kafka') {
      return [CONNECTOR, { ...FORMAT, key: 'key.format', required: true }, { ...FORMAT, key: 'value.format', required: true }];
    }
    return WITH_FORMAT.has(c) ? [CONNECTOR, { ...FORMAT, required: true }] : [CONNECTOR];
  },
  configOptions() {
    return CONFIG;
  },
};

const CONFIG: OptionInfo[] = [
  { key: 'execution.runtime-mode', values: ['streaming', 'batch', 'automatic'], defaultValue: 'streaming', description: 'Runtime execution mode of DataStream programs.' },
  { key: 'sql-client.execution.result-mode', values: ['table', 'changelog', 'tableau'], defaultValue: 'table', description: 'How the SQL client shows query results.' },
  { key: 'pipeline.name', description: 'The job name used for printing and logging.' },
  { key: 'parallelism.default', defaultValue: '1', description: 'Default parallelism for jobs.' },
  { key: 'table.exec.state.ttl', defaultValue: '0 ms', description: 'Minimum time an idle state is retained (0: never cleaned).' },
  { key: 'execution.checkpointing.interval', description: 'Interval at which checkpoints are triggered.' },
  { key: 'table.local-time-zone', defaultValue: 'default', description: 'Local time zone for TIMESTAMP_LTZ conversions, e.g. UTC or Europe/Berlin.' },
  { key: 'table.dml-sync', values: ['true', 'false'], defaultValue: 'false', description: 'Whether DML statements wait for the job to finish.' },
];

/** The values known for `key`, for a table (connector given) or the session configuration. */
export function optionValues(catalog: OptionCatalog, key: string, connector: string | undefined, config: boolean): string[] {
  const list = config ? catalog.configOptions() : catalog.tableOptions(connector);
  return list.find((o) => o.key === key)?.values ?? [];
}

/** The session-configuration keys of the built-in list, for catalogs that know only table options. */
export function builtinConfigOptions(): OptionInfo[] {
  return CONFIG;
}
