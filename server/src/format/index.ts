// The formatter's public face: format a whole script, or the statements a range touches. Pure functions over
// the parser's tree and the lexer's tokens; see script.ts for the safety rules.
import { formatScript, type FormatResult, type SkippedStatement } from './script';
import type { FormatOptions } from './options';

export { formatScript, type FormatResult, type FormattedUnit, type SkippedStatement } from './script';
export { DEFAULT_FORMAT_OPTIONS, resolveFormatOptions, type CommaPosition, type FormatOptions, type KeywordCase } from './options';
export { editorConfigFor, parseEditorConfig } from './editorconfig';

export interface TextReplacement {
  /** Offsets into the input; replace [start, end) with `text`. */
  start: number;
  end: number;
  text: string;
}

/** The smallest single replacement that turns `before` into `after` (an unchanged text gives none). */
export function minimalReplacement(before: string, after: string): TextReplacement | undefined {
  if (before === after) return undefined;
  let s = 0;
  const max = Math.min(before.length, after.length);
  while (s < max && before.charCodeAt(s) === after.charCodeAt(s)) s++;
  let e = 0;
  while (e < max - s && before.charCodeAt(before.length - 1 - e) === after.charCodeAt(after.length - 1 - e)) e++;
  return { start: s, end: before.length - e, text: after.slice(s, after.length - e) };
}

/** Formats the whole statements that [start, end) touches; the rest of the text is left alone. */
export function formatRange(text: string, start: number, end: number, options?: Partial<FormatOptions>): { replacement?: TextReplacement; skipped: SkippedStatement[] } {
  const r: FormatResult = formatScript(text, options);
  const touched = r.units.filter((u) => u.origStart <= end && u.origEnd >= start);
  if (!touched.length) return { skipped: [] };
  const first = touched[0];
  const last = touched[touched.length - 1];
  const skipped = r.skipped.filter((s) => s.start < last.origEnd && s.end > first.origStart);
  const replacement = minimalReplacement(text.slice(first.origStart, last.origEnd), r.text.slice(first.outStart, last.outEnd));
  if (!replacement) return { skipped };
  return { replacement: { ...replacement, start: replacement.start + first.origStart, end: replacement.end + first.origStart }, skipped };
}
