// The parser's cursor: token access, keyword/operator matching that records what was expected
// (for Flink-style "Encountered X ... Was expecting one of" errors), node spans, and the nesting guard.
import type { Identifier, QualifiedName, StatementNode, SyntaxDiagnostic } from './index';
import type { StringLit } from './ast';
import type { Token } from './tokens';
import { DEFAULT_FLINK_VERSION, featureHint, hasFeature, reservedWords, type FeatureId, type FlinkVersion } from './versions';

/** Thrown inside the parser to abandon the statement; always caught by parseStatementText. */
export class ParseError extends Error {
  constructor(readonly diagnostic?: SyntaxDiagnostic) {
    super(diagnostic?.message ?? 'syntax error');
  }
}

const MAX_DEPTH = 150;

// Quoted expectation labels are memoised: the parser notes thousands of failed keyword checks per statement.
const labels = new Map<string, string>();
function q(word: string): string {
  let l = labels.get(word);
  if (l === undefined) {
    l = `"${word}"`;
    labels.set(word, l);
  }
  return l;
}
const MAX_EXPECTED_SHOWN = 6;

export class Parser {
  pos = 0;
  /** Set while parsing computed columns and watermarks, where Flink rejects subqueries. */
  noQuery = false;
  /** The statement node being built, kept so a statement that fails half-way still yields a partial tree. */
  partial?: StatementNode;
  private depth = 0;
  /** Furthest token index at which something was expected, and what. */
  private farPos = -1;
  private readonly expected: string[] = [];

  private readonly reserved: ReadonlySet<string>;

  constructor(readonly tokens: Token[], readonly text: string, readonly version: FlinkVersion = DEFAULT_FLINK_VERSION) {
    this.reserved = reservedWords(version);
  }

  /**
   * Where syntax that not every version has starts: in a version without it, the statement fails here as
   * that version's parser does ("Encountered …"), with a hint naming the version that has it.
   */
  requireFeature(id: FeatureId, at: Token = this.tok): void {
    if (hasFeature(this.version, id)) return;
    const { line, column } = this.lineCol(at.start);
    const what = at.type === 'eof' ? '<EOF>' : at.text;
    throw new ParseError({
      start: at.start, end: at.type === 'eof' ? at.start : at.end, code: 'flink-version', severity: 'error',
      message: `Encountered "${what}" at line ${line}, column ${column}. ${featureHint(this.version, id)}`,
    });
  }
  /** True when this version has the feature (for syntax whose absence is a different parse, not an error). */
  has(id: FeatureId): boolean {
    return hasFeature(this.version, id);
  }

  get tok(): Token {
    return this.tokens[this.pos];
  }
  la(k = 1): Token {
    const i = this.pos + k;
    return this.tokens[i < this.tokens.length ? i : this.tokens.length - 1];
  }
  /** Offset where the previous token ended (end of the node being built). */
  get lastEnd(): number {
    return this.pos > 0 ? this.tokens[this.pos - 1].end : 0;
  }
  advance(): Token {
    const t = this.tokens[this.pos];
    if (t.type !== 'eof') this.pos++;
    return t;
  }
  atEof(): boolean {
    return this.tok.type === 'eof';
  }

  // ---- expectations ----
  note(label: string, at = this.pos): void {
    if (at > this.farPos) {
      this.farPos = at;
      this.expected.length = 0;
      this.expected.push(label);
    } else if (at === this.farPos && !this.expected.includes(label)) {
      this.expected.push(label);
    }
  }

