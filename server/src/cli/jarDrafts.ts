// `flink-sql validate` and `execute` on a JAR draft (its `<name>.deployment.yaml`): build the Maven project, then
// ask the JobManager for the job's plan (validate) or run it on the session cluster and show what its TaskManagers
// print (execute). Build errors and a failing main land on the Java file and line, as lint's diagnostics do.
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { JobManagerClient, JobManagerError } from '../flink/restClient';
import { findJarDraft } from '../jar/findJarDraft';
import { JarDraftError, planJarDraft, readJarDraft, runJarDraft, type JarDraft } from '../jar/jarDraft';
import { PythonInterpreterError } from '../python/pyflinkEnv';
import { MavenBuildError } from '../jar/mavenBuild';
import type { CliIo } from './command';
import type { LintResult } from './commands/lint';
import { resolveGatewayTarget } from './gatewayTarget';

/** The JAR or PYTHON draft a positional names (its deployment config, or a PYTHON draft's script); undefined for anything else (a SQL draft); 'error' told. */
export function jarDraftOf(file: string, io: CliIo): JarDraft | undefined | 'error' {
  const lower = file.toLowerCase();
  if (!lower.endsWith('.deployment.yaml') && !lower.endsWith('.py')) return undefined;
  try {
    if (lower.endsWith('.py')) return findJarDraft(file) ?? notADraft(file, io);
    return readJarDraft(file);
  } catch (e) {
    io.stderr(`flink-sql: ${e instanceof Error ? e.message : String(e)}\n`);
    return 'error';
  }
}

function notADraft(file: string, io: CliIo): 'error' {
  io.stderr(`flink-sql: ${file} is not the script of a PYTHON draft: no *.deployment.yaml beside it names it (python: { file: ${path.basename(file)} }); flink-sql new <name> --type python creates one.\n`);
  return 'error';
}

/** The JobManager a JAR draft talks to: $FLINK_SQL_REST with --gateway, else the local cluster of its version. */
export async function jarJobManager(d: JarDraft, gateway: string | undefined): Promise<JobManagerClient | { error: string }> {
  const target = await resolveGatewayTarget(gateway, process.cwd(), process.env, d.config.flinkVersion);
  if ('error' in target) return target;
  if (!target.restUrl) return { error: 'a JAR draft runs through the JobManager\'s REST API: set FLINK_SQL_REST to its URL (or use the local cluster)' };
  return new JobManagerClient(target.restUrl, { timeoutMs: 30_000, retries: 1, allowInsecureAuth: target.allowInsecureAuth });
}

/** A failure as lint's diagnostics: on the Java file Maven or the stack trace names, else on the config. */
export function jarFailure(d: JarDraft, e: unknown): LintResult[] | undefined {
  const diag = (line: number, column: number, message: string): Diagnostic => ({
    range: { start: { line: Math.max(0, line - 1), character: Math.max(0, column - 1) }, end: { line: Math.max(0, line - 1), character: Math.max(0, column - 1) } },
    severity: DiagnosticSeverity.Error, source: 'flink', message,
  });
  if (e instanceof MavenBuildError) {
    if (!e.problems.length) return [{ file: d.configPath, diagnostics: [diag(1, 1, e.message)] }];
    const byFile = new Map<string, Diagnostic[]>();
    for (const p of e.problems) byFile.set(p.file, [...(byFile.get(p.file) ?? []), diag(p.line, p.column, p.message)]);
    return [...byFile].map(([file, diagnostics]) => ({ file: path.relative(process.cwd(), file) || file, diagnostics }));
  }
  if (e instanceof JarDraftError) {
    const at = e.location;
    return [{ file: at ? path.relative(process.cwd(), at.file) : d.configPath, diagnostics: [diag(at?.line ?? 1, 1, e.message)] }];
  }
  if (e instanceof JobManagerError || e instanceof PythonInterpreterError) return [{ file: d.configPath, diagnostics: [diag(1, 1, e.message)] }];
  return undefined;
}

