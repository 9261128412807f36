// parseScript: split into statements, parse each (reusing cached results keyed by statement text),
// and lift statement-relative diagnostics to absolute offsets for the script.
import type { ParsedScript, ParsedStatement, SyntaxDiagnostic } from './index';
import { splitStatements } from './splitter';
import { parseStatementText } from './statements';
import { DEFAULT_FLINK_VERSION, type FlinkVersion } from './versions';

type CachedStatement = Omit<ParsedStatement, 'start' | 'end'>;

/** Parsed statements keyed by their exact text, so an edit re-parses only the statement it touched. */
export class StatementCache {
  private readonly map = new Map<string, CachedStatement>();
  constructor(private readonly maxEntries = 10_000) {}
  get(text: string): CachedStatement | undefined {
    return this.map.get(text);
  }
  set(text: string, v: CachedStatement): void {
    if (this.map.size >= this.maxEntries) {
      // drop the oldest entry (Map iterates in insertion order)
      const first = this.map.keys().next();
      if (!first.done) this.map.delete(first.value);
    }
    this.map.set(text, v);
  }
  get size(): number {
    return this.map.size;
  }
}

const POSITION_IN_MESSAGE = /at line (\d+), column (\d+)/;
const EOF_MESSAGE = 'Encountered "<EOF>"';

export interface ParseOptions {
  /** The Flink version whose grammar decides (default: the newest, 2.3). */
  flinkVersion?: FlinkVersion;
}

export function parseScript(text: string, cache?: StatementCache, options: ParseOptions = {}): ParsedScript {
  const version = options.flinkVersion ?? DEFAULT_FLINK_VERSION;
  // one cache serves every version: another version's tree of the same text is another entry
  const keyOf = (t: string) => (version === DEFAULT_FLINK_VERSION ? t : `${version}\u0000${t}`);
  const statements: ParsedStatement[] = [];
  const diagnostics: SyntaxDiagnostic[] = [];
  let lineStarts: number[] | undefined;
  const lineOf = (offset: number) => {
    if (!lineStarts) {
      lineStarts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
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
  for (const range of splitStatements(text)) {
    const stmtText = text.slice(range.start, range.end);
    let entry = cache?.get(keyOf(stmtText));
    if (!entry) {
      const r = safeParse(stmtText, version);
      if (r.empty) continue;
      entry = { text: stmtText, node: r.node, diagnostics: r.diagnostics };
      cache?.set(keyOf(stmtText), entry);
    }
    statements.push({ ...entry, start: range.start, end: range.end });
    for (const d of entry.diagnostics) {
      const atEof = d.start === stmtText.length && d.message.startsWith(EOF_MESSAGE);
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
  }
  return { statements, diagnostics };
}

function safeParse(text: string, version: FlinkVersion): ReturnType<typeof parseStatementText> {
  try {
    return parseStatementText(text, version);
  } catch (e) {
    // last line of defence (e.g. a stack overflow outside the parser's own guard)
    return { empty: false, diagnostics: [{ start: 0, end: Math.min(text.length, 1), code: 'internal', severity: 'error', message: `Internal parser error: ${String((e as Error)?.message ?? e)}` }] };
  }
}
