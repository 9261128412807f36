// LSP handlers of the Flink requests (validate, execute/preview/cancel, local cluster, connection check, catalogs):
// each resolves the target from the client's connection settings, calls the engine, and answers with a
// result that carries the failure as text, so the client can tell the user what went wrong.
import { fileURLToPath } from 'node:url';
import type { CancellationToken, Connection, Disposable } from 'vscode-languageserver';
import { GatewayError } from '../flink/flinkErrors';
import { HttpStatusError, HttpUnreachableError } from '../flink/http';
import { LocalClusterStartError } from '../flink/localCluster';
import { PortBusyError } from '../flink/localClusterPorts';
import { DistHomeError } from '../flink/distHome';
import { InstallDeclinedError } from '../flink/ensureFlink';
import { DistNotInstalledError, UnpinnedVersionError } from '../flink/provision';
import { ConnectorsNotInstalledError } from '../flink/provisionConnectors';
import { InstallCancelledError, MavenError } from '../flink/provisionMaven';
import { JavaNotFoundError } from '../flink/provisionJava';
import { JobManagerError } from '../flink/restClient';
import { statementSpan } from '../flink/errorRanges';
import { classifyStatement } from '../flink/statementKinds';
import { fidelityLine } from '../flink/fidelity';
import { FLINK_DIAGNOSTIC_SOURCE, validate } from '../flink/validate';
import {
  FlinkCancelExecutionRequest, FlinkCatalogTreeRequest, FlinkCheckConnectionRequest, FlinkDescribeTableRequest,
  FlinkExecuteRequest, FlinkLocalClusterRequest, FlinkPreviewRequest, FlinkStatementsRequest, FlinkValidateRequest,
  type ExecutionEvent, type FlinkConnectionParams, type FlinkValidateResult,
} from '../protocol';
import type { DocumentManager } from './documentManager';
import { CatalogBrowser } from './flinkCatalogs';
import { ConnectionError, errorText, FlinkConnections, type ResolvedTarget } from './flinkConnection';
import { FlinkExecutions, PRELUDE } from './flinkExecutions';
import { acceptedByFlink } from './flinkFidelity';
import { runPreview } from './previewHandlers';
import { registerJarHandlers } from './jarHandlers';
import { registerPlanHandlers } from './planHandlers';
import type { Runner } from './runSafe';
import { FileReadError, MAX_DRAFT_BYTES, readTextFile } from '../util/boundedRead';
import { DependencyError, sessionOf } from '../udf/draftJars';
import { PythonInterpreterError } from '../python/pyflinkEnv';

/** The draft's current text: the open document, else the file on disk (e.g. a draft open as plain SQL). */
async function draftText(docs: DocumentManager, uri: string): Promise<string> {
  const open = docs.get(uri)?.getText();
  if (open !== undefined) return open;
  if (!uri.startsWith('file:')) throw new ConnectionError(`The draft ${uri} is not open.`);
  try {
    // A regular file under the cap only: a FIFO or a symlink to /dev/zero must not hang or exhaust the server.
    return await readTextFile(fileURLToPath(uri), { maxBytes: MAX_DRAFT_BYTES });
  } catch (err) {
    if (err instanceof FileReadError) throw new ConnectionError(`Cannot read the draft: ${err.message}.`);
    throw err;
  }
}

function abortOn(token: CancellationToken): AbortController {
  const c = new AbortController();
  token.onCancellationRequested(() => c.abort());
  return c;
}

/** Errors the user can act on (no gateway, Flink refused, no Java, port busy…) vs. bugs (logged by runSafe). */
const EXPECTED = [GatewayError, ConnectionError, DistNotInstalledError, UnpinnedVersionError, JavaNotFoundError, PortBusyError, LocalClusterStartError, HttpUnreachableError,
  HttpStatusError, JobManagerError, InstallDeclinedError, InstallCancelledError, MavenError, DistHomeError, ConnectorsNotInstalledError, DependencyError, PythonInterpreterError];
function expected(err: unknown): boolean {
  return EXPECTED.some((E) => err instanceof E) || (err as NodeJS.ErrnoException)?.code === 'ENOENT';
}

