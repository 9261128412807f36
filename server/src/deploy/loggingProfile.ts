// A per-job deployment's `logging.profile`: the log4j2 template it names is copied into the cluster's conf/, the
// Kubernetes ConfigMap and the version's record, so only a regular file of the workspace under a size cap is read
// (the review copied ~/.aws/credentials that way).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MB, readErrorReason, readTextFileSync } from '../util/boundedRead';
import { isInside } from '../util/safeFs';

/** A log4j2 properties template is a few KB; anything near this is not one. */
export const MAX_PROFILE_BYTES = 1 * MB;

/**
 * The profile's text. `profile` is relative to the deployment config's folder; its real path (symlinks resolved)
 * must lie inside `workspaceDir`. Throws an Error that says which rule the path broke.
 */
export function readLoggingProfile(profile: string, configDir: string, workspaceDir: string): string {
  const file = path.resolve(configDir, profile);
  let real: string;
  let root: string;
  try {
    real = fs.realpathSync(file);
    root = fs.realpathSync(workspaceDir);
  } catch (err) {
    throw new Error(`logging.profile "${profile}": cannot read ${file}: ${readErrorReason(err)}`);
  }
  if (real === root || !isInside(root, real)) {
    throw new Error(`logging.profile "${profile}" is ${real}, outside the workspace ${root}: a logging profile must be a file of the workspace`);
  }
  try {
    return readTextFileSync(real, { maxBytes: MAX_PROFILE_BYTES });
  } catch (err) {
    throw new Error(`logging.profile "${profile}": cannot read ${file}: ${readErrorReason(err)}`);
  }
}

/**
 * Why the engine would refuse `profile` (readLoggingProfile's rules, by running them), or undefined when it would read
 * it: for the deployment config's diagnostics, so the editor says before a publish what the publish would say.
 */
export function loggingProfileProblem(profile: string, configDir: string, workspaceDir: string): string | undefined {
  if (profile === 'default') return undefined;
  try {
    readLoggingProfile(profile, configDir, workspaceDir);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** The workspace a folder under its `.flink/` belongs to (a per-job cluster's folder), if the path says. */
export function workspaceOfStateDir(dir: string): string | undefined {
  const parts = path.resolve(dir).split(path.sep);
  const i = parts.lastIndexOf('.flink');
  return i > 0 ? parts.slice(0, i).join(path.sep) || path.sep : undefined;
}
