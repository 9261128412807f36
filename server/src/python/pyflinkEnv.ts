// A PYTHON draft's Python side, provisioned like Flink itself: per pinned Flink version a virtual environment with
// the same release of apache-flink (PyFlink) in the per-user install folder, and the flink-python jar (Flink's Python
// driver) in the distribution's opt/. flinkSql.python.interpreter ($FLINK_SQL_STUDIO_PYTHON) names the user's own.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { provisionPlan, type InstallPlan, type InstallProgress } from '../flink/ensureFlink';
import { pythonJarOf, userDistFor } from '../flink/distHome';
import { acquireLock, distFor, downloadProgress, flinkCacheRoot, resolveFlinkVersion, sha256File, type DistArtifact } from '../flink/provision';
import { DEPENDENCY_PLUGIN, InstallCancelledError, renderPinnedPom, runMaven } from '../flink/provisionMaven';

/** The user's own interpreter (the extension sets it from flinkSql.python.interpreter). */
export const PYTHON_ENV = 'FLINK_SQL_STUDIO_PYTHON';

/** The driver jar of each pinned release (not part of the distribution's pins: only PYTHON drafts need its 42 MB). */
const DRIVER_JARS: Record<string, DistArtifact> = {
  '2.3.0': { gav: 'org.apache.flink:flink-python:2.3.0', file: 'flink-python-2.3.0.jar', dir: 'opt', size: 42612084, sha256: '0f84bdd0184bc56e6d16422f683eb1516f957e106e754a09a6823d73eab2fd23' },
  '1.20.0': { gav: 'org.apache.flink:flink-python:1.20.0', file: 'flink-python-1.20.0.jar', dir: 'opt', size: 33408748, sha256: '162cc5b03a9e09be0fab48396b816481870f8c9b8bd3ab5a45e17d5a70473c46' },
};

/** A virtual environment's size once apache-flink is in it (measured with du on Linux, Python 3.11): for the consent. */
const VENV_BYTES: Record<string, number> = { '2.3.0': 853_669_488, '1.20.0': 722_116_087 };

const MARKER = '.flink-sql-studio-pyflink.json';

export interface PyFlink {
  /** The interpreter the driver starts (python.client.executable) and the TaskManagers' Python workers use. */
  python: string;
  /** flink-python-<version>.jar: uploaded as a PYTHON draft's user jar. */
  driverJar: string;
}

export interface PyFlinkStatus {
  version: string;
  python: string;
  /** The interpreter is the user's own (no virtual environment is made). */
  own: boolean;
  envReady: boolean;
  envDir: string;
  driverJar: string;
  driverReady: boolean;
}

export function pyflinkEnvDir(version: string, cacheRoot = flinkCacheRoot()): string {
  return path.join(cacheRoot, 'pyflink', resolveFlinkVersion(version));
}

function venvPython(dir: string): string {
  return process.platform === 'win32' ? path.join(dir, 'Scripts', 'python.exe') : path.join(dir, 'bin', 'python');
}

function driverArtifact(release: string): DistArtifact {
  const a = DRIVER_JARS[release];
  if (!a) throw new Error(`No flink-python jar is pinned for Flink ${release}.`);
  return a;
}

/** The driver jar: the user's own distribution's opt/flink-python-*.jar, else the pinned one in the install's opt/. */
function driverJarPath(release: string, cacheRoot: string): string {
  const own = userDistFor(release, process.env, cacheRoot);
  return (own && pythonJarOf(own.optDir)) ?? path.join(distFor(release, cacheRoot).optDir, driverArtifact(release).file);
}

export function pyflinkStatus(version: string, cacheRoot = flinkCacheRoot(), env: NodeJS.ProcessEnv = process.env): PyFlinkStatus {
  const release = resolveFlinkVersion(version);
  const envDir = pyflinkEnvDir(release, cacheRoot);
  const ownPython = env[PYTHON_ENV]?.trim();
  const python = ownPython || venvPython(envDir);
  const driverJar = driverJarPath(release, cacheRoot);
  const pinned = DRIVER_JARS[release];
  // The install checked the SHA-256; the size catches a jar cut short or replaced since.
  const size = fs.statSync(driverJar, { throwIfNoEntry: false })?.size;
  const driverReady = size !== undefined && (path.basename(driverJar) !== pinned?.file || size === pinned.size);
  const envReady = ownPython ? true : fs.existsSync(path.join(envDir, MARKER)) && fs.existsSync(python);
  return { version: release, python, own: !!ownPython, envReady, envDir, driverJar, driverReady };
}

