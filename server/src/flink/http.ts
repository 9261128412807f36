// Shared JSON-over-HTTP helper for the Flink REST clients: per-request timeouts, bounded retries on
// transient failures only (connection refused/reset while a process starts, 502–504), typed errors.
import type { z } from 'zod';
import { insecureAuthFromEnv, insecureAuthProblem, moveUserinfo, redactUrl } from './urlCredentials';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface HttpOptions {
  method?: HttpMethod;
  /** Serialized as JSON when present. */
  body?: unknown;
  /** A multipart form instead (a jar upload); fetch writes its content type and boundary. */
  form?: FormData;
  /** Per attempt. Default 10 s. */
  timeoutMs?: number;
  /** Extra attempts after a transient failure. Default 2. */
  retries?: number;
  /** Delay before the first retry; doubles each time. Default 250 ms. */
  retryDelayMs?: number;
  /** true: send the URL's userinfo over plain http to another machine too (the user's explicit choice). Default: $FLINK_SQL_ALLOW_INSECURE_AUTH. */
  allowInsecureAuth?: boolean;
}

/** The server answered with a non-2xx status. `body` is the raw text (often Flink's `{"errors":[…]}`). */
export class HttpStatusError extends Error {
  readonly url: string;
  constructor(url: string, readonly status: number, readonly body: string) {
    super(`HTTP ${status} from ${redactUrl(url)}: ${summarizeBody(body)}`);
    this.url = redactUrl(url);
    this.name = 'HttpStatusError';
  }
}

/** No HTTP answer at all: refused, reset, DNS, timeout. `code` is the socket error code when known. */
export class HttpUnreachableError extends Error {
  readonly url: string;
  constructor(url: string, readonly code: string, detail: string) {
    super(`${redactUrl(url)} is not reachable: ${redactUrl(detail)}`);
    this.url = redactUrl(url);
    this.name = 'HttpUnreachableError';
  }
}

/** The answer was not the JSON shape we expect (Flink changed, or it is not Flink on that port). */
export class HttpShapeError extends Error {
  readonly url: string;
  constructor(url: string, detail: string) {
    super(`Unexpected response from ${redactUrl(url)}: ${detail}`);
    this.url = redactUrl(url);
    this.name = 'HttpShapeError';
  }
}

const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const TRANSIENT_STATUS = new Set([502, 503, 504]);

/** A credential would have gone in clear text to another machine: not sent. */
export class InsecureAuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InsecureAuthError';
  }
}

/** Performs one request (with retries) and returns the body text; throws the typed errors above. */
export async function httpText(url: string, opts: HttpOptions = {}): Promise<string> {
  const retries = opts.retries ?? 2;
  let delay = opts.retryDelayMs ?? 250;
  for (let attempt = 0; ; attempt++) {
    try {
      return await attemptOnce(url, opts);
    } catch (err) {
      if (attempt >= retries || !isTransient(err)) throw err;
      await sleep(delay);
      delay *= 2;
    }
  }
}

/** Like httpText, then parses JSON and checks it with `schema` (empty bodies parse as `{}`). */
export async function httpJson<S extends z.ZodType>(url: string, schema: S, opts: HttpOptions = {}): Promise<z.infer<S>> {
  const text = await httpText(url, opts);
  let value: unknown;
  try {
    value = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new HttpShapeError(url, `not JSON: ${summarizeBody(text)}`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpShapeError(url, `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

export function isTransient(err: unknown): boolean {
  if (err instanceof HttpUnreachableError) return TRANSIENT_CODES.has(err.code);
  if (err instanceof HttpStatusError) return TRANSIENT_STATUS.has(err.status);
  return false;
}

async function attemptOnce(target: string, opts: HttpOptions): Promise<string> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const headers: Record<string, string> = { accept: 'application/json' };
  // fetch refuses URLs with userinfo, and they must not show up in errors: send it as a header instead.
  const { url, authorization } = moveUserinfo(target);
  const refusal = insecureAuthProblem(url, !!authorization, opts.allowInsecureAuth ?? insecureAuthFromEnv());
  if (refusal) throw new InsecureAuthError(refusal);
  if (authorization) headers.authorization = authorization;
  let body: string | FormData | undefined;
  if (opts.form) {
    body = opts.form;
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(url, { method: opts.method ?? 'GET', headers, body, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw toUnreachable(url, err, timeoutMs);
  }
  let text: string;
  try {
    text = await res.text();
  } catch (err) {
    throw toUnreachable(url, err, timeoutMs);
  }
  if (!res.ok) throw new HttpStatusError(url, res.status, text);
  return text;
}

function toUnreachable(url: string, err: unknown, timeoutMs: number): HttpUnreachableError {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return new HttpUnreachableError(url, 'ETIMEDOUT', `no answer within ${timeoutMs} ms`);
  }
  const code = e?.cause?.code ?? 'EUNKNOWN';
  return new HttpUnreachableError(url, code, e?.cause?.message ?? e?.message ?? String(err));
}

/** Flink error bodies are `{"errors":[…]}` with multi-kB stack traces; keep the first useful line. */
export function summarizeBody(body: string, max = 300): string {
  let text = body;
  try {
    const parsed = JSON.parse(body) as { errors?: unknown };
    // Each entry may hold a whole stack trace; its first line (after Flink's "<Exception on server side:") is the message.
    if (Array.isArray(parsed.errors)) text = parsed.errors.map((e) => firstLine(String(e))).join(' | ');
  } catch {
    /* not JSON: use as is */
  }
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max)}…` : text || '(empty body)';
}

function firstLine(error: string): string {
  const lines = error.split('\n').map((l) => l.trim()).filter(Boolean);
  return (lines[0]?.startsWith('<Exception on server side:') ? lines[1] : lines[0]) ?? '';
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
