// Open documents and their analyses: one StatementCache per document (so an edit re-parses only the statements
// it touched) and the analysis of the latest version, shared by diagnostics, outline and folding.
import { DiagnosticSeverity, TextDocumentContentChangeEvent, TextDocuments, type Connection, type Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_FLINK_VERSION, StatementCache, type FlinkVersion } from '../parser';
import { analyze, type AnalyzedDocument } from '../service';
import { MB, sizeText } from '../util/boundedRead';
import type { TextEdit } from '../util/textEdit';
import { isDeploymentUri } from './deploymentHandlers';

/** Drafts above this many characters are not analysed (see DocumentManager.tooLarge). */
export const MAX_ANALYZED_CHARS = 2 * MB;

interface Entry {
  cache: StatementCache;
  version?: number;
  analysis?: AnalyzedDocument;
}

/** The Flink version a document targets (its grammar): the draft's deployment config or the setting. */
export type FlinkVersionOf = (uri: string) => FlinkVersion;

export class DocumentManager {
  /** The edit of each document's last change, when it was one range (the usual keystroke): from version → to version. */
  private readonly edits = new Map<string, { from: number; to: number; edit: TextEdit }>();
  readonly documents = new TextDocuments<TextDocument>({
    create: TextDocument.create,
    update: (document, changes, version) => {
      const [change] = changes;
      if (changes.length === 1 && TextDocumentContentChangeEvent.isIncremental(change)) {
        const start = document.offsetAt(change.range.start);
        this.edits.set(document.uri, { from: document.version, to: version, edit: { start, oldEnd: document.offsetAt(change.range.end), newEnd: start + change.text.length } });
      } else {
        this.edits.delete(document.uri);
      }
      return TextDocument.update(document, changes, version);
    },
  });
  private readonly entries = new Map<string, Entry>();

  constructor(readonly flinkVersionOf: FlinkVersionOf = () => DEFAULT_FLINK_VERSION) {
    this.documents.onDidClose((e) => {
      this.entries.delete(e.document.uri);
      this.edits.delete(e.document.uri);
    });
  }

  listen(connection: Connection): void {
    this.documents.listen(connection);
  }

  get(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  /**
   * The one Information diagnostic of a draft too large to analyse (undefined: analysed as usual). Analysis is
   * linear but heavy (a 20 MB statement took seconds and gigabytes per keystroke), so above the limit there is
   * none: no diagnostics, completion, hover or outline, and every request answers at once.
   */
  tooLarge(uri: string): Diagnostic | undefined {
    const document = this.documents.get(uri);
    if (!document || isDeploymentUri(uri)) return undefined;
    const size = document.getText().length;
    if (size <= MAX_ANALYZED_CHARS) return undefined;
    return {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Information,
      source: 'flink-sql',
      code: 'too-large',
      message: `This draft is ${sizeText(size)}: diagnostics, completion and hover are off above ${sizeText(MAX_ANALYZED_CHARS)}`,
    };
  }

  /** The analysis of the document's current version, parsed at most once per version. */
  analysis(uri: string): AnalyzedDocument | undefined {
    const document = this.documents.get(uri);
    // Deployment configs (YAML) share the connection but are not SQL: no SQL analysis for them.
    if (!document || isDeploymentUri(uri)) return undefined;
    if (this.tooLarge(uri)) {
      // Drop what an earlier, smaller version cached: it would only hold memory.
      this.entries.delete(uri);
      return undefined;
    }
    let entry = this.entries.get(uri);
    if (!entry) {
      entry = { cache: new StatementCache() };
      this.entries.set(uri, entry);
    }
    const flinkVersion = this.flinkVersionOf(uri);
    if (entry.version !== document.version || !entry.analysis || entry.analysis.flinkVersion !== flinkVersion) {
      // the editor's own edit when this version is the previous analysis's next one; else analyze compares the texts
      const last = this.edits.get(uri);
      const edit = last && entry.version === last.from && document.version === last.to ? last.edit : undefined;
      entry.analysis = analyze(document.getText(), entry.cache, flinkVersion, entry.analysis, edit);
      entry.version = document.version;
    }
    return entry.analysis;
  }
}
