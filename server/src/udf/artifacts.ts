// A UDF artifact's functions, whatever it is — a jar (the inspector, on the draft's Flink) or a Python file (the
// decorator scan) — and the jars a workspace's JAR drafts build, offered first when the user picks an artifact.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { ensureFlink } from '../flink/ensureFlink';
import { builtJar } from '../jar/mavenBuild';
import { inspectJar } from './inspect';
import { pythonUdfs } from './pythonUdfs';
import type { ArtifactUdfs } from './types';

export interface ListedUdfs extends ArtifactUdfs {
  summary: string;
}

/** The Python module a file is imported as from the draft's folder: `udfs/text.py` → `udfs.text`; elsewhere its base name. */
export function pythonModuleOf(file: string, draftDir: string): string {
  const rel = path.relative(draftDir, file);
  const inside = rel && !rel.startsWith('..') && !path.isAbsolute(rel);
  const noExt = (inside ? rel : path.basename(file)).replace(/\.py$/i, '');
  return noExt.split(path.sep).join('.');
}

/**
 * The functions of `artifact` for a draft in `draftDir` targeting `flinkVersion`. A jar needs the draft's Flink
 * distribution: installed first through the provisioner (with the user's consent) when `install` is set.
 */
export async function listUdfs(artifact: string, draftDir: string, flinkVersion: string, o: { install?: boolean } = {}): Promise<ListedUdfs> {
  const abs = path.resolve(artifact);
  if (/\.py$/i.test(abs)) {
    const t0 = performance.now();
    const found = pythonUdfs(fs.readFileSync(abs, 'utf8'), pythonModuleOf(abs, draftDir), abs);
    return { ...found, summary: `read the decorators of ${path.basename(abs)} in ${Math.round(performance.now() - t0)} ms` };
  }
  if (!/\.jar$/i.test(abs)) throw new Error(`${path.basename(abs)} is neither a jar nor a Python file.`);
  if (!fs.existsSync(abs)) throw new Error(`${abs} does not exist.`);
  const dist = o.install ? (await ensureFlink(flinkVersion)).dist : undefined;
  const r = await inspectJar(abs, flinkVersion, { dist });
  return { ...r, summary: r.cached ? `from the cache (Flink ${r.flinkVersion}, jar ${r.sha256.slice(0, 12)}…)` : `inspected on Flink ${r.flinkVersion} in ${r.elapsedMs} ms` };
}

const SKIP = new Set(['node_modules', '.git', 'target', '.flink', 'out', 'dist', '.venv', 'venv']);

/** The jars of the workspace's JAR drafts: `jar.file`, or the jar `jar.project`'s last build made (not built here). */
export function jarDraftJars(workspaceDir: string, maxDepth = 5): Array<{ path: string; label: string; detail?: string }> {
  const out: Array<{ path: string; label: string; detail?: string }> = [];
  const walk = (dir: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && depth < maxDepth && !SKIP.has(e.name) && !e.name.startsWith('.')) walk(p, depth + 1);
      else if (e.isFile() && e.name.endsWith('.deployment.yaml')) {
        const jar = jarOfConfig(p);
        if (jar) out.push({ path: jar, label: path.basename(jar), detail: `built by the JAR draft ${e.name.slice(0, -'.deployment.yaml'.length)}` });
      }
    }
  };
  walk(workspaceDir, 0);
  return out;
}

function jarOfConfig(configPath: string): string | undefined {
  try {
    const doc = parseDocument(fs.readFileSync(configPath, 'utf8'));
    if (doc.errors.length || String(doc.get('type') ?? '').toUpperCase() !== 'JAR') return undefined;
    const dir = path.dirname(configPath);
    const file = doc.getIn(['jar', 'file']);
    if (typeof file === 'string') return fs.existsSync(path.resolve(dir, file)) ? path.resolve(dir, file) : undefined;
    const project = doc.getIn(['jar', 'project']);
    return typeof project === 'string' ? builtJar(path.resolve(dir, project)) : undefined;
  } catch {
    return undefined;
  }
}