/** Maven can take a while (minutes on a first build that downloads its plugins): say so before it starts. */
export function announceBuild(d: JarDraft, io: CliIo): void {
  if (d.projectDir) io.stderr(`Building ${d.projectDir} (mvn package)…\n`);
}

export async function validateJarDraft(d: JarDraft, jm: JobManagerClient): Promise<{ result: LintResult[]; summary: string }> {
  try {
    const plan = await planJarDraft(d, jm);
    const ops = plan.operators.map((o) => o.description.split('\n')[0]).join(' → ');
    const built = plan.buildMs !== undefined ? `built in ${plan.buildMs} ms, ` : '';
    return { result: [{ file: d.configPath, diagnostics: [] }], summary: `${d.configPath}: ${built}planned job "${plan.jobName}" (${plan.type}, ${plan.operators.length} task${plan.operators.length === 1 ? '' : 's'}: ${ops}) in ${plan.planMs} ms: no problems.` };
  } catch (e) {
    const result = jarFailure(d, e);
    if (!result) throw e;
    return { result, summary: `${d.configPath}: not valid.` };
  }
}

/** Runs the job; waits for RUNNING, shows what the TaskManagers print for `followMs`, leaves the job running. */
export async function executeJarDraft(d: JarDraft, jm: JobManagerClient, io: CliIo, o: { json: boolean; followMs: number }): Promise<number> {
  const before = await stdoutLengths(jm);
  announceBuild(d, io);
  let jobId: string;
  try {
    jobId = (await runJarDraft(d, jm)).jobId;
  } catch (e) {
    const result = jarFailure(d, e);
    if (!result) throw e;
    for (const r of result) for (const x of r.diagnostics) io.stderr(`${r.file}:${x.range.start.line + 1}: error: ${x.message}\n`);
    if (o.json) io.stdout(`${JSON.stringify({ error: result[0].diagnostics[0].message, file: result[0].file, line: result[0].diagnostics[0].range.start.line + 1 })}\n`);
    return 1;
  }
  let state = 'CREATED';
  for (let i = 0; i < 120 && !['RUNNING', 'FINISHED', 'FAILED', 'CANCELED'].includes(state); i++) {
    await new Promise((r) => setTimeout(r, 500));
    state = await jm.jobStatus(jobId).catch(() => state);
  }
  if (!o.json) io.stdout(`job ${jobId} ${state} on ${jm.baseUrl}\n`);
  const printed: string[] = [];
  const end = Date.now() + o.followMs;
  while (Date.now() < end && state === 'RUNNING') {
    await new Promise((r) => setTimeout(r, Math.min(1000, Math.max(0, end - Date.now()))));
    for (const line of await newStdout(jm, before)) {
      printed.push(line);
      if (!o.json) io.stdout(`  ${line}\n`);
    }
  }
  if (state === 'FAILED') {
    const ex = await jm.exceptions(jobId).catch(() => undefined);
    const root = ex?.exceptionHistory.entries[0]?.stacktrace.split('\n')[0];
    io.stderr(`flink-sql execute: job ${jobId} FAILED${root ? `: ${root}` : ''}\n`);
  }
  if (o.json) io.stdout(`${JSON.stringify({ jobId, state, printed })}\n`);
  else if (state === 'RUNNING') io.stdout(`job ${jobId} keeps running: flink-sql jobs cancel ${jobId} stops it.\n`);
  return state === 'FAILED' ? 1 : 0;
}

export async function stdoutLengths(jm: JobManagerClient): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const tm of await jm.taskManagers().catch(() => [])) out.set(tm.id, (await jm.taskManagerStdout(tm.id).catch(() => '')).length);
  return out;
}

/** Lines the TaskManagers printed since `seen` (updated). */
export async function newStdout(jm: JobManagerClient, seen: Map<string, number>): Promise<string[]> {
  const lines: string[] = [];
  for (const tm of await jm.taskManagers().catch(() => [])) {
    const text = await jm.taskManagerStdout(tm.id).catch(() => '');
    const from = seen.get(tm.id) ?? 0;
    if (text.length > from) lines.push(...text.slice(from).split('\n').filter(Boolean));
    seen.set(tm.id, text.length);
  }
  return lines;
}
