// Workspace trust gate. Language features run in restricted mode; anything that sends a draft to a
// Flink cluster (validate, execute, publish) must call `requireTrust()` first and stop when it is false.
// In package.json such commands also carry `"enablement": "isWorkspaceTrusted"` (or `when` clauses on
// their menu entries) so the UI hides them; this check covers the palette, keybindings and API calls.
import * as vscode from 'vscode';

const MANAGE = 'Manage Workspace Trust';

/** `why`: what makes the action unsafe in an untrusted workspace, for the message. */
export async function requireTrust(action: string, why = 'talks to a Flink cluster'): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const choice = await vscode.window.showWarningMessage(
    `${action} ${why} and needs a trusted workspace. Language features keep working in restricted mode.`,
    MANAGE,
  );
  if (choice === MANAGE) await vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}

/**
 * Runs `start` now in a trusted workspace, else once the user grants trust: polls and background requests to a
 * cluster begin only then (in restricted mode the workspace could otherwise steer them). Dispose to cancel the wait.
 */
export function whenTrusted(start: () => void): vscode.Disposable {
  if (vscode.workspace.isTrusted) {
    start();
    return vscode.Disposable.from();
  }
  const once = vscode.workspace.onDidGrantWorkspaceTrust(() => {
    once.dispose();
    start();
  });
  return once;
}
