// The Deployments view: each deployment with version, target, job id and live status (uptime, restarts, last
// checkpoint and savepoint, what it restored from), its versions, and the cluster's "Other jobs". Polled from
// the server while the view is visible, backing off while nothing changes; nothing before the workspace is trusted
// (its .flink/ records name the URLs the server would contact).
import * as vscode from 'vscode';
import { DeploymentListRequest, type DeploymentInfo, type DeploymentVersionInfo, type OtherJobInfo } from '../../../server/src/protocol';
import { connectionParams } from '../flink/connection';
import type { FlinkClient } from '../flink/flinkClient';
import { log } from '../log';

export const DEPLOYMENTS_VIEW = 'flinkSql.deployments';

export type DeploymentNode =
  | { kind: 'deployment'; info: DeploymentInfo }
  | { kind: 'detail'; label: string; description: string; tooltip?: string }
  | { kind: 'versions'; info: DeploymentInfo }
  | { kind: 'version'; info: DeploymentInfo; version: DeploymentVersionInfo }
  | { kind: 'otherJobs'; jobs: OtherJobInfo[] }
  | { kind: 'job'; job: OtherJobInfo }
  | { kind: 'message'; text: string };

const MIN_POLL_MS = 2_000;
const MAX_POLL_MS = 30_000;
const STATE_ICONS: Record<string, string> = {
  RUNNING: 'pass-filled', RESTARTING: 'sync~spin', FAILING: 'warning', FAILED: 'error', FINISHED: 'check', CANCELED: 'circle-slash',
  CANCELLING: 'loading~spin', INITIALIZING: 'loading~spin', CREATED: 'loading~spin', PUBLISH_FAILED: 'error', CORRUPT: 'warning', UNREACHABLE: 'debug-disconnect',
};

/** A checkpoint alone redraws the view at most this often (see poll). */
const CHECKPOINT_REDRAW_MS = 30_000;

export function formatDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** A moment as the view shows it: its time of day (with the date when not today). */
const at = (t: number) => (new Date(t).toDateString() === new Date().toDateString() ? new Date(t).toLocaleTimeString() : new Date(t).toLocaleString());

