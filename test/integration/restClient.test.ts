// The JobManager REST client against real jobs on the shared cluster: jobs overview and details, status,
// savepoint trigger + poll, stop-with-savepoint (drain), cancel, and the exception history of a failed job.
// Jobs are submitted through raw SQL Gateway calls so this test depends on nothing but the cluster.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { z } from 'zod';
import { httpJson, sleep } from '../../server/src/flink/http';
import { clusterDirs } from '../../server/src/flink/flinkConfig';
import { JobManagerClient, JobManagerError } from '../../server/src/flink/restClient';
import { sharedCluster } from './cluster';

const handle = z.looseObject({ sessionHandle: z.string().optional(), operationHandle: z.string().optional() });
const fetchPage = z.looseObject({ resultType: z.string(), jobID: z.string().optional(), nextResultUri: z.string().optional() });

/** Runs one statement in a gateway session and returns the job id it produced, if any. */
async function runStatement(gatewayUrl: string, session: string, statement: string): Promise<string | undefined> {
  const { operationHandle } = await httpJson(`${gatewayUrl}/v4/sessions/${session}/statements`, handle, { method: 'POST', body: { statement } });
  let uri = `/v4/sessions/${session}/operations/${operationHandle}/result/0?rowFormat=JSON`;
  for (let i = 0; i < 600; i++) {
    const page = await httpJson(gatewayUrl + uri, fetchPage);
    if (page.jobID) return page.jobID;
    if (page.resultType === 'EOS' || !page.nextResultUri) return undefined;
    if (page.resultType === 'NOT_READY') await sleep(100);
    else uri = page.nextResultUri;
  }
  throw new Error(`no result for: ${statement}`);
}

async function waitForState(jm: JobManagerClient, jobId: string, states: string[], timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await jm.jobStatus(jobId);
    if (states.includes(s)) return s;
    if (Date.now() > deadline) throw new Error(`job ${jobId} is ${s}, expected ${states.join('|')}`);
    await sleep(250);
  }
}

/** A savepoint needs every task deployed, which lags the job's RUNNING state a little. */
async function waitForAllTasksRunning(jm: JobManagerClient, jobId: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await jm.job(jobId)).vertices.every((v) => v.status === 'RUNNING')) {
    if (Date.now() > deadline) throw new Error(`tasks of job ${jobId} did not all start`);
    await sleep(250);
  }
}

describe('JobManager REST client (real jobs)', () => {
  let jm: JobManagerClient;
  let session: string;
  let gatewayUrl: string;
  const started: string[] = [];

  before(async () => {
    const cluster = sharedCluster();
    gatewayUrl = cluster.gatewayUrl;
    jm = new JobManagerClient(cluster.restUrl);
    session = (await httpJson(`${gatewayUrl}/v4/sessions`, handle, { method: 'POST', body: { sessionName: 'restClient-test' } })).sessionHandle!;
    await runStatement(gatewayUrl, session, "CREATE TEMPORARY TABLE gen (id BIGINT, name STRING) WITH ('connector' = 'datagen', 'rows-per-second' = '20')");
    await runStatement(gatewayUrl, session, "CREATE TEMPORARY TABLE sink (id BIGINT, name STRING) WITH ('connector' = 'blackhole')");
  });

  after(async () => {
    for (const id of started) {
      const s = await jm.jobStatus(id).catch(() => 'UNKNOWN');
      if (s === 'RUNNING' || s === 'CREATED' || s === 'INITIALIZING') await jm.cancel(id).catch(() => undefined);
    }
    await httpJson(`${gatewayUrl}/v4/sessions/${session}`, z.unknown(), { method: 'DELETE' }).catch(() => undefined);
  });

  async function startJob(name: string, statement = 'INSERT INTO sink SELECT id, name FROM gen'): Promise<string> {
    await runStatement(gatewayUrl, session, `SET 'pipeline.name' = '${name}'`);
    const jobId = await runStatement(gatewayUrl, session, statement);
    assert.ok(jobId, 'INSERT returned no job id');
    started.push(jobId);
    return jobId;
  }

  it('lists a running job with its details and status', async () => {
    const jobId = await startJob('rest-overview');
    await waitForState(jm, jobId, ['RUNNING']);
    const listed = (await jm.jobs()).find((j) => j.jid === jobId);
    assert.ok(listed, 'job missing from /jobs/overview');
    assert.equal(listed.name, 'rest-overview');
    const details = await jm.job(jobId);
    assert.equal(details.state, 'RUNNING');
    assert.ok(details.vertices.length >= 1);
    assert.equal(details['job-type'], 'STREAMING');
    await jm.cancel(jobId);
    assert.equal(await waitForState(jm, jobId, ['CANCELED']), 'CANCELED');
  });

  it('triggers a savepoint, then stops with a drained savepoint, both in .flink/savepoints', async () => {
    const jobId = await startJob('rest-savepoint');
    await waitForState(jm, jobId, ['RUNNING']);
    await waitForAllTasksRunning(jm, jobId);
    const savepointDir = clusterDirs(sharedCluster().workspaceDir).savepoints;
    const trigger = await jm.triggerSavepoint(jobId);
    const location = await jm.waitForSavepoint(jobId, trigger);
    assert.ok(location.startsWith(`file:${savepointDir}/savepoint-`), location);
    assert.ok(fs.existsSync(location.replace(/^file:/, '')));

    const stop = await jm.stopWithSavepoint(jobId, { drain: true });
    const stopLocation = await jm.waitForSavepoint(jobId, stop);
    assert.notEqual(stopLocation, location);
    assert.equal(await waitForState(jm, jobId, ['FINISHED']), 'FINISHED');
  });

  it('reports the exception history of a failed job', async () => {
    await runStatement(gatewayUrl, session, "SET 'restart-strategy.type' = 'none'");
    const jobId = await startJob('rest-failing', "INSERT INTO sink SELECT id, CAST(1 / (id - id) AS STRING) FROM gen");
    await waitForState(jm, jobId, ['FAILED']);
    await runStatement(gatewayUrl, session, "RESET 'restart-strategy.type'");
    const history = (await jm.exceptions(jobId)).exceptionHistory;
    assert.ok(history.entries.length >= 1);
    const all = history.entries.map((e) => e.stacktrace).join('\n');
    assert.match(all, /ArithmeticException|divide by zero|Division by zero/i);
  });

  it('explains an unknown job and an unreachable JobManager', async () => {
    await assert.rejects(jm.job('0'.repeat(32)), (e: unknown) => e instanceof JobManagerError && e.status === 404 && /not found/i.test(e.message));
    await assert.rejects(new JobManagerClient('http://127.0.0.1:9', { retries: 0 }).overview(),
      (e: unknown) => e instanceof JobManagerError && /JobManager REST at http:\/\/127\.0\.0\.1:9 is not reachable: .*start the local cluster/.test(e.message));
  });
});
