// `${secret:NAME}` in VS Code: "Flink: Set Secret…", "Flink: List Secrets" (delete from there) and the quick fix's
// "Move into a secret"; on each language client, the answer to the server's SecretValueRequest (sealed, and only in
// a trusted workspace) and the names (never values) for completion and unknown-name warnings.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { SecretNamesNotification, SecretValueRequest } from '../../../server/src/protocol';
import { refText } from '../../../server/src/secrets/secretRefs';
import type { CommandModule } from '../commandRegistry';
import { sealValue } from '../flink/sealKey';
import type { LanguageServer } from '../languageServer';
import { log } from '../log';
import { deleteSecret, literalTextValue, secretNameProblem, secretNamesOf, secretValue, setSecret } from './secretStore';

export const SET_SECRET = 'flinkSql.setSecret';
export const LIST_SECRETS = 'flinkSql.listSecrets';
/** Also server/src/service/secretChecks.ts MOVE_INTO_SECRET_COMMAND (the code action names it). */
export const MOVE_INTO_SECRET = 'flinkSql.moveIntoSecret';

export function registerSecretFeatures(context: vscode.ExtensionContext, server: LanguageServer): { commands: CommandModule[]; disposables: vscode.Disposable[] } {
  const store = context.secrets;
  const perClient: vscode.Disposable[] = [];

  const sendNames = async (client: LanguageClient | undefined = server.languageClient) => {
    if (!client || client.state !== State.Running) return;
    await client.sendNotification(SecretNamesNotification, { names: await secretNamesOf(store) }).catch((e: unknown) => log.warn(`secret names not sent: ${String(e)}`));
  };

  const created = server.onDidCreateClient((client) => {
    perClient.splice(0).forEach((d) => d.dispose());
    perClient.push(
      client.onRequest(SecretValueRequest, async ({ name }) => {
        // Execution is disabled in Restricted Mode anyway; a workspace not trusted never receives a secret.
        if (!vscode.workspace.isTrusted) return {};
        const value = await secretValue(store, name);
        log.info(`secret ${name} ${value === undefined ? 'asked but not stored' : 'sent (sealed) to the language server'}`);
        return value === undefined ? {} : { sealed: sealValue(value) };
      }),
      client.onDidChangeState((e) => { if (e.newState === State.Running) void sendNames(client); }),
    );
  });

  async function askName(title: string, value?: string): Promise<string | undefined> {
    return (await vscode.window.showInputBox({ title, prompt: 'Drafts and deployment configs refer to it as ${secret:NAME}', value, validateInput: (v) => secretNameProblem(v.trim()) }))?.trim();
  }

  const setSecretCommand: CommandModule = {
    id: SET_SECRET,
    handler: async (given?: string): Promise<string | undefined> => {
      const name = given ?? await askName('Flink: secret name');
      if (!name) return undefined;
      const value = await vscode.window.showInputBox({
        title: `Flink: value of ${refText('secret', name)}`, password: true, ignoreFocusOut: true,
        prompt: 'Stored in VS Code\'s secret storage; sent to Flink only inside the statements that refer to it, never written to files.',
      });
      if (value === undefined) return undefined;
      await setSecret(store, name, value);
      await sendNames();
      void vscode.window.setStatusBarMessage(`Flink: secret ${name} stored`, 4000);
      return name;
    },
  };

  const listSecretsCommand: CommandModule = {
    id: LIST_SECRETS,
    handler: async (): Promise<void> => {
      const names = await secretNamesOf(store);
      const add = '$(add) Set Secret…';
      const picked = await vscode.window.showQuickPick([...names.map((n) => ({ label: n, description: refText('secret', n) })), { label: add }], {
        title: names.length ? `Flink: ${names.length} stored secret${names.length === 1 ? '' : 's'} (pick one to copy its reference, change or delete it)` : 'Flink: no secrets stored yet',
      });
      if (!picked) return;
      if (picked.label === add) { await vscode.commands.executeCommand(SET_SECRET); return; }
      const name = picked.label;
      const action = await vscode.window.showQuickPick(['Copy Reference', 'Change Value…', 'Delete'], { title: refText('secret', name) });
      if (action === 'Copy Reference') await vscode.env.clipboard.writeText(refText('secret', name));
      else if (action === 'Change Value…') await vscode.commands.executeCommand(SET_SECRET, name);
      else if (action === 'Delete') {
        const sure = await vscode.window.showWarningMessage(`Delete the secret ${name}? Drafts that refer to it fail when sent to Flink.`, { modal: true }, 'Delete');
        if (sure !== 'Delete') return;
        await deleteSecret(store, name);
        await sendNames();
      }
    },
  };

  const moveIntoSecretCommand: CommandModule = {
    id: MOVE_INTO_SECRET,
    handler: async (args?: { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; suggestedName?: string }): Promise<boolean> => {
      if (!args?.uri || !args.range) return false;
      const uri = vscode.Uri.parse(args.uri);
      const doc = await vscode.workspace.openTextDocument(uri);
      const range = new vscode.Range(args.range.start.line, args.range.start.character, args.range.end.line, args.range.end.character);
      const value = literalTextValue(doc.getText(range));
      const name = await askName('Flink: move the credential into a secret named', args.suggestedName);
      if (!name) return false;
      const existing = await secretValue(store, name);
      if (existing !== undefined && existing !== value) {
        const ok = await vscode.window.showWarningMessage(`A secret named ${name} exists with another value. Replace it?`, { modal: true }, 'Replace');
        if (ok !== 'Replace') return false;
      }
      await setSecret(store, name, value);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, range, refText('secret', name));
      const applied = await vscode.workspace.applyEdit(edit);
      await sendNames();
      return applied;
    },
  };

  return {
    commands: [setSecretCommand, listSecretsCommand, moveIntoSecretCommand],
    disposables: [created, { dispose: () => perClient.splice(0).forEach((d) => d.dispose()) }],
  };
}
