// The one door to a runnable local Flink: the user's own distribution of the line (distHome.ts), else the pinned
// install — and when that (or a connector's jars) is missing, the registered provisioner asks the user and
// downloads it with progress before the caller carries on. The LSP server registers one that asks the editor
// (consent dialog, progress notification, Cancel); the CLI one that prints to stderr (or refuses with --no-install).
// With none registered, a missing install is an error saying how to install it.
import { formatBytes } from '../util/bytes';
import { userDistFor } from './distHome';
import { checkDist, distSize, DistNotInstalledError, flinkCacheRoot, installFlink, resolveFlinkVersion, type FlinkDist } from './provision';
import { installConnectors, missingConnectors, requireConnectorJars } from './provisionConnectors';

export interface InstallItem {
  /** pyflink: a PYTHON draft's environment and driver jar (python/pyflinkEnv.ts provisions it). */
  kind: 'flink' | 'connector' | 'pyflink';
  /** "Flink 2.3.0", or the connector's name ("kafka"). */
  name: string;
  files: number;
  bytes: number;
  dir: string;
}

/** What a first use would download, for the consent message. */
export interface InstallPlan {
  flinkVersion: string;
  items: InstallItem[];
  bytes: number;
  installRoot: string;
}

export interface InstallProgress {
  message: string;
  /** Bytes of the plan fetched so far, when known. */
  bytes?: number;
  totalBytes: number;
}

/** How far an install is, 0–100, when the progress says (the CLI's lines, the editor's notification). */
export function progressPercent(p: InstallProgress): number | undefined {
  return p.bytes === undefined || !p.totalBytes ? undefined : Math.floor((p.bytes / p.totalBytes) * 100);
}

/** Runs the download the provisioner agreed to: progress goes to `onProgress`; aborting `signal` cancels it. */
export type RunInstall = (onProgress: (p: InstallProgress) => void, signal?: AbortSignal) => Promise<void>;

/** Asks for consent to `plan` and, if given, calls `run`; declining throws (InstallDeclinedError). */
export type Provisioner = (plan: InstallPlan, run: RunInstall) => Promise<void>;

/** How the download was not agreed to: declined, or the user chose their own Flink (and which folder, if one was set). */
export type InstallDeclinedHow = { ownFlink?: { flinkHome?: string } };

export class InstallDeclinedError extends Error {
  constructor(plan: InstallPlan, how: InstallDeclinedHow = {}) {
    super(declinedMessage(plan, how));
    this.name = 'InstallDeclinedError';
  }
}

/** What happened, in the user's terms: "Use My Own Flink…" is not a declined download. */
export function declinedMessage(plan: InstallPlan, how: InstallDeclinedHow = {}): string {
  const what = describePlan(plan);
  if (plan.items.some((i) => i.kind === 'pyflink')) {
    return `${what} is not installed, and the download was declined: PYTHON drafts run with it, or with your own interpreter (set flinkSql.python.interpreter, CLI: FLINK_SQL_STUDIO_PYTHON, to a python that has apache-flink ${plan.flinkVersion}).`;
  }
  if (how.ownFlink?.flinkHome) {
    return `${what} was not downloaded: your own Flink at ${how.ownFlink.flinkHome} is used instead (flinkSql.localFlink.flinkHome). `
      + 'Run this again once the language server has restarted with it.';
  }
  if (how.ownFlink) {
    return `${what} was not downloaded, and no Flink folder was set: run this again to download it or to pick your own Flink `
      + '(the unpacked binary release, with bin/ and lib/), or set flinkSql.localFlink.flinkHome.';
  }
  return `${what} is not installed, and the download was declined. "Flink: Install Local Flink…" (CLI: flink-sql local install) installs it when you want.`;
}

let provisioner: Provisioner | undefined;

/** The process's way to ask for downloads (LSP server: the editor; CLI: stderr). Undefined: never download. */
export function setProvisioner(p: Provisioner | undefined): void {
  provisioner = p;
}

export function describePlan(plan: InstallPlan): string {
  const names = plan.items.map((i) => (i.kind === 'flink' ? i.name : `the ${i.name} connector`));
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0] ?? `Flink ${plan.flinkVersion}`;
}

export { formatBytes };

export interface ReadyFlink {
  dist: FlinkDist;
  connectorJars: string[];
}

