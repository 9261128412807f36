// Caret fixtures for completion and hover tests (yaml-language-server style): `|` marks the caret in real
// Flink SQL; the helpers strip it, analyze the text and call the service at that position.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompletionItem, Position } from 'vscode-languageserver-types';
import { analyze, complete, type AnalyzedDocument, type ServiceContext } from '../../../server/src/service';

export const CARET = '|';

export interface CaretDoc {
  doc: AnalyzedDocument;
  position: Position;
  offset: number;
}

/** `text` with exactly one `|`: the analyzed text without it and the caret position. */
export function caret(text: string): CaretDoc {
  const offset = text.indexOf(CARET);
  if (offset < 0 || text.indexOf(CARET, offset + 1) >= 0) throw new Error(`fixture needs exactly one ${CARET}: ${text}`);
  const doc = analyze(text.slice(0, offset) + text.slice(offset + 1));
  return { doc, position: doc.lines.positionAt(offset), offset };
}

export function completeAt(text: string, context?: ServiceContext): CompletionItem[] {
  const { doc, position } = caret(text);
  return complete(doc, position, context);
}

export function labels(items: CompletionItem[]): string[] {
  return items.map((i) => i.label);
}

export function item(items: CompletionItem[], label: string): CompletionItem {
  const hit = items.find((i) => i.label === label);
  if (!hit) throw new Error(`no completion ${label} among ${labels(items).slice(0, 40).join(', ')}`);
  return hit;
}

const ROOT = join(__dirname, '../../..');

/** The seed draft shipped in examples/. */
export function seedDraft(): string {
  return readFileSync(join(ROOT, 'examples/datagen-to-blackhole.flink.sql'), 'utf8');
}

/** Inserts the caret marker after the first occurrence of `needle` (after `from`). */
export function caretAfter(text: string, needle: string, from = 0): string {
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`text lacks ${needle}`);
  const o = at + needle.length;
  return text.slice(0, o) + CARET + text.slice(o);
}
