// Typed client for the Flink SQL Gateway REST API (v2+): sessions, statements, paged results, completion.
// Owns HTTP concerns (timeouts, retries on transient failures only, clear "not reachable" errors).
import * as http from 'node:http';
import * as https from 'node:https';
import type { z } from 'zod';
import {
  apiVersionsSchema, completeStatementSchema, errorBodySchema, fetchResultsSchema, infoSchema,
  operationHandleSchema, operationStatusSchema, sessionConfigSchema, sessionHandleSchema,
  type ColumnInfo, type FetchResults, type RowData,
} from './gatewaySchemas';
import { GatewayError, summarizeErrorBody } from './flinkErrors';
import { redactDeep, SecretScope, type SecretHints, type SecretResolver } from '../secrets/secretRefs';
import { insecureAuthFromEnv, insecureAuthProblem, moveUserinfo, redactUrl, withAuthorization } from './urlCredentials';

export interface GatewayClientOptions {
  /** Per HTTP request. */
  timeoutMs?: number;
  /** Extra attempts for transient failures (connection refused/reset, 502–504). */
  retries?: number;
  /** Headers sent with every request (an auth header, say). */
  headers?: Record<string, string>;
  /** false accepts any TLS certificate. Default true. */
  rejectUnauthorized?: boolean;
  /** true: send headers / userinfo over plain http to another machine too (the user's explicit choice). Default: $FLINK_SQL_ALLOW_INSECURE_AUTH. */
  allowInsecureAuth?: boolean;
}

export interface StatementOptions {
  executionConfig?: Record<string, string>;
  executionTimeoutMs?: number;
}

export interface ResultPage {
  columns: ColumnInfo[];
  rows: RowData[];
  jobId?: string;
  isQueryResult?: boolean;
  resultKind?: string;
}

export interface StatementResult {
  columns: ColumnInfo[];
  rows: RowData[];
  jobId?: string;
  isQueryResult: boolean;
}

type Method = 'GET' | 'POST' | 'DELETE';

const TRANSIENT_STATUS = new Set([502, 503, 504]);
// Errors where the request never reached the server: safe to retry whatever the method.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE']);

// Result polling backs off from 5 ms to this: a query's first row waits on job start-up (hundreds of ms),
// so a short cap keeps time-to-first-row tight at ≤ 10 cheap requests per second per running query.
const POLL_MAX_MS = 100;

/** The newest REST versions we speak, best first; v1 lacks `rowFormat` and the SQL-client endpoints. */
const SUPPORTED_VERSIONS = ['v4', 'v3', 'v2'];

export function normalizeGatewayUrl(url: string): string {
  const withScheme = /^https?:\/\//i.test(url) ? url : `http://${url}`;
  return withScheme.replace(/\/+$/, '');
}

export class GatewayClient {
  readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly transport: Transport;
  /** Where every request must go: the auth header is sent to this origin and nowhere else. */
  private readonly origin: string;
  /** Set when the credential may not be sent to this gateway (clear text to another machine): every request refuses. */
  private readonly refusal?: string;

  constructor(baseUrl: string, readonly apiVersion = 'v2', options: GatewayClientOptions = {}) {
    // Userinfo leaves the URL for a header, so baseUrl (in every message and record) never carries it.
    const { url, authorization } = moveUserinfo(normalizeGatewayUrl(baseUrl));
    this.baseUrl = url;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retries = options.retries ?? 2;
    const headers = withAuthorization(options.headers ?? {}, authorization);
    this.transport = { headers, rejectUnauthorized: options.rejectUnauthorized ?? true };
    this.origin = originOf(url) ?? url;
    this.refusal = insecureAuthProblem(url, Object.keys(headers).length > 0, options.allowInsecureAuth ?? insecureAuthFromEnv());
  }