/** The interpreter named by flinkSql.python.interpreter does not run. */
export class PythonInterpreterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PythonInterpreterError';
  }
}

/** The user's own interpreter's PyFlink version; throws PythonInterpreterError saying what is wrong. */
export function ownPythonVersion(python: string): string {
  const r = spawnSync(python, ['-c', 'import pyflink.version; print(pyflink.version.__version__)'], { encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw new PythonInterpreterError(`The Python interpreter ${python} (flinkSql.python.interpreter) does not run: ${r.error.message}. Point the setting at a python with apache-flink installed, or clear it to use the provisioned PyFlink environment.`);
  if (r.status !== 0) throw new PythonInterpreterError(`The Python interpreter ${python} (flinkSql.python.interpreter) has no PyFlink: ${`${r.stderr}`.trim().split('\n').pop()}. Install it there (pip install apache-flink==<your Flink version>), or clear the setting.`);
  return `${r.stdout}`.trim();
}

/** What a first PYTHON run would install; an empty plan when all is there. */
export function pyflinkPlan(version: string, cacheRoot = flinkCacheRoot(), env: NodeJS.ProcessEnv = process.env): InstallPlan {
  const s = pyflinkStatus(version, cacheRoot, env);
  const bytes = (s.envReady ? 0 : VENV_BYTES[s.version] ?? 0) + (s.driverReady ? 0 : driverArtifact(s.version).size);
  const items = s.envReady && s.driverReady ? [] : [{ kind: 'pyflink' as const, name: `PyFlink ${s.version}`, files: s.driverReady ? 0 : 1, bytes, dir: s.envReady ? path.dirname(s.driverJar) : s.envDir }];
  return { flinkVersion: s.version, items, bytes, installRoot: cacheRoot };
}

/**
 * The interpreter and driver jar of `version`: provisioned first (through the registered provisioner, with consent)
 * when missing. The user's own interpreter is checked instead of provisioned.
 */
export async function ensurePyFlink(version: string, cacheRoot = flinkCacheRoot(), env: NodeJS.ProcessEnv = process.env): Promise<PyFlink> {
  const plan = pyflinkPlan(version, cacheRoot, env);
  if (plan.items.length) await provisionPlan(plan, async (onProgress, signal) => { await installPyFlink(plan.flinkVersion, { cacheRoot, env, onProgress, signal }); });
  const s = pyflinkStatus(version, cacheRoot, env);
  if (!s.envReady || !s.driverReady) throw new Error(`PyFlink ${s.version} is not installed in ${s.envDir}.`);
  if (s.own && !fs.existsSync(s.python)) throw new PythonInterpreterError(`The Python interpreter ${s.python} (flinkSql.python.interpreter) does not exist: point the setting at a python with apache-flink installed, or clear it to use the provisioned PyFlink environment.`);
  return { python: s.python, driverJar: s.driverJar };
}

export interface PyFlinkInstallOptions {
  cacheRoot?: string;
  env?: NodeJS.ProcessEnv;
  onProgress?: (p: InstallProgress) => void;
  signal?: AbortSignal;
}

/** Installs what is missing of `version`'s PyFlink: the driver jar, then the virtual environment (python3 -m venv, pip). */
export async function installPyFlink(version: string, o: PyFlinkInstallOptions = {}): Promise<{ millis: number }> {
  const t0 = Date.now();
  const cacheRoot = o.cacheRoot ?? flinkCacheRoot();
  const plan = pyflinkPlan(version, cacheRoot, o.env);
  const report = (message: string, bytes?: number) => o.onProgress?.({ message, bytes, totalBytes: plan.bytes });
  const release = plan.flinkVersion;
  fs.mkdirSync(path.join(cacheRoot, 'pyflink'), { recursive: true });
  const unlock = await acquireLock(path.join(cacheRoot, 'pyflink', `${release}.lock`), (m) => report(m));
  try {
    let s = pyflinkStatus(release, cacheRoot, o.env);
    if (!s.driverReady) await fetchDriverJar(release, s.driverJar, (m) => report(m), o.signal);
    s = pyflinkStatus(release, cacheRoot, o.env);
    if (!s.envReady) await createEnv(release, s.envDir, (m, bytes) => report(m, bytes), o.signal);
  } finally {
    unlock();
  }
  return { millis: Date.now() - t0 };
}

/** Maven fetches the pinned jar into a staging folder; checked against its SHA-256 before it moves into opt/. */
async function fetchDriverJar(release: string, target: string, progress: (m: string) => void, signal?: AbortSignal): Promise<void> {
  const a = driverArtifact(release);
  const build = `${target}.build-${process.pid}`;
  fs.rmSync(build, { recursive: true, force: true });
  fs.mkdirSync(path.join(build, 'jars'), { recursive: true });
  try {
    fs.writeFileSync(path.join(build, 'pom.xml'), renderPinnedPom([a]));
    progress(`Fetching ${a.file} (Flink's Python driver) with Maven…`);
    await runMaven([`${DEPENDENCY_PLUGIN}:copy-dependencies`, `-DoutputDirectory=${path.join(build, 'jars')}`, '-DincludeScope=runtime'], build, downloadProgress([a], progress), signal);
    const staged = path.join(build, 'jars', a.file);
    const sum = await sha256File(staged);
    if (sum !== a.sha256) throw new Error(`Checksum mismatch for ${a.gav}: got ${sum}, pinned ${a.sha256}. Refusing to install it.`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.renameSync(staged, target);
  } finally {
    fs.rmSync(build, { recursive: true, force: true });
  }
}

/** The base interpreter a virtual environment is made from: python3 on PATH ($FLINK_SQL_STUDIO_PYTHON_BASE overrides). */
export function basePython(env: NodeJS.ProcessEnv = process.env): string {
  return env.FLINK_SQL_STUDIO_PYTHON_BASE || (process.platform === 'win32' ? 'python' : 'python3');
}

/** A fresh environment each time: the marker, written last, is what makes one usable, so a half-made one is remade. */
async function createEnv(release: string, dir: string, progress: (m: string, bytes?: number) => void, signal?: AbortSignal): Promise<void> {
  fs.rmSync(dir, { recursive: true, force: true });
  const base = basePython();
  progress(`Creating a Python virtual environment in ${dir} (${base} -m venv)…`);
  await run(base, ['-m', 'venv', dir], () => {}, signal, `${base} -m venv`);
  progress(`Installing apache-flink ${release} into it with pip (the first time takes a minute or more)…`);
  const t0 = Date.now();
  await run(venvPython(dir), ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', `apache-flink==${release}`], (line) => {
    if (/^(Collecting|Downloading|Installing collected|Successfully installed)/.test(line.trim())) progress(line.trim().slice(0, 200));
  }, signal, `pip install apache-flink==${release}`);
  fs.writeFileSync(path.join(dir, MARKER), JSON.stringify({ apacheFlink: release, python: base, installedAt: new Date().toISOString(), millis: Date.now() - t0 }, null, 2) + '\n');
}

/** Runs a command, streaming its output lines; a failure carries the output's tail, an abort kills it. */
function run(command: string, args: string[], onLine: (line: string) => void, signal: AbortSignal | undefined, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new InstallCancelledError());
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: '1' } });
    const tail: string[] = [];
    let partial = '';
    const take = (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split(/\r?\n/);
      partial = lines.pop() ?? '';
      for (const l of lines) {
        tail.push(l);
        if (tail.length > 30) tail.shift();
        onLine(l);
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    const abort = () => child.kill('SIGTERM');
    signal?.addEventListener('abort', abort, { once: true });
    child.on('error', (e) => reject(new Error(`${what} could not start (${command}): ${e.message}. Install Python 3 with venv, or set flinkSql.python.interpreter to a python that has apache-flink.`)));
    child.on('close', (code) => {
      signal?.removeEventListener('abort', abort);
      if (signal?.aborted) return reject(new InstallCancelledError());
      if (code === 0) resolve();
      else reject(new Error(`${what} failed (exit ${code}):\n${[...tail, partial].filter(Boolean).slice(-15).join('\n')}`));
    });
  });
}
