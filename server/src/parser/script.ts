// parseScript: split into statements, parse each (reusing cached results keyed by statement text, and the
// previous parse's statements away from the edit), and lift statement-relative diagnostics to absolute offsets.
import type { ParsedScript, ParsedStatement, SyntaxDiagnostic } from './index';
import { diffEdit, fitsEdit, type TextEdit } from '../util/textEdit';
import { scanStatements, type StatementRange } from './splitter';
import { parseStatementText } from './statements';
import { DEFAULT_FLINK_VERSION, type FlinkVersion } from './versions';

type CachedStatement = Omit<ParsedStatement, 'start' | 'end'>;

/**
 * Parsed statements keyed by their exact text, so an edit re-parses only the statement it touched (and undo finds
 * the trees again). Bounded by entries and by their total text: a tree takes ~25 bytes of heap per character, and
 * every keystroke in a large statement adds one, so an afternoon of typing must not keep them all.
 */
export class StatementCache {
  private readonly map = new Map<string, CachedStatement>();
  private chars = 0;
  constructor(private readonly maxEntries = 10_000, private readonly maxChars = 2_000_000) {}
  get(text: string): CachedStatement | undefined {
    return this.map.get(text);
  }
  set(text: string, v: CachedStatement): void {
    const old = this.map.get(text);
    if (old) this.chars -= old.text.length;
    this.map.delete(text);
    this.map.set(text, v);
    this.chars += v.text.length;
    // drop the oldest entries (Map iterates in insertion order), never the one just added
    for (const [key, entry] of this.map) {
      if ((this.map.size <= this.maxEntries && this.chars <= this.maxChars) || key === text) break;
      this.map.delete(key);
      this.chars -= entry.text.length;
    }
  }
  get size(): number {
    return this.map.size;
  }
  /** Characters of statement text held. */
  get characters(): number {
    return this.chars;
  }
}

const POSITION_IN_MESSAGE = /at line (\d+), column (\d+)/;
const EOF_MESSAGE = 'Encountered "<EOF>"';

export interface ParseOptions {
  /** The Flink version whose grammar decides (default: the newest, 2.3). */
  flinkVersion?: FlinkVersion;
  /**
   * The script's previous parse (an earlier version of the same document): statements wholly before or after the
   * edit are taken from it, so a keystroke re-splits and re-parses only the statements around the edit.
   */
  previous?: ParsedScript;
  /** The edit from `previous`'s text to this one, when the editor said (else it is found by comparing the two). */
  edit?: TextEdit;
  /** The text's line starts (`\n` breaks only), when the caller has them: the parser then does not index the text again. */
  lineStarts?: readonly number[];
}

/** What a later parse needs to reuse this one: its text, grammar and every statement range with its statement. */
interface ScriptState {
  text: string;
  version: FlinkVersion;
  ranges: StatementRange[];
  /** Per range, its statement (undefined for a range holding only comments). */
  parsed: (ParsedStatement | undefined)[];
}
const states = new WeakMap<ParsedScript, ScriptState>();