  /** Connects to the newest API version both sides support (one `/api_versions` round trip). */
  static async connect(baseUrl: string, options: GatewayClientOptions = {}): Promise<GatewayClient> {
    const probe = new GatewayClient(baseUrl, '', options);
    const { versions } = await probe.request('GET', '/api_versions', apiVersionsSchema, undefined, 'list API versions');
    const lower = versions.map((v) => v.toLowerCase());
    const chosen = SUPPORTED_VERSIONS.find((v) => lower.includes(v));
    if (!chosen) {
      throw new GatewayError('protocol', `SQL Gateway at ${probe.baseUrl} speaks ${versions.join(', ')}; Flink SQL Studio needs REST API v2 or newer (Flink 1.17+).`);
    }
    return new GatewayClient(baseUrl, chosen, options);
  }

  info() { return this.request('GET', '/info', infoSchema, undefined, 'read gateway info'); }

  async openSession(properties: Record<string, string> = {}, sessionName?: string): Promise<string> {
    const body = { properties, ...(sessionName ? { sessionName } : {}) };
    return (await this.request('POST', '/sessions', sessionHandleSchema, body, 'open a session')).sessionHandle;
  }

  async closeSession(session: string): Promise<void> {
    await this.request('DELETE', `/sessions/${session}`, null, undefined, 'close the session');
  }

  async heartbeat(session: string): Promise<void> {
    await this.request('POST', `/sessions/${session}/heartbeat`, null, {}, 'heartbeat');
  }

  async sessionConfig(session: string): Promise<Record<string, string>> {
    return (await this.request('GET', `/sessions/${session}`, sessionConfigSchema, undefined, 'read session config')).properties;
  }

  /** Runs DDL/USE/SET-like statements without an operation handle (REST v2+). */
  async configureSession(session: string, statement: string, executionTimeoutMs?: number): Promise<void> {
    const body = { statement, ...(executionTimeoutMs ? { executionTimeout: executionTimeoutMs } : {}) };
    await this.request('POST', `/sessions/${session}/configure-session`, null, body, 'configure the session');
  }

  /** Completion candidates from Flink's own SQL completer (`position` is a 0-based offset). */
  async completeStatement(session: string, statement: string, position: number): Promise<string[]> {
    const res = await this.request('GET', `/sessions/${session}/complete-statement`, completeStatementSchema,
      { statement, position }, 'complete the statement');
    return res.candidates;
  }

  async submitStatement(session: string, statement: string, options: StatementOptions = {}): Promise<string> {
    const body = {
      statement,
      ...(options.executionTimeoutMs ? { executionTimeout: options.executionTimeoutMs } : {}),
      ...(options.executionConfig ? { executionConfig: options.executionConfig } : {}),
    };
    return (await this.request('POST', `/sessions/${session}/statements`, operationHandleSchema, body, 'submit the statement')).operationHandle;
  }

  async operationStatus(session: string, operation: string): Promise<string> {
    return (await this.request('GET', `/sessions/${session}/operations/${operation}/status`, operationStatusSchema, undefined, 'read the operation status')).status;
  }

  async cancelOperation(session: string, operation: string): Promise<string> {
    return (await this.request('POST', `/sessions/${session}/operations/${operation}/cancel`, operationStatusSchema, {}, 'cancel the operation')).status;
  }

  async closeOperation(session: string, operation: string): Promise<string> {
    return (await this.request('DELETE', `/sessions/${session}/operations/${operation}/close`, operationStatusSchema, undefined, 'close the operation')).status;
  }

  /** One page: `next` is a token number or the gateway's own `nextResultUri`. */
  fetchPage(session: string, operation: string, next: number | string): Promise<FetchResults> {
    const path = typeof next === 'string' ? next : `/sessions/${session}/operations/${operation}/result/${next}?rowFormat=JSON`;
    return this.request('GET', path, fetchResultsSchema, undefined, 'fetch results');
  }

