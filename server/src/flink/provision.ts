// Provisioning of a local Flink: the pinned jar manifest (scripts/flink-dist.json, bundled), where a version is
// installed (<install root>/flink/<version>/{lib,opt}: per user, shared by every workspace, the extension and the
// CLI), whether it is complete, and the checksummed install. A distribution the user already has is distHome.ts's.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { z } from 'zod';
import { formatBytes } from '../util/bytes';
import manifestJson from '../../../scripts/flink-dist.json';
import { DEPENDENCY_PLUGIN, describeDownload, renderPinnedPom, runMaven } from './provisionMaven';
import { findJava, RECOMMENDED_JAVA_MAJOR } from './provisionJava';

const artifactSchema = z.object({
  gav: z.string(),
  file: z.string(),
  /** lib/ goes on every process's classpath; opt/ only where needed (gateway, SQL client). */
  dir: z.enum(['lib', 'opt']),
  size: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
const manifestSchema = z.object({
  default: z.string(),
  versions: z.record(z.string(), z.object({ artifacts: z.array(artifactSchema).min(1) })),
});
export type DistArtifact = z.infer<typeof artifactSchema>;
export type DistManifest = z.infer<typeof manifestSchema>;

export interface FlinkDist {
  /** The release the jars are ("2.3.0"; a user's own distribution may be another patch of the line). */
  version: string;
  /** <install root>/flink/<version>, or the user's own distribution (`external`). */
  home: string;
  libDir: string;
  optDir: string;
  /** Where class-data-sharing archives go: inside a pinned install, under the install root for a user's own Flink. */
  cdsDir: string;
  /** A distribution the user pointed us at (FLINK_HOME, flinkSql.localFlink.flinkHome): read, never written. */
  external?: boolean;
}

export type ProcessRole = 'jobmanager' | 'taskmanager' | 'gateway' | 'sql-client' | 'application';

/** How a user gets a version installed, in the words of both faces (palette command, CLI). */
export function installAdvice(version: string): string {
  return `install it with "Flink: Install Local Flink…" in VS Code or \`flink-sql local install --flink-version ${version}\` ` +
    `(or point the setting flinkSql.localFlink.flinkHome, or FLINK_HOME, at a Flink ${flinkLineOf(version)} distribution)`;
}

function flinkLineOf(version: string): string {
  return /^(\d+\.\d+)/.exec(version)?.[1] ?? version;
}

export class DistNotInstalledError extends Error {
  constructor(readonly version: string, readonly home: string, readonly problem: string) {
    super(`Flink ${version} is not installed in ${home} (${problem}): ${installAdvice(version)}.`);
    this.name = 'DistNotInstalledError';
  }
}

const MARKER = 'installed.json';

export function loadManifest(): DistManifest {
  return manifestSchema.parse(manifestJson);
}

export function defaultFlinkVersion(): string {
  return loadManifest().default;
}

/** Every pinned version, the default first. */
export function pinnedVersions(): string[] {
  const m = loadManifest();
  return [m.default, ...Object.keys(m.versions).filter((v) => v !== m.default)];
}

/**
 * The pinned version meant by `requested`: itself, or the pinned patch of a line given as "1.20" or "1.20.x"
 * (what deployment configs and settings say); undefined → the default. Throws for a version that is not pinned.
 */
export function resolveFlinkVersion(requested?: string): string {
  if (requested === undefined || requested === '') return defaultFlinkVersion();
  const pinned = pinnedVersions();
  if (pinned.includes(requested)) return requested;
  const line = /^(\d+\.\d+)(?:\.x)?$/.exec(requested)?.[1];
  const match = line && pinned.find((v) => v.startsWith(`${line}.`));
  if (match) return match;
  throw new UnpinnedVersionError(requested, pinned);
}

export class UnpinnedVersionError extends Error {
  constructor(readonly requested: string, readonly pinned: string[]) {
    super(`Flink ${requested} is not a version this release of Flink SQL Studio runs (it runs ${pinned.join(', ')}).`);
    this.name = 'UnpinnedVersionError';
  }
}

/**
 * Where installed versions live: $FLINK_SQL_STUDIO_CACHE (the extension sets it from flinkSql.localFlink.installDir),
 * else the user's cache directory — one per user, shared by every workspace, the extension and the CLI, and outside
 * the extension's own folder so an update keeps it. Never the repository's: the installed product does not know it.
 */
export function flinkCacheRoot(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.FLINK_SQL_STUDIO_CACHE) return path.resolve(env.FLINK_SQL_STUDIO_CACHE);
  const home = env.HOME || os.homedir();
  if (platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'flink-sql-studio');
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'flink-sql-studio');
  return path.join(env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(home, '.cache'), 'flink-sql-studio');
}

