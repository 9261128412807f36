// "Flink: Manage Local Flink Installations": the pinned versions (installed or not, size, location), the user's own
// distributions and the installation folder; remove, reveal, copy the path of, or install one.
import * as fs from 'fs';
import * as vscode from 'vscode';
import {
  LocalFlinkListRequest, LocalFlinkRemoveRequest, type LocalFlinkInstallation, type LocalFlinkListResult, type UserDistInfo,
} from '../../../server/src/protocol';
import { showErrorWithLog, type CommandModule } from '../commandRegistry';
import { installLocalFlink, type InstallServices } from '../install/installFlow';
import { formatBytes, removeConfirmText } from '../install/installText';
import { log } from '../log';
import { LOCAL_FLINK_SETTINGS_QUERY } from '../settings';
import { requireTrust } from '../trust';

export const id = 'flinkSql.manageLocalFlink';

type Entry =
  | { kind: 'installation'; inst: LocalFlinkInstallation }
  | { kind: 'userDist'; dist: UserDistInfo }
  | { kind: 'folder' }
  | { kind: 'settings' };

type Item = vscode.QuickPickItem & { entry?: Entry };

export function manageLocalFlinkCommand(s: InstallServices): CommandModule {
  return {
    id,
    handler: async (): Promise<void> => {
      const list = await s.flink.request(LocalFlinkListRequest, {});
      const pick = await vscode.window.showQuickPick(items(list), { title: 'Local Flink Installations', placeHolder: 'Pick one to remove, reveal or install it', matchOnDetail: true });
      const entry = pick?.entry;
      if (!entry) return;
      if (entry.kind === 'installation') await installationActions(s, entry.inst);
      else if (entry.kind === 'userDist') await pathActions(entry.dist.home, entry.dist.from === 'setting');
      else if (entry.kind === 'folder') await openFolder(list.installRoot);
      else await vscode.commands.executeCommand('workbench.action.openSettings', LOCAL_FLINK_SETTINGS_QUERY);
    },
  };
}

function items(list: LocalFlinkListResult): Item[] {
  const out: Item[] = [{ label: `Pinned versions · ${list.installRoot}`, kind: vscode.QuickPickItemKind.Separator }];
  for (const i of list.installations) {
    const connectors = i.connectors.filter((c) => c.installed).map((c) => c.name);
    out.push({
      label: `${i.installed ? '$(check)' : '$(cloud-download)'} Flink ${i.version}`,
      description: [i.default && 'default', i.installed ? `installed · ${formatBytes(i.bytes)}` : `not installed · about ${formatBytes(i.bytes)} to download`].filter(Boolean).join(' · '),
      detail: [i.home, connectors.length ? `connectors: ${connectors.join(', ')}` : '', i.userDist ? `your Flink ${i.userDist.version} runs instead` : ''].filter(Boolean).join(' · '),
      entry: { kind: 'installation', inst: i },
    });
  }
  if (list.userDists.length) {
    out.push({ label: 'Your own Flink', kind: vscode.QuickPickItemKind.Separator });
    for (const d of list.userDists) {
      out.push({
        label: `${d.problem ? '$(warning)' : '$(folder)'} Flink ${d.version ?? '(version unknown)'}`,
        description: d.from === 'setting' ? 'flinkSql.localFlink.flinkHome' : 'FLINK_HOME',
        detail: [d.home, d.problem].filter(Boolean).join(' · '),
        entry: { kind: 'userDist', dist: d },
      });
    }
  }
  out.push(
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(folder-opened) Open Installation Folder', description: list.installRoot, entry: { kind: 'folder' } },
    { label: '$(settings-gear) Settings', description: 'installation folder, your own Flink, Java, Maven', entry: { kind: 'settings' } },
  );
  return out;
}

async function installationActions(s: InstallServices, inst: LocalFlinkInstallation): Promise<void> {
  const REMOVE = '$(trash) Remove', INSTALL = '$(cloud-download) Install…', REVEAL = '$(folder-opened) Reveal', COPY = '$(copy) Copy Path';
  const actions = inst.installed ? [REMOVE, REVEAL, COPY] : [INSTALL, COPY];
  const action = await vscode.window.showQuickPick(actions, { title: `Flink ${inst.version}`, placeHolder: inst.home });
  if (action === INSTALL) {
    if (await requireTrust('Installing Flink', 'downloads programs with Maven')) await installLocalFlink(s, inst.version);
  } else if (action === REMOVE) await remove(s, inst);
  else if (action === REVEAL) await reveal(inst.home);
  else if (action === COPY) await copyPath(inst.home);
}

async function remove(s: InstallServices, inst: LocalFlinkInstallation): Promise<void> {
  const REMOVE = 'Remove', WITH_CONNECTORS = 'Remove with Its Connectors';
  const hasConnectors = inst.connectors.some((c) => c.installed);
  const choice = await vscode.window.showWarningMessage(removeConfirmText(inst), { modal: true }, REMOVE, ...(hasConnectors ? [WITH_CONNECTORS] : []));
  if (!choice) return;
  const result = await s.flink.request(LocalFlinkRemoveRequest, { flinkVersion: inst.version, connectors: choice === WITH_CONNECTORS });
  if (!result.ok) {
    log.error(`removing Flink ${inst.version} failed: ${result.error ?? 'unknown error'}`);
    void showErrorWithLog(`Could not remove Flink ${inst.version}: ${result.error ?? 'unknown error'}`);
    return;
  }
  log.info(`removed Flink ${inst.version} from ${inst.home} (${result.freedBytes} bytes)`);
  void vscode.window.showInformationMessage(`Removed Flink ${inst.version}: ${formatBytes(result.freedBytes)} freed.`);
}

async function pathActions(home: string, fromSetting: boolean): Promise<void> {
  const REVEAL = '$(folder-opened) Reveal', COPY = '$(copy) Copy Path', SETTING = '$(settings-gear) Change Setting';
  const action = await vscode.window.showQuickPick([REVEAL, COPY, ...(fromSetting ? [SETTING] : [])], { title: home });
  if (action === REVEAL) await reveal(home);
  else if (action === COPY) await copyPath(home);
  else if (action === SETTING) await vscode.commands.executeCommand('workbench.action.openSettings', 'flinkSql.localFlink.flinkHome');
}

async function reveal(p: string): Promise<void> {
  if (!fs.existsSync(p)) throw new Error(`${p} does not exist.`);
  await vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(p));
}

async function copyPath(p: string): Promise<void> {
  await vscode.env.clipboard.writeText(p);
  void vscode.window.setStatusBarMessage(`Copied ${p}`, 3000);
}

async function openFolder(root: string): Promise<void> {
  if (!fs.existsSync(root)) {
    void vscode.window.showInformationMessage(`Nothing is installed yet: ${root} is created by the first install.`);
    return;
  }
  // The OS file manager, showing the folder's contents (revealFileInOS would select it in its parent).
  await vscode.env.openExternal(vscode.Uri.file(root));
}
