// Answers the server's InstallConsentRequest: a modal asks before Flink's jars are downloaded; "Download" starts
// the install with its progress notification, "Use My Own Flink…" points flinkSql.localFlink.flinkHome at a folder.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { InstallConsentAnswer, InstallConsentParams } from '../../../server/src/protocol';
import { log } from '../log';
import { SECTION } from '../settings';
import type { InstallProgress } from './installProgress';
import { consentDetail, consentMessage, DOWNLOAD, USE_MY_OWN, USE_MY_PYTHON } from './installText';

export function installConsentHandler(progress: InstallProgress): (p: InstallConsentParams) => Promise<InstallConsentAnswer> {
  return async (p) => {
    log.info(`install consent asked: ${p.what}, ${p.bytes} bytes into ${p.installRoot} (install ${p.installId})`);
    const python = p.items.some((i) => i.kind === 'pyflink');
    const choice = await vscode.window.showInformationMessage(consentMessage(p), { modal: true, detail: consentDetail(p) }, DOWNLOAD, python ? USE_MY_PYTHON : USE_MY_OWN);
    log.info(`install consent: ${choice ?? 'dismissed'}`);
    if (choice === DOWNLOAD) {
      // Watching starts before the answer leaves, so the first progress notifications have somewhere to go.
      void progress.watch(p.installId, p.what).done;
      return { download: true };
    }
    if (choice === USE_MY_PYTHON) {
      await useOwnPython(p.flinkVersion);
      return { download: false };
    }
    // The server's answer to the command then says what happened (own Flink set, or no folder), not "declined".
    if (choice === USE_MY_OWN) {
      const flinkHome = await useOwnFlink(p.flinkVersion);
      return { download: false, ownFlink: { ...(flinkHome && { flinkHome }) } };
    }
    return { download: false };
  };
}

/** Asks for a python with apache-flink and stores it in flinkSql.python.interpreter (user settings: it names an executable). */
async function useOwnPython(flinkVersion: string): Promise<void> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: false, canSelectFiles: true, canSelectMany: false,
    title: `A Python interpreter with apache-flink ${flinkVersion} installed (e.g. your virtual environment's bin/python)`,
    openLabel: 'Use This Python',
  });
  const python = picked?.[0]?.fsPath;
  if (!python) return;
  await vscode.workspace.getConfiguration(SECTION).update('python.interpreter', python, vscode.ConfigurationTarget.Global);
  log.info(`flinkSql.python.interpreter set to ${python}`);
  void vscode.window.showInformationMessage(`PYTHON drafts now run with ${python} (setting flinkSql.python.interpreter). Run the draft again once the language server has restarted.`);
}

/** Asks for a Flink distribution folder and stores it (user settings: a workspace must not choose what runs); the folder set, if any. */
async function useOwnFlink(flinkVersion: string): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true, canSelectFiles: false, canSelectMany: false,
    title: `Your Flink ${flinkVersion} distribution (the unpacked binary release, with bin/ and lib/)`,
    openLabel: 'Use This Flink',
  });
  const folder = picked?.[0]?.fsPath;
  if (!folder) return undefined;
  // The server checks the version and the jars; this only catches the common slip of picking the parent folder.
  if (!fs.existsSync(path.join(folder, 'lib'))) {
    void vscode.window.showWarningMessage(`${folder} has no lib/ folder, so it is not a Flink distribution; the setting was not changed. Pick the folder that unpacking flink-${flinkVersion}-bin-*.tgz made.`);
    return undefined;
  }
  await vscode.workspace.getConfiguration(SECTION).update('localFlink.flinkHome', folder, vscode.ConfigurationTarget.Global);
  log.info(`flinkSql.localFlink.flinkHome set to ${folder}`);
  void vscode.window.showInformationMessage(`Flink SQL Studio now runs your Flink at ${folder} (setting flinkSql.localFlink.flinkHome). Run the draft again once the language server has restarted.`);
  return folder;
}
