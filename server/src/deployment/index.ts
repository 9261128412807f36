// The deployment configuration of a draft (`<name>.deployment.yaml`), in plain Node: schema, parsing with
// positions, resolution to Flink configuration keys, edits that keep comments. Used by the language server,
// the CLI and (through the server) the panel.
import * as path from 'node:path';
import { isMap, parseDocument } from 'yaml';
import { MAX_DEPLOYMENT_BYTES, readTextFileSync } from '../util/boundedRead';
import { FLINK_VERSIONS, type FlinkVersion } from './fields';
import { YAML_OPTIONS } from './parse';

export * from './fields';
export { applyEdits, type DeploymentEdit } from './edit';
export { configKeyProblem, keyListRelease, knownKeys } from './knownKeys';
export { DEPLOYMENT_SOURCE, MAX_DEPLOYMENT_KEYS, parseDeployment, presentPaths, readDeploymentFile, type ParsedDeployment, type ParseOptions } from './parse';
export { log4jProperties, resolveConfig, type IgnoredParameter, type ResolvedDeployment } from './resolve';
export { DEPLOYMENT_TARGETS, DRAFT_TYPES, LOG_LEVELS, deploymentSchema, type DeploymentConfig, type DeploymentConfigInput } from './schema';
export { renderDeploymentTemplate, type TemplateArgs } from './template';
export { flinkMemory, formatDuration, formatMemory, parseDuration, parseMemory } from './units';

export const DRAFT_SUFFIX = '.flink.sql';
export const CONFIG_SUFFIX = '.deployment.yaml';

/** `orders.flink.sql` / `orders.sql` → `orders.deployment.yaml` in the same folder. */
export function deploymentPathOf(draftPath: string): string {
  const base = path.basename(draftPath);
  const lower = base.toLowerCase();
  const name = lower.endsWith(DRAFT_SUFFIX) ? base.slice(0, -DRAFT_SUFFIX.length)
    : lower.endsWith('.sql') ? base.slice(0, -4)
      : lower.endsWith(CONFIG_SUFFIX) ? base.slice(0, -CONFIG_SUFFIX.length) : base;
  return path.join(path.dirname(draftPath), `${name}${CONFIG_SUFFIX}`);
}

/**
 * The Flink version a draft targets, from the deployment config beside it: '2.3' | '1.20', the default '2.3'
 * when the config does not say, undefined when there is no readable config or its version is not one of ours.
 * Lenient on purpose (a config broken elsewhere still names its version): callers pick a parser mode or
 * connector catalog with it.
 */
export function flinkVersionOf(draftPath: string): FlinkVersion | undefined {
  let text: string;
  try {
    text = readTextFileSync(deploymentPathOf(draftPath), { maxBytes: MAX_DEPLOYMENT_BYTES });
  } catch {
    return undefined;
  }
  const doc = parseDocument(text, YAML_OPTIONS);
  if (doc.errors.length || !isMap(doc.contents)) return undefined;
  const v = doc.get('flinkVersion');
  if (v === undefined || v === null) return '2.3';
  const s = String(v);
  return (FLINK_VERSIONS as readonly string[]).includes(s) ? (s as FlinkVersion) : undefined;
}
export { DEPLOYMENT_SCHEMA_ID, deploymentJsonSchema, deploymentJsonSchemaText } from './jsonSchema';
export { defaultsFor, deploymentState, writeDeployment, type WriteResult } from './panelState';
