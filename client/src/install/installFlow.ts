// Installing a pinned Flink version on request (Install Local Flink…, Manage Local Flink Installations): pick the
// version and its connectors, then LocalFlinkInstallRequest with the shared progress notification.
import { randomUUID } from 'crypto';
import * as vscode from 'vscode';
import { LocalFlinkInstallRequest, LocalFlinkListRequest, type LocalFlinkInstallation } from '../../../server/src/protocol';
import type { FlinkClient } from '../flink/flinkClient';
import { log } from '../log';
import type { InstallProgress } from './installProgress';
import { describeInstall, formatBytes, installationDescription } from './installText';

/** What the install commands share (built once in install/index.ts). */
export interface InstallServices {
  flink: FlinkClient;
  progress: InstallProgress;
}

export type InstallOutcome = { ok: boolean; cancelled?: boolean; error?: string; message?: string };

/** `version` (a pinned version or its line) skips the version pick; undefined when the user backed out. */
export async function installLocalFlink(s: InstallServices, version?: string): Promise<InstallOutcome | undefined> {
  const list = await s.flink.request(LocalFlinkListRequest, {});
  const inst = version ? list.installations.find((i) => i.version === version || i.line === version) : await pickVersion(list.installations);
  if (!inst) {
    if (version) throw new Error(`Flink ${version} is not a version this extension pins (${list.installations.map((i) => i.version).join(', ')}).`);
    return undefined;
  }
  const connectors = await pickConnectors(inst);
  if (!connectors) return undefined;
  return runInstall(s, inst.version, connectors);
}

async function pickVersion(installations: LocalFlinkInstallation[]): Promise<LocalFlinkInstallation | undefined> {
  const items = installations.map((i) => ({
    label: `Flink ${i.version}`,
    description: installationDescription(i),
    detail: [i.home, i.problem && !i.installed ? i.problem : '', i.userDist ? `your Flink ${i.userDist.version} at ${i.userDist.home} runs instead` : '']
      .filter(Boolean).join(' · '),
    inst: i,
  }));
  const pick = await vscode.window.showQuickPick(items, { title: 'Install Local Flink', placeHolder: 'The Flink version to install (the jars come from Maven)', matchOnDetail: true });
  return pick?.inst;
}

/** The connectors to install with it; installed ones come pre-picked. undefined: the user backed out. */
async function pickConnectors(inst: LocalFlinkInstallation): Promise<string[] | undefined> {
  if (!inst.connectors.length) return [];
  const items = inst.connectors.map((c) => ({
    label: c.name,
    description: c.installed ? `installed · ${formatBytes(c.bytes)}` : `about ${formatBytes(c.bytes)} to download`,
    detail: [c.description, c.identifiers.length ? `connector = ${c.identifiers.join(', ')}` : ''].filter(Boolean).join(' · '),
    picked: c.installed,
    name: c.name,
  }));
  const picks = await vscode.window.showQuickPick(items, {
    title: `Connectors for Flink ${inst.version} (optional)`,
    placeHolder: 'Pick the connectors to install too, or none; unpicking an installed one does not remove it',
    canPickMany: true,
  });
  return picks?.map((p) => p.name);
}

/** Installs now (no consent asked: the user asked for it), behind the progress notification. */
export async function runInstall(s: InstallServices, version: string, connectors: string[]): Promise<InstallOutcome> {
  const installId = randomUUID();
  const what = describeInstall(version, connectors);
  log.info(`install ${installId}: ${what}`);
  const watch = s.progress.watch(installId, what);
  let result: InstallOutcome;
  try {
    result = await s.flink.request(LocalFlinkInstallRequest, { installId, flinkVersion: version, ...(connectors.length ? { connectors } : {}) });
  } catch (err) {
    result = { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  // The server ends with `done`; should it not (an older server, a lost notification), the answer closes the notification.
  watch.finish({ ok: result.ok, cancelled: result.cancelled, error: result.error });
  const done = await watch.done;
  if (done.ok) void vscode.window.showInformationMessage(result.message ?? `${what} installed.`);
  return { ...result, ok: done.ok, cancelled: done.cancelled, error: done.error ?? result.error };
}
