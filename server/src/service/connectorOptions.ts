// The OptionCatalog seam implemented on a generated connector catalog: connector names with their descriptions,
// the keys the chosen connector and its formats accept (format options under their prefixes, datagen's
// `fields.<col>.*` with the table's columns), values of enums, booleans and format keys, duration and memory
// templates, and one CREATE TABLE snippet per connector pre-filled with what it requires.
import type { CatalogOption } from '../connectors/catalogTypes';
import { CONNECTOR_OPTION, catalogFor, DEFAULT_FLINK_VERSION, type ConnectorIndex, type FlinkVersion } from '../connectors/connectorCatalog';
import { valueTemplates } from '../connectors/optionValues';
import { checkTable } from '../connectors/tableChecks';
import {
  builtinConfigOptions, builtinOptionCatalog, type OptionCatalog, type OptionInfo, type TableOptionsContext, type TableSnippet,
} from './completionOptions';

const byIndex = new WeakMap<ConnectorIndex, OptionCatalog>();

/** The option catalog of a Flink version: the generated connector catalog when bundled, else the built-in list. */
export function optionCatalogFor(version: FlinkVersion = DEFAULT_FLINK_VERSION): OptionCatalog {
  const index = catalogFor(version);
  if (!index) return builtinOptionCatalog;
  let c = byIndex.get(index);
  if (!c) {
    c = connectorOptionCatalog(index);
    byIndex.set(index, c);
  }
  return c;
}

export function typeLabel(o: CatalogOption): string {
  const t = o.type === 'Enum' && o.enumValues?.length ? `Enum` : o.type;
  return o.list ? `List<${t}>` : t;
}

export function connectorOptionCatalog(index: ConnectorIndex): OptionCatalog {
  const connectors = index.connectors();
  const formats = index.formats();
  const connectorInfo: OptionInfo = {
    ...info(CONNECTOR_OPTION),
    values: connectors.map((f) => f.identifier),
    valueDocs: Object.fromEntries(connectors.map((f) => [f.identifier, f.description ?? f.factoryClass])),
  };
  const formatValues = { values: formats.map((f) => f.identifier), valueDocs: Object.fromEntries(formats.map((f) => [f.identifier, f.description ?? f.factoryClass])) };
  let snippets: TableSnippet[] | undefined;

  return {
    tableOptions(connector, table?: TableOptionsContext) {
      const factory = connector ? index.factory(connector, 'connector') : undefined;
      if (!factory) return [connectorInfo];
      const values = new Map(Object.entries(table?.values ?? {}));
      values.set('connector', factory.identifier);
      const chosen = index.chosenFormats(factory, values);
      const out: OptionInfo[] = [connectorInfo];
      // What the factory code requires beyond requiredOptions() (topic, format…), marked required too.
      const ruleRequired = new Set(checkTable(index, { connector: factory.identifier, options: values, physicalColumns: table?.columns, primaryKey: ['_'] })
        .flatMap((f) => f.missing ?? []).map((m) => m.key));
      for (const v of index.validKeys(factory, chosen)) {
        if (v.key === 'connector') continue;
        const base = info(v.option);
        const isFormatKey = (factory.formatKeys ?? []).includes(v.key);
        const extra = isFormatKey ? formatValues : {};
        const keys = v.key.includes('#') ? (table?.columns.length ? table.columns.map((c) => v.key.replace('#', c)) : []) : [v.key];
        for (const key of keys) {
          out.push({ ...base, ...extra, key, required: v.option.required || ruleRequired.has(key), secondary: v.prefix !== '' });
        }
      }
      return out;
    },
    configOptions: builtinConfigOptions,
    tableSnippets() {
      snippets ??= connectors.map((f) => ({ connector: f.identifier, description: f.description, snippet: createTableSnippet(index, f.identifier) }));
      return snippets;
    },
  };
}

function info(o: CatalogOption): OptionInfo {
  const templates = o.type === 'Duration' || o.type === 'MemorySize' ? valueTemplates(o) : undefined;
  const values = o.type === 'Enum' || o.type === 'Boolean' ? valueTemplates(o) : undefined;
  const deprecated = o.deprecatedKeys?.length ? `\n\nDeprecated keys: ${o.deprecatedKeys.join(', ')}` : '';
  return {
    key: o.key, description: o.description + deprecated, required: o.required, defaultValue: o.default, type: typeLabel(o),
    ...(values?.length ? { values } : {}), ...(templates ? { templates } : {}),
  };
}

/** A CREATE TABLE of `connector` with the options it cannot do without (incl. the factory-code rules). */
function createTableSnippet(index: ConnectorIndex, connector: string): string {
  const name = connector.replace(/[^A-Za-z0-9]+/g, '_') + '_table';
  const needsKey = connector === 'upsert-kafka';
  const options = new Map([['connector', connector]]);
  const t = { name, connector, options, physicalColumns: ['id'], primaryKey: needsKey ? [] : ['id'] };
  // Add what is missing until nothing more is (e.g. `key.format` brings `key.fields` for kafka, but not here).
  const lines: string[] = [];
  let n = 4;
  for (let round = 0; round < 3; round++) {
    const missing = checkTable(index, t).flatMap((f) => f.missing ?? []).filter((m) => !options.has(m.key));
    if (!missing.length) break;
    for (const m of missing) {
      options.set(m.key, m.placeholder || m.key);
      lines.push(`  '${m.key}' = '\${${n++}:${escapeSnippet(m.placeholder)}}'`);
    }
  }
  const pk = needsKey ? ',\n  PRIMARY KEY (${2:id}) NOT ENFORCED' : '';
  return [
    `CREATE TABLE \${1:${name}} (`,
    `  \${2:id} \${3:BIGINT}${pk}`,
    `) WITH (`,
    [`  'connector' = '${connector}'`, ...lines].join(',\n'),
    `);`,
  ].join('\n');
}

function escapeSnippet(s: string): string {
  return s.replace(/[$}\\]/g, (c) => `\\${c}`);
}