export function parseScript(text: string, cache?: StatementCache, options: ParseOptions = {}): ParsedScript {
  const version = options.flinkVersion ?? DEFAULT_FLINK_VERSION;
  // one cache serves every version: another version's tree of the same text is another entry
  const keyOf = (t: string) => (version === DEFAULT_FLINK_VERSION ? t : `${version}\u0000${t}`);
  const previous = options.previous && states.get(options.previous);
  const reuse = previous && previous.version === version ? reusable(previous, text, options.edit) : undefined;
  const state: ScriptState = { text, version, ranges: [], parsed: [] };
  const statements: ParsedStatement[] = [];
  const diagnostics: SyntaxDiagnostic[] = [];
  let lineStarts: readonly number[] | undefined = options.lineStarts;
  const lineOf = (offset: number) => {
    if (!lineStarts) {
      const starts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      lineStarts = starts;
    }
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo] + 1 };
  };
  /**
   * `kept`: a statement before the edit keeps its very object (what is cached by statement object, such as its
   * tokens, stays valid); one after the edit is a new object even when it did not move.
   */
  const add = (range: StatementRange, parsed: CachedStatement | ParsedStatement | undefined, kept = false) => {
    const stmt = kept ? (parsed as ParsedStatement | undefined) : parsed && { text: parsed.text, node: parsed.node, diagnostics: parsed.diagnostics, start: range.start, end: range.end };
    state.ranges.push(range);
    state.parsed.push(stmt);
    if (!stmt) return;
    statements.push(stmt);
    for (const d of stmt.diagnostics) {
      const atEof = d.start === stmt.text.length && d.message.startsWith(EOF_MESSAGE);
      // Flink's parser meets the statement's end on the `;` (sent with the statement by the SQL client),
      // or without one on the text's last character, trailing blanks included (JavaCC's EOF position).
      const eofAt = range.semicolon >= 0 ? range.semicolon : Math.max(range.end - 1, text.length - 1);
      const start = atEof ? eofAt : d.start + range.start;
      const end = atEof ? eofAt + 1 : d.end + range.start;
      let message = atEof && range.semicolon >= 0 ? d.message.replace(EOF_MESSAGE, 'Encountered ";"') : d.message;
      if ((range.start > 0 || atEof) && POSITION_IN_MESSAGE.test(message)) {
        const { line, column } = lineOf(start);
        message = message.replace(POSITION_IN_MESSAGE, `at line ${line}, column ${column}`);
      }
      diagnostics.push({ ...d, start, end, message });
    }
  };
  const parse = (range: StatementRange) => {
    const stmtText = text.slice(range.start, range.end);
    let entry = cache?.get(keyOf(stmtText));
    if (!entry) {
      const r = safeParse(stmtText, version);
      if (!r.empty) {
        entry = { text: stmtText, node: r.node, diagnostics: r.diagnostics };
        cache?.set(keyOf(stmtText), entry);
      }
    }
    add(range, entry);
  };
  if (!reuse) {
    scanStatements(text, 0, (range) => {
      parse(range);
      return true;
    });
  } else {
    for (let k = 0; k < reuse.keep; k++) add(previous!.ranges[k], previous!.parsed[k], true);
    // Re-split from just after the last `;` before the edit until a `;` past it ends a statement the old split
    // ended too: from there on the two texts, and so their splits, are the same (shifted by the edit's length).
    let resumeAt = -1;
    scanStatements(text, reuse.from, (range) => {
      const old = range.semicolon >= reuse.newEnd ? indexOfSemicolon(previous!.ranges, range.semicolon - reuse.delta, reuse.keep) : -1;
      // the same statement text only when the range lies wholly after the edit
      if (old >= 0 && range.start >= reuse.newEnd && previous!.ranges[old].start === range.start - reuse.delta) add(range, previous!.parsed[old]);
      else parse(range);
      if (old < 0) return true;
      resumeAt = old;
      return false;
    });
    for (let k = resumeAt + 1; resumeAt >= 0 && k < previous!.ranges.length; k++) {
      const r = previous!.ranges[k];
      const shift = (x: number) => (x < 0 ? x : x + reuse.delta);
      add({ start: r.start + reuse.delta, end: r.end + reuse.delta, semicolon: shift(r.semicolon) }, previous!.parsed[k]);
    }
  }
  const script = { statements, diagnostics };
  states.set(script, state);
  return script;
}

/**
 * Where the previous parse stays valid for `text`: the ranges ending (with their `;`) before the first changed
 * character are kept; re-splitting starts after the last of those `;`.
 */
function reusable(previous: ScriptState, text: string, given?: TextEdit): { keep: number; from: number; newEnd: number; delta: number } | undefined {
  const old = previous.text;
  if (old === text) return { keep: previous.ranges.length, from: text.length, newEnd: text.length, delta: 0 };
  const edit = given && fitsEdit(given, old, text) ? given : diffEdit(old, text);
  let keep = 0;
  while (keep < previous.ranges.length && previous.ranges[keep].semicolon >= 0 && previous.ranges[keep].semicolon < edit.start) keep++;
  const from = keep > 0 ? previous.ranges[keep - 1].semicolon + 1 : 0;
  return { keep, from, newEnd: edit.newEnd, delta: text.length - old.length };
}

/** The range (at or after `from`) whose statement ended on the `;` at `offset`, or -1. */
function indexOfSemicolon(ranges: StatementRange[], offset: number, from: number): number {
  let lo = from;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = ranges[mid].semicolon < 0 ? Infinity : ranges[mid].semicolon;
    if (s === offset) return mid;
    if (s < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function safeParse(text: string, version: FlinkVersion): ReturnType<typeof parseStatementText> {
  try {
    return parseStatementText(text, version);
  } catch (e) {
    // last line of defence (e.g. a stack overflow outside the parser's own guard)
    return { empty: false, diagnostics: [{ start: 0, end: Math.min(text.length, 1), code: 'internal', severity: 'error', message: `Internal parser error: ${String((e as Error)?.message ?? e)}` }] };
  }
}
