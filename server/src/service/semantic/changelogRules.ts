// The changelog modes of connectors and formats, per Flink version: what a source produces and what a sink accepts.
// Recorded as data with the Flink source each rule mirrors (the modes live in code — getChangelogMode() of each
// DynamicTableSource/Sink and DecodingFormat/EncodingFormat — and depend on the requested mode, so the catalog
// generator cannot read them off the factories without planning a query). Whether a connector is a source, sink or
// lookup source comes from the generated connector catalog (CatalogFactory.kinds). Anything not listed is unknown,
// and the checks that need it stay silent.
import type { FlinkVersion } from '../../parser';

/** What a source emits: only inserts, a full changelog (+I -U +U -D), or upserts keyed by the primary key. */
export type SourceMode = 'insert' | 'changelog' | 'upsert';

/**
 * What a sink accepts: `insert` (append only), `all` (any change, retract style, keeps UPDATE_BEFORE),
 * `upsert` (INSERT / UPDATE_AFTER / DELETE whatever the input: the sink is an upsert sink even for an append query),
 * `upsertIfUpdating` (the requested mode without UPDATE_BEFORE: append for an append query, upsert otherwise).
 */
export type SinkMode = 'insert' | 'all' | 'upsert' | 'upsertIfUpdating';

interface ConnectorRule {
  /** The mode of the source, or `format` when the value format decides (DecodingFormat#getChangelogMode). */
  source?: SourceMode | 'format';
  sink?: SinkMode | 'format';
  /** The sink refuses updates without a primary key (JdbcDynamicTableSink#validatePrimaryKey). */
  updatesNeedPrimaryKey?: boolean;
}

// Same for 2.3 and 1.20: these getChangelogMode() bodies did not change between the two lines.
const CONNECTORS: Record<string, ConnectorRule> = {
  // flink-connector-kafka KafkaDynamicSource#getChangelogMode / KafkaDynamicSink#getChangelogMode:
  // `return valueDecodingFormat.getChangelogMode()` / `return valueEncodingFormat.getChangelogMode()`.
  kafka: { source: 'format', sink: 'format' },
  // UpsertKafkaDynamicTableFactory builds both with `ChangelogMode.upsert()` (keys from the PRIMARY KEY).
  'upsert-kafka': { source: 'upsert', sink: 'upsert' },
  // FileSystemTableSource/FileSystemTableSink#getChangelogMode: the format's mode (insert only for bulk formats).
  filesystem: { source: 'format', sink: 'format' },
  // DataGenTableSource#getChangelogMode: `ChangelogMode.insertOnly()`.
  datagen: { source: 'insert' },
  // flink-connector-jdbc JdbcDynamicTableSource: insert only; JdbcDynamicTableSink#getChangelogMode:
  // validatePrimaryKey(requestedMode) then INSERT, UPDATE_AFTER, DELETE.
  jdbc: { source: 'insert', sink: 'upsert', updatesNeedPrimaryKey: true },
  // PrintTableSinkFactory.PrintSink#getChangelogMode: `return requestedMode`.
  print: { sink: 'all' },
  // BlackHoleTableSinkFactory.BlackHoleSink#getChangelogMode: the requested kinds without UPDATE_BEFORE.
  blackhole: { sink: 'upsertIfUpdating' },
};

/** Formats' decoding and encoding modes (each format's `getChangelogMode()`); the rest are insert only. */
const CHANGELOG_FORMATS = new Set([
  'debezium-json', // DebeziumJsonDecodingFormat / DebeziumJsonSerializationSchema: I, UB, UA, D
  'debezium-avro-confluent', // DebeziumAvroFormatFactory: I, UB, UA, D
  'canal-json', // CanalJsonDecodingFormat / CanalJsonFormatFactory encoding: I, UB, UA, D
  'maxwell-json', // MaxwellJsonDecodingFormat / MaxwellJsonFormatFactory encoding: I, UB, UA, D
  'ogg-json', // OggJsonDecodingFormat / OggJsonFormatFactory encoding: I, UB, UA, D
]);
const INSERT_FORMATS = new Set(['json', 'csv', 'avro', 'avro-confluent', 'raw', 'protobuf', 'orc', 'parquet']);

function formatMode(format: string | undefined): 'insert' | 'changelog' | undefined {
  if (!format) return undefined;
  if (CHANGELOG_FORMATS.has(format)) return 'changelog';
  return INSERT_FORMATS.has(format) ? 'insert' : undefined;
}

export function sourceMode(_version: FlinkVersion, connector: string | undefined, format: string | undefined): SourceMode | undefined {
  const rule = connector ? CONNECTORS[connector] : undefined;
  if (!rule?.source) return undefined;
  return rule.source === 'format' ? formatMode(format) : rule.source;
}

export function sinkMode(_version: FlinkVersion, connector: string | undefined, format: string | undefined): SinkMode | undefined {
  const rule = connector ? CONNECTORS[connector] : undefined;
  if (!rule?.sink) return undefined;
  if (rule.sink !== 'format') return rule.sink;
  const f = formatMode(format);
  return f === 'changelog' ? 'all' : f;
}

export function updatesNeedPrimaryKey(connector: string | undefined): boolean {
  return !!connector && CONNECTORS[connector]?.updatesNeedPrimaryKey === true;
}

/** Flink 2.3's `table.exec.sink.require-on-conflict` (FLIP-558): an upsert sink whose key differs needs ON CONFLICT. */
export function requiresOnConflict(version: FlinkVersion): boolean {
  return version !== '1.20';
}

/**
 * OVER windows ordered by a non-time column: 1.20 rejects all (StreamPhysicalOverAggregateRule: "OVER windows'
 * ordering in stream mode must be defined on a time attribute."); 2.3 accepts unbounded ones and rejects bounded
 * ones (StreamExecOverAggregate: "Non-time attribute sort is not supported for bounded OVER window.").
 */
export function overNonTimeOrder(version: FlinkVersion, bounded: boolean): string | undefined {
  if (version === '1.20') return "OVER windows' ordering in stream mode must be defined on a time attribute.";
  return bounded ? 'Non-time attribute sort is not supported for bounded OVER window.' : undefined;
}