export function distFor(version: string, cacheRoot = flinkCacheRoot()): FlinkDist {
  const home = path.join(cacheRoot, 'flink', version);
  return { version, home, libDir: path.join(home, 'lib'), optDir: path.join(home, 'opt'), cdsDir: path.join(home, 'cds') };
}

/** Bytes and jar count a version's install downloads (from the pinned manifest). */
export function distSize(version: string): { bytes: number; files: number } {
  const artifacts = artifactsFor(version);
  return { bytes: artifacts.reduce((n, a) => n + a.size, 0), files: artifacts.length };
}

export interface DistCheck {
  installed: boolean;
  dist: FlinkDist;
  /** Why it is not installed. */
  problem?: string;
}

/** A jar as the install left it (or as last verified): a change of either means its bytes are hashed again. */
export interface JarStat { size: number; mtimeMs: number }

interface InstalledMarker { version?: string; manifestDigest?: string; files?: Record<string, JarStat> }

const jarKey = (a: DistArtifact) => `${a.dir}/${a.file}`;

/**
 * Completeness check: the marker, each jar's size, and the SHA-256 of every jar whose size or mtime differs from
 * what the install recorded (`deep`: of every jar). Jars found intact after a change are recorded afresh.
 */
export async function checkDist(version = defaultFlinkVersion(), opts: { cacheRoot?: string; deep?: boolean } = {}): Promise<DistCheck> {
  const dist = distFor(version, opts.cacheRoot);
  const artifacts = artifactsFor(version);
  const markerPath = path.join(dist.home, MARKER);
  if (!fs.existsSync(markerPath)) return { installed: false, dist, problem: 'nothing installed yet' };
  let marker: InstalledMarker;
  try {
    marker = JSON.parse(fs.readFileSync(markerPath, 'utf8')) as InstalledMarker;
    if (marker.manifestDigest !== manifestDigest(artifacts)) return { installed: false, dist, problem: 'the pinned manifest changed since the last install' };
  } catch {
    return { installed: false, dist, problem: `${MARKER} is unreadable` };
  }
  const check = await checkJars(dist.home, artifacts, marker.files ?? {}, opts.deep);
  if (check.problem) return { installed: false, dist, problem: check.problem };
  if (check.rehashed) writeMarker(markerPath, { ...marker, files: check.stats });
  return { installed: true, dist };
}

/** The installed jars against their pins; `recorded`: each jar's size and mtime when last hashed. */
export async function checkJars(home: string, artifacts: DistArtifact[], recorded: Record<string, JarStat>, deep = false): Promise<{ problem?: string; stats: Record<string, JarStat>; rehashed: number }> {
  const stats: Record<string, JarStat> = {};
  let rehashed = 0;
  for (const a of artifacts) {
    const file = path.join(home, a.dir, a.file);
    const st = fs.statSync(file, { throwIfNoEntry: false });
    if (!st?.isFile()) return { problem: `${jarKey(a)} is missing`, stats, rehashed };
    if (st.size !== a.size) return { problem: `${jarKey(a)} has ${st.size} bytes, expected ${a.size}`, stats, rehashed };
    stats[jarKey(a)] = { size: st.size, mtimeMs: st.mtimeMs };
    const known = recorded[jarKey(a)];
    if (!deep && known && known.size === st.size && known.mtimeMs === st.mtimeMs) continue;
    if ((await sha256File(file)) !== a.sha256) return { problem: `${jarKey(a)} fails its SHA-256 check (it changed since the install)`, stats, rehashed };
    rehashed++;
  }
  return { stats, rehashed };
}

function jarStats(home: string, artifacts: DistArtifact[]): Record<string, JarStat> {
  return Object.fromEntries(artifacts.map((a) => {
    const st = fs.statSync(path.join(home, a.dir, a.file));
    return [jarKey(a), { size: st.size, mtimeMs: st.mtimeMs }];
  }));
}

function writeMarker(markerPath: string, marker: InstalledMarker & Record<string, unknown>): void {
  const tmp = `${markerPath}.${process.pid}.${Date.now()}.tmp`;
  try {
    fs.writeFileSync(tmp, JSON.stringify(marker, null, 2) + '\n');
    fs.renameSync(tmp, markerPath);
  } catch {
    // Only a cache of what was verified: the next check hashes again.
    fs.rmSync(tmp, { force: true });
  }
}

