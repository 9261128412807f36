// Deployment records under the workspace's `.flink/deployments/<name>/`: `deployment.json` (where the deployment
// runs now, its savepoints) and one folder per version `v<N>/` (published SQL, the config text, the resolved
// configuration, `version.json`). Every file is written atomically (temp + fsync + rename) and never through a
// symlink the workspace ships (.flink, deployments, <name> included); record updates are read-modify-writes under
// the deployment's record lock. A record that does not parse is a CorruptRecordError naming the file, never skipped.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { UPGRADE_VERDICTS } from '../upgrade/verdicts';
import { writeFileSafe } from '../util/safeFs';
import { withLock } from './lock';

export const DEPLOYMENTS_DIR = path.join('.flink', 'deployments');
export const PUBLISH_TARGETS = ['session', 'per-job', 'k8s'] as const;
export type PublishTarget = (typeof PUBLISH_TARGETS)[number];

const restoreSchema = z.object({
  kind: z.enum(['savepoint', 'checkpoint']),
  path: z.string(),
  /** When Flink completed it (ms since the epoch), if known. */
  at: z.number().optional(),
  jobId: z.string().optional(),
});
export type RestorePoint = z.infer<typeof restoreSchema>;

const attemptSchema = z.object({ attempt: z.number(), at: z.string(), ok: z.boolean(), error: z.string().optional() });
export type SubmitAttempt = z.infer<typeof attemptSchema>;

/** Where a version's job runs: the workspace's local cluster (its ports change per start), or fixed URLs. */
const clusterSchema = z.object({
  kind: z.enum(['local', 'remote', 'per-job', 'k8s']),
  gatewayUrl: z.string().optional(),
  restUrl: z.string().optional(),
  /** per-job: the cluster's own workspace folder (state file, logs). */
  clusterDir: z.string().optional(),
  /** local: the release of the workspace's cluster it runs on (.flink/<release>/); none (older records): the default's. */
  flinkVersion: z.string().optional(),
});
export type ClusterRef = z.infer<typeof clusterSchema>;

/**
 * `submitting`: a job may exist on the cluster (no id yet); `submitted`: its id is known, it is not yet running.
 * A version left in `publishing`/`submitting`/`submitted` was interrupted: the next publish reconciles it.
 */
export const VERSION_STATUSES = ['publishing', 'submitting', 'submitted', 'running', 'failed', 'stopped', 'superseded', 'exported'] as const;

const versionSchema = z.object({
  format: z.literal(1),
  deployment: z.string(),
  version: z.number().int().positive(),
  createdAt: z.string(),
  /** The draft, relative to the workspace. */
  draft: z.string(),
  target: z.enum(PUBLISH_TARGETS),
  /** The config's Flink version ("2.3" / "1.20") and the cluster's release when it answered. */
  flinkVersion: z.string(),
  clusterFlinkVersion: z.string().optional(),
  restoreStrategy: z.string(),
  git: z.object({ commit: z.string(), dirty: z.boolean() }).optional(),
  status: z.enum(VERSION_STATUSES),
  jobId: z.string().optional(),
  cluster: clusterSchema.optional(),
  restoredFrom: restoreSchema.optional(),
  /** Why it did not restore (no savepoint yet, retention off…). */
  restoreNote: z.string().optional(),
  attempts: z.array(attemptSchema).default([]),
  /** Settings the target cannot honour. */
  notHonoured: z.array(z.object({ parameter: z.string(), reason: z.string() })).default([]),
  rolledBackFrom: z.number().optional(),
  /** Published from that version's compiled plan (EXECUTE PLAN), the draft's statements unchanged since. */
  fromPlan: z.number().optional(),
  error: z.string().optional(),
  /** Publish → job RUNNING, when measured. */
  runningAfterMs: z.number().optional(),
  /** Old job stopped → new job RUNNING, for an upgrade. */
  downtimeMs: z.number().optional(),
  /** A k8s export: the manifest's path. */
  manifest: z.string().optional(),
  /** Maven dependencies as fetched: SHA-256 per coordinate (pinned or not), so a later change shows. */
  dependencySums: z.record(z.string(), z.string()).optional(),
  /** A JAR draft's job as published: the jar copied into the version's folder, and its SHA-256. */
  artifact: z.object({ file: z.string(), sha256: z.string(), bytes: z.number() }).optional(),
  /** The upgrade check run before this version replaced a running one (upgrade/upgradeCheck.ts). */
  upgrade: z.object({
    verdict: z.enum(UPGRADE_VERDICTS),
    operators: z.array(z.object({
      id: z.string(), name: z.string().optional(), stateBytes: z.number(), verdict: z.enum(['restored', 'dropped', 'incompatible']), vertex: z.string().optional(),
      keyType: z.string().optional(), nextKeyType: z.string().optional(), valueChanges: z.array(z.string()).optional(),
    })),
    savepoint: z.string().optional(),
    reason: z.string().optional(),
    elapsedMs: z.number(),
    /** The user chose to publish anyway: the dropped operators' state was not restored (incompatible: no state was). */
    stateLossAllowed: z.boolean().optional(),
  }).optional(),
});
export type DeploymentVersion = z.infer<typeof versionSchema>;

