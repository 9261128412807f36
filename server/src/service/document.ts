// The unit every language-service feature works on: one document version parsed once, with its line index.
// Features are pure functions of an AnalyzedDocument (plus a position when they need one), so the LSP layer
// parses once per version and hands the same analysis to diagnostics, symbols, folding, completion, hover…
import { DEFAULT_FLINK_VERSION, parseScript, type FlinkVersion, type ParsedScript, type StatementCache } from '../parser';
import { LineIndex } from '../util/lineIndex';

export interface AnalyzedDocument {
  readonly text: string;
  readonly script: ParsedScript;
  readonly lines: LineIndex;
  /** The Flink version whose grammar the text was parsed with. */
  readonly flinkVersion: FlinkVersion;
}

/**
 * Parses `text`; pass the document's StatementCache so unchanged statements are not re-parsed, and the analysis of
 * the document's previous version so that only the statements around the edit are re-split.
 */
export function analyze(text: string, cache?: StatementCache, flinkVersion: FlinkVersion = DEFAULT_FLINK_VERSION, previous?: AnalyzedDocument): AnalyzedDocument {
  const script = parseScript(text, cache, { flinkVersion, previous: previous?.script });
  return { text, script, lines: new LineIndex(text), flinkVersion };
}
