// The status bar item that tells the user whether the Flink SQL language server is starting, ready,
// or stopped with an error. Clicking it opens the log.
import * as vscode from 'vscode';

export type ServerState = 'starting' | 'ready' | 'degraded' | 'stopped' | 'error';

const LOOK: Record<ServerState, { icon: string; tooltip: string; error?: boolean }> = {
  starting: { icon: '$(sync~spin)', tooltip: 'Flink SQL language server is starting' },
  ready: { icon: '$(check)', tooltip: 'Flink SQL language server is ready' },
  degraded: { icon: '$(warning)', tooltip: 'Flink SQL language server is running, but a request failed — click to open the log' },
  stopped: { icon: '$(circle-slash)', tooltip: 'Flink SQL language server is stopped' },
  error: { icon: '$(error)', tooltip: 'Flink SQL language server stopped with an error — click to open the log', error: true },
};

export class ServerStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('flinkSql.serverStatus', vscode.StatusBarAlignment.Left, 0);
  private current: ServerState = 'stopped';

  constructor(showLogCommand: string) {
    this.item.name = 'Flink SQL Language Server';
    this.item.command = showLogCommand;
    this.set('starting');
    this.item.show();
  }

  get state(): ServerState {
    return this.current;
  }

  set(state: ServerState, detail?: string): void {
    this.current = state;
    const look = LOOK[state];
    this.item.text = `${look.icon} Flink SQL`;
    this.item.tooltip = detail ? `${look.tooltip}\n${detail}` : look.tooltip;
    this.item.backgroundColor = look.error ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.accessibilityInformation = { label: look.tooltip };
  }

  dispose(): void {
    this.item.dispose();
  }
}
