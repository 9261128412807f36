// Publish: a draft (or a stored version, for roll back / restart) becomes a new deployment version and a
// running job. Refuses a draft with errors (local checks, then Flink's planner); serialized per deployment;
// a running job is upgraded: stopped with a savepoint, then the new version starts restored per the strategy.
// Recoverable: the job is recorded as soon as it exists (before waiting for it to run), and a publish first
// reconciles what an interrupted one left (a submitted job that runs is the running version).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { deploymentPathOf } from '../deployment';
import type { GatewayTarget } from '../flink/gatewayClient';
import { localStartCommand } from '../flink/localCluster';
import type { JobManagerClient } from '../flink/restClient';
import { withoutUserinfo } from '../flink/urlCredentials';
import { validate } from '../flink/validate';
import { allowsNonRestoredState, jarArtifact, planJar, runJar } from '../jar/jarDraft';
import { pythonSubmission } from '../python/pythonDraft';
import { DependencyError, pythonSession } from '../udf/draftJars';
import { checkUpgrade, describeUpgrade, type CheckedUpgrade, type UpgradeCheck } from '../upgrade/upgradeCheck';
import { sha256File } from '../flink/provision';
import { diagnose } from '../service/diagnostics';
import { isAlive, liveState, waitForRunningTasks, type JobManagerResolver } from './clusters';
import { resolveDependencies } from './dependencies';
import { readPublishSource, type PublishSource } from './draftSource';
import { gitInfo } from './git';
import { withLock } from './lock';
import { chooseRestore, type PriorJob, type RestoreStrategy } from './restore';
import { exportManifest } from './k8sExport';
import { startPerJobCluster } from './perJobCluster';
import { sessionKeys, submitToSession, withAttempts } from './sessionSubmit';
import { planStatements, type StatementPlan } from './statementPlan';
import { FROM_PLAN_CONFIG, fromPlan, whyNotFromPlan } from './compiledPlan';
import { placeOperators } from '../plan/operatorLines';
import { isFlinkVersion } from '../parser';
import { sqlRefNames } from '../secrets/secretRefs';
import {
  checkDeploymentName, DeploymentStore, type ClusterRef, type DeploymentRecord, type DeploymentVersion,
  type PublishTarget, type RestorePoint, type SubmitAttempt,
} from './store';

export type PublishEvent =
  | { type: 'step'; message: string }
  | { type: 'warning'; message: string }
  | { type: 'attempt'; attempt: SubmitAttempt; max: number; willRetry: boolean };

export interface PublishResult {
  deployment: string;
  version: number;
  jobId?: string;
  target: PublishTarget;
  restoredFrom?: RestorePoint;
  restoreNote?: string;
  state?: string;
  notHonoured: Array<{ parameter: string; reason: string }>;
  runningAfterMs?: number;
  downtimeMs?: number;
  manifest?: string;
  /** The upgrade check's verdict (an upgrade of a running SQL version; `checkOnly`: the only answer, version 0). */
  upgrade?: CheckedUpgrade;
  /** `comparePlans`: the running version the check compared with, and its SQL as published. */
  previous?: { version: number; sql: string };
}

/** The upgrade check found state the new version would lose (dropped or unreadable), and that was not allowed: nothing was touched. */
export class StateLossError extends Error {
  /** `planOffer`: the running version whose compiled plan runs the draft's statements unchanged (publish --from-plan). */
  constructor(readonly check: UpgradeCheck, readonly planOffer?: number) {
    super(`${describeUpgrade(check)} Nothing was stopped or published: ${planOffer !== undefined
      ? `the statements did not change since version ${planOffer}, so publishing from its compiled plan (flink-sql publish --from-plan; in the editor, the choice Publish offers) keeps its operators and their state, without the planner options changed since; or `
      : ''}publish again allowing the state loss `
      + `(flink-sql publish --allow-state-loss${check.verdict === 'incompatible' ? ', which starts with fresh state' : ', which restores without that state'}; `
      + 'in the editor, the choice Publish offers) or change the draft so those operators keep '
      + `${check.verdict === 'incompatible' ? 'their keys (the GROUP BY / PARTITION BY columns)' : 'their ids'}.`);
    this.name = 'StateLossError';
  }
}

