// One edit between two versions of a text (what changed, as offsets), and finding it by comparing the two when the
// editor did not say: the language server re-analyzes each version from the previous one around this edit.

/** `old.slice(start, oldEnd)` became `text.slice(start, newEnd)`; the rest is equal. */
export interface TextEdit {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** The smallest single edit turning `old` into `text` (common prefix and suffix by halving native comparisons). */
export function diffEdit(old: string, text: string): TextEdit {
  if (old === text) return { start: text.length, oldEnd: old.length, newEnd: text.length };
  let lo = 0;
  let hi = Math.min(old.length, text.length);
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (old.slice(lo, mid) === text.slice(lo, mid)) lo = mid;
    else hi = mid - 1;
  }
  const prefix = lo;
  lo = 0;
  hi = Math.min(old.length, text.length) - prefix;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (old.slice(old.length - mid, old.length - lo) === text.slice(text.length - mid, text.length - lo)) lo = mid;
    else hi = mid - 1;
  }
  return { start: prefix, oldEnd: old.length - lo, newEnd: text.length - lo };
}

/** Whether `edit` can describe `old` → `text` (lengths agree; the contents are the caller's word). */
export function fitsEdit(edit: TextEdit, old: string, text: string): boolean {
  return edit.start >= 0 && edit.start <= edit.oldEnd && edit.oldEnd <= old.length && edit.start <= edit.newEnd
    && edit.newEnd <= text.length && old.length - edit.oldEnd === text.length - edit.newEnd;
}
