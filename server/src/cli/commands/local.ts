// `flink-sql local start|stop|status|install|list|remove`: the workspace's local Flink session cluster (JobManager,
// TaskManager, SQL Gateway) and the per-user Flink installations it runs from. The JSON of `status` is an interface
// scripts rely on.
import { DistHomeError } from '../../flink/distHome';
import { formatBytes, InstallDeclinedError, installPlan, runPlan } from '../../flink/ensureFlink';
import { listInstallations, removeInstallation } from '../../flink/installations';
import { defaultFlinkVersion, DistNotInstalledError, flinkCacheRoot, resolveFlinkVersion, UnpinnedVersionError } from '../../flink/provision';
import { JavaNotFoundError } from '../../flink/provisionJava';
import { recordedVersions } from '../../flink/localClusterLayout';
import { PortBusyError, PortUnusableError } from '../../flink/localClusterPorts';
import { localClusterFor, localClusters, LocalClusterStartError, type ClusterStatus } from '../../flink/localCluster';
import { InstallCancelledError, MavenError } from '../../flink/provisionMaven';
import { ConnectorsNotInstalledError, pinnedConnectors, UnknownConnectorError } from '../../flink/provisionConnectors';
import { progressLines, refuseInstalls } from '../cliProvisioner';
import { parseCommandArgs, UsageError, type CliCommand, type CliIo } from '../command';

const EXPECTED_ERRORS = [DistNotInstalledError, JavaNotFoundError, PortBusyError, PortUnusableError, LocalClusterStartError, MavenError, UnpinnedVersionError,
  ConnectorsNotInstalledError, UnknownConnectorError, InstallDeclinedError, InstallCancelledError, DistHomeError];

