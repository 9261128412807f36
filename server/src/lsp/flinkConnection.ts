// Turns the client's connection settings into a gateway target: the remote URLs as given, or the workspace's
// local cluster of the draft's Flink version, which this server starts on demand (one start per version at a
// time) and starts, stops and inspects on request (the palette's Start/Stop Local Cluster).
import type { Connection } from 'vscode-languageserver';
import type { GatewayTarget } from '../flink/gatewayClient';
import { connectGateway, forgetGateway } from '../flink/gatewayClient';
import { localClusterStatus, localStartCommand, startLocalCluster, stopLocalCluster, type ClusterInfo, type LocalClusterOptions } from '../flink/localCluster';
import { recordedVersions } from '../flink/localClusterLayout';
import { installConnectors } from '../flink/provisionConnectors';
import { resolveFlinkVersion } from '../flink/provision';
import { moveUserinfo, redactUrl, withAuthorization } from '../flink/urlCredentials';
import { unsealForServer } from '../util/sealed';
import { clientSecretResolver, EDITOR_HINTS } from './secretHandlers';
import {
  FlinkConnectionStatusNotification,
  type FlinkConnectionParams, type FlinkConnectionStatus, type FlinkLocalClusterParams,
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
  /** One start per workspace and pinned version at a time (startKey): a second Execute while starting waits for the same start. */
  private readonly starting = new Map<string, Promise<ClusterInfo>>();
  private readonly startAborts = new Map<string, AbortController>();

  constructor(private readonly connection: Connection) {}

  /** How references are resolved for a send from this editor (asked of the client only when a statement leaves). */
  secretOptions(): Pick<GatewayTarget, 'secrets' | 'secretHints'> {
    return { secrets: clientSecretResolver(this.connection), secretHints: EDITOR_HINTS };
  }

  status(s: FlinkConnectionStatus): FlinkConnectionStatus {
    void this.connection.sendNotification(FlinkConnectionStatusNotification, s);
    return s;
  }

  /**
   * The target for a request; starts the local cluster first when asked to (autoStart, the default). A local
   * target is the cluster of `flinkVersion` (the draft's), so a 1.20 draft runs on the 1.20 cluster.
   */
  async resolve(params: FlinkConnectionParams, flinkVersion?: string): Promise<ResolvedTarget> {
    if (params.target === 'remote') {
      if (!params.gatewayUrl) throw new ConnectionError('No SQL Gateway URL: set flinkSql.gateway.url, or set flinkSql.target to "local".');
      // Userinfo becomes a header here, so the URL that reaches messages, status and version records carries none.
      const { url: gatewayUrl, authorization } = moveUserinfo(params.gatewayUrl);
      const header = authHeaderOf(params);
      const given = header?.name ? { [header.name]: header.value } : {};
      const headers = withAuthorization(given, authorization);
      return {
        key: `remote|${gatewayUrl}`, gatewayUrl, restUrl: params.restUrl || undefined, ...(Object.keys(headers).length && { headers }),
        rejectUnauthorized: params.rejectUnauthorized, allowInsecureAuth: params.allowInsecureAuth, ...this.secretOptions(),
      };
    }
    const dir = params.workspaceDir;
    if (!dir) throw new ConnectionError('The local Flink cluster needs an open workspace folder (its state lives in .flink/).');
    const st = await localClusterStatus(dir, flinkVersion);
    let info = st.running ? st.info : undefined;
    if (!info) {
      const which = flinkVersion ? `Flink ${flinkVersion} cluster` : 'Flink cluster';
      // "Flink: Start Local Cluster" starts the cluster of the active draft's version, whichever it is.
      if (params.autoStart === false) throw new ConnectionError(`The local ${which} is not running: run "Flink: Start Local Cluster" with the draft open `
        + `(or ${localStartCommand(flinkVersion)} in the workspace folder), or turn on flinkSql.local.autoStart.`);
      info = await this.start(dir, flinkVersion, params.connectors);
    }
    return { key: `local|${info.gatewayUrl}`, gatewayUrl: info.gatewayUrl, restUrl: info.restUrl, flinkVersion: info.flinkVersion, localCluster: { python: info.python, flinkVersion: info.flinkVersion }, ...this.secretOptions() };
  }

  async start(workspaceDir: string, flinkVersion?: string, connectors?: string[]): Promise<ClusterInfo> {
    const key = startKey(workspaceDir, flinkVersion);
    let pending = this.starting.get(key);
    if (!pending) {
      this.status({ target: 'local', state: 'starting', message: `Starting the local ${clusterName(flinkVersion)}…` });
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

  /**
   * The palette's start / stop / status of one version's local cluster (`flinkVersion`, default: the default
   * version's); a stop with `allVersions` stops every cluster recorded in the workspace.
   */
  async localCluster(action: FlinkLocalClusterParams['action'], workspaceDir: string,
    opts: Pick<FlinkLocalClusterParams, 'flinkVersion' | 'allVersions' | 'connectors'> = {}): Promise<FlinkConnectionStatus> {
    const { flinkVersion } = opts;
    if (action === 'start') return running(await this.start(workspaceDir, flinkVersion, opts.connectors));
    if (action === 'stop') return opts.allVersions ? this.stopAll(workspaceDir) : this.stop(workspaceDir, flinkVersion);
    if (this.starting.has(startKey(workspaceDir, flinkVersion))) return { target: 'local', state: 'starting', message: `Starting the local ${clusterName(flinkVersion)}…` };
    const st = await localClusterStatus(workspaceDir, flinkVersion);
    if (st.running && st.info) return this.status(running(st.info));
    const version = st.info?.flinkVersion ?? versionOf(flinkVersion);
    if (st.starting) return this.status({ target: 'local', state: 'starting', flinkVersion: version, logDir: st.info?.logDir, message: `Another process is starting the local ${clusterName(version)}.` });
    if (st.stale) return this.status({ target: 'local', state: 'unhealthy', flinkVersion: version, logDir: st.info?.logDir, message: st.problems.join('; ') });
    return this.status({ target: 'local', state: 'stopped', flinkVersion: version });
  }

  /** Stops one version's cluster; stopping while its start is under way cancels the start (which stops what it had started). */
  private async stop(workspaceDir: string, flinkVersion?: string): Promise<FlinkConnectionStatus> {
    const version = versionOf(flinkVersion);
    const r = await this.stopVersions(workspaceDir, [version]);
    return this.status({ target: 'local', state: 'stopped', flinkVersion: version,
      message: r.stopped.length ? `Stopped the local Flink ${version} cluster (pids ${r.pids.join(', ') || 'none left'})` : `No local Flink ${version} cluster was running.` });
  }

  /** Stops every version's cluster of the workspace: those recorded in .flink/ and those this server is starting. */
  private async stopAll(workspaceDir: string): Promise<FlinkConnectionStatus> {
    const starting = [...this.starting.keys()].filter((k) => k.startsWith(`${workspaceDir}|`)).map((k) => k.slice(workspaceDir.length + 1));
    const r = await this.stopVersions(workspaceDir, [...new Set([...recordedVersions(workspaceDir), ...starting])]);
    return this.status({ target: 'local', state: 'stopped',
      message: r.stopped.length ? `Stopped the local Flink ${r.stopped.join(' and ')} cluster${r.stopped.length > 1 ? 's' : ''} (pids ${r.pids.join(', ') || 'none left'})` : 'No local cluster was running.' });
  }

  private async stopVersions(workspaceDir: string, versions: string[]): Promise<{ stopped: string[]; pids: number[] }> {
    const results = await Promise.all(versions.map(async (version) => {
      const key = startKey(workspaceDir, version);
      this.startAborts.get(key)?.abort();
      await this.starting.get(key)?.catch(() => undefined);
      const st = await localClusterStatus(workspaceDir, version);
      if (st.info) forgetGateway({ gatewayUrl: st.info.gatewayUrl });
      return { version, r: await stopLocalCluster(workspaceDir, { flinkVersion: version }) };
    }));
    const stopped = results.filter((x) => x.r.wasRunning);
    return { stopped: stopped.map((x) => x.version), pids: stopped.flatMap((x) => x.r.stopped) };
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
      return this.status({ target: 'remote', state: 'running', flinkVersion, gatewayUrl: t.gatewayUrl, restUrl: shown(t.restUrl) });
    } catch (err) {
      if (params.gatewayUrl) forgetGateway({ gatewayUrl: params.gatewayUrl });
      return this.status({ target: 'remote', state: 'unreachable', gatewayUrl: shown(params.gatewayUrl), message: errorText(err) });
    }
  }

  /** After a request failed to reach the gateway: tell the status bar, drop the cached connection. */
  unreachable(params: FlinkConnectionParams, target: ResolvedTarget | undefined, err: unknown): void {
    if (target) forgetGateway(target);
    this.status({ target: params.target, state: 'unreachable', gatewayUrl: shown(target?.gatewayUrl), message: errorText(err) });
  }

  reachable(params: FlinkConnectionParams, target: ResolvedTarget, flinkVersion: string): void {
    this.status({ target: params.target, state: 'running', flinkVersion, gatewayUrl: shown(target.gatewayUrl), restUrl: shown(target.restUrl) });
  }
}

/** Starts and aborts are keyed by the pinned version, so "1.20", "1.20.0" and no version (the default's) meet. */
function startKey(workspaceDir: string, flinkVersion?: string): string {
  return `${workspaceDir}|${versionOf(flinkVersion)}`;
}

/** The pinned version meant (a full version as given: a cluster recorded for an older pin can still be stopped). */
function versionOf(flinkVersion?: string): string {
  if (flinkVersion && /^\d+\.\d+\.\d+$/.test(flinkVersion)) return flinkVersion;
  try {
    return resolveFlinkVersion(flinkVersion);
  } catch {
    return flinkVersion ?? ''; // not pinned: the start or stop itself says so
  }
}

function clusterName(flinkVersion?: string): string {
  return `Flink ${versionOf(flinkVersion)} cluster`;
}

function running(info: ClusterInfo): FlinkConnectionStatus {
  return { target: 'local', state: 'running', flinkVersion: info.flinkVersion, gatewayUrl: info.gatewayUrl, restUrl: info.restUrl, logDir: info.logDir };
}

/** The auth header, opened when the client sealed it (util/sealed.ts). A seal this process cannot open is an error, not "no header". */
function authHeaderOf(params: FlinkConnectionParams): { name: string; value: string } | undefined {
  if (params.sealedAuthHeader === undefined) return params.authHeader;
  const text = unsealForServer(params.sealedAuthHeader);
  let header: unknown;
  try {
    header = text === undefined ? undefined : JSON.parse(text);
  } catch {
    header = undefined;
  }
  const h = header as { name?: unknown; value?: unknown } | undefined;
  if (typeof h?.name !== 'string' || typeof h.value !== 'string') {
    throw new ConnectionError('The auth header could not be read (it was sealed for another language server process): restart the language server, or set the header again.');
  }
  return { name: h.name, value: h.value };
}

export function errorText(err: unknown): string {
  return redactUrl(err instanceof Error ? err.message : String(err));
}

/** A URL as the status bar may show it: without userinfo. */
function shown(url: string | undefined): string | undefined {
  return url === undefined ? undefined : moveUserinfo(url).url;
}

/** Installs the connectors' pinned jars first when missing (provisioning through Maven), then starts the cluster. */
async function startWithConnectors(opts: LocalClusterOptions): Promise<ClusterInfo> {
  if (opts.connectors?.length) await installConnectors({ version: resolveFlinkVersion(opts.flinkVersion), names: opts.connectors, onProgress: opts.onProgress });
  return startLocalCluster(opts);
}
