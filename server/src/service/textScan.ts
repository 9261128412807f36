// A lexical pass over the raw text for what the parser contract does not expose: comments and bracket pairs.
// It only needs to know where strings, quoted identifiers and comments start and end, so it stays tiny.
import type { TextSpan } from '../parser';

export interface TextScan {
  /** `/* … *\/` comments, hints (`/*+ … *\/`) excluded. An unterminated one runs to the end. */
  blockComments: TextSpan[];
  /** `-- …` and `// …` comments, without the line break. */
  lineComments: TextSpan[];
  /** Matched `(` … `)` pairs outside strings and comments; `end` is the offset of the `)`. */
  parens: TextSpan[];
}

export function scanText(text: string, from = 0, to = text.length): TextScan {
  const result: TextScan = { blockComments: [], lineComments: [], parens: [] };
  const open: number[] = [];
  let i = from;
  while (i < to) {
    const ch = text[i];
    if ((ch === '-' && text[i + 1] === '-') || (ch === '/' && text[i + 1] === '/')) {
      const start = i;
      while (i < to && text[i] !== '\n' && text[i] !== '\r') i++;
      result.lineComments.push({ start, end: i });
    } else if (ch === '/' && text[i + 1] === '*') {
      const start = i;
      const close = text.indexOf('*/', i + 2);
      i = close < 0 || close + 2 > to ? to : close + 2;
      if (text[start + 2] !== '+') result.blockComments.push({ start, end: i });
    } else if (ch === "'" || ch === '"' || ch === '`') {
      i = skipQuoted(text, i, to);
    } else {
      if (ch === '(') open.push(i);
      else if (ch === ')' && open.length) result.parens.push({ start: open.pop()!, end: i });
      i++;
    }
  }
  return result;
}

/** Offset of the first character in [from, to) that is neither whitespace nor part of a comment. */
export function skipTrivia(text: string, from: number, to: number): number {
  let i = from;
  while (i < to) {
    if (/\s/.test(text[i])) i++;
    else if ((text[i] === '-' && text[i + 1] === '-') || (text[i] === '/' && text[i + 1] === '/')) {
      while (i < to && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (text[i] === '/' && text[i + 1] === '*' && text[i + 2] !== '+') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? to : Math.min(to, close + 2);
    } else break;
  }
  return i;
}

/** Offset just past the last non-whitespace character in [from, to). */
export function trimEnd(text: string, from: number, to: number): number {
  let i = to;
  while (i > from && /\s/.test(text[i - 1])) i--;
  return i;
}

// A doubled quote inside a quoted token stands for the quote itself, so it does not close the token.
function skipQuoted(text: string, i: number, to: number): number {
  const quote = text[i];
  let j = i + 1;
  while (j < to) {
    if (text[j] === quote) {
      if (text[j + 1] === quote) j += 2;
      else return j + 1;
    } else j++;
  }
  return to;
}
