// Submits a deployment to a session cluster through the SQL Gateway: a session named after the deployment,
// `SET` of each job-level key of the resolved configuration, `ADD JAR` per dependency, the draft's setup
// statements, then the job statement; retried on transient failures up to maxJobCreationAttempts.
import { GatewayError } from '../flink/flinkErrors';
import { connectGateway, forgetGateway, GatewaySession, secretScopeFor, sleep, type GatewayTarget } from '../flink/gatewayClient';
import { compilePlanStatement } from './compiledPlan';
import { setStatement, type StatementPlan } from './statementPlan';
import type { SubmitAttempt } from './store';

/**
 * Key families a session cluster fixes when it starts (its processes, memory, HA, security, endpoints): a job
 * cannot change them, so publish reports them instead of sending them.
 */
const CLUSTER_PREFIXES = [
  'jobmanager.', 'taskmanager.', 'high-availability', 'kubernetes.', 'rest.', 'blob.', 'security.', 'metrics.', 'env.',
  'pekko.', 'cluster.', 'resourcemanager.', 'web.', 'io.tmp.dirs', 'historyserver.', 'slotmanager.', 'sql-gateway.',
  'containerized.', 'slot.', 'heartbeat.', 'process.', 'akka.',
];

export const SESSION_CLUSTER_KEY_REASON = 'a session cluster fixes this when it starts; set it on the session cluster (or publish per-job)';

/** Splits the resolved configuration into what a job on a session cluster can set and what it cannot. */
export function sessionKeys(config: Record<string, string>): { honoured: Record<string, string>; notHonoured: Array<{ parameter: string; reason: string }> } {
  const honoured: Record<string, string> = {};
  const notHonoured: Array<{ parameter: string; reason: string }> = [];
  for (const [k, v] of Object.entries(config)) {
    if (CLUSTER_PREFIXES.some((p) => k.startsWith(p))) notHonoured.push({ parameter: `flinkConfiguration ${k}`, reason: SESSION_CLUSTER_KEY_REASON });
    else honoured[k] = v;
  }
  return { honoured, notHonoured };
}

export interface SessionSubmitOptions {
  deployment: string;
  target: GatewayTarget;
  /** Job-level keys, incl. pipeline.name and the restore path. */
  config: Record<string, string>;
  /** Absolute jar paths. */
  jars: string[];
  plan: StatementPlan;
  maxAttempts: number;
  onAttempt?: (a: SubmitAttempt, willRetry: boolean) => void;
  /**
   * The job exists: called (and awaited) as soon as the gateway names it, before the session is closed, so the
   * caller records it before anything else can fail. A session that then fails to close does not fail the submit.
   */
  onJobId?: (jobId: string, flinkVersion: string) => Promise<void>;
  /**
   * Where the gateway writes the job's compiled plan (COMPILE PLAN, a path on the gateway's host) before it runs it;
   * a plan Flink cannot compile is reported through `onNote`, and the job is submitted all the same.
   */
  compilePlanTo?: string;
  onNote?: (message: string) => void;
  /** Delay before retry n (1-based); default 1 s, 2 s, 4 s… capped at 10 s. */
  retryDelayMs?: (attempt: number) => number;
}

export interface SessionSubmitResult { jobId: string; flinkVersion: string; attempts: SubmitAttempt[] }

/** A failure worth another attempt: the gateway or the cluster was away or overloaded, not a refusal of the SQL. */
export function isTransientSubmitError(e: unknown): boolean {
  if (!(e instanceof GatewayError)) return false;
  if (e.kind === 'unreachable' || e.kind === 'timeout') return true;
  if (e.kind === 'http') return (e.details.status ?? 0) >= 500;
  if (e.kind !== 'flink') return false;
  const trace = `${e.message}\n${e.details.serverTrace ?? ''}`;
  if (/SqlParserException|ValidationException|TableException: (?!Failed to execute sql)/.test(trace)) return false;
  return /JobSubmissionException|Failed to submit|ConnectException|Connection refused|TimeoutException|RestClientException|NoResourceAvailableException|Could not (?:deploy|submit)/i.test(trace);
}

