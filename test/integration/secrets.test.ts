// `${env:…}` / `${secret:…}` on the shared real Flink: Execute resolves a datagen option from the environment
// (the row count proves it), a missing reference is an error on its line that never reaches Flink, Flink's echo of
// a resolved value comes back redacted, and a CLI publish runs the resolved job while its version record keeps the
// references; a per-job publish's SQL runner resolves them from its environment (the published script keeps them).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DeploymentStore } from '../../server/src/deploy/store';
import { execute, type ExecuteEvent } from '../../server/src/flink/execute';
import type { GatewayTarget } from '../../server/src/flink/gatewayClient';
import { pidAlive } from '../../server/src/flink/localClusterState';
import { JobManagerClient } from '../../server/src/flink/restClient';
import { validate } from '../../server/src/flink/validate';
import { CLI_HINTS, envResolver } from '../../server/src/secrets/secretRefs';
import { sharedCluster } from './cluster';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

const DRAFT = `CREATE TEMPORARY TABLE gen (n INT) WITH (
  'connector' = 'datagen',
  'number-of-rows' = '\${env:ROWS}'
);
SELECT n FROM gen;
`;

function target(env: Record<string, string>): GatewayTarget {
  const { gatewayUrl, restUrl } = sharedCluster();
  return { gatewayUrl, restUrl, secrets: envResolver(env), secretHints: CLI_HINTS };
}

async function run(script: string, env: Record<string, string>): Promise<ExecuteEvent[]> {
  const events: ExecuteEvent[] = [];
  for await (const e of execute(script, target(env), { limit: 100 })) events.push(e);
  return events;
}

