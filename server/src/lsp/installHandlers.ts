// LSP face of the local Flink installations: the provisioner that asks the editor before a first-use download
// (InstallConsentRequest) and reports its progress (InstallProgressNotification, cancellable), and the requests
// behind "Install Local Flink…", "Manage Local Flink Installations" and "Check Prerequisites".
import { randomUUID } from 'node:crypto';
import type { Connection } from 'vscode-languageserver';
import { describePlan, InstallDeclinedError, installPlan, progressPercent, runPlan, setProvisioner, type InstallPlan, type InstallProgress, type RunInstall } from '../flink/ensureFlink';
import { listInstallations, removeInstallation } from '../flink/installations';
import { checkPrerequisites } from '../flink/prerequisites';
import { InstallCancelledError } from '../flink/provisionMaven';
import { pinnedConnectors } from '../flink/provisionConnectors';
import { resolveFlinkVersion } from '../flink/provision';
import {
  CancelInstallNotification, InstallConsentRequest, InstallProgressNotification, LocalFlinkInstallRequest, LocalFlinkListRequest,
  LocalFlinkRemoveRequest, PrerequisitesRequest, type InstallProgressParams,
} from '../protocol';
import type { Runner } from './runSafe';

/** Registers the handlers; with `askConsent` (the client said it can answer InstallConsentRequest) first uses download after asking. */
export function registerInstallHandlers(connection: Connection, runner: Runner, askConsent: () => boolean): void {
  const running = new Map<string, AbortController>();
  connection.onNotification(CancelInstallNotification, ({ installId }) => runner.notification('cancelInstall', () => running.get(installId)?.abort()));

  /** Runs an install, sending its progress under `installId` and a final `done`; rethrows its failure. */
  async function withProgress(installId: string, plan: InstallPlan, run: RunInstall): Promise<void> {
    const abort = new AbortController();
    running.set(installId, abort);
    const send = (p: Omit<InstallProgressParams, 'installId'>) => void connection.sendNotification(InstallProgressNotification, { installId, ...p });
    let lastPercent = -1;
    try {
      await run((p: InstallProgress) => {
        const percent = progressPercent(p);
        if (percent !== undefined) lastPercent = Math.max(lastPercent, percent);
        send({ message: p.message, ...(lastPercent >= 0 && { percent: lastPercent }) });
      }, abort.signal);
      send({ message: `Installed ${describePlan(plan)}`, percent: 100, done: { ok: true } });
    } catch (err) {
      const cancelled = err instanceof InstallCancelledError;
      send({ message: cancelled ? 'Cancelled' : 'Failed', done: { ok: false, cancelled, error: (err as Error).message } });
      throw err;
    } finally {
      running.delete(installId);
    }
  }

  // First use: the engine found something missing; the editor asks the user (a modal with the size and the place).
  setProvisioner(async (plan, run) => {
    if (!askConsent()) throw new InstallDeclinedError(plan);
    const installId = randomUUID();
    const answer = await connection.sendRequest(InstallConsentRequest, {
      installId, flinkVersion: plan.flinkVersion, what: describePlan(plan), items: plan.items, bytes: plan.bytes, installRoot: plan.installRoot,
    });
    if (!answer?.download) throw new InstallDeclinedError(plan, { ...(answer?.ownFlink && { ownFlink: answer.ownFlink }) });
    console.info(`Installing ${describePlan(plan)} into ${plan.installRoot} (the user agreed)`);
    await withProgress(installId, plan, run);
  });

  connection.onRequest(LocalFlinkListRequest, (_params, token) =>
    runner.request('localFlink/list', token, { installRoot: '', installations: [], userDists: [] }, () => listInstallations()));

  type InstallAnswer = { ok: boolean; cancelled?: boolean; error?: string; message?: string };
  connection.onRequest(LocalFlinkInstallRequest, (params, token) => runner.request<InstallAnswer>('localFlink/install', token, { ok: false, error: 'The install failed (see the log).' }, async () => {
    try {
      const release = resolveFlinkVersion(params.flinkVersion);
      const names = params.connectors?.includes('all') ? Object.keys(pinnedConnectors(release)) : params.connectors ?? [];
      const plan = await installPlan(release, names);
      if (!plan.items.length) {
        void connection.sendNotification(InstallProgressNotification, { installId: params.installId, message: 'Already installed', percent: 100, done: { ok: true } });
        return { ok: true, message: `Flink ${release}${names.length ? ` with ${names.join(', ')}` : ''} is already installed in ${plan.installRoot}.` };
      }
      await withProgress(params.installId, plan, (onProgress, signal) => runPlan(plan, onProgress, signal));
      return { ok: true, message: `Installed ${describePlan(plan)} into ${plan.installRoot}.` };
    } catch (err) {
      return { ok: false, cancelled: err instanceof InstallCancelledError, error: (err as Error).message };
    }
  }));

  connection.onRequest(LocalFlinkRemoveRequest, (params, token) => runner.request('localFlink/remove', token, { ok: false, freedBytes: 0, error: 'The removal failed (see the log).' }, () => {
    try {
      const r = removeInstallation(resolveFlinkVersion(params.flinkVersion), { connectors: params.connectors });
      return { ok: true, freedBytes: r.freedBytes };
    } catch (err) {
      return { ok: false, freedBytes: 0, error: (err as Error).message };
    }
  }));

  connection.onRequest(PrerequisitesRequest, (_params, token) => runner.request('prerequisites', token, { ok: false, checks: [] }, () => checkPrerequisites()));
}
