// The LSP handler of Show Plan (`flinkSql/plan`): resolves the target as Validate does, asks the engine for the
// draft's plan graphs (plan/explainPlan.ts) and answers with the failure as text when it cannot.
import type { CancellationToken, Connection } from 'vscode-languageserver';
import { explainPlan, type DraftPlan } from '../plan/explainPlan';
import type { FlinkVersion } from '../parser';
import { FlinkPlanRequest, type FlinkConnectionParams, type FlinkPlanResult } from '../protocol';
import { sessionOf } from '../udf/draftJars';
import { errorText, type ResolvedTarget } from './flinkConnection';
import type { Runner } from './runSafe';

/** What the Flink handlers share with this one (flinkHandlers.ts owns the connections). */
export interface PlanDeps {
  withTarget<T>(params: FlinkConnectionParams, fn: (t: ResolvedTarget) => Promise<T>, flinkVersion?: string): Promise<T>;
  draftText(uri: string): Promise<string>;
  flinkVersionOf(uri: string): FlinkVersion | undefined;
  /** Errors the user can act on (no gateway, Flink refused…), answered as text; others are bugs, logged by runSafe. */
  expected(err: unknown): boolean;
  reachable(params: FlinkConnectionParams, target: ResolvedTarget, flinkVersion: string): void;
}

/** A plan as the protocol answers it (Show Plan, and each side of the upgrade's side by side). */
export function planResult(p: DraftPlan): FlinkPlanResult {
  return { ok: true, flinkVersion: p.flinkVersion, graphs: p.graphs, problems: p.problems, stateTtl: p.stateTtl, elapsedMs: p.elapsedMs, summary: p.summary };
}

export function registerPlanHandlers(connection: Connection, runner: Runner, deps: PlanDeps): void {
  connection.onRequest(FlinkPlanRequest, (params, token: CancellationToken) => {
    const empty: FlinkPlanResult = { ok: false, graphs: [], problems: [], elapsedMs: 0, summary: 'Show Plan failed; see the Flink SQL log.' };
    return runner.request('flinkSql/plan', token, empty, async () => {
      const started = performance.now();
      try {
        const text = await deps.draftText(params.uri);
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        const flinkVersion = deps.flinkVersionOf(params.uri);
        return await deps.withTarget(params.connection, async (target) => {
          const setup = await sessionOf(params.uri, text, target, flinkVersion);
          const plan = await explainPlan(text, target, { signal: abort.signal, flinkVersion, ...setup });
          deps.reachable(params.connection, target, plan.flinkVersion);
          return planResult(plan);
        }, flinkVersion);
      } catch (err) {
        if (!deps.expected(err)) throw err;
        return { ...empty, elapsedMs: Math.round(performance.now() - started), summary: errorText(err) };
      }
    });
  });
}
