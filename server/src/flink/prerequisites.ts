// What running Flink locally needs, checked and explained in one place: Java (the version each pinned line runs
// on), Maven (the download client, only needed while something is still to download), the install directory, the
// installed versions and the user's own distributions, and PYTHON drafts' PyFlink (python/pyflinkEnv.ts).
// `flink-sql doctor` and "Flink: Check Prerequisites" print it.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PrerequisiteCheck } from '../protocol';
import { configuredDistHomes } from './distHome';
import { formatBytes } from './ensureFlink';
import { dirBytes, listInstallations } from './installations';
import { basePython, ownPythonVersion, pyflinkStatus, PYTHON_ENV } from '../python/pyflinkEnv';
import { flinkCacheRoot, pinnedVersions } from './provision';
import { findJava, JavaNotFoundError, TESTED_JAVA } from './provisionJava';
import { mavenCommand } from './provisionMaven';

export interface PrerequisitesReport {
  /** No check is an error. */
  ok: boolean;
  checks: PrerequisiteCheck[];
}

export async function checkPrerequisites(env: NodeJS.ProcessEnv = process.env): Promise<PrerequisitesReport> {
  const checks: PrerequisiteCheck[] = [javaCheck(env)];
  const list = await listInstallations(flinkCacheRoot(env));
  const toDownload = list.installations.filter((i) => !i.installed && !i.userDist);
  checks.push(mavenCheck(env, toDownload.length > 0));
  checks.push(installDirCheck(list.installRoot));
  for (const i of list.installations) {
    checks.push(i.userDist
      ? { name: `Flink ${i.line}`, severity: 'ok', detail: `your own Flink ${i.userDist.version} at ${i.userDist.home}` }
      : i.installed
        ? { name: `Flink ${i.version}`, severity: 'ok', detail: `installed in ${i.home} (${formatBytes(i.bytes)})` }
        : { name: `Flink ${i.version}`, severity: 'ok', detail: `not installed yet: about ${formatBytes(i.bytes)} is downloaded on first use (${i.problem})` });
  }
  checks.push(...pythonChecks(env));
  for (const d of configuredDistHomes(env)) {
    const name = d.from === 'setting' ? 'flinkSql.localFlink.flinkHome' : 'FLINK_HOME';
    checks.push(d.problem
      ? { name, severity: d.from === 'setting' ? 'error' : 'warning', detail: d.problem, fix: `Point ${name} at an unpacked Flink binary release (with lib/ and opt/), or clear it.` }
      : { name, severity: 'ok', detail: `Flink ${d.version} at ${d.home}` });
  }
  return { ok: checks.every((c) => c.severity !== 'error'), checks };
}

function javaCheck(env: NodeJS.ProcessEnv): PrerequisiteCheck {
  try {
    const java = findJava(env);
    const untested = Object.entries(TESTED_JAVA).filter(([, majors]) => !majors.includes(java.major)).map(([line]) => line);
    return {
      name: 'Java', severity: untested.length ? 'warning' : 'ok',
      detail: `Java ${java.version} (${java.command})`,
      ...(untested.length && { fix: `Flink ${untested.join(' and ')} ${untested.length > 1 ? 'are' : 'is'} not tested on Java ${java.major} (tested: ${untested.map((l) => `${l} on ${TESTED_JAVA[l].join('/')}`).join(', ')}); if a cluster misbehaves, point flinkSql.javaHome (CLI: JAVA_HOME) at a Java 17.` }),
    };
  } catch (err) {
    return { name: 'Java', severity: 'error', detail: 'not usable', fix: err instanceof JavaNotFoundError ? err.message : String(err) };
  }
}

