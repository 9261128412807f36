// LSP handlers of the deployment requests: publish (with progress notifications), the deployments list with
// live status and the cluster's other jobs, and the actions of the Deployments view. Failures come back as text.
import * as fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import {
  deploymentStatuses, DeploymentStore, jobManagerResolver, otherJobs, publish, readPublishSource, republishVersion, savepointDeployment, StateLossError,
  stopDeployment, TERMINAL_STATES, waitForState, type ClusterRef, type PublishResult, type PublishTarget,
} from '../deploy';
import { JobManagerClient } from '../flink/restClient';
import { describeUpgrade } from '../upgrade/verdicts';
import { isFlinkVersion } from '../parser';
import { upgradePlan } from '../plan/upgradePlan';
import { sessionOf } from '../udf/draftJars';
import { withoutUserinfo } from '../flink/urlCredentials';
import {
  DeploymentActionRequest, DeploymentListRequest, DeploymentPublishProgressNotification, DeploymentPublishRequest, FlinkUpgradePlanRequest,
  type DeploymentActionParams, type DeploymentActionResult, type DeploymentInfo, type DeploymentPublishParams, type DeploymentPublishResult,
  type FlinkConnectionParams, type FlinkUpgradePlanResult,
} from '../protocol';
import { findJarDraft } from '../jar/findJarDraft';
import { errorText, FlinkConnections } from './flinkConnection';
import { planResult } from './planHandlers';
import type { Runner } from './runSafe';

function workspaceOf(c: FlinkConnectionParams, uri?: string): string {
  if (c.workspaceDir) return c.workspaceDir;
  if (uri?.startsWith('file:')) return fs.realpathSync(fileURLToPath(new URL('.', uri)));
  throw new Error('Deployments need an open workspace folder (records live in its .flink/deployments/).');
}

function toResult(r: PublishResult): DeploymentPublishResult {
  return {
    ok: r.state === undefined || r.state === 'RUNNING', deployment: r.deployment, version: r.version, jobId: r.jobId, target: r.target,
    state: r.state, ...(r.restoredFrom && { restoredFrom: { kind: r.restoredFrom.kind, path: r.restoredFrom.path } }),
    restoreNote: r.restoreNote, warnings: r.notHonoured.map((n) => `${n.parameter} is not applied: ${n.reason}`),
    runningAfterMs: r.runningAfterMs, downtimeMs: r.downtimeMs, manifest: r.manifest, ...(r.upgrade && { upgrade: r.upgrade }),
  };
}

