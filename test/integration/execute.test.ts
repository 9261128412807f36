// Execute against the shared local Flink: the seed INSERT reaches RUNNING, queries stream rows with their
// columns and stop (and cancel their job) at the limit, errors carry the line, and a gateway killed mid-run
// gives a clear error and works again once it is back.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execute, type ExecuteEvent } from '../../server/src/flink/execute';
import { clusterDirs } from '../../server/src/flink/flinkConfig';
import { GatewayClient } from '../../server/src/flink/gatewayClient';
import { spawnFlinkProcess } from '../../server/src/flink/localClusterProcess';
import { processAlive, readState, writeState } from '../../server/src/flink/localClusterState';
import { readyFlink } from '../../server/src/flink/ensureFlink';
import { findJava } from '../../server/src/flink/provisionJava';
import { JobManagerClient } from '../../server/src/flink/restClient';
import { validate } from '../../server/src/flink/validate';
import { sharedCluster } from './cluster';

const ROOT = path.resolve(__dirname, '..', '..');
const SEED = path.join(ROOT, 'examples', 'datagen-to-blackhole.flink.sql');
const target = () => ({ gatewayUrl: sharedCluster().gatewayUrl, restUrl: sharedCluster().restUrl });
const jm = () => new JobManagerClient(sharedCluster().restUrl);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function collect(script: string, options: Parameters<typeof execute>[2] = {}, t = target()): Promise<ExecuteEvent[]> {
  const events: ExecuteEvent[] = [];
  for await (const e of execute(script, t, options)) events.push(e);
  return events;
}

async function waitForJobState(jobId: string, wanted: string[], timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let state = '';
  while (Date.now() < deadline) {
    state = await jm().jobStatus(jobId);
    if (wanted.includes(state)) return state;
    await sleep(250);
  }
  throw new Error(`job ${jobId} stayed ${state}, wanted ${wanted.join('/')}`);
}

/** The job behind the query in `events` (from its columns event). */
function jobOf(events: ExecuteEvent[]): string {
  const columns = events.find((e) => e.type === 'columns');
  assert.ok(columns && columns.type === 'columns' && columns.jobId, JSON.stringify(events.slice(0, 4)));
  return columns.jobId!;
}

const UNBOUNDED = `CREATE TEMPORARY TABLE ticks (n INT, s STRING) WITH ('connector' = 'datagen', 'rows-per-second' = '20');
`;

