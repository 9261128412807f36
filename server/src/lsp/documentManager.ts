// Open documents and their analyses: one StatementCache per document (so an edit re-parses only the statements
// it touched) and the analysis of the latest version, shared by diagnostics, outline and folding.
import { TextDocuments, type Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_FLINK_VERSION, StatementCache, type FlinkVersion } from '../parser';
import { analyze, type AnalyzedDocument } from '../service';
import { isDeploymentUri } from './deploymentHandlers';

interface Entry {
  cache: StatementCache;
  version?: number;
  analysis?: AnalyzedDocument;
}

/** The Flink version a document targets (its grammar): the draft's deployment config or the setting. */
export type FlinkVersionOf = (uri: string) => FlinkVersion;

export class DocumentManager {
  readonly documents = new TextDocuments(TextDocument);
  private readonly entries = new Map<string, Entry>();

  constructor(readonly flinkVersionOf: FlinkVersionOf = () => DEFAULT_FLINK_VERSION) {
    this.documents.onDidClose((e) => this.entries.delete(e.document.uri));
  }

  listen(connection: Connection): void {
    this.documents.listen(connection);
  }

  get(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  /** The analysis of the document's current version, parsed at most once per version. */
  analysis(uri: string): AnalyzedDocument | undefined {
    const document = this.documents.get(uri);
    // Deployment configs (YAML) share the connection but are not SQL: no SQL analysis for them.
    if (!document || isDeploymentUri(uri)) return undefined;
    let entry = this.entries.get(uri);
    if (!entry) {
      entry = { cache: new StatementCache() };
      this.entries.set(uri, entry);
    }
    const flinkVersion = this.flinkVersionOf(uri);
    if (entry.version !== document.version || !entry.analysis || entry.analysis.flinkVersion !== flinkVersion) {
      entry.analysis = analyze(document.getText(), entry.cache, flinkVersion, entry.analysis);
      entry.version = document.version;
    }
    return entry.analysis;
  }
}
