// The status bar item for the Flink connection: target, cluster health and Flink version, fed by the server's
// flinkSql/connectionStatus notifications and a cheap periodic check (only in a trusted workspace: in restricted
// mode nothing is contacted); click for start/stop/logs/settings.
import * as vscode from 'vscode';
import { FlinkCheckConnectionRequest, type FlinkConnectionStatus } from '../../../server/src/protocol';
import { log } from '../log';
import { onSettingsChanged } from '../settings';
import { whenTrusted } from '../trust';
import { connectionParams } from './connection';
import type { FlinkClient } from './flinkClient';

export const CONNECTION_MENU_COMMAND = 'flinkSql.connectionMenu';

const LOOK: Record<FlinkConnectionStatus['state'], { icon: string; word: string; warn?: boolean }> = {
  unknown: { icon: '$(circle-outline)', word: 'not checked' },
  stopped: { icon: '$(circle-slash)', word: 'stopped' },
  starting: { icon: '$(sync~spin)', word: 'starting' },
  running: { icon: '$(pass-filled)', word: 'running' },
  unhealthy: { icon: '$(warning)', word: 'unhealthy', warn: true },
  unreachable: { icon: '$(debug-disconnect)', word: 'unreachable', warn: true },
};

export class ConnectionStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('flinkSql.connection', vscode.StatusBarAlignment.Left, -1);
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private waitingForTrust: vscode.Disposable | undefined;
  private last: FlinkConnectionStatus = { target: 'local', state: 'unknown' };

  constructor(private readonly flink: FlinkClient, private readonly secrets: vscode.SecretStorage, private readonly pollMs = 30_000) {
    this.item.name = 'Flink Connection';
    this.item.command = CONNECTION_MENU_COMMAND;
    this.show(this.last);
    this.item.show();
    this.disposables.push(
      flink.onConnectionStatus((s) => this.show(s)),
      onSettingsChanged(['target', 'gateway.url', 'rest.url'], () => void this.check()),
    );
  }

  get status(): FlinkConnectionStatus {
    return this.last;
  }

  /** Starts the periodic check (after the server is up), in restricted mode only once the user trusts the workspace. */
  start(): void {
    if (this.timer || this.waitingForTrust) return;
    if (!vscode.workspace.isTrusted) this.show({ ...this.last, state: 'unknown', message: 'Not checked in Restricted Mode: trust the workspace to connect.' });
    this.waitingForTrust = whenTrusted(() => {
      void this.check();
      this.timer = setInterval(() => void this.check(), this.pollMs);
      this.timer.unref?.();
    });
  }

  async check(): Promise<FlinkConnectionStatus | undefined> {
    if (!this.flink.running || !vscode.workspace.isTrusted) return undefined;
    try {
      // A background check never asks about a secret: the question belongs to a command the user ran.
      const s = await this.flink.request(FlinkCheckConnectionRequest, { connection: await connectionParams(this.secrets, { interactive: false }) });
      this.show(s);
      return s;
    } catch (err) {
      log.debug(`connection check failed: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  private show(s: FlinkConnectionStatus): void {
    this.last = s;
    const look = LOOK[s.state];
    const where = s.target === 'local' ? 'local' : 'remote';
    const version = s.flinkVersion && s.state === 'running' ? ` ${s.flinkVersion.replace(/^(\d+\.\d+).*/, '$1')}` : '';
    this.item.text = `${look.icon} Flink ${where}${version}`;
    const lines = [`Flink (${where}): ${look.word}${s.flinkVersion ? ` — Flink ${s.flinkVersion}` : ''}`];
    if (s.gatewayUrl) lines.push(`SQL Gateway: ${s.gatewayUrl}`);
    if (s.restUrl) lines.push(`JobManager: ${s.restUrl}`);
    if (s.message) lines.push(s.message);
    lines.push('Click for cluster actions');
    this.item.tooltip = lines.join('\n');
    this.item.backgroundColor = look.warn ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.accessibilityInformation = { label: lines[0] };
  }

  dispose(): void {
    clearInterval(this.timer);
    this.waitingForTrust?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.item.dispose();
  }
}
