// Runs the UDF inspector shipped in the package (out/udf-inspector.jar) on a user's jar with the draft's Flink
// distribution on the classpath, and caches its answer per jar SHA-256 and Flink release in the per-user cache.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readyFlink } from '../flink/ensureFlink';
import { classpathFor, flinkCacheRoot, resolveFlinkVersion, sha256File, type FlinkDist } from '../flink/provision';
import { runJavaJson, shippedJar } from '../flink/javaHelper';
import { writeFileSafe } from '../util/safeFs';
import type { ArtifactUdfs, UdfInfo, UdfKind } from './types';

/** Bumped when the inspector's output changes meaning, so older cache entries are not read. */
const CACHE_FORMAT = 2;
const TIMEOUT_MS = 120_000;

/**
 * The inspector jar shipped beside the bundles (built from tools/udf-inspector by scripts/build-runner.js); nothing is
 * built at the user's. $FLINK_SQL_UDF_INSPECTOR_JAR overrides it (tests that run the engine from its sources).
 */
export function inspectorJar(env: NodeJS.ProcessEnv = process.env, bundleDir = __dirname): string {
  return shippedJar('udf-inspector', 'the UDF inspector', env.FLINK_SQL_UDF_INSPECTOR_JAR, bundleDir);
}

export interface InspectOptions {
  cacheRoot?: string;
  /** The distribution to run with (default: the installed one of the version, never downloaded here). */
  dist?: FlinkDist;
  env?: NodeJS.ProcessEnv;
}

export interface InspectResult extends ArtifactUdfs {
  sha256: string;
  flinkVersion: string;
  /** Whether the answer came from the cache (no JVM started). */
  cached: boolean;
  elapsedMs: number;
}

/** Where the answer for a jar's content and a Flink release is kept. */
export function cacheFile(sha256: string, release: string, cacheRoot = flinkCacheRoot()): string {
  return path.join(cacheRoot, 'udf', `${sha256}-flink-${release}-v${CACHE_FORMAT}.json`);
}

/** The cached answer for this jar content, if any: no JVM, no distribution needed (what the language server reads). */
export function cachedUdfs(sha256: string, flinkVersion: string, cacheRoot = flinkCacheRoot()): ArtifactUdfs | undefined {
  try {
    return JSON.parse(fs.readFileSync(cacheFile(sha256, resolveFlinkVersion(flinkVersion), cacheRoot), 'utf8')) as ArtifactUdfs;
  } catch {
    return undefined;
  }
}

const inFlight = new Map<string, Promise<InspectResult>>();

/** The user-defined functions of `jar` as Flink `flinkVersion` sees them: from the cache, else by running the inspector. */
export async function inspectJar(jar: string, flinkVersion: string, o: InspectOptions = {}): Promise<InspectResult> {
  const started = performance.now();
  const release = resolveFlinkVersion(flinkVersion);
  const cacheRoot = o.cacheRoot ?? flinkCacheRoot(o.env);
  const abs = path.resolve(jar);
  const sha256 = await sha256File(abs);
  const file = cacheFile(sha256, release, cacheRoot);
  const hit = cachedUdfs(sha256, release, cacheRoot);
  if (hit) return { ...hit, artifact: abs, sha256, flinkVersion: release, cached: true, elapsedMs: Math.round(performance.now() - started) };
  const key = `${file}|${abs}`;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = (async () => {
      const dist = o.dist ?? (await readyFlink(release, [], cacheRoot)).dist;
      const found = await runInspector(abs, dist, o.env ?? process.env);
      // Written whole, then renamed: a reader never sees half an answer.
      writeFileSafe(cacheRoot, file, `${JSON.stringify(found, null, 1)}\n`);
      return { ...found, sha256, flinkVersion: release, cached: false, elapsedMs: Math.round(performance.now() - started) };
    })().finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

interface InspectorOutput {
  functions: Array<{ class: string; kind: UdfKind; inference: 'flink' | 'reflection'; note?: string; minArgs?: number; maxArgs?: number; signatures: UdfInfo['signatures'] }>;
  failed: Array<{ class: string; kind: UdfKind; error: string }>;
}

/** One JVM: the distribution's lib/, the inspector and the user's jar, which is also its argument. */
async function runInspector(jar: string, dist: FlinkDist, env: NodeJS.ProcessEnv): Promise<ArtifactUdfs> {
  const out = await runJavaJson<InspectorOutput>({
    classpath: [classpathFor(dist, 'jobmanager'), inspectorJar(env), jar], mainClass: 'dev.flinksql.udf.UdfInspector', args: [jar],
    what: 'The UDF inspector', on: jar, env, timeoutMs: TIMEOUT_MS,
  });
  return fromOutput(jar, out);
}

function fromOutput(jar: string, o: InspectorOutput): ArtifactUdfs {
  return {
    artifact: jar,
    functions: o.functions.map((f) => ({
      className: f.class, kind: f.kind, language: 'java', signatures: f.signatures, inference: f.inference,
      ...(f.minArgs !== undefined ? { minArgs: f.minArgs } : {}), ...(f.maxArgs !== undefined ? { maxArgs: f.maxArgs } : {}),
      ...(f.note ? { note: f.note } : {}),
    })),
    failed: o.failed.map((f) => ({ className: f.class, kind: f.kind, error: f.error })),
  };
}