describe('execute (real Flink)', () => {
  it('runs the seed sample: DDL applies, the INSERT job reaches RUNNING (then is cancelled)', async () => {
    const events = await collect(fs.readFileSync(SEED, 'utf8'));
    const ends = events.filter((e) => e.type === 'end');
    assert.equal(ends.length, 3, JSON.stringify(events));
    const insert = ends[2];
    assert.ok(insert.type === 'end' && insert.jobId && /^[0-9a-f]{32}$/.test(insert.jobId), JSON.stringify(insert));
    const jobId = (insert as { jobId: string }).jobId;
    try {
      assert.equal(await waitForJobState(jobId, ['RUNNING']), 'RUNNING');
    } finally {
      await jm().cancel(jobId);
      await waitForJobState(jobId, ['CANCELED']);
    }
  });

  it('submits a SQL-client statement set block as one job, reported under its BEGIN statement', async () => {
    const draft = `${UNBOUNDED}CREATE TEMPORARY TABLE sink (n INT) WITH ('connector' = 'blackhole');
BEGIN STATEMENT SET;
INSERT INTO sink SELECT n FROM ticks;
INSERT INTO sink SELECT n + 1 FROM ticks;
END;
`;
    const ends = (await collect(draft)).filter((e) => e.type === 'end');
    assert.deepEqual(ends.map((e) => e.statement), [0, 1, 2]);
    const jobId = (ends[2] as { jobId?: string }).jobId;
    assert.match(jobId ?? '', /^[0-9a-f]{32}$/);
    try {
      await waitForJobState(jobId!, ['RUNNING']);
    } finally {
      await jm().cancel(jobId!);
      await waitForJobState(jobId!, ['CANCELED']);
    }
  });

  it('returns the rows of a bounded datagen query with names and types', async () => {
    const draft = `CREATE TEMPORARY TABLE people (
  id INT NOT NULL,
  name STRING,
  score DECIMAL(5, 2)
) WITH ('connector' = 'datagen', 'number-of-rows' = '7', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '7');
SELECT id, name, score FROM people;
`;
    const events = await collect(draft, { limit: 100 });
    const columns = events.find((e) => e.type === 'columns');
    assert.ok(columns && columns.type === 'columns');
    assert.deepEqual(columns.columns.map((c) => [c.name, c.type]), [['id', 'INT NOT NULL'], ['name', 'STRING'], ['score', 'DECIMAL(5, 2)']]);
    const rows = events.flatMap((e) => (e.type === 'rows' ? e.rows : []));
    assert.equal(rows.length, 7);
    assert.ok(rows.every((r) => r.kind === 'INSERT' && r.fields.length === 3));
    assert.deepEqual(rows.map((r) => r.fields[0]).sort((a, b) => Number(a) - Number(b)), [1, 2, 3, 4, 5, 6, 7]);
    const end = events[events.length - 1];
    assert.ok(end.type === 'end' && end.rowCount === 7 && !end.truncated);
  });

  it('streams changelog rows and stops an unbounded query at the limit, cancelling its job', async () => {
    const events = await collect(`${UNBOUNDED}SELECT n % 2 AS k, COUNT(*) AS c FROM ticks GROUP BY n % 2;`, { limit: 6 });
    const rows = events.flatMap((e) => (e.type === 'rows' ? e.rows : []));
    assert.equal(rows.length, 6);
    assert.ok(rows.some((r) => r.kind === 'UPDATE_BEFORE') && rows.some((r) => r.kind === 'UPDATE_AFTER'), JSON.stringify(rows));
    const end = events[events.length - 1];
    assert.ok(end.type === 'end' && end.truncated);
    assert.equal(await waitForJobState(jobOf(events), ['CANCELED', 'FINISHED']), 'CANCELED');
  });

  it('stops at the first failing statement with its index and draft line', async () => {
    const draft = `${UNBOUNDED}
SHOW TABLES;
SELECT
  nope
FROM ticks;
SELECT 1;
`;
    const events = await collect(draft);
    const error = events[events.length - 1];
    assert.ok(error.type === 'error', JSON.stringify(events));
    assert.equal(error.statement, 2);
    assert.equal(error.line, 5);
    assert.match(error.message, /Column 'nope' not found/);
    assert.equal(events.filter((e) => e.type === 'start').length, 3, 'the statement after the error is not run');
  });

  it('an AbortSignal cancels a running query and its job', async () => {
    const abort = new AbortController();
    const seen: ExecuteEvent[] = [];
    await assert.rejects((async () => {
      for await (const e of execute(`${UNBOUNDED}SELECT s FROM ticks WHERE n = 0;`, target(), { signal: abort.signal, limit: 1000 })) {
        seen.push(e);
        if (e.type === 'columns') setTimeout(() => abort.abort(), 500);
      }
    })(), /Cancelled/);
    assert.equal(await waitForJobState(jobOf(seen), ['CANCELED', 'FINISHED']), 'CANCELED');
  });

  it('prints JSON Lines from the CLI, one object per statement', () => {
    const draft = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'flink-exec-')), 'q.flink.sql');
    try {
      fs.writeFileSync(draft, `CREATE TEMPORARY TABLE t (a INT) WITH ('connector' = 'datagen', 'number-of-rows' = '3');\nSELECT a FROM t;\nSELECT b FROM t;\n`);
      const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'server/src/cli/main.ts'), 'execute', draft, '--format', 'json', '--gateway', sharedCluster().gatewayUrl],
        { encoding: 'utf8', timeout: 120_000 });
      assert.equal(r.status, 1, r.stderr);
      const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
      assert.deepEqual(lines[0], { statement: 0, ok: true });
      assert.deepEqual(lines[1].columns, ['a']);
      assert.equal(lines[1].rows.length, 3);
      assert.equal(lines[1].rows[0].kind, 'INSERT');
      assert.deepEqual(Object.keys(lines[2]), ['statement', 'error', 'line']);
      assert.equal(lines[2].line, 3);
    } finally {
      fs.rmSync(path.dirname(draft), { recursive: true, force: true });
    }
  });

  it('a gateway killed mid-execute gives a clear error; the next request works once it is back', async function () {
    this.timeout(240_000);
    const info = sharedCluster();
    const dirs = clusterDirs(info.workspaceDir);
    const state = readState(dirs)!;
    const gateway = state.processes.find((p) => p.role === 'gateway')!;
    const events: ExecuteEvent[] = [];
    let killed = false;
    for await (const e of execute(`${UNBOUNDED}SELECT n, s FROM ticks;`, target(), { limit: 100_000 })) {
      events.push(e);
      if (e.type === 'rows' && !killed) {
        killed = true;
        process.kill(-gateway.pid, 'SIGKILL');
      }
    }
    const error = events[events.length - 1];
    assert.ok(error.type === 'error', JSON.stringify(events.slice(-2)));
    assert.match(error.message, new RegExp(`SQL Gateway at ${info.gatewayUrl.replace(/[.:/]/g, '\\$&')} is not reachable: .*flink-sql local start`));
    assert.equal(error.statement, 1);

    // Bring a new gateway up on the same port, recorded in the cluster state so the fixture stops it.
    const deadline = Date.now() + 10_000;
    while (processAlive(gateway) && Date.now() < deadline) await sleep(100);
    const fresh = spawnFlinkProcess({ role: 'gateway', java: findJava(), dist: (await readyFlink(info.flinkVersion)).dist, dirs, jvmArgs: ['-Xmx768m'], programArgs: [] });
    writeState(dirs, { ...state, processes: state.processes.map((p) => (p.role === 'gateway' ? fresh : p)) });
    const upBy = Date.now() + 120_000;
    for (;;) {
      try {
        await new GatewayClient(info.gatewayUrl).info();
        break;
      } catch (e) {
        if (Date.now() > upBy) throw e;
        await sleep(500);
      }
    }
    const r = await validate(fs.readFileSync(SEED, 'utf8'), target());
    assert.deepEqual(r.diagnostics, []);
    // The query's collect job, orphaned by the dead gateway, was cancelled through the JobManager.
    assert.equal(await waitForJobState(jobOf(events), ['CANCELED', 'FINISHED']), 'CANCELED');
  });
});
