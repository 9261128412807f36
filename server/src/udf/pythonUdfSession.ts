// Python UDFs of a SQL draft, as a gateway session needs them: the modules its `CREATE FUNCTION … LANGUAGE PYTHON`
// statements name (files beside the draft, as the language server reads them: `a.b.f` is `<draft dir>/a/b.py`),
// shipped with `python.files`, and the interpreter that runs them (`python.executable` for the TaskManagers' Python
// workers, `python.client.executable` for the planner's look-up of the function). Pure but for reading the folder.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseScript, type FlinkVersion } from '../parser';

export interface PythonUdf {
  /** The SQL name as written. */
  name: string;
  /** `module.function`. */
  className: string;
  /** 1-based line of its CREATE FUNCTION. */
  line: number;
}

export interface PythonUdfFiles {
  functions: PythonUdf[];
  /** python.files entries: a top-level module's file, or a package's folder (its parent goes on the path). */
  files: string[];
  /** A function whose module is not beside the draft: what to say, per function. */
  missing: { udf: PythonUdf; expected: string }[];
}

/** The LANGUAGE PYTHON functions `script` creates and the files that hold them, looked up in `draftDir`. */
export function pythonUdfFiles(script: string, draftDir: string, flinkVersion?: FlinkVersion): PythonUdfFiles {
  const functions: PythonUdf[] = [];
  for (const s of parseScript(script, undefined, { flinkVersion }).statements) {
    const n = s.node;
    if (n?.kind !== 'createFunction' || typeof n.language !== 'string' || n.language.toUpperCase() !== 'PYTHON') continue;
    const className = (n.className as { value?: string } | undefined)?.value;
    const nameNode = n.name as { parts?: { value: string }[]; value?: string } | undefined;
    const name = nameNode?.parts?.length ? nameNode.parts.map((p) => p.value).join('.') : nameNode?.value ?? '?';
    if (className) functions.push({ name, className, line: lineOf(script, s.start) });
  }
  const files = new Set<string>();
  const missing: PythonUdfFiles['missing'] = [];
  for (const udf of functions) {
    const dot = udf.className.lastIndexOf('.');
    const parts = dot > 0 ? udf.className.slice(0, dot).split('.') : [];
    const expected = path.join(draftDir, ...parts) + '.py';
    if (!parts.length || parts.some((p) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(p)) || !isFile(expected)) {
      missing.push({ udf, expected });
      continue;
    }
    // `a.b.f`: the package folder `a` goes, so `import a.b` works on the workers as it does here.
    files.add(parts.length === 1 ? expected : path.join(draftDir, parts[0]));
  }
  return { functions, files: [...files].sort(), missing };
}

/** The session keys that ship the files and name the interpreter (`python` omitted: the cluster's own setting stays). */
export function pythonUdfConfig(files: readonly string[], python?: string): Record<string, string> {
  if (!files.length) return {};
  return {
    'python.files': files.join(','),
    ...(python && { 'python.executable': python, 'python.client.executable': python }),
  };
}

/** What the user reads when a function's module is not found beside the draft. */
export function missingModuleMessage(m: PythonUdfFiles['missing'][number]): string {
  return `The Python function ${m.udf.name} (line ${m.udf.line}) is '${m.udf.className}', but ${m.expected} does not exist: `
    + 'a LANGUAGE PYTHON function names module.function, its module a .py file beside the draft (a.b.f: a/b.py).';
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
