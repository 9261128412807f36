// "Flink: Preview Draft" (palette, editor title, the "Preview" lens on an INSERT / statement set): runs the draft
// with every sink captured into the results view, sources mocked from `<name>.mocks.yaml`; nothing is written.
import type * as vscode from 'vscode';
import type { CommandModule } from '../commandRegistry';
import { PREVIEW_DRAFT_COMMAND } from '../flink/executor';
import { draftDocument, type FlinkServices } from '../flink/services';
import { requireTrust } from '../trust';

export const id = PREVIEW_DRAFT_COMMAND;

export function previewDraftCommand(s: FlinkServices): CommandModule {
  return {
    id,
    handler: async (uri?: vscode.Uri, statementIndex?: number) => {
      // A preview runs the draft's DDL and queries on a cluster: the same gate as Execute.
      if (!(await requireTrust('Preview'))) return undefined;
      return s.executor.preview(await draftDocument(uri), typeof statementIndex === 'number' ? statementIndex : undefined);
    },
  };
}
