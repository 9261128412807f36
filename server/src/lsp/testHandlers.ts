// LSP handlers of the Test Explorer: the outline of a `<name>.test.yaml` (cases, lines, problems), and runs of its
// cases on the connection's target (the local cluster started as Execute starts it), one event per case step.
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CancellationToken, Connection } from 'vscode-languageserver';
import { GatewayError } from '../flink/flinkErrors';
import { connectGateway } from '../flink/gatewayClient';
import { outlineTestFile } from '../preview/testOutline';
import { parseTestFile, type TestFile } from '../preview/testFile';
import { runCase, type CaseResult } from '../preview/testRunner';
import {
  FlinkRunTestsRequest, FlinkTestEventNotification, FlinkTestFileRequest,
  type FlinkRunTestsParams, type TestRunDone, type TestRunEvent, type TestSinkVerdict,
} from '../protocol';
import { MAX_DRAFT_BYTES, readTextFile } from '../util/boundedRead';
import type { DocumentManager } from './documentManager';
import { ConnectionError, errorText, FlinkConnections, type ResolvedTarget } from './flinkConnection';
import type { Runner } from './runSafe';

/** Test files are a few hundred lines; a cap keeps a stray huge `.test.yaml` from stalling the server. */
const MAX_TEST_FILE_BYTES = 2 * 1024 * 1024;

function fileOf(uri: string): string {
  if (!uri.startsWith('file:')) throw new ConnectionError(`Tests run from files on disk, not ${uri}.`);
  return fileURLToPath(uri);
}

/** Rows on each side of a diff: what the test file expects, and what the sink received. */
export function diffSides(diff: readonly string[]): { expected: string[]; actual: string[] } {
  return {
    expected: diff.filter((l) => !l.startsWith('+ ')).map((l) => l.slice(2)),
    actual: diff.filter((l) => !l.startsWith('- ')).map((l) => l.slice(2)),
  };
}

/** The engine's verdict on a case as the protocol carries it. */
export function caseEvent(r: CaseResult): Exclude<TestRunEvent, { type: 'started' }> {
  if (r.status === 'error') {
    const e = r.error ?? { file: '', line: 0, message: 'the case did not run' };
    const location = { uri: e.file ? pathToFileURL(e.file).toString() : '', line: e.line };
    return { type: 'errored', case: r.name, line: r.line, elapsedMs: r.elapsedMs, message: e.message, location };
  }
  const sinks: TestSinkVerdict[] = r.sinks.map((s) => ({
    sink: s.sink, ok: s.ok, line: s.line, draftLine: s.draftLine, ...diffSides(s.diff), diff: s.diff, ...(s.problem && { problem: s.problem }),
  }));
  return { type: r.status, case: r.name, line: r.line, elapsedMs: r.elapsedMs, timedOut: r.timedOut, sinks };
}

export function registerTestHandlers(connection: Connection, docs: DocumentManager, runner: Runner): void {
  const connections = new FlinkConnections(connection);

  connection.onRequest(FlinkTestFileRequest, (params, token) => runner.request('flinkSql/testFile', token,
    { isTestFile: false, cases: [], problems: [] },
    async () => {
      const file = fileOf(params.uri);
      const text = params.text ?? await readTextFile(file, { maxBytes: MAX_TEST_FILE_BYTES });
      return outlineTestFile(file, text);
    }));

  connection.onRequest(FlinkRunTestsRequest, (params, token) => runner.request('flinkSql/runTests', token,
    { ok: false, cancelled: false, message: 'The test run failed; see the Flink SQL log.', elapsedMs: 0 },
    () => runTests(connection, connections, docs, params, token)));
}

async function runTests(connection: Connection, connections: FlinkConnections, docs: DocumentManager, params: FlinkRunTestsParams, token: CancellationToken): Promise<TestRunDone> {
  const started = performance.now();
  const abort = new AbortController();
  token.onCancellationRequested(() => abort.abort());
  const done = (ok: boolean, message?: string): TestRunDone => ({ ok, cancelled: abort.signal.aborted, message, elapsedMs: Math.round(performance.now() - started) });
  const send = (event: TestRunEvent) => void connection.sendNotification(FlinkTestEventNotification, { runId: params.runId, uri: params.uri, event });
  let target: ResolvedTarget | undefined;
  let failed = false;
  try {
    const file = fileOf(params.uri);
    const { test, problems } = parseTestFile(file, params.text ?? await readTextFile(file, { maxBytes: MAX_TEST_FILE_BYTES }));
    if (!test) return done(false, problems.map((p) => `${path.basename(p.file)}:${p.line}: ${p.message}`).join('\n'));
    const draftUri = pathToFileURL(test.draft).toString();
    // The editor's text when the draft is open (as Execute runs it), else the file.
    const script = docs.get(draftUri)?.getText() ?? await readDraft(test);
    const flinkVersion = docs.flinkVersionOf(draftUri);
    target = await connections.resolve(params.connection, flinkVersion);
    // A gateway that is not there fails the run before any case shows as started.
    const gateway = await connectGateway(target);
    connections.reachable(params.connection, target, gateway.flinkVersion);
    for (const c of test.cases) {
      if (params.cases && !params.cases.includes(c.name)) continue;
      if (abort.signal.aborted) break;
      send({ type: 'started', case: c.name, line: c.line });
      const r = await runCase(test, c, script, target, { signal: abort.signal, flinkVersion });
      // A case stopped by the cancel has no verdict: it shows as skipped, not failed.
      if (abort.signal.aborted) break;
      failed ||= r.status !== 'passed';
      send(caseEvent(r));
    }
    return done(!failed && !abort.signal.aborted, abort.signal.aborted ? 'Stopped.' : undefined);
  } catch (err) {
    if (abort.signal.aborted || (err instanceof GatewayError && err.kind === 'cancelled')) return done(false, 'Stopped.');
    if (err instanceof GatewayError && (err.kind === 'unreachable' || err.kind === 'timeout')) connections.unreachable(params.connection, target, err);
    // What the user can act on is in the message; anything else is also logged with its stack.
    if (!(err instanceof GatewayError) && !(err instanceof ConnectionError)) connection.console.error(`flinkSql/runTests: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    return done(false, errorText(err));
  }
}

async function readDraft(test: TestFile): Promise<string> {
  try {
    return await readTextFile(test.draft, { maxBytes: MAX_DRAFT_BYTES });
  } catch (err) {
    throw new ConnectionError(`Cannot read the draft ${test.draft} that ${path.basename(test.file)} tests: ${(err as Error).message}`);
  }
}
