// Loads the Flink SQL fixtures of the language-service tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function fixture(name: string): string {
  return readFileSync(join(__dirname, 'fixtures', name), 'utf8');
}

/** 0-based line and column of the first occurrence of `needle` (after `from`). */
export function positionOf(text: string, needle: string, from = 0): { line: number; character: number } {
  const offset = text.indexOf(needle, from);
  if (offset < 0) throw new Error(`fixture lacks ${needle}`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}
