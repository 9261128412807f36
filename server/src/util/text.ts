// Small text helpers shared by the engine: edit distance for "did you mean", a diagnostic's message as text.
import type { Diagnostic } from 'vscode-languageserver-types';

/** Optimal string alignment distance (Levenshtein with adjacent transpositions: `kafak` → `kafka`, FORM → FROM are one edit). */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  // Three rolling rows (the transposition looks two rows back) instead of a matrix: "did you mean" compares a
  // name with every table of a draft on a keystroke, so this runs thousands of times and should not allocate.
  const n = b.length;
  if (rows[0].length <= n) for (let k = 0; k < 3; k++) rows[k] = new Int32Array(2 * (n + 1));
  let before = rows[0];
  let prev = rows[1];
  let cur = rows[2];
  for (let j = 0; j <= n; j++) prev[j] = j;
  let prevMin = 0;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) d = Math.min(d, before[j - 2] + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    // a later row builds on this one (+0 or more) or, by a transposition, on the one before (+1): once both are past
    // the limit, the distance is too
    if (rowMin > limit && prevMin + 1 > limit) return limit + 1;
    prevMin = rowMin;
    [before, prev, cur] = [prev, cur, before];
  }
  return prev[n];
}
const rows: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** An LSP diagnostic's message as plain text (it may be MarkupContent). */
export function messageText(d: Pick<Diagnostic, 'message'>): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}
