// The jar files a SQL draft's deployment config depends on (its `dependencies`), resolved as Publish resolves them:
// what Validate, Execute and Preview add to their gateway session, so a draft's UDFs resolve there too.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveDependencies } from '../deploy/dependencies';
import { deploymentPathOf, parseDeployment } from '../deployment';
import { MAX_DEPLOYMENT_BYTES, readErrorReason, readTextFileSync } from '../util/boundedRead';

/**
 * The `dependencies` of a deployment config, read as Publish reads them (bounded, parsed and validated by the
 * deployment model). No config: none. A config that does not validate: none, and `error` says where it is broken.
 */
export function configDependencies(configPath: string): { dependencies: string[]; error?: string } {
  let text: string;
  try {
    text = readTextFileSync(configPath, { maxBytes: MAX_DEPLOYMENT_BYTES });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? { dependencies: [] } : { dependencies: [], error: `cannot read ${configPath}: ${readErrorReason(e)}` };
  }
  const parsed = parseDeployment(text, { file: configPath });
  if (parsed.config) return { dependencies: parsed.config.dependencies };
  const first = parsed.diagnostics.find((d) => d.severity === 1);
  return { dependencies: [], error: `${configPath}:${(first?.range.start.line ?? 0) + 1}: ${first?.message ?? 'not a valid deployment config'}` };
}

/** The `dependencies` of the config beside `draftPath` (see configDependencies). */
export function draftDependencies(draftPath: string): { configPath: string; dependencies: string[]; error?: string } {
  const configPath = deploymentPathOf(draftPath);
  return { configPath, ...configDependencies(configPath) };
}

/** Absolute jar paths, in the config's order; a missing jar is a DependencyError naming it (resolveDependencies). */
export async function draftJars(draftPath: string, onProgress?: (m: string) => void): Promise<string[]> {
  const { configPath, dependencies, error } = draftDependencies(draftPath);
  // Running without the jars the draft names would fail later, on a function or connector, for a reason not shown.
  if (error) throw new DependencyError(`The deployment config is broken, so its dependencies cannot be shipped: ${error}`);
  if (!dependencies.length) return [];
  try {
    const resolved = await resolveDependencies(dependencies, path.dirname(configPath), onProgress);
    return resolved.map((d) => d.path);
  } catch (err) {
    throw new DependencyError((err as Error).message);
  }
}

/** A dependency that cannot be shipped (a missing jar, a Maven artifact that does not resolve): the user fixes the config. */
export class DependencyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DependencyError';
  }
}

/** The jar dependencies of the draft at `uri` (a file URI; others have none), failures as DependencyError. */
export async function jarsOf(uri: string): Promise<string[]> {
  return uri.startsWith('file:') ? draftJars(fileURLToPath(uri)) : [];
}
