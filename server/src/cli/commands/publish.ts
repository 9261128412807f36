// `flink-sql publish <draft>`: the draft becomes a new deployment version and a running job (an upgrade when
// its deployment runs already). JSON: { deployment, version, jobId, target, restoredFrom? }.
import { publish, PUBLISH_TARGETS, readPublishSource, type PublishTarget } from '../../deploy';
import { parseCommandArgs, UsageError, type CliCommand } from '../command';
import { checkFormat, DEPLOY_OPTIONS, DEPLOY_OPTIONS_HELP, progressTo, reportFailure, resolver, sessionCluster, workspaceOf } from '../deployContext';
import { cliSecrets } from '../gatewayTarget';

export const publishCommand: CliCommand = {
  name: 'publish',
  summary: 'Publish a draft as a long-running deployment (a republish upgrades it from a savepoint)',
  usage: `Usage: flink-sql publish <draft> [--target session|per-job|k8s] [options]

Checks the draft (local checks, then Flink's planner), records a version under .flink/deployments/<name>/
(SQL, config, resolved configuration, Flink version, target, git commit) and deploys it with its deployment
config (<name>.deployment.yaml; none: a session deployment with the defaults). When the deployment runs
already it is upgraded: stopped with a savepoint (drained when behavior.stopWithDrain), then restarted from
the state behavior.restoreStrategy picks (latest-savepoint, latest-state, none).

Options:
  --target T          session | per-job | k8s (default: the config's target)
${DEPLOY_OPTIONS_HELP}
                      json: { "deployment", "version", "jobId", "target", "restoredFrom"?: { "kind", "path" } }

Per-job: a cluster of its own for this job (locally an application-mode cluster running the SQL runner
shipped with flink-sql, stopped when the job ends). k8s: writes <name>.k8s.yaml beside the draft, a Flink
Kubernetes Operator FlinkDeployment plus the ConfigMap with the script (nothing is applied), and beside it
flink-sql-runner/ (a Dockerfile and the runner jar) to build the image it names.

Exit status: 0 published and running (k8s: exported); 1 the draft has errors, Flink refused, the upgrade's savepoint failed or the
cluster is unreachable; 2 bad usage or no cluster; 3 internal failure.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { ...DEPLOY_OPTIONS, target: { type: 'string' } });
    const json = checkFormat(values.format);
    const [draft, ...extra] = positionals;
    if (!draft || extra.length) throw new UsageError('publish takes exactly one draft');
    if (values.target !== undefined && !(PUBLISH_TARGETS as readonly string[]).includes(values.target)) {
      throw new UsageError(`unknown --target '${values.target}' (expected ${PUBLISH_TARGETS.join(', ')})`);
    }
    try {
      const source = readPublishSource(draft, values.target as PublishTarget | undefined);
      // The cluster of the draft's Flink version; a per-job or k8s publish needs none (one only checks the draft on the planner first).
      const found = await sessionCluster(values, source.resolved.flinkVersion);
      const cluster = 'error' in found ? {} : found;
      if (source.target === 'session' && 'error' in found) {
        io.stderr(`flink-sql publish: ${found.error}\n`);
        return 2;
      }
      const r = await publish({ workspaceDir: workspaceOf(values.dir), source, ...cluster, ...cliSecrets(), jobManagers: resolver(values), onEvent: progressTo(io) });
      if (json) {
        io.stdout(`${JSON.stringify({ deployment: r.deployment, version: r.version, jobId: r.jobId, target: r.target, ...(r.restoredFrom && { restoredFrom: r.restoredFrom }), ...(r.state && { state: r.state }), ...(r.runningAfterMs !== undefined && { runningAfterMs: r.runningAfterMs }), ...(r.downtimeMs !== undefined && { downtimeMs: r.downtimeMs }), ...(r.manifest && { manifest: r.manifest }) })}\n`);
      } else {
        const restored = r.restoredFrom ? `, restored from ${r.restoredFrom.kind} ${r.restoredFrom.path}` : '';
        const timing = r.runningAfterMs !== undefined ? ` (RUNNING after ${(r.runningAfterMs / 1000).toFixed(1)} s${r.downtimeMs !== undefined ? `, downtime ${(r.downtimeMs / 1000).toFixed(1)} s` : ''})` : '';
        io.stdout(`${r.deployment} v${r.version} ${r.target}${r.jobId ? ` job ${r.jobId}` : ''}${r.state ? ` ${r.state}` : ''}${restored}${timing}${r.manifest ? ` manifest ${r.manifest}` : ''}\n`);
      }
      return r.state === undefined || r.state === 'RUNNING' ? 0 : 1;
    } catch (error) {
      return reportFailure(io, 'publish', error);
    }
  },
};
