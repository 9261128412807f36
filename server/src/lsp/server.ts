// The language server: wires an LSP connection to the document manager and the language service.
// Transport-agnostic; main.ts (VS Code, IPC) and `flink-sql lsp` (stdio) both call startServer.
import { inspect } from 'node:util';
import {
  CodeActionKind,
  ErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { DraftInfoRequest, FLINK_SQL_LANGUAGE_ID, ServerStatusNotification, WorkspaceTrustedNotification } from '../protocol';
import {
  codeActions, complete, definition, diagnostics, documentSymbols, foldingRanges, hover, prepareRename, references, rename,
  unknownTableDiagnostics,
} from '../service';
import { VERSION } from '../util/version';
import { deploymentDiagnostics, isDeploymentUri, registerDeploymentHandlers, workspaceDirsOf } from './deploymentHandlers';
import { DiagnosticsScheduler } from './diagnosticsScheduler';
import { DocumentManager } from './documentManager';
import { withoutAccepted } from '../service/fidelityFilter';
import { knownCatalogs } from './flinkCatalogs';
import { acceptedByFlink } from './flinkFidelity';
import { registerFlinkHandlers } from './flinkHandlers';
import { registerPublishHandlers } from './publishHandlers';
import { registerSecretHandlers, secretNames } from './secretHandlers';
import { registerTestHandlers } from './testHandlers';
import { FlinkVersionSetting } from './flinkVersionSetting';
import { registerFormatting } from './formatting';
import { registerInstallHandlers } from './installHandlers';
import { registerUdfHandlers } from './udfHandlers';
import { UdfKnowledge } from './udfKnowledge';
import { createRunner } from './runSafe';
import { redactUrl } from '../flink/urlCredentials';
import { adoptSealKey } from '../util/sealed';

export interface ServerOptions {
  /** Changes closer together than this are diagnosed once, at the end of the window. */
  diagnosticsIntervalMs?: number;
}

export const SERVER_NAME = 'Flink SQL Language Server';

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  // The key that opens the auth header the client seals (FlinkConnectionParams.sealedAuthHeader); children never inherit it.
  adoptSealKey();
  routeConsole(connection);
  const runner = createRunner(
    (message) => connection.console.error(redactUrl(message)),
    (what) => {
      void connection.sendNotification(ServerStatusNotification, {
        health: 'warning',
        message: `${what} failed; see the Flink SQL log for details`,
      });
    },
  );
  // The Flink version per draft (its deployment config, else the setting) chooses the grammar and the
  // connector catalog; a change of either re-checks every open draft.
  const versions = new FlinkVersionSetting(connection, () => { for (const d of docs.documents.all()) scheduler.schedule(d.uri); });
  const flinkVersionFor = (uri: string) => versions.flinkVersionFor(uri);
  const docs = new DocumentManager(flinkVersionFor);
  // The draft's UDF artifacts: an inspector answer arriving in the background re-checks the open drafts.
  // Set in initialize: VS Code says whether the workspace is trusted (other LSP clients have no such notion).
  let workspaceTrusted = true;
  const udfKnowledge = new UdfKnowledge(() => { for (const d of docs.documents.all()) scheduler.schedule(d.uri); }, (m) => connection.console.warn(m), undefined, () => workspaceTrusted);
  const udfsFor = (uri: string) => udfKnowledge.contextFor(uri, flinkVersionFor(uri), docs.analysis(uri));
  const contextFor = (uri: string) => ({ ...knownCatalogs(), flinkVersion: flinkVersionFor(uri), secretNames: secretNames(), udfs: udfsFor(uri) });

  const publish = (uri: string) => runner.notification('diagnostics', () => {
    const document = docs.get(uri);
    if (document && isDeploymentUri(uri)) {
      void connection.sendDiagnostics({ uri, version: document.version, diagnostics: deploymentDiagnostics(uri, document.getText(), workspaceDirs, secretNames()) });
      return;
    }
    const tooLarge = docs.tooLarge(uri);
    if (document && tooLarge) {
      void connection.sendDiagnostics({ uri, version: document.version, diagnostics: [tooLarge] });
      return;
    }
    const analysis = docs.analysis(uri);
    if (!document || !analysis) return; // closed meanwhile
    // Syntax first; the unknown-table check only once catalogs were read from a gateway (see unknownTables.ts).
    const found = [...withoutAccepted(analysis, diagnostics(analysis, { secretNames: secretNames(), udfs: udfsFor(uri) }), acceptedByFlink), ...unknownTableDiagnostics(analysis, knownCatalogs())];
    void connection.sendDiagnostics({ uri, version: document.version, diagnostics: found });
  });
  let installConsent = false;
  /** The editor's workspace folders: a deployment config's logging.profile must lie in its own. */
  let workspaceDirs: string[] = [];
  const scheduler = new DiagnosticsScheduler({ intervalMs: options.diagnosticsIntervalMs ?? 50, run: publish });

  connection.onInitialize((params): InitializeResult => {
    workspaceDirs = workspaceDirsOf(params.workspaceFolders);
    versions.initialize(params.capabilities);
    // Only an editor that can show the consent dialog gets asked; any other LSP client gets "not installed" advice.
    installConsent = (params.initializationOptions as { installConsent?: unknown } | undefined)?.installConsent === true;
    workspaceTrusted = (params.initializationOptions as { workspaceTrusted?: unknown } | undefined)?.workspaceTrusted !== false;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        documentSymbolProvider: { label: 'Flink SQL' },
        foldingRangeProvider: true,
        completionProvider: { triggerCharacters: ['.', "'"] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
      },
      serverInfo: { name: SERVER_NAME, version: VERSION },
    };
  });
  connection.onInitialized(() => {
    versions.listen();
    console.info(`${SERVER_NAME} ${VERSION} ready (language id ${FLINK_SQL_LANGUAGE_ID})`);
    void connection.sendNotification(ServerStatusNotification, { health: 'ok', version: VERSION });
  });

  // The client's secret names changed: unknown-name warnings of every open draft and config are checked again.
  registerSecretHandlers(connection, () => { for (const d of docs.documents.all()) scheduler.schedule(d.uri); });
  connection.onNotification(WorkspaceTrustedNotification, () => runner.notification('workspaceTrusted', () => {
    workspaceTrusted = true;
    for (const d of docs.documents.all()) scheduler.schedule(d.uri);
  }));
  docs.documents.onDidChangeContent((e) => runner.notification('didChange', () => scheduler.schedule(e.document.uri)));
  // A saved deployment config may name another Flink version: its drafts are parsed again in that version.
  docs.documents.onDidSave((e) => runner.notification('didSave', () => {
    if (!isDeploymentUri(e.document.uri)) return;
    versions.configChanged(e.document.uri);
    for (const d of docs.documents.all()) if (!isDeploymentUri(d.uri)) scheduler.schedule(d.uri);
  }));
  docs.documents.onDidClose((e) => runner.notification('didClose', () => {
    scheduler.cancel(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  }));

  connection.onDocumentSymbol((params, token) => runner.request('documentSymbol', token, [], () => {
    const analysis = docs.analysis(params.textDocument.uri);
    return analysis ? documentSymbols(analysis) : [];
  }));
  connection.onFoldingRanges((params, token) => runner.request('foldingRange', token, [], () => {
    const analysis = docs.analysis(params.textDocument.uri);
    return analysis ? foldingRanges(analysis) : [];
  }));

  // Completion and hover also know the tables of catalogs read from a live gateway (the Catalogs view's cache).
  connection.onCompletion((params, token) => runner.request('completion', token, [], () => {
    const analysis = docs.analysis(params.textDocument.uri);
    return analysis ? complete(analysis, params.position, contextFor(params.textDocument.uri)) : [];
  }));
  connection.onHover((params, token) => runner.request('hover', token, null, () => {
    const analysis = docs.analysis(params.textDocument.uri);
    return analysis ? hover(analysis, params.position, contextFor(params.textDocument.uri)) : null;
  }));
  connection.onCodeAction((params, token) => runner.request('codeAction', token, [], () => {
    const analysis = docs.analysis(params.textDocument.uri);
    return analysis ? codeActions(analysis, params.range, params.context.diagnostics, params.textDocument.uri) : [];
  }));

  // Go to definition, references and rename of the tables, views, CTEs, columns and aliases the draft defines.
  connection.onDefinition((params, token) => runner.request('definition', token, null, () => {
    const analysis = docs.analysis(params.textDocument.uri);
    return analysis ? definition(analysis, params.position, params.textDocument.uri) : null;
  }));
  connection.onReferences((params, token) => runner.request('references', token, [], () => {
    const analysis = docs.analysis(params.textDocument.uri);
    return analysis ? references(analysis, params.position, params.textDocument.uri, params.context.includeDeclaration) : [];
  }));
  // A refusal (a keyword, a name the draft does not define) answers an error, which the editor shows as its message.
  connection.onPrepareRename((params, token) => runner.request('prepareRename', token, null, () => {
    const analysis = docs.analysis(params.textDocument.uri);
    const r = analysis ? prepareRename(analysis, params.position) : null;
    return r && 'error' in r ? new ResponseError(ErrorCodes.InvalidRequest, r.error) : r;
  }));
  connection.onRenameRequest((params, token) => runner.request('rename', token, null, () => {
    const analysis = docs.analysis(params.textDocument.uri);
    const r = analysis ? rename(analysis, params.position, params.newName, params.textDocument.uri) : null;
    return r && 'error' in r ? new ResponseError(ErrorCodes.InvalidRequest, r.error) : r;
  }));

  registerDeploymentHandlers(connection, runner);
  connection.onRequest(DraftInfoRequest, (params, token) => runner.request('draftInfo', token, null, () => versions.draftInfo(params.uri)));
  registerPublishHandlers(connection, runner);
  registerInstallHandlers(connection, runner, () => installConsent);
  registerFormatting(connection, docs, runner);
  registerTestHandlers(connection, docs, runner);
  registerUdfHandlers(connection, docs, runner, () => workspaceTrusted);
  const flink = registerFlinkHandlers(connection, docs, runner, () => { for (const d of docs.documents.all()) scheduler.schedule(d.uri); });
  connection.onShutdown(() => { scheduler.dispose(); flink.dispose(); udfKnowledge.dispose(); });

  docs.listen(connection);
  connection.listen();
}

/** Over stdio, stdout carries the protocol: anything printed must go to the client's log instead. */
function routeConsole(connection: Connection): void {
  const c = connection.console;
  // URLs in log lines lose their userinfo (`http://user:pass@…`): the log is no place for a credential.
  const text = (args: unknown[]) => redactUrl(args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? a.stack ?? String(a) : inspect(a))).join(' '));
  console.log = (...args: unknown[]) => c.log(text(args));
  console.info = (...args: unknown[]) => c.info(text(args));
  console.debug = (...args: unknown[]) => c.log(text(args));
  console.warn = (...args: unknown[]) => c.warn(text(args));
  console.error = (...args: unknown[]) => c.error(text(args));
}
