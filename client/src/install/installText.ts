// What the local-Flink install UI says (consent, progress, sizes, removal, prerequisites) and the progress
// arithmetic. Plain TypeScript, no vscode, so the wording is unit-tested in Node.
import type { InstallConsentParams, LocalFlinkInstallation, PrerequisiteCheck } from '../../../server/src/protocol';
import { formatBytes } from '../../../server/src/util/bytes';

export { formatBytes };

export const DOWNLOAD = 'Download';
export const USE_MY_OWN = 'Use My Own Flink…';
export const USE_MY_PYTHON = 'Use My Own Python…';

export function consentMessage(p: Pick<InstallConsentParams, 'what' | 'bytes'> & { items?: InstallConsentParams['items'] }): string {
  if (p.items?.some((i) => i.kind === 'pyflink')) {
    return `${p.what} (about ${formatBytes(p.bytes)} on disk: a Python virtual environment with apache-flink from PyPI, and Flink's Python driver jar from Maven) is needed to run PYTHON drafts locally.`;
  }
  return `${p.what} (about ${formatBytes(p.bytes)} of jars from Maven) is needed to run drafts locally.`;
}

export function consentDetail(p: Pick<InstallConsentParams, 'installRoot'> & { items?: InstallConsentParams['items'] }): string {
  if (p.items?.some((i) => i.kind === 'pyflink')) {
    return `It is installed once into ${p.installRoot}, shared by every workspace and by the flink-sql command line: `
      + 'python3 -m venv, then pip (with your pip configuration) installs apache-flink; Maven fetches the driver jar. '
      + 'Or use your own interpreter with apache-flink installed (flinkSql.python.interpreter).';
  }
  return `It is downloaded once into ${p.installRoot}, shared by every workspace and by the flink-sql command line. `
    + 'Maven fetches it, with your Maven settings (mirrors, proxies).';
}

export function progressTitle(what: string): string {
  return `Installing ${what}`;
}

/** "Flink 2.3.0", "Flink 2.3.0 and the kafka connector", "Flink 2.3.0, the kafka connector and the jdbc connector" (the server's words). */
export function describeInstall(version: string, connectors: readonly string[] = []): string {
  const names = [`Flink ${version}`, ...connectors.map((c) => `the ${c} connector`)];
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0];
}

/**
 * VS Code's progress bar takes increments, the server sends the install's percentage: each report adds what the
 * percentage grew by. A percentage that goes back (a retried step) or past 100 never moves the bar backwards or over.
 */
export class ProgressIncrements {
  private reported = 0;

  next(percent: number | undefined): number | undefined {
    if (percent === undefined || !Number.isFinite(percent)) return undefined;
    const target = Math.min(100, Math.max(0, percent));
    if (target <= this.reported) return undefined;
    const increment = target - this.reported;
    this.reported = target;
    return increment;
  }
}

/** The Install Local Flink pick's line for a pinned version. */
export function installationDescription(i: Pick<LocalFlinkInstallation, 'installed' | 'bytes' | 'default'>): string {
  const size = i.installed ? `installed · ${formatBytes(i.bytes)}` : `about ${formatBytes(i.bytes)} to download`;
  return i.default ? `default · ${size}` : size;
}

export function removeConfirmText(i: Pick<LocalFlinkInstallation, 'version' | 'bytes' | 'home'>): string {
  return `Remove Flink ${i.version} (${formatBytes(i.bytes)}) from ${i.home}? Local clusters of this version must be stopped first; it is downloaded again on next use.`;
}

export interface PrerequisitesSummary {
  level: 'info' | 'warning' | 'error';
  text: string;
}

/** One message for Check Prerequisites: what was found when all is well, else each failing check and its fix. */
export function prerequisitesSummary(result: { ok: boolean; checks: PrerequisiteCheck[] }): PrerequisitesSummary {
  const failing = result.checks.filter((c) => c.severity !== 'ok');
  if (result.ok && !failing.length) {
    // Java and Maven are what users act on; the rest (install directory, installed versions) is in the log.
    const main = result.checks.filter((c) => c.name === 'Java' || c.name === 'Maven');
    const shown = main.length ? main : result.checks;
    return { level: 'info', text: `Prerequisites OK: ${shown.map((c) => `${c.name} ${c.detail}`).join(', ')}` };
  }
  const list = failing.map((c) => `${c.name}: ${c.fix ?? c.detail}`).join(' · ');
  if (result.ok) return { level: 'warning', text: `Prerequisites OK, with warnings. ${list}` };
  return { level: 'error', text: `Local Flink cannot run yet. ${list}` };
}
