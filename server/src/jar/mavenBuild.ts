// Builds a JAR draft's Maven project (`mvn package`, tests skipped) and finds the job jar it made. Maven's errors
// become problems on the Java file and line it names, so the editor and the CLI can point at them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MavenError, runMaven } from '../flink/provisionMaven';

export interface BuildProblem {
  /** Absolute path of the file Maven names (a .java file, or the pom). */
  file: string;
  /** 1-based; 0 when Maven gives no position. */
  line: number;
  column: number;
  message: string;
}

export class MavenBuildError extends Error {
  constructor(message: string, readonly problems: BuildProblem[], readonly output: string) {
    super(message);
    this.name = 'MavenBuildError';
  }
}

export interface BuildResult {
  jar: string;
  elapsedMs: number;
}

export interface BuildOptions {
  /** Each line of Maven's output, as it comes (the Output channel, the CLI's stderr). */
  onOutput?: (line: string) => void;
  signal?: AbortSignal;
}

/** `[ERROR] /abs/File.java:[12,34] message` (javac through the compiler plugin). */
const JAVAC = /^\[ERROR\] (\/.+?\.java):\[(\d+),(\d+)\] (.+)$/;

export function parseMavenProblems(output: string, projectDir: string): BuildProblem[] {
  const problems: BuildProblem[] = [];
  const seen = new Set<string>();
  for (const line of output.split(/\r?\n/)) {
    const m = JAVAC.exec(line);
    // Maven lists each compiler error twice (the compiler's report, then the failed goal's summary).
    if (!m || seen.has(line)) continue;
    seen.add(line);
    problems.push({ file: m[1], line: Number(m[2]), column: Number(m[3]), message: m[4] });
  }
  if (problems.length) return problems;
  // No file position (a dependency that does not resolve, a malformed pom): the first error line, on the pom.
  const first = output.split(/\r?\n/).find((l) => l.startsWith('[ERROR]') && l.trim() !== '[ERROR]');
  return first ? [{ file: path.join(projectDir, 'pom.xml'), line: 0, column: 0, message: first.replace(/^\[ERROR\]\s*/, '') }] : [];
}

/** The job jar `mvn package` made: target/*.jar, not sources, javadoc or original-* (shade's leftover), newest first. */
export function builtJar(projectDir: string): string | undefined {
  const target = path.join(projectDir, 'target');
  let names: string[];
  try {
    names = fs.readdirSync(target);
  } catch {
    return undefined;
  }
  const jars = names.filter((n) => n.endsWith('.jar') && !/-(sources|javadoc|tests)\.jar$/.test(n) && !n.startsWith('original-'))
    .map((n) => ({ file: path.join(target, n), at: fs.statSync(path.join(target, n)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  return jars[0]?.file;
}

export async function buildProject(projectDir: string, o: BuildOptions = {}): Promise<BuildResult> {
  if (!fs.existsSync(path.join(projectDir, 'pom.xml'))) {
    throw new MavenBuildError(`${projectDir} has no pom.xml: jar.project names the folder of a Maven project.`, [], '');
  }
  const t0 = performance.now();
  try {
    await runMaven(['-Dstyle.color=never', '-DskipTests', 'package'], projectDir, o.onOutput, o.signal);
  } catch (e) {
    if (!(e instanceof MavenError)) throw e;
    const problems = parseMavenProblems(e.output, projectDir);
    const first = problems[0];
    const where = first ? `: ${path.relative(projectDir, first.file)}${first.line ? `:${first.line}` : ''}: ${first.message}` : `: ${e.message}`;
    throw new MavenBuildError(`mvn package failed in ${projectDir}${where}`, problems, e.output);
  }
  const jar = builtJar(projectDir);
  if (!jar) throw new MavenBuildError(`mvn package made no jar in ${path.join(projectDir, 'target')}.`, [], '');
  return { jar, elapsedMs: Math.round(performance.now() - t0) };
}
