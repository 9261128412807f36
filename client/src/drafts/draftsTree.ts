// The Drafts view: one item per draft (label = name, description = type · target · Flink version from its deployment
// config, or a warning when that config is broken); clicking opens the draft (a JAR draft's: its config, which names
// its Maven project). JAR drafts get no Publish / manifest menu yet: those are SQL-only so far.
import * as vscode from 'vscode';
import type { Draft, DraftIndex } from './draftIndex';

export const DRAFTS_VIEW = 'flinkSql.drafts';

export function describeDraft(d: Draft): { description: string; warning: boolean; tooltip: string } {
  const where = vscode.workspace.asRelativePath(d.uri);
  if (!d.config) return { description: 'no deployment config', warning: false, tooltip: `${where}\nNo ${vscode.workspace.asRelativePath(d.configUri)} beside it.` };
  if (!d.config.ok) {
    return { description: '⚠ invalid deployment config', warning: true, tooltip: `${where}\n${vscode.workspace.asRelativePath(d.configUri)}: ${d.config.error}` };
  }
  const c = d.config.config;
  return { description: `${c.type} · ${c.target} · Flink ${c.flinkVersion}`, warning: false, tooltip: `${where}\nFlink ${c.flinkVersion}, ${c.target === 'session' ? `session cluster "${c.session}"` : 'per-job cluster'}, parallelism ${c.parallelism}` };
}

export class DraftsTree implements vscode.TreeDataProvider<Draft>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly sub: vscode.Disposable;

  constructor(private readonly index: DraftIndex) {
    this.sub = index.onDidChange(() => this.changed.fire());
  }

  getChildren(element?: Draft): Promise<Draft[]> | Draft[] {
    return element ? [] : this.index.list();
  }

  getTreeItem(d: Draft): vscode.TreeItem {
    const item = new vscode.TreeItem(d.name, vscode.TreeItemCollapsibleState.None);
    const { description, warning, tooltip } = describeDraft(d);
    item.id = d.uri.toString();
    item.resourceUri = d.uri;
    item.description = description;
    item.tooltip = tooltip;
    item.iconPath = new vscode.ThemeIcon(warning ? 'warning' : d.jar ? 'package' : 'file-code', warning ? new vscode.ThemeColor('list.warningForeground') : undefined);
    item.contextValue = d.jar ? 'flinkSql.jarDraft' : warning ? 'flinkSql.draft.brokenConfig' : 'flinkSql.draft';
    item.command = { command: 'vscode.open', title: 'Open Draft', arguments: [d.uri] };
    return item;
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}
