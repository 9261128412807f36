// Wires local-Flink provisioning into the extension: the consent handler and progress listener on every language
// client the server starts, and the Install / Manage / Check Prerequisites commands. extension.ts calls this once.
import type * as vscode from 'vscode';
import { InstallConsentRequest } from '../../../server/src/protocol';
import type { CommandModule } from '../commandRegistry';
import { checkPrerequisitesCommand } from '../commands/checkPrerequisites';
import { installLocalFlinkCommand } from '../commands/installLocalFlink';
import { manageLocalFlinkCommand } from '../commands/manageLocalFlink';
import type { FlinkClient } from '../flink/flinkClient';
import type { LanguageServer } from '../languageServer';
import { installConsentHandler } from './installConsent';
import type { InstallServices } from './installFlow';
import { InstallProgress } from './installProgress';

export function registerInstallFeatures(server: LanguageServer, flink: FlinkClient): { commands: CommandModule[]; disposables: vscode.Disposable[] } {
  const progress = new InstallProgress();
  const perClient: vscode.Disposable[] = [];
  const created = server.onDidCreateClient((client) => {
    // The previous client is gone with its server; its handlers go with it.
    perClient.splice(0).forEach((d) => d.dispose());
    perClient.push(...progress.attach(client), client.onRequest(InstallConsentRequest, installConsentHandler(progress)));
  });
  const s: InstallServices = { flink, progress };
  return {
    commands: [installLocalFlinkCommand(s), manageLocalFlinkCommand(s), checkPrerequisitesCommand(flink)],
    disposables: [progress, created, { dispose: () => perClient.splice(0).forEach((d) => d.dispose()) }],
  };
}