  /**
   * Follows `nextResultUri` until EOS, yielding each page that has columns or rows. NOT_READY and empty
   * pages (a streaming query waiting for data) are polled again with backoff; `signal` stops the loop.
   */
  async *pages(session: string, operation: string, signal?: AbortSignal): AsyncGenerator<ResultPage> {
    let next: number | string = 0;
    let delay = 0;
    for (;;) {
      if (signal?.aborted) throw new GatewayError('cancelled', 'Cancelled.');
      const page = await this.fetchPage(session, operation, next);
      if (page.resultType !== 'NOT_READY' && page.results) {
        const rows = page.results.data;
        yield { columns: page.results.columns, rows, jobId: page.jobID, isQueryResult: page.isQueryResult, resultKind: page.resultKind };
        if (rows.length) delay = 0;
      }
      if (page.resultType === 'EOS') return;
      // NOT_READY repeats its own token; a PAYLOAD without a next page is the end.
      if (page.nextResultUri) next = page.nextResultUri;
      else if (page.resultType !== 'NOT_READY') return;
      if (page.resultType === 'NOT_READY' || !page.results?.data.length) {
        delay = delay === 0 ? 5 : Math.min(POLL_MAX_MS, Math.ceil(delay * 1.6));
        await sleep(delay, signal);
      }
    }
  }

  /** Submits a statement and reads all of its results (for DDL, SHOW, EXPLAIN and other bounded answers). */
  async runStatement(session: string, statement: string, options: StatementOptions & { signal?: AbortSignal; maxRows?: number } = {}): Promise<StatementResult> {
    const operation = await this.submitStatement(session, statement, options);
    const out: StatementResult = { columns: [], rows: [], isQueryResult: false };
    try {
      for await (const page of this.pages(session, operation, options.signal)) {
        if (page.columns.length) out.columns = page.columns;
        if (page.jobId) out.jobId = page.jobId;
        if (page.isQueryResult) out.isQueryResult = true;
        for (const r of page.rows) {
          if (options.maxRows !== undefined && out.rows.length >= options.maxRows) break;
          out.rows.push(r);
        }
        if (options.maxRows !== undefined && out.rows.length >= options.maxRows) break;
      }
    } finally {
      await this.closeOperation(session, operation).catch(() => undefined);
    }
    return out;
  }

  /** One HTTP exchange with retries on transient failures; `schema === null` means "ignore the body". */
  async request<S extends z.ZodType>(method: Method, path: string, schema: S, body: unknown, what: string): Promise<z.infer<S>>;
  async request(method: Method, path: string, schema: null, body: unknown, what: string): Promise<void>;
  async request(method: Method, path: string, schema: z.ZodType | null, body: unknown, what: string): Promise<unknown> {
    if (this.refusal) throw new GatewayError('protocol', this.refusal);
    const url = this.url(path, what);
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(method, url, schema, body, what);
      } catch (e) {
        if (!(e instanceof GatewayError) || attempt >= this.retries || !isRetryable(e, method, path)) throw e;
        await sleep(150 * 3 ** attempt);
      }
    }
  }

  /**
   * The request URL for `path`, which may be the gateway's own `nextResultUri` (relative, or absolute): it must
   * stay on the gateway's origin (scheme, host, port), or the auth header would follow it elsewhere (or to http).
   */
  private url(path: string, what: string): string {
    let url: string;
    if (/^[a-z][a-z0-9+.-]*:/i.test(path)) {
      url = moveUserinfo(path).url;
    } else {
      // `nextResultUri` already carries its version prefix.
      const versioned = /^\/v\d+\//.test(path) || !this.apiVersion ? path : `/${this.apiVersion}${path.startsWith('/') ? '' : '/'}${path}`;
      url = this.baseUrl + (versioned.startsWith('/') ? '' : '/') + versioned;
    }
    const origin = originOf(url);
    if (origin !== this.origin) {
      throw new GatewayError('protocol', `SQL Gateway at ${this.baseUrl} sent a link to ${origin ? redactUrl(origin) : 'an invalid URL'} to ${what}, `
        + 'which is not the gateway: not followed (its credentials go to the gateway only).');
    }
    return url;
  }

  private async once(method: Method, url: string, schema: z.ZodType | null, body: unknown, what: string): Promise<unknown> {
    let res: { status: number; text: string };
    try {
      res = await httpExchange(method, url, body === undefined ? undefined : JSON.stringify(body), this.timeoutMs, this.transport);
    } catch (e) {
      throw this.networkError(e, what);
    }
    const { status, text } = res;
    if (status < 200 || status >= 300) throw httpError(status, text, this.baseUrl, what);
    if (schema === null) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new GatewayError('protocol', `SQL Gateway at ${this.baseUrl} answered "${what}" with non-JSON: ${text.slice(0, 200)}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new GatewayError('protocol', `Unexpected answer from SQL Gateway at ${this.baseUrl} to "${what}": ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    return parsed.data;
  }

  private networkError(e: unknown, what: string): GatewayError {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ETIMEDOUT_GATEWAY') {
      return new GatewayError('timeout', `SQL Gateway at ${this.baseUrl} did not answer "${what}" within ${this.timeoutMs} ms.`);
    }
    const code = err.code ?? '';
    const reason = redactUrl(code && !err.message.includes(code) ? `${code} ${err.message}` : err.message);
    return new GatewayError('unreachable',
      `SQL Gateway at ${this.baseUrl} is not reachable: ${reason}; start the local cluster (flink-sql local start) or check flinkSql.gateway.url`,
      { code, reusedSocket: (e as { reusedSocket?: boolean }).reusedSocket });
  }
}

