// What the language server knows of each draft's UDF artifacts: the jar dependencies of its deployment config
// (inspected in the background, answers cached per jar SHA-256 — see udf/inspect.ts) and the Python modules its
// CREATE FUNCTION … LANGUAGE PYTHON statements name (scanned beside the draft). Never blocks a keystroke: a jar not
// inspected yet leaves the context "not known" (no class diagnostics) until its answer arrives and drafts are re-checked.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dependencyPath, parseMavenCoords, splitPin } from '../deploy/dependencies';
import { deploymentPathOf } from '../deployment';
import { sha256File } from '../flink/provision';
import type { FlinkVersion } from '../parser';
import type { AnalyzedDocument } from '../service';
import { cachedUdfs, inspectJar } from '../udf/inspect';
import { configDependencies } from '../udf/draftJars';
import { pythonUdfs } from '../udf/pythonUdfs';
import type { ArtifactUdfs, UdfContext, UdfInfo } from '../udf/types';
import { readTextFileSync } from '../util/boundedRead';

interface Stamp { mtimeMs: number; size: number }
const stampOf = (file: string): Stamp | undefined => {
  try {
    const st = fs.statSync(file);
    return st.isFile() ? { mtimeMs: st.mtimeMs, size: st.size } : undefined;
  } catch {
    return undefined;
  }
};
const same = (a: Stamp | undefined, b: Stamp | undefined) => !!a && !!b && a.mtimeMs === b.mtimeMs && a.size === b.size;

/** A jar as last seen: its content's sum (computed in the background) and the inspector's answer per Flink release. */
interface JarState { stamp: Stamp; sha256?: Promise<string>; sum?: string; answers: Map<string, ArtifactUdfs | 'pending' | 'failed'> }

/** A Python module larger than this is not scanned. */
const MAX_MODULE_BYTES = 1024 * 1024;
const RETRY_MS = 5 * 60_000;
const POLL_MS = 3_000;

export class UdfKnowledge {
  private readonly configs = new Map<string, { stamp: Stamp; jars: { dep: string; file?: string }[] }>();
  private readonly jars = new Map<string, JarState>();
  private readonly modules = new Map<string, { stamp: Stamp; udfs: ArtifactUdfs }>();

  private timer: NodeJS.Timeout | undefined;

  /** `changed`: an answer arrived or an artifact changed on disk (re-check open drafts); `log`: why a jar could not be inspected. */
  /** `mayRun`: whether the workspace's jars may be run (a trusted workspace): else only cached answers are used. */
  constructor(private readonly changed: () => void, private readonly log: (message: string) => void = () => {}, private readonly pollMs = POLL_MS,
    private readonly mayRun: () => boolean = () => true) {}

