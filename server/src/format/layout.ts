// The layout engine's core: turns a run of one statement's tokens into a Doc — spacing between tokens,
// parentheses (subqueries, WITH options, argument and column lists, window specs, MATCH_RECOGNIZE),
// CASE, and conditions broken before AND / OR. Clause structure lives in clauses.ts. Every code token
// and every comment is emitted exactly once, in order; script.ts re-lexes the output to make sure.
import { RESERVED } from '../parser';
import { group, HARD, indent, join, lead, LINE, lineOr, SOFTLINE, SP, trail, type Doc } from './doc';
import type { FormatOptions } from './options';
import type { CodeToken } from './tokenStream';
import type { TreeFacts } from './treeFacts';

const QUERY_WORDS = new Set(['SELECT', 'VALUES', 'WITH']);
const MR_CLAUSES = new Set(['PARTITION', 'ORDER', 'MEASURES', 'ONE', 'ALL', 'AFTER', 'PATTERN', 'SUBSET', 'DEFINE']);
const MR_LISTS = new Set(['MEASURES', 'DEFINE', 'SUBSET']);

export class Layout {
  /** Index of the matching bracket for `(`, `[`, `)`, `]`, hint start / end; -1 when unmatched. */
  readonly match: Int32Array;
  private readonly inHint: Uint8Array;
  private readonly glueParen: Uint8Array;
  private readonly angle: Uint8Array;
  private readonly unary: Uint8Array;
  private readonly caseEnds = new Map<number, number>();
  /** Lays out a query; set by clauses.ts (queries nest inside parentheses). */
  query: (from: number, to: number) => Doc = (from, to) => this.inline(from, to);

  constructor(readonly tk: CodeToken[], readonly o: FormatOptions, info: TreeFacts) {
    const n = tk.length;
    this.match = new Int32Array(n).fill(-1);
    this.inHint = new Uint8Array(n);
    this.glueParen = new Uint8Array(n);
    this.angle = new Uint8Array(n);
    this.unary = new Uint8Array(n);
    const starts = new Map<number, number>();
    if (info.typeSpans.length) tk.forEach((t, j) => starts.set(t.start, j));
    for (const span of info.typeSpans) {
      for (let j = starts.get(span.start) ?? n; j < n && tk[j].start < span.end; j++) {
        if (tk[j].type === 'op' && (tk[j].text === '<' || tk[j].text === '>')) this.angle[j] = 1;
      }
    }
    const open: number[] = [];
    let hint = -1;
    for (let j = 0; j < n; j++) {
      const t = tk[j];
      if (hint >= 0) this.inHint[j] = 1;
      if (t.type === 'hintStart') { if (hint < 0) hint = j; continue; }
      if (t.type === 'hintEnd' && hint >= 0) { this.match[hint] = j; this.match[j] = hint; hint = -1; continue; }
      if (t.type !== 'op') continue;
      const text = this.angle[j] ? (t.text === '<' ? '(<' : '>)') : t.text;
      if (text === '(' || text === '[' || text === '(<') open.push(j);
      else if (text === ')' || text === ']' || text === '>)') {
        const want = text === ')' ? '(' : text === ']' ? '[' : '<';
        if (open.length && tk[open[open.length - 1]].text === want) {
          const k = open.pop()!;
          this.match[k] = j;
          this.match[j] = k;
        }
      }
    }
    for (let j = 1; j < n; j++) {
      const t = tk[j];
      const prev = tk[j - 1];
      if ((t.text === '-' || t.text === '+') && t.type === 'op' && (info.unaryStarts.has(t.start) || this.isWord(j - 1, 'INTERVAL'))) this.unary[j] = 1;
      if (t.type !== 'op' || t.text !== '(' || (prev.type !== 'word' && prev.type !== 'quoted' && prev.type !== 'dquoted')) continue;
      let s = j - 1;
      while (s >= 2 && tk[s - 1].text === '.' && tk[s - 1].type === 'op' && tk[s - 2].type !== 'op') s -= 2;
      // the tree's calls and types; elsewhere (parts the tree does not keep) a name the source glued stays glued
      const glued = prev.end === t.start && !(prev.type === 'word' && RESERVED.has(prev.upper));
      if (this.inHint[j] || glued || info.callStarts.has(tk[s].start) || info.typeStarts.has(prev.start) || this.isWord(j - 1, 'TABLE')) this.glueParen[j] = 1;
    }
  }

  isWord(j: number, w1: string, ...more: string[]): boolean {
    const t = this.tk[j];
    return t !== undefined && t.type === 'word' && (t.upper === w1 || (more.length > 0 && more.includes(t.upper)));
  }

