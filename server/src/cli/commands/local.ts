// `flink-sql local start|stop|status|install`: the workspace's local Flink session cluster (JobManager,
// TaskManager, SQL Gateway) from the command line. The JSON of `status` is an interface scripts rely on.
import { DistNotInstalledError, installFlink } from '../../flink/provision';
import { JavaNotFoundError } from '../../flink/provisionJava';
import { PortBusyError, PortUnusableError } from '../../flink/localClusterPorts';
import { localClusterStatus, LocalClusterStartError, startLocalCluster, stopLocalCluster } from '../../flink/localCluster';
import { MavenError } from '../../flink/provisionMaven';
import { parseCommandArgs, UsageError, type CliCommand, type CliIo } from '../command';

const EXPECTED_ERRORS = [DistNotInstalledError, JavaNotFoundError, PortBusyError, PortUnusableError, LocalClusterStartError, MavenError];

export const localCommand: CliCommand = {
  name: 'local',
  summary: 'Start, stop or inspect the local Flink cluster (JobManager, TaskManager, SQL Gateway)',
  usage: `Usage: flink-sql local <start|stop|status|install> [options]

Manages this workspace's local Flink session cluster. Its config, logs, checkpoints, savepoints and
state (cluster.json) live in <dir>/.flink/; ports are picked free at start unless given.

  start    Start the JobManager, a TaskManager and the SQL Gateway; returns once all are healthy.
           Reuses a healthy running cluster; cleans up a stale one first.
  stop     Stop them (SIGTERM, then SIGKILL after a grace period). Works from any process.
  status   Report whether the cluster runs and where.
  install  Install the pinned Flink jars if needed (same as npm run flink:install).

Options:
  --dir <path>            Workspace directory (default: the current directory)
  --format text|json      Output format (default text). status JSON:
                          { "running": bool, "gateway": url|null, "rest": url|null, "flinkVersion": v|null,
                            "pids": {…}|null, "stale": bool, "problems": [string] }
  --rest-port <n>         start: JobManager REST port (default: a free port)
  --gateway-port <n>      start: SQL Gateway port (default: a free port)
  --flink-version <v>     start/install: a version pinned in scripts/flink-dist.json
  -h, --help              Show this help

Exit status: 0 success (status: running), 1 failure (status: not running), 2 bad usage, 3 internal failure.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      dir: { type: 'string', default: process.cwd() },
      format: { type: 'string', default: 'text' },
      'rest-port': { type: 'string' },
      'gateway-port': { type: 'string' },
      'flink-version': { type: 'string' },
    });
    const format = values.format;
    if (format !== 'text' && format !== 'json') throw new UsageError(`unknown --format '${format}' (expected text or json)`);
    const [action, ...rest] = positionals;
    if (rest.length) throw new UsageError(`unexpected argument '${rest[0]}'`);
    const json = format === 'json';
    try {
      switch (action) {
        case 'start':
          return await start(io, values.dir, json, {
            rest: port(values['rest-port'], '--rest-port'), gateway: port(values['gateway-port'], '--gateway-port'),
          }, values['flink-version']);
        case 'stop':
          return await stop(io, values.dir, json);
        case 'status':
          return await status(io, values.dir, json);
        case 'install':
          return await install(io, json, values['flink-version']);
        case undefined:
          throw new UsageError('missing action: start, stop, status or install');
        default:
          throw new UsageError(`unknown action '${action}' (expected start, stop, status or install)`);
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

async function start(io: CliIo, dir: string, json: boolean, ports: { rest?: number; gateway?: number }, flinkVersion?: string): Promise<number> {
  const t0 = Date.now();
  const info = await startLocalCluster({
    workspaceDir: dir, flinkVersion, ports, onProgress: (m) => io.stderr(`${m}\n`),
  });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (json) {
    io.stdout(`${JSON.stringify({ ...info, seconds: Number(seconds) }, null, 2)}\n`);
  } else {
    io.stdout(`${info.reused ? 'Local Flink already running' : `Local Flink ${info.flinkVersion} started in ${seconds} s`}\n` +
      `  SQL Gateway  ${info.gatewayUrl}\n  Web UI/REST  ${info.restUrl}\n  Logs         ${info.logDir}\n`);
  }
  return 0;
}

async function stop(io: CliIo, dir: string, json: boolean): Promise<number> {
  const t0 = Date.now();
  const result = await stopLocalCluster(dir);
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (json) io.stdout(`${JSON.stringify({ ...result, seconds: Number(seconds) }, null, 2)}\n`);
  else if (!result.wasRunning) io.stdout(`No local Flink cluster is recorded in ${dir}/.flink.\n`);
  else io.stdout(`Stopped local Flink (pids ${result.stopped.join(', ') || 'none left'}) in ${seconds} s` +
    `${result.killed.length ? `; killed ${result.killed.join(', ')} after the grace period` : ''}.\n`);
  return 0;
}

async function status(io: CliIo, dir: string, json: boolean): Promise<number> {
  const s = await localClusterStatus(dir);
  if (json) {
    io.stdout(`${JSON.stringify({
      running: s.running, gateway: s.info?.gatewayUrl ?? null, rest: s.info?.restUrl ?? null,
      flinkVersion: s.info?.flinkVersion ?? null, pids: s.info?.pids ?? null, stale: s.stale, problems: s.problems,
    }, null, 2)}\n`);
  } else if (s.running && s.info) {
    io.stdout(`Local Flink ${s.info.flinkVersion} is running (${s.taskManagers} TaskManager(s)).\n` +
      `  SQL Gateway  ${s.info.gatewayUrl}\n  Web UI/REST  ${s.info.restUrl}\n  Logs         ${s.info.logDir}\n`);
  } else if (s.info) {
    io.stdout(`Local Flink is not healthy: ${s.problems.join('; ')}.\nRun 'flink-sql local stop' then 'flink-sql local start'.\n`);
  } else {
    io.stdout('Local Flink is not running.\n');
  }
  return s.running ? 0 : 1;
}

async function install(io: CliIo, json: boolean, version?: string): Promise<number> {
  const r = await installFlink({ version, onProgress: (m) => io.stderr(`${m}\n`) });
  if (json) io.stdout(`${JSON.stringify({ version: r.dist.version, home: r.dist.home, alreadyInstalled: r.alreadyInstalled, bytes: r.bytes, files: r.files, millis: r.millis }, null, 2)}\n`);
  else io.stdout(`Flink ${r.dist.version} ${r.alreadyInstalled ? 'is installed' : 'installed'} in ${r.dist.home} (${r.files} jars, ${(r.bytes / 1e6).toFixed(0)} MB).\n`);
  return 0;
}

function port(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new UsageError(`${flag} must be a port number, got '${value}'`);
  return n;
}
