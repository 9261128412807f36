// The messages between the results panel host (client/src/flink/resultsPanel.ts) and its webview
// (client/webview/results.ts): discriminated unions both import. The host checks every inbound message
// with `webviewToHostSchema` before acting on it; the webview imports only the types (no zod in its bundle).
import * as z from 'zod/mini';
import type { ExecutionEvent } from '../../server/src/protocol';

export type { ExecutionEvent, ResultColumnInfo, ResultRow, ResultRowKind } from '../../server/src/protocol';

/** host → webview */
export type HostToWebview =
  /** A new execution starts: clear the view. `maxRows` bounds what the view keeps; `preview`: sinks captured, nothing written. */
  | { type: 'reset'; executionId: string; title: string; maxRows: number; rowLimit: number; preview?: boolean }
  /** Events of the running execution, in order (rows arrive batched). */
  | { type: 'events'; executionId: string; events: ExecutionEvent[] };

/** The view as rendered: what the webview reports after each render (tests read it; the host logs nothing of it). */
export interface RenderedState {
  statement?: number;
  /** The shown entry as the status names it ("Sink orders_out (line 12)", "Statement 3 (line 12)"). */
  entry?: string;
  mode: 'table' | 'changelog';
  columns: string[];
  /** Rows the model holds for the shown statement (table rows or changelog entries). */
  totalRows: number;
  /** Only the rows in the DOM (the visible window), as text. */
  domRows: string[][];
  status: string;
  paused: boolean;
}

const renderedSchema = z.object({
  statement: z.optional(z.number()),
  entry: z.optional(z.string().check(z.maxLength(1000))),
  mode: z.enum(['table', 'changelog']),
  columns: z.array(z.string()),
  totalRows: z.number(),
  domRows: z.array(z.array(z.string())),
  status: z.string(),
  paused: z.boolean(),
});

/** webview → host, checked with zod on arrival. */
export const webviewToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('stop') }),
  /** "Preview instead" on an INSERT that Execute ran: preview that statement (sinks captured). */
  z.object({ type: z.literal('preview'), statement: z.optional(z.number().check(z.int(), z.minimum(0))) }),
  z.object({ type: z.literal('copy'), text: z.string().check(z.maxLength(50_000_000)) }),
  z.object({
    type: z.literal('export'),
    format: z.enum(['csv', 'json']),
    content: z.string().check(z.maxLength(200_000_000)),
    suggestedName: z.string().check(z.maxLength(200)),
  }),
  z.object({ type: z.literal('rendered'), state: renderedSchema }),
]);

export type WebviewToHost = z.infer<typeof webviewToHostSchema>;