  /**
   * A rebuilt jar, an edited Python module or config is noticed without a keystroke: the files seen so far are
   * stat'ed every few seconds (no watcher API on the server side of every LSP client), and the drafts re-checked.
   */
  private watch(): void {
    this.timer ??= setInterval(() => {
      const moved = [...this.jars].some(([f, s]) => !same(stampOf(f), s.stamp))
        || [...this.modules].some(([f, m]) => !same(stampOf(f), m.stamp))
        || [...this.configs].some(([f, c]) => !same(stampOf(f), c.stamp));
      if (moved) this.changed();
    }, this.pollMs).unref();
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The UDF context of the draft at `uri` (undefined for a draft that is not a file). */
  contextFor(uri: string, flinkVersion: FlinkVersion, doc?: AnalyzedDocument): UdfContext | undefined {
    if (!uri.startsWith('file:')) return undefined;
    this.watch();
    const draft = fileURLToPath(uri);
    const byClass = new Map<string, UdfInfo>();
    const failedClasses = new Set<string>();
    const deps = this.dependencies(deploymentPathOf(draft));
    let jarsKnown = true;
    for (const d of deps) {
      const answer = d.file ? this.answer(d.file, flinkVersion) : undefined;
      if (!answer) {
        jarsKnown = false;
        continue;
      }
      for (const f of answer.functions) byClass.set(f.className, f);
      for (const f of answer.failed) failedClasses.add(f.className);
    }
    if (doc) this.pythonModules(path.dirname(draft), doc, byClass);
    return { byClass, failedClasses, jarsKnown, jars: deps.map((d) => d.dep) };
  }

  /** The jar dependencies of a deployment config (a Maven dependency as the copy in our folder, if fetched). */
  private dependencies(configPath: string): { dep: string; file?: string }[] {
    const stamp = stampOf(configPath);
    if (!stamp) {
      this.configs.delete(configPath);
      return [];
    }
    const known = this.configs.get(configPath);
    if (known && same(known.stamp, stamp)) return known.jars;
    const read = configDependencies(configPath);
    const jars = read.dependencies.map((dep): { dep: string; file?: string } => {
      if (/\.jar$/i.test(dep)) return { dep, file: path.resolve(path.dirname(configPath), dep) };
      const coords = parseMavenCoords(splitPin(dep).coords);
      // connectors and formats are Maven dependencies too: a class may be in one we have not fetched
      return { dep, ...(coords ? { file: dependencyPath(coords) } : {}) };
    });
    // a broken config: nothing is known of its jars (its own diagnostics say why)
    if (read.error) jars.push({ dep: path.basename(configPath) });
    this.configs.set(configPath, { stamp, jars });
    return jars;
  }

  /** The inspector's answer for a jar, if there is one yet; else starts finding it (sum, cache, inspector). */
  private answer(file: string, flinkVersion: FlinkVersion): ArtifactUdfs | undefined {
    const stamp = stampOf(file);
    if (!stamp) {
      this.jars.delete(file);
      return undefined;
    }
    let st = this.jars.get(file);
    if (!st || !same(st.stamp, stamp)) {
      st = { stamp, answers: new Map() };
      this.jars.set(file, st);
    }
    const state = st;
    const got = state.answers.get(flinkVersion);
    if (got && got !== 'pending' && got !== 'failed') return got;
    if (got) return undefined;
    state.answers.set(flinkVersion, 'pending');
    // Inspecting instantiates the jar's classes: its code runs, so only in a trusted workspace (the cache is ours).
    const run = this.mayRun();
    void (async () => {
      try {
        state.sha256 ??= sha256File(file);
        state.sum = await state.sha256;
        const hit = cachedUdfs(state.sum, flinkVersion);
        if (!hit && !run) {
          // not known until trust is granted (the server then re-checks, and this is asked again)
          state.answers.delete(flinkVersion);
          if (this.mayRun()) this.changed(); // granted meanwhile: ask again now
          return;
        }
        const found = hit ?? await inspectJar(file, flinkVersion);
        if (this.jars.get(file) === state) state.answers.set(flinkVersion, found);
      } catch (e) {
        state.answers.set(flinkVersion, 'failed');
        // tried again later: Flink may get installed, Java found
        setTimeout(() => { if (state.answers.get(flinkVersion) === 'failed') state.answers.delete(flinkVersion); }, RETRY_MS).unref();
        this.log(`Could not list the functions of ${file} for Flink ${flinkVersion}: ${(e as Error).message}`);
        return;
      }
      this.changed();
    })();
    return undefined;
  }

  /** Python modules named by LANGUAGE PYTHON registrations: `<draft dir>/<a/b>.py` for `a.b.func`. */
  private pythonModules(dir: string, doc: AnalyzedDocument, into: Map<string, UdfInfo>): void {
    for (const s of doc.script.statements) {
      const n = s.node;
      if (n?.kind !== 'createFunction' || typeof n.language !== 'string' || n.language.toUpperCase() !== 'PYTHON') continue;
      const cls = (n.className as { value?: string } | undefined)?.value;
      const dot = cls?.lastIndexOf('.') ?? -1;
      if (!cls || dot <= 0 || into.has(cls)) continue;
      const module = cls.slice(0, dot);
      const file = path.join(dir, ...module.split('.')) + '.py';
      const stamp = stampOf(file);
      if (!stamp || stamp.size > MAX_MODULE_BYTES) {
        this.modules.delete(file);
        continue;
      }
      let m = this.modules.get(file);
      if (!m || !same(m.stamp, stamp)) {
        try {
          m = { stamp, udfs: pythonUdfs(readTextFileSync(file, { maxBytes: MAX_MODULE_BYTES }), module, file) };
        } catch {
          continue;
        }
        this.modules.set(file, m);
      }
      for (const f of m.udfs.functions) into.set(f.className, f);
    }
  }
}
