// Shared by the deployment tests: a minimal valid head, and where (0-based line/column) a text occurs.
import type { Diagnostic } from 'vscode-languageserver-types';

export const HEAD = 'name: orders\ntype: SQL\ntarget: per-job\n';

/** 0-based line and column of the first occurrence of `needle` (after `after`, when given). */
export function positionOf(text: string, needle: string, after = ''): { line: number; character: number } {
  const offset = text.indexOf(needle, after ? text.indexOf(after) : 0);
  if (offset < 0) throw new Error(`"${needle}" not in the text`);
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

export function brief(ds: Diagnostic[]): string {
  return ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.message}`).join('\n');
}
