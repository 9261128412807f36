// What a draft is on disk, without the `vscode` API: `<name>.flink.sql` (or `<name>.sql`) plus the
// deployment config `<name>.deployment.yaml` beside it. Name rules, config parsing and rendering.
// The full deployment format is defined later; this reads the minimal fields and tolerates extra ones.
import { parse, stringify } from 'yaml';
import * as z from 'zod/mini';

export const DRAFT_TYPES = ['SQL', 'JAR', 'PYTHON'] as const;
export type DraftType = (typeof DRAFT_TYPES)[number];

export const DEPLOYMENT_TARGETS = ['per-job', 'session'] as const;
export type DeploymentTarget = (typeof DEPLOYMENT_TARGETS)[number];

export const DRAFT_SUFFIX = '.flink.sql';
export const CONFIG_SUFFIX = '.deployment.yaml';

const deploymentConfigSchema = z.looseObject({
  name: z.string().check(z.minLength(1)),
  type: z.enum(DRAFT_TYPES),
  target: z.enum(DEPLOYMENT_TARGETS),
});
export type DeploymentConfig = z.infer<typeof deploymentConfigSchema>;

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

export function parseDeploymentConfig(text: string): ConfigResult {
  let data: unknown;
  try {
    data = parse(text, { prettyErrors: true });
  } catch (err) {
    return { ok: false, error: `not valid YAML: ${err instanceof Error ? err.message.split('\n')[0]!.replace(/:\s*$/, '') : String(err)}` };
  }
  const result = deploymentConfigSchema.safeParse(data);
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, error: describeIssue(result.error.issues[0]) };
}

/** zod/mini carries no message texts, so the user-facing wording is made here from the issue. */
function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue || issue.path.length === 0) return 'expected a YAML mapping with name, type and target';
  const field = issue.path.join('.');
  switch (issue.code) {
    case 'invalid_value':
      return `${field} must be one of ${issue.values.map(String).join(', ')}`;
    case 'too_small':
      return `${field} must not be empty`;
    case 'invalid_type':
      return `${field} is missing or not a ${issue.expected}`;
    default:
      return `${field} is invalid`;
  }
}

export function renderDeploymentConfig(config: DeploymentConfig): string {
  return `# Deployment config of the draft "${config.name}" (read by Flink SQL Studio).\n${stringify(config)}`;
}