/** What is missing for `version` (+ `connectors`): an empty plan when all is there. Throws for a bad flinkHome setting. */
export async function installPlan(version: string, connectors: readonly string[] = [], cacheRoot = flinkCacheRoot()): Promise<InstallPlan> {
  const release = resolveFlinkVersion(version);
  const items: InstallItem[] = [];
  if (!userDistFor(release, process.env, cacheRoot)) {
    const check = await checkDist(release, { cacheRoot });
    if (!check.installed) items.push({ kind: 'flink', name: `Flink ${release}`, dir: check.dist.home, ...distSize(release) });
  }
  for (const c of await missingConnectors(release, connectors, cacheRoot)) items.push({ kind: 'connector', ...c });
  return { flinkVersion: release, items, bytes: items.reduce((n, i) => n + i.bytes, 0), installRoot: cacheRoot };
}

/** Downloads what `plan` lists (no consent asked: the caller has it). */
export async function runPlan(plan: InstallPlan, onProgress: (p: InstallProgress) => void = () => {}, signal?: AbortSignal, cacheRoot = plan.installRoot): Promise<void> {
  let before = 0;
  for (const item of plan.items) {
    const base = before;
    // The plan's title names a single item already; with several, each line says which one it is about.
    const prefix = plan.items.length > 1 ? `${item.name}: ` : '';
    const report = (message: string, done?: { bytes: number }) =>
      onProgress({ message: `${prefix}${message}`, bytes: done ? base + done.bytes : undefined, totalBytes: plan.bytes });
    if (item.kind === 'flink') await installFlink({ version: plan.flinkVersion, cacheRoot, onProgress: report, signal });
    else await installConnectors({ version: plan.flinkVersion, names: [item.name], cacheRoot, onProgress: report, signal });
    before += item.bytes;
    onProgress({ message: `${item.name}: installed`, bytes: before, totalBytes: plan.bytes });
  }
}

const inFlight = new Map<string, Promise<void>>();

/**
 * A runnable Flink of `version`'s line with the jars of `connectors`: the user's own distribution, else the pinned
 * install — provisioned first (through the provisioner, with consent) when missing. Concurrent callers needing the
 * same install share one consent and one download.
 */
export async function ensureFlink(version: string, connectors: readonly string[] = [], cacheRoot = flinkCacheRoot()): Promise<ReadyFlink> {
  const release = resolveFlinkVersion(version);
  const plan = await installPlan(release, connectors, cacheRoot);
  if (plan.items.length) await provisionPlan(plan, (onProgress, signal) => runPlan(plan, onProgress, signal, cacheRoot));
  return readyFlink(release, connectors, cacheRoot);
}

/** Asks the registered provisioner to install `plan` with `run`; concurrent callers of the same plan share one consent and one download. */
export async function provisionPlan(plan: InstallPlan, run: RunInstall): Promise<void> {
  if (!provisioner) throw notInstalled(plan);
  const key = `${plan.installRoot}|${plan.flinkVersion}|${plan.items.map((i) => i.name).join(',')}`;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = provisioner(plan, run).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  await pending;
}

/** Like ensureFlink, but never downloads: what is missing is an error saying how to install it. */
export async function readyFlink(version: string, connectors: readonly string[] = [], cacheRoot = flinkCacheRoot()): Promise<ReadyFlink> {
  const release = resolveFlinkVersion(version);
  const dist = userDistFor(release, process.env, cacheRoot) ?? await pinned(release, cacheRoot);
  return { dist, connectorJars: await requireConnectorJars(release, connectors, cacheRoot) };
}

async function pinned(release: string, cacheRoot: string): Promise<FlinkDist> {
  const check = await checkDist(release, { cacheRoot });
  if (!check.installed) throw new DistNotInstalledError(release, check.dist.home, check.problem ?? 'incomplete');
  return check.dist;
}

function notInstalled(plan: InstallPlan): Error {
  const py = plan.items.find((i) => i.kind === 'pyflink');
  if (py) return new Error(`${py.name} (a Python virtual environment with apache-flink ${plan.flinkVersion}, and Flink's Python driver jar) is not installed in ${py.dir}: run a PYTHON draft from VS Code or the flink-sql command line to install it, or set flinkSql.python.interpreter (CLI: FLINK_SQL_STUDIO_PYTHON) to a python that has apache-flink ${plan.flinkVersion}.`);
  const flink = plan.items.find((i) => i.kind === 'flink');
  if (flink) return new DistNotInstalledError(plan.flinkVersion, flink.dir, 'nothing installed yet');
  return new Error(`${describePlan(plan)} for Flink ${plan.flinkVersion} ${plan.items.length > 1 ? 'are' : 'is'} not installed: install with "Flink: Install Local Flink…" in VS Code or \`flink-sql local install --flink-version ${plan.flinkVersion} --connectors ${plan.items.map((i) => i.name).join(',')}\`.`);
}
