// The planner's findings (Validate, and Execute's failing statement) in their own DiagnosticCollection, apart
// from the server's syntax diagnostics, so typing does not wipe them: an edit drops only the findings it touches
// and moves the ones below it with the text. The next Validate replaces them all.
import * as vscode from 'vscode';

export const FLINK_DIAGNOSTIC_SOURCE = 'flink';

export class FlinkDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('flink');
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => this.follow(e)),
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
    );
  }

  set(uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[]): void {
    this.collection.set(uri, diagnostics.map((d) => {
      d.source = FLINK_DIAGNOSTIC_SOURCE;
      return d;
    }));
  }

  add(uri: vscode.Uri, diagnostic: vscode.Diagnostic): void {
    diagnostic.source = FLINK_DIAGNOSTIC_SOURCE;
    this.collection.set(uri, [...(this.collection.get(uri) ?? []), diagnostic]);
  }

  clear(uri: vscode.Uri): void {
    this.collection.delete(uri);
  }

  private follow(e: vscode.TextDocumentChangeEvent): void {
    let current = this.collection.get(e.document.uri);
    if (!current?.length || !e.contentChanges.length) return;
    for (const change of e.contentChanges) current = adjust(current, change);
    this.collection.set(e.document.uri, current);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.collection.dispose();
  }
}

/** Drops the findings an edit overlaps; shifts those after it by the lines the edit added or removed. */
export function adjust(diagnostics: readonly vscode.Diagnostic[], change: vscode.TextDocumentContentChangeEvent): vscode.Diagnostic[] {
  const { range, text } = change;
  const added = text.split(/\r\n|\r|\n/).length - 1;
  const delta = added - (range.end.line - range.start.line);
  const out: vscode.Diagnostic[] = [];
  for (const d of diagnostics) {
    if (d.range.end.isBefore(range.start)) {
      out.push(d);
    } else if (d.range.start.isAfter(range.end)) {
      if (delta === 0) {
        out.push(d);
        continue;
      }
      // Same line as the edit's end: the line is right after the shift, the columns may be off by a little.
      const moved = new vscode.Diagnostic(new vscode.Range(d.range.start.translate(delta), d.range.end.translate(delta)), d.message, d.severity);
      moved.source = d.source;
      moved.code = d.code;
      out.push(moved);
    }
  }
  return out;
}
