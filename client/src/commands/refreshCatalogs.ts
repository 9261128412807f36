// "Flink: Refresh Catalogs": reads the catalogs again (with the active draft's DDL applied) into the Catalogs view.
import * as vscode from 'vscode';
import type { FlinkCatalogTreeResult } from '../../../server/src/protocol';
import type { CommandModule } from '../commandRegistry';
import { connectionParams } from '../flink/connection';
import { activeDraftUri, type FlinkServices } from '../flink/services';
import { requireTrust } from '../trust';
import { CATALOGS_VIEW } from '../views/catalogsTree';

export const id = 'flinkSql.refreshCatalogs';

export function refreshCatalogsCommand(s: FlinkServices): CommandModule {
  return {
    id,
    handler: async (uri?: vscode.Uri): Promise<FlinkCatalogTreeResult | undefined> => {
      if (!(await requireTrust('Reading the catalogs'))) return undefined;
      const draft = uri instanceof vscode.Uri ? uri : activeDraftUri();
      const connection = await connectionParams(s.secrets);
      const result = await vscode.window.withProgress({ location: { viewId: CATALOGS_VIEW }, title: 'Reading the Flink catalogs' },
        () => s.catalogs.refresh({ connection, uri: draft?.toString() }));
      if (!result.ok) void vscode.window.showErrorMessage(`Flink: could not read the catalogs: ${result.error ?? 'unknown error'}`);
      return result;
    },
  };
}
