// A deployment's life after publish: its live status (state, uptime, restarts, last checkpoint and savepoint),
// stop (with a savepoint, optionally drained, or cancel), savepoints, roll back to an earlier version, and the
// cluster's jobs no deployment knows ("Other jobs").
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { JobManagerClient } from '../flink/restClient';
import type { DeploymentStatus } from '../protocol';
import { liveState, TERMINAL_STATES, waitForState, type JobManagerResolver } from './clusters';
import { storedSource } from './draftSource';
import { markPerJobStopping, perJobFinalState, recordPerJobFinalState } from './perJobCluster';
import { publish, type PublishOptions, type PublishResult } from './publish';
import type { RestoreStrategy } from './restore';
import { CorruptRecordError, DeploymentStore, type DeploymentVersion } from './store';

// The status shape is declared once, with the messages that carry it to the client.
export type { DeploymentStatus };

function knownVersion(store: DeploymentStore, name: string, n: number): DeploymentVersion | CorruptRecordError {
  try {
    return store.version(name, n);
  } catch (e) {
    if (e instanceof CorruptRecordError) return e;
    throw e;
  }
}

/** One entry per deployment folder; a corrupt record is an entry with state CORRUPT and the reason. */
export async function deploymentStatuses(workspaceDir: string, jobManagers: JobManagerResolver, o: { details?: boolean } = {}): Promise<DeploymentStatus[]> {
  const store = new DeploymentStore(workspaceDir);
  const out: DeploymentStatus[] = [];
  for (const name of store.names()) {
    let rec;
    try {
      rec = store.read(name);
    } catch (e) {
      out.push({ deployment: name, state: 'CORRUPT', error: (e as Error).message });
      continue;
    }
    if (!rec) continue; // a folder whose first publish is still being written
    const n = rec.currentVersion || rec.latestVersion;
    const v = n ? knownVersion(store, name, n) : undefined;
    if (v instanceof CorruptRecordError) {
      out.push({ deployment: name, version: n, latestVersion: rec.latestVersion, state: 'CORRUPT', error: v.message });
      continue;
    }
    const latest = rec.latestVersion !== n ? knownVersion(store, name, rec.latestVersion) : v;
    const sp = [...rec.savepoints].sort((a, b) => b.at - a.at)[0];
    const base: DeploymentStatus = {
      deployment: name, version: n, latestVersion: rec.latestVersion, jobId: v?.jobId, target: v?.target, state: 'NO_JOB',
      ...(sp && { lastSavepoint: { at: sp.at, path: sp.path } }), ...(v?.restoredFrom && { restoredFrom: v.restoredFrom.path }),
      ...(latest && !(latest instanceof Error) && latest.status === 'failed' && { error: `version ${latest.version}: ${latest.error}` }),
    };
    if (!v?.jobId) {
      out.push({ ...base, state: v?.status === 'exported' ? 'EXPORTED' : 'PUBLISH_FAILED' });
      continue;
    }
    const jm = await jobManagers(v.cluster);
    base.restUrl = jm?.baseUrl;
    base.state = await liveState(jm, v.jobId);
    // A per-job cluster is gone once its job ended (its state file may outlive it a moment): the final state
    // recorded by the stop or the watcher says how the job ended.
    const gone = !jm || base.state === 'UNREACHABLE' || base.state === 'UNKNOWN';
    if (gone && v.cluster?.kind === 'per-job' && v.cluster.clusterDir) base.state = perJobFinalState(v.cluster.clusterDir)?.state ?? base.state;
    if (o.details && jm && base.state !== 'UNKNOWN' && base.state !== 'UNREACHABLE') {
      const [job, cps] = await Promise.all([jm.job(v.jobId).catch(() => undefined), jm.checkpoints(v.jobId).catch(() => undefined)]);
      if (job) {
        base.startTime = job['start-time'];
        base.uptimeMs = TERMINAL_STATES.includes(job.state) ? job.duration : job.now - job['start-time'];
      }
      base.restarts = await restarts(jm, v.jobId);
      const c = cps?.latest.completed;
      if (c) base.lastCheckpoint = { at: c.latest_ack_timestamp, path: c.external_path };
    }
    out.push(base);
  }
  return out;
}

/**
 * The job's restart count (the numRestarts gauge of the job), through the REST client: the configured URL's
 * credentials, its clear-text policy and its bounded, checked reading apply here as to every other call.
 */
async function restarts(jm: JobManagerClient, jobId: string): Promise<number | undefined> {
  try {
    const v = (await jm.jobMetrics(jobId, ['numRestarts'])).numRestarts;
    return v === undefined || !Number.isFinite(Number(v)) ? undefined : Number(v);
  } catch {
    return undefined;
  }
}