export class SubmitFailedError extends Error {
  constructor(message: string, readonly attempts: SubmitAttempt[], override readonly cause?: unknown) {
    super(message);
    this.name = 'SubmitFailedError';
  }
}

export async function submitToSession(o: SessionSubmitOptions): Promise<SessionSubmitResult> {
  const r = await withAttempts(o.maxAttempts, o.onAttempt, () => submitOnce(o), { deployment: o.deployment, forget: () => forgetGateway(o.target), retryDelayMs: o.retryDelayMs });
  return { ...r.value, attempts: r.attempts };
}

/**
 * Runs `fn` up to `max` times while it fails transiently (isTransientSubmitError; `anyError` retries every
 * failure, e.g. a per-job cluster that did not come up), reporting each attempt.
 */
export async function withAttempts<T>(max: number, onAttempt: ((a: SubmitAttempt, willRetry: boolean) => void) | undefined, fn: () => Promise<T>,
  o: { deployment?: string; forget?: () => void; retryDelayMs?: (attempt: number) => number; anyError?: boolean } = {}): Promise<T & { value: T; attempts: SubmitAttempt[] }> {
  const attempts: SubmitAttempt[] = [];
  for (let attempt = 1; ; attempt++) {
    try {
      const value = await fn();
      const a: SubmitAttempt = { attempt, at: new Date().toISOString(), ok: true };
      attempts.push(a);
      onAttempt?.(a, false);
      return { ...value, value, attempts };
    } catch (e) {
      const transient = o.anyError || isTransientSubmitError(e);
      const a: SubmitAttempt = { attempt, at: new Date().toISOString(), ok: false, error: (e as Error).message };
      attempts.push(a);
      const retry = transient && attempt < Math.max(1, max);
      onAttempt?.(a, retry);
      if (!retry) {
        const why = transient ? `failed ${attempt} time(s), the configured maximum (behavior.maxJobCreationAttempts)` : 'was refused';
        throw new SubmitFailedError(`Submitting${o.deployment ? ` "${o.deployment}"` : ''} ${why}: ${(e as Error).message}`, attempts, e);
      }
      o.forget?.();
      await sleep(o.retryDelayMs?.(attempt) ?? Math.min(10_000, 1000 * 2 ** (attempt - 1)));
    }
  }
}

async function submitOnce(o: SessionSubmitOptions): Promise<{ jobId: string; flinkVersion: string }> {
  const { client, flinkVersion } = await connectGateway(o.target);
  const session = await GatewaySession.open(client, {}, `flink-sql-studio-publish-${o.deployment}`);
  // SET values and statements keep their references until they leave here (records and logs keep them too).
  session.secrets = secretScopeFor(o.target);
  let submitted = false;
  try {
    for (const [k, v] of Object.entries(o.config)) await session.run(setStatement(k, v));
    for (const jar of o.jars) await session.run(`ADD JAR '${jar.replace(/'/g, "''")}'`);
    for (const s of o.plan.setup) await session.run(s);
    if (o.compilePlanTo) {
      await session.run(compilePlanStatement(o.plan.job, o.compilePlanTo)).catch((e: unknown) => {
        o.onNote?.(`no compiled plan was kept (a later upgrade cannot publish from it): ${(e as Error).message.split('\n')[0]}`);
      });
    }
    const r = await session.run(o.plan.job);
    const jobId = r.jobId ?? (typeof r.rows[0]?.fields[0] === 'string' ? r.rows[0].fields[0] : undefined);
    if (!jobId || !/^[0-9a-f]{32}$/.test(jobId)) throw new GatewayError('protocol', `The gateway ran the job statement but named no job id (answer: ${JSON.stringify(r.rows).slice(0, 200)}).`);
    // From here a retry would start a second job.
    submitted = true;
    await o.onJobId?.(jobId, flinkVersion);
    return { jobId, flinkVersion };
  } finally {
    await session.close().catch((e: unknown) => { if (!submitted) throw e; });
  }
}
