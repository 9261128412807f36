// "Flink SQL: Get Started": opens the extension's walkthrough (also linked from the empty views).
import * as vscode from 'vscode';
import type { CommandModule } from '../commandRegistry';

export const id = 'flinkSql.openWalkthrough';

export function openWalkthroughCommand(extensionId: string): CommandModule {
  return {
    id,
    handler: () => vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extensionId}#flinkSql.gettingStarted`, false),
  };
}
