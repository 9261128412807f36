// What the Test Explorer shows of a `<name>.test.yaml`: whether it is a test file at all, its draft, its cases
// and their expected sinks with their lines, or its problems on their lines. Read by the same parser the runs use.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { TestFileOutline } from '../protocol';
import { parseTestFile } from './testFile';

/** Where `draft:` is: a test file names its draft at the top level; anything else is some other YAML. */
function draftKey(text: string): { draft?: string; line: number } | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (!isMap(doc.contents)) return undefined;
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'draft');
  if (!pair) return undefined;
  const key = pair.key as { range?: [number, number, number] };
  const value = isScalar(pair.value) && typeof pair.value.value === 'string' ? pair.value.value : undefined;
  return { draft: value, line: key.range ? lines.linePos(key.range[0]).line : 1 };
}

export function outlineTestFile(file: string, text: string, exists: (p: string) => boolean = fs.existsSync): TestFileOutline {
  const key = draftKey(text);
  if (!key) return { isTestFile: false, cases: [], problems: [] };
  const draftPath = key.draft ? path.resolve(path.dirname(file), key.draft) : undefined;
  const draft = draftPath ? pathToFileURL(draftPath).toString() : undefined;
  const { test, problems } = parseTestFile(file, text);
  const out: TestFileOutline = {
    isTestFile: true,
    draft,
    cases: [],
    problems: problems.map((p) => ({ uri: pathToFileURL(p.file).toString(), line: p.line, message: p.message })),
  };
  if (draftPath && !exists(draftPath)) {
    out.problems.push({ uri: pathToFileURL(file).toString(), line: key.line, message: `the draft ${key.draft} does not exist (draft: is relative to this file)` });
  }
  if (!test || out.problems.length) return out;
  out.cases = test.cases.map((c) => ({
    name: c.name,
    line: c.line,
    sinks: Object.entries(c.expect).map(([sink, e]) => ({ sink, line: e.line })),
  }));
  return out;
}
