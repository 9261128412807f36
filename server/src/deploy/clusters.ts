// Which JobManager a recorded version's job lives on: the workspace's local cluster of its Flink release (found
// afresh, its ports change per start), a remote cluster's REST URL, or a per-job cluster's own state folder.
import { localClusterStatus } from '../flink/localCluster';
import { clusterDirs, recordedVersions } from '../flink/localClusterLayout';
import { readState } from '../flink/localClusterState';
import { JobManagerClient } from '../flink/restClient';
import type { ClusterRef } from './store';

export const TERMINAL_STATES = ['FINISHED', 'CANCELED', 'FAILED'];

export type JobManagerResolver = (ref: ClusterRef | undefined) => Promise<JobManagerClient | undefined>;

export interface ResolverOptions {
  workspaceDir: string;
  /** Overrides the recorded session clusters' URLs (CLI --rest). */
  restUrl?: string;
  timeoutMs?: number;
  /** true: the configured REST URL's userinfo may go over plain http to another machine (the user's choice). */
  allowInsecureAuth?: boolean;
}

export function jobManagerResolver(o: ResolverOptions): JobManagerResolver {
  const cache = new Map<string, Promise<JobManagerClient | undefined>>();
  const client = (url: string) => new JobManagerClient(url, { timeoutMs: o.timeoutMs ?? 10_000, retries: 1, allowInsecureAuth: o.allowInsecureAuth });
  // A URL from a record (version.json, the workspace's to write) is contacted only when it is http(s), and never with
  // credentials of its own; only the configured one (o.restUrl) may carry them.
  const recorded = (url: string) => (isRecordableUrl(url) ? new JobManagerClient(url, { timeoutMs: o.timeoutMs ?? 10_000, retries: 1 }) : undefined);
  return (ref) => {
    // --rest names a session cluster's JobManager; a per-job cluster has its own.
    if (o.restUrl && ref?.kind !== 'per-job') return Promise.resolve(client(o.restUrl));
    if (!ref) return Promise.resolve(undefined);
    const key = JSON.stringify(ref);
    let p = cache.get(key);
    if (!p) {
      p = (async () => {
        if (ref.kind === 'local') {
          // The cluster of the recorded release (a 1.20 deployment lives on the 1.20 cluster, not the default's).
          const st = await localClusterStatus(o.workspaceDir, ref.flinkVersion);
          return st.info?.restUrl ? client(st.info.restUrl) : undefined;
        }
        if (ref.kind === 'per-job' && ref.clusterDir) {
          // Its state file exists while its processes run (the watcher removes it when the job has ended).
          const version = recordedVersions(ref.clusterDir)[0];
          const url = version ? readState(clusterDirs(ref.clusterDir, version))?.restUrl : undefined;
          return url ? client(url) : undefined;
        }
        return ref.restUrl ? recorded(ref.restUrl) : undefined;
      })();
      cache.set(key, p);
    }
    return p;
  };
}

/** The job's state, or UNKNOWN (the JobManager forgot it) / UNREACHABLE (no JobManager answers). */
export async function liveState(jm: JobManagerClient | undefined, jobId: string | undefined): Promise<string> {
  if (!jobId) return 'NO_JOB';
  if (!jm) return 'UNREACHABLE';
  try {
    return await jm.jobStatus(jobId);
  } catch (e) {
    const status = (e as { status?: number }).status;
    return status === 404 ? 'UNKNOWN' : 'UNREACHABLE';
  }
}

export function isAlive(state: string): boolean {
  return !TERMINAL_STATES.includes(state) && !['UNKNOWN', 'UNREACHABLE', 'NO_JOB'].includes(state);
}

/** Polls until the job is in one of `states` (or terminal); returns the state reached. */
export async function waitForState(jm: JobManagerClient, jobId: string, states: string[], timeoutMs = 180_000, pollMs = 100): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await jm.jobStatus(jobId).catch((e: unknown) => {
      if ((e as { status?: number }).status === 404) return 'INITIALIZING';
      throw e;
    });
    if (states.includes(s) || TERMINAL_STATES.includes(s)) return s;
    if (Date.now() > deadline) return s;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/** RUNNING as the user means it: the job and all of its tasks are running (a savepoint needs that). */
export async function waitForRunningTasks(jm: JobManagerClient, jobId: string, timeoutMs = 180_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await waitForState(jm, jobId, ['RUNNING'], Math.max(0, deadline - Date.now()));
    if (s !== 'RUNNING') return s;
    const d = await jm.job(jobId);
    if (d.vertices.every((v) => v.status === 'RUNNING')) return 'RUNNING';
    if (Date.now() > deadline) return d.state;
    await new Promise((r) => setTimeout(r, 100));
  }
}

function isRecordableUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password;
  } catch {
    return false;
  }
}
