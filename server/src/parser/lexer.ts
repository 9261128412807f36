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

export function tokenize(text: string): LexResult {
  const tokens: Token[] = [];
  const diagnostics: SyntaxDiagnostic[] = [];
  const n = text.length;
  let i = 0;
  let inHint = false;
  const push = (type: TokenType, start: number, end: number, value?: string) => {
    const raw = text.slice(start, end);
    tokens.push({ type, start, end, text: raw, upper: type === 'word' ? raw.toUpperCase() : type === 'op' ? raw : '', value });
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
    if (ch === '-' && next === '-') {
      const k = text.indexOf('\n', i);
      i = k < 0 ? n : k + 1;
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
        i = n;
        continue;
      }
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