// node:http rather than fetch: the gateway's complete-statement is a GET with a JSON body, which fetch forbids.
const agents = {
  http: new http.Agent({ keepAlive: true }),
  https: new https.Agent({ keepAlive: true }),
  // Only for a remote gateway whose user turned certificate checks off (flinkSql.tls.rejectUnauthorized).
  httpsInsecure: new https.Agent({ keepAlive: true, rejectUnauthorized: false }),
};

function originOf(url: string): string | undefined {
  try {
    const o = new URL(url).origin;
    return o === 'null' ? undefined : o;
  } catch {
    return undefined;
  }
}

/** Per-client transport settings: extra headers (e.g. an auth header whose value comes from SecretStorage) and TLS. */
interface Transport {
  headers: Record<string, string>;
  rejectUnauthorized: boolean;
}

function httpExchange(method: Method, url: string, body: string | undefined, timeoutMs: number, transport: Transport): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const secure = u.protocol === 'https:';
    const req = (secure ? https : http).request(u, {
      method,
      agent: secure ? (transport.rejectUnauthorized ? agents.https : agents.httpsInsecure) : agents.http,
      headers: {
        ...transport.headers,
        ...(body !== undefined && { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
      },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => {
      req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT_GATEWAY' }));
    });
    // A kept-alive socket the server closed meanwhile fails before the request is read: flag it for a retry.
    req.on('error', (err) => reject(Object.assign(err, { reusedSocket: req.reusedSocket })));
    req.end(body);
  });
}

function isRetryable(e: GatewayError, method: Method, path: string): boolean {
  const code = e.details.code ?? '';
  if (e.kind === 'unreachable' && NOT_SENT_CODES.has(code)) return true;
  if (e.kind === 'unreachable' && code === 'ECONNRESET' && e.details.reusedSocket) return true;
  // A reset or a proxy error may come after the server acted: repeat only what is safe to repeat.
  const idempotent = method === 'GET' || method === 'DELETE' || path.endsWith('/heartbeat');
  if (!idempotent) return false;
  if (e.kind === 'unreachable' && (RESET_CODES.has(code) || code === '')) return true;
  return e.kind === 'http' && TRANSIENT_STATUS.has(e.details.status ?? 0);
}

function httpError(status: number, text: string, baseUrl: string, what: string): GatewayError {
  let errors: string[] | undefined;
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(text));
    if (parsed.success) errors = parsed.data.errors;
  } catch { /* not JSON */ }
  if (!errors) return new GatewayError('http', `SQL Gateway at ${baseUrl} failed to ${what}: HTTP ${status} ${text.slice(0, 200)}`, { status });
  const summary = summarizeErrorBody(errors);
  const trace = errors.join('\n');
  // An operation that failed inside Flink (parse, validation, planning, execution) vs. a REST-level refusal.
  const fromFlink = /Failed to (?:execute the operation|fetchResults|configure session)|org\.apache\.flink\.table\.api\.(?:SqlParser|Validation)Exception/.test(trace);
  return new GatewayError(fromFlink ? 'flink' : 'http', summary.message, { status, serverTrace: trace, position: summary.position });
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new GatewayError('cancelled', 'Cancelled.'));
    const t = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(t); reject(new GatewayError('cancelled', 'Cancelled.')); };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A gateway session kept alive by heartbeats until `close()`. */
