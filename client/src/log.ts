// The extension's one log: a LogOutputChannel shared by the client code and the language client.
// No console.log in the client; everything goes here so "Open Log" shows the whole story.
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

/** Creates the channel on first use; registered for disposal by `initLog`. */
export function logChannel(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Flink SQL', { log: true });
  return channel;
}

export function initLog(context: vscode.ExtensionContext): vscode.LogOutputChannel {
  const c = logChannel();
  context.subscriptions.push(c);
  return c;
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

export const log = {
  trace: (msg: string) => logChannel().trace(msg),
  debug: (msg: string) => logChannel().debug(msg),
  info: (msg: string) => logChannel().info(msg),
  warn: (msg: string) => logChannel().warn(msg),
  error: (msg: string, err?: unknown) => logChannel().error(err === undefined ? msg : `${msg}: ${describe(err)}`),
  show: () => logChannel().show(true),
};
