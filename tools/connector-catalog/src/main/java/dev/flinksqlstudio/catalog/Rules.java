// What the option lists cannot say: key prefixes a factory lets through in code (validateExcept), and
// how a factory's kinds are told apart. Each entry names the Flink constant it mirrors.
package dev.flinksqlstudio.catalog;

import java.util.List;
import java.util.Map;
import java.util.Set;

final class Rules {
    private Rules() {}

    /** Factory class → prefixes under which any key is accepted (the factory forwards them verbatim). */
    static final Map<String, List<String>> PASS_THROUGH_PREFIXES = Map.ofEntries(
            // KafkaConnectorOptionsUtil.PROPERTIES_PREFIX ("properties."): handed to the Kafka clients;
            // KafkaDynamicTableFactory and UpsertKafkaDynamicTableFactory call validateExcept(PROPERTIES_PREFIX).
            Map.entry("org.apache.flink.streaming.connectors.kafka.table.KafkaDynamicTableFactory", List.of("properties.")),
            Map.entry("org.apache.flink.streaming.connectors.kafka.table.UpsertKafkaDynamicTableFactory", List.of("properties.")),
            // DynamicKafkaTableFactory validates with the same KafkaConnectorOptionsUtil.PROPERTIES_PREFIX.
            Map.entry("org.apache.flink.streaming.connectors.kafka.table.DynamicKafkaTableFactory", List.of("properties.")),
            // HBaseConnectorOptionsUtil.PROPERTIES_PREFIX ("properties."): HBase client configuration;
            // HBase2DynamicTableFactory calls validateExcept(PROPERTIES_PREFIX).
            Map.entry("org.apache.flink.connector.hbase2.HBase2DynamicTableFactory", List.of("properties.")),
            // DebeziumOptions.DEBEZIUM_OPTIONS_PREFIX ("debezium.") and JdbcUrlUtils.PROPERTIES_PREFIX
            // ("jdbc.properties."): MySqlTableSourceFactory calls validateExcept(both).
            Map.entry("org.apache.flink.cdc.connectors.mysql.table.MySqlTableSourceFactory", List.of("debezium.", "jdbc.properties.")),
            // PostgreSQLTableFactory calls validateExcept(DebeziumOptions.DEBEZIUM_OPTIONS_PREFIX).
            Map.entry("org.apache.flink.cdc.connectors.postgres.table.PostgreSQLTableFactory", List.of("debezium.")));

    /**
     * Format factories that hand every option under their prefix to the library they wrap, so any key is
     * accepted (written as the prefix ""): ParquetFileFormatFactory#getParquetConfiguration copies all
     * `parquet.*` options into Hadoop's Configuration, OrcFileFormatFactory#getOrcProperties all `orc.*`
     * options into the ORC writer's Properties; both return an empty optionalOptions().
     */
    static final Map<String, List<String>> ANY_KEY_FORMATS = Map.of(
            "org.apache.flink.formats.parquet.ParquetFileFormatFactory", List.of(""),
            "org.apache.flink.orc.OrcFileFormatFactory", List.of(""));

    /**
     * Factories whose public static ConfigOption fields are read as optional options although
     * optionalOptions() omits them (ParquetFileFormatFactory.UTC_TIMEZONE, TIMESTAMP_TIME_UNIT,
     * WRITE_INT64_TIMESTAMP, BATCH_SIZE: read from the options in code, listed in the parquet docs).
     */
    static final Set<String> OPTIONS_FROM_FIELDS = Set.of("org.apache.flink.formats.parquet.ParquetFileFormatFactory");

    /**
     * String options whose values the factory checks against a fixed set in code; written as Enum.
     * Key: factory class (or package, ending in '.') + '|' + option key.
     */
    static final Map<String, List<String>> CLOSED_STRING_VALUES = Map.of(
            // DataGenConnectorOptionsUtil.RANDOM / SEQUENCE; DataGenTableSourceFactory rejects other kinds.
            "org.apache.flink.connector.datagen.table.DataGenTableSourceFactory|fields.#.kind",
            List.of("random", "sequence"),
            // JsonFormatOptionsUtil.TIMESTAMP_FORMAT_ENUM ("SQL", "ISO-8601"), checked by validateTimestampFormat.
            "org.apache.flink.formats.json.|timestamp-format.standard", List.of("SQL", "ISO-8601"),
            // JsonFormatOptions.MapNullKeyMode (FAIL, DROP, LITERAL), checked by validateEncodingFormatOptions.
            "org.apache.flink.formats.json.|map-null-key.mode", List.of("FAIL", "DROP", "LITERAL"));

    static List<String> closedValues(String factoryClass, String key) {
        List<String> exact = CLOSED_STRING_VALUES.get(factoryClass + "|" + key);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, List<String>> e : CLOSED_STRING_VALUES.entrySet()) {
            String owner = e.getKey().substring(0, e.getKey().indexOf('|'));
            if (owner.endsWith(".") && factoryClass.startsWith(owner) && e.getKey().endsWith("|" + key)) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * A (String) key names a format when it is FactoryUtil.FORMAT ("format") or ends like
     * KafkaConnectorOptions.KEY_FORMAT / VALUE_FORMAT ("key.format", "value.format").
     */
    static boolean isFormatKey(String key) {
        return key.equals("format") || key.endsWith(".format");
    }

    /**
     * Lookup support is a property of the DynamicTableSource a factory creates, which needs a resolved
     * table to build. Flink's lookup sources declare LookupOptions (lookup.cache, lookup.max-retries, …),
     * so a source factory with a `lookup.` option, or one whose createDynamicTableSource is declared to
     * return a LookupTableSource, is taken to support lookup joins.
     */
    static boolean looksLikeLookup(List<String> optionKeys) {
        return optionKeys.stream().anyMatch(k -> k.startsWith("lookup."));
    }
}