export class GatewaySession {
  private timer?: NodeJS.Timeout;
  private closed = false;

  /** Resolves references in each statement `run` sends and redacts their values from errors and rows. */
  secrets?: SecretScope;

  private constructor(readonly client: GatewayClient, readonly handle: string) {}

  static async open(client: GatewayClient, properties: Record<string, string> = {}, name?: string, heartbeatMs = 60_000): Promise<GatewaySession> {
    const s = new GatewaySession(client, await client.openSession(properties, name));
    s.timer = setInterval(() => { client.heartbeat(s.handle).catch(() => undefined); }, heartbeatMs);
    s.timer.unref();
    return s;
  }

  /** `lineAt`: the draft line where `statement` starts, or of an offset in it (named by the error of a missing reference). */
  async run(statement: string, options?: StatementOptions & { signal?: AbortSignal; maxRows?: number; lineAt?: number | ((offset: number) => number) }): Promise<StatementResult> {
    const scope = this.secrets;
    if (!scope) return this.client.runStatement(this.handle, statement, options);
    const text = await scope.resolveSql(statement, options?.lineAt);
    try {
      return redactDeep(await this.client.runStatement(this.handle, text, options), scope);
    } catch (e) {
      throw scope.redactError(e);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    await this.client.closeSession(this.handle).catch(() => undefined);
  }
}

/** Where Validate/Execute run: the SQL Gateway, and optionally the JobManager REST (to check/cancel jobs). */
export interface GatewayTarget {
  gatewayUrl: string;
  restUrl?: string;
  timeoutMs?: number;
  /** Sent with every gateway request (e.g. an auth header for a gateway behind a proxy). */
  headers?: Record<string, string>;
  /** false: accept any TLS certificate (remote gateways only, by the user's choice). Default true. */
  rejectUnauthorized?: boolean;
  /** true: send the credential over plain http to another machine (the user's explicit choice). Default false. */
  allowInsecureAuth?: boolean;
  /** Values of `${secret:…}` / `${env:…}` references, asked only when a statement is sent (secrets/secretRefs.ts). */
  secrets?: SecretResolver;
  /** How a missing reference is set where this target is used (the CLI's environment, VS Code's Set Secret). */
  secretHints?: SecretHints;
  /** The workspace's local cluster (this machine): `python` when its SQL Gateway runs Python UDFs (localCluster.ts). */
  localCluster?: { python: boolean; flinkVersion: string };
}

/** The scope that resolves one send's references to `target` (and redacts them from what comes back). */
export function secretScopeFor(target: GatewayTarget): SecretScope {
  return new SecretScope(target.secrets, target.secretHints);
}

// One `/api_versions` + `/info` round trip per gateway per process; dropped when the gateway stops answering.
const connections = new Map<string, Promise<{ client: GatewayClient; flinkVersion: string }>>();

/** A client for `target` plus the Flink version it runs, cached per URL. */
export function connectGateway(target: GatewayTarget): Promise<{ client: GatewayClient; flinkVersion: string }> {
  const key = connectionKey(target);
  let conn = connections.get(key);
  if (!conn) {
    conn = (async () => {
      const client = await GatewayClient.connect(target.gatewayUrl, {
        timeoutMs: target.timeoutMs, headers: target.headers, rejectUnauthorized: target.rejectUnauthorized, allowInsecureAuth: target.allowInsecureAuth,
      });
      const info = await client.info();
      return { client, flinkVersion: info.version };
    })();
    connections.set(key, conn);
    conn.catch(() => connections.delete(key));
  }
  return conn;
}

/** Forget a cached connection (after the gateway went away, it may come back as another version). */
export function forgetGateway(target: GatewayTarget): void {
  connections.delete(connectionKey(target));
}

function connectionKey(target: GatewayTarget): string {
  return JSON.stringify([normalizeGatewayUrl(target.gatewayUrl), target.timeoutMs ?? null, target.headers ?? {}, target.rejectUnauthorized ?? true, target.allowInsecureAuth ?? false]);
}
