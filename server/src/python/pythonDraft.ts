// A PYTHON draft runs as a JAR draft whose jar is Flink's Python driver: flink-python-<v>.jar uploaded as the user
// jar, entry class PythonDriver, args `-py <script>`, and the interpreter passed as python.client.executable (the
// driver's own -pyclientexec is not honoured on 1.20) and python.executable (the TaskManagers' Python workers).
// The script's failure comes back inside the JobManager's error as the driver's captured stdout: a traceback.
import * as path from 'node:path';
import { HttpStatusError } from '../flink/http';
import { JobManagerError, type JarRunOptions } from '../flink/restClient';
import { ensurePyFlink } from './pyflinkEnv';

export const PYTHON_DRIVER = 'org.apache.flink.client.python.PythonDriver';

export interface PythonSubmission {
  /** The driver jar to upload. */
  jar: string;
  run: JarRunOptions;
}

/** The run request for `script` (the draft's .py, or a version's stored copy), with the provisioned (or the user's) interpreter. */
export async function pythonSubmission(flinkVersion: string, script: string, run: JarRunOptions): Promise<PythonSubmission> {
  const env = await ensurePyFlink(flinkVersion);
  return { jar: env.driverJar, run: withPython(run, script, env.python) };
}

export function withPython(run: JarRunOptions, script: string, python: string): JarRunOptions {
  return {
    ...run, entryClass: PYTHON_DRIVER, args: ['-py', script, ...(run.args ?? [])],
    flinkConfiguration: { ...run.flinkConfiguration, 'python.client.executable': python, 'python.executable': python },
  };
}

export interface PythonFailure {
  message: string;
  /** The script's line the traceback points at (its innermost frame in the script). */
  line?: number;
}

/** The JobManager's error text of a failed driver run, or undefined when `e` carries none. */
export function jobManagerErrorText(e: unknown): string | undefined {
  const body = e instanceof JobManagerError && e.cause instanceof HttpStatusError ? e.cause.body : undefined;
  if (!body) return undefined;
  try {
    return ((JSON.parse(body) as { errors?: string[] }).errors ?? []).join('\n');
  } catch {
    return body;
  }
}

const JAVA_PACKAGE = /^(?:[a-z_$][\w$]*\.)+(?=[A-Z])/;

/**
 * What went wrong in the script, from the driver's error: the traceback in its "System.out:" section (a
 * SyntaxError, a Python exception, or a Java exception through py4j, whose deepest cause is the useful line), else
 * the driver's own cause (the interpreter could not be started).
 */
export function parsePythonFailure(text: string, script: string): PythonFailure | undefined {
  const out = /System\.out: ([\s\S]*?)\n\s*System\.err: ([\s\S]*?)(?:\n\tat |\n\s*at |$)/.exec(text);
  const captured = out ? `${out[1]}\n${out[2]}`.replace(/^\(none\)$/gm, '').trim() : '';
  const lines = captured.split('\n');
  let line: number | undefined;
  for (const l of lines) {
    const m = /^\s*File "(.+?)", line (\d+)/.exec(l);
    if (m && (m[1] === script || path.basename(m[1]) === path.basename(script))) line = Number(m[2]);
  }
  if (captured) {
    const py4j = lines.findIndex((l) => /^py4j\.protocol\.Py4JJavaError: /.test(l));
    if (py4j >= 0) {
      const javaLines = lines.slice(py4j + 1).map((l) => l.trim());
      const causes = javaLines.filter((l) => l.startsWith('Caused by: ')).map((l) => l.slice('Caused by: '.length));
      const first = javaLines.find((l) => l.startsWith(': '))?.slice(2);
      const java = causes[causes.length - 1] ?? first;
      if (java) return { message: java.replace(JAVA_PACKAGE, ''), line };
    }
    // Python's own last line: "SyntaxError: expected ':'", "NameError: name 'x' is not defined".
    const last = [...lines].reverse().find((l) => /^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt)\b/.test(l));
    if (last) return { message: last.trim(), line };
    if (line !== undefined) return { message: lines.filter(Boolean).pop()!.trim(), line };
  }
  // The JobManager finds a Python program's jar in $FLINK_OPT_DIR/flink-python-*.jar; a cluster started without it
  // (an older local cluster, a remote one without the jar) fails in getOptJar / getPythonJar.
  if (/PackagedProgramUtils\.get(OptJar|PythonJar)/.test(text)) {
    return { message: 'The JobManager cannot find Flink\'s Python driver (opt/flink-python-*.jar through FLINK_OPT_DIR): restart the local cluster (flink-sql local stop, then start) so it starts with it; a remote cluster needs the jar in its opt/ folder.' };
  }
  const cannotRun = /Cannot run program "([^"]+)"[^\n]*/.exec(text);
  if (cannotRun) return { message: `Flink's Python driver could not start the interpreter ${cannotRun[1]}: ${cannotRun[0].replace(/^.*?: (?=error=)/, '')}` };
  return undefined;
}
