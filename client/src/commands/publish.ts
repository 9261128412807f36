// "Flink: Publish": the draft becomes a new deployment version and a running job (a running deployment is
// upgraded from a savepoint); progress from the server in a notification, the Deployments view refreshed.
import * as vscode from 'vscode';
import { DeploymentPublishProgressNotification, DeploymentPublishRequest, type DeploymentPublishParams, type DeploymentPublishResult } from '../../../server/src/protocol';
import { operatorLabel, whyUnreadable, type UpgradeCheck } from '../../../server/src/upgrade/verdicts';
import type { CommandModule } from '../commandRegistry';
import type { DeploymentServices } from '../deployments/deploymentActions';
import type { Draft } from '../drafts/draftIndex';
import { connectionParams } from '../flink/connection';
import { jarCandidate, saveDraftFiles } from '../flink/jarDraftRun';
import { draftDocument } from '../flink/services';
import { log } from '../log';
import { requireTrust } from '../trust';

export const id = 'flinkSql.publish';
export const fromPlanId = 'flinkSql.publishFromPlan';
const DROP_STATE = 'Publish and Drop That State';
const FRESH_STATE = 'Publish with Fresh State';

/** Flink: Publish; and Flink: Publish from Running Version's Compiled Plan (`fromPlan`), the same with the plan. */
export function publishCommand(s: DeploymentServices, fromPlan = false): CommandModule {
  return {
    id: fromPlan ? fromPlanId : id,
    handler: async (arg?: vscode.Uri | Draft): Promise<DeploymentPublishResult | undefined> => {
      if (!(await requireTrust('Publish'))) return undefined;
      // A JAR draft publishes from its config or a file of its project (the server finds the config); else a SQL draft.
      const jarFile = !arg || arg instanceof vscode.Uri ? jarCandidate(arg) : undefined;
      if (jarFile) await saveDraftFiles();
      const document = jarFile ? undefined : await draftDocument(arg && !(arg instanceof vscode.Uri) && 'uri' in arg ? arg.uri : arg);
      if (document?.isDirty) await document.save();
      const target = jarFile ?? document!.uri;
      const uri = target.toString();
      const connection = await connectionParams(s.secrets);
      const title = `Flink: publishing ${vscode.workspace.asRelativePath(target)}`;
      let result = await publishWithProgress(s, { uri, connection, ...(fromPlan && { fromPlan }) }, title);
      // The upgrade check found state the new version would drop: nothing was touched; the user decides.
      if (result.stateLossRefused && result.upgrade) {
        const choice = await confirmStateLoss(`Publishing ${vscode.workspace.asRelativePath(target)}`, result.upgrade, result.planOffer);
        if (!choice) return undefined;
        result = await publishWithProgress(s, { uri, connection, ...(choice === 'from-plan' ? { fromPlan: true } : { allowStateLoss: true, ...(fromPlan && { fromPlan }) }) }, title);
      }
      void s.tree.refresh();
      for (const w of result.warnings) log.warn(`publish: ${w}`);
      if (!result.ok) throw new Error(result.error ?? `the job is ${result.state}`);
      const restored = result.restoredFrom ? `, restored from ${result.restoredFrom.kind} ${result.restoredFrom.path}` : result.restoreNote ? ` (${result.restoreNote})` : '';
      const msg = `Published ${result.deployment} v${result.version}: job ${result.jobId} ${result.state ?? 'submitted'}${restored}.`;
      log.info(msg);
      void vscode.window.showInformationMessage(result.warnings.length ? `${msg} ${result.warnings.length} setting(s) not applied: see the log.` : msg);
      return result;
    },
  };
}

/**
 * The modal an upgrade check's refusal asks (`what`: "Publishing orders.flink.sql"): `allow-state-loss` when the user
 * chose to go on losing that state (dropped: restore without it; incompatible: fresh state), `from-plan` to publish
 * the running version's compiled plan instead (offered when the statements did not change: `planOffer`).
 */
export async function confirmStateLoss(what: string, upgrade: UpgradeCheck, planOffer?: number): Promise<'allow-state-loss' | 'from-plan' | undefined> {
  const broken = upgrade.verdict === 'incompatible';
  const go = broken ? FRESH_STATE : DROP_STATE;
  const plan = planOffer !== undefined ? `Publish from v${planOffer}'s Compiled Plan` : undefined;
  const detail = `${stateLossDetail(upgrade)}${plan ? `\n\nThe statements did not change since version ${planOffer}: its compiled plan runs its operators as compiled, so their state carries over (the planner options changed since do not apply to them).` : ''}`;
  const choice = await vscode.window.showWarningMessage(broken ? `${what}: the new version cannot read the running version's state.` : `${what} would drop state.`,
    { modal: true, detail }, ...(plan ? [plan] : []), go);
  if (choice === go) return 'allow-state-loss';
  if (plan && choice === plan) return 'from-plan';
  log.info(`${what}: cancelled at the upgrade check (${upgrade.verdict}); the running version was not touched`);
  return undefined;
}

/** One publish request with its progress notification (the server's steps as messages). */
export function publishWithProgress(s: Pick<DeploymentServices, 'flink'>, params: DeploymentPublishParams, title: string): Promise<DeploymentPublishResult> {
  return withPublishProgress(s, params.uri, title, () => s.flink.request(DeploymentPublishRequest, params));
}

/** Runs `request` under a progress notification showing the server's publish steps for `uri` (publish, the upgrade check). */
export async function withPublishProgress<T>(s: Pick<DeploymentServices, 'flink'>, uri: string, title: string, request: () => Promise<T>): Promise<T> {
  const client = await s.flink.client();
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, async (progress) => {
    const sub = client.onNotification(DeploymentPublishProgressNotification, (p) => {
      if (p.uri !== uri) return;
      log.info(`publish: ${p.message}`);
      progress.report({ message: p.message });
    });
    try {
      return await request();
    } finally {
      sub.dispose();
    }
  });
}

/** The modal's detail: each operator that keeps state, restored or dropped, and what dropping means. */
export function stateLossDetail(u: UpgradeCheck): string {
  const rows = u.operators.map((o) => (o.verdict === 'incompatible' ? `✗ incompatible  ${operatorLabel(o)}: ${whyUnreadable(o)}`
    : `${o.verdict === 'dropped' ? '✗ dropped ' : '✓ restored'}  ${operatorLabel(o)}`));
  const head = `The running version's state, operator by operator (from a savepoint of the running job, ${(u.elapsedMs / 1000).toFixed(1)} s):\n${rows.join('\n')}\n\n`;
  if (u.verdict === 'incompatible') {
    return `${head}An incompatible operator keeps its id but its key or its state's layout changed: Flink cannot read its state, so restoring would fail. `
      + 'Nothing has been stopped yet. Publish with fresh state to stop the running version with a savepoint and start the new one without any state.';
  }
  return `${head}A dropped operator has no operator with its id in the new version: its state (counts, windows, join rows) restarts from zero. `
    + 'Nothing has been stopped yet. Publish anyway to stop the running version with a savepoint and restore the new one without that state.';
}