export const localCommand: CliCommand = {
  name: 'local',
  summary: 'Start, stop or inspect the local Flink cluster (JobManager, TaskManager, SQL Gateway)',
  usage: `Usage: flink-sql local <start|stop|status|install|list|remove> [options]

Manages this workspace's local Flink session clusters, one per Flink version (they can run side by
side). Each one's config, logs, checkpoints, savepoints and state (cluster.json) live in
<dir>/.flink/<version>/; ports are picked free at start unless given.

  start    Start the JobManager, a TaskManager and the SQL Gateway; returns once all are healthy.
           Reuses a healthy running cluster; cleans up a stale one first. A version (or connector)
           not installed yet is installed first (progress on stderr), unless --no-install.
  stop     Stop them (SIGTERM, then SIGKILL after a grace period). Works from any process.
           Without --flink-version: every version's cluster in the workspace.
  status   Report whether the cluster runs and where. Without --flink-version: the default version's
           cluster, or else the one other version's that has state; "clusters" lists them all.
  install  Install the pinned Flink jars (and --connectors' jars) if needed: Maven fetches them (with your
           settings.xml), each is checked against its pinned SHA-256. An interrupted install is never taken
           for a complete one; the next one starts over and reuses what Maven already fetched.
  list     The pinned versions, installed or not, with sizes, the install directory and their connectors.
  remove   Remove an installed version (--flink-version; --connectors all also removes its line's connectors).

Installations are per user, shared with the VS Code extension: $FLINK_SQL_STUDIO_CACHE, else
~/.cache/flink-sql-studio. A Flink you already have runs instead of a download: FLINK_HOME (or
FLINK_SQL_STUDIO_FLINK_HOME) naming an unpacked binary release of a supported line. Java: JAVA_HOME or java
on PATH; Maven: FLINK_SQL_STUDIO_MVN or mvn on PATH. \`flink-sql doctor\` checks them.

Options:
  --dir <path>            Workspace directory (default: the current directory)
  --format text|json      Output format (default text). status JSON:
                          { "running": bool, "gateway": url|null, "rest": url|null, "flinkVersion": v|null,
                            "pids": {…}|null, "stale": bool, "problems": [string],
                            "clusters": [{ "flinkVersion", "running", "gateway", "rest" }] }
  --rest-port <n>         start: JobManager REST port (default: a free port)
  --gateway-port <n>      start: SQL Gateway port (default: a free port)
  --flink-version <v>     a pinned version (2.3.0, 1.20.0) or its line (1.20); default: 2.3.0
  --connectors <a,b>      start: put these connectors' pinned jars on the cluster's classpath (installed
                          first if needed), e.g. kafka,jdbc; install: install them (all: every one of
                          the line's); \`flink-sql local list\` names them
  --no-install            start: refuse instead of installing what is missing
  -h, --help              Show this help

Exit status: 0 success (status: running), 1 failure (status: not running), 2 bad usage, 3 internal failure.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      dir: { type: 'string', default: process.cwd() },
      format: { type: 'string', default: 'text' },
      'rest-port': { type: 'string' },
      'gateway-port': { type: 'string' },
      'flink-version': { type: 'string' },
      connectors: { type: 'string' },
      'no-install': { type: 'boolean', default: false },
    });
    const format = values.format;
    if (format !== 'text' && format !== 'json') throw new UsageError(`unknown --format '${format}' (expected text or json)`);
    const [action, ...rest] = positionals;
    if (rest.length) throw new UsageError(`unexpected argument '${rest[0]}'`);
    const json = format === 'json';
    try {
      const connectors = values.connectors?.split(',').map((c) => c.trim()).filter(Boolean);
      switch (action) {
        case 'start':
          if (values['no-install']) refuseInstalls();
          return await start(io, values.dir, json, {
            rest: port(values['rest-port'], '--rest-port'), gateway: port(values['gateway-port'], '--gateway-port'),
          }, values['flink-version'], connectors);
        case 'stop':
          return await stop(io, values.dir, json, values['flink-version']);
        case 'status':
          return await status(io, values.dir, json, values['flink-version']);
        case 'install':
          return await install(io, json, values['flink-version'], connectors);
        case 'list':
          return await list(io, json);
        case 'remove':
          if (!values['flink-version']) throw new UsageError('remove needs --flink-version');
          return remove(io, json, values['flink-version'], connectors?.includes('all') ?? false);
        case undefined:
          throw new UsageError('missing action: start, stop, status, install, list or remove');
        default:
          throw new UsageError(`unknown action '${action}' (expected start, stop, status, install, list or remove)`);
      }
    } catch (error) {
      if (EXPECTED_ERRORS.some((E) => error instanceof E)) {
        io.stderr(`flink-sql local ${action}: ${(error as Error).message}\n`);
        return 1;
      }
      throw error;
    }
  },
};

async function start(io: CliIo, dir: string, json: boolean, ports: { rest?: number; gateway?: number }, flinkVersion?: string, connectors?: string[]): Promise<number> {
  const t0 = Date.now();
  const cluster = localClusterFor(dir, flinkVersion);
  const info = await cluster.start({ ports, connectors, onProgress: (m) => io.stderr(`${m}\n`) });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (json) {
    io.stdout(`${JSON.stringify({ ...info, seconds: Number(seconds) }, null, 2)}\n`);
  } else {
    io.stdout(`${info.reused ? 'Local Flink already running' : `Local Flink ${info.flinkVersion} started in ${seconds} s`}\n` +
      `  SQL Gateway  ${info.gatewayUrl}\n  Web UI/REST  ${info.restUrl}\n  Logs         ${info.logDir}\n` +
      (info.connectors.length ? `  Connectors   ${info.connectors.join(', ')}\n` : ''));
  }
  return 0;
}

async function stop(io: CliIo, dir: string, json: boolean, flinkVersion?: string): Promise<number> {
  const t0 = Date.now();
  const versions = flinkVersion ? [resolveFlinkVersion(flinkVersion)] : recordedVersions(dir);
  const results = await Promise.all((versions.length ? versions : [defaultFlinkVersion()]).map((v) => localClusterFor(dir, v).stop()));
  const result = {
    wasRunning: results.some((r) => r.wasRunning), stopped: results.flatMap((r) => r.stopped), killed: results.flatMap((r) => r.killed),
  };
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (json) io.stdout(`${JSON.stringify({ ...result, seconds: Number(seconds) }, null, 2)}\n`);
  else if (!result.wasRunning) io.stdout(`No local Flink cluster${flinkVersion ? ` ${resolveFlinkVersion(flinkVersion)}` : ''} is recorded in ${dir}/.flink.\n`);
  else io.stdout(`Stopped local Flink (pids ${result.stopped.join(', ') || 'none left'}) in ${seconds} s` +
    `${result.killed.length ? `; killed ${result.killed.join(', ')} after the grace period` : ''}.\n`);
  return 0;
}

async function status(io: CliIo, dir: string, json: boolean, flinkVersion?: string): Promise<number> {
  const all = await localClusters(dir);
  const s = flinkVersion ? await localClusterFor(dir, flinkVersion).status() : pickStatus(all);
  if (json) {
    io.stdout(`${JSON.stringify({
      running: s.running, gateway: s.info?.gatewayUrl ?? null, rest: s.info?.restUrl ?? null,
      flinkVersion: s.info?.flinkVersion ?? null, pids: s.info?.pids ?? null, stale: s.stale, problems: s.problems,
      clusters: all.map((c) => ({ flinkVersion: c.info?.flinkVersion ?? null, running: c.running, gateway: c.info?.gatewayUrl ?? null, rest: c.info?.restUrl ?? null })),
    }, null, 2)}\n`);
  } else if (s.running && s.info) {
    io.stdout(`Local Flink ${s.info.flinkVersion} is running (${s.taskManagers} TaskManager(s)).\n` +
      `  SQL Gateway  ${s.info.gatewayUrl}\n  Web UI/REST  ${s.info.restUrl}\n  Logs         ${s.info.logDir}\n`);
  } else if (s.info) {
    const flag = s.info.flinkVersion === defaultFlinkVersion() ? '' : ` --flink-version ${s.info.flinkVersion}`;
    io.stdout(`Local Flink ${s.info.flinkVersion} is not healthy: ${s.problems.join('; ')}.\nRun 'flink-sql local stop${flag}' then 'flink-sql local start${flag}'.\n`);
  } else {
    io.stdout(`Local Flink${flinkVersion ? ` ${resolveFlinkVersion(flinkVersion)}` : ''} is not running.\n`);
  }
  const others = all.filter((c) => c.info && c.info.flinkVersion !== s.info?.flinkVersion);
  if (!json && others.length) {
    io.stdout(`Also here: ${others.map((c) => `Flink ${c.info!.flinkVersion} (${c.running ? `running, gateway ${c.info!.gatewayUrl}` : 'not healthy'})`).join('; ')}.\n`);
  }
  return s.running ? 0 : 1;
}

/** Without a version: the default version's cluster, else the one with state (a running one first). */
function pickStatus(all: ClusterStatus[]): ClusterStatus {
  return all.find((c) => c.info?.flinkVersion === defaultFlinkVersion()) ?? all.find((c) => c.running) ?? all[0]
    ?? { running: false, stale: false, problems: [] };
}

async function install(io: CliIo, json: boolean, version?: string, connectors: string[] = []): Promise<number> {
  const release = resolveFlinkVersion(version);
  const names = connectors.includes('all') ? Object.keys(pinnedConnectors(release)) : connectors;
  const t0 = Date.now();
  const plan = await installPlan(release, names);
  if (plan.items.length) {
    io.stderr(`Installing ${plan.items.map((i) => i.name).join(', ')} (about ${formatBytes(plan.bytes)}) into ${plan.installRoot}…\n`);
    await runPlan(plan, progressLines(io.stderr));
  }
  const millis = Date.now() - t0;
  const result = { version: release, installRoot: plan.installRoot, installed: plan.items.map((i) => i.name), bytes: plan.bytes, millis, connectors: names };
  if (json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  else if (!plan.items.length) io.stdout(`Flink ${release}${names.length ? ` and ${names.join(', ')}` : ''}: already installed in ${plan.installRoot}.\n`);
  else io.stdout(`Installed ${plan.items.map((i) => i.name).join(', ')} (${formatBytes(plan.bytes)}) into ${plan.installRoot} in ${(millis / 1000).toFixed(1)} s.\n`);
  return 0;
}

async function list(io: CliIo, json: boolean): Promise<number> {
  const r = await listInstallations();
  if (json) {
    io.stdout(`${JSON.stringify(r, null, 2)}\n`);
    return 0;
  }
  io.stdout(`Installations in ${r.installRoot}:\n`);
  for (const i of r.installations) {
    const state = i.userDist ? `runs your own Flink ${i.userDist.version} (${i.userDist.home})`
      : i.installed ? `installed, ${formatBytes(i.bytes)}` : `not installed (about ${formatBytes(i.bytes)} to download)`;
    io.stdout(`  Flink ${i.version}${i.default ? ' (default)' : ''}  ${state}\n`);
    for (const c of i.connectors) io.stdout(`      connector ${c.name.padEnd(13)} ${c.installed ? `installed, ${formatBytes(c.bytes)}` : `not installed (${formatBytes(c.bytes)})`}  ${c.identifiers.join(', ')}\n`);
  }
  for (const d of r.userDists) io.stdout(`  ${d.from === 'setting' ? 'FLINK_SQL_STUDIO_FLINK_HOME' : 'FLINK_HOME'} ${d.home}: ${d.problem ?? `Flink ${d.version}`}\n`);
  return 0;
}

function remove(io: CliIo, json: boolean, version: string, connectors: boolean): number {
  const release = resolveFlinkVersion(version);
  const r = removeInstallation(release, { connectors, cacheRoot: flinkCacheRoot() });
  if (json) io.stdout(`${JSON.stringify({ version: release, ...r }, null, 2)}\n`);
  else io.stdout(r.removed.length ? `Removed ${r.removed.join(', ')} (${formatBytes(r.freedBytes)} freed).\n` : `Flink ${release} is not installed.\n`);
  return 0;
}

function port(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new UsageError(`${flag} must be a port number, got '${value}'`);
  return n;
}
