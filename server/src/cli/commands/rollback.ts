// `flink-sql rollback <deployment> <version>`: publishes an earlier version's SQL and config again (as a new
// version; a running job is upgraded from a savepoint, after the upgrade check). Prints what publish prints.
import { DeploymentStore, republishVersion } from '../../deploy';
import { parseCommandArgs, UsageError, type CliCommand } from '../command';
import { checkFormat, DEPLOY_OPTIONS, DEPLOY_OPTIONS_HELP, progressTo, reportFailure, resolver, sessionCluster, workspaceOf } from '../deployContext';
import { cliSecrets } from '../gatewayTarget';

export const rollbackCommand: CliCommand = {
  name: 'rollback',
  summary: 'Roll a deployment back to an earlier version (republished as a new version)',
  usage: `Usage: flink-sql rollback <deployment> <version> [--allow-state-loss] [options]

A running version is upgraded as by publish, after the same upgrade check: when the running version's state would
be dropped or cannot be read by the earlier version, nothing is touched unless --allow-state-loss.

  --allow-state-loss  Roll back even when the check says state is lost
${DEPLOY_OPTIONS_HELP}
                      json: as flink-sql publish: { "deployment", "version", "jobId", "target", "restoredFrom"? }

Exit status: as flink-sql publish.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { ...DEPLOY_OPTIONS, 'allow-state-loss': { type: 'boolean' } });
    const json = checkFormat(values.format);
    const [name, versionText, ...extra] = positionals;
    const version = Number((versionText ?? '').replace(/^v/i, ''));
    if (!name || !Number.isInteger(version) || version < 1 || extra.length) throw new UsageError('rollback takes a deployment and a version number, e.g. rollback orders 3');
    try {
      const store = new DeploymentStore(workspaceOf(values.dir));
      store.require(name);
      // The stored version runs again where it ran: the local cluster of its Flink version; per-job and k8s need none.
      const stored = store.version(name, version);
      const found = await sessionCluster(values, stored.flinkVersion);
      if (stored.target === 'session' && 'error' in found) {
        io.stderr(`flink-sql rollback: ${found.error}\n`);
        return 2;
      }
      const cluster = 'error' in found ? {} : found;
      const r = await republishVersion(name, version, { workspaceDir: workspaceOf(values.dir), ...cluster, ...cliSecrets(), jobManagers: resolver(values), onEvent: progressTo(io), allowStateLoss: values['allow-state-loss'] === true });
      const out = { deployment: r.deployment, version: r.version, jobId: r.jobId, target: r.target, ...(r.restoredFrom && { restoredFrom: r.restoredFrom }), ...(r.state && { state: r.state }) };
      io.stdout(json ? `${JSON.stringify(out)}\n` : `${r.deployment} v${r.version} (from v${version}) job ${r.jobId ?? '-'} ${r.state ?? ''}\n`);
      return r.state === undefined || r.state === 'RUNNING' ? 0 : 1;
    } catch (error) {
      return reportFailure(io, 'rollback', error);
    }
  },
};
