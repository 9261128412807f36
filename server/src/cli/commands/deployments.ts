// `flink-sql deployments`: the workspace's deployments with their live state on Flink, and the cluster's
// other jobs. JSON: [{ deployment, version, jobId, state, target }] (a corrupt record: state CORRUPT, error).
import { deploymentStatuses } from '../../deploy';
import { parseCommandArgs, UsageError, type CliCommand } from '../command';
import { checkFormat, DEPLOY_OPTIONS, DEPLOY_OPTIONS_HELP, reportFailure, resolver, workspaceOf } from '../deployContext';

export const deploymentsCommand: CliCommand = {
  name: 'deployments',
  summary: 'List the workspace\'s deployments with their live job state',
  usage: `Usage: flink-sql deployments [options]

Options:
${DEPLOY_OPTIONS_HELP}
                      json: [{ "deployment", "version", "jobId", "state", "target", "uptimeMs"?, "restarts"?, "error"? }]
                      state: the job's state on Flink (RUNNING, RESTARTING, FAILED, FINISHED, CANCELED…), or
                      PUBLISH_FAILED, UNKNOWN (the cluster no longer knows the job), UNREACHABLE, CORRUPT

Exit status: 0 listed; 1 a record is corrupted (it is listed, with the reason); 3 internal failure.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, DEPLOY_OPTIONS);
    const json = checkFormat(values.format);
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    try {
      const list = await deploymentStatuses(workspaceOf(values.dir), resolver(values), { details: true });
      if (json) {
        io.stdout(`${JSON.stringify(list.map((d) => ({
          deployment: d.deployment, version: d.version, jobId: d.jobId, state: d.state, target: d.target,
          ...(d.uptimeMs !== undefined && { uptimeMs: d.uptimeMs }), ...(d.restarts !== undefined && { restarts: d.restarts }),
          ...(d.lastSavepoint && { lastSavepoint: d.lastSavepoint.path }), ...(d.error && { error: d.error }),
        })))}\n`);
      } else if (!list.length) {
        io.stdout('no deployments (flink-sql publish <draft>)\n');
      } else {
        io.stdout(`${'DEPLOYMENT'.padEnd(24)} ${'VER'.padEnd(4)} ${'TARGET'.padEnd(8)} ${'STATE'.padEnd(14)} JOB ID\n`);
        for (const d of list) {
          io.stdout(`${d.deployment.padEnd(24)} ${`v${d.version ?? '-'}`.padEnd(4)} ${(d.target ?? '-').padEnd(8)} ${d.state.padEnd(14)} ${d.jobId ?? '-'}\n`);
          if (d.error) io.stderr(`  ${d.deployment}: ${d.error}\n`);
        }
      }
      return list.some((d) => d.state === 'CORRUPT') ? 1 : 0;
    } catch (error) {
      return reportFailure(io, 'deployments', error);
    }
  },
};
