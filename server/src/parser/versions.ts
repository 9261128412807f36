// The Flink versions the parser speaks, and what each one's grammar has: one table of syntax features
// (feature → the first version that parses it), measured with each version's real parser (tools/parser-oracle
// built against flink-sql-parser 1.20.0, 2.1.0, 2.2.0 and 2.3.0 over the corpus), plus the reserved words
// that differ. The parser asks `requireFeature` where such syntax starts; nothing else branches on versions.
import { RESERVED } from './keywords';

export type FlinkVersion = '1.20' | '2.3';
export const FLINK_VERSIONS: readonly FlinkVersion[] = ['1.20', '2.3'];
export const DEFAULT_FLINK_VERSION: FlinkVersion = '2.3';

export interface VersionFeature {
  /** What the user wrote, for the message ("ON CONFLICT needs Flink 2.3 or later"). */
  what: string;
  /** First version whose parser accepts it. */
  since: string;
}

export const FEATURES = {
  // new in 2.1
  alterModelReset: { what: 'ALTER MODEL … RESET', since: '2.1' },
  ctasSchema: { what: 'A column list, watermark, key, distribution or partitioning in CREATE TABLE … AS SELECT', since: '2.1' },
  ctasColumnNames: { what: 'A column name list in CREATE / REPLACE TABLE … AS SELECT', since: '2.1' },
  tableArguments: { what: 'A table function call in FROM without TABLE(…) (TABLE / named arguments, as in PTFs)', since: '2.1' },
  modelArguments: { what: 'A MODEL argument (ML_PREDICT)', since: '2.1' },
  showCatalogsLike: { what: 'SHOW CATALOGS LIKE', since: '2.1' },
  describeFunction: { what: 'DESCRIBE FUNCTION', since: '2.1' },
  showViewsScope: { what: 'SHOW VIEWS FROM / IN / LIKE', since: '2.1' },
  lateralUnnest: { what: 'LATERAL UNNEST(…) without TABLE', since: '2.1' },
  alterMaterializedTableAs: { what: 'ALTER MATERIALIZED TABLE … AS SELECT', since: '2.1' },
  materializedTableWithoutFreshness: { what: 'A materialized table without FRESHNESS', since: '2.1' },
  materializedTableDistribution: { what: 'DISTRIBUTED BY on a materialized table', since: '2.1' },
  createOrAlterMaterializedTable: { what: 'CREATE OR ALTER MATERIALIZED TABLE', since: '2.1' },
  // new in 2.2
  explainExecute: { what: 'EXPLAIN EXECUTE …', since: '2.2' },
  alterMaterializedTableDistribution: { what: 'ALTER MATERIALIZED TABLE … ADD / DROP DISTRIBUTION', since: '2.2' },
  showCreateMaterializedTable: { what: 'SHOW CREATE MATERIALIZED TABLE', since: '2.2' },
  // new in 2.3
  onConflict: { what: 'INSERT … ON CONFLICT', since: '2.3' },
  functionUsingArtifact: { what: 'CREATE FUNCTION … USING ARTIFACT', since: '2.3' },
  connections: { what: 'CONNECTION statements', since: '2.3' },
  alterMaterializedTableSchema: { what: 'ALTER MATERIALIZED TABLE … ADD / MODIFY / DROP', since: '2.3' },
  materializedTableStartMode: { what: 'START_MODE on a materialized table', since: '2.3' },
  showCreateOrAlterMaterializedTable: { what: 'SHOW CREATE OR ALTER MATERIALIZED TABLE', since: '2.3' },
} satisfies Record<string, VersionFeature>;

export type FeatureId = keyof typeof FEATURES;

/** -1, 0, 1 for major.minor version strings. */
export function compareVersions(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number);
  const [bm, bn] = b.split('.').map(Number);
  return am !== bm ? Math.sign(am - bm) : Math.sign((an ?? 0) - (bn ?? 0));
}

// Computed once per version: the parser asks at every place such syntax may start.
const AVAILABLE = new Map<FlinkVersion, ReadonlySet<FeatureId>>(
  FLINK_VERSIONS.map((v) => [v, new Set((Object.keys(FEATURES) as FeatureId[]).filter((id) => compareVersions(v, FEATURES[id].since) >= 0))]),
);

export function hasFeature(version: FlinkVersion, id: FeatureId): boolean {
  return AVAILABLE.get(version)?.has(id) ?? compareVersions(version, FEATURES[id].since) >= 0;
}

/** The hint appended to the error where `version` lacks the feature. */
export function featureHint(version: FlinkVersion, id: FeatureId): string {
  const f = FEATURES[id];
  return `${f.what} needs Flink ${f.since} or later; this draft targets Flink ${version} — set flinkVersion in its deployment config (or the flinkSql.flinkVersion setting).`;
}

/**
 * Reserved words per version. 2.3 reserves words 1.20 takes as identifiers (measured: `SELECT <word> FROM t`
 * on both parsers over every keyword), and 1.20 reserves MODEL, which 2.x made non-reserved.
 */
const RESERVED_SINCE_2: readonly string[] = [
  'BITMAP', 'CONNECTIONS', 'CONTAINS_SUBSTR', 'DATETIME', 'DATETIME_TRUNC', 'DATE_TRUNC', 'FRIDAY', 'JSON_SCOPE', 'MONDAY',
  'ORDINAL', 'QUALIFY', 'QUARTERS', 'SAFE_CAST', 'SAFE_OFFSET', 'SAFE_ORDINAL', 'SATURDAY', 'STRUCTURED', 'SUNDAY', 'THURSDAY',
  'TIMESTAMP_DIFF', 'TIMESTAMP_TRUNC', 'TIME_DIFF', 'TIME_TRUNC', 'TRY_CAST', 'TUESDAY', 'VARIANT', 'WEDNESDAY', 'WEEKS',
];
const RESERVED_1_20: ReadonlySet<string> = new Set([...[...RESERVED].filter((w) => !RESERVED_SINCE_2.includes(w)), 'MODEL']);

export function reservedWords(version: FlinkVersion): ReadonlySet<string> {
  return version === '1.20' ? RESERVED_1_20 : RESERVED;
}

export function isFlinkVersion(v: unknown): v is FlinkVersion {
  return v === '1.20' || v === '2.3';
}
