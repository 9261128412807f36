// A table's WITH clause checked against the connector catalog the way Flink's FactoryUtil checks it when the table
// is first used: the connector and formats must exist (discoverFactory), required options be present,
// every key be consumed by the connector or a chosen format (TableFactoryHelper#validate → "Unsupported options
// found"), values parse (optionValues.ts); plus deprecated keys, duplicates and the connectorRules.ts rules.
import type { CatalogFactory } from './catalogTypes';
import { closest, type ChosenFormat, type ConnectorIndex } from './connectorCatalog';
import { connectorRuleFindings, placeholderFor } from './connectorRules';
import { valueProblem } from './optionValues';

/** What the checks need of a table: its own options, physical columns and primary key. */
export interface TableView {
  name?: string;
  connector: string;
  /** Key → value (the last one written when a key repeats). */
  options: ReadonlyMap<string, string>;
  /** Physical column names; undefined when not known (CTAS, LIKE). */
  physicalColumns?: readonly string[];
  /** Undefined when not known (LIKE may inherit one). */
  primaryKey?: readonly string[];
  /** Options or columns may come from elsewhere (LIKE): nothing is reported missing. */
  inherited?: boolean;
}

export type FindingAt =
  | { kind: 'table' }
  | { kind: 'key'; key: string }
  | { kind: 'value'; key: string };

export interface TableFinding {
  /** Stable code of the diagnostic (`unknown-option`, `missing-option`, …). */
  code: string;
  severity: 'error' | 'warning';
  message: string;
  at: FindingAt;
  /** The text that should replace what `at` points at (key or value), for a quick fix. */
  replacement?: string;
  /** Options to add, for a quick fix. */
  missing?: { key: string; placeholder: string }[];
}

/**
 * A name (connector or format) is flagged as an error only when it is a close misspelling of one the catalog
 * knows: a connector from a user jar is then unlikely, and Flink would fail with "Could not find any factory
 * for identifier". Any other unknown name is a warning: it may come from a jar on the cluster we cannot see.
 */
function unknownFactory(index: ConnectorIndex, kind: 'connector' | 'format', identifier: string, key: string): TableFinding {
  const known = (kind === 'connector' ? index.connectors() : index.formats()).map((f) => f.identifier);
  const suggestion = closest(identifier, known);
  const what = kind === 'connector' ? 'DynamicTableFactory' : 'format factory';
  return {
    code: kind === 'connector' ? 'unknown-connector' : 'unknown-format',
    severity: suggestion ? 'error' : 'warning',
    at: { kind: 'value', key },
    replacement: suggestion,
    message: suggestion
      ? `Could not find any ${what} for identifier '${identifier}' in Flink ${index.flinkVersion}. Did you mean '${suggestion}'?`
      : `'${identifier}' is not a ${kind} Flink ${index.flinkVersion} ships or one of the connectors this extension knows. ` +
        `Make sure its jar is on the cluster's classpath (ADD JAR or the deployment's dependencies), or check the spelling: ${known.slice(0, 12).join(', ')}.`,
  };
}

/**
 * Connectors that validate their options except every key under the format's prefix: FileSystemTableFactory#validate
 * calls helper.validateExcept(<format> + ".") because "some formats like parquet and orc can not list all supported
 * options". An unknown key there is ignored by Flink, so it is worth a warning, never an error.
 */
const UNCHECKED_FORMAT_PREFIX = new Set(['filesystem']);

