// The language server's environment: the machine-scoped local-Flink settings become the variables the engine
// (and the flink-sql CLI) read, so both find the same installations, Java and Maven. Plain Node, no vscode.
import * as os from 'os';
import * as path from 'path';

export interface LocalFlinkSettings {
  installDir: string;
  flinkHome: string;
  javaHome: string;
  mavenExecutable: string;
  /** flinkSql.python.interpreter: PYTHON drafts' interpreter instead of the provisioned PyFlink environment. */
  pythonInterpreter?: string;
}

/** `~` and `~/x` as the user's home: settings.json has no shell to expand them. */
export function expandHome(p: string, home = os.homedir()): string {
  if (p === '~') return home;
  if (p.startsWith('~/') || p.startsWith('~\\')) return path.join(home, p.slice(2));
  return p;
}

/** `base` plus each non-empty setting; an empty setting leaves the inherited variable (e.g. the user's JAVA_HOME) alone. */
export function serverEnv(s: LocalFlinkSettings, base: NodeJS.ProcessEnv = process.env, home = os.homedir()): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  const set = (name: string, value: string) => { if (value.trim()) env[name] = expandHome(value.trim(), home); };
  set('FLINK_SQL_STUDIO_CACHE', s.installDir);
  set('FLINK_SQL_STUDIO_FLINK_HOME', s.flinkHome);
  set('JAVA_HOME', s.javaHome);
  set('FLINK_SQL_STUDIO_MVN', s.mavenExecutable);
  set('FLINK_SQL_STUDIO_PYTHON', s.pythonInterpreter ?? '');
  return env;
}
