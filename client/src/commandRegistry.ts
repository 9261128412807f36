// The one way commands are registered: each call is logged, and a thrown error becomes a log entry
// plus an error notification with an "Open Log" action instead of a silent failure.
import * as vscode from 'vscode';
import { log } from './log';

/** What each file under commands/ exports. */
export interface CommandModule {
  id: string;
  handler: (...args: any[]) => unknown;
}

export function registerCommand(cmd: CommandModule): vscode.Disposable {
  return vscode.commands.registerCommand(cmd.id, async (...args: unknown[]) => {
    log.debug(`command ${cmd.id}`);
    try {
      return await cmd.handler(...args);
    } catch (err) {
      log.error(`command ${cmd.id} failed`, err);
      const message = err instanceof Error ? err.message : String(err);
      void showErrorWithLog(`${cmd.id}: ${message}`);
      return undefined;
    }
  });
}

export async function showErrorWithLog(message: string): Promise<void> {
  const choice = await vscode.window.showErrorMessage(message, 'Open Log');
  if (choice === 'Open Log') log.show();
}