/** The installed pinned dist, or a DistNotInstalledError saying how to install it. (ensureFlink.ts also offers to.) */
export async function requirePinnedDist(version = defaultFlinkVersion(), cacheRoot?: string): Promise<FlinkDist> {
  const check = await checkDist(version, { cacheRoot });
  if (!check.installed) throw new DistNotInstalledError(version, check.dist.home, check.problem ?? 'incomplete');
  return check.dist;
}

/**
 * Java classpath for one process role, mirroring bin/config.sh: lib/ plus the opt/ jars the role needs. A pinned
 * install: exactly the manifest's jars (a jar dropped into its lib/ is not run); a user's own distribution: every
 * jar in its lib/, as Flink's scripts do.
 */
export function classpathFor(dist: FlinkDist, role: ProcessRole): string {
  const pinned = dist.external ? undefined : artifactsFor(dist.version);
  const jars = (dir: string, pick: (f: string) => boolean) => {
    const which = pinned ? (dir === dist.libDir ? 'lib' : 'opt') : undefined;
    const names = pinned ? pinned.filter((a) => a.dir === which).map((a) => a.file) : fs.readdirSync(dir);
    return names.filter((f) => f.endsWith('.jar') && pick(f)).sort().map((f) => path.join(dir, f));
  };
  const lib = jars(dist.libDir, () => true);
  const has = pinned ? true : fs.existsSync(dist.optDir);
  const opt = !has ? []
    : role === 'gateway' ? jars(dist.optDir, (f) => f.startsWith('flink-sql-gateway-'))
      : role === 'sql-client' ? jars(dist.optDir, (f) => f.startsWith('flink-sql-gateway-') || f.startsWith('flink-sql-client-'))
        // a pinned install keeps the application entry point in opt/; the binary release has it in lib/flink-dist
        : role === 'application' ? jars(dist.optDir, (f) => f.startsWith('flink-container-'))
          : [];
  return [...lib, ...opt].join(path.delimiter);
}

export interface InstallOptions {
  version?: string;
  cacheRoot?: string;
  /** Reinstall even when complete. */
  force?: boolean;
  /** Re-hash an existing install instead of trusting sizes. */
  verify?: boolean;
  /** A message, and how far the download is (bytes of the pinned jars fetched so far, of all). */
  onProgress?: (message: string, done?: { bytes: number; totalBytes: number }) => void;
  /** Aborting it stops Maven; nothing is marked installed, and the next install starts over cleanly. */
  signal?: AbortSignal;
}

export interface InstallResult {
  dist: FlinkDist;
  alreadyInstalled: boolean;
  bytes: number;
  files: number;
  millis: number;
}

/** Installs (or confirms) a pinned Flink version; idempotent, and safe against a concurrent installer. */
export async function installFlink(opts: InstallOptions = {}): Promise<InstallResult> {
  const started = Date.now();
  const version = resolveFlinkVersion(opts.version);
  const progress = opts.onProgress ?? (() => {});
  const artifacts = artifactsFor(version);
  const bytes = artifacts.reduce((n, a) => n + a.size, 0);
  const done = (dist: FlinkDist, alreadyInstalled: boolean): InstallResult =>
    ({ dist, alreadyInstalled, bytes, files: artifacts.length, millis: Date.now() - started });

  const check = await checkDist(version, { cacheRoot: opts.cacheRoot, deep: opts.verify });
  if (check.installed && !opts.force) return done(check.dist, true);
  const dist = check.dist;
  progress(`${check.problem ?? 'reinstalling'}: installing ${artifacts.length} jars (${formatBytes(bytes)}) of Flink ${version} into ${dist.home}`);

  const java = findJava();
  progress(`Java ${java.version} (${java.command})${java.major === RECOMMENDED_JAVA_MAJOR ? '' : ` — note: Flink ${version} is tested on Java ${RECOMMENDED_JAVA_MAJOR}`}`);

  fs.mkdirSync(dist.home, { recursive: true });
  const release = await acquireLock(path.join(dist.home, '.install.lock'), progress);
  try {
    // Another installer may have finished while we waited for the lock.
    const again = await checkDist(version, { cacheRoot: opts.cacheRoot });
    if (again.installed && !opts.force) return done(dist, true);
    // Gone before any jar moves: an install stopped half way is never taken for a complete one.
    fs.rmSync(path.join(dist.home, MARKER), { force: true });
    await fetchWithMaven(dist, artifacts, progress, opts.signal);
    fs.writeFileSync(path.join(dist.home, MARKER), JSON.stringify({
      version, manifestDigest: manifestDigest(artifacts), installedAt: new Date().toISOString(), java: java.version,
      // Each jar as hashed now: a later size or mtime change makes checkDist hash it again.
      files: jarStats(dist.home, artifacts),
    }, null, 2) + '\n');
  } finally {
    release();
  }
  return done(dist, false);
}

