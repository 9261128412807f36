// The messages between the deployment panel host (client/src/deployment/deploymentPanel.ts) and its webview
// (client/webview/deployment.ts). The host checks every inbound message with `deploymentWebviewToHostSchema`;
// the webview imports only the types.
import * as z from 'zod/mini';
import type { DeploymentState } from '../../server/src/protocol';
import type { FieldInfo } from '../../server/src/deployment/fields';

export type { DeploymentState, FieldInfo };

/** host → webview */
export type DeploymentHostToWebview =
  /** What to show: the fields, the state (values, problems, greyed fields), unsaved edits, a notice. */
  | { type: 'state'; fields: readonly FieldInfo[]; state: DeploymentState; dirty: boolean; fileName: string; notice?: { kind: 'info' | 'error'; text: string } };

const value = z.union([z.string().check(z.maxLength(100_000)), z.number(), z.boolean(), z.null(),
  z.array(z.string().check(z.maxLength(10_000))).check(z.maxLength(1000)), z.record(z.string().check(z.maxLength(1000)), z.string().check(z.maxLength(10_000)))]);

/** webview → host, checked with zod on arrival. */
export const deploymentWebviewToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('edit'), path: z.string().check(z.maxLength(200), z.regex(/^[A-Za-z][A-Za-z0-9.]*$/)), value }),
  z.object({ type: z.literal('save') }),
  z.object({ type: z.literal('revert') }),
  z.object({ type: z.literal('replaceWithDefaults') }),
  z.object({ type: z.literal('openYaml') }),
]);

export type DeploymentWebviewToHost = z.infer<typeof deploymentWebviewToHostSchema>;
