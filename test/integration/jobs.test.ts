// `flink-sql jobs` against the shared local Flink: lists the seed sample's running job, takes a savepoint,
// stops a job with drain and a savepoint, and cancels one; errors for unknown ids are clear.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execute } from '../../server/src/flink/execute';
import { JobManagerClient } from '../../server/src/flink/restClient';
import { sharedCluster } from './cluster';

const ROOT = path.resolve(__dirname, '..', '..');
const SEED = fs.readFileSync(path.join(ROOT, 'examples', 'datagen-to-blackhole.flink.sql'), 'utf8');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function cli(...args: string[]) {
  const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'server/src/cli/main.ts'), 'jobs', ...args, '--rest', sharedCluster().restUrl],
    { encoding: 'utf8', timeout: 150_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function startSeedJob(): Promise<string> {
  for await (const e of execute(SEED, { gatewayUrl: sharedCluster().gatewayUrl, restUrl: sharedCluster().restUrl })) {
    if (e.type === 'end' && e.jobId) return e.jobId;
    if (e.type === 'error') throw new Error(e.message);
  }
  throw new Error('the seed sample started no job');
}

async function waitFor(jobId: string, states: string[]): Promise<string> {
  const jm = new JobManagerClient(sharedCluster().restUrl);
  for (let i = 0; i < 240; i++) {
    const s = await jm.jobStatus(jobId);
    if (states.includes(s)) return s;
    await sleep(250);
  }
  throw new Error(`job ${jobId} never reached ${states.join('/')}`);
}

describe('flink-sql jobs (real Flink)', () => {
  it('lists, savepoints and stops with drain a running job', async () => {
    const jobId = await startSeedJob();
    await waitFor(jobId, ['RUNNING']);
    const listed = cli('list', '--format', 'json');
    assert.equal(listed.status, 0, listed.stderr);
    const jobs = JSON.parse(listed.stdout) as { id: string; state: string; name: string }[];
    assert.ok(jobs.some((j) => j.id === jobId && j.state === 'RUNNING'), listed.stdout);

    // Savepoints need running tasks; the job is RUNNING once its vertices are, which may lag a moment.
    const sp = cli('savepoint', jobId, '--format', 'json');
    assert.equal(sp.status, 0, sp.stderr);
    const spOut = JSON.parse(sp.stdout) as { savepoint: string };
    assert.match(spOut.savepoint, /savepoint-/);

    const stop = cli('stop', jobId, '--drain', '--format', 'json');
    assert.equal(stop.status, 0, stop.stderr);
    assert.match((JSON.parse(stop.stdout) as { savepoint: string }).savepoint, /savepoint-/);
    assert.equal(await waitFor(jobId, ['FINISHED', 'CANCELED']), 'FINISHED');
  });

  it('cancels a job, and reports an unknown job id clearly', async () => {
    const jobId = await startSeedJob();
    await waitFor(jobId, ['RUNNING']);
    const cancel = cli('cancel', jobId);
    assert.equal(cancel.status, 0, cancel.stderr);
    assert.match(cancel.stdout, new RegExp(`cancelled ${jobId}`));
    assert.equal(await waitFor(jobId, ['CANCELED']), 'CANCELED');

    const unknown = cli('cancel', '0123456789abcdef0123456789abcdef');
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /flink-sql jobs cancel: /);
  });
});
