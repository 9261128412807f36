// The Flink configuration keys each supported version knows, from flinkKeys/<version>.json (generated from
// the real jars by scripts/flink-config-keys.sh), and the warning for a key of flinkConfiguration it does not.
import leven from 'leven';
import keys120 from './flinkKeys/1.20.json';
import keys23 from './flinkKeys/2.3.json';
import type { FlinkVersion } from './fields';

interface KeyList { version: string; keys: string[]; deprecated: Record<string, string> }

const LISTS: Record<FlinkVersion, KeyList> = { '2.3': keys23, '1.20': keys120 };
const SETS = new Map<FlinkVersion, Set<string>>();

/** Families whose keys are made up by the user (reporter names, file system and plugin options, env variables). */
const OPEN_PREFIXES = [
  'metrics.reporter.', 'metrics.scope.', 'fs.', 's3.', 's3a.', 'gs.', 'azure.', 'oss.', 'presto.s3.', 'hadoop.',
  'containerized.master.env.', 'containerized.taskmanager.env.', 'kubernetes.jobmanager.annotations',
  'kubernetes.taskmanager.annotations', 'kubernetes.jobmanager.labels', 'kubernetes.taskmanager.labels',
  'kubernetes.jobmanager.node-selector', 'kubernetes.taskmanager.node-selector', 'security.ssl.',
  'sql-gateway.endpoint.', 'table.exec.sink.keyed-shuffle', 'plugin.', 'env.', 'pipeline.global-job-parameters.',
];

export function knownKeys(version: FlinkVersion): ReadonlySet<string> {
  let s = SETS.get(version);
  if (!s) SETS.set(version, (s = new Set(LISTS[version].keys)));
  return s;
}

/** The Flink release the key list was taken from. */
export function keyListRelease(version: FlinkVersion): string {
  return LISTS[version].version;
}

/** A warning text for a key Flink `version` does not know (or knows only as a deprecated name), else undefined. */
export function configKeyProblem(version: FlinkVersion, key: string): string | undefined {
  if (knownKeys(version).has(key)) return undefined;
  const replacement = LISTS[version].deprecated[key];
  if (replacement) return `"${key}" is deprecated in Flink ${version}: use "${replacement}"`;
  if (OPEN_PREFIXES.some((p) => key.startsWith(p))) return undefined;
  const near = [...knownKeys(version)].filter((k) => Math.abs(k.length - key.length) <= 2 && leven(k, key) <= 2).slice(0, 3);
  const other = (['2.3', '1.20'] as const).find((v) => v !== version && knownKeys(v).has(key));
  const hint = near.length ? `; did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : other ? ` (Flink ${other} knows it)` : '';
  return `Flink ${version} has no configuration key "${key}"${hint}`;
}
