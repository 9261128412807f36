// `flink-sql stop <deployment> [--drain] [--savepoint]`: stops the deployment's job — with a savepoint (drained
// first with --drain), or cancelled without one. JSON: { jobId, state, savepoint? }.
import { stopDeployment } from '../../deploy';
import { parseCommandArgs, UsageError, type CliCommand } from '../command';
import { checkFormat, DEPLOY_OPTIONS, DEPLOY_OPTIONS_HELP, reportFailure, resolver, workspaceOf } from '../deployContext';

export const stopCommand: CliCommand = {
  name: 'stop',
  summary: 'Stop a deployment\'s job (with a savepoint, optionally drained; else cancel)',
  usage: `Usage: flink-sql stop <deployment> [--drain] [--savepoint] [options]

  --savepoint         Stop with a savepoint (recorded: a later publish with latest-savepoint restores it)
  --drain             Emit MAX_WATERMARK first, firing all event-time timers (implies --savepoint)
  Neither: the job is cancelled without a savepoint.
${DEPLOY_OPTIONS_HELP}
                      json: { "jobId", "state", "savepoint"? }

Exit status: 0 stopped; 1 Flink refused or is unreachable; 2 bad usage or unknown deployment; 3 internal failure.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { ...DEPLOY_OPTIONS, drain: { type: 'boolean', default: false }, savepoint: { type: 'boolean', default: false } });
    const json = checkFormat(values.format);
    const [name, ...extra] = positionals;
    if (!name || extra.length) throw new UsageError('stop takes exactly one deployment (see flink-sql deployments)');
    try {
      const r = await stopDeployment(workspaceOf(values.dir), name, resolver(values), { drain: values.drain, savepoint: values.savepoint });
      io.stdout(json ? `${JSON.stringify(r)}\n` : `${name}: job ${r.jobId} ${r.state}${r.savepoint ? ` (savepoint ${r.savepoint})` : ''}\n`);
      return 0;
    } catch (error) {
      return reportFailure(io, 'stop', error);
    }
  },
};