export class DeploymentsTree implements vscode.TreeDataProvider<DeploymentNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<DeploymentNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private deployments: DeploymentInfo[] = [];
  private others: OtherJobInfo[] = [];
  private error: string | undefined;
  private restUrl: string | undefined;
  private visible = false;
  private timer: NodeJS.Timeout | undefined;
  private delay = MIN_POLL_MS;
  private lastKey = '';
  private lastCheckpoints = '';
  private lastRedraw = 0;
  private loaded = false;
  /** Deployments whose row is expanded (their details, such as the last checkpoint, are on screen). */
  private readonly expanded = new Set<string>();

  private readonly trustListener = vscode.workspace.onDidGrantWorkspaceTrust(() => { if (this.visible) void this.refresh(); });

  constructor(private readonly flink: FlinkClient, private readonly secrets: vscode.SecretStorage) {}

  /** The view's visibility drives polling: none while hidden. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) void this.refresh();
    else this.stopTimer();
  }

  /** Follows the view's expanded rows: a collapsed row's details are not redrawn when only they change. */
  setExpanded(node: DeploymentNode, expanded: boolean): void {
    if (node.kind !== 'deployment') return;
    if (expanded) this.expanded.add(node.info.deployment);
    else this.expanded.delete(node.info.deployment);
  }

  /** Refresh now and poll fast again (after an action, a publish). */
  async refresh(): Promise<void> {
    this.delay = MIN_POLL_MS;
    await this.poll();
  }

  get webUiUrl(): string | undefined { return this.restUrl; }
  find(name: string): DeploymentInfo | undefined { return this.deployments.find((d) => d.deployment === name); }
  get all(): readonly DeploymentInfo[] { return this.deployments; }

  private async poll(): Promise<void> {
    this.stopTimer();
    if (!vscode.workspace.isTrusted) {
      this.error = 'Restricted Mode: deployments are read once you trust this workspace.';
      this.loaded = true;
      this.changed.fire(undefined);
      return; // the trust listener polls again
    }
    if (!this.flink.running) return this.schedule(MAX_POLL_MS);
    try {
      const r = await this.flink.request(DeploymentListRequest, { connection: await connectionParams(this.secrets, { interactive: false }) });
      this.error = r.ok ? undefined : r.error;
      if (r.ok) {
        this.deployments = r.deployments;
        this.others = r.otherJobs;
        this.restUrl = r.restUrl;
      }
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
      log.warn(`deployments: ${this.error}`);
    }
    // Redraw only when what the view shows changed, and back off while it stays the same. A redraw while a row's
    // context menu is open hands the chosen command no row (microsoft/vscode#144250): a poll must not cause one
    // when nothing changed, and a checkpoint (every few seconds, shown only in an expanded row) redraws at most
    // every CHECKPOINT_REDRAW_MS.
    const key = JSON.stringify([this.error, this.deployments.map((d) => [d.deployment, d.version, d.latestVersion, d.jobId, d.state, d.target, d.error,
      d.restarts, d.startTime, d.restoredFrom, d.lastSavepoint?.at, d.versions.map((v) => [v.version, v.status])]),
    this.others.map((o) => [o.jobId, o.state])]);
    const checkpoints = JSON.stringify(this.deployments.map((d) => (this.expanded.has(d.deployment) ? d.lastCheckpoint?.at : undefined)));
    const same = this.loaded && key === this.lastKey;
    const checkpointDue = checkpoints !== this.lastCheckpoints && Date.now() - this.lastRedraw >= CHECKPOINT_REDRAW_MS;
    this.delay = same ? Math.min(MAX_POLL_MS, Math.round(this.delay * 1.5)) : MIN_POLL_MS;
    this.lastKey = key;
    this.loaded = true;
    if (!same || checkpointDue) {
      this.lastCheckpoints = checkpoints;
      this.lastRedraw = Date.now();
      this.changed.fire(undefined);
    }
    void vscode.commands.executeCommand('setContext', 'flinkSql.hasDeployments', this.deployments.length > 0 || this.others.length > 0);
    this.schedule(this.delay);
  }

  private schedule(ms: number): void {
    if (!this.visible) return;
    this.stopTimer();
    this.timer = setTimeout(() => void this.poll(), ms);
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  getChildren(node?: DeploymentNode): DeploymentNode[] {
    if (!node) {
      if (!this.loaded) return [];
      const top: DeploymentNode[] = this.deployments.map((info) => ({ kind: 'deployment', info }));
      if (this.others.length) top.push({ kind: 'otherJobs', jobs: this.others });
      if (this.error) top.unshift({ kind: 'message', text: this.error });
      return top;
    }
    if (node.kind === 'deployment') return details(node.info);
    if (node.kind === 'versions') return node.info.versions.map((version) => ({ kind: 'version', info: node.info, version }));
    if (node.kind === 'otherJobs') return node.jobs.map((job) => ({ kind: 'job', job }));
    return [];
  }

  getTreeItem(node: DeploymentNode): vscode.TreeItem {
    switch (node.kind) {
      case 'deployment': {
        const d = node.info;
        const item = new vscode.TreeItem(d.deployment, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `deployment:${d.deployment}`;
        item.description = [d.version ? `v${d.version}` : undefined, d.target, d.state].filter(Boolean).join(' · ');
        item.iconPath = new vscode.ThemeIcon(STATE_ICONS[d.state] ?? 'circle-outline');
        item.contextValue = `flinkSql.deployment.${d.state}`;
        item.tooltip = new vscode.MarkdownString([
          `**${d.deployment}** v${d.version ?? '-'} · ${d.target ?? '-'} · ${d.state}`, d.jobId ? `Job \`${d.jobId}\`` : '',
          d.startTime !== undefined ? `Started ${new Date(d.startTime).toLocaleString()}` : '', d.restarts !== undefined ? `Restarts ${d.restarts}` : '',
          d.error ? `⚠ ${d.error}` : '',
        ].filter(Boolean).join('\n\n'));
        return item;
      }
      case 'detail': {
        const item = new vscode.TreeItem(node.label);
        item.description = node.description;
        item.tooltip = node.tooltip ?? node.description;
        return item;
      }
      case 'versions': {
        const item = new vscode.TreeItem('Versions', vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `versions:${node.info.deployment}`;
        item.description = String(node.info.versions.length);
        return item;
      }
      case 'version': {
        const v = node.version;
        const item = new vscode.TreeItem(`v${v.version}`);
        item.id = `version:${node.info.deployment}:${v.version}`;
        item.description = [v.status, new Date(v.createdAt).toLocaleString(), v.git ? `${v.git.commit.slice(0, 8)}${v.git.dirty ? '*' : ''}` : undefined].filter(Boolean).join(' · ');
        item.tooltip = [v.jobId && `job ${v.jobId}`, v.restoredFrom && `restored from ${v.restoredFrom}`, v.upgrade && `upgrade check: ${v.upgrade}`, v.error].filter(Boolean).join('\n') || undefined;
        item.contextValue = 'flinkSql.deploymentVersion';
        item.iconPath = new vscode.ThemeIcon(v.version === node.info.version ? 'circle-filled' : 'circle-outline');
        item.command = { command: 'flinkSql.deployment.openSql', title: 'Open Published SQL', arguments: [node] };
        return item;
      }
      case 'otherJobs': {
        const item = new vscode.TreeItem('Other jobs', vscode.TreeItemCollapsibleState.Collapsed);
        item.description = `${node.jobs.length} on the cluster, not from a deployment`;
        return item;
      }
      case 'job': {
        const item = new vscode.TreeItem(node.job.name);
        item.description = `${node.job.state} · ${node.job.jobId}`;
        item.iconPath = new vscode.ThemeIcon(STATE_ICONS[node.job.state] ?? 'circle-outline');
        item.contextValue = `flinkSql.otherJob.${node.job.state}`;
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.text);
        item.iconPath = new vscode.ThemeIcon('warning');
        return item;
      }
    }
  }

  dispose(): void {
    this.stopTimer();
    this.trustListener.dispose();
    this.changed.dispose();
  }
}

function details(d: DeploymentInfo): DeploymentNode[] {
  const out: DeploymentNode[] = [];
  const add = (label: string, description: string | undefined, tooltip?: string) => { if (description) out.push({ kind: 'detail', label, description, tooltip }); };
  add('Job', d.jobId ? `${d.jobId} · ${d.state}` : d.state);
  // A start time, not an uptime: the view redraws only when something changed (see poll).
  add('Started', d.startTime !== undefined ? new Date(d.startTime).toLocaleString() : undefined, d.uptimeMs !== undefined ? `Up ${formatDuration(d.uptimeMs)} when last read` : undefined);
  add('Restarts', d.restarts !== undefined ? String(d.restarts) : undefined);
  add('Last checkpoint', d.lastCheckpoint?.at ? at(d.lastCheckpoint.at) : undefined, d.lastCheckpoint?.path ?? undefined);
  add('Last savepoint', d.lastSavepoint ? at(d.lastSavepoint.at) : undefined, d.lastSavepoint?.path);
  add('Restored from', d.restoredFrom);
  add('Problem', d.error);
  if (d.versions.length) out.push({ kind: 'versions', info: d });
  return out;
}
