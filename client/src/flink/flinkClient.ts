// The client side of the Flink requests: sends them to the running language server (waiting for it while it
// starts) and re-emits its Flink notifications (execution events, connection status) as VS Code events,
// re-subscribing whenever the server is restarted (each restart is a new LanguageClient).
import * as vscode from 'vscode';
import { State, type LanguageClient, type RequestType } from 'vscode-languageclient/node';
import {
  FlinkConnectionStatusNotification, FlinkExecutionEventNotification,
  type FlinkConnectionStatus, type FlinkExecutionEventParams,
} from '../../../server/src/protocol';
import type { LanguageServer } from '../languageServer';

export class FlinkClient implements vscode.Disposable {
  private readonly subscribed = new WeakSet<LanguageClient>();
  private readonly executionEvents = new vscode.EventEmitter<FlinkExecutionEventParams>();
  private readonly connectionStatus = new vscode.EventEmitter<FlinkConnectionStatus>();
  readonly onExecutionEvent = this.executionEvents.event;
  readonly onConnectionStatus = this.connectionStatus.event;

  constructor(private readonly server: LanguageServer) {}

  /** The running client; waits up to `timeoutMs` for a starting one. */
  async client(timeoutMs = 30_000): Promise<LanguageClient> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const c = this.server.languageClient;
      if (c?.state === State.Running) {
        this.subscribe(c);
        return c;
      }
      // A stopped (crashed) server does not come back by itself: give up sooner than for a starting one.
      const waited = Date.now() - (deadline - timeoutMs);
      if (Date.now() > deadline || (c?.state !== State.Starting && waited > 3_000)) {
        throw new Error('The Flink SQL language server is not running. Run "Flink SQL: Restart Language Server", then try again.');
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** True when the server is up (for pollers that must not wait). */
  get running(): boolean {
    return this.server.languageClient?.state === State.Running;
  }

  async request<P, R>(type: RequestType<P, R, void>, params: P, token?: vscode.CancellationToken): Promise<R> {
    const c = await this.client();
    // The typed overload, and no `undefined` token: jsonrpc would count it as a second parameter.
    const send = c.sendRequest.bind(c) as (t: RequestType<P, R, void>, p: P, tok?: vscode.CancellationToken) => Promise<R>;
    return token ? send(type, params, token) : send(type, params);
  }

  /** LSP diagnostics as VS Code diagnostics, with the client's own converter. */
  async toDiagnostics(diagnostics: Parameters<LanguageClient['protocol2CodeConverter']['asDiagnostics']>[0]): Promise<vscode.Diagnostic[]> {
    const c = await this.client();
    return c.protocol2CodeConverter.asDiagnostics(diagnostics);
  }

  private subscribe(c: LanguageClient): void {
    if (this.subscribed.has(c)) return;
    this.subscribed.add(c);
    c.onNotification(FlinkExecutionEventNotification, (p) => this.executionEvents.fire(p));
    c.onNotification(FlinkConnectionStatusNotification, (p) => this.connectionStatus.fire(p));
  }

  dispose(): void {
    this.executionEvents.dispose();
    this.connectionStatus.dispose();
  }
}
