// The Catalogs view: catalogs → databases → tables and views (columns with their types on expand) and user
// functions, as a gateway session with the active draft's DDL sees them. Read on demand ("Refresh Catalogs").
import * as vscode from 'vscode';
import {
  FlinkCatalogTreeRequest, FlinkDescribeTableRequest,
  type CatalogTreeCatalog, type FlinkCatalogTreeResult, type FlinkConnectionParams,
} from '../../../server/src/protocol';
import type { FlinkClient } from '../flink/flinkClient';

export const CATALOGS_VIEW = 'flinkSql.catalogs';

export type CatalogNode =
  | { kind: 'catalog'; catalog: CatalogTreeCatalog }
  | { kind: 'database'; catalog: string; name: string; tables: string[]; views: string[]; functions: string[]; current: boolean }
  | { kind: 'table' | 'view'; path: [string, string, string] }
  | { kind: 'function'; name: string }
  | { kind: 'column'; name: string; type: string; detail: string }
  | { kind: 'message'; text: string; error: boolean };

export interface CatalogSource {
  connection: FlinkConnectionParams;
  /** The draft whose DDL the session applied, if any. */
  uri?: string;
}

export class CatalogsTree implements vscode.TreeDataProvider<CatalogNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CatalogNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private result: FlinkCatalogTreeResult | undefined;
  private source: CatalogSource | undefined;

  constructor(private readonly flink: FlinkClient) {}

  get current(): FlinkCatalogTreeResult | undefined {
    return this.result;
  }

  /** Reads the catalogs again; resolves with the result (also shown as a message node when it failed). */
  async refresh(source: CatalogSource, token?: vscode.CancellationToken): Promise<FlinkCatalogTreeResult> {
    const result = await this.flink.request(FlinkCatalogTreeRequest, source, token);
    this.result = result;
    this.source = source;
    this.changed.fire(undefined);
    return result;
  }

  getTreeItem(node: CatalogNode): vscode.TreeItem {
    const C = vscode.TreeItemCollapsibleState;
    switch (node.kind) {
      case 'catalog': {
        const item = new vscode.TreeItem(node.catalog.name, node.catalog.current ? C.Expanded : C.Collapsed);
        item.iconPath = new vscode.ThemeIcon('library');
        item.description = node.catalog.current ? 'current' : undefined;
        item.contextValue = 'flinkCatalog';
        return item;
      }
      case 'database': {
        const item = new vscode.TreeItem(node.name, node.current ? C.Expanded : C.Collapsed);
        item.iconPath = new vscode.ThemeIcon('database');
        const n = node.tables.length + node.views.length;
        item.description = `${n} table${n === 1 ? '' : 's'}${node.current ? ' · current' : ''}`;
        item.contextValue = 'flinkDatabase';
        return item;
      }
      case 'table':
      case 'view': {
        const item = new vscode.TreeItem(node.path[2], C.Collapsed);
        item.iconPath = new vscode.ThemeIcon(node.kind === 'view' ? 'eye' : 'table');
        item.description = node.kind === 'view' ? 'view' : undefined;
        item.tooltip = node.path.join('.');
        item.contextValue = node.kind === 'view' ? 'flinkView' : 'flinkTable';
        return item;
      }
      case 'function': {
        const item = new vscode.TreeItem(node.name, C.None);
        item.iconPath = new vscode.ThemeIcon('symbol-function');
        item.description = 'function';
        return item;
      }
      case 'column': {
        const item = new vscode.TreeItem(node.name, C.None);
        item.iconPath = new vscode.ThemeIcon('symbol-field');
        item.description = node.type;
        item.tooltip = node.detail ? `${node.name} ${node.type} ${node.detail}` : `${node.name} ${node.type}`;
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.text, C.None);
        item.iconPath = new vscode.ThemeIcon(node.error ? 'warning' : 'info');
        item.tooltip = node.text;
        return item;
      }
    }
  }

  async getChildren(node?: CatalogNode): Promise<CatalogNode[]> {
    const r = this.result;
    if (!node) {
      // Empty until the first refresh: VS Code then shows the view's welcome text and its Refresh button.
      if (!r) return [];
      const out: CatalogNode[] = r.catalogs.map((catalog) => ({ kind: 'catalog', catalog }));
      if (r.error) out.unshift({ kind: 'message', text: r.error, error: true });
      return out;
    }
    switch (node.kind) {
      case 'catalog':
        return node.catalog.databases.map((d) => ({
          kind: 'database', catalog: node.catalog.name, name: d.name, tables: d.tables, views: d.views, functions: d.functions,
          current: node.catalog.current && d.name === r?.currentDatabase,
        }));
      case 'database':
        return [
          ...node.tables.map((t): CatalogNode => ({ kind: 'table', path: [node.catalog, node.name, t] })),
          ...node.views.map((v): CatalogNode => ({ kind: 'view', path: [node.catalog, node.name, v] })),
          ...node.functions.map((f): CatalogNode => ({ kind: 'function', name: f })),
        ];
      case 'table':
      case 'view': {
        if (!this.source) return [];
        const d = await this.flink.request(FlinkDescribeTableRequest, { ...this.source, path: node.path });
        if (!d.ok) return [{ kind: 'message', text: d.error ?? 'DESCRIBE failed', error: true }];
        return d.columns.map((c) => ({
          kind: 'column', name: c.name, type: `${c.type}${c.nullable ? '' : ' NOT NULL'}`,
          detail: [c.key, c.extras, c.watermark && `WATERMARK ${c.watermark}`].filter(Boolean).join(' '),
        }));
      }
      default:
        return [];
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