export function registerPublishHandlers(connection: Connection, runner: Runner): void {
  const connections = new FlinkConnections(connection);

  /**
   * The session cluster of the connection settings — locally the cluster of `flinkVersion` (the draft's, e.g.
   * "1.20"), started when the settings allow — and a resolver for recorded versions' JobManagers.
   */
  async function cluster(params: FlinkConnectionParams, workspaceDir: string, flinkVersion: string) {
    const t = await connections.resolve(params, flinkVersion);
    const local = params.target === 'local';
    // A local cluster is found again (stop, savepoint, upgrade) by its release: its ports change per start.
    const ref: ClusterRef = { kind: local ? 'local' : 'remote', ...(local && t.flinkVersion && { flinkVersion: t.flinkVersion }), gatewayUrl: t.gatewayUrl, ...(t.restUrl && { restUrl: withoutUserinfo(t.restUrl) }) };
    return { gateway: t, cluster: ref, jobManagers: jobManagerResolver({ workspaceDir, restUrl: params.target === 'remote' ? t.restUrl : undefined, allowInsecureAuth: params.allowInsecureAuth }) };
  }

  /** What a publish of `target` needs: a session cluster for a session deployment; per-job and k8s only use a running one for the planner check. */
  function publishCluster(params: FlinkConnectionParams, workspaceDir: string, target: PublishTarget, flinkVersion: string) {
    return target === 'session' ? cluster(params, workspaceDir, flinkVersion)
      : cluster({ ...params, autoStart: false }, workspaceDir, flinkVersion).catch(() => ({ jobManagers: jobManagerResolver({ workspaceDir }) }));
  }

  /** The draft (or JAR project file) a publish request names, its workspace, and a progress reporter. */
  function publishRequest(params: DeploymentPublishParams) {
    const file = fs.realpathSync(fileURLToPath(params.uri));
    // A JAR draft publishes from its config or any file of its Maven project (the Java class being edited); a PYTHON draft from its config or script.
    const jar = /\.sql$/i.test(file) ? undefined : findJarDraft(file, params.connection.workspaceDir);
    const workspaceDir = workspaceOf(params.connection, jar ? pathToFileURL(jar.configPath).toString() : params.uri);
    const source = readPublishSource(jar ? jar.configPath : file, params.target);
    const progress = (message: string) => void connection.sendNotification(DeploymentPublishProgressNotification, { uri: params.uri, message });
    const onEvent = (e: Parameters<NonNullable<Parameters<typeof publish>[0]['onEvent']>>[0]) =>
      progress(e.type === 'attempt' ? `Attempt ${e.attempt.attempt}/${e.max} ${e.attempt.ok ? 'succeeded' : `failed: ${e.attempt.error}`}` : e.message);
    return { workspaceDir, source, progress, onEvent };
  }

  connection.onRequest(DeploymentPublishRequest, (params, token) => {
    return runner.request('flinkSql/publish', token, { ok: false, error: 'Publish failed; see the Flink SQL log.', warnings: [] }, async () => {
      try {
        const { workspaceDir, source, onEvent } = publishRequest(params);
        // The deployment config's Flink version picks the cluster (the draft runs where it was written for).
        const c = await publishCluster(params.connection, workspaceDir, source.target, source.resolved.flinkVersion);
        const r = await publish({
          workspaceDir, source, ...c, ...connections.secretOptions(), checkOnly: params.checkOnly, allowStateLoss: params.allowStateLoss, fromPlan: params.fromPlan, onEvent,
        });
        return toResult(r);
      } catch (err) {
        if (err instanceof StateLossError) return { ok: false, error: err.message, warnings: [], upgrade: err.check, stateLossRefused: true, ...(err.planOffer !== undefined && { planOffer: err.planOffer }) };
        return { ok: false, error: errorText(err), warnings: [] };
      }
    });
  });

  connection.onRequest(FlinkUpgradePlanRequest, (params, token) => {
    return runner.request('flinkSql/upgradePlan', token, { ok: false, summary: 'The comparison failed; see the Flink SQL log.', notes: [] }, async (): Promise<FlinkUpgradePlanResult> => {
      try {
        const { workspaceDir, source, progress, onEvent } = publishRequest(params);
        if (source.jar) throw new Error('The upgrade check compares SQL drafts; a JAR or PYTHON draft is not checked yet.');
        const flinkVersion = source.resolved.flinkVersion;
        // Both versions are planned by the session cluster of the draft's Flink version.
        const c = await cluster(params.connection, workspaceDir, flinkVersion);
        const checked = await publish({ workspaceDir, source, ...c, ...connections.secretOptions(), checkOnly: true, comparePlans: true, onEvent });
        progress('Planning both versions on Flink\'s planner…');
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        const setup = await sessionOf(params.uri, source.sql, c.gateway, flinkVersion);
        const u = await upgradePlan(checked, source.sql, c.gateway, { signal: abort.signal, ...(isFlinkVersion(flinkVersion) && { flinkVersion }), ...setup });
        const summary = `${checked.deployment}: ${u.from !== undefined ? `version ${u.from} (running) → the draft` : 'nothing runs: the draft alone'}`;
        return { ok: true, summary, upgrade: u.check, verdictText: describeUpgrade(u.check), ...(u.from !== undefined && { fromVersion: u.from }), ...(u.before && { before: planResult(u.before) }), after: planResult(u.after), notes: u.notes };
      } catch (err) {
        return { ok: false, summary: errorText(err), notes: [] };
      }
    });
  });

  connection.onRequest(DeploymentListRequest, (params, token) => {
    return runner.request('flinkSql/deployments', token, { ok: false, error: 'See the Flink SQL log.', deployments: [], otherJobs: [] }, async () => {
      try {
        const workspaceDir = workspaceOf(params.connection);
        const resolver = jobManagerResolver({ workspaceDir, restUrl: params.connection.target === 'remote' ? params.connection.restUrl : undefined, allowInsecureAuth: params.connection.allowInsecureAuth });
        const store = new DeploymentStore(workspaceDir);
        const deployments: DeploymentInfo[] = (await deploymentStatuses(workspaceDir, resolver, { details: true })).map((d) => ({
          ...d,
          versions: store.versions(d.deployment).map((v) => (v instanceof Error ? undefined : {
            version: v.version, createdAt: v.createdAt, status: v.status, jobId: v.jobId, restoredFrom: v.restoredFrom?.path, git: v.git,
            error: v.error, sqlFile: store.files(d.deployment, v.version).sql, configFile: store.files(d.deployment, v.version).configYaml, draft: v.draft,
            ...(v.upgrade && { upgrade: `${v.fromPlan !== undefined ? `Published from version ${v.fromPlan}'s compiled plan. ` : ''}${describeUpgrade(v.upgrade)}${v.upgrade.stateLossAllowed ? ' Published anyway: that state was dropped.' : ''}` }),
          })).filter((v): v is NonNullable<typeof v> => !!v).reverse(),
        }));
        // The connection's own cluster (never started for a list): its jobs no deployment knows.
        const jm = await resolver(params.connection.target === 'local' ? { kind: 'local' } : { kind: 'remote', restUrl: params.connection.restUrl });
        const others = jm ? await otherJobs(workspaceDir, jm).catch(() => []) : [];
        return {
          ok: true, deployments, restUrl: jm?.baseUrl,
          otherJobs: others.map((j) => ({ jobId: j.jid, name: j.name, state: j.state, startTime: j['start-time'] })),
        };
      } catch (err) {
        return { ok: false, error: errorText(err), deployments: [], otherJobs: [] };
      }
    });
  });

  connection.onRequest(DeploymentActionRequest, (params, token) => {
    return runner.request('flinkSql/deploymentAction', token, { ok: false, error: 'See the Flink SQL log.' }, async () => {
      try {
        return await action(params);
      } catch (err) {
        return { ok: false, error: errorText(err) };
      }
    });
  });

  async function action(p: DeploymentActionParams): Promise<DeploymentActionResult> {
    const workspaceDir = workspaceOf(p.connection);
    const resolver = jobManagerResolver({ workspaceDir, restUrl: p.connection.target === 'remote' ? p.connection.restUrl : undefined, allowInsecureAuth: p.connection.allowInsecureAuth });
    if (p.jobId && !p.deployment) return jobAction(p, await resolver(p.connection.target === 'local' ? { kind: 'local' } : { kind: 'remote', restUrl: p.connection.restUrl }));
    const name = p.deployment;
    if (!name) throw new Error('No deployment given.');
    switch (p.action) {
      case 'stop': case 'stopDrain': {
        const r = await stopDeployment(workspaceDir, name, resolver, { savepoint: true, drain: p.action === 'stopDrain' });
        return { ok: true, ...r, message: `Stopped ${name} (job ${r.jobId} ${r.state}) with savepoint ${r.savepoint}` };
      }
      case 'cancel': {
        const r = await stopDeployment(workspaceDir, name, resolver, {});
        return { ok: true, ...r, message: `Cancelled ${name} (job ${r.jobId} ${r.state})` };
      }
      case 'savepoint': {
        const r = await savepointDeployment(workspaceDir, name, resolver);
        return { ok: true, ...r, message: `Savepoint of ${name}: ${r.savepoint}` };
      }
      case 'restartFromSavepoint': case 'rollback': {
        const store = new DeploymentStore(workspaceDir);
        const rec = store.require(name);
        const n = p.action === 'rollback' ? p.version : rec.currentVersion || rec.latestVersion;
        if (!n) throw new Error(p.action === 'rollback' ? 'Choose the version to roll back to.' : `"${name}" has no version to restart.`);
        // The stored version runs again on the cluster of its own Flink version.
        const stored = store.version(name, n);
        const c = await publishCluster(p.connection, workspaceDir, stored.target, stored.flinkVersion);
        let r: PublishResult;
        try {
          r = await republishVersion(name, n, {
            workspaceDir, ...c, ...connections.secretOptions(), allowStateLoss: p.allowStateLoss,
            ...(p.action === 'restartFromSavepoint' && { restoreStrategy: 'latest-savepoint' as const }),
          });
        } catch (err) {
          // The check refused: nothing was touched, the user decides (as for Publish).
          if (!(err instanceof StateLossError)) throw err;
          return { ok: false, error: err.message, publish: { ok: false, error: err.message, warnings: [], upgrade: err.check, stateLossRefused: true } };
        }
        const pub = toResult(r);
        return { ok: pub.ok, publish: pub, jobId: r.jobId, state: r.state, message: `${name} v${r.version} (from v${n}) job ${r.jobId} ${r.state ?? ''}${r.restoredFrom ? `, restored from ${r.restoredFrom.path}` : ''}` };
      }
      case 'exceptions': {
        const rec = new DeploymentStore(workspaceDir).require(name);
        const v = new DeploymentStore(workspaceDir).version(name, rec.currentVersion || rec.latestVersion);
        if (!v.jobId) return { ok: true, exceptions: [], message: v.error ?? 'No job.' };
        return jobAction({ ...p, jobId: v.jobId }, await resolver(v.cluster));
      }
      default:
        throw new Error(`Unknown action ${String(p.action)}`);
    }
  }
}

/** Actions on a job by id ("Other jobs", and a deployment's exceptions). */
async function jobAction(p: DeploymentActionParams, jm: JobManagerClient | undefined): Promise<DeploymentActionResult> {
  const jobId = p.jobId!;
  if (!jm) throw new Error('The cluster is not running.');
  if (p.action === 'exceptions') {
    const x = await jm.exceptions(jobId, 20);
    return { ok: true, jobId, exceptions: x.exceptionHistory.entries.map((e) => ({ name: e.exceptionName, timestamp: e.timestamp, taskName: e.taskName, stacktrace: e.stacktrace })) };
  }
  if (p.action === 'cancel') await jm.cancel(jobId);
  else if (p.action === 'stop' || p.action === 'stopDrain') {
    const savepoint = await jm.waitForSavepoint(jobId, await jm.stopWithSavepoint(jobId, { drain: p.action === 'stopDrain' }));
    return { ok: true, jobId, savepoint, state: await waitForState(jm, jobId, TERMINAL_STATES, 60_000) };
  } else if (p.action === 'savepoint') {
    return { ok: true, jobId, savepoint: await jm.waitForSavepoint(jobId, await jm.triggerSavepoint(jobId)) };
  } else throw new Error(`${p.action} needs a deployment.`);
  return { ok: true, jobId, state: await waitForState(jm, jobId, TERMINAL_STATES, 60_000) };
}
