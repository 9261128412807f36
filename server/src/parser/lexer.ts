// Lexer for Flink SQL (Calcite's lexical rules with back-tick quoting): one pass, never throws;
// malformed input (unterminated strings, comments, identifiers) becomes a diagnostic plus a best-effort token.
import type { SyntaxDiagnostic } from './index';
import type { Token, TokenType } from './tokens';

export interface LexResult {
  tokens: Token[];
  diagnostics: SyntaxDiagnostic[];
}

const OPS2 = new Set(['<=', '>=', '<>', '!=', '||', '=>', '->', '..', '::', '<<']);
const OPS1 = new Set('()[]{},;.=<>+-*/%?:|^&$!~@'.split(''));

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c > 127;
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const isColon = (c: number) => c === 58 || c === 46 || c === 45; // ':' '.' '-'

/**
 * End of Calcite's COLLATION_ID token at `i` when it is longer than the identifier or number there (JavaCC
 * takes the longest match; IDENTIFIER, declared first, wins a tie), else -1. Calcite 1.36's Parser.jj:
 *   (<LETTER>|<DIGIT>)+ (<LETTER>|<DIGIT>|":"|"."|"-"|"_")* "$" (<LETTER>|"_")+ ("$" (<LETTER>|<DIGIT>|"_")+)?
 * where LETTER includes `$` and `_`. So `lake.db.orders$snapshots` is one token no rule accepts, which is
 * why Flink rejects a `$` in a later part of a compound name; `orders$snapshots` alone is an identifier.
 */
function collationIdEnd(text: string, i: number): number {
  const n = text.length;
  let k = i;
  let dollar = false;
  let punct = false;
  while (k < n) {
    const c = text.charCodeAt(k);
    if (isIdentPart(c)) dollar ||= c === 36;
    else if (isColon(c) && k > i) punct = true;
    else break;
    k++;
  }
  // Without ':', '.', '-' (or a leading digit) the identifier or number covers at least as much.
  if (!dollar || (!punct && !isDigit(text.charCodeAt(i)))) return -1;
  let best = -1;
  for (let q = i + 1; q < k; q++) {
    if (text.charCodeAt(q) !== 36 || !isIdentStart(text.charCodeAt(q + 1)) || isDigit(text.charCodeAt(q + 1))) continue;
    let e = q + 1;
    while (e < n && isIdentStart(text.charCodeAt(e))) e++;
    best = Math.max(best, e);
    for (let r = q + 2; r < e; r++) {
      if (text.charCodeAt(r) !== 36 || !isIdentPart(text.charCodeAt(r + 1))) continue;
      let f = r + 1;
      while (f < n && isIdentPart(text.charCodeAt(f))) f++;
      best = Math.max(best, f);
    }
  }
  if (best < 0) return -1;
  // the competing token: an identifier (letters first) or a number (digits first)
  let j = i + 1;
  if (isIdentStart(text.charCodeAt(i))) while (j < n && isIdentPart(text.charCodeAt(j))) j++;
  else while (j < n && isDigit(text.charCodeAt(j))) j++;
  return best > j ? best : -1;
}

/** Cheap pre-check for collationIdEnd: what follows the word at `i` can make a longer COLLATION_ID. */
function mayBeCollationId(text: string, i: number): boolean {
  let j = i;
  let dollar = false;
  let digitsOnly = true;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (!isIdentPart(c)) break;
    if (c === 36) dollar = true;
    if (!isDigit(c)) digitsOnly = false;
    j++;
  }
  if (isColon(text.charCodeAt(j))) return true;
  // a number followed by letters (`1a$b`) is no number token
  return dollar && isDigit(text.charCodeAt(i)) && !digitsOnly;
}

/** Offset just past a line comment starting at `i`, line break included. */
export function lineCommentEnd(text: string, i: number): number {
  let j = i + 2;
  while (j < text.length && text[j] !== '\n' && text[j] !== '\r') j++;
  if (text[j] === '\r' && text[j + 1] === '\n') return j + 2;
  return Math.min(text.length, j + 1);
}

export interface LexOptions {
  /** Also emit `comment` tokens (line comments without their line break); off by default, so the parser's tokens are unchanged. */
  comments?: boolean;
}

