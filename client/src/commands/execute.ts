// "Flink: Execute Draft": runs every statement of the draft in order; rows stream into its results panel.
import type * as vscode from 'vscode';
import type { CommandModule } from '../commandRegistry';
import { draftDocument, type FlinkServices } from '../flink/services';
import { requireTrust } from '../trust';

export const id = 'flinkSql.execute';

export function executeCommand(s: FlinkServices): CommandModule {
  return {
    id,
    handler: async (uri?: vscode.Uri) => {
      if (!(await requireTrust('Execute'))) return undefined;
      return s.executor.run(await draftDocument(uri));
    },
  };
}
