// "Flink: Execute Draft": runs every statement of the draft in order; rows stream into its results panel.
// A JAR draft (its config or a file of its Maven project) is built and run on the session cluster instead.
import type * as vscode from 'vscode';
import type { CommandModule } from '../commandRegistry';
import { jarCandidate, runJarDraftCommand } from '../flink/jarDraftRun';
import { draftDocument, type FlinkServices } from '../flink/services';
import { requireTrust } from '../trust';

export const id = 'flinkSql.execute';

export function executeCommand(s: FlinkServices): CommandModule {
  return {
    id,
    handler: async (uri?: vscode.Uri) => {
      if (!(await requireTrust('Execute'))) return undefined;
      const jar = jarCandidate(uri);
      if (jar) return runJarDraftCommand(s, 'execute', jar);
      return s.executor.run(await draftDocument(uri));
    },
  };
}
