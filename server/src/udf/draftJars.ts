// The jar files a SQL draft's deployment config depends on (its `dependencies`), resolved as Publish resolves them:
// what Validate, Execute and Preview add to their gateway session, so a draft's UDFs resolve there too.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSeq, parseDocument } from 'yaml';
import { resolveDependencies } from '../deploy/dependencies';
import { deploymentPathOf } from '../deployment';

/** The raw `dependencies` list of the config beside `draftPath` ([] without a readable config: nothing to ship). */
export function draftDependencies(draftPath: string): { configPath: string; dependencies: string[] } {
  const configPath = deploymentPathOf(draftPath);
  let text: string;
  try {
    text = fs.readFileSync(configPath, 'utf8');
  } catch {
    return { configPath, dependencies: [] };
  }
  const doc = parseDocument(text);
  const node = doc.errors.length ? undefined : doc.get('dependencies');
  const dependencies = isSeq(node) ? node.items.map((i) => String((i as { value?: unknown })?.value ?? i)) : [];
  return { configPath, dependencies };
}

/** Absolute jar paths, in the config's order; a missing jar is a DependencyError naming it (resolveDependencies). */
export async function draftJars(draftPath: string, onProgress?: (m: string) => void): Promise<string[]> {
  const { configPath, dependencies } = draftDependencies(draftPath);
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