/** The draft has errors: nothing was published. */
export class DraftErrorsError extends Error {
  constructor(readonly file: string, readonly diagnostics: Diagnostic[], readonly stage: 'local' | 'flink') {
    super(`${stage === 'local' ? 'The draft has errors' : 'Flink\'s planner rejects the draft'}; nothing was published:\n${diagnostics
      .map((d) => `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: error: ${d.message}`).join('\n')}`);
    this.name = 'DraftErrorsError';
  }
}

/** A republish whose savepoint failed: the running job was not touched. */
export class UpgradeAbortedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UpgradeAbortedError';
  }
}

export interface PublishOptions {
  workspaceDir: string;
  /** The draft to publish; or `source` (a stored version, for roll back). */
  draftPath?: string;
  source?: PublishSource;
  target?: PublishTarget;
  /** The session cluster (its gateway and JobManager REST); per-job: only for the planner's check, if given. */
  gateway?: GatewayTarget;
  cluster?: ClusterRef;
  jobManagers: JobManagerResolver;
  restoreStrategy?: RestoreStrategy;
  rolledBackFrom?: number;
  /** Values of `${secret:…}` / `${env:…}` for a per-job cluster (a session's come with `gateway`). */
  secrets?: GatewayTarget['secrets'];
  secretHints?: GatewayTarget['secretHints'];
  /** Skip Flink's planner (the version was validated when first published). */
  skipFlinkValidation?: boolean;
  waitRunningMs?: number;
  onEvent?: (e: PublishEvent) => void;
  /** Run the upgrade check only (publish nothing): the result's `upgrade` is the answer, its version 0. */
  checkOnly?: boolean;
  /**
   * Publish although the check says state is lost: state-dropped restores with the unclaimed state dropped
   * (allowNonRestoredState); incompatible starts with fresh state (nothing restores a changed key).
   */
  allowStateLoss?: boolean;
  /** false: no upgrade check (a roll back restores a version whose state it had). */
  upgradeCheck?: boolean;
  /** With `checkOnly`: plan the running version's SQL too (the plan view's side by side). */
  comparePlans?: boolean;
  /**
   * Publish the running version's compiled plan again (EXECUTE PLAN) with the draft's configuration and Flink version:
   * its statements must be the draft's (SET aside). Its operators keep their ids where planning the SQL again would not.
   */
  fromPlan?: boolean;
}

const errorsOf = (ds: Diagnostic[]) => ds.filter((d) => d.severity === DiagnosticSeverity.Error);

