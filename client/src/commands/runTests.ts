// "Flink: Run Draft Tests": runs the test files of the open draft (or the open test file), else every test file
// of the workspace, in the Test Explorer.
import * as vscode from 'vscode';
import type { CommandModule } from '../commandRegistry';
import type { DraftTests } from '../tests';
import { requireTrust } from '../trust';

export const id = 'flinkSql.runTests';

export function runTestsCommand(tests: DraftTests): CommandModule {
  return {
    id,
    handler: async (uri?: vscode.Uri) => {
      if (!(await requireTrust('Run Draft Tests', 'runs the draft on a Flink cluster'))) return false;
      const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
      const ran = await tests.runFor(target);
      if (!ran) void vscode.window.showInformationMessage('No draft tests here: a test file is a <name>.test.yaml beside its draft, with `draft:` and `cases:`.');
      return ran;
    },
  };
}
