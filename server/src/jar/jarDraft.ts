// A JAR draft: its deployment config names a Maven project (built first) or a built jar, the entry class and the
// main's arguments. Validate asks the JobManager for the job graph the main builds without running it
// (/jars/:jarid/plan); Execute runs it on the session cluster (/jars/:jarid/run). A main that throws is reported
// with its first frame in the project's sources. A PYTHON draft takes the same path with Flink's Python driver as
// its jar (python/pythonDraft.ts): its artifact is the script, its failures a traceback on the script's line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HttpStatusError } from '../flink/http';
import { JobManagerError, type JobManagerClient, type JarRunOptions } from '../flink/restClient';
import { CONFIG_SUFFIX, parseDeployment, resolveConfig, type DeploymentConfig } from '../deployment';
import { MAX_DEPLOYMENT_BYTES, readTextFileSync } from '../util/boundedRead';
import { jobManagerErrorText, parsePythonFailure, pythonSubmission } from '../python/pythonDraft';
import { buildProject, type BuildOptions } from './mavenBuild';

export interface JarDraft {
  name: string;
  configPath: string;
  config: DeploymentConfig;
  /** Absolute: the Maven project, or the built jar (one of them). */
  projectDir?: string;
  jarFile?: string;
  /** A PYTHON draft: its script (absolute); `run` holds the script's own arguments. */
  python?: { file: string };
  run: JarRunOptions;
}

export class JarDraftError extends Error {
  constructor(message: string, readonly location?: { file: string; line: number }) {
    super(message);
    this.name = 'JarDraftError';
  }
}

export function isConfigPath(file: string): boolean {
  return file.toLowerCase().endsWith(CONFIG_SUFFIX);
}

/** The JAR or PYTHON draft a deployment config describes; undefined when the config is a SQL draft's. */
export function readJarDraft(configPath: string): JarDraft | undefined {
  const text = readTextFileSync(configPath, { maxBytes: MAX_DEPLOYMENT_BYTES });
  const parsed = parseDeployment(text, { file: configPath });
  const config = parsed.config;
  if (!config) {
    const first = parsed.diagnostics.find((d) => d.severity === 1);
    throw new JarDraftError(`${configPath}:${(first?.range.start.line ?? 0) + 1}: ${first?.message ?? 'not a valid deployment config'}`, { file: configPath, line: (first?.range.start.line ?? 0) + 1 });
  }
  const dir = path.dirname(path.resolve(configPath));
  const resolved = resolveConfig(config);
  if (config.type === 'PYTHON' && config.python) {
    return { name: config.name, configPath, config, python: { file: path.resolve(dir, config.python.file) },
      run: { args: config.python.args, parallelism: config.parallelism, flinkConfiguration: resolved.flinkConfiguration } };
  }
  if (config.type !== 'JAR' || !config.jar) return undefined;
  return {
    name: config.name,
    configPath,
    config,
    ...(config.jar.project && { projectDir: path.resolve(dir, config.jar.project) }),
    ...(config.jar.file && { jarFile: path.resolve(dir, config.jar.file) }),
    run: { entryClass: config.jar.entryClass, args: config.jar.args, parallelism: config.parallelism, flinkConfiguration: resolved.flinkConfiguration },
  };
}

/** The jar to submit: the project built now, or the given jar; a PYTHON draft's script (what a version stores). */
export async function jarArtifact(d: JarDraft, o: BuildOptions = {}): Promise<{ jar: string; buildMs?: number }> {
  if (d.python) {
    if (!fs.statSync(d.python.file, { throwIfNoEntry: false })?.isFile()) throw new JarDraftError(`${d.python.file}: no such Python script (python.file in ${d.configPath}).`, { file: d.configPath, line: 1 });
    return { jar: d.python.file };
  }
  if (d.projectDir) {
    const b = await buildProject(d.projectDir, o);
    return { jar: b.jar, buildMs: b.elapsedMs };
  }
  if (!d.jarFile || !fs.statSync(d.jarFile, { throwIfNoEntry: false })?.isFile()) throw new JarDraftError(`${d.jarFile}: no such jar (jar.file in ${d.configPath}).`);
  return { jar: d.jarFile };
}

export interface JarPlan {
  jobName?: string;
  type?: string;
  operators: Array<{ id: string; description: string; parallelism?: number }>;
  buildMs?: number;
  planMs: number;
}

/** Validate: build, upload, plan (the main runs on the JobManager up to execute(), no job starts), delete the upload. */
export async function planJarDraft(d: JarDraft, jm: JobManagerClient, o: BuildOptions = {}): Promise<JarPlan> {
  const { jar, buildMs } = await jarArtifact(d, o);
  return { ...(await planJar(d, jm, jar)), buildMs };
}