/** Registers the handlers; the returned disposable stops running executions and closes the catalog session. */
/** `onCatalogsRead` runs after a catalog tree was read or Validate withdrew local errors (open drafts are re-checked). */
export function registerFlinkHandlers(connection: Connection, docs: DocumentManager, runner: Runner, onCatalogsRead: () => void = () => {}): Disposable {
  const connections = new FlinkConnections(connection);
  const executions = new FlinkExecutions(connection, connections, (uri) => docs.flinkVersionOf(uri));
  const catalogs = new CatalogBrowser();
  registerJarHandlers(connection, runner, connections, executions);

  /** Resolves the target, runs `fn`, and reports an unreachable gateway to the status bar. */
  async function withTarget<T>(params: FlinkConnectionParams, fn: (t: ResolvedTarget) => Promise<T>, flinkVersion?: string): Promise<T> {
    let target: ResolvedTarget | undefined;
    try {
      target = await connections.resolve(params, flinkVersion);
      return await fn(target);
    } catch (err) {
      if (err instanceof GatewayError && (err.kind === 'unreachable' || err.kind === 'timeout')) connections.unreachable(params, target, err);
      throw err;
    }
  }

  connection.onRequest(FlinkValidateRequest, (params, token) => {
    const empty: FlinkValidateResult = { ok: false, diagnostics: [], validatedOnFlink: false, elapsedMs: 0, summary: 'Validation failed; see the Flink SQL log.' };
    return runner.request('flinkSql/validate', token, empty, async () => {
      const started = performance.now();
      try {
        const text = await draftText(docs, params.uri);
        const abort = abortOn(token);
        const flinkVersion = docs.flinkVersionOf(params.uri);
        return await withTarget(params.connection, async (target) => {
          const setup = await sessionOf(params.uri, text, target, flinkVersion);
          const r = await validate(text, target, { signal: abort.signal, flinkVersion, ...setup });
          if (r.flinkVersion) connections.reachable(params.connection, target, r.flinkVersion);
          for (const f of r.fidelity) {
            connection.console.info(fidelityLine(f));
            if (f.flink.accepted) acceptedByFlink.add(f.text);
          }
          // the withdrawn parser errors disappear from the published diagnostics
          if (r.fidelity.some((f) => f.flink.accepted)) onCatalogsRead();
          return {
            ok: true, validatedOnFlink: r.validatedOnFlink, flinkVersion: r.flinkVersion, elapsedMs: r.elapsedMs, summary: r.summary,
            diagnostics: r.diagnostics.filter((d) => d.source === FLINK_DIAGNOSTIC_SOURCE),
          };
        }, flinkVersion);
      } catch (err) {
        if (!expected(err)) throw err;
        return { ...empty, elapsedMs: Math.round(performance.now() - started), summary: errorText(err) };
      }
    });
  });

  registerPlanHandlers(connection, runner, {
    withTarget, expected, draftText: (uri) => draftText(docs, uri), flinkVersionOf: (uri) => docs.flinkVersionOf(uri),
    reachable: (params, target, version) => connections.reachable(params, target, version),
  });

  const failedRun = (message: string): Extract<ExecutionEvent, { type: 'done' }> => ({ type: 'done', ok: false, cancelled: false, message, elapsedMs: 0 });
  /** A run (execute, preview) of the draft's text as the editor has it; an unreadable draft is a failed run. */
  const withDraftText = async (uri: string, run: (text: string) => Promise<ReturnType<typeof failedRun>>) => {
    let text: string;
    try {
      text = await draftText(docs, uri);
    } catch (err) {
      return failedRun(errorText(err));
    }
    return run(text);
  };

  connection.onRequest(FlinkExecuteRequest, (params, token) => runner.request('flinkSql/execute', token,
    failedRun('Execution failed; see the Flink SQL log.'),
    () => withDraftText(params.uri, (text) => executions.execute(params, text, (abort) => token.onCancellationRequested(abort)))));

  connection.onRequest(FlinkPreviewRequest, (params, token) => runner.request('flinkSql/preview', token,
    failedRun('Preview failed; see the Flink SQL log.'),
    () => withDraftText(params.uri, (text) => {
      const ctx = { executions, connections, flinkVersion: docs.flinkVersionOf(params.uri) };
      return runPreview(params, text, ctx, (abort) => token.onCancellationRequested(abort));
    })));

  connection.onRequest(FlinkStatementsRequest, (params, token) => runner.request('flinkSql/statements', token, [], () => {
    const analysis = docs.analysis(params.uri);
    if (!analysis) return [];
    return analysis.script.statements.map((stmt, index) => {
      const span = statementSpan(analysis.text, stmt);
      const kind = classifyStatement(stmt.text, stmt.node?.kind);
      return { index, range: analysis.lines.rangeOf(span.start, span.end), kind, runnable: !PRELUDE.has(kind) };
    });
  }));

  connection.onRequest(FlinkCancelExecutionRequest, (params) => ({ cancelled: executions.cancel(params.executionId) }));

  connection.onRequest(FlinkLocalClusterRequest, (params, token) => runner.request('flinkSql/localCluster', token,
    { target: 'local' as const, state: 'unknown' as const, message: 'The local cluster request failed; see the Flink SQL log.' },
    async () => {
      try {
        return await connections.localCluster(params.action, params.workspaceDir, params);
      } catch (err) {
        if (!expected(err)) throw err;
        return connections.status({ target: 'local', state: 'stopped', message: errorText(err) });
      }
    }));

  connection.onRequest(FlinkCheckConnectionRequest, (params, token) => runner.request('flinkSql/checkConnection', token,
    { target: params.connection.target, state: 'unknown' as const }, () => connections.check(params.connection)));

  connection.onRequest(FlinkCatalogTreeRequest, (params, token) => runner.request('flinkSql/catalogTree', token,
    { ok: false, error: 'Reading the catalogs failed; see the Flink SQL log.', catalogs: [] },
    async () => {
      try {
        const text = params.uri ? await draftText(docs, params.uri) : undefined;
        const abort = abortOn(token);
        const tree = await withTarget(params.connection, (t) => catalogs.tree(t, { uri: params.uri, text }, abort.signal));
        if (tree.ok) onCatalogsRead();
        return tree;
      } catch (err) {
        if (!expected(err)) throw err;
        return { ok: false, error: errorText(err), catalogs: [] };
      }
    }));

  connection.onRequest(FlinkDescribeTableRequest, (params, token) => runner.request('flinkSql/describeTable', token,
    { ok: false, error: 'DESCRIBE failed; see the Flink SQL log.', columns: [] },
    async () => {
      try {
        const text = params.uri ? await draftText(docs, params.uri) : undefined;
        const abort = abortOn(token);
        const columns = await withTarget(params.connection, (t) => catalogs.describe(t, { uri: params.uri, text }, params.path, abort.signal));
        return { ok: true, columns };
      } catch (err) {
        if (!expected(err)) throw err;
        return { ok: false, error: errorText(err), columns: [] };
      }
    }));

  return {
    dispose() {
      executions.cancelAll();
      void catalogs.close();
    },
  };
}