export function checkTable(index: ConnectorIndex, t: TableView): TableFinding[] {
  const connector = index.factory(t.connector, 'connector');
  if (!connector) return [unknownFactory(index, 'connector', t.connector, 'connector')];
  const out: TableFinding[] = [];
  const formats = index.chosenFormats(connector, t.options);
  for (const f of formats) if (!f.factory) out.push(unknownFactory(index, 'format', f.identifier, f.formatKey));

  // Unknown, deprecated and unparsable keys.
  const present = new Set<string>();
  for (const [key, value] of t.options) {
    if (key === 'connector') continue;
    const hit = index.resolve(connector, formats, key);
    if (hit) {
      present.add(hit.canonicalKey);
      if (hit.field !== undefined && hit.owner === connector && t.physicalColumns && !t.physicalColumns.includes(hit.field)) {
        out.push(unknownField(t, key, hit.field));
        continue;
      }
      if (hit.match === 'deprecated') {
        out.push({ code: 'deprecated-option', severity: 'warning', at: { kind: 'key', key }, replacement: hit.canonicalKey,
          message: `'${key}' is deprecated; use '${hit.canonicalKey}' instead (Flink still accepts it for now and logs a warning).` });
      }
      const problem = valueProblem(hit.option, key, value);
      if (problem) out.push({ code: 'invalid-value', severity: 'error', at: { kind: 'value', key }, message: problem.message, replacement: problem.suggestion });
      continue;
    }
    if (index.isPassThrough(connector, key)) continue;
    if (formats.some((f) => !f.factory && key.startsWith(f.prefix))) continue; // options of a format we do not know
    // parquet and orc hand every key under their prefix to Hadoop / the writer (their catalog entry says so with '')
    if (formats.some((f) => f.factory?.passThroughPrefixes?.some((p) => key.startsWith(f.prefix + p) && key.length > f.prefix.length + p.length))) continue;
    const finding = unknownKey(index, connector, formats, t, key);
    const unchecked = UNCHECKED_FORMAT_PREFIX.has(connector.identifier) ? formats.find((f) => f.formatKey === 'format' && key.startsWith(f.prefix)) : undefined;
    if (unchecked) {
      finding.severity = 'warning';
      finding.message = finding.message.replace(/ Flink reports it as unsupported\./, '').replace(/ Remove it, or check the connector's documentation for the key\.$/, '') +
        ` '${connector.identifier}' does not check keys under '${unchecked.prefix}' (FileSystemTableFactory#validate skips the format's prefix), so Flink accepts the table and ignores the key.`;
      finding.message = finding.message.replace(/^Unsupported option/, 'Unknown option');
    }
    out.push(finding);
  }

  if (!t.inherited) {
    const missing: string[] = [];
    for (const o of connector.options) if (o.required && !o.key.includes('#') && !present.has(o.key)) missing.push(o.key);
    for (const f of formats) for (const o of f.factory?.options ?? []) if (o.required && !present.has(f.prefix + o.key)) missing.push(f.prefix + o.key);
    const byRules = new Set<string>();
    const rules = connectorRuleFindings(t);
    for (const r of rules) for (const m of r.missing ?? []) byRules.add(m.key);
    const generic = missing.filter((k) => !byRules.has(k));
    if (generic.length) {
      out.push({ code: 'missing-option', severity: 'error', at: { kind: 'table' }, missing: generic.map((key) => ({ key, placeholder: placeholderFor(t, key) })),
        message: `One or more required options are missing for '${t.connector}'${t.name ? ` table '${t.name}'` : ''}: ${generic.map((k) => `'${k}'`).join(', ')}. Flink refuses the table until they are set.` });
    }
    out.push(...rules);
  } else {
    out.push(...connectorRuleFindings(t));
  }
  return out;
}

function unknownField(t: TableView, key: string, field: string): TableFinding {
  const column = closest(field, t.physicalColumns ?? []);
  const replacement = column ? key.replace(`.${field}.`, `.${column}.`) : undefined;
  return {
    code: 'unknown-option', severity: 'error', at: { kind: 'key', key }, replacement,
    message: `Unsupported option '${key}' for 'datagen': '${field}' is not a physical column of ${t.name ? `'${t.name}'` : 'this table'}` +
      (column ? `. Did you mean '${replacement}'?` : ` (columns: ${(t.physicalColumns ?? []).join(', ')}).`),
  };
}

function unknownKey(index: ConnectorIndex, connector: CatalogFactory, formats: ChosenFormat[], t: TableView, key: string): TableFinding {
  const at = { kind: 'key', key } as const;
  // A format option written without its prefix, or under the prefix of a format the table does not use.
  for (const f of formats) {
    if (f.factory && index.ownOption(f.factory, key)) {
      return { code: 'unknown-option', severity: 'error', at, replacement: f.prefix + key,
        message: `Unsupported option '${key}' for '${t.connector}': format options take their format's prefix. Did you mean '${f.prefix}${key}'?` };
    }
  }
  for (const other of index.formats()) {
    for (const fk of connector.formatKeys ?? []) {
      const prefix = fk === 'format' ? `${other.identifier}.` : `${fk.slice(0, -'format'.length)}${other.identifier}.`;
      if (!key.startsWith(prefix) || !index.ownOption(other, key.slice(prefix.length))) continue;
      const chosen = t.options.get(fk);
      const same = formats.find((f) => f.formatKey === fk && f.factory && index.ownOption(f.factory, key.slice(prefix.length)));
      return { code: 'unknown-option', severity: 'error', at, replacement: same ? same.prefix + key.slice(prefix.length) : undefined,
        message: `'${key}' is an option of format '${other.identifier}', but ${chosen ? `'${fk}' is '${chosen}'` : `this table sets no '${fk}'`}; ` +
          `Flink reports it as unsupported. ${same ? `Did you mean '${same.prefix}${key.slice(prefix.length)}'?` : `Set '${fk}' = '${other.identifier}' or remove the option.`}` };
    }
  }
  const candidates = index.validKeys(connector, formats).flatMap((v) => (v.key.includes('#') ? (t.physicalColumns ?? []).map((c) => v.key.replace('#', c)) : [v.key]));
  const suggestion = closest(key, candidates.filter((c) => !t.options.has(c)));
  const version = index.flinkVersion;
  return {
    code: 'unknown-option', severity: connector.source === 'docs' ? 'warning' : 'error', at, replacement: suggestion,
    message: `Unsupported option '${key}' for connector '${t.connector}' in Flink ${version}.` +
      (suggestion ? ` Did you mean '${suggestion}'?` : ' Remove it, or check the connector\'s documentation for the key.'),
  };
}