  isAnyWord(j: number, words: ReadonlySet<string>): boolean {
    const t = this.tk[j];
    return t !== undefined && t.type === 'word' && words.has(t.upper);
  }

  isOp(j: number, op: string): boolean {
    const t = this.tk[j];
    return t !== undefined && t.type === 'op' && t.text === op;
  }

  /** The index of the END closing the CASE at `j`, or -1. */
  caseEnd(j: number): number {
    let e = this.caseEnds.get(j);
    if (e !== undefined) return e;
    e = -1;
    let depth = 0;
    for (let k = j; k < this.tk.length; k = this.skip(k, true)) {
      if (this.isWord(k, 'CASE')) depth++;
      else if (this.isWord(k, 'END') && --depth === 0) { e = k; break; }
      else if (this.isOp(k, ')') || this.isOp(k, ']') || this.isOp(k, ';')) break;
    }
    this.caseEnds.set(j, e);
    return e;
  }

  /** The index after the bracketed group, hint or (unless `noCase`) CASE … END starting at `j`. */
  skip(j: number, noCase = false): number {
    const t = this.tk[j];
    if ((t.type === 'op' && (t.text === '(' || t.text === '[' || (this.angle[j] && t.text === '<'))) || t.type === 'hintStart') {
      return this.match[j] > j ? this.match[j] + 1 : j + 1;
    }
    if (!noCase && t.type === 'word' && t.upper === 'CASE') {
      const e = this.caseEnd(j);
      return e > j ? e + 1 : j + 1;
    }
    return j + 1;
  }

  /** Indices in [from, to) at this nesting level (brackets and CASE … END skipped over). */
  level(from: number, to: number): number[] {
    const out: number[] = [];
    for (let j = from; j < to; j = Math.min(this.skip(j), to)) out.push(j);
    return out;
  }

  /** Splits [from, to) on this level's commas: item ranges and the comma between each pair. */
  items(from: number, to: number): { ranges: [number, number][]; commas: number[] } {
    const ranges: [number, number][] = [];
    const commas: number[] = [];
    let s = from;
    for (const j of this.level(from, to)) {
      if (this.isOp(j, ',')) {
        ranges.push([s, j]);
        commas.push(j);
        s = j + 1;
      }
    }
    if (s < to || commas.length) ranges.push([s, to]);
    return { ranges, commas };
  }

  /** One token with its comments. */
  emit(j: number): Doc {
    const t = this.tk[j];
    if (!t.leading.length && !t.trailing.length) return t.out;
    return [this.leading(j), this.rest(j)];
  }

  /** The own-line comments before token j. */
  leading(j: number): Doc {
    const t = this.tk[j];
    if (!t.leading.length) return '';
    const d: Doc[] = [];
    for (const c of t.leading) d.push(HARD, c.text, c.line || c.newlineAfter ? HARD : SP);
    return lead(d);
  }

  /** Token j and its same-line comments (without the comments before it). */
  rest(j: number): Doc {
    const t = this.tk[j];
    if (!t.trailing.length) return t.out;
    const d: Doc[] = [];
    for (const c of t.trailing) {
      d.push(SP, c.text);
      if (c.line) d.push(HARD);
    }
    return [t.out, trail(d)];
  }

  /** The space between two adjacent code tokens: '' (glued) or SP. */
  gap(a: number, b: number): Doc {
    const A = this.tk[a];
    const B = this.tk[b];
    const aOp = A.type === 'op' ? A.text : '';
    const bOp = B.type === 'op' ? B.text : '';
    if (bOp === ',' || bOp === ';' || bOp === ')' || bOp === ']') return '';
    if (aOp === '(' || aOp === '[') return '';
    if (aOp === '.' || bOp === '.') return '';
    if (bOp === '(') return this.glueParen[b] ? '' : SP;
    if (bOp === '[') return A.type === 'word' || A.type === 'quoted' || A.type === 'dquoted' || aOp === ')' || aOp === ']' ? '' : SP;
    if (this.angle[a] && aOp === '<') return '';
    if (this.angle[b]) return '';
    if (this.unary[a] && B.type !== 'op') return '';
    return SP;
  }