const savepointSchema = z.object({ path: z.string(), jobId: z.string(), version: z.number(), at: z.number(), how: z.enum(['trigger', 'stop', 'upgrade', 'check']) });
export type SavepointRecord = z.infer<typeof savepointSchema>;

const deploymentSchema = z.object({
  format: z.literal(1),
  name: z.string(),
  /** The version whose job is (or was last) running. */
  currentVersion: z.number().int().nonnegative(),
  latestVersion: z.number().int().nonnegative(),
  savepoints: z.array(savepointSchema).default([]),
  updatedAt: z.string(),
});
export type DeploymentRecord = z.infer<typeof deploymentSchema>;

/** A record file that exists but cannot be read as one: reported with its path, never dropped. */
export class CorruptRecordError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`The deployment record ${file} is corrupted (${reason}); fix or delete it, nothing was changed.`);
    this.name = 'CorruptRecordError';
  }
}

export class UnknownDeploymentError extends Error {
  constructor(readonly deployment: string, known: string[]) {
    super(`No deployment "${deployment}"${known.length ? ` (known: ${known.join(', ')})` : ' (nothing published yet: flink-sql publish <draft>)'}.`);
    this.name = 'UnknownDeploymentError';
  }
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** A deployment name is a folder name: letters, digits, `.`, `_`, `-`. */
export function checkDeploymentName(name: string): string {
  if (!NAME.test(name) || name.includes('..')) throw new Error(`"${name}" cannot name a deployment: use letters, digits, ".", "_" and "-" (the draft's config "name").`);
  return name;
}

function readJson<T>(file: string, schema: z.ZodType<T>): T | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CorruptRecordError(file, `not JSON: ${(e as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new CorruptRecordError(file, parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
  return parsed.data;
}

/** The files of one version, for "Open Published SQL / Config" and the diff editor. */
export interface VersionFiles { dir: string; sql: string; configYaml: string; resolved: string; meta: string; plan: string }

export class DeploymentStore {
  readonly root: string;

  constructor(readonly workspaceDir: string) {
    this.root = path.join(path.resolve(workspaceDir), DEPLOYMENTS_DIR);
  }

  dirOf(name: string): string {
    return path.join(this.root, checkDeploymentName(name));
  }

  files(name: string, version: number): VersionFiles {
    const dir = path.join(this.dirOf(name), `v${version}`);
    return { dir, sql: path.join(dir, 'published.flink.sql'), configYaml: path.join(dir, 'deployment.yaml'), resolved: path.join(dir, 'resolved-config.json'), meta: path.join(dir, 'version.json'), plan: path.join(dir, 'plan.json') };
  }

  /** Deployment names with a folder (whether or not their record reads). */
  names(): string[] {
    try {
      return fs.readdirSync(this.root, { withFileTypes: true }).filter((d) => d.isDirectory() && NAME.test(d.name)).map((d) => d.name).sort();
    } catch {
      return [];
    }
  }

  read(name: string): DeploymentRecord | undefined {
    return readJson(path.join(this.dirOf(name), 'deployment.json'), deploymentSchema);
  }

  /** The record, or UnknownDeploymentError listing the known ones. */
  require(name: string): DeploymentRecord {
    const rec = this.read(name);
    if (!rec) throw new UnknownDeploymentError(name, this.names());
    return rec;
  }

  /** Writes a record as given: for a first record, or when the caller holds the record lock (see update). */
  write(rec: DeploymentRecord): void {
    this.writeFile(path.join(this.dirOf(rec.name), 'deployment.json'), `${JSON.stringify({ ...rec, updatedAt: new Date().toISOString() }, null, 2)}\n`);
  }

  /** An atomic write below the workspace that refuses symlinks on the way (a symlink at the file is replaced). */
  private writeFile(file: string, text: string): void {
    writeFileSafe(this.workspaceDir, file, text);
  }

  /** Runs `fn` holding the deployment's record lock (held for one read-modify-write, never for a whole publish). */
  private locked<T>(name: string, fn: () => T): Promise<T> {
    return withLock(this.dirOf(name), async () => fn(), { name: 'record', root: this.workspaceDir, timeoutMs: 60_000 });
  }

  /**
   * Read-modify-write of deployment.json under the record lock: `fn` gets the record as it is now (or `init` when
   * there is none yet), so a savepoint recorded by a stop and a version recorded by a publish never erase each other.
   */
  update(name: string, fn: (rec: DeploymentRecord) => DeploymentRecord, init?: DeploymentRecord): Promise<DeploymentRecord> {
    return this.locked(name, () => {
      const cur = this.read(name) ?? init;
      if (!cur) throw new UnknownDeploymentError(name, this.names());
      const next = { ...fn(cur), name: cur.name, updatedAt: new Date().toISOString() };
      this.write(next);
      return next;
    });
  }

  version(name: string, version: number): DeploymentVersion {
    const meta = this.files(name, version).meta;
    const v = readJson(meta, versionSchema);
    if (!v) {
      const exists = fs.existsSync(path.dirname(meta));
      if (exists) throw new CorruptRecordError(meta, 'the version folder has no version.json (a publish was interrupted while writing it)');
      throw new Error(`Deployment "${name}" has no version ${version} (versions: ${this.versionNumbers(name).join(', ') || 'none'}).`);
    }
    return v;
  }

  versionNumbers(name: string): number[] {
    try {
      return fs.readdirSync(this.dirOf(name)).map((f) => /^v(\d+)$/.exec(f)?.[1]).filter((n): n is string => !!n).map(Number).sort((a, b) => a - b);
    } catch {
      return [];
    }
  }

  /** Every version, oldest first; a corrupt one is an error entry, never left out. */
  versions(name: string): Array<DeploymentVersion | CorruptRecordError> {
    return this.versionNumbers(name).map((n) => {
      try {
        return this.version(name, n);
      } catch (e) {
        if (e instanceof CorruptRecordError) return e;
        throw e;
      }
    });
  }

  /** Writes a new version's files (version.json last: a folder without it is an interrupted write). */
  createVersion(v: DeploymentVersion, sql: string, configYaml: string, resolved: unknown): VersionFiles {
    const f = this.files(v.deployment, v.version);
    if (fs.existsSync(f.dir)) throw new Error(`Version ${v.version} of "${v.deployment}" exists already (${f.dir}).`);
    this.writeFile(f.sql, sql);
    this.writeFile(f.configYaml, configYaml);
    this.writeFile(f.resolved, `${JSON.stringify(resolved, null, 2)}\n`);
    this.saveVersion(v);
    return f;
  }

  /** Copies a JAR draft's jar (a PYTHON draft's script) into the version (so a roll back runs what was published); its name and SHA-256. */
  storeArtifact(name: string, version: number, jar: string): NonNullable<DeploymentVersion['artifact']> {
    const data = fs.readFileSync(jar);
    // A script keeps its name: a traceback of the stored copy names the file the user knows.
    const script = path.basename(jar);
    const file = /\.py$/i.test(jar) ? (/^[\w.-]+\.py$/.test(script) ? script : 'job.py') : 'job.jar';
    writeFileSafe(this.workspaceDir, path.join(this.files(name, version).dir, file), data);
    return { file, sha256: createHash('sha256').update(data).digest('hex'), bytes: data.length };
  }

  saveVersion(v: DeploymentVersion): void {
    this.writeFile(this.files(v.deployment, v.version).meta, `${JSON.stringify(versionSchema.parse(v), null, 2)}\n`);
  }

  /** Read-modify-write of a version's record under the record lock (a stop and a publish may both patch it). */
  updateVersion(name: string, version: number, patch: Partial<DeploymentVersion> | ((v: DeploymentVersion) => Partial<DeploymentVersion>)): Promise<DeploymentVersion> {
    return this.locked(name, () => {
      const cur = this.version(name, version);
      const v = { ...cur, ...(typeof patch === 'function' ? patch(cur) : patch) };
      this.saveVersion(v);
      return v;
    });
  }

  /** The next version number: after every folder, whether its record reads or not. */
  nextVersion(name: string): number {
    const nums = this.versionNumbers(name);
    return (nums.length ? nums[nums.length - 1] : 0) + 1;
  }

  addSavepoint(name: string, sp: SavepointRecord): Promise<DeploymentRecord> {
    return this.update(name, (rec) => ({ ...rec, savepoints: [...rec.savepoints, sp] }));
  }
}
