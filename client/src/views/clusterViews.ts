// The Deployments and Catalogs views' ids. Their providers are client/src/views/deploymentsTree.ts and
// catalogsTree.ts (registered by client/src/flink/index.ts); while empty, VS Code shows their `viewsWelcome`.
import * as vscode from 'vscode';

export const DEPLOYMENTS_VIEW = 'flinkSql.deployments';
export const CATALOGS_VIEW = 'flinkSql.catalogs';

export function registerClusterViews(): vscode.Disposable {
  return vscode.Disposable.from();
}