/** The plan of a built jar (see planJarDraft). */
export async function planJar(d: DraftJob, jm: JobManagerClient, jar: string): Promise<JarPlan> {
  const t0 = performance.now();
  const sub = await submission(d, jar);
  const jarId = await jm.uploadJar(sub.jar);
  try {
    const plan = await jm.jarPlan(jarId, sub.run).catch((e: unknown) => { throw mainError(e, d, jar); });
    return {
      jobName: plan.name, type: plan.type, planMs: Math.round(performance.now() - t0),
      // Flink lists the graph's nodes from the sinks back: sources first reads as the job flows.
      operators: [...plan.nodes].reverse().map((n) => ({ id: n.id, parallelism: n.parallelism, description: (n.description ?? '').replace(/<br\/>/g, '\n').replace(/<[^>]*>/g, '').trim() })),
    };
  } finally {
    await jm.deleteJar(jarId).catch(() => undefined);
  }
}

/** Execute: build, upload, run on the session cluster; returns the job id. */
export async function runJarDraft(d: JarDraft, jm: JobManagerClient, o: BuildOptions = {}): Promise<{ jobId: string; jar: string; buildMs?: number }> {
  const { jar, buildMs } = await jarArtifact(d, o);
  return { jobId: await runJar(d, jm, jar), jar, buildMs };
}

/** Runs a built jar's main on the session cluster (the upload is deleted after: the job has its own copy). */
export async function runJar(d: DraftJob, jm: JobManagerClient, jar: string,
  o: { savepointPath?: string; allowNonRestoredState?: boolean; flinkConfiguration?: Record<string, string> } = {}): Promise<string> {
  const sub = await submission({ ...d, run: { ...d.run, ...(o.flinkConfiguration && { flinkConfiguration: o.flinkConfiguration }) } }, jar);
  const jarId = await jm.uploadJar(sub.jar);
  try {
    return await jm.runJar(jarId, { ...sub.run, savepointPath: o.savepointPath, allowNonRestoredState: o.allowNonRestoredState }).catch((e: unknown) => { throw mainError(e, d, jar); });
  } finally {
    await jm.deleteJar(jarId).catch(() => undefined);
  }
}

/** What planJar / runJar need of a draft. */
export type DraftJob = Pick<JarDraft, 'projectDir' | 'python' | 'run'> & { config?: Pick<DeploymentConfig, 'flinkVersion'> };

/** What is uploaded and how it runs: the jar as it is, or (PYTHON) the driver jar running `artifact`, the script. */
async function submission(d: DraftJob, artifact: string): Promise<{ jar: string; run: JarRunOptions }> {
  if (!d.python) return { jar: artifact, run: d.run };
  return pythonSubmission(d.config?.flinkVersion ?? '2.3', artifact, d.run);
}

/** Whether a restore may drop state no operator claims (jar.allowNonRestoredState / python.allowNonRestoredState). */
export function allowsNonRestoredState(d: Pick<JarDraft, 'config'>): boolean {
  return !!(d.config.jar?.allowNonRestoredState ?? d.config.python?.allowNonRestoredState);
}

/**
 * The JobManager's answer to a main that failed: the cause chain's last "Caused by" (or the first line), and the
 * first stack frame in the project's own sources as the location.
 */
export function mainError(e: unknown, d: DraftJob, artifact?: string): Error {
  if (d.python) {
    const text = jobManagerErrorText(e);
    const failure = text !== undefined ? parsePythonFailure(text, artifact ?? d.python.file) : undefined;
    if (failure) return new JarDraftError(`The Python script failed: ${failure.message}`, { file: d.python.file, line: failure.line ?? 1 });
  }
  const body = e instanceof JobManagerError && e.cause instanceof HttpStatusError ? e.cause.body : undefined;
  if (!body) return e instanceof Error ? e : new Error(String(e));
  let trace = body;
  try {
    const errors = (JSON.parse(body) as { errors?: string[] }).errors ?? [];
    trace = errors.find((x) => x.includes('Exception')) ?? errors.join('\n');
  } catch { /* not JSON: the body as it is */ }
  const lines = trace.split('\n').map((l) => l.trim());
  const causes = lines.filter((l) => /^Caused by: /.test(l)).map((l) => l.replace(/^Caused by: /, ''));
  const head = lines.find((l) => /Exception|Error/.test(l) && !l.startsWith('at ')) ?? lines[0];
  const cause = causes[causes.length - 1] ?? head.replace(/^<Exception on server side:\s*/, '');
  const message = cause.replace(/^org\.apache\.flink\.client\.program\.ProgramInvocationException: /, '');
  return new JarDraftError(`The job's main failed: ${message}`, userFrame(lines, d));
}

/** `at com.example.orders.OrdersJob.main(OrdersJob.java:23)` → the project's file and line. */
function userFrame(lines: readonly string[], d: DraftJob): { file: string; line: number } | undefined {
  if (!d.projectDir) return undefined;
  for (const l of lines) {
    const m = /^at ((?:[\w$]+\.)*)([\w$]+)\.[\w$<>]+\(([\w$]+\.java):(\d+)\)$/.exec(l);
    if (!m || /^(java|javax|jdk|sun|org\.apache\.flink)\./.test(m[1])) continue;
    const file = path.join(d.projectDir, 'src', 'main', 'java', ...m[1].split('.').filter(Boolean), m[3]);
    if (fs.existsSync(file)) return { file, line: Number(m[4]) };
  }
  return undefined;
}