async function fetchWithMaven(dist: FlinkDist, artifacts: DistArtifact[], progress: NonNullable<InstallOptions['onProgress']>, signal?: AbortSignal): Promise<void> {
  const build = path.join(dist.home, '.build');
  const staging = path.join(build, 'jars');
  fs.rmSync(build, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  fs.writeFileSync(path.join(build, 'pom.xml'), renderPinnedPom(artifacts));
  progress('Resolving with Maven (jars already in the local Maven repository are reused)…');
  await runMaven([`${DEPENDENCY_PLUGIN}:copy-dependencies`, `-DoutputDirectory=${staging}`, '-DincludeScope=runtime'], build, downloadProgress(artifacts, progress), signal);
  progress('Verifying SHA-256 sums against the pinned manifest…');
  for (const a of artifacts) {
    const staged = path.join(staging, a.file);
    if (!fs.existsSync(staged)) throw new Error(`Maven did not produce ${a.file} (${a.gav}).`);
    const sum = await sha256File(staged);
    if (sum !== a.sha256) throw new Error(`Checksum mismatch for ${a.gav}: got ${sum}, pinned ${a.sha256}. Refusing to install it.`);
  }
  for (const dir of ['lib', 'opt'] as const) {
    const target = path.join(dist.home, dir);
    fs.mkdirSync(target, { recursive: true });
    const wanted = new Set(artifacts.filter((a) => a.dir === dir).map((a) => a.file));
    // Jars left over from an older manifest would silently join the classpath: remove them.
    for (const f of fs.readdirSync(target)) if (f.endsWith('.jar') && !wanted.has(f)) fs.rmSync(path.join(target, f));
  }
  for (const a of artifacts) fs.renameSync(path.join(staging, a.file), path.join(dist.home, a.dir, a.file));
  // Class-data-sharing archives are tied to the exact jars (see localClusterProcess.ts).
  fs.rmSync(path.join(dist.home, 'cds'), { recursive: true, force: true });
  fs.rmSync(build, { recursive: true, force: true });
}

/** mvn's "Downloaded from …" lines as progress: each pinned jar adds its size to the bytes done. */
export function downloadProgress(artifacts: Array<{ file: string; size: number }>, progress: NonNullable<InstallOptions['onProgress']>): (line: string) => void {
  const totalBytes = artifacts.reduce((n, a) => n + a.size, 0);
  const sizes = new Map(artifacts.map((a) => [a.file, a.size]));
  let bytes = 0;
  return (line) => {
    const d = describeDownload(line);
    // Maven's own plugin jars download too on a cold repository; the progress is about the pinned jars.
    if (!d || !sizes.has(d.file)) return;
    bytes += sizes.get(d.file)!;
    progress(`downloaded ${d.file} (${d.size})`, { bytes: Math.min(bytes, totalBytes), totalBytes });
  };
}

function artifactsFor(version: string): DistArtifact[] {
  const entry = loadManifest().versions[version];
  if (!entry) throw new UnpinnedVersionError(version, pinnedVersions());
  return entry.artifacts;
}

function manifestDigest(artifacts: DistArtifact[]): string {
  return createHash('sha256').update(JSON.stringify(artifacts)).digest('hex');
}

export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    fs.createReadStream(file).on('error', reject).on('data', (c) => hash.update(c)).on('end', () => resolve(hash.digest('hex')));
  });
}

/** Lock file holding the owner's pid; a lock whose owner is gone is taken over. */
export async function acquireLock(file: string, progress: (m: string) => void): Promise<() => void> {
  for (let waited = 0; ; waited++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = parseInt(fs.readFileSync(file, 'utf8'), 10);
      if (!pidAlive(owner)) {
        fs.rmSync(file, { force: true });
        continue;
      }
      if (waited === 0) progress(`Another install (pid ${owner}) is running; waiting for it…`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
