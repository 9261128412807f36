// What a draft is on disk, without the `vscode` API: `<name>.flink.sql` (or `<name>.sql`) plus the
// deployment config `<name>.deployment.yaml` beside it, or, for a JAR draft, the config alone (it names the
// Maven project beside it). Name rules here; the config itself is the engine's model (server/src/deployment),
// wrapped thinly for the Drafts view and New Draft.
import * as path from 'node:path';
import {
  CONFIG_SUFFIX, DEPLOYMENT_TARGETS, DRAFT_SUFFIX, DRAFT_TYPES, parseDeployment, renderDeploymentTemplate,
  type DeploymentConfig, type TemplateArgs,
} from '../../../server/src/deployment';

export { CONFIG_SUFFIX, DEPLOYMENT_TARGETS, DRAFT_SUFFIX, DRAFT_TYPES, type DeploymentConfig };
export type DraftType = (typeof DRAFT_TYPES)[number];
export type DeploymentTarget = (typeof DEPLOYMENT_TARGETS)[number];

export type ConfigResult = { ok: true; config: DeploymentConfig } | { ok: false; error: string };

/** `orders.flink.sql` -> `orders`; `orders.sql` -> `orders`; anything else -> undefined. */
export function draftNameOf(fileName: string): string | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(DRAFT_SUFFIX)) return fileName.slice(0, -DRAFT_SUFFIX.length) || undefined;
  if (lower.endsWith('.sql')) return fileName.slice(0, -'.sql'.length) || undefined;
  return undefined;
}

/** The deployment config's file name for a draft file name (same folder). */
export function configFileNameOf(draftFileName: string): string {
  return `${draftNameOf(draftFileName) ?? draftFileName}${CONFIG_SUFFIX}`;
}

const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;
export const MAX_NAME_LENGTH = 64;

/**
 * Why a name cannot be used, or undefined when it can. Names become file names and Flink job names,
 * so they are kept to letters, digits, `_` and `-`, and compared case-insensitively (file systems
 * that ignore case would otherwise let two drafts collide).
 */
export function checkDraftName(name: string, existing: Iterable<string>): string | undefined {
  const n = name.trim();
  if (!n) return 'Enter a name for the draft.';
  if (n.length > MAX_NAME_LENGTH) return `A draft name has at most ${MAX_NAME_LENGTH} characters.`;
  if (!NAME_PATTERN.test(n)) return 'Use letters, digits, "_" and "-" only, starting with a letter.';
  const lower = n.toLowerCase();
  for (const e of existing) {
    if (e.toLowerCase() === lower) return `A draft named "${e}" already exists in this workspace; choose another name.`;
  }
  return undefined;
}

/** The config, or its first error as `line N: message` (warnings do not make a config broken). */
export function parseDeploymentConfig(text: string): ConfigResult {
  const parsed = parseDeployment(text);
  if (parsed.config) return { ok: true, config: parsed.config };
  const first = parsed.diagnostics.find((d) => d.severity === 1) ?? parsed.diagnostics[0];
  return { ok: false, error: first ? `line ${first.range.start.line + 1}: ${first.message}` : 'invalid deployment config' };
}

/** The full, commented config New Draft writes. */
export function renderDeploymentConfig(args: TemplateArgs): string {
  return renderDeploymentTemplate(args);
}

/**
 * A deployment config that is a draft by itself: a JAR or PYTHON draft's (`type: JAR` / `type: PYTHON`, no SQL
 * script beside it; the caller checks that). A broken config counts when its text still says so, so the view shows
 * it with its error.
 */
export function jarDraftOfConfig(fileName: string, text: string): { name: string; config: ConfigResult } | undefined {
  if (!fileName.toLowerCase().endsWith(CONFIG_SUFFIX)) return undefined;
  const name = fileName.slice(0, -CONFIG_SUFFIX.length);
  if (!name) return undefined;
  const config = parseDeploymentConfig(text);
  const jar = config.ok ? config.config.type === 'JAR' || config.config.type === 'PYTHON' : /^type:\s*["']?(JAR|PYTHON)["']?\s*(#.*)?$/m.test(text);
  return jar ? { name, config } : undefined;
}

/** Of a new draft's files (relative paths), the one to open: the JAR draft's main class or the PYTHON draft's script, else the SQL script, else the config. */
export function draftMainFile(files: readonly string[]): string {
  return files.find((f) => f.endsWith('.java')) ?? files.find((f) => f.endsWith('.py')) ?? files.find((f) => f.toLowerCase().endsWith(DRAFT_SUFFIX)) ?? files.find((f) => f.endsWith(CONFIG_SUFFIX)) ?? files[0]!;
}

/** A JAR or PYTHON draft as far as its files go: the config's absolute path and what it parsed to. */
export interface JobDraftFiles { configPath: string; config?: ConfigResult }

/**
 * True when `file` (absolute) is a JAR / PYTHON draft's config, its script or built jar, or lies inside its Maven
 * project folder: the files on which the editor title offers Validate, Execute and Publish.
 */
export function isJobDraftFile(file: string, drafts: readonly JobDraftFiles[]): boolean {
  const target = path.resolve(file);
  return drafts.some((d) => {
    const dir = path.dirname(d.configPath);
    const c = d.config?.ok ? d.config.config : undefined;
    const files = [d.configPath, c?.python?.file, c?.jar?.file].filter((f): f is string => !!f).map((f) => path.resolve(dir, f));
    const project = c?.jar?.project ? path.resolve(dir, c.jar.project) : undefined;
    return files.includes(target) || (!!project && target.startsWith(project + path.sep));
  });
}