  /**
   * Tokens of [from, to) on one line where they fit; brackets and CASE get their own layouts.
   * `breakBefore(j)`: start a new line before the token at j (this level only).
   */
  inline(from: number, to: number, breakBefore?: (j: number) => boolean): Doc {
    const d: Doc[] = [];
    let prev = -1;
    for (let j = from; j < to;) {
      if (prev >= 0) d.push(breakBefore?.(j) ? HARD : this.gap(prev, j));
      const t = this.tk[j];
      const close = this.match[j];
      if (t.type === 'op' && t.text === '(' && close > j && close < to) {
        d.push(this.paren(j));
        prev = close;
        j = close + 1;
        continue;
      }
      if (t.type === 'word' && t.upper === 'CASE') {
        const end = this.caseEnd(j);
        if (end > j && end < to) {
          d.push(this.caseDoc(j, end));
          prev = end;
          j = end + 1;
          continue;
        }
      }
      d.push(this.emit(j));
      prev = j;
      j++;
    }
    return d;
  }

  /** Tokens spaced as they were: a space where the source had blanks, none where it had none. */
  asWritten(from: number, to: number): Doc {
    const d: Doc[] = [];
    for (let j = from; j < to; j++) {
      if (j > from && this.tk[j].start > this.tk[j - 1].end) d.push(SP);
      d.push(this.emit(j));
    }
    return d;
  }

  /** A condition: broken before this level's AND / OR when it does not fit (not BETWEEN's AND). */
  condition(from: number, to: number): Doc {
    const cuts: number[] = [];
    let between = 0;
    for (const j of this.level(from, to)) {
      if (this.isWord(j, 'BETWEEN')) between++;
      else if (this.isWord(j, 'AND') && between > 0) between--;
      else if (j > from && this.isWord(j, 'AND', 'OR')) cuts.push(j);
    }
    if (!cuts.length) return this.inline(from, to);
    const bounds = [from, ...cuts, to];
    const parts: Doc[] = [];
    for (let k = 1; k < bounds.length - 1; k++) parts.push(LINE, this.inline(bounds[k], bounds[k + 1]));
    return group([this.inline(from, cuts[0]), indent(parts)]);
  }

  caseDoc(j: number, end: number): Doc {
    const cuts = this.level(j + 1, end).filter((k) => this.isWord(k, 'WHEN', 'ELSE'));
    const first = cuts[0] ?? end;
    const d: Doc[] = [this.emit(j)];
    if (first > j + 1) d.push(SP, this.inline(j + 1, first));
    const parts: Doc[] = [];
    cuts.forEach((c, k) => parts.push(LINE, this.inline(c, cuts[k + 1] ?? end)));
    d.push(indent(parts), LINE, this.emit(end));
    return group(d);
  }

  /** Whether a `--` comment ends the line after token j (nothing may follow it there). */
  endsInLineComment(j: number): boolean {
    return this.tk[j]?.trailing.some((c) => c.line) ?? false;
  }

  /**
   * A list's items with their commas: trailing (`a,` ⏎ `b`) or leading (`a` ⏎ `, b`). Comments never move past a
   * comma, so a comma after an item's `-- comment` leads the next item, and one with its own `-- comment` trails.
   */
  separated(ranges: [number, number][], commas: number[], item: (r: [number, number], k: number) => Doc, brk: Doc): Doc[] {
    const d: Doc[] = [];
    ranges.forEach((r, k) => {
      if (k > 0) {
        const comma = commas[k - 1];
        const leading = this.endsInLineComment(comma) ? false : this.o.commaPosition === 'leading' || this.endsInLineComment(comma - 1);
        if (leading) d.push(brk === LINE ? lineOr('') : brk, this.emit(comma), SP);
        else d.push(this.emit(comma), brk);
      }
      d.push(item(r, k));
    });
    return d;
  }

  isQueryStart(j: number): boolean {
    while (this.isOp(j, '(')) j++;
    const t = this.tk[j];
    return t !== undefined && t.type === 'word' && QUERY_WORDS.has(t.upper) && !(t.upper === 'WITH' && this.isOp(j + 1, '('));
  }

  /** A parenthesised group, both parentheses included. */
  paren(open: number): Doc {
    const close = this.match[open];
    const first = open + 1;
    if (close === first) return [this.emit(open), this.emit(close)];
    if (this.inHint[open]) return [this.emit(open), this.inline(first, close), this.emit(close)];
    if (this.isQueryStart(first)) return [this.emit(open), indent([HARD, this.query(first, close), this.leading(close)]), HARD, this.rest(close)];
    if (this.isWord(open - 1, 'PATTERN')) return [this.emit(open), this.asWritten(first, close), this.emit(close)];
    if (this.isWord(open - 1, 'MATCH_RECOGNIZE')) return this.matchRecognize(open, close);
    const { ranges, commas } = this.items(first, close);
    if (ranges.every(([s, e]) => e - s === 3 && isString(this.tk[s]) && this.isOp(s + 1, '=') && isString(this.tk[s + 2]))) {
      return this.options(open, close, ranges, commas);
    }
    if (this.isWord(first, 'PARTITION', 'ORDER', 'ROWS', 'RANGE')) return this.windowSpec(open, close);
    // a single call (TABLE(TUMBLE(…)), f(g(x))): hug it, the inner call's own parentheses break
    const lastOpen = this.match[close - 1];
    if (ranges.length === 1 && this.isOp(close - 1, ')') && lastOpen > first && this.glueParen[lastOpen] && this.isName(first, lastOpen)) {
      return [this.emit(open), this.inline(first, close), this.emit(close)];
    }
    return group([this.emit(open), indent([SOFTLINE, this.separated(ranges, commas, ([s, e]) => this.condition(s, e), LINE), this.leading(close)]), SOFTLINE, this.rest(close)]);
  }

