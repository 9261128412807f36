// The messages between the plan panel host (client/src/plan/planPanel.ts) and its webview (client/webview/plan.ts).
// The host checks every inbound message with `planWebviewToHostSchema`; the webview imports only the types.
import * as z from 'zod/mini';
import type { FlinkPlanResult, FlinkUpgradePlanResult, PlanGraph, PlanNode } from '../../server/src/protocol';

export type { FlinkPlanResult, FlinkUpgradePlanResult, PlanGraph, PlanNode };

/** host → webview */
export type PlanHostToWebview =
  /** Asking the planner (the view keeps the last plan, greyed, until the answer). */
  | { type: 'loading'; text: string }
  /** The plan to draw: `fileName` is the draft's workspace-relative path. */
  | { type: 'plan'; fileName: string; result: FlinkPlanResult }
  /** An upgrade's side by side: the running version's plan and the draft's, operators marked with their state's fate. */
  | { type: 'upgrade'; fileName: string; result: FlinkUpgradePlanResult };

/** webview → host, checked with zod on arrival. */
export const planWebviewToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  /** Show node `node` of graph `graph` in the draft (its first source's lines; in a side by side, the draft's graph). */
  z.object({ type: z.literal('reveal'), graph: z.number().check(z.int(), z.minimum(0), z.maximum(10_000)), node: z.string().check(z.maxLength(20), z.regex(/^\d+$/)) }),
  /** Plan the draft again (its current text). */
  z.object({ type: z.literal('refresh') }),
]);

export type PlanWebviewToHost = z.infer<typeof planWebviewToHostSchema>;
