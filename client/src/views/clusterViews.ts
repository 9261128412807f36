// The Deployments and Catalogs views. They stay empty until the cluster features register real
// providers; while empty, VS Code shows their `viewsWelcome` text ("Connect to a Flink cluster…").
import * as vscode from 'vscode';

export const DEPLOYMENTS_VIEW = 'flinkSql.deployments';
export const CATALOGS_VIEW = 'flinkSql.catalogs';

class EmptyTree implements vscode.TreeDataProvider<never> {
  getTreeItem(element: never): vscode.TreeItem {
    return element;
  }
  getChildren(): never[] {
    return [];
  }
}

export function registerClusterViews(): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.window.registerTreeDataProvider(DEPLOYMENTS_VIEW, new EmptyTree()),
    // The Catalogs view's provider is client/src/views/catalogsTree.ts (registered by client/src/flink/index.ts).
  );
}
