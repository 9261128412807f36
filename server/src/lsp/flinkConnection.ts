// Turns the client's connection settings into a gateway target: the remote URLs as given, or the workspace's
// local cluster, which this server starts on demand (one start at a time) and stops on request.
import type { Connection } from 'vscode-languageserver';
import type { GatewayTarget } from '../flink/gatewayClient';
import { connectGateway, forgetGateway } from '../flink/gatewayClient';
import { localClusterStatus, localStartCommand, startLocalCluster, stopLocalCluster, type ClusterInfo, type LocalClusterOptions } from '../flink/localCluster';
import { installConnectors } from '../flink/provisionConnectors';
import { resolveFlinkVersion } from '../flink/provision';
import {
  FlinkConnectionStatusNotification,
  type FlinkConnectionParams, type FlinkConnectionStatus,
} from '../protocol';

/** A GatewayTarget plus what the client asked for per request; `headers`/TLS are passed for gateways that need them. */
export type ResolvedTarget = GatewayTarget & {
  key: string;
  flinkVersion?: string;
  headers?: Record<string, string>;
  rejectUnauthorized?: boolean;
};

export class ConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectionError';
  }
}

export class FlinkConnections {
  /** One start per workspace at a time: a second Execute while starting waits for the same start. */
  private readonly starting = new Map<string, Promise<ClusterInfo>>();
  private readonly startAborts = new Map<string, AbortController>();

  constructor(private readonly connection: Connection) {}

  status(s: FlinkConnectionStatus): FlinkConnectionStatus {
    void this.connection.sendNotification(FlinkConnectionStatusNotification, s);
    return s;
  }

  /**
   * The target for a request; starts the local cluster first when asked to (autoStart, the default). A local
   * target is the cluster of `flinkVersion` (the draft's), so a 1.20 draft runs on the 1.20 cluster.
   */
  async resolve(params: FlinkConnectionParams, flinkVersion?: string): Promise<ResolvedTarget> {
    const headers = params.authHeader?.name ? { [params.authHeader.name]: params.authHeader.value } : undefined;
    if (params.target === 'remote') {
      if (!params.gatewayUrl) throw new ConnectionError('No SQL Gateway URL: set flinkSql.gateway.url, or set flinkSql.target to "local".');
      return { key: `remote|${params.gatewayUrl}`, gatewayUrl: params.gatewayUrl, restUrl: params.restUrl || undefined, headers, rejectUnauthorized: params.rejectUnauthorized };
    }
    const dir = params.workspaceDir;
    if (!dir) throw new ConnectionError('The local Flink cluster needs an open workspace folder (its state lives in .flink/).');
    const st = await localClusterStatus(dir, flinkVersion);
    let info = st.running ? st.info : undefined;
    if (!info) {
      const which = flinkVersion ? `Flink ${flinkVersion} cluster` : 'Flink cluster';
      const start = localStartCommand(flinkVersion);
      // "Flink: Start Local Cluster" starts the default version's cluster only: another version's needs the CLI or autoStart.
      if (params.autoStart === false) throw new ConnectionError(start === localStartCommand() ? `The local ${which} is not running: run "Flink: Start Local Cluster" (or ${start}).`
        : `The local ${which} is not running: run ${start} in the workspace folder, or turn on flinkSql.local.autoStart.`);
      info = await this.start(dir, flinkVersion, params.connectors);
    }
    return { key: `local|${info.gatewayUrl}`, gatewayUrl: info.gatewayUrl, restUrl: info.restUrl, flinkVersion: info.flinkVersion };
  }

  async start(workspaceDir: string, flinkVersion?: string, connectors?: string[]): Promise<ClusterInfo> {
    const key = flinkVersion ? `${workspaceDir}|${flinkVersion}` : workspaceDir;
    let pending = this.starting.get(key);
    if (!pending) {
      this.status({ target: 'local', state: 'starting', message: `Starting the local Flink${flinkVersion ? ` ${flinkVersion}` : ''} cluster…` });
      const abort = new AbortController();
      const onProgress = (message: string) => { this.status({ target: 'local', state: 'starting', message }); };
      pending = startWithConnectors({ workspaceDir, flinkVersion, connectors, signal: abort.signal, onProgress });
      this.starting.set(key, pending);
      this.startAborts.set(key, abort);
      pending.then(
        (info) => this.status(running(info)),
        (err: unknown) => this.status({ target: 'local', state: 'stopped', message: errorText(err) }),
      ).finally(() => {
        this.starting.delete(key);
        this.startAborts.delete(key);
      });
    }
    return pending;
  }

