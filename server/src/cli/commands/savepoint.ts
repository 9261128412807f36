// `flink-sql savepoint <deployment>`: a savepoint of the deployment's running job, printed once complete.
import { savepointDeployment } from '../../deploy';
import { parseCommandArgs, UsageError, type CliCommand } from '../command';
import { checkFormat, DEPLOY_OPTIONS, DEPLOY_OPTIONS_HELP, reportFailure, resolver, workspaceOf } from '../deployContext';

export const savepointCommand: CliCommand = {
  name: 'savepoint',
  summary: 'Take a savepoint of a deployment\'s running job',
  usage: `Usage: flink-sql savepoint <deployment> [options]

${DEPLOY_OPTIONS_HELP}
                      json: { "jobId", "savepoint" } once the savepoint is complete

Exit status: 0 taken; 1 Flink refused or is unreachable; 2 bad usage or unknown deployment; 3 internal failure.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, DEPLOY_OPTIONS);
    const json = checkFormat(values.format);
    const [name, ...extra] = positionals;
    if (!name || extra.length) throw new UsageError('savepoint takes exactly one deployment (see flink-sql deployments)');
    try {
      const r = await savepointDeployment(workspaceOf(values.dir), name, resolver(values));
      io.stdout(json ? `${JSON.stringify(r)}\n` : `${name}: savepoint of job ${r.jobId}: ${r.savepoint}\n`);
      return 0;
    } catch (error) {
      return reportFailure(io, 'savepoint', error);
    }
  },
};
