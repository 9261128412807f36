// Where a (re)started version restores from, per the restore strategy: latest-savepoint = the newest savepoint
// of this deployment; latest-state = the newest retained checkpoint or savepoint, whichever is newer (needs
// checkpoint retention); none = fresh state. Local paths are checked to still exist.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { JobManagerClient } from '../flink/restClient';
import type { DeploymentRecord, DeploymentVersion, RestorePoint } from './store';

export type RestoreStrategy = 'latest-state' | 'latest-savepoint' | 'none';

/** `file:/a/b`, `file:///a/b` → `/a/b`; other schemes (s3://…) → undefined (not checkable here). */
export function localPath(uri: string): string | undefined {
  if (uri.startsWith('/')) return uri;
  const m = /^file:(?:\/\/)?(\/.*)$/.exec(uri);
  return m ? decodeURIComponent(m[1]) : undefined;
}

/** A savepoint or checkpoint directory is usable when its `_metadata` is there (remote ones are trusted). */
export function snapshotExists(uri: string): boolean {
  const p = localPath(uri);
  return p === undefined || fs.existsSync(path.join(p, '_metadata'));
}

export interface PriorJob {
  version: DeploymentVersion;
  /** The version's resolved externalized-checkpoint retention. */
  retention?: string;
  jm?: JobManagerClient;
  /** The cluster's checkpoint directory (execution.checkpointing.dir), to look when the JobManager forgot the job. */
  checkpointDir?: string;
}

export interface RestoreChoice { from?: RestorePoint; note?: string }

export async function chooseRestore(strategy: RestoreStrategy, rec: DeploymentRecord | undefined, prior: PriorJob[]): Promise<RestoreChoice> {
  if (strategy === 'none') return { note: 'restore strategy none: starting with fresh state' };
  const savepoints = (rec?.savepoints ?? []).filter((s) => snapshotExists(s.path)).sort((a, b) => b.at - a.at);
  const sp: RestorePoint | undefined = savepoints[0] && { kind: 'savepoint', path: savepoints[0].path, at: savepoints[0].at, jobId: savepoints[0].jobId };
  if (strategy === 'latest-savepoint') {
    return sp ? { from: sp } : { note: 'restore strategy latest-savepoint, but this deployment has no savepoint yet: starting with fresh state' };
  }
  const notes: string[] = [];
  let best: RestorePoint | undefined;
  for (const p of prior) {
    if (!p.version.jobId) continue;
    if (!p.retention || p.retention === 'NO_EXTERNALIZED_CHECKPOINTS') {
      notes.push(`version ${p.version.version} kept no checkpoints (checkpointing.retention is never or checkpointing is off; set checkpointing.retention: always for latest-state to restore from checkpoints)`);
      continue;
    }
    const cp = await latestCheckpoint(p);
    if (cp && (!best || (cp.at ?? 0) > (best.at ?? 0))) best = cp;
  }
  const from = [best, sp].filter((x): x is RestorePoint => !!x).sort((a, b) => (b.at ?? 0) - (a.at ?? 0))[0];
  if (from) return { from, ...(notes.length ? { note: notes.join('; ') } : {}) };
  return { note: ['restore strategy latest-state, but there is no retained checkpoint or savepoint: starting with fresh state', ...notes].join('; ') };
}

async function latestCheckpoint(p: PriorJob): Promise<RestorePoint | undefined> {
  const jobId = p.version.jobId!;
  if (p.jm) {
    try {
      const c = (await p.jm.checkpoints(jobId)).latest.completed;
      if (c?.external_path && !c.is_savepoint && snapshotExists(c.external_path)) {
        return { kind: 'checkpoint', path: c.external_path, at: c.latest_ack_timestamp, jobId };
      }
    } catch {
      /* the JobManager forgot the job (restarted): look on disk */
    }
  }
  const dir = p.checkpointDir && localPath(p.checkpointDir);
  if (!dir) return undefined;
  let newest: RestorePoint | undefined;
  try {
    for (const f of fs.readdirSync(path.join(dir, jobId))) {
      if (!/^chk-\d+$/.test(f)) continue;
      const meta = path.join(dir, jobId, f, '_metadata');
      if (!fs.existsSync(meta)) continue;
      const at = fs.statSync(meta).mtimeMs;
      if (!newest || at > (newest.at ?? 0)) newest = { kind: 'checkpoint', path: `file:${path.join(dir, jobId, f)}`, at, jobId };
    }
  } catch {
    return undefined;
  }
  return newest;
}
