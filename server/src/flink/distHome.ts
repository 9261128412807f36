// A Flink distribution the user already has — the official binary release unpacked, or a pinned install copied
// elsewhere — named by the setting flinkSql.localFlink.flinkHome (passed to the server as FLINK_SQL_STUDIO_FLINK_HOME)
// or by $FLINK_HOME. It is checked (version, layout) before use and never written to.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { flinkCacheRoot, type FlinkDist } from './provision';

export interface DistHomeCheck {
  home: string;
  /** Where it was named: the setting (strict: a problem is an error) or $FLINK_HOME (lenient: skipped with a note). */
  from: 'setting' | 'FLINK_HOME';
  /** The release its jars are, when it could be read. */
  version?: string;
  /** Why it cannot run a local cluster; undefined when it can. */
  problem?: string;
}

/** The release of the jars in `lib/`: flink-dist-X.jar (binary release; flink-dist_2.12-X.jar before 1.15), else flink-runtime-X.jar (a pinned install). */
export function readDistVersion(libFiles: readonly string[]): string | undefined {
  for (const re of [/^flink-dist(?:_2\.1[12])?-(\d+\.\d+\.\d+[\w.-]*)\.jar$/, /^flink-runtime-(\d+\.\d+\.\d+[\w.-]*)\.jar$/]) {
    for (const f of libFiles) {
      const m = re.exec(f);
      if (m) return m[1];
    }
  }
  return undefined;
}

/** Checks that `home` holds a Flink distribution a local cluster can run: its version, a planner, the SQL Gateway. */
export function checkDistHome(home: string, from: DistHomeCheck['from']): DistHomeCheck {
  const abs = path.resolve(home);
  const result: DistHomeCheck = { home: abs, from };
  let lib: string[];
  try {
    lib = fs.readdirSync(path.join(abs, 'lib'));
  } catch {
    return { ...result, problem: `${abs} is not a Flink distribution: it has no lib/ folder` };
  }
  const version = readDistVersion(lib);
  if (!version) return { ...result, problem: `${abs}/lib holds no flink-dist (or flink-runtime) jar, so its Flink version cannot be told` };
  result.version = version;
  if (!lib.some((f) => /^flink-table-planner(?:-loader|_2\.1[12])-.*\.jar$/.test(f))) {
    return { ...result, problem: `${abs}/lib has no table planner (flink-table-planner-loader-${version}.jar): it cannot run Flink SQL` };
  }
  let opt: string[] = [];
  try {
    opt = fs.readdirSync(path.join(abs, 'opt'));
  } catch { /* checked below */ }
  if (!opt.some((f) => f.startsWith('flink-sql-gateway-') && f.endsWith('.jar'))) {
    return { ...result, problem: `${abs}/opt has no flink-sql-gateway-${version}.jar (the binary release ships it there): Validate and Execute need the SQL Gateway` };
  }
  return result;
}

/** The user's distributions, as configured: the setting's first, then $FLINK_HOME. */
export function configuredDistHomes(env: NodeJS.ProcessEnv = process.env): DistHomeCheck[] {
  const out: DistHomeCheck[] = [];
  if (env.FLINK_SQL_STUDIO_FLINK_HOME) out.push(checkDistHome(env.FLINK_SQL_STUDIO_FLINK_HOME, 'setting'));
  if (env.FLINK_HOME && path.resolve(env.FLINK_HOME) !== out[0]?.home) out.push(checkDistHome(env.FLINK_HOME, 'FLINK_HOME'));
  return out;
}

function lineOf(version: string): string {
  return /^(\d+\.\d+)/.exec(version)?.[1] ?? version;
}

export class DistHomeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DistHomeError';
  }
}

/**
 * The user's own distribution of `version`'s line, when one is configured. A problem with the one the setting names
 * is an error (the user asked for it); $FLINK_HOME of another version or layout is passed over.
 */
export function userDistFor(version: string, env: NodeJS.ProcessEnv = process.env, cacheRoot = flinkCacheRoot(env)): FlinkDist | undefined {
  for (const c of configuredDistHomes(env)) {
    if (c.problem) {
      if (c.from === 'setting') throw new DistHomeError(`The Flink distribution of flinkSql.localFlink.flinkHome cannot be used: ${c.problem}.`);
      continue;
    }
    if (!c.version || lineOf(c.version) !== lineOf(version)) continue;
    const key = createHash('sha256').update(c.home).digest('hex').slice(0, 12);
    return {
      version: c.version, home: c.home, libDir: path.join(c.home, 'lib'), optDir: path.join(c.home, 'opt'),
      cdsDir: path.join(cacheRoot, 'external', key, 'cds'), external: true,
    };
  }
  return undefined;
}

/** opt/flink-python-*.jar of a distribution (a binary release has it; the pinned install gets it with PyFlink), if there. */
export function pythonJarOf(optDir: string): string | undefined {
  let names: string[];
  try {
    names = fs.readdirSync(optDir);
  } catch {
    return undefined;
  }
  const jar = names.filter((n) => /^flink-python[-_].*\.jar$/.test(n)).sort()[0];
  return jar && path.join(optDir, jar);
}
