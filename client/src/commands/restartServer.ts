// "Flink SQL: Restart Language Server": stops and starts the server process (e.g. after it crashed).
import * as vscode from 'vscode';
import type { CommandModule } from '../commandRegistry';
import type { LanguageServer } from '../languageServer';

export const id = 'flinkSql.restartServer';

export function restartServerCommand(server: LanguageServer): CommandModule {
  return {
    id,
    handler: async () => {
      await server.restart();
      void vscode.window.setStatusBarMessage('Flink SQL language server restarted', 3000);
    },
  };
}
