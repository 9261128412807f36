// The formatter's view of one statement: the lexer's code tokens (the parser's, offsets relative to the
// statement) with every comment attached to a neighbour, and each word's output text in the chosen case.
// Comments come from the lexer (tokenize with { comments: true }), never from a scan of our own.
import { NON_RESERVED_KEYWORDS, RESERVED, tokenize, type Token } from '../parser';
import type { KeywordCase } from './options';
import type { TreeFacts } from './treeFacts';

export interface Comment {
  text: string;
  /** A `--` / `//` comment: the line must end after it. */
  line: boolean;
  /** Nothing but blanks between the previous code (or the statement start) and the comment. */
  ownLine: boolean;
  /** A line break follows before the next code. */
  newlineAfter: boolean;
  start: number;
}

export interface CodeToken extends Token {
  /** Own-line comments before the token. */
  leading: Comment[];
  /** Comments after it on the same line. */
  trailing: Comment[];
  /** The text to print: the token, or for a keyword the keyword in the chosen case. */
  out: string;
}

export interface TokenStream {
  /** Code tokens, ending with the `eof` token (whose `leading` holds comments after the last code). */
  tokens: CodeToken[];
  /** Comments that precede all code on the line the previous statement's `;` ended (see script.ts). */
  carried: Comment[];
  /** The comment tokens of the text, in order. */
  comments: Comment[];
}

/** Shared empty comment list (most tokens have none); never pushed to. */
const NONE: Comment[] = [];

const hasNewline = (text: string, from: number, to: number) => {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13) return true;
  return false;
};

/**
 * Lexes one statement with its comments. `carryFirstLine`: the statement starts on the line of the previous
 * statement's `;`, so comments before the first line break belong to that statement.
 */
export function tokenStream(text: string, facts: TreeFacts, keywordCase: KeywordCase, carryFirstLine = false): TokenStream {
  const all = tokenize(text, { comments: true }).tokens;
  const caseOf = casing(facts, keywordCase, all);
  const tokens: CodeToken[] = [];
  const comments: Comment[] = [];
  const carried: Comment[] = [];
  let pending: Comment[] = [];
  let prevEnd = -1;
  let carrying = carryFirstLine;
  for (let k = 0; k < all.length; k++) {
    const t = all[k];
    if (t.type !== 'comment') {
      const ct = t as CodeToken;
      ct.leading = pending.length ? pending : NONE;
      ct.trailing = NONE;
      ct.out = caseOf(t);
      if (pending.length) pending = [];
      carrying = false;
      tokens.push(ct);
      prevEnd = t.end;
      continue;
    }
    const c: Comment = {
      text: t.text.replace(/[ \t\f]+$/, ''),
      line: !t.text.startsWith('/*'),
      ownLine: prevEnd < 0 || hasNewline(text, prevEnd, t.start),
      newlineAfter: !t.text.startsWith('/*') || hasNewline(text, t.end, all[k + 1]?.start ?? text.length) || k + 1 >= all.length - 1,
      start: t.start,
    };
    comments.push(c);
    if (carrying && !hasNewline(text, 0, t.start)) {
      carried.push(c);
    } else if (!c.ownLine && tokens.length) {
      const last = tokens[tokens.length - 1];
      if (last.trailing === NONE) last.trailing = [];
      last.trailing.push(c);
    } else {
      carrying = false;
      pending.push(c);
    }
    prevEnd = t.end;
  }
  // the eof token took the comments after the last code
  return { tokens, carried, comments };
}

// Non-reserved keywords can also be identifiers, and identifiers are case-sensitive in Flink. The tree marks
// the identifiers it keeps, but a few places parse expressions without keeping them (MATCH_RECOGNIZE, the
// WINDOW and QUALIFY clauses): so only these structural words are cased, and never inside those places.
const CASED_NON_RESERVED = new Set(`
  ADD IF MODEL TEMPORARY CONNECTION KEY AFTER COLUMNS CATALOG DESC ASC DATABASE ENFORCED PLAN VIEW REPLACE METADATA
  JAR JARS MAP MINUTES SECONDS HOURS DAYS MONTHS YEARS VIRTUAL COMPILE PARTITIONED ANALYZE COMPUTE STATISTICS ERROR
  EXCLUDING INCLUDING OVERWRITING JOB JOBS PLAN_ADVICE INPUT OUTPUT PARTITIONS REMOVE PRECEDING FOLLOWING UNBOUNDED
  JAVA SCALA PYTHON CHANGELOG_MODE ESTIMATED_COST STOP SETS NULLS FIRST LAST OVERWRITE LOAD UNLOAD
  JSON_EXECUTION_PLAN ZONE PAST RETURNING CASCADE RESTRICT DRAIN OPTIONS WRAPPER ABSENT JSON RESPECT CONSTRAINTS
  GENERATED CONDITIONAL UNCONDITIONAL PLACING TIMESTAMPADD TIMESTAMPDIFF ORDINALITY FINAL OBJECT BERNOULLI
  CATALOGS DATABASES VIEWS FUNCTIONS MODULES COLUMNS PARTITION DISTRIBUTED WATERMARKS DESCRIPTOR
`.trim().split(/\s+/));
const OPAQUE_CLAUSES = new Set(['WINDOW', 'QUALIFY']);
const CLAUSE_ENDS = new Set(['ORDER', 'LIMIT', 'OFFSET', 'FETCH', 'UNION', 'INTERSECT', 'EXCEPT', 'MINUS', 'WINDOW', 'QUALIFY']);

/** Token starts inside MATCH_RECOGNIZE (…) and WINDOW / QUALIFY clauses, where the tree keeps no identifiers. */
function opaqueStarts(tokens: Token[], spans: { start: number; end: number }[]): Set<number> {
  const out = new Set<number>();
  let depth = 0;
  let opaqueDepth = -1;
  for (const t of tokens) {
    if (t.type === 'op' && t.text === '(') depth++;
    else if (t.type === 'op' && t.text === ')') { depth--; if (depth < opaqueDepth) opaqueDepth = -1; }
    else if (t.type === 'word' && depth === opaqueDepth && CLAUSE_ENDS.has(t.upper)) opaqueDepth = -1;
    if (t.type === 'word' && OPAQUE_CLAUSES.has(t.upper) && opaqueDepth < 0) opaqueDepth = depth;
    if (opaqueDepth >= 0 || (spans.length && spans.some((s) => s.start <= t.start && t.start < s.end))) out.add(t.start);
  }
  return out;
}

/** Which words are keywords (cased) and which are identifiers (kept exactly as written), from the tree. */
function casing(facts: TreeFacts, keywordCase: KeywordCase, tokens: Token[]): (t: Token) => string {
  if (keywordCase === 'preserve') return (t) => t.text;
  const apply = keywordCase === 'upper' ? (s: string) => s.toUpperCase() : (s: string) => s.toLowerCase();
  const hidden = opaqueStarts(tokens, facts.opaque);
  return (t) => {
    if (t.type !== 'word') return t.text;
    if (facts.functionNames.has(t.start)) return apply(t.text);
    if (facts.identifiers.has(t.start)) return t.text;
    if (RESERVED.has(t.upper)) return apply(t.text);
    return CASED_NON_RESERVED.has(t.upper) && NON_RESERVED_KEYWORDS.has(t.upper) && !hidden.has(t.start) ? apply(t.text) : t.text;
  };
}
