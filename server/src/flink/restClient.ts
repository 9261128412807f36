// Typed client for the JobManager REST API: cluster overview and config, jobs, cancel, stop-with-savepoint,
// savepoints (trigger + poll) and exceptions. Answers are checked with the zod schemas in restSchemas.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { HttpStatusError, HttpUnreachableError, httpJson, httpText, sleep, type HttpOptions } from './http';
import { moveUserinfo } from './urlCredentials';
import {
  checkpointConfigSchema, checkpointStatsSchema, dashboardConfigSchema, exceptionsSchema, jobConfigSchema, jobDetailsSchema, jobManagerConfigSchema, jobsOverviewSchema,
  jarPlanSchema, jarRunSchema, jarUploadSchema, jobStatusSchema, metricsSchema, overviewSchema, savepointStatusSchema, taskManagersSchema, triggerSchema,
  type CheckpointConfig, type CheckpointStats, type ClusterOverview, type DashboardConfig, type JobConfig, type JobDetails, type JobExceptions, type JobOverview, type SavepointStatus,
} from './restSchemas';

export type { CheckpointConfig, CheckpointStats, JobConfig } from './restSchemas';
export type { ClusterOverview, DashboardConfig, JobDetails, JobExceptions, JobOverview, SavepointStatus } from './restSchemas';

export interface RestClientOptions {
  /** Per request. Default 10 s. */
  timeoutMs?: number;
  /** Extra attempts on transient failures (refused while starting, 502–504). Default 2. */
  retries?: number;
  /** true: send the URL's userinfo over plain http to another machine too (the user's explicit choice). */
  allowInsecureAuth?: boolean;
}

/** Any failure talking to the JobManager, with a message that says what to do. */
export class JobManagerError extends Error {
  constructor(message: string, readonly status?: number, override readonly cause?: unknown) {
    super(message);
    this.name = 'JobManagerError';
  }
}

export type SavepointFormat = 'CANONICAL' | 'NATIVE';

export interface StopOptions {
  /** Emit MAX_WATERMARK before stopping, firing all event-time timers (drain). Default false. */
  drain?: boolean;
  /** Defaults to the cluster's execution.checkpointing.savepoint-dir. */
  targetDirectory?: string;
  formatType?: SavepointFormat;
}

export interface SavepointOptions {
  targetDirectory?: string;
  cancelJob?: boolean;
  formatType?: SavepointFormat;
}

export class JobManagerClient {
  /** Without userinfo: this is what messages and records show. */
  readonly baseUrl: string;
  /** With userinfo, if the user gave one: http.ts turns it into a header per request. */
  private readonly requestUrl: string;

  constructor(baseUrl: string, private readonly opts: RestClientOptions = {}) {
    this.requestUrl = baseUrl.replace(/\/+$/, '');
    this.baseUrl = moveUserinfo(this.requestUrl).url;
  }

  overview(): Promise<ClusterOverview> {
    return this.call('/overview', overviewSchema);
  }

  /** Web UI config: flink-version, flink-revision, timezone, features. */
  config(): Promise<DashboardConfig> {
    return this.call('/config', dashboardConfigSchema);
  }

  /** The effective JobManager configuration as key/value pairs. */
  async jobManagerConfig(): Promise<Record<string, string>> {
    const entries = await this.call('/jobmanager/config', jobManagerConfigSchema);
    return Object.fromEntries(entries.map((e) => [e.key, e.value]));
  }

  async taskManagers(): Promise<z.infer<typeof taskManagersSchema>['taskmanagers']> {
    return (await this.call('/taskmanagers', taskManagersSchema)).taskmanagers;
  }

  async jobs(): Promise<JobOverview[]> {
    return (await this.call('/jobs/overview', jobsOverviewSchema)).jobs;
  }

  job(jobId: string): Promise<JobDetails> {
    return this.call(`/jobs/${enc(jobId)}`, jobDetailsSchema);
  }