export async function publish(o: PublishOptions): Promise<PublishResult> {
  const t0 = Date.now();
  const emit = o.onEvent ?? (() => {});
  const source = o.source ?? readPublishSource(o.draftPath!, o.target);
  const name = checkDeploymentName(source.name);
  const jar = source.jar;
  if (jar && !jar.python && source.target === 'per-job' && !jar.run.entryClass) throw new Error(`A per-job JAR deployment names its entry class: set jar.entryClass in ${source.draftPath}.`);
  const local = jar ? [] : errorsOf(diagnose(source.sql));
  if (local.length) throw new DraftErrorsError(source.draftPath, local, 'local');
  // LANGUAGE PYTHON functions: their modules (python.files) and the interpreter go with the session's keys.
  const python = jar ? undefined : await pythonSession(source.draftPath, source.sql, o.gateway ?? {}, source.resolved.flinkVersion);
  if (python?.files.length && source.target !== 'session') {
    throw new DependencyError(`The draft's Python UDFs run on a session cluster, whose SQL Gateway ships their modules (python.files); a ${source.target} deployment does not take them yet: publish it with target session.`);
  }
  if (source.target === 'k8s') return exportManifest(o, source);
  // A JAR draft's job is its main: no statements to plan.
  const plan: StatementPlan = jar ? { setup: [], job: '', skipped: [] } : planStatements(source.sql);
  if (source.target === 'session' && !o.gateway) throw new Error(`A session deployment needs a session cluster: start the local cluster (${localStartCommand(source.resolved.flinkVersion)}) or give its gateway.`);
  // A JAR draft: built (or its stored jar), and its plan asked of the session's JobManager, before anything stops.
  if (jar?.projectDir) emit({ type: 'step', message: `Building ${jar.projectDir} (mvn package; the first build downloads Maven's plugins)…` });
  const jarBuilt = jar ? await jarArtifact(jar) : undefined;
  if (jar && jarBuilt && !o.skipFlinkValidation) {
    const ref: ClusterRef | undefined = o.cluster ?? (o.gateway && { kind: 'remote', gatewayUrl: o.gateway.gatewayUrl, restUrl: o.gateway.restUrl });
    const jm = ref ? await o.jobManagers(ref) : undefined;
    if (jm) {
      emit({ type: 'step', message: jar.python ? `Asking the JobManager for the plan of ${jarBuilt.jar} (Flink's Python driver)…` : `Built ${jarBuilt.jar}${jarBuilt.buildMs !== undefined ? ` in ${jarBuilt.buildMs} ms` : ''}; asking the JobManager for its plan…` });
      await planJar(jar, jm, jarBuilt.jar);
    } else if (source.target === 'session') {
      throw new Error('A JAR draft is submitted through the JobManager\'s REST API: the session cluster has no REST URL.');
    } else emit({ type: 'warning', message: 'the job\'s plan was not checked (no session cluster to ask): the per-job cluster reports errors when it starts' });
  } else if (!o.skipFlinkValidation && !o.gateway) emit({ type: 'warning', message: 'not validated on Flink\'s planner (no session cluster to ask): the per-job cluster reports errors when it starts' });
  let validatedDeps: Awaited<ReturnType<typeof resolveDependencies>> | undefined;
  if (!(jar && jarBuilt) && !o.skipFlinkValidation && o.gateway) {
    // The dependencies' jars go to the validating session first, as they go to the job's (a draft's UDFs resolve).
    validatedDeps = await resolveDependencies(source.resolved.dependencies, path.dirname(deploymentPathOf(source.draftPath)), (m) => emit({ type: 'step', message: m }));
    emit({ type: 'step', message: 'Validating on Flink\'s planner…' });
    const v = await validate(source.sql, o.gateway, { jars: validatedDeps.map((d) => d.path), config: python?.config });
    const flinkErrors = errorsOf(v.diagnostics);
    if (flinkErrors.length) throw new DraftErrorsError(source.draftPath, flinkErrors, 'flink');
  }
  const perJob = source.target === 'per-job';
  const { honoured, notHonoured } = perJob ? { honoured: source.resolved.flinkConfiguration, notHonoured: [] as PublishResult['notHonoured'] } : sessionKeys(source.resolved.flinkConfiguration);
  notHonoured.unshift(...source.resolved.ignored);
  for (const n of notHonoured) emit({ type: 'warning', message: `${n.parameter} is not applied: ${n.reason}` });

  const store = new DeploymentStore(o.workspaceDir);
  return withLock(store.dirOf(name), async () => {
    for (const note of await reconcileInterrupted(store, name, o.jobManagers)) emit({ type: 'warning', message: note });
    const init: DeploymentRecord = { format: 1, name, currentVersion: 0, latestVersion: 0, savepoints: [], updatedAt: '' };
    const rec = store.read(name) ?? init;
    const current = rec.currentVersion ? store.version(name, rec.currentVersion) : undefined;
    const runningFiles = current && store.files(name, current.version);
    const running = current && runningFiles && fs.existsSync(runningFiles.sql) ? { version: current.version, target: current.target, sql: fs.readFileSync(runningFiles.sql, 'utf8'), planFile: runningFiles.plan } : undefined;
    // Asked only when the plan is wanted or may be offered (it parses both versions' SQL).
    const notFromPlan = () => (jar ? 'a JAR or PYTHON draft has no compiled plan' : whyNotFromPlan(running, source.sql, source.target));
    const refusal = o.fromPlan ? notFromPlan() : undefined;
    if (refusal) throw new Error(`Cannot publish "${name}" from a compiled plan: ${refusal}.`);
    // The job as submitted: the draft's statements, or its setup and the running version's plan.
    const planFrom = o.fromPlan && running ? { version: running.version, file: running.planFile } : undefined;
    const jobConfig = planFrom ? { ...honoured, ...FROM_PLAN_CONFIG } : honoured;
    if (planFrom) emit({ type: 'step', message: `Publishing from version ${planFrom.version}'s compiled plan: its operators run as compiled (the planner options changed since do not apply to them; runtime options do)` });
    // Before anything is stopped: would the running version's state carry over to this one?
    let upgrade: CheckedUpgrade | undefined;
    const previous = o.comparePlans && running ? { version: running.version, sql: running.sql } : undefined;
    if (!jar && (o.upgradeCheck ?? true) && current?.jobId) {
      const jm = await o.jobManagers(current.cluster);
      if (jm && isAlive(await liveState(jm, current.jobId))) {
        // resolved once: the submission below reuses them
        validatedDeps ??= await resolveDependencies(source.resolved.dependencies, path.dirname(deploymentPathOf(source.draftPath)), (m) => emit({ type: 'step', message: m }));
        const jars = validatedDeps.map((d) => d.path);
        upgrade = await checkUpgrade({
          jobId: current.jobId, jm, sql: source.sql, config: jobConfig, ...(planFrom && { submitted: fromPlan(source.sql, planFrom.file) }), inspector: { flinkVersion: source.resolved.flinkVersion, jars },
          // planned in the same JVM (a few hundred ms): a refusal names the running version's lines of what it drops
          previousSql: previous?.sql ?? running?.sql,
          onStep: (message) => emit({ type: 'step', message }),
        });
        // The check's savepoint is a savepoint of the running version like any other: recorded, not left unknown on disk.
        if (upgrade.savepoint) await store.addSavepoint(name, { path: upgrade.savepoint, jobId: current.jobId, version: current.version, at: Date.now(), how: 'check' });
        emit({ type: upgrade.verdict === 'compatible' ? 'step' : 'warning', message: describeUpgrade(upgrade) });
        if ((upgrade.verdict === 'state-dropped' || upgrade.verdict === 'incompatible') && !o.allowStateLoss && !o.checkOnly) {
          // Before asking: where each operator comes from (both versions planned; only a refusal waits for that).
          if (o.gateway && running) {
            emit({ type: 'step', message: 'Finding the lines each operator comes from (both versions on Flink\'s planner)…' });
            await placeOperators(upgrade, source.sql, running, o.gateway, { ...(isFlinkVersion(source.resolved.flinkVersion) && { flinkVersion: source.resolved.flinkVersion }) })
              .catch((e: unknown) => emit({ type: 'warning', message: `the operators' lines are not shown: ${(e as Error).message}` }));
          }
          throw new StateLossError(upgrade, o.fromPlan || notFromPlan() ? undefined : running?.version);
        }
      }
    }
    if (o.checkOnly) {
      upgrade ??= { verdict: 'fresh', operators: [], reason: current ? `version ${current.version} is not running` : `"${name}" was never published`, elapsedMs: 0 };
      return { deployment: name, version: 0, target: source.target, notHonoured, upgrade, ...(previous && { previous }) };
    }
    const dropState = upgrade?.verdict === 'state-dropped' && o.allowStateLoss === true;
    // State Flink cannot read (a changed key) does not restore with any flag: the user chose fresh state.
    const freshState = upgrade?.verdict === 'incompatible' && o.allowStateLoss === true;
    const number = store.nextVersion(name);
    const strategy = o.restoreStrategy ?? source.config.behavior.restoreStrategy;
    const git = await gitInfo([source.draftPath, deploymentPathOf(source.draftPath)].filter((f) => fs.existsSync(f)));
    let version: DeploymentVersion = {
      format: 1, deployment: name, version: number, createdAt: new Date(t0).toISOString(), ...(planFrom && { fromPlan: planFrom.version }),
      draft: path.relative(path.resolve(o.workspaceDir), path.resolve(source.draftPath)), target: source.target,
      flinkVersion: source.resolved.flinkVersion, restoreStrategy: strategy, ...(git && { git }), status: 'publishing',
      cluster: o.cluster, attempts: [], notHonoured, ...(o.rolledBackFrom !== undefined && { rolledBackFrom: o.rolledBackFrom }),
    };
    if (upgrade) version.upgrade = { ...upgrade, ...((dropState || freshState) && { stateLossAllowed: true }) };
    store.createVersion(version, source.sql, source.configYaml, source.resolved);
    // The plan goes with the version that runs it (the next upgrade may publish from it again).
    if (planFrom) fs.copyFileSync(planFrom.file, store.files(name, number).plan);
    if (jarBuilt) version = await store.updateVersion(name, number, { artifact: store.storeArtifact(name, number, jarBuilt.jar) });
    await store.update(name, (r) => ({ ...r, latestVersion: number }), init);
    emit({ type: 'step', message: `Version ${number} of "${name}" recorded in ${store.files(name, number).dir}` });
    // One record update at a time, in call order (attempts are reported from a callback that cannot wait).
    let queue: Promise<unknown> = Promise.resolve();
    const save = (patch: Partial<DeploymentVersion> | ((v: DeploymentVersion) => Partial<DeploymentVersion>)): Promise<void> => {
      const next = queue.then(async () => { version = await store.updateVersion(name, number, patch); });
      queue = next.catch(() => undefined);
      return next;
    };
    try {
      let stoppedAt: number | undefined;
      if (current?.jobId) {
        const jm = await o.jobManagers(current.cluster);
        const state = await liveState(jm, current.jobId);
        if (isAlive(state) && jm) {
          stoppedAt = await stopForUpgrade(store, name, current, jm, source.config.behavior.stopWithDrain, emit, (error) => save({ status: 'failed', error }));
        }
      }
      const choice = freshState ? { note: 'the upgrade check found state the new version cannot read (a changed key): starting with fresh state, as chosen' } as Awaited<ReturnType<typeof chooseRestore>>
        : await chooseRestore(strategy, store.read(name), await priorJobs(store, name, o.jobManagers));
      if (choice.note) emit({ type: 'step', message: choice.note });
      if (choice.from) emit({ type: 'step', message: `Restoring from the ${choice.from.kind} ${choice.from.path}` });
      await save({ ...(choice.from && { restoredFrom: choice.from }), ...(choice.note && { restoreNote: choice.note }) });
      const deps = validatedDeps ?? await resolveDependencies(source.resolved.dependencies, path.dirname(deploymentPathOf(source.draftPath)), (m) => emit({ type: 'step', message: m }));
      const jars = deps.map((d) => d.path);
      const sums = Object.fromEntries(deps.filter((d) => d.sha256).map((d) => [d.dependency, d.sha256!]));
      // The Python modules as shipped (keyed by their path from the draft's folder), so a later change shows.
      for (const f of python?.files ?? []) if (fs.statSync(f).isFile()) sums[path.relative(path.dirname(source.draftPath), f)] = await sha256File(f);
      if (Object.keys(sums).length) await save({ dependencySums: sums });
      const config = {
        ...python?.config, ...jobConfig, ...(choice.from && { 'execution.state-recovery.path': choice.from.path }),
        // A per-job JAR job restores as the session's run request would (allowNonRestoredState).
        ...(choice.from && jar && allowsNonRestoredState(jar) && { 'execution.state-recovery.ignore-unclaimed-state': 'true' }),
        // The user chose to drop the state the check found without an operator (the restore would fail otherwise).
        ...(choice.from && dropState && { 'execution.state-recovery.ignore-unclaimed-state': 'true' }),
      };
      const max = source.config.behavior.maxJobCreationAttempts;
      const onAttempt = (a: SubmitAttempt, willRetry: boolean) => { void save((v) => ({ attempts: [...v.attempts, a] })).catch(() => undefined); emit({ type: 'attempt', attempt: a, max, willRetry }); };
      const clusterDir = path.join(store.files(name, number).dir, 'cluster');
      // The record holds URLs without userinfo: the credentials stay with the caller's target (redactUrl's rule).
      const sessionCluster: ClusterRef = o.cluster ?? { kind: 'remote', gatewayUrl: withoutUserinfo(o.gateway?.gatewayUrl), restUrl: withoutUserinfo(o.gateway?.restUrl) };
      // From here a job may exist: an interrupted publish leaves a record the next one reconciles (the per-job
      // cluster's folder finds its one job; a session job is recorded by id the moment the gateway names it).
      await save({ status: 'submitting', cluster: perJob ? { kind: 'per-job', clusterDir } : sessionCluster });
      const recordJob = async (jobId: string, cluster: ClusterRef, clusterFlinkVersion?: string) => {
        await save({ status: 'submitted', jobId, cluster, ...(clusterFlinkVersion && { clusterFlinkVersion }) });
        await store.update(name, (r) => ({ ...r, currentVersion: number }));
      };
      let submitted: { jobId: string; flinkVersion?: string; cluster: ClusterRef };
      try {
        if (perJob) {
          const stored = jar && version.artifact ? path.join(store.files(name, number).dir, version.artifact.file) : undefined;
          // A PYTHON draft's application cluster runs the driver jar on the stored script, with the interpreter in its config.
          const py = jar?.python && stored ? await pythonSubmission(source.resolved.flinkVersion, stored, { ...jar.run, flinkConfiguration: config }) : undefined;
          const userJob = py ? { jar: py.jar, entryClass: py.run.entryClass!, args: py.run.args ?? [] }
            : jar && stored ? { jar: stored, entryClass: jar.run.entryClass!, args: jar.run.args ?? [] } : undefined;
          const r = await withAttempts(max, onAttempt, () => startPerJobCluster({
            clusterDir, deployment: name, resolved: source.resolved, config: py?.run.flinkConfiguration ?? config, plan, jars, ...(userJob && { userJob }),
            secrets: o.secrets ?? o.gateway?.secrets, secretHints: o.secretHints ?? o.gateway?.secretHints,
            configDir: path.dirname(deploymentPathOf(source.draftPath)), onProgress: (m) => emit({ type: 'step', message: m }),
          }), { deployment: name, anyError: true });
          for (const n of r.notHonoured) emit({ type: 'warning', message: `${n.parameter} is not applied: ${n.reason}` });
          await save({ notHonoured: [...notHonoured, ...r.notHonoured] });
          submitted = { jobId: r.jobId, flinkVersion: r.flinkVersion, cluster: { kind: 'per-job', clusterDir, restUrl: r.restUrl } };
        } else if (jar && version.artifact) {
          const jm = await o.jobManagers(sessionCluster);
          if (!jm) throw new Error('The session cluster has no JobManager REST URL to submit the jar to.');
          emit({ type: 'step', message: `Running ${version.artifact.file} (SHA-256 ${version.artifact.sha256.slice(0, 12)}…) on the session cluster at ${jm.baseUrl}…` });
          const storedJar = path.join(store.files(name, number).dir, version.artifact.file);
          const jobId = (await withAttempts(max, onAttempt, () => runJar(jar, jm, storedJar, { flinkConfiguration: honoured, savepointPath: choice.from?.path, allowNonRestoredState: allowsNonRestoredState(jar) }), { deployment: name })).value;
          submitted = { jobId, flinkVersion: await jm.config().then((c) => c['flink-version'], () => undefined), cluster: sessionCluster };
        } else {
          emit({ type: 'step', message: `Submitting to the session cluster at ${withoutUserinfo(o.gateway!.gatewayUrl)}…` });
          const planFile = store.files(name, number).plan;
          // A plan with secret references resolved would keep the credentials on disk: none is compiled for such a draft.
          const compile = !planFrom && !sqlRefNames(source.sql).length;
          const r = await submitToSession({
            deployment: name, target: o.gateway!, config, jars, plan: planFrom ? fromPlan(source.sql, planFile) : plan, maxAttempts: max, onAttempt,
            onJobId: (jobId, flinkVersion) => recordJob(jobId, sessionCluster, flinkVersion),
            ...(compile && { compilePlanTo: planFile, onNote: (message: string) => emit({ type: 'warning', message }) }),
          });
          // A gateway the caller named may run another line than the draft's: the record says what ran, this says so now.
          if (!r.flinkVersion.startsWith(`${source.resolved.flinkVersion}.`)) emit({ type: 'warning', message: `the draft targets Flink ${source.resolved.flinkVersion} but the session cluster runs Flink ${r.flinkVersion}` });
          submitted = { ...r, cluster: sessionCluster };
        }
      } catch (e) {
        const lost = current?.jobId && stoppedAt ? ` The previous job ${current.jobId} was stopped with a savepoint; roll back with flink-sql rollback ${name} ${current.version}.` : '';
        const check = perJob ? 'Check the per-job cluster\'s logs in ' + path.join(store.files(name, number).dir, 'cluster') : 'Check that the session cluster is running (flink-sql local status)';
        throw new Error(`${(e as Error).message}\n${check}, then publish again.${lost}`, { cause: e });
      }
      if (version.jobId !== submitted.jobId || version.status !== 'submitted') await recordJob(submitted.jobId, submitted.cluster, submitted.flinkVersion);
      else await save({ cluster: submitted.cluster });
      emit({ type: 'step', message: `Job ${submitted.jobId} submitted; waiting for it to run…` });
      const jm = await o.jobManagers(submitted.cluster);
      let state: string | undefined;
      if (jm) {
        state = await waitForRunningTasks(jm, submitted.jobId, o.waitRunningMs ?? 180_000).catch((e: unknown) => {
          throw new Error(`The JobManager stopped answering while job ${submitted.jobId} was starting: ${(e as Error).message}. Check the cluster, then see flink-sql deployments.`);
        });
        const now = Date.now();
        if (state === 'FAILED') {
          const root = await jm.exceptions(submitted.jobId, 1).then((x) => x.exceptionHistory.entries[0]?.exceptionName, () => undefined);
          await save({ status: 'failed', error: `The job failed while starting${root ? `: ${root}` : ''}; see Show Exceptions or the JobManager log.` });
        } else await save({ status: 'running', ...(state === 'RUNNING' && { runningAfterMs: now - t0, ...(stoppedAt && { downtimeMs: now - stoppedAt }) }) });
      } else await save({ status: 'running' });
      return {
        deployment: name, version: number, jobId: submitted.jobId, target: source.target, state,
        ...(version.restoredFrom && { restoredFrom: version.restoredFrom }), ...(version.restoreNote && { restoreNote: version.restoreNote }),
        notHonoured: version.notHonoured, runningAfterMs: version.runningAfterMs, downtimeMs: version.downtimeMs, ...(upgrade && { upgrade }),
      };
    } catch (e) {
      await queue;
      // A submitted job is left for the next publish to reconcile (it may be running).
      if (version.status === 'publishing' || version.status === 'submitting') await save({ status: 'failed', error: (e as Error).message }).catch(() => undefined);
      throw e;
    }
  }, { onWait: (who) => emit({ type: 'step', message: `Waiting for another publish of "${name}" (${who})…` }) });
}

