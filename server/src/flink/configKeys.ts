// How each Flink line (1.20, 2.x) is configured: the one table of configuration keys whose names differ
// between the lines, the config file each reads, and the translation of a flat config to a version's names.

/** The lines whose local clusters we run; a pinned version belongs to exactly one. */
export type FlinkLine = '1.20' | '2';

export function flinkLine(version: string): FlinkLine {
  const [major, minor] = version.split('.').map((p) => parseInt(p, 10));
  if (major >= 2) return '2';
  if (major === 1 && minor === 20) return '1.20';
  throw new Error(`Flink ${version} is not supported: the local cluster runs Flink 1.20 or 2.x.`);
}

/**
 * Keys whose 2.x name Flink 1.20 does not know, with 1.20's name for the same option: the 2.3 key list records the
 * 1.20 name as a deprecated fallback of the 2.x key, and the 1.20 list lacks the 2.x key (both lists are generated
 * from the real jars, server/src/deployment/flinkKeys/). Everything the local cluster itself sets already has one
 * name in both lines (1.20 introduced most 2.x names, e.g. execution.checkpointing.dir and
 * execution.state-recovery.path), so only options passed through (`config`) can need the table; a rename found
 * in a later release goes here, and the unit test checks each row against both key lists.
 */
export const RENAMED_KEYS: ReadonlyArray<{ readonly v2: string; readonly v120: string }> = [
  { v2: 'high-availability.zookeeper.path.execution-plans', v120: 'high-availability.zookeeper.path.jobgraphs' },
  { v2: 'table.exec.async-scalar.max-concurrent-operations', v120: 'table.exec.async-scalar.buffer-capacity' },
];

/** A key in `line`'s name, whichever line's name it was written in; unknown keys are returned as they are. */
export function keyFor(key: string, line: FlinkLine): string {
  for (const { v2, v120 } of RENAMED_KEYS) {
    if (key === v2 || key === v120) return line === '2' ? v2 : v120;
  }
  return key;
}

/** A flat config with every key in the version's names (a key given in both names: the later one wins). */
export function configForVersion<V>(config: Record<string, V>, version: string): Record<string, V> {
  const line = flinkLine(version);
  const out: Record<string, V> = {};
  for (const [k, v] of Object.entries(config)) out[keyFor(k, line)] = v;
  return out;
}

export interface ConfigFileFormat {
  /** The file we write: standard YAML (both lines read flat keys in it). */
  file: string;
  /**
   * Files the line reads in preference to `file`: Flink 1.20's GlobalConfiguration takes the legacy
   * flink-conf.yaml when it exists and config.yaml only otherwise; 2.x reads config.yaml alone.
   */
  shadowedBy: readonly string[];
}

export const CONFIG_FILES: Record<FlinkLine, ConfigFileFormat> = {
  '1.20': { file: 'config.yaml', shadowedBy: ['flink-conf.yaml'] },
  '2': { file: 'config.yaml', shadowedBy: [] },
};

export function configFileFormat(version: string): ConfigFileFormat {
  return CONFIG_FILES[flinkLine(version)];
}