  async jobStatus(jobId: string): Promise<string> {
    return (await this.call(`/jobs/${enc(jobId)}/status`, jobStatusSchema)).status;
  }

  /** Cancels without a savepoint (PATCH ?mode=cancel → 202). */
  async cancel(jobId: string): Promise<void> {
    await this.call(`/jobs/${enc(jobId)}?mode=cancel`, z.unknown(), { method: 'PATCH', retries: 0 });
  }

  /** Stop-with-savepoint; returns the trigger id to poll with savepointStatus/waitForSavepoint. */
  async stopWithSavepoint(jobId: string, o: StopOptions = {}): Promise<string> {
    const body = { drain: o.drain ?? false, ...(o.targetDirectory && { targetDirectory: o.targetDirectory }), ...(o.formatType && { formatType: o.formatType }) };
    return (await this.call(`/jobs/${enc(jobId)}/stop`, triggerSchema, { method: 'POST', body, retries: 0 }))['request-id'];
  }

  async triggerSavepoint(jobId: string, o: SavepointOptions = {}): Promise<string> {
    const body = {
      'cancel-job': o.cancelJob ?? false,
      ...(o.targetDirectory && { 'target-directory': o.targetDirectory }),
      ...(o.formatType && { formatType: o.formatType }),
    };
    return (await this.call(`/jobs/${enc(jobId)}/savepoints`, triggerSchema, { method: 'POST', body, retries: 0 }))['request-id'];
  }

  /** Status of a savepoint, also of the one taken by stopWithSavepoint (same trigger registry). */
  savepointStatus(jobId: string, triggerId: string): Promise<SavepointStatus> {
    return this.call(`/jobs/${enc(jobId)}/savepoints/${enc(triggerId)}`, savepointStatusSchema);
  }

  /** Polls until the savepoint completes; returns its location or throws with Flink's failure cause. */
  async waitForSavepoint(jobId: string, triggerId: string, o: { timeoutMs?: number; pollMs?: number } = {}): Promise<string> {
    const deadline = Date.now() + (o.timeoutMs ?? 120_000);
    for (;;) {
      const s = await this.savepointStatus(jobId, triggerId);
      if (s.status.id === 'COMPLETED') {
        if (s.operation?.location) return s.operation.location;
        const cause = s.operation?.['failure-cause'];
        const firstLine = cause?.['stack-trace']?.split('\n')[0] ?? cause?.class ?? 'unknown cause';
        throw new JobManagerError(`Savepoint for job ${jobId} failed: ${firstLine}`);
      }
      if (Date.now() > deadline) throw new JobManagerError(`Savepoint for job ${jobId} did not complete within ${o.timeoutMs ?? 120_000} ms.`);
      await sleep(o.pollMs ?? 500);
    }
  }

  /** Checkpoint counts and the latest completed / savepoint / failed / restored one. */
  checkpoints(jobId: string): Promise<CheckpointStats> {
    return this.call(`/jobs/${enc(jobId)}/checkpoints`, checkpointStatsSchema);
  }

  checkpointConfig(jobId: string): Promise<CheckpointConfig> {
    return this.call(`/jobs/${enc(jobId)}/checkpoints/config`, checkpointConfigSchema);
  }

  jobConfig(jobId: string): Promise<JobConfig> {
    return this.call(`/jobs/${enc(jobId)}/config`, jobConfigSchema);
  }

  exceptions(jobId: string, maxExceptions = 20): Promise<JobExceptions> {
    return this.call(`/jobs/${enc(jobId)}/exceptions?maxExceptions=${maxExceptions}`, exceptionsSchema);
  }

  /** The job's metrics of these names that Flink reports (numRestarts, uptime…), as text. */
  async jobMetrics(jobId: string, names: readonly string[]): Promise<Record<string, string>> {
    const metrics = await this.call(`/jobs/${enc(jobId)}/metrics?get=${names.map(enc).join(',')}`, metricsSchema);
    return Object.fromEntries(metrics.filter((m) => m.value !== undefined).map((m) => [m.id, m.value!]));
  }