  // ---- keywords ----
  /** Pure lookahead, records nothing. */
  isKw(word: string, k = 0): boolean {
    const t = k === 0 ? this.tok : this.la(k);
    return t.type === 'word' && t.upper === word;
  }
  isOp(op: string, k = 0): boolean {
    const t = k === 0 ? this.tok : this.la(k);
    return t.type === 'op' && t.text === op;
  }
  /** Lookahead that records the keyword as expected when absent. */
  peekKw(word: string): boolean {
    if (this.isKw(word)) return true;
    this.note(q(word));
    return false;
  }
  peekOp(op: string): boolean {
    if (this.isOp(op)) return true;
    this.note(q(op));
    return false;
  }
  acceptKw(word: string): Token | undefined {
    if (this.isKw(word)) return this.advance();
    this.note(q(word));
    return undefined;
  }
  /** Accepts a keyword sequence only when all words are present. */
  acceptKws(...words: string[]): boolean {
    for (let k = 0; k < words.length; k++) {
      if (!this.isKw(words[k], k)) {
        this.note(q(words[k]), this.pos + k);
        return false;
      }
    }
    for (let k = 0; k < words.length; k++) this.advance();
    return true;
  }
  expectKw(word: string): Token {
    const t = this.acceptKw(word);
    if (!t) this.fail();
    return t;
  }
  expectKws(...words: string[]): void {
    for (const w of words) this.expectKw(w);
  }
  /** Accepts one of several keywords, returning the upper-case word. */
  acceptOneOf(...words: string[]): string | undefined {
    for (const w of words) if (this.isKw(w)) { this.advance(); return w; }
    for (const w of words) this.note(q(w));
    return undefined;
  }
  expectOneOf(...words: string[]): string {
    const w = this.acceptOneOf(...words);
    if (w === undefined) this.fail();
    return w;
  }
  acceptOp(op: string): Token | undefined {
    if (this.isOp(op)) return this.advance();
    this.note(q(op));
    return undefined;
  }
  expectOp(op: string): Token {
    const t = this.acceptOp(op);
    if (!t) this.fail();
    return t;
  }
  expectEof(): void {
    if (!this.atEof()) {
      this.note('<EOF>');
      this.fail();
    }
  }

  // ---- identifiers and literals ----
  /** Can the token at k start an identifier (unreserved word or quoted)? */
  isIdent(k = 0): boolean {
    const t = k === 0 ? this.tok : this.la(k);
    return (t.type === 'word' && !this.reserved.has(t.upper)) || t.type === 'quoted';
  }
  acceptIdent(): Identifier | undefined {
    const t = this.tok;
    if (this.isIdent()) {
      this.advance();
      const quoted = t.type !== 'word';
      return { start: t.start, end: t.end, value: quoted ? t.value ?? '' : t.text, quoted };
    }
    this.note('<IDENTIFIER>');
    this.note('<QUOTED_IDENTIFIER>');
    return undefined;
  }
  ident(): Identifier {
    const id = this.acceptIdent();
    if (!id) this.fail();
    return id;
  }
  /** Calcite's SimpleIdentifier where a name must be one part (a catalog's): a following `.` is then an error. */
  simpleName(): QualifiedName {
    const id = this.ident();
    return { start: id.start, end: id.end, parts: [id] };
  }
  /** a.b.c — and, like Calcite's CompoundIdentifier, a trailing `.*` unless `allowStar` is false. */
  qualifiedName(allowStar = true): QualifiedName {
    const parts = [this.ident()];
    while (this.isOp('.')) {
      this.advance();
      if (allowStar && this.isOp('*')) {
        const s = this.advance();
        parts.push({ start: s.start, end: s.end, value: '*', quoted: false });
        break;
      }
      parts.push(this.ident());
    }
    this.note('"."');
    return { start: parts[0].start, end: parts[parts.length - 1].end, parts };
  }
  /** (a, b, c) */
  identList(): Identifier[] {
    this.expectOp('(');
    const ids = [this.ident()];
    while (this.acceptOp(',')) ids.push(this.ident());
    this.expectOp(')');
    return ids;
  }
  isString(k = 0): boolean {
    const t = k === 0 ? this.tok : this.la(k);
    return t.type === 'string' || t.type === 'ustring';
  }
  acceptString(): StringLit | undefined {
    const t = this.tok;
    if (this.isString()) {
      this.advance();
      let value = t.value ?? '';
      // Calcite continues a literal with further '...' fragments: 'abc' 'def'
      while (this.tok.type === 'string' && this.tok.text.charCodeAt(0) === 39) value += this.advance().value ?? '';
      if (t.type === 'ustring' && this.isKw('UESCAPE') && this.la(1).type === 'string') {
        this.advance();
        this.advance();
      }
      return { kind: 'string', start: t.start, end: this.lastEnd, value };
    }
    this.note('<QUOTED_STRING>');
    return undefined;
  }
  /** A single quoted-string token, without Calcite's literal continuation (Flink's `<QUOTED_STRING>` positions). */
  rawString(): StringLit {
    const t = this.tok;
    if (t.type === 'string' && t.text.charCodeAt(0) === 39) {
      this.advance();
      return { kind: 'string', start: t.start, end: t.end, value: t.value ?? '' };
    }
    this.note('<QUOTED_STRING>');
    this.fail();
  }
  stringLit(): StringLit {
    const s = this.acceptString();
    if (!s) this.fail();
    return s;
  }
  unsignedInt(): number {
    const t = this.tok;
    if (t.type === 'number' && /^\d+$/.test(t.text)) {
      this.advance();
      return Number(t.text);
    }
    this.note('<UNSIGNED_INTEGER_LITERAL>');
    this.fail();
  }