/** Stop-with-savepoint of the running version; a failed savepoint aborts the upgrade (the job keeps running). */
async function stopForUpgrade(store: DeploymentStore, name: string, current: DeploymentVersion, jm: JobManagerClient, drain: boolean,
  emit: (e: PublishEvent) => void, fail: (error: string) => Promise<void>): Promise<number> {
  const jobId = current.jobId!;
  emit({ type: 'step', message: `Upgrading: stopping job ${jobId} (version ${current.version}) with a savepoint${drain ? ', draining first' : ''}…` });
  let location: string;
  try {
    const trigger = await jm.stopWithSavepoint(jobId, { drain });
    location = await jm.waitForSavepoint(jobId, trigger);
  } catch (e) {
    const state = await liveState(jm, jobId);
    const message = `The savepoint of job ${jobId} (version ${current.version}) failed: ${(e as Error).message}. The upgrade was aborted; the running job was not touched (it is ${state}).`;
    await fail(message);
    throw new UpgradeAbortedError(message);
  }
  const at = Date.now();
  await store.addSavepoint(name, { path: location, jobId, version: current.version, at, how: 'upgrade' });
  await store.updateVersion(name, current.version, { status: 'superseded' });
  emit({ type: 'step', message: `Stopped with savepoint ${location}` });
  return at;
}