export function tokenize(text: string, options: LexOptions = {}): LexResult {
  const tokens: Token[] = [];
  const diagnostics: SyntaxDiagnostic[] = [];
  const n = text.length;
  let i = 0;
  let inHint = false;
  const push = (type: TokenType, start: number, end: number, value?: string) => {
    const raw = text.slice(start, end);
    tokens.push({ type, start, end, text: raw, upper: type === 'word' ? raw.toUpperCase() : type === 'op' ? raw : '', value });
  };
  const comment = (start: number, end: number) => {
    if (!options.comments) return;
    let e = end;
    while (e > start && (text[e - 1] === '\n' || text[e - 1] === '\r')) e--;
    push('comment', start, e);
  };
  const diag = (start: number, end: number, code: string, message: string) =>
    diagnostics.push({ start, end, code, message, severity: 'error' });

  /** Scans a quoted run starting at the opening quote; doubled quote escapes. Returns end (exclusive) or -1. */
  const scanQuoted = (at: number, q: string): number => {
    let j = at + 1;
    for (;;) {
      const k = text.indexOf(q, j);
      if (k < 0) return -1;
      if (text[k + 1] === q) { j = k + 2; continue; }
      return k + 1;
    }
  };
  const stringToken = (type: TokenType, start: number, quoteAt: number) => {
    const end = scanQuoted(quoteAt, "'");
    if (end < 0) {
      diag(start, n, 'unterminated-string', 'Unterminated string literal: missing closing quote (\').');
      push(type, start, n, text.slice(quoteAt + 1).replace(/''/g, "'"));
      return n;
    }
    push(type, start, end, text.slice(quoteAt + 1, end - 1).replace(/''/g, "'"));
    return end;
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    // whitespace
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12) { i++; continue; }
    const ch = text[i];
    const next = text[i + 1];
    // comments
    // Calcite's SINGLE_LINE_COMMENT: ("//" | "--") up to the end of the line ("\n" or "\r")
    if ((ch === '-' && next === '-') || (ch === '/' && next === '/')) {
      const from = i;
      i = lineCommentEnd(text, i);
      comment(from, i);
      continue;
    }
    if (ch === '/' && next === '*') {
      if (text[i + 2] === '+' && !inHint) {
        push('hintStart', i, i + 3);
        inHint = true;
        i += 3;
        continue;
      }
      const k = text.indexOf('*/', i + 2);
      if (k < 0) {
        diag(i, n, 'unterminated-comment', 'Unterminated comment: missing closing */.');
        comment(i, n);
        i = n;
        continue;
      }
      comment(i, k + 2);
      i = k + 2;
      continue;
    }
    if (ch === '*' && next === '/') {
      // Calcite lexes `*/` as one token everywhere; outside a hint it is simply unexpected
      if (inHint) push('hintEnd', i, i + 2);
      else push('op', i, i + 2);
      inHint = false;
      i += 2;
      continue;
    }
    // strings and prefixed strings
    if (ch === "'") { i = stringToken('string', i, i); continue; }
    if ((ch === 'x' || ch === 'X') && next === "'") { i = stringToken('binary', i, i + 1); continue; }
    if ((ch === 'n' || ch === 'N' || ch === 'e' || ch === 'E') && next === "'") { i = stringToken('string', i, i + 1); continue; }
    if ((ch === 'u' || ch === 'U') && next === '&' && text[i + 2] === "'") { i = stringToken('ustring', i, i + 2); continue; }
    if (ch === '_' && i + 1 < n && isIdentPart(text.charCodeAt(i + 1))) {
      // _charset'literal'
      let j = i + 1;
      while (j < n && (isIdentPart(text.charCodeAt(j)) || text[j] === '-' || text[j] === ':' || text[j] === '.')) j++;
      if (text[j] === "'") { i = stringToken('string', i, j); continue; }
    }
    // Calcite's COLLATION_ID (`db.orders$snapshots`) wins over a shorter identifier or number; it needs a `$`
    // and, unless it starts with a digit, one of `.:-` right after the first word
    if (isIdentPart(c) && mayBeCollationId(text, i)) {
      const k = collationIdEnd(text, i);
      if (k > 0) {
        push('collation', i, k);
        i = k;
        continue;
      }
    }
    // identifiers / keywords
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentPart(text.charCodeAt(j))) j++;
      push('word', i, j);
      i = j;
      continue;
    }
    // quoted identifiers
    if (ch === '`' || ch === '"') {
      const end = scanQuoted(i, ch);
      const type: TokenType = ch === '`' ? 'quoted' : 'dquoted';
      const dbl = ch + ch;
      if (end < 0) {
        diag(i, n, 'unterminated-identifier', `Unterminated quoted identifier: missing closing ${ch}.`);
        push(type, i, n, text.slice(i + 1).split(dbl).join(ch));
        i = n;
        continue;
      }
      push(type, i, end, text.slice(i + 1, end - 1).split(dbl).join(ch));
      i = end;
      continue;
    }
    // numbers
    if (isDigit(c) || (ch === '.' && i + 1 < n && isDigit(text.charCodeAt(i + 1)))) {
      let j = i;
      while (j < n && isDigit(text.charCodeAt(j))) j++;
      if (text[j] === '.' && text[j + 1] !== '.') {
        j++;
        while (j < n && isDigit(text.charCodeAt(j))) j++;
      }
      if ((text[j] === 'e' || text[j] === 'E')) {
        let k = j + 1;
        if (text[k] === '+' || text[k] === '-') k++;
        if (k < n && isDigit(text.charCodeAt(k))) {
          while (k < n && isDigit(text.charCodeAt(k))) k++;
          j = k;
        }
      }
      push('number', i, j);
      i = j;
      continue;
    }
    // operators
    if (OPS1.has(ch)) {
      // longest match among the multi-character operators
      if (ch === '<' && next === '=' && text[i + 2] === '>') { push('op', i, i + 3); i += 3; continue; }
      if (next !== undefined && OPS2.has(ch + next)) { push('op', i, i + 2); i += 2; continue; }
      push('op', i, i + 1);
      i += 1;
      continue;
    }
    // anything else: report and skip one code point
    const cp = text.codePointAt(i) ?? c;
    const len = cp > 0xffff ? 2 : 1;
    diag(i, i + len, 'illegal-character', `Lexical error: encountered illegal character "${text.slice(i, i + len)}".`);
    i += len;
  }
  if (inHint) {
    let h = tokens.length - 1;
    while (h >= 0 && tokens[h].type !== 'hintStart') h--;
    diag(h >= 0 ? tokens[h].start : n, n, 'unterminated-comment', 'Unterminated hint: missing closing */.');
  }
  tokens.push({ type: 'eof', start: n, end: n, text: '', upper: '<EOF>' });
  return { tokens, diagnostics };
}