  // ---- structure ----
  enter(): void {
    if (++this.depth > MAX_DEPTH) {
      this.error('Statement is nested too deeply to analyse.', this.tok.start, this.tok.end, 'too-deep');
    }
  }
  leave(): void {
    this.depth--;
  }

  /**
   * The first syntax error, when the parser resynchronised after it and went on building the tree
   * (so completion still sees e.g. the FROM clause after a broken select item). Always reported.
   */
  recovered?: SyntaxDiagnostic;

  /**
   * Runs `fn`; on a syntax error, remembers the first one and skips from `startPos` to the next token at
   * bracket depth 0 (at or after the failure) for which `stop` holds. Returns undefined after recovery.
   */
  recover<T>(fn: () => T, stop: (p: Parser) => boolean): T | undefined {
    const startPos = this.pos;
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof ParseError) || !e.diagnostic || e.diagnostic.code === 'too-deep') throw e;
      this.recovered ??= e.diagnostic;
      const failAt = Math.max(this.pos, this.farPos);
      this.pos = startPos;
      let depth = 0;
      while (!this.atEof()) {
        const t = this.tok;
        if (depth === 0 && this.pos >= failAt && stop(this)) break;
        if (t.type === 'op' && (t.text === '(' || t.text === '[')) depth++;
        else if (t.type === 'op' && (t.text === ')' || t.text === ']')) {
          if (depth === 0) break;
          depth--;
        }
        this.advance();
      }
      return undefined;
    }
  }

  /** Non-fatal findings (warnings), collected alongside the tree. */
  readonly warnings: SyntaxDiagnostic[] = [];
  warn(message: string, start: number, end: number, code = 'syntax-warning'): void {
    this.warnings.push({ start, end, message, code, severity: 'warning' });
  }

  /** Abandon with the Flink-style "Encountered ... Was expecting" error at the furthest failure. */
  fail(): never {
    const at = Math.max(this.farPos, this.pos);
    const t = this.tokens[Math.min(at, this.tokens.length - 1)];
    const exp = at === this.farPos ? this.expected : [];
    throw new ParseError(this.encountered(t, exp));
  }
  /** Abandon with a custom message (Flink's semantic parse errors). */
  error(message: string, start: number, end: number, code = 'syntax'): never {
    throw new ParseError({ start, end, message, code, severity: 'error' });
  }

  lineCol(offset: number): { line: number; column: number } {
    let line = 1;
    let lineStart = 0;
    for (let i = this.text.indexOf('\n'); i >= 0 && i < offset; i = this.text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    return { line, column: offset - lineStart + 1 };
  }

  private encountered(t: Token, expected: string[]): SyntaxDiagnostic {
    const { line, column } = this.lineCol(t.start);
    const what = t.type === 'eof' ? '<EOF>' : t.text.length > 40 ? t.text.slice(0, 40) + '…' : t.text;
    let message = `Encountered "${what}" at line ${line}, column ${column}.`;
    if (expected.length) {
      const shown = expected.slice(0, MAX_EXPECTED_SHOWN).join(', ');
      const more = expected.length > MAX_EXPECTED_SHOWN ? `, … (${expected.length - MAX_EXPECTED_SHOWN} more)` : '';
      message += expected.length === 1 ? ` Was expecting: ${shown}` : ` Was expecting one of: ${shown}${more}`;
    }
    const end = t.type === 'eof' ? t.start : t.end;
    return { start: t.start, end, message, code: 'syntax', severity: 'error' };
  }
}
