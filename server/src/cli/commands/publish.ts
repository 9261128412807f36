// `flink-sql publish <draft>`: the draft becomes a new deployment version and a running job (an upgrade when
// its deployment runs already). JSON: { deployment, version, jobId, target, restoredFrom? }.
import { publish, PUBLISH_TARGETS, readPublishSource, StateLossError, type PublishTarget } from '../../deploy';
import { describeUpgrade } from '../../upgrade/upgradeCheck';
import { parseCommandArgs, UsageError, type CliCommand } from '../command';
import { checkFormat, DEPLOY_OPTIONS, DEPLOY_OPTIONS_HELP, progressTo, reportFailure, resolver, sessionCluster, workspaceOf } from '../deployContext';
import { cliSecrets } from '../gatewayTarget';

export const publishCommand: CliCommand = {
  name: 'publish',
  summary: 'Publish a draft as a long-running deployment (a republish upgrades it from a savepoint)',
  usage: `Usage: flink-sql publish <draft> [--target session|per-job|k8s] [--check | --allow-state-loss] [--from-plan] [options]

Checks the draft (local checks, then Flink's planner), records a version under .flink/deployments/<name>/
(SQL, config, resolved configuration, Flink version, target, git commit) and deploys it with its deployment
config (<name>.deployment.yaml; none: a session deployment with the defaults). When the deployment runs
already it is upgraded: stopped with a savepoint (drained when behavior.stopWithDrain), then restarted from
the state behavior.restoreStrategy picks (latest-savepoint, latest-state, none).

Before an upgrade stops the running version, the upgrade check takes a savepoint of it (it keeps running) and
compares the operators that keep state (and their keys) with the operator ids and keys the new version's job
gets: "compatible" (the state carries over), "state-dropped" (some state has no operator to go to), "incompatible"
(an operator keeps its id but its key changed: Flink cannot read that state), or "unknown" (with why). On
state-dropped or incompatible nothing is touched unless --allow-state-loss (state-dropped: restore without that
state; incompatible: start with fresh state).

Each session version keeps its compiled plan (Flink's COMPILE PLAN JSON, plan.json in its folder). When only the
configuration or the Flink version changed (the statements other than SET are the running version's), --from-plan
publishes that plan again (EXECUTE PLAN): the operators run as compiled, so they keep their ids and state even where
planning the SQL again would not (mini-batch turned on, a new optimizer); planner options changed since do not apply.

Options:
  --target T          session | per-job | k8s (default: the config's target)
  --check             Only run the upgrade check against the running version; publish nothing
  --allow-state-loss  Publish even when the check says state is lost (that state restarts from zero)
  --from-plan         Publish the running version's compiled plan with the draft's configuration (statements unchanged)
${DEPLOY_OPTIONS_HELP}
                      json: { "deployment", "version", "jobId", "target", "restoredFrom"?: { "kind", "path" },
                              "upgrade"?: { "verdict", "operators": [{ "id", "name"?, "stateBytes", "verdict", "keyType"?, "nextKeyType"?, "valueChanges"?, "where"? }],
                                            "savepoint"?, "reason"?, "elapsedMs" } }

Per-job: a cluster of its own for this job (locally an application-mode cluster running the SQL runner
shipped with flink-sql, stopped when the job ends). k8s: writes <name>.k8s.yaml beside the draft, a Flink
Kubernetes Operator FlinkDeployment plus the ConfigMap with the script (nothing is applied), and beside it
flink-sql-runner/ (a Dockerfile and the runner jar) to build the image it names.

Exit status: 0 published and running (k8s: exported); 1 the draft has errors, Flink refused, the upgrade check found
state that would be dropped, the upgrade's savepoint failed or the cluster is unreachable; 2 bad usage or no cluster;
3 internal failure. With --check: 0 compatible (or nothing runs), 1 state would be lost (dropped or incompatible) or the check could not decide.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { ...DEPLOY_OPTIONS, target: { type: 'string' }, check: { type: 'boolean' }, 'allow-state-loss': { type: 'boolean' }, 'from-plan': { type: 'boolean' } });
    if (values.check && values['allow-state-loss']) throw new UsageError('--check publishes nothing: it takes no --allow-state-loss');
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
      const r = await publish({
        workspaceDir: workspaceOf(values.dir), source, ...cluster, ...cliSecrets(), jobManagers: resolver(values), onEvent: progressTo(io),
        checkOnly: values.check === true, allowStateLoss: values['allow-state-loss'] === true, fromPlan: values['from-plan'] === true,
      });
      if (values.check) {
        io.stdout(json ? `${JSON.stringify({ deployment: r.deployment, upgrade: r.upgrade })}\n` : `${r.deployment}: ${describeUpgrade(r.upgrade!)}\n`);
        return r.upgrade!.verdict === 'compatible' || r.upgrade!.verdict === 'fresh' ? 0 : 1;
      }
      if (json) {
        io.stdout(`${JSON.stringify({ deployment: r.deployment, version: r.version, jobId: r.jobId, target: r.target, ...(r.restoredFrom && { restoredFrom: r.restoredFrom }), ...(r.state && { state: r.state }), ...(r.runningAfterMs !== undefined && { runningAfterMs: r.runningAfterMs }), ...(r.downtimeMs !== undefined && { downtimeMs: r.downtimeMs }), ...(r.manifest && { manifest: r.manifest }), ...(r.upgrade && { upgrade: r.upgrade }) })}\n`);
      } else {
        const restored = r.restoredFrom ? `, restored from ${r.restoredFrom.kind} ${r.restoredFrom.path}` : '';
        const timing = r.runningAfterMs !== undefined ? ` (RUNNING after ${(r.runningAfterMs / 1000).toFixed(1)} s${r.downtimeMs !== undefined ? `, downtime ${(r.downtimeMs / 1000).toFixed(1)} s` : ''})` : '';
        io.stdout(`${r.deployment} v${r.version} ${r.target}${r.jobId ? ` job ${r.jobId}` : ''}${r.state ? ` ${r.state}` : ''}${restored}${timing}${r.manifest ? ` manifest ${r.manifest}` : ''}\n`);
      }
      return r.state === undefined || r.state === 'RUNNING' ? 0 : 1;
    } catch (error) {
      // The refusal's verdict is the answer a CI script reads: on stdout as JSON too.
      if (error instanceof StateLossError && json) io.stdout(`${JSON.stringify({ deployment: positionals[0], refused: true, upgrade: error.check, ...(error.planOffer !== undefined && { fromPlan: error.planOffer }) })}\n`);
      return reportFailure(io, 'publish', error);
    }
  },
};
