// Flink's built-in functions per Flink version, for completion and hover: the names, kinds and signatures
// generated from each version's jars (functions/flink-<line>.json, `npm run functions:generate`), merged by name
// with the readable signatures and descriptions of Flink's docs (sqlFunctionData.ts).
import { DEFAULT_FLINK_VERSION, type FlinkVersion } from '../parser/versions';
import catalog120 from './functions/flink-1.20.json';
import catalog23 from './functions/flink-2.3.json';
import { FUNCTION_ENTRIES } from './sqlFunctionData';

export interface FunctionSignature {
  signature: string;
  description: string;
}

/** How Flink registers the function: scalar, aggregate, window_table (TUMBLE…), group_window, table, process_table. */
export type FunctionKind = 'scalar' | 'aggregate' | 'window_table' | 'group_window' | 'table' | 'process_table' | 'async_table' | 'table_aggregate';

export interface SqlFunction {
  name: string;
  kind: FunctionKind;
  /** The docs' category (string, temporal…) where the docs describe it, else the kind in words. */
  category: string;
  /** The docs' signatures with their descriptions; empty for functions the docs list does not have. */
  signatures: FunctionSignature[];
  /** The signatures Flink prints in "Supported signatures" (from its type inference), from the jars. */
  flinkSignatures: string[];
  /** Called without parentheses (CURRENT_TIMESTAMP, LOCALTIME…). */
  niladic: boolean;
  deprecated: boolean;
  flinkVersion: FlinkVersion;
}

interface GeneratedFunction {
  name: string;
  kind: string;
  niladic?: boolean;
  deprecated?: boolean;
  signatures: string[];
}

interface GeneratedCatalog {
  flinkVersion: string;
  functions: GeneratedFunction[];
}

const GENERATED: Record<FlinkVersion, GeneratedCatalog> = { '1.20': catalog120, '2.3': catalog23 };

const KIND_WORDS: Record<string, string> = {
  scalar: 'scalar', aggregate: 'aggregate', window_table: 'window table-valued', group_window: 'group window',
  table: 'table-valued', process_table: 'process table', async_table: 'async table', table_aggregate: 'table aggregate',
};

/** The docs' entries by function name (the signature's leading word), in the data file's order. */
function docsEntries(): Map<string, { category: string; niladic: boolean; signatures: FunctionSignature[] }> {
  const map = new Map<string, { category: string; niladic: boolean; signatures: FunctionSignature[] }>();
  for (const [category, signature, description] of FUNCTION_ENTRIES) {
    const name = /^[A-Z_][A-Z0-9_]*/.exec(signature)?.[0];
    if (!name) continue;
    const existing = map.get(name);
    if (existing) existing.signatures.push({ signature, description });
    else map.set(name, { category, niladic: signature === name, signatures: [{ signature, description }] });
  }
  return map;
}

function build(version: FlinkVersion): Map<string, SqlFunction> {
  const docs = docsEntries();
  const map = new Map<string, SqlFunction>();
  for (const g of GENERATED[version].functions) {
    const d = docs.get(g.name);
    const kind = g.kind as FunctionKind;
    map.set(g.name, {
      name: g.name,
      kind,
      category: d?.category ?? KIND_WORDS[kind] ?? kind,
      signatures: d?.signatures ?? [],
      flinkSignatures: g.signatures,
      niladic: d ? d.niladic : g.niladic === true,
      deprecated: g.deprecated === true,
      flinkVersion: version,
    });
  }
  return map;
}

const BY_VERSION = new Map<FlinkVersion, Map<string, SqlFunction>>();

function functionsOf(version: FlinkVersion): Map<string, SqlFunction> {
  let map = BY_VERSION.get(version);
  if (!map) BY_VERSION.set(version, (map = build(version)));
  return map;
}

/** The built-in functions of `version`, sorted by name. */
export function builtinFunctions(version: FlinkVersion = DEFAULT_FLINK_VERSION): Iterable<SqlFunction> {
  return functionsOf(version).values();
}

/**
 * The built-in function called `name` (any case) in `version`; without a version, in any version Flink SQL
 * Studio knows (the formatter's question: is this a built-in name, whatever the draft targets).
 */
export function builtinFunction(name: string, version?: FlinkVersion): SqlFunction | undefined {
  const upper = name.toUpperCase();
  if (version) return functionsOf(version).get(upper);
  return functionsOf(DEFAULT_FLINK_VERSION).get(upper) ?? functionsOf('1.20').get(upper);
}

/** The first line of completion detail: the docs' first signature, else Flink's. */
export function functionDetail(fn: SqlFunction): string {
  return fn.signatures[0]?.signature ?? fn.flinkSignatures[0] ?? fn.name;
}

/** Markdown for hover and completion documentation: the docs' signatures and description, then Flink's own. */
export function functionMarkdown(fn: SqlFunction): string {
  const out: string[] = [];
  if (fn.signatures.length) {
    out.push('```flink-sql', fn.signatures.map((s) => s.signature).join('\n'), '```');
    out.push([...new Set(fn.signatures.map((s) => s.description))].join('\n\n'), '');
  }
  if (fn.flinkSignatures.length) {
    out.push(`Supported signatures (Flink ${fn.flinkVersion}):`, '```', fn.flinkSignatures.join('\n'), '```', '');
  } else if (!fn.signatures.length) {
    out.push('```flink-sql', `${fn.name}${fn.niladic ? '' : '(…)'}`, '```', '');
  }
  if (fn.deprecated) out.push('**Deprecated** in Flink.', '');
  out.push(`*Flink built-in ${fn.category} function*`);
  return out.join('\n');
}
