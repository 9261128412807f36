// What a publish starts from: the draft's SQL and its deployment config, parsed and resolved with the
// deployment model (server/src/deployment), or a stored version's files (roll back).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import {
  deploymentPathOf, deploymentSchema, parseDeployment, presentPaths, renderDeploymentTemplate, resolveConfig,
  type DeploymentConfig, type ResolvedDeployment,
} from '../deployment';
import { findJarDraft } from '../jar/findJarDraft';
import { isConfigPath, readJarDraft, type JarDraft } from '../jar/jarDraft';
import type { PublishTarget } from './store';

export interface PublishSource {
  name: string;
  /** The SQL draft, or a JAR draft's deployment config. */
  draftPath: string;
  /** A SQL draft's script ('' for a JAR draft). */
  sql: string;
  /** A JAR draft's job: its project or jar (a stored version: the jar it published), entry class and arguments; or a PYTHON draft's script. */
  jar?: JarDraft;
  /** The config's YAML as published (the defaults' template when the draft has none). */
  configYaml: string;
  config: DeploymentConfig;
  resolved: ResolvedDeployment;
  target: PublishTarget;
}

/** The config did not parse or validate: its diagnostics, for file:line:col output. */
export class ConfigProblemError extends Error {
  constructor(readonly file: string, readonly diagnostics: Diagnostic[]) {
    super(`The deployment config ${file} has errors:\n${diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error)
      .map((d) => `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: error: ${d.message}`).join('\n')}`);
    this.name = 'ConfigProblemError';
  }
}

/** Draft base name without `.flink.sql` / `.sql`. */
export function draftBaseName(draftPath: string): string {
  return path.basename(draftPath).replace(/\.flink\.sql$/i, '').replace(/\.sql$/i, '');
}

/**
 * Reads `<draft>` and `<name>.deployment.yaml` beside it. No config: a session deployment with the defaults.
 * `target` overrides the config's target (`k8s` resolves as per-job: a Kubernetes deployment is one).
 */
export function readPublishSource(draftPath: string, target?: PublishTarget): PublishSource {
  // A JAR draft is its deployment config (no script): the job is the project or jar it names. A PYTHON draft is its
  // config too, found from its script when that is what was given.
  const python = /\.py$/i.test(draftPath);
  const jar = isConfigPath(draftPath) ? readJarDraft(draftPath) : python ? findJarDraft(draftPath) : undefined;
  if (python && !jar) throw new Error(`${draftPath} is not the script of a PYTHON draft: no *.deployment.yaml beside it names it in python.file.`);
  if (jar) {
    const configYaml = fs.readFileSync(jar.configPath, 'utf8');
    const parsed = parseDeployment(configYaml, { file: jar.configPath, exists: (p) => fs.existsSync(p) });
    return { ...fromConfig(jar.configPath, '', configYaml, jar.config, presentPaths(parsed.document), target), jar };
  }
  const sql = fs.readFileSync(draftPath, 'utf8');
  const configPath = deploymentPathOf(draftPath);
  let configYaml: string;
  let config: DeploymentConfig;
  let present: Set<string>;
  if (fs.existsSync(configPath)) {
    configYaml = fs.readFileSync(configPath, 'utf8');
    const parsed = parseDeployment(configYaml, { file: configPath, exists: (p) => fs.existsSync(p) });
    const errors = parsed.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
    if (!parsed.config || errors.length) throw new ConfigProblemError(configPath, parsed.diagnostics);
    config = parsed.config;
    present = presentPaths(parsed.document);
  } else {
    const name = draftBaseName(draftPath);
    configYaml = renderDeploymentTemplate({ name, type: 'SQL', target: 'session' });
    config = deploymentSchema.parse({ name, type: 'SQL', target: 'session' });
    present = new Set(['name', 'type', 'target']);
  }
  return fromConfig(draftPath, sql, configYaml, config, present, target);
}

/** A stored version's SQL (or jar) and config YAML, resolved again (the model may have gained keys since). */
export function storedSource(draftPath: string, sql: string, configYaml: string, target: PublishTarget, storedJar?: string): PublishSource {
  const parsed = parseDeployment(configYaml);
  if (!parsed.config) throw new ConfigProblemError(`${draftPath} (stored config)`, parsed.diagnostics);
  const source = fromConfig(draftPath, sql, configYaml, parsed.config, presentPaths(parsed.document), target);
  if (parsed.config.type === 'PYTHON' && parsed.config.python) {
    // The version's stored script runs again (rolled back or restarted), not the draft's file as it is now.
    if (!storedJar || !fs.existsSync(storedJar)) throw new Error(`The stored version of ${draftPath} has no Python script to run again.`);
    const { args } = parsed.config.python;
    return { ...source, jar: { name: parsed.config.name, configPath: draftPath, config: parsed.config, python: { file: storedJar }, run: { args, parallelism: parsed.config.parallelism } } };
  }
  if (parsed.config.type !== 'JAR' || !parsed.config.jar) return source;
  if (!storedJar || !fs.existsSync(storedJar)) throw new Error(`The stored version of ${draftPath} has no job.jar to run again.`);
  const { entryClass, args } = parsed.config.jar;
  return { ...source, jar: { name: parsed.config.name, configPath: draftPath, config: parsed.config, jarFile: storedJar, run: { entryClass, args, parallelism: parsed.config.parallelism } } };
}

function fromConfig(draftPath: string, sql: string, configYaml: string, config: DeploymentConfig, present: Set<string>, target?: PublishTarget): PublishSource {
  const chosen: PublishTarget = target ?? config.target;
  const modelTarget = chosen === 'session' ? 'session' : 'per-job';
  const effective = { ...config, target: modelTarget } as DeploymentConfig;
  return { name: config.name, draftPath, sql, configYaml, config: effective, resolved: resolveConfig(effective, present), target: chosen };
}