/** Earlier versions that ran a job, newest first, with their checkpoint retention (for latest-state). */
async function priorJobs(store: DeploymentStore, name: string, jobManagers: JobManagerResolver): Promise<PriorJob[]> {
  const out: PriorJob[] = [];
  for (const v of store.versions(name).reverse()) {
    if (v instanceof Error || !v.jobId) continue;
    let retention: string | undefined;
    try {
      const resolved = JSON.parse(fs.readFileSync(store.files(name, v.version).resolved, 'utf8')) as { flinkConfiguration?: Record<string, string> };
      retention = resolved.flinkConfiguration?.['execution.checkpointing.externalized-checkpoint-retention'];
    } catch { /* unreadable: no retention known */ }
    const jm = await jobManagers(v.cluster);
    const checkpointDir = jm ? await jm.jobManagerConfig().then((c) => c['execution.checkpointing.dir'], () => undefined) : undefined;
    out.push({ version: v, retention, jm, checkpointDir });
    if (out.length >= 5) break;
  }
  return out;
}

const INTERRUPTED: ReadonlyArray<DeploymentVersion['status']> = ['publishing', 'submitting', 'submitted'];

/**
 * Versions an interrupted publish left (we hold the publish lock, so no publish is writing them): the newest whose
 * job is alive becomes the running version (the upgrade stops it as any running job); the others are marked failed.
 * A per-job version without a job id finds it on its own cluster (it runs one job). Returns what it did, for the user.
 */
