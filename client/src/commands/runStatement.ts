// "▶ Run" (CodeLens): runs one statement after the draft's preceding DDL/SET/USE statements.
import * as vscode from 'vscode';
import type { CommandModule } from '../commandRegistry';
import { RUN_STATEMENT_COMMAND } from '../flink/runCodeLens';
import { draftDocument, type FlinkServices } from '../flink/services';
import { requireTrust } from '../trust';

export const id = RUN_STATEMENT_COMMAND;

export function runStatementCommand(s: FlinkServices): CommandModule {
  return {
    id,
    handler: async (uri?: vscode.Uri, statementIndex?: number) => {
      if (!(await requireTrust('Run'))) return undefined;
      if (typeof statementIndex !== 'number') throw new Error('Use the "▶ Run" lens above a statement, or "Flink: Execute Draft".');
      return s.executor.run(await draftDocument(uri), statementIndex);
    },
  };
}