describe('secret references (real Flink)', function () {
  this.timeout(240_000);

  it('Execute resolves ${env:ROWS} in a WITH option when the statement is sent', async () => {
    const events = await run(DRAFT, { ROWS: '7' });
    const rows = events.filter((e) => e.type === 'rows').flatMap((e) => (e.type === 'rows' ? e.rows : []));
    assert.equal(rows.length, 7, JSON.stringify(events.filter((e) => e.type === 'error')));
    const end = events.find((e) => e.type === 'end' && e.statement === 1);
    assert.ok(end && end.type === 'end' && !end.truncated, 'the bounded source ended by itself after 7 rows');
  });

  it('a missing reference is an error naming it and its line; Validate says so on the statement', async () => {
    const events = await run(DRAFT, {});
    const error = events.find((e) => e.type === 'error');
    assert.ok(error && error.type === 'error', JSON.stringify(events));
    assert.match(error.message, /\$\{env:ROWS\} \(line 3\) is not set/);
    assert.equal(error.line, 1);
    const v = await validate(DRAFT, target({}));
    assert.ok(v.diagnostics.some((d) => d.code === 'secret-not-set' && /\$\{env:ROWS\}/.test(String(d.message))), JSON.stringify(v.diagnostics));
    const ok = await validate(DRAFT, target({ ROWS: '5' }));
    assert.deepEqual(ok.diagnostics.filter((d) => d.severity === 1), []);
  });

  it('Flink\'s message that echoes a resolved value comes back redacted', async () => {
    const events = await run(DRAFT, { ROWS: 'not-a-number-hunter2' });
    const error = events.find((e) => e.type === 'error');
    assert.ok(error && error.type === 'error', JSON.stringify(events));
    assert.doesNotMatch(JSON.stringify(events), /hunter2/);
  });

  it('a CLI publish runs the resolved job; the version record keeps ${env:…} and ${secret:…}', async () => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'flink-secrets-it-'));
    const jm = new JobManagerClient(sharedCluster().restUrl);
    let jobId: string | undefined;
    try {
      const draft = path.join(ws, 'gen.flink.sql');
      fs.writeFileSync(draft, `CREATE TEMPORARY TABLE gen (n INT) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '\${secret:RPS}',
  'number-of-rows' = '\${env:ROWS}'
);
CREATE TEMPORARY TABLE sink (n INT) WITH ('connector' = 'blackhole');
INSERT INTO sink SELECT n FROM gen;
`);
      fs.writeFileSync(path.join(ws, 'gen.deployment.yaml'), 'name: gen\ntype: SQL\ntarget: session\n');
      const { gatewayUrl, restUrl } = sharedCluster();
      const r = spawnSync(TSX, [path.join(ROOT, 'server/src/cli/main.ts'), 'publish', draft, '--dir', ws, '--gateway', gatewayUrl, '--rest', restUrl, '--format', 'json'],
        { encoding: 'utf8', timeout: 200_000, env: { ...process.env, FLINK_SQL_GATEWAY: '', FLINK_SQL_REST: '', ROWS: '100000000', FLINK_SQL_SECRET_RPS: '5' } });
      assert.equal(r.status, 0, r.stderr);
      const out = JSON.parse(r.stdout) as { jobId: string; state: string; version: number };
      jobId = out.jobId;
      assert.equal(out.state, 'RUNNING');
      const files = new DeploymentStore(ws).files('gen', out.version);
      const recorded = fs.readFileSync(files.sql, 'utf8');
      assert.match(recorded, /'\$\{secret:RPS\}'/);
      assert.match(recorded, /'\$\{env:ROWS\}'/);
      const everything = fs.readdirSync(files.dir).map((f) => { try { return fs.readFileSync(path.join(files.dir, f), 'utf8'); } catch { return ''; } }).join('\n');
      assert.doesNotMatch(everything, /100000000/, 'no resolved value in the record');
    } finally {
      if (jobId) await jm.cancel(jobId).catch(() => undefined);
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });

  it('a per-job publish: the runner resolves the references from its environment, the published script keeps them', async () => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'flink-secrets-perjob-it-'));
    const { gatewayUrl, restUrl } = sharedCluster();
    const env = { ...process.env, FLINK_SQL_GATEWAY: '', FLINK_SQL_REST: '', ROWS: '100000000', FLINK_SQL_SECRET_RPS: '5' };
    const cli = (...args: string[]) => spawnSync(TSX, [path.join(ROOT, 'server/src/cli/main.ts'), ...args, '--dir', ws, '--gateway', gatewayUrl, '--rest', restUrl, '--format', 'json'], { encoding: 'utf8', timeout: 280_000, env });
    let processes: Array<{ pid: number }> = [];
    try {
      const draft = path.join(ws, 'solo.flink.sql');
      fs.writeFileSync(draft, `CREATE TEMPORARY TABLE gen (n INT) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '\${secret:RPS}',
  'number-of-rows' = '\${env:ROWS}'
);
CREATE TEMPORARY TABLE sink (n INT) WITH ('connector' = 'blackhole');
INSERT INTO sink SELECT n FROM gen;
`);
      fs.writeFileSync(path.join(ws, 'solo.deployment.yaml'), 'name: solo\ntype: SQL\ntarget: per-job\nresources: { jobManager: { memory: 1 GiB }, taskManager: { memory: 1 GiB, slots: 1 } }\n');
      const r = cli('publish', draft);
      assert.equal(r.status, 0, r.stderr);
      const out = JSON.parse(r.stdout) as { state: string };
      assert.equal(out.state, 'RUNNING', 'the runner resolved both references (an unresolved one fails the job at start)');
      const v = new DeploymentStore(ws).version('solo', 1);
      const published = fs.readFileSync(path.join(v.cluster!.clusterDir!, 'published.sql'), 'utf8');
      assert.match(published, /'\$\{secret:RPS\}'/);
      assert.match(published, /'\$\{env:ROWS\}'/);
      processes = (JSON.parse(fs.readFileSync(path.join(v.cluster!.clusterDir!, '.flink', sharedCluster().flinkVersion, 'cluster.json'), 'utf8')) as { processes: Array<{ pid: number }> }).processes;
      const stop = cli('stop', 'solo');
      assert.equal(stop.status, 0, stop.stderr);
    } finally {
      for (let i = 0; i < 120 && processes.some((p) => pidAlive(p.pid)); i++) await new Promise((res) => setTimeout(res, 500));
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });
});
