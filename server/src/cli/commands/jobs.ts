// `flink-sql jobs [list] | cancel <id> | stop <id> [--drain] | savepoint <id>`: the jobs of a Flink cluster
// through the JobManager REST API — the local cluster of this workspace unless --rest or $FLINK_SQL_REST says otherwise.
import { JobManagerClient, JobManagerError } from '../../flink/restClient';
import { localClusterStatus } from '../../flink/localCluster';
import { parseCommandArgs, UsageError, type CliCommand, type CliIo } from '../command';

const NO_REST = 'no local Flink running: run flink-sql local start, or pass --rest';

export const jobsCommand: CliCommand = {
  name: 'jobs',
  summary: 'List, cancel, stop (with savepoint) or savepoint the jobs of a Flink cluster',
  usage: `Usage: flink-sql jobs [list|cancel|stop|savepoint] [<job-id>] [options]

  list               The cluster's jobs: id, state, name, start time (default action).
  cancel <job-id>    Cancel the job without a savepoint.
  stop <job-id>      Stop the job with a savepoint (--drain first emits MAX_WATERMARK, firing all timers).
  savepoint <job-id> Take a savepoint and keep the job running.

Options:
  --rest URL         JobManager REST URL (default: the local cluster of --dir, or $FLINK_SQL_REST)
  --dir <path>       Workspace directory of the local cluster (default: the current directory)
  --drain            stop: drain the pipeline before stopping
  --savepoint-dir D  stop/savepoint: target directory (default: the cluster's savepoint dir)
  --format text|json Output format (default text). list JSON: [{ "id", "name", "state", "startTime" }];
                     cancel/stop/savepoint JSON: { "id", "ok": true, "savepoint"?: path }
  -h, --help         Show this help

Exit status: 0 success, 1 Flink refused or is unreachable, 2 bad usage or no cluster, 3 internal failure.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      rest: { type: 'string' },
      dir: { type: 'string', default: process.cwd() },
      drain: { type: 'boolean', default: false },
      'savepoint-dir': { type: 'string' },
      format: { type: 'string', default: 'text' },
    });
    const json = values.format === 'json';
    if (!json && values.format !== 'text') throw new UsageError(`unknown --format '${values.format}' (expected text or json)`);
    const [action = 'list', jobId, ...rest] = positionals;
    if (rest.length) throw new UsageError(`unexpected argument '${rest[0]}'`);
    if (!['list', 'cancel', 'stop', 'savepoint'].includes(action)) {
      throw new UsageError(`unknown action '${action}' (expected list, cancel, stop or savepoint)`);
    }
    if (action !== 'list' && !jobId) throw new UsageError(`${action} needs a job id (see flink-sql jobs list)`);
    const restUrl = values.rest ?? process.env.FLINK_SQL_REST ?? (await localClusterStatus(values.dir)).info?.restUrl;
    if (!restUrl) {
      io.stderr(`flink-sql jobs: ${NO_REST}\n`);
      return 2;
    }
    const client = new JobManagerClient(restUrl);
    try {
      if (action === 'list') return await list(client, io, json);
      const id = jobId as string;
      let savepoint: string | undefined;
      if (action === 'cancel') await client.cancel(id);
      if (action === 'stop') {
        const trigger = await client.stopWithSavepoint(id, { drain: values.drain, targetDirectory: values['savepoint-dir'] });
        savepoint = await client.waitForSavepoint(id, trigger);
      }
      if (action === 'savepoint') {
        const trigger = await client.triggerSavepoint(id, { targetDirectory: values['savepoint-dir'] });
        savepoint = await client.waitForSavepoint(id, trigger);
      }
      if (json) io.stdout(JSON.stringify({ id, ok: true, ...(savepoint && { savepoint }) }) + '\n');
      else io.stdout(`${action === 'cancel' ? 'cancelled' : action === 'stop' ? 'stopped' : 'savepoint taken for'} ${id}${savepoint ? ` (savepoint: ${savepoint})` : ''}\n`);
      return 0;
    } catch (error) {
      if (error instanceof JobManagerError) {
        io.stderr(`flink-sql jobs ${action}: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
  },
};

async function list(client: JobManagerClient, io: CliIo, json: boolean): Promise<number> {
  const jobs = (await client.jobs()).sort((a, b) => b['start-time'] - a['start-time']);
  const rows = jobs.map((j) => ({ id: j.jid, name: j.name, state: j.state, startTime: new Date(j['start-time']).toISOString() }));
  if (json) {
    io.stdout(JSON.stringify(rows) + '\n');
    return 0;
  }
  if (!rows.length) {
    io.stdout('no jobs\n');
    return 0;
  }
  const stateWidth = Math.max(5, ...rows.map((r) => r.state.length));
  io.stdout(`${'JOB ID'.padEnd(32)}  ${'STATE'.padEnd(stateWidth)}  ${'STARTED'.padEnd(24)}  NAME\n`);
  for (const r of rows) io.stdout(`${r.id.padEnd(32)}  ${r.state.padEnd(stateWidth)}  ${r.startTime.padEnd(24)}  ${r.name}\n`);
  return 0;
}