export async function reconcileInterrupted(store: DeploymentStore, name: string, jobManagers: JobManagerResolver): Promise<string[]> {
  const rec = store.read(name);
  if (!rec) return [];
  const notes: string[] = [];
  let running: number | undefined;
  for (const v of store.versions(name).reverse()) {
    if (v instanceof Error || !INTERRUPTED.includes(v.status)) continue;
    const jm = await jobManagers(v.cluster);
    let jobId = v.jobId;
    if (!jobId && v.cluster?.kind === 'per-job' && jm) jobId = (await jm.jobs().catch(() => []))[0]?.jid;
    const state = await liveState(jm, jobId);
    if (jobId && isAlive(state) && running === undefined) {
      running = v.version;
      await store.updateVersion(name, v.version, { status: 'running', jobId });
      notes.push(`version ${v.version}'s publish was interrupted after its job ${jobId} was submitted; the job is ${state}, so it is the running version`);
    } else {
      const error = jobId
        ? `The publish was interrupted; its job ${jobId} is ${state}${isAlive(state) ? ' (a newer version\'s job runs too: stop this one from Other jobs or the Flink Web UI)' : ''}.`
        : `The publish was interrupted before its job was recorded${v.status === 'submitting' ? ' (if a job of this deployment runs that no version names, it is under Other jobs)' : ''}.`;
      await store.updateVersion(name, v.version, { status: 'failed', error, ...(jobId && { jobId }) });
      notes.push(`version ${v.version}: ${error}`);
    }
  }
  if (running !== undefined && running > rec.currentVersion) {
    const n = running;
    await store.update(name, (r) => ({ ...r, currentVersion: Math.max(r.currentVersion, n) }));
  }
  return notes;
}
