// Owns the language client: starts the bundled server (out/server.js) over IPC for flink-sql
// documents, mirrors its state into the status bar, and restarts it on request or when a setting it starts with changes.
import * as fs from 'fs';
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { FLINK_SQL_LANGUAGE_ID, ServerStatusNotification, WorkspaceTrustedNotification } from '../../server/src/protocol';
import { showErrorWithLog } from './commandRegistry';
import { serverEnv } from './install/serverEnv';
import { rotateSealKey } from './flink/sealKey';
import { logChannel, log } from './log';
import type { ServerStatus } from './serverStatus';
import { onSettingsChanged, readSettings, SERVER_RESTART_KEYS } from './settings';

export const LANGUAGE_ID = FLINK_SQL_LANGUAGE_ID;

export class LanguageServer implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private stopping = false;
  private readonly clientCreated = new vscode.EventEmitter<LanguageClient>();
  /**
   * Each start makes a new LanguageClient; this fires before it starts, so handlers of server → client requests
   * (the install consent) are in place before the server can send one.
   */
  readonly onDidCreateClient = this.clientCreated.event;

  constructor(private readonly context: vscode.ExtensionContext, private readonly status: ServerStatus) {}

  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  async start(): Promise<void> {
    const module = this.context.asAbsolutePath('out/server.js');
    if (!fs.existsSync(module)) {
      this.status.set('error', `missing ${module}`);
      throw new Error(`The language server bundle is missing (${module}). Reinstall the extension (in a development checkout: build it first).`);
    }
    // Read at each start: a change of these settings restarts the server (restartOnSettingsChange).
    const env = { ...serverEnv(readSettings().localFlink), ...rotateSealKey() };
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc, options: { env } },
      debug: { module, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { language: LANGUAGE_ID, scheme: 'file' },
        { language: LANGUAGE_ID, scheme: 'untitled' },
        // Deployment configs: the server validates them against the deployment model.
        { scheme: 'file', pattern: '**/*.deployment.yaml' },
      ],
      outputChannel: logChannel(),
      traceOutputChannel: logChannel(),
      // Without it the server never downloads Flink by itself: it would have no one to ask (see InstallConsentRequest).
      // workspaceTrusted: until then the server runs no code of the workspace's jars (UDF inspection).
      initializationOptions: { installConsent: true, workspaceTrusted: vscode.workspace.isTrusted },
      // Drafts can be edited before the server is up; the client queues and replays the notifications.
      initializationFailedHandler: (err) => {
        log.error('language server failed to initialize', err);
        this.status.set('error', err instanceof Error ? err.message : String(err));
        return false;
      },
    };
    // The id `flinkSql` makes the client honour the `flinkSql.trace.server` setting.
    const client = new LanguageClient('flinkSql', 'Flink SQL Language Server', serverOptions, clientOptions);
    client.onDidChangeState((e) => {
      log.info(`language server: ${State[e.oldState]} -> ${State[e.newState]}`);
      if (e.newState === State.Starting) this.status.set('starting');
      else if (e.newState === State.Running) this.status.set('ready');
      else this.status.set(this.stopping ? 'stopped' : 'error', 'The server stopped unexpectedly; see the log, then run "Flink SQL: Restart Language Server".');
    });
    // The server reports its own health (e.g. a handler failed but it keeps serving) once running.
    client.onNotification(ServerStatusNotification, (p) => {
      if (client.state !== State.Running) return;
      const detail = [p.message, p.version && `server ${p.version}`].filter(Boolean).join('\n') || undefined;
      this.status.set(p.health === 'ok' ? 'ready' : 'degraded', detail);
      if (p.health === 'error') log.error(`language server reports: ${p.message ?? 'error'}`);
    });
    this.clientCreated.fire(client);
    this.client = client;
    if (!vscode.workspace.isTrusted) {
      const granted = vscode.workspace.onDidGrantWorkspaceTrust(() => {
        granted.dispose();
        if (this.client === client && client.isRunning()) void client.sendNotification(WorkspaceTrustedNotification, {});
      });
      this.context.subscriptions.push(granted);
    }
    this.stopping = false;
    this.status.set('starting');
    const t0 = Date.now();
    try {
      await client.start();
    } catch (err) {
      this.status.set('error', err instanceof Error ? err.message : String(err));
      throw err;
    }
    log.info(`language server ready in ${Date.now() - t0} ms`);
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    this.stopping = true;
    try {
      if (client.isRunning()) await client.stop(5000);
    } finally {
      this.status.set('stopped');
    }
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Restarts the server when a setting it reads only at start changes (Java, Maven, install directory, own Flink). */
  restartOnSettingsChange(): vscode.Disposable {
    let timer: NodeJS.Timeout | undefined;
    const sub = onSettingsChanged(SERVER_RESTART_KEYS, () => {
      clearTimeout(timer);
      // A moment's delay: several settings changed together restart once, and an answer already on its way to the
      // server (the consent's "Use My Own Flink…" writes flinkHome) arrives before the server goes.
      timer = setTimeout(() => {
        log.info('a setting the language server starts with changed: restarting it');
        this.restart().then(
          () => void vscode.window.setStatusBarMessage('Flink SQL language server restarted with the new settings', 3000),
          (err: unknown) => {
            log.error('restart after a settings change failed', err);
            void showErrorWithLog('The Flink SQL language server did not restart after the settings change. Open the log for the reason, then run "Flink SQL: Restart Language Server".');
          });
      }, 1000);
    });
    return { dispose: () => { clearTimeout(timer); sub.dispose(); } };
  }

  dispose(): void {
    this.clientCreated.dispose();
    void this.stop();
  }
}