function mavenCheck(env: NodeJS.ProcessEnv, needed: boolean): PrerequisiteCheck {
  const command = mavenCommand(env);
  const res = spawnSync(command, ['-v'], { encoding: 'utf8', env, timeout: 30_000 });
  const version = /Apache Maven (\d+\.\d+\.\d+)/.exec(`${res.stdout ?? ''}`)?.[1];
  if (res.error || !version) {
    return {
      name: 'Maven', severity: needed ? 'error' : 'warning', detail: `${command} not found or not working`,
      fix: `Maven downloads Flink's jars the first time a version is used${needed ? '' : ' (every pinned version is installed, so it is not needed now)'}, honouring your settings.xml mirrors and proxies: ` +
        'install Maven 3.6+ (e.g. `apt-get install maven`, `brew install maven`) and point flinkSql.mavenExecutable (CLI: FLINK_SQL_STUDIO_MVN) at mvn, or put it on PATH.',
    };
  }
  const [major, minor] = version.split('.').map(Number);
  return major > 3 || (major === 3 && minor >= 6)
    ? { name: 'Maven', severity: 'ok', detail: `Maven ${version} (${command})` }
    : { name: 'Maven', severity: needed ? 'error' : 'warning', detail: `Maven ${version} (${command}) is too old`, fix: 'Install Maven 3.6 or later.' };
}

/** PYTHON drafts: the user's interpreter (it must have PyFlink), else each version's provisioned environment. */
function pythonChecks(env: NodeJS.ProcessEnv): PrerequisiteCheck[] {
  const own = env[PYTHON_ENV]?.trim();
  if (own) {
    try {
      return [{ name: 'PyFlink', severity: 'ok', detail: `apache-flink ${ownPythonVersion(own)} in your interpreter ${own} (flinkSql.python.interpreter)` }];
    } catch (e) {
      return [{ name: 'PyFlink', severity: 'warning', detail: `${own} (flinkSql.python.interpreter) cannot run PYTHON drafts`, fix: (e as Error).message }];
    }
  }
  const checks: PrerequisiteCheck[] = [];
  const cacheRoot = flinkCacheRoot(env);
  const missing = pinnedVersions().map((v) => pyflinkStatus(v, cacheRoot, env)).filter((s) => {
    checks.push(s.envReady && s.driverReady
      ? { name: `PyFlink ${s.version}`, severity: 'ok', detail: `${s.python} (${formatBytes(dirBytes(s.envDir))}), driver ${s.driverJar}` }
      : { name: `PyFlink ${s.version}`, severity: 'ok', detail: `not installed yet: the first PYTHON draft run creates a virtual environment in ${s.envDir} (pip install apache-flink==${s.version})${s.driverReady ? '' : ' and fetches flink-python-' + s.version + '.jar'}` });
    return !s.envReady;
  });
  if (missing.length) {
    const base = basePython(env);
    const r = spawnSync(base, ['-c', 'import venv, sys; print(sys.version.split()[0])'], { encoding: 'utf8', env, timeout: 30_000 });
    checks.push(r.status === 0
      ? { name: 'Python', severity: 'ok', detail: `Python ${`${r.stdout}`.trim()} (${base}) makes the PyFlink environments` }
      : { name: 'Python', severity: 'warning', detail: `${base} with venv not found: PYTHON drafts cannot get a PyFlink environment`, fix: 'Install Python 3 with venv (apt-get install python3-venv), or set flinkSql.python.interpreter (CLI: FLINK_SQL_STUDIO_PYTHON) to a python that has apache-flink installed.' });
  }
  return checks;
}

function installDirCheck(root: string): PrerequisiteCheck {
  // The nearest folder that exists must be writable: the install creates the rest.
  let dir = root;
  while (!fs.existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    return { name: 'Install directory', severity: 'error', detail: `${root} is not writable (${dir})`, fix: 'Point flinkSql.localFlink.installDir (CLI: FLINK_SQL_STUDIO_CACHE) at a folder you can write.' };
  }
  let free = '';
  try {
    const s = fs.statfsSync(dir);
    free = `; ${formatBytes(Number(s.bavail) * Number(s.bsize))} free`;
  } catch { /* statfs is not everywhere */ }
  return { name: 'Install directory', severity: 'ok', detail: `${root}${free}` };
}

/** The report as text lines, one per check: "ok  Java  Java 17.0.15 (/usr/bin/java)" plus the fix indented. */
export function formatReport(report: PrerequisitesReport): string {
  const mark = { ok: 'ok  ', warning: 'warn', error: 'FAIL' } as const;
  const width = Math.max(...report.checks.map((c) => c.name.length));
  return report.checks.map((c) => `${mark[c.severity]}  ${c.name.padEnd(width)}  ${c.detail}${c.fix ? `\n      ${' '.repeat(width)}  → ${c.fix}` : ''}`).join('\n') + '\n';
}
