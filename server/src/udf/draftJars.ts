// The jar files a SQL draft's deployment config depends on (its `dependencies`), resolved as Publish resolves them:
// what Validate, Execute and Preview add to their gateway session, so a draft's UDFs resolve there too.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveDependencies } from '../deploy/dependencies';
import { deploymentPathOf, parseDeployment } from '../deployment';
import type { SessionSetup } from '../flink/execute';
import type { GatewayTarget } from '../flink/gatewayClient';
import { isFlinkVersion } from '../parser';
import { ensurePyFlink } from '../python/pyflinkEnv';
import { MAX_DEPLOYMENT_BYTES, readErrorReason, readTextFileSync } from '../util/boundedRead';
import { missingModuleMessage, pythonUdfConfig, pythonUdfFiles } from './pythonUdfSession';

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

/**
 * What the session of the draft at `draftPath` (text `script`) gets before its statements: the jar dependencies,
 * and for LANGUAGE PYTHON functions their modules (python.files) and, on the local cluster, the provisioned PyFlink
 * interpreter (installed first, with consent). A remote gateway reads the files where it runs and uses its own
 * interpreter. Failures are DependencyErrors saying what to fix.
 */
export async function draftSession(draftPath: string, script: string, target: Pick<GatewayTarget, 'localCluster'>, flinkVersion?: string): Promise<Required<SessionSetup>> {
  const jars = await draftJars(draftPath);
  return { jars, config: (await pythonSession(draftPath, script, target, flinkVersion)).config };
}

/** The Python half of draftSession: the session keys, and the module files shipped (for a version's record). */
export async function pythonSession(draftPath: string, script: string, target: Pick<GatewayTarget, 'localCluster'>, flinkVersion?: string): Promise<{ config: Record<string, string>; files: string[] }> {
  const py = pythonUdfFiles(script, path.dirname(path.resolve(draftPath)), isFlinkVersion(flinkVersion) ? flinkVersion : undefined);
  if (!py.functions.length) return { config: {}, files: [] };
  if (py.missing.length) throw new DependencyError(missingModuleMessage(py.missing[0]));
  if (!target.localCluster) return { config: pythonUdfConfig(py.files), files: py.files };
  const pyflink = await ensurePyFlink(target.localCluster.flinkVersion);
  if (!target.localCluster.python) {
    throw new DependencyError(`The draft's Python function ${py.functions[0].name} runs in the local SQL Gateway once Flink's Python jar is on its classpath, `
      + 'and the running local cluster was started before PyFlink was installed: restart it once (Flink: Stop Local Cluster, then run the draft again; '
      + 'or flink-sql local stop, then local start).');
  }
  return { config: pythonUdfConfig(py.files, pyflink.python), files: py.files };
}

/** draftSession of the draft at `uri` (a file URI; others get nothing), failures as DependencyError. */
export async function sessionOf(uri: string, script: string, target: Pick<GatewayTarget, 'localCluster'>, flinkVersion?: string): Promise<Required<SessionSetup>> {
  return uri.startsWith('file:') ? draftSession(fileURLToPath(uri), script, target, flinkVersion) : { jars: [], config: {} };
}
