// Splits a script into statement ranges on `;` outside strings, comments, quoted identifiers and
// `... STATEMENT SET BEGIN ... END` blocks. A cheap character scan so re-splitting per keystroke stays fast.
import { lineCommentEnd } from './lexer';

export interface StatementRange {
  /** First non-blank character of the statement (comments included). */
  start: number;
  /** Exclusive; trailing blanks trimmed; excludes the `;`. */
  end: number;
  /** Offset of the terminating `;`, or -1 at end of text. */
  semicolon: number;
}

function isWordChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c > 127;
}
function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
}

export function splitStatements(text: string): StatementRange[] {
  const out: StatementRange[] = [];
  scanStatements(text, 0, (r) => {
    out.push(r);
    return true;
  });
  return out;
}

/**
 * The scan behind splitStatements, from `from` (0, or just after a `;` that ended a statement: the scan's state is
 * fresh there) until `onRange` returns false. Lets a re-analysis re-split only the statements an edit touched.
 */
export function scanStatements(text: string, from: number, onRange: (range: StatementRange) => boolean): void {
  const n = text.length;
  let segStart = from;
  let inBlock = false;
  // CASE ... END inside a statement-set block must not close the block.
  let caseDepth = 0;
  // The last two words seen, to recognise `STATEMENT SET BEGIN`.
  let w1 = '';
  let w2 = '';
  const emit = (endExclusive: number, semicolon: number) => {
    let s = segStart;
    let e = endExclusive;
    while (s < e && isBlank(text.charCodeAt(s))) s++;
    while (e > s && isBlank(text.charCodeAt(e - 1))) e--;
    return e > s ? onRange({ start: s, end: e, semicolon }) : true;
  };
  let i = from;
  while (i < n) {
    const c = text.charCodeAt(i);
    const ch = text[i];
    if ((ch === '-' && text[i + 1] === '-') || (ch === '/' && text[i + 1] === '/')) {
      i = lineCommentEnd(text, i);
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      const k = text.indexOf('*/', i + 2);
      i = k < 0 ? n : k + 2;
      continue;
    }
    if (ch === "'" || ch === '`' || ch === '"') {
      let j = i + 1;
      for (;;) {
        const k = text.indexOf(ch, j);
        if (k < 0) { j = n; break; }
        if (text[k + 1] === ch) { j = k + 2; continue; }
        j = k + 1;
        break;
      }
      i = j;
      w1 = w2 = '';
      continue;
    }
    if (isWordChar(c)) {
      let j = i + 1;
      while (j < n && isWordChar(text.charCodeAt(j))) j++;
      // Only STATEMENT, SET, BEGIN, CASE and END matter; other words are not sliced (the scan runs per keystroke).
      const first = c | 32;
      if (j - i >= 3 && j - i <= 9 && (first === 0x73 || first === 0x62 || first === 0x63 || first === 0x65)) {
        const w = text.slice(i, j).toUpperCase();
        if (!inBlock && w === 'BEGIN' && w2 === 'SET' && w1 === 'STATEMENT') { inBlock = true; caseDepth = 0; }
        else if (inBlock && w === 'CASE') caseDepth++;
        else if (inBlock && w === 'END') { if (caseDepth > 0) caseDepth--; else inBlock = false; }
        w1 = w2;
        w2 = w;
      } else {
        w1 = w2;
        w2 = '';
      }
      i = j;
      continue;
    }
    if (ch === ';' && !inBlock) {
      if (!emit(i, i)) return;
      segStart = i + 1;
      w1 = w2 = '';
    }
    i++;
  }
  emit(n, -1);
}
