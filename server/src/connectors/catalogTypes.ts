// The shape of a connector catalog: what Flink's table factories (connectors, formats, catalogs) accept,
// per Flink version. Written by tools/connector-catalog from the real jars (or from docs, marked so);
// read by the language service for completion, diagnostics, hover and quick fixes. Pure data, no I/O.

/** A ConfigOption's value type, as Flink's ConfigurationUtils parses it. */
export type OptionType =
  | 'String' | 'Boolean' | 'Integer' | 'Long' | 'Float' | 'Double'
  | 'Duration' | 'MemorySize' | 'Enum' | 'Map' | 'Password';

export interface CatalogOption {
  /** As the factory declares it; `#` stands for a field name (`fields.#.kind`). */
  key: string;
  type: OptionType;
  /** A `List<type>` option (values separated by `;`, or `,` where the factory says so). */
  list?: boolean;
  /** For `Enum`: the accepted values as Flink spells them (case-insensitive when parsed). */
  enumValues?: string[];
  required: boolean;
  /** The default as Flink prints it (`10 s`, `1 mb`, `true`), absent when there is none. */
  default?: string;
  /** Plain text (Flink's rich description rendered without markup). */
  description: string;
  /** Keys also accepted for this option (ConfigOption#fallbackKeys, not deprecated). */
  fallbackKeys?: string[];
  /** Deprecated keys still accepted for this option; the option's `key` is their successor. */
  deprecatedKeys?: string[];
  /** The factory lists it in forwardOptions() (may change without a state restore). */
  forwarded?: boolean;
}

export type FactoryKind = 'source' | 'sink' | 'lookup' | 'format' | 'catalog' | 'module' | 'other';

export interface CatalogFactory {
  /** The factory identifier: the value of `'connector' = …`, `'format' = …`, `'type' = …`. */
  identifier: string;
  /** What the factory can be (a connector that is both source and sink lists both). */
  kinds: FactoryKind[];
  /** Fully qualified factory class (for the "which class does this mirror" trail). */
  factoryClass: string;
  /** Maven coordinates `group:artifact:version` of the jar it came from. */
  artifact: string;
  /** `jar`: loaded from the factory through ServiceLoader; `docs`: transcribed from the connector's docs. */
  source: 'jar' | 'docs';
  /** For `source: "docs"`: the docs' version the options were read from. */
  docsVersion?: string;
  /** One line saying what it is (for completion and hover). */
  description?: string;
  options: CatalogOption[];
  /**
   * Prefixes under which any key is accepted (`properties.` for kafka): the factory validates
   * "all but these prefixes" in code; see connectorRules for where each comes from.
   */
  passThroughPrefixes?: string[];
  /** Keys of this connector whose value names a format (`format`, `key.format`, `value.format`). */
  formatKeys?: string[];
}

export interface ConnectorCatalog {
  /** `major.minor`, e.g. `2.3` or `1.20`. */
  flinkVersion: string;
  /** The jars (and docs) the catalog was generated from. */
  generatedFrom: { artifact: string; source: 'jar' | 'docs'; docsVersion?: string }[];
  factories: CatalogFactory[];
}
