// Which JAR or PYTHON draft a file belongs to: its deployment config itself, a file of the Maven project the config
// names, or the Python script it names (found by looking for `*.deployment.yaml` in the file's folder and the folders
// above it), so Validate and Execute work from the Java class or the script the user is editing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isConfigPath, readJarDraft, type JarDraft } from './jarDraft';

/** How far up a project file's folders to look for its config (src/main/java/com/example/x/ is 6 deep). */
const MAX_LEVELS = 12;

function inside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * The JAR draft of `file`; undefined when it belongs to none. A config that is a JAR draft's but broken throws
 * (JarDraftError); broken configs met while searching upwards are skipped. Stops at `root` when given.
 */
export function findJarDraft(file: string, root?: string): JarDraft | undefined {
  const abs = path.resolve(file);
  if (isConfigPath(abs)) return readJarDraft(abs);
  let dir = path.dirname(abs);
  for (let i = 0; i < MAX_LEVELS; i++) {
    let names: string[] = [];
    try {
      names = fs.readdirSync(dir).filter((n) => isConfigPath(n)).sort();
    } catch { /* unreadable: go on upwards */ }
    for (const n of names) {
      let d: JarDraft | undefined;
      try {
        d = readJarDraft(path.join(dir, n));
      } catch {
        continue;
      }
      if ((d?.projectDir && inside(d.projectDir, abs)) || d?.python?.file === abs) return d;
    }
    const up = path.dirname(dir);
    if (up === dir || (root && !inside(path.resolve(root), dir))) break; // the root's own folder was the last
    dir = up;
  }
  return undefined;
}
