// Finds the workspace's test files (`*.test.yaml` whose `draft:` names a draft) and keeps the Test Explorer's tree
// in step with them: file → case, each case at its line (the gutter's run icons), problems as diagnostics.
import * as vscode from 'vscode';
import { FlinkTestFileRequest, type TestFileOutline } from '../../../server/src/protocol';
import type { FlinkClient } from '../flink/flinkClient';
import { log } from '../log';

export const TEST_FILE_GLOB = '**/*.test.yaml';
const EXCLUDE = '**/{node_modules,.git,.flink}/**';

/** What the run needs of a discovered test file beyond its tree item. */
export interface TestFileEntry {
  item: vscode.TestItem;
  draft?: vscode.Uri;
}

/** 1-based test-file line → the range the gutter icon sits on. */
export function lineRange(line: number): vscode.Range {
  const l = Math.max(0, line - 1);
  return new vscode.Range(l, 0, l, 0);
}

export class TestDiscovery implements vscode.Disposable {
  private readonly files = new Map<string, TestFileEntry>();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('flink-sql-tests');
  private readonly disposables: vscode.Disposable[] = [this.diagnostics];
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private all: Promise<void> | undefined;

  constructor(private readonly controller: vscode.TestController, private readonly flink: FlinkClient) {
    const watcher = vscode.workspace.createFileSystemWatcher(TEST_FILE_GLOB);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => this.schedule(uri)),
      watcher.onDidChange((uri) => this.schedule(uri)),
      watcher.onDidDelete((uri) => this.remove(uri)),
      // Unsaved edits move the cases too: the tree follows the editor, not only the disk.
      vscode.workspace.onDidChangeTextDocument((e) => { if (isTestFile(e.document.uri)) this.schedule(e.document.uri); }),
    );
  }

  /** Every test file of the workspace, read once (later changes arrive through the watcher). */
  discoverAll(): Promise<void> {
    this.all ??= (async () => {
      const uris = await vscode.workspace.findFiles(TEST_FILE_GLOB, EXCLUDE);
      await Promise.all(uris.map((u) => this.refresh(u)));
      log.info(`tests: ${this.files.size} test file${this.files.size === 1 ? '' : 's'} of ${uris.length} *.test.yaml`);
    })();
    return this.all;
  }

  entries(): TestFileEntry[] {
    return [...this.files.values()];
  }

  entry(uri: vscode.Uri): TestFileEntry | undefined {
    return this.files.get(uri.toString());
  }

  /** The test files of a draft. */
  forDraft(draft: vscode.Uri): TestFileEntry[] {
    return this.entries().filter((e) => e.draft?.toString() === draft.toString());
  }

  private schedule(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(key, setTimeout(() => {
      this.pending.delete(key);
      void this.refresh(uri);
    }, 200));
  }

  /** Reads the file (the editor's text when open) and rebuilds its item. */
  async refresh(uri: vscode.Uri): Promise<void> {
    if (uri.scheme !== 'file') return;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    let outline: TestFileOutline;
    try {
      outline = await this.flink.request(FlinkTestFileRequest, { uri: uri.toString(), text: open?.getText() });
    } catch (err) {
      log.warn(`tests: could not read ${uri.fsPath}: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    if (!outline.isTestFile) {
      this.remove(uri);
      return;
    }
    this.update(uri, outline);
  }

  private update(uri: vscode.Uri, outline: TestFileOutline): void {
    const key = uri.toString();
    let item = this.files.get(key)?.item;
    if (!item) {
      item = this.controller.createTestItem(key, vscode.workspace.asRelativePath(uri), uri);
      this.controller.items.add(item);
    }
    item.range = lineRange(1);
    item.description = outline.draft ? `tests ${vscode.workspace.asRelativePath(vscode.Uri.parse(outline.draft))}` : undefined;
    item.error = outline.problems.length
      ? new vscode.MarkdownString(outline.problems.map((p) => `line ${p.line}: ${p.message}`).join('\n\n'))
      : undefined;
    item.children.replace(outline.cases.map((c) => {
      const child = this.controller.createTestItem(`${key}#${c.name}`, c.name, uri);
      child.range = lineRange(c.line);
      child.description = c.sinks.map((s) => s.sink).join(', ');
      return child;
    }));
    this.files.set(key, { item, draft: outline.draft ? vscode.Uri.parse(outline.draft) : undefined });
    this.diagnostics.set(uri, outline.problems.filter((p) => p.uri === key).map((p) => {
      const d = new vscode.Diagnostic(lineRange(p.line), p.message, vscode.DiagnosticSeverity.Error);
      d.source = 'flink-sql test';
      return d;
    }));
  }

  private remove(uri: vscode.Uri): void {
    const key = uri.toString();
    this.files.delete(key);
    this.controller.items.delete(key);
    this.diagnostics.delete(uri);
  }

  dispose(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}

export function isTestFile(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' && uri.path.endsWith('.test.yaml');
}