  /** [from, to) is a (qualified) name: a, a.b, `a`.b … */
  private isName(from: number, to: number): boolean {
    for (let j = from; j < to; j++) {
      const word = this.tk[j].type === 'word' || this.tk[j].type === 'quoted' || this.tk[j].type === 'dquoted';
      if ((j - from) % 2 === 0 ? !word : !this.isOp(j, '.')) return false;
    }
    return (to - from) % 2 === 1;
  }

  /**
   * WITH ('k' = 'v', …): one option per line, `=` aligned. A key's same-line block comments count in its width;
   * after a key's `-- comment` (or before an own-line comment ahead of `=`) the `=` starts the next line, still
   * in the `=` column.
   */
  private options(open: number, close: number, ranges: [number, number][], commas: number[]): Doc {
    const keyWidth = (s: number) => {
      const t = this.tk[s];
      if (this.tk[s + 1].leading.length || t.trailing.some((c) => c.line)) return 'broken';
      if (t.trailing.some((c) => c.text.includes('\n'))) return 'odd';
      return t.trailing.reduce((w, c) => w + 1 + c.text.length, t.out.length);
    };
    const widths = ranges.map(([s]) => keyWidth(s));
    const width = Math.max(0, ...widths.filter((w): w is number => typeof w === 'number'));
    const align = this.o.alignOptionValues;
    const item = ([s]: [number, number], k: number) => {
      const w = widths[k];
      if (w === 'broken') return [this.emit(s), this.leading(s + 1), HARD, align ? ' '.repeat(width + 1) : '', this.rest(s + 1), SP, this.emit(s + 2)];
      const pad = align && w !== 'odd' ? ' '.repeat(width - w) : '';
      return [this.emit(s), `${pad} `, this.emit(s + 1), SP, this.emit(s + 2)];
    };
    return [this.emit(open), indent([HARD, this.separated(ranges, commas, item, HARD), this.leading(close)]), HARD, this.rest(close)];
  }

  /** OVER (PARTITION BY … ORDER BY … ROWS …), WINDOW w AS (…), WITHIN GROUP (ORDER BY …). */
  private windowSpec(open: number, close: number): Doc {
    const cuts = this.level(open + 1, close).filter((j) => j > open + 1 && (this.isWord(j, 'ROWS', 'RANGE') || (this.isWord(j, 'PARTITION', 'ORDER') && this.isWord(j + 1, 'BY'))));
    const bounds = [open + 1, ...cuts, close];
    const parts: Doc[] = [];
    for (let k = 0; k < bounds.length - 1; k++) parts.push(this.inline(bounds[k], bounds[k + 1]));
    return group([this.emit(open), indent([SOFTLINE, join(LINE, parts), this.leading(close)]), SOFTLINE, this.rest(close)]);
  }

  private matchRecognize(open: number, close: number): Doc {
    const cuts = this.level(open + 1, close).filter((j) => this.isAnyWord(j, MR_CLAUSES)
      && !(this.isWord(j, 'PARTITION', 'ORDER') && !this.isWord(j + 1, 'BY'))
      && !(this.isWord(j, 'ALL', 'ONE') && !this.isWord(j + 1, 'ROW', 'ROWS')));
    if (cuts[0] !== open + 1) cuts.unshift(open + 1);
    const parts = cuts.map((c, k) => {
      const end = cuts[k + 1] ?? close;
      if (!this.isAnyWord(c, MR_LISTS)) return this.inline(c, end);
      const { ranges, commas } = this.items(c + 1, end);
      return [this.emit(c), indent([HARD, this.separated(ranges, commas, ([s, e]) => this.condition(s, e), HARD)])];
    });
    return [this.emit(open), indent([HARD, join(HARD, parts), this.leading(close)]), HARD, this.rest(close)];
  }
}

function isString(t: CodeToken): boolean {
  return t.type === 'string' || t.type === 'ustring';
}
