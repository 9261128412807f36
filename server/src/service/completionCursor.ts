// The caret in its statement: the statement's tokens (lexed on demand; the document is not re-parsed), the word
// being typed, a `a.b.` qualifier before it, and whether the caret sits in a string or a comment.
import { tokenize, type ParsedStatement, type Token } from '../parser';
import type { AnalyzedDocument } from './document';
import { scanText } from './textScan';

export interface Cursor {
  offset: number;
  /** The statement holding the caret (undefined between statements). */
  stmt?: ParsedStatement;
  /** Absolute offset the token offsets are relative to. */
  base: number;
  /** Tokens of the caret's segment (a statement, or one INSERT of a statement-set block), without EOF. */
  tokens: Token[];
  /** Segment tokens ending before the word at the caret, qualifier excluded. */
  before: Token[];
  /** The identifier under the caret, absolute (empty at a blank). */
  word: { start: number; end: number; text: string };
  /** `o.` / `cat.db.` before the word. */
  qualifier: string[];
  /** The string literal holding the caret, relative offsets. */
  inString?: Token;
  inComment: boolean;
  /** Inside a statement-set block, where only INSERTs (and END) may start a statement. */
  inBlock: boolean;
}

/** Index of the statement whose span holds `offset` (end inclusive, so `FROM orders|;` counts). */
export function statementIndexAt(doc: AnalyzedDocument, offset: number): number {
  const stmts = doc.script.statements;
  let lo = 0;
  let hi = stmts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (stmts[mid].end < offset) lo = mid + 1;
    else if (stmts[mid].start > offset) hi = mid - 1;
    else return mid;
  }
  // Past a statement's last token but before its `;` (trailing blanks are not part of its span): still in it.
  const prev = lo - 1;
  if (prev >= 0 && !/;/.test(stripComments(doc.text.slice(stmts[prev].end, offset)))) return prev;
  return -1;
}

function stripComments(s: string): string {
  return s.replace(/--[^\n\r]*/g, '').replace(/\/\*[\s\S]*?(\*\/|$)/g, '');
}

const tokenCache = new WeakMap<ParsedStatement, Token[]>();

/** The statement's tokens (relative to its start), without the EOF token. */
export function statementTokens(stmt: ParsedStatement): Token[] {
  let toks = tokenCache.get(stmt);
  if (!toks) {
    toks = tokenize(stmt.text).tokens.filter((t) => t.type !== 'eof');
    tokenCache.set(stmt, toks);
  }
  return toks;
}

const WORD = /[A-Za-z0-9_$\u0080-\uffff]/;

export function cursorAt(doc: AnalyzedDocument, offset: number): Cursor {
  const text = doc.text;
  let ws = offset;
  while (ws > 0 && WORD.test(text[ws - 1])) ws--;
  let we = offset;
  while (we < text.length && WORD.test(text[we])) we++;
  const word = { start: ws, end: we, text: text.slice(ws, offset) };

  const index = statementIndexAt(doc, offset);
  const stmt = index >= 0 ? doc.script.statements[index] : undefined;
  const base = stmt?.start ?? offset;
  const all = stmt ? statementTokens(stmt) : [];
  const rel = offset - base;
  const relWord = ws - base;

  // A statement-set block holds several statements: the caret's segment starts after the last `;` or BEGIN.
  let segStart = 0;
  for (let i = 0; i < all.length && all[i].end <= relWord; i++) {
    if ((all[i].type === 'op' && all[i].text === ';') || (all[i].type === 'word' && all[i].upper === 'BEGIN' && i > 0)) segStart = i + 1;
  }
  let segEnd = all.length;
  for (let i = segStart; i < all.length; i++) {
    if (all[i].start >= relWord && all[i].type === 'op' && all[i].text === ';') { segEnd = i; break; }
  }
  const tokens = all.slice(segStart, segEnd);
  let before = tokens.filter((t) => t.end <= relWord && !(t.start < rel && rel < t.end));
  const inString = tokens.find((t) => (t.type === 'string' || t.type === 'ustring') && t.start < rel && (rel < t.end || !closed(t)));
  if (inString) before = tokens.filter((t) => t.end <= inString.start);

  // `a.b.|`: adjacent `ident.` pairs right before the word form its qualifier.
  const qualifier: string[] = [];
  if (!inString) {
    let i = before.length - 1;
    let expectEnd = relWord;
    while (i >= 1 && isDot(before[i]) && before[i].end === expectEnd && isIdentToken(before[i - 1]) && before[i - 1].end === before[i].start) {
      qualifier.unshift(identValue(before[i - 1]));
      expectEnd = before[i - 1].start;
      i -= 2;
    }
    before = before.slice(0, i + 1);
  }

  const inBlock = segStart > 0 || openSetBlock(doc, index >= 0 ? index : doc.script.statements.filter((st) => st.end < offset).length);
  return { offset, stmt, base, tokens, before, word, qualifier, inString, inComment: inComment(doc, offset, stmt), inBlock };
}

/** Does a SQL-client `BEGIN STATEMENT SET;` before statement `index` still wait for its `END;`? */
function openSetBlock(doc: AnalyzedDocument, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const kind = doc.script.statements[i].node?.kind;
    if (kind === 'endStatementSet') return false;
    if (kind === 'beginStatementSet') return true;
  }
  return false;
}

function closed(t: Token): boolean {
  const q = t.text[t.text.length - 1];
  return t.text.length >= 2 && (q === "'" || q === '"');
}

function isDot(t: Token): boolean {
  return t.type === 'op' && t.text === '.';
}

export function isIdentToken(t: Token | undefined): boolean {
  return !!t && (t.type === 'word' || t.type === 'quoted' || t.type === 'dquoted');
}

export function identValue(t: Token): string {
  return t.type === 'word' ? t.text : t.value ?? t.text;
}

function inComment(doc: AnalyzedDocument, offset: number, stmt: ParsedStatement | undefined): boolean {
  // Between statements, a comment may have started anywhere after the previous statement.
  const prev = stmt ? undefined : doc.script.statements.filter((s) => s.end < offset).pop();
  const from = stmt ? stmt.start : prev ? prev.end : 0;
  const scan = scanText(doc.text, from, offset);
  if (scan.lineComments.some((c) => c.start < offset && offset <= c.end)) return true;
  return scan.blockComments.some((c) => c.start < offset
    && (c.end > offset || (c.end === offset && !doc.text.slice(c.start + 2, offset).endsWith('*/'))));
}
