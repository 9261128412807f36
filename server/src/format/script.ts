// Formats a whole script: each statement the parser accepts is laid out and checked (its re-lexed output
// must hold the same tokens and comments); a statement that does not parse, or fails the check, is kept
// byte for byte and reported. Statements are joined with one blank line, `;` right after the code, and a
// comment that sat after a `;` on its line stays there.
import { parseScript, tokenize, type ParsedStatement, type Token } from '../parser';
import { installClauses, statement } from './clauses';
import { printDoc, type Doc } from './doc';
import { Layout } from './layout';
import { resolveFormatOptions, type FormatOptions } from './options';
import { tokenStream, type Comment } from './tokenStream';
import { treeFacts } from './treeFacts';

export interface SkippedStatement {
  /** Offsets into the input. */
  start: number;
  end: number;
  /** 1-based line of the statement's first character. */
  line: number;
  reason: string;
}

/** One statement with its `;` and same-line comments: where it was and where it is in the output. */
export interface FormattedUnit {
  origStart: number;
  origEnd: number;
  outStart: number;
  outEnd: number;
}

export interface FormatResult {
  text: string;
  skipped: SkippedStatement[];
  units: FormattedUnit[];
}

/** Statements Flink takes before its SQL parser (SET key = value unquoted, HELP …): spacing matters there. */
const isExtended = (st: ParsedStatement) => st.node?.extended === true || st.node?.kind === 'clientCommand';

export function formatScript(text: string, options?: Partial<FormatOptions>): FormatResult {
  const o = resolveFormatOptions(options);
  const { statements, diagnostics } = parseScript(text);
  // the script's diagnostics give lines and columns in the script (a statement's own count from its start)
  const firstError = (st: ParsedStatement) => diagnostics.find((d) => d.severity === 'error' && d.start >= st.start && d.start <= st.end);
  const skipped: SkippedStatement[] = [];
  const units: FormattedUnit[] = [];
  let out = '';
  let inSet = false;
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  const unitIndent = () => (inSet ? (o.useTabs ? '\t' : ' '.repeat(o.indentWidth)) : '');

  // The text before the first statement only holds `;` and comments (statements start at their first comment).
  out = gapText(text, 0, statements[0]?.start ?? text.length, '', false);
  let carry = false;
  for (let i = 0; i < statements.length; i++) {
    const st = statements[i];
    const gapEnd = statements[i + 1]?.start ?? text.length;
    const gap = gapTokens(text, st.end, gapEnd);
    const semi = gap.findIndex((t) => t.type === 'op' && t.text === ';');
    const kind = st.node?.kind ?? '';
    if (kind === 'endStatementSet') inSet = false;

    const errors = st.diagnostics.filter((d) => d.severity === 'error');
    let body: string | undefined;
    let moved: Comment[] = [];
    let carried: Comment[] = [];
    let endsInLineComment = false;
    if (errors.length) {
      skipped.push({ start: st.start, end: st.end, line: lineOf(st.start), reason: (firstError(st) ?? errors[0]).message });
    } else if (!isExtended(st)) {
      const r = formatStatement(st, o, inSet, carry);
      if ('error' in r) skipped.push({ start: st.start, end: st.end, line: lineOf(st.start), reason: r.error });
      else ({ body, moved, carried, endsInLineComment } = r);
    }
    const origStart = st.start + (carried.length ? carriedEnd(st.text, carried) : 0);
    const verbatim = body === undefined;
    if (body === undefined) {
      body = st.text;
      const last = tokenize(st.text, { comments: true }).tokens.at(-2);
      endsInLineComment = last?.type === 'comment' && !last.text.startsWith('/*');
    }
    // previous unit's same-line comments carried over from this statement's text
    if (carried.length && units.length) {
      out += carried.map((c) => ` ${c.text}`).join('');
      units[units.length - 1].outEnd = out.length;
      units[units.length - 1].origEnd = st.start + carriedEnd(st.text, carried);
    }
    if (out) out += i > 0 && (kind === 'endStatementSet' || statements[i - 1].node?.kind === 'beginStatementSet') ? '\n' : '\n\n';
    const indentStr = verbatim ? '' : unitIndent();
    out += indentStr;
    const outStart = out.length;
    out += body;
    let origEnd = st.end;
    // same-line comments before the `;` go after it (unless a line comment must end the line first)
    let tail = moved.map((c) => ` ${c.text}`).join('');
    let afterSemi = semi;
    if (semi >= 0) {
      out += endsInLineComment ? `\n${indentStr};` : ';';
      origEnd = st.end + gap[semi].end;
      // further comments on the `;`'s line stay on it
      let k = semi + 1;
      while (k < gap.length && gap[k].type === 'comment' && !/[\r\n]/.test(text.slice(st.end + gap[k - 1].end, st.end + gap[k].start))) {
        tail += ` ${gap[k].text.replace(/[ \t\f]+$/, '')}`;
        origEnd = st.end + gap[k].end;
        k++;
      }
      afterSemi = k - 1;
    }
    out += tail;
    units.push({ origStart, origEnd, outStart, outEnd: out.length });
    if (kind === 'beginStatementSet') inSet = true;
    // what else the gap holds: own-line comments (a file's closing comments), stray `;`
    out += gapText(text, st.end, gapEnd, unitIndent(), true, gap.slice(afterSemi + 1));
    // the next statement starts on this `;`'s line: its leading same-line comments belong here
    carry = semi >= 0 && !/[\r\n]/.test(text.slice(st.end + gap[gap.length - 1].end, gapEnd)) && gap.length === afterSemi + 1;
  }
  return { text: out.length ? `${out.replace(/[ \t]+$/, '')}\n` : '', skipped, units };
}

