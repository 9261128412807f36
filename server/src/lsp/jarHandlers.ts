// LSP handlers of a JAR draft's Validate and Execute (flinkSql/jarValidate, flinkSql/jarExecute): find the draft of
// the file the editor shows, resolve the JobManager as the Flink handlers do (the local cluster of the draft's
// version, started on demand, or the configured REST URL), build with Maven's output in the log, then plan or run.
// Failures come back as problems on the Java file and line (cli/jarDrafts.ts's jarFailure, shared with the CLI).
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CancellationToken, Connection } from 'vscode-languageserver';
import { jarFailure, newStdout, stdoutLengths } from '../cli/jarDrafts';
import { JobManagerClient } from '../flink/restClient';
import { findJarDraft } from '../jar/findJarDraft';
import { JarDraftError, planJarDraft, runJarDraft, type JarDraft } from '../jar/jarDraft';
import { FlinkJarExecuteRequest, FlinkJarValidateRequest, type FlinkJarParams, type FlinkJarResult } from '../protocol';
import { ConnectionError, errorText, type FlinkConnections } from './flinkConnection';
import type { FlinkExecutions } from './flinkExecutions';
import { JobOutputFollower } from './jobOutput';
import type { Runner } from './runSafe';

/** How long Execute waits for RUNNING, then shows what the job prints, before answering (the job keeps running). */
const RUNNING_WAIT_MS = 60_000;
const FOLLOW_MS = 5_000;

const uriOf = (file: string) => pathToFileURL(path.resolve(file)).toString();

function failed(d: JarDraft | undefined, summary: string, problems: FlinkJarResult['problems'] = []): FlinkJarResult {
  return { ok: false, ...(d && { draft: d.name, configUri: uriOf(d.configPath) }), summary, problems };
}

/** `connections` and `executions`: the Flink handlers' (one status per target; Stop reaches a followed job). */
export function registerJarHandlers(connection: Connection, runner: Runner, connections: FlinkConnections, executions: FlinkExecutions): void {

  async function withDraft(params: FlinkJarParams, token: CancellationToken,
    fn: (d: JarDraft, jm: JobManagerClient, signal: AbortSignal) => Promise<FlinkJarResult>): Promise<FlinkJarResult> {
    if (!params.uri.startsWith('file:')) return { ok: false, notJarDraft: true, summary: 'Not a file of a JAR draft.', problems: [] };
    let d: JarDraft | undefined;
    try {
      d = findJarDraft(fileURLToPath(params.uri), params.connection.workspaceDir);
    } catch (e) {
      if (!(e instanceof JarDraftError)) throw e;
      const at = e.location;
      return failed(undefined, e.message, at ? [{ uri: uriOf(at.file), diagnostics: [{ range: { start: { line: at.line - 1, character: 0 }, end: { line: at.line - 1, character: 0 } }, severity: 1, source: 'flink', message: e.message }] }] : []);
    }
    if (!d) return { ok: false, notJarDraft: true, summary: `${path.basename(fileURLToPath(params.uri))} is not part of a JAR draft.`, problems: [] };
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    try {
      const t = await connections.resolve(params.connection, d.config.flinkVersion);
      if (!t.restUrl) throw new ConnectionError('A JAR draft runs through the JobManager\'s REST API: set flinkSql.rest.url (or use the local cluster).');
      const jm = new JobManagerClient(t.restUrl, { timeoutMs: 30_000, retries: 1, allowInsecureAuth: params.connection.allowInsecureAuth });
      return await fn(d, jm, abort.signal);
    } catch (e) {
      const found = jarFailure(d, e);
      if (found) {
        const problems = found.map((r) => ({ uri: uriOf(r.file), diagnostics: r.diagnostics }));
        const first = problems[0]?.diagnostics[0]?.message;
        return failed(d, typeof first === 'string' ? first : errorText(e), problems);
      }
      if (e instanceof Error && (e.name === 'AbortError' || abort.signal.aborted)) return failed(d, 'Cancelled.');
      return failed(d, errorText(e));
    }
  }

  const build = (signal: AbortSignal) => ({ signal, onOutput: (line: string) => connection.console.log(`[mvn] ${line}`) });

  connection.onRequest(FlinkJarValidateRequest, (params, token) => runner.request('flinkSql/jarValidate', token,
    failed(undefined, 'Validate failed; see the Flink SQL log.'), () => withDraft(params, token, async (d, jm, signal) => {
      const plan = await planJarDraft(d, jm, build(signal));
      const ops = plan.operators.map((o) => o.description.split('\n')[0]).join(' → ');
      const built = plan.buildMs !== undefined ? `, built in ${plan.buildMs} ms` : '';
      const summary = `Planned job "${plan.jobName ?? d.name}": ${ops}${built}, planned in ${plan.planMs} ms`;
      connection.console.info(`jarValidate ${d.configPath}: ${summary}`);
      return { ok: true, draft: d.name, configUri: uriOf(d.configPath), summary, problems: [] };
    })));

  connection.onRequest(FlinkJarExecuteRequest, (params, token) => runner.request('flinkSql/jarExecute', token,
    failed(undefined, 'Execute failed; see the Flink SQL log.'), () => withDraft(params, token, async (d, jm, signal) => {
      const before = await stdoutLengths(jm);
      // With an execution id, what the job prints streams into the results view until it ends or is stopped.
      const follower = params.executionId
        ? new JobOutputFollower(executions, params.executionId, uriOf(d.configPath), jm, before,
          { what: d.python ? path.basename(d.python.file) : [d.run.entryClass ?? 'main', ...(d.run.args ?? [])].join(' '), kind: d.python ? 'python' : 'jar', flinkVersion: d.config.flinkVersion },
          (abort) => signal.addEventListener('abort', abort))
        : undefined;
      let run: Awaited<ReturnType<typeof runJarDraft>>;
      try {
        run = await runJarDraft(d, jm, build(signal));
      } catch (e) {
        follower?.fail(e instanceof Error ? e.message : String(e));
        throw e;
      }
      let state = 'CREATED';
      for (const end = Date.now() + RUNNING_WAIT_MS; Date.now() < end && !signal.aborted && !['RUNNING', 'FINISHED', 'FAILED', 'CANCELED'].includes(state);) {
        await new Promise((r) => setTimeout(r, 500));
        state = await jm.jobStatus(run.jobId).catch(() => state);
      }
      const printed: string[] = [];
      for (const end = Date.now() + FOLLOW_MS; Date.now() < end && !signal.aborted && state === 'RUNNING';) {
        await new Promise((r) => setTimeout(r, 1000));
        for (const line of await (follower ? follower.poll() : newStdout(jm, before))) {
          printed.push(line);
          connection.console.log(`[${d.name}] ${line}`);
        }
      }
      if (follower) void follower.follow(run.jobId);
      let summary = `Job ${run.jobId} ${state}${run.buildMs !== undefined ? ` (built in ${run.buildMs} ms)` : ''} on ${jm.baseUrl}`;
      if (state === 'FAILED') {
        const ex = await jm.exceptions(run.jobId).catch(() => undefined);
        const root = ex?.exceptionHistory.entries[0]?.stacktrace.split('\n')[0];
        if (root) summary += `: ${root}`;
      }
      connection.console.info(`jarExecute ${d.configPath}: ${summary}`);
      return { ok: state !== 'FAILED', draft: d.name, configUri: uriOf(d.configPath), summary, problems: [], jobId: run.jobId, state, printed: printed.slice(0, 200) };
    })));
}