  /** Uploads a job jar (POST /jars/upload); returns the jar id the other /jars calls take. */
  async uploadJar(file: string): Promise<string> {
    const form = new FormData();
    form.append('jarfile', new Blob([fs.readFileSync(file)], { type: 'application/java-archive' }), path.basename(file));
    const r = await this.call('/jars/upload', jarUploadSchema, { method: 'POST', form, retries: 0, timeoutMs: 120_000 });
    return path.basename(r.filename);
  }

  /** The job graph the jar's main builds, without running it (POST /jars/:jarid/plan). */
  jarPlan(jarId: string, o: JarRunOptions = {}): Promise<z.infer<typeof jarPlanSchema>['plan']> {
    return this.call(`/jars/${enc(jarId)}/plan`, jarPlanSchema, { method: 'POST', body: jarBody(o), retries: 0, timeoutMs: 120_000 }).then((r) => r.plan);
  }

  /** Runs the jar's main on the cluster (POST /jars/:jarid/run); returns the job id. */
  async runJar(jarId: string, o: JarRunOptions & { savepointPath?: string; allowNonRestoredState?: boolean } = {}): Promise<string> {
    const body = { ...jarBody(o), ...(o.savepointPath && { savepointPath: o.savepointPath }), ...(o.allowNonRestoredState !== undefined && { allowNonRestoredState: o.allowNonRestoredState }) };
    return (await this.call(`/jars/${enc(jarId)}/run`, jarRunSchema, { method: 'POST', body, retries: 0, timeoutMs: 120_000 })).jobid;
  }

  /** What the TaskManager's processes printed (its .out file: `print()` sinks write there). */
  async taskManagerStdout(taskManagerId: string): Promise<string> {
    try {
      return await httpText(`${this.requestUrl}/taskmanagers/${enc(taskManagerId)}/stdout`, { timeoutMs: this.opts.timeoutMs, retries: 0 });
    } catch (err) {
      throw this.explain(err);
    }
  }

  async deleteJar(jarId: string): Promise<void> {
    await this.call(`/jars/${enc(jarId)}`, z.unknown(), { method: 'DELETE', retries: 0 });
  }

  private async call<S extends z.ZodType>(pathAndQuery: string, schema: S, extra: HttpOptions = {}): Promise<z.infer<S>> {
    const url = this.requestUrl + pathAndQuery;
    const opts: HttpOptions = { timeoutMs: this.opts.timeoutMs, retries: this.opts.retries, allowInsecureAuth: this.opts.allowInsecureAuth, ...extra };
    try {
      return await httpJson(url, schema, opts);
    } catch (err) {
      throw this.explain(err);
    }
  }

  private explain(err: unknown): Error {
    if (err instanceof HttpUnreachableError) {
      return new JobManagerError(`JobManager REST at ${this.baseUrl} is not reachable: ${err.message.replace(/^.* is not reachable: /, '')}; ` +
        'start the local cluster (`flink-sql local start`) or check flinkSql.rest.url.', undefined, err);
    }
    if (err instanceof HttpStatusError) return new JobManagerError(err.message, err.status, err);
    return err instanceof Error ? err : new Error(String(err));
  }
}

/** What a jar's main is run with: entry class (else the manifest's), arguments, parallelism, job configuration. */
export interface JarRunOptions {
  entryClass?: string;
  args?: readonly string[];
  parallelism?: number;
  flinkConfiguration?: Record<string, string>;
}

function jarBody(o: JarRunOptions): Record<string, unknown> {
  return {
    ...(o.entryClass && { entryClass: o.entryClass }),
    programArgsList: [...(o.args ?? [])],
    ...(o.parallelism && { parallelism: o.parallelism }),
    ...(o.flinkConfiguration && Object.keys(o.flinkConfiguration).length && { flinkConfiguration: o.flinkConfiguration }),
  };
}

function enc(s: string): string {
  return encodeURIComponent(s);
}
