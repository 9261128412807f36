// The unit every language-service feature works on: one document version parsed once, with its line index.
// Features are pure functions of an AnalyzedDocument (plus a position when they need one), so the LSP layer
// parses once per version and hands the same analysis to diagnostics, symbols, folding, completion, hover…
import { DEFAULT_FLINK_VERSION, parseScript, type FlinkVersion, type ParsedScript, type StatementCache } from '../parser';
import { LineIndex } from '../util/lineIndex';
import { diffEdit, fitsEdit, type TextEdit } from '../util/textEdit';

export interface AnalyzedDocument {
  readonly text: string;
  readonly script: ParsedScript;
  readonly lines: LineIndex;
  /** The Flink version whose grammar the text was parsed with. */
  readonly flinkVersion: FlinkVersion;
}

/**
 * Parses `text`; pass the document's StatementCache so unchanged statements are not re-parsed, and the analysis of
 * the document's previous version (with the edit between them, when the editor said) so that only the statements
 * around the edit are re-split and only the edited lines re-indexed.
 */
export function analyze(
  text: string, cache?: StatementCache, flinkVersion: FlinkVersion = DEFAULT_FLINK_VERSION, previous?: AnalyzedDocument, edit?: TextEdit,
): AnalyzedDocument {
  if (!previous) return { text, script: parseScript(text, cache, { flinkVersion }), lines: new LineIndex(text), flinkVersion };
  const change = edit && fitsEdit(edit, previous.text, text) ? edit : diffEdit(previous.text, text);
  const lines = LineIndex.edited(previous.lines, text, change);
  const script = parseScript(text, cache, { flinkVersion, previous: previous.script, edit: change, lineStarts: lines.newlineStarts });
  return { text, script, lines, flinkVersion };
}