  async localCluster(action: 'start' | 'stop' | 'status', workspaceDir: string, connectors?: string[]): Promise<FlinkConnectionStatus> {
    if (action === 'start') return running(await this.start(workspaceDir, undefined, connectors));
    if (action === 'stop') {
      // Stopping while a start is under way cancels the start; it stops what it had started itself.
      this.startAborts.get(workspaceDir)?.abort();
      await this.starting.get(workspaceDir)?.catch(() => undefined);
      const st = await localClusterStatus(workspaceDir);
      if (st.info) forgetGateway({ gatewayUrl: st.info.gatewayUrl });
      const r = await stopLocalCluster(workspaceDir);
      return this.status({ target: 'local', state: 'stopped', message: r.wasRunning ? `Stopped (pids ${r.stopped.join(', ') || 'none left'})` : 'No local cluster was running.' });
    }
    if (this.starting.has(workspaceDir)) return { target: 'local', state: 'starting', message: 'Starting the local Flink cluster…' };
    const st = await localClusterStatus(workspaceDir);
    if (st.running && st.info) return this.status(running(st.info));
    if (st.starting) return this.status({ target: 'local', state: 'starting', logDir: st.info?.logDir, message: 'Another process is starting the local cluster.' });
    if (st.stale) return this.status({ target: 'local', state: 'unhealthy', logDir: st.info?.logDir, message: st.problems.join('; ') });
    return this.status({ target: 'local', state: 'stopped' });
  }

  /** Cheap health check of the configured target (never starts anything). */
  async check(params: FlinkConnectionParams): Promise<FlinkConnectionStatus> {
    if (params.target === 'local') {
      if (!params.workspaceDir) return this.status({ target: 'local', state: 'unknown', message: 'No workspace folder is open.' });
      return this.localCluster('status', params.workspaceDir);
    }
    try {
      const t = await this.resolve(params);
      const { flinkVersion } = await connectGateway(t);
      return this.status({ target: 'remote', state: 'running', flinkVersion, gatewayUrl: t.gatewayUrl, restUrl: t.restUrl });
    } catch (err) {
      if (params.gatewayUrl) forgetGateway({ gatewayUrl: params.gatewayUrl });
      return this.status({ target: 'remote', state: 'unreachable', gatewayUrl: params.gatewayUrl, message: errorText(err) });
    }
  }

  /** After a request failed to reach the gateway: tell the status bar, drop the cached connection. */
  unreachable(params: FlinkConnectionParams, target: ResolvedTarget | undefined, err: unknown): void {
    if (target) forgetGateway(target);
    this.status({ target: params.target, state: 'unreachable', gatewayUrl: target?.gatewayUrl, message: errorText(err) });
  }

  reachable(params: FlinkConnectionParams, target: ResolvedTarget, flinkVersion: string): void {
    this.status({ target: params.target, state: 'running', flinkVersion, gatewayUrl: target.gatewayUrl, restUrl: target.restUrl });
  }
}

function running(info: ClusterInfo): FlinkConnectionStatus {
  return { target: 'local', state: 'running', flinkVersion: info.flinkVersion, gatewayUrl: info.gatewayUrl, restUrl: info.restUrl, logDir: info.logDir };
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Installs the connectors' pinned jars first when missing (provisioning through Maven), then starts the cluster. */
async function startWithConnectors(opts: LocalClusterOptions): Promise<ClusterInfo> {
  if (opts.connectors?.length) await installConnectors({ version: resolveFlinkVersion(opts.flinkVersion), names: opts.connectors, onProgress: opts.onProgress });
  return startLocalCluster(opts);
}