/** The tokens (`;`, comments) between two statements; most gaps are a lone `;`. */
function gapTokens(text: string, from: number, to: number): Token[] {
  let s = from;
  while (s < to && isBlank(text.charCodeAt(s))) s++;
  if (s < to && text[s] === ';') {
    let e = s + 1;
    while (e < to && isBlank(text.charCodeAt(e))) e++;
    if (e === to) return [{ type: 'op', start: s - from, end: s - from + 1, text: ';', upper: ';' }];
  }
  return tokenize(text.slice(from, to), { comments: true }).tokens.filter((t) => t.type !== 'eof');
}

const isBlank = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 12;

function trimBlank(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isBlank(s.charCodeAt(a))) a++;
  while (b > a && isBlank(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

function carriedEnd(stmtText: string, carried: Comment[]): number {
  const last = carried[carried.length - 1];
  return last.start + last.text.length + (stmtText.slice(last.start + last.text.length).length - stmtText.slice(last.start + last.text.length).trimStart().length);
}

/** Comments and `;` between statements, each comment on its own line. */
function gapText(text: string, from: number, to: number, indentStr: string, afterUnit: boolean, tokens?: Token[]): string {
  const toks = tokens ?? tokenize(text.slice(from, to), { comments: true }).tokens.filter((t) => t.type !== 'eof');
  let s = '';
  let prevEnd = 0;
  let lastLine = false;
  for (const t of toks) {
    if (t.type === 'comment') {
      const blank = /\n[ \t\r\f]*\n/.test(text.slice(from + prevEnd, from + t.start));
      if (s || afterUnit) s += blank ? '\n\n' : '\n';
      s += indentStr + t.text.replace(/[ \t\f]+$/, '');
      lastLine = !t.text.startsWith('/*');
    } else {
      s += lastLine ? `\n${indentStr}${t.text}` : t.text;
      lastLine = false;
    }
    prevEnd = t.end;
  }
  return s;
}

interface StatementOutput {
  body: string;
  /** Same-line comments after the last code: printed after the `;`. */
  moved: Comment[];
  /** Comments on the previous statement's `;` line. */
  carried: Comment[];
  endsInLineComment: boolean;
}

function formatStatement(st: ParsedStatement, o: FormatOptions, inSet: boolean, carry: boolean): StatementOutput | { error: string } {
  try {
    const facts = treeFacts(st.node);
    const stream = tokenStream(st.text, facts, o.keywordCase, carry);
    const tk = stream.tokens;
    const eof = tk[tk.length - 1];
    const last = tk[tk.length - 2];
    let moved: Comment[] = [];
    if (last && !eof.leading.length) {
      moved = last.trailing;
      last.trailing = [];
    }
    const L = new Layout(tk, o, facts);
    installClauses(L, st.node?.kind ?? '');
    const doc: Doc = [statement(L, 0, tk.length - 1, st.node?.kind ?? ''), L.emit(tk.length - 1)];
    const printed = printDoc(doc, { lineWidth: o.lineWidth, indentWidth: o.indentWidth, useTabs: o.useTabs, baseLevel: inSet ? 1 : 0 });
    const body = trimBlank(printed);
    const skip = new Set([...stream.carried, ...moved]);
    const actual = tokenize(body, { comments: true }).tokens;
    const check = sameTokens(stream.tokens, skip.size ? stream.comments.filter((c) => !skip.has(c)) : stream.comments, actual);
    if (check) return { error: `formatter safety check failed (${check}); the statement was left as it is` };
    const after = actual.at(-2);
    return { body, moved, carried: stream.carried, endsInLineComment: after?.type === 'comment' && !after.text.startsWith('/*') };
  } catch (e) {
    return { error: `formatter error (${String((e as Error)?.message ?? e)}); the statement was left as it is` };
  }
}

/** Whether `actual` (the output's tokens) are the expected code tokens and comments, in order; the first difference. */
function sameTokens(code: Token[], comments: Comment[], actual: Token[]): string | undefined {
  let c = 0;
  let m = 0;
  for (let k = 0; ; k++) {
    const a = actual[k];
    // the next expected item: code token or comment, whichever comes first in the source
    const nextCode = code[c]?.type === 'eof' ? undefined : code[c];
    const comment = comments[m];
    const useComment = comment !== undefined && (nextCode === undefined || comment.start < nextCode.start);
    if (!useComment && nextCode === undefined) return a === undefined || a.type === 'eof' ? undefined : `unexpected ${JSON.stringify(a.text)}`;
    if (a === undefined || a.type === 'eof') return 'output ends early';
    if (useComment) {
      m++;
      if (a.type !== 'comment' || a.text.replace(/[ \t\f]+$/, '') !== comment.text) return `comment ${JSON.stringify(comment.text)} became ${JSON.stringify(a.text)}`;
    } else {
      c++;
      if (a.type !== nextCode!.type || (a.type === 'word' ? a.upper !== nextCode!.upper : a.text !== nextCode!.text)) return `${JSON.stringify(nextCode!.text)} became ${JSON.stringify(a.text)}`;
    }
  }
}