/** The running version of a deployment and its JobManager, or an error saying why there is none. */
async function runningJob(workspaceDir: string, name: string, jobManagers: JobManagerResolver) {
  const store = new DeploymentStore(workspaceDir);
  const rec = store.require(name);
  if (!rec.currentVersion) throw new Error(`Deployment "${name}" has no running version (its publish failed: see flink-sql deployments).`);
  const v = store.version(name, rec.currentVersion);
  if (!v.jobId) throw new Error(`Version ${v.version} of "${name}" has no job.`);
  const jm = await jobManagers(v.cluster);
  if (!jm) throw new Error(`The cluster of "${name}" is not running (its job ${v.jobId} is gone with it).`);
  return { store, v, jobId: v.jobId, jm };
}

export interface StopResult { jobId: string; state: string; savepoint?: string }

/** Stops the deployment's job: with a savepoint (drain optional), or cancel. Waits for the job to end. */
export async function stopDeployment(workspaceDir: string, name: string, jobManagers: JobManagerResolver, o: { drain?: boolean; savepoint?: boolean } = {}): Promise<StopResult> {
  const { store, v, jobId, jm } = await runningJob(workspaceDir, name, jobManagers);
  const perJobDir = v.cluster?.kind === 'per-job' ? v.cluster.clusterDir : undefined;
  // A per-job cluster stops itself once its job ended: hold it until this stop has read its answers.
  const release = perJobDir ? markPerJobStopping(perJobDir) : undefined;
  try {
    let savepoint: string | undefined;
    if (o.savepoint || o.drain) {
      const trigger = await jm.stopWithSavepoint(jobId, { drain: o.drain ?? false });
      savepoint = await jm.waitForSavepoint(jobId, trigger);
      await store.addSavepoint(name, { path: savepoint, jobId, version: v.version, at: Date.now(), how: 'stop' });
    } else {
      await jm.cancel(jobId);
    }
    const state = await waitForState(jm, jobId, TERMINAL_STATES, 60_000).catch((e: unknown) => {
      // A per-job cluster whose JobManager died anyway (the watcher saw it) recorded how the job ended.
      const final = perJobDir ? perJobFinalState(perJobDir) : undefined;
      if (final) return final.state;
      throw e;
    });
    if (perJobDir) recordPerJobFinalState(perJobDir, jobId, state);
    await store.updateVersion(name, v.version, { status: 'stopped' });
    return { jobId, state, ...(savepoint && { savepoint }) };
  } finally {
    release?.();
  }
}

/** Takes a savepoint of the running job (it keeps running) and records it. */
export async function savepointDeployment(workspaceDir: string, name: string, jobManagers: JobManagerResolver): Promise<{ jobId: string; savepoint: string }> {
  const { store, v, jobId, jm } = await runningJob(workspaceDir, name, jobManagers);
  const trigger = await jm.triggerSavepoint(jobId);
  const savepoint = await jm.waitForSavepoint(jobId, trigger);
  await store.addSavepoint(name, { path: savepoint, jobId, version: v.version, at: Date.now(), how: 'trigger' });
  return { jobId, savepoint };
}

export type RepublishOptions = Omit<PublishOptions, 'draftPath' | 'source' | 'rolledBackFrom'>;

/**
 * Publishes a stored version's SQL and config again as a new version (a running job is upgraded as by any
 * publish, the upgrade check included: the running version's state may not fit the earlier version's operators).
 * With `restoreStrategy` it restarts the same SQL with that strategy (Restart from Latest Savepoint: no check).
 */
export async function republishVersion(name: string, versionNumber: number, o: RepublishOptions & { restoreStrategy?: RestoreStrategy }): Promise<PublishResult> {
  const store = new DeploymentStore(o.workspaceDir);
  store.require(name);
  const v = store.version(name, versionNumber);
  const f = store.files(name, versionNumber);
  const storedJar = v.artifact ? path.join(f.dir, v.artifact.file) : undefined;
  const source = storedSource(path.resolve(o.workspaceDir, v.draft), fs.readFileSync(f.sql, 'utf8'), fs.readFileSync(f.configYaml, 'utf8'), v.target, storedJar);
  return publish({ ...o, source: { ...source, name }, rolledBackFrom: versionNumber, skipFlinkValidation: o.skipFlinkValidation ?? true, upgradeCheck: o.upgradeCheck ?? !o.restoreStrategy });
}

/** Live jobs on a cluster that no deployment of this workspace started (finished Execute queries are not listed). */
export async function otherJobs(workspaceDir: string, jm: { jobs(): Promise<Array<{ jid: string; name: string; state: string; 'start-time': number }>> }) {
  const store = new DeploymentStore(workspaceDir);
  const known = new Set<string>();
  for (const name of store.names()) {
    for (const v of store.versions(name)) if (!(v instanceof Error) && v.jobId) known.add(v.jobId);
  }
  return (await jm.jobs()).filter((j) => !known.has(j.jid) && !TERMINAL_STATES.includes(j.state)).sort((a, b) => b['start-time'] - a['start-time']);
}
