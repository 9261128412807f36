// Flink 1.20 next to 2.3: the pinned 1.20 local cluster, started on first use beside the shared 2.3 one (own
// .flink/1.20.0/, own ports), validates and executes the seed sample, and its parser rejects 2.x-only syntax
// on the draft's line, where 2.3 accepts the same draft.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { execute, type ExecuteEvent } from '../../server/src/flink/execute';
import { httpJson } from '../../server/src/flink/http';
import type { ClusterInfo } from '../../server/src/flink/localCluster';
import { JobManagerClient } from '../../server/src/flink/restClient';
import { validate } from '../../server/src/flink/validate';
import { diagnose } from '../../server/src/service';
import { sharedCluster, sharedClusterOf } from './cluster';

const ROOT = path.resolve(__dirname, '..', '..');
const SEED = path.join(ROOT, 'examples', 'datagen-to-blackhole.flink.sql');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const lineOf = (d: Diagnostic) => d.range.start.line + 1;
const msg = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);

const TABLES = `CREATE TEMPORARY TABLE orders (
  order_id BIGINT,
  customer STRING
) WITH (
  'connector' = 'datagen',
  'number-of-rows' = '10'
);
CREATE TEMPORARY TABLE latest (
  customer STRING,
  order_id BIGINT,
  PRIMARY KEY (customer) NOT ENFORCED
) WITH ('connector' = 'print');
`;
/** ON CONFLICT (2.3 syntax) on line 16: the query's upsert key (order_id) differs from the sink's key. */
const ON_CONFLICT = `${TABLES}INSERT INTO latest
SELECT MAX(customer), order_id
FROM orders GROUP BY order_id
ON CONFLICT DO DEDUPLICATE;
`;
/** CONNECTION DDL (2.x) on line 14, after a blank line. */
const CONNECTION = `${TABLES}
CREATE CONNECTION c WITH ('type' = 'x');
`;

describe('Flink 1.20 local cluster (beside 2.3)', function () {
  let c120: ClusterInfo;
  const target = () => ({ gatewayUrl: c120.gatewayUrl, restUrl: c120.restUrl });

  before(async function () {
    this.timeout(600_000); // a first run installs 1.20 and starts its cluster
    c120 = await sharedClusterOf('1.20');
  });

  it('runs Flink 1.20 from .flink/1.20.x/ on its own ports while the 2.3 cluster runs', async () => {
    const c23 = sharedCluster();
    assert.match(c120.flinkVersion, /^1\.20\.\d+$/);
    const overview = await new JobManagerClient(c120.restUrl).overview();
    assert.equal(overview['flink-version'], c120.flinkVersion);
    assert.ok(overview.taskmanagers >= 1);
    assert.equal((await new JobManagerClient(c23.restUrl).overview())['flink-version'], c23.flinkVersion);
    assert.notEqual(c120.gatewayUrl, c23.gatewayUrl);
    assert.notEqual(c120.restUrl, c23.restUrl);
    assert.equal(c120.clusterDir, path.join(c120.workspaceDir, '.flink', c120.flinkVersion));
    assert.ok(fs.existsSync(path.join(c120.clusterDir, 'conf', 'config.yaml')));
    assert.ok(!fs.existsSync(path.join(c120.clusterDir, 'conf', 'flink-conf.yaml')));
    const config = await new JobManagerClient(c120.restUrl).jobManagerConfig();
    assert.equal(config['execution.target'], 'remote');
    assert.equal(config['execution.checkpointing.savepoint-dir'], `file://${path.join(c120.clusterDir, 'savepoints')}`);
  });

  it('has a SQL Gateway whose /v1/info reports 1.20 and that serves up to the v3 API', async () => {
    const info = await httpJson(`${c120.gatewayUrl}/v1/info`, z.object({ productName: z.string(), version: z.string() }));
    assert.deepEqual(info, { productName: 'Apache Flink', version: c120.flinkVersion });
    const { versions } = await httpJson(`${c120.gatewayUrl}/api_versions`, z.object({ versions: z.array(z.string()) }));
    assert.ok(versions.includes('V3') && !versions.includes('V4'), versions.join(','));
  });

  it('`flink-sql local status --flink-version 1.20` in another process reports it', () => {
    const r = spawnSync(TSX, [path.join(ROOT, 'server/src/cli/main.ts'), 'local', 'status', '--dir', c120.workspaceDir,
      '--flink-version', '1.20', '--format', 'json'], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, r.stderr);
    const status = JSON.parse(r.stdout);
    assert.equal(status.running, true);
    assert.equal(status.flinkVersion, c120.flinkVersion);
    assert.equal(status.gateway, c120.gatewayUrl);
    assert.ok(status.clusters.some((x: { flinkVersion: string; running: boolean }) => x.flinkVersion === c120.flinkVersion && x.running));
  });

  it('validates the seed sample clean on Flink 1.20', async () => {
    const r = await validate(fs.readFileSync(SEED, 'utf8'), target());
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.validatedOnFlink, true);
    assert.equal(r.flinkVersion, c120.flinkVersion);
    assert.match(r.summary, /^Validated on Flink 1\.20 in \d+ ms$/);
  });

  it('executes the seed sample on Flink 1.20: its INSERT becomes a running job', async () => {
    const events: ExecuteEvent[] = [];
    for await (const e of execute(fs.readFileSync(SEED, 'utf8'), target())) events.push(e);
    const ends = events.filter((e) => e.type === 'end');
    assert.equal(ends.length, 3, JSON.stringify(events));
    const insert = ends[2];
    assert.ok(insert.type === 'end' && insert.jobId && /^[0-9a-f]{32}$/.test(insert.jobId), JSON.stringify(insert));
    const jm = new JobManagerClient(c120.restUrl);
    const jobId = insert.jobId;
    const waitFor = async (wanted: string) => {
      let state = '';
      for (const end = Date.now() + 60_000; Date.now() < end; await sleep(250)) if ((state = await jm.jobStatus(jobId)) === wanted) return;
      assert.fail(`job ${jobId} stayed ${state}, wanted ${wanted}`);
    };
    try {
      await waitFor('RUNNING');
    } finally {
      await jm.cancel(jobId);
      await waitFor('CANCELED');
    }
  });

  it('`flink-sql execute` runs a 1.20 draft (its deployment config) on the 1.20 cluster without --gateway', function () {
    this.timeout(180_000);
    // BTRIM is a 2.x built-in: Flink 1.20's planner does not know it, 2.3's does — so the answer says which ran it
    const dir = fs.mkdtempSync(path.join(c120.workspaceDir, 'execute-120-'));
    try {
      fs.writeFileSync(path.join(dir, 'trim.flink.sql'), "SELECT BTRIM('  x  ') AS v;\n");
      fs.writeFileSync(path.join(dir, 'trim.deployment.yaml'), "name: trim\ntype: SQL\ntarget: session\nflinkVersion: '1.20'\n");
      const env = { ...process.env };
      delete env.FLINK_SQL_GATEWAY;
      const run = (...extra: string[]) => spawnSync(TSX, [path.join(ROOT, 'server/src/cli/main.ts'), 'execute', path.join(dir, 'trim.flink.sql'), '--format', 'json', ...extra],
        { encoding: 'utf8', timeout: 120_000, cwd: c120.workspaceDir, env });
      const on120 = run();
      assert.equal(on120.status, 1, on120.stdout + on120.stderr);
      assert.match(on120.stdout, /BTRIM/, on120.stdout);
      // the same draft on the 2.3 gateway: the function is there, so the failure above is the 1.20 cluster's
      const on23 = run('--gateway', sharedCluster().gatewayUrl);
      assert.equal(on23.status, 0, on23.stdout + on23.stderr);
      assert.deepEqual(JSON.parse(on23.stdout.trim()).rows.map((r: { fields: unknown[] }) => r.fields), [['x']]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects INSERT … ON CONFLICT with Flink 1.20\'s parser error on the draft\'s line; 2.3 accepts the draft', async () => {
    // Before any cluster is asked, the parser's 1.20 mode says the same, on the same line and token.
    const local = diagnose(ON_CONFLICT, undefined, { flinkVersion: '1.20' }).filter((x) => x.severity === DiagnosticSeverity.Error);
    assert.equal(local.length, 1, JSON.stringify(local));
    assert.equal(lineOf(local[0]), 16);
    assert.equal(local[0].range.start.character, 0);
    assert.match(msg(local[0]), /^Encountered "ON" at line 16, column 1\. INSERT … ON CONFLICT needs Flink 2\.3 or later; this draft targets Flink 1\.20/);
    assert.deepEqual(diagnose(ON_CONFLICT, undefined, { flinkVersion: '2.3' }).filter((x) => x.severity === DiagnosticSeverity.Error), []);
    // Flink 1.20 agrees; Validate shows both, ours and Flink's, on that line.
    const withLocal = await validate(ON_CONFLICT, target(), { flinkVersion: '1.20' });
    assert.deepEqual(withLocal.diagnostics.filter((x) => x.severity === DiagnosticSeverity.Error).map((x) => [x.source, lineOf(x)]), [['flink-sql', 16], ['flink', 16]]);
    assert.equal(withLocal.fidelity.length, 1);
    assert.equal(withLocal.fidelity[0].flink.accepted, false);
    const on120 = await validate(ON_CONFLICT, target());
    assert.equal(on120.diagnostics.length, 1, JSON.stringify(on120.diagnostics));
    const [d] = on120.diagnostics;
    assert.equal(d.source, 'flink');
    assert.equal(lineOf(d), 16);
    assert.equal(d.range.start.character, 0);
    assert.match(msg(d), /(Encountered "ON"|near the keyword 'ON') at line 4, column 1/);
    const on23 = await validate(ON_CONFLICT, { gatewayUrl: sharedCluster().gatewayUrl, restUrl: sharedCluster().restUrl });
    assert.deepEqual(on23.diagnostics, []);
  });

  it('rejects CREATE CONNECTION with Flink 1.20\'s parser error on the keyword', async () => {
    const { diagnostics } = await validate(CONNECTION, target());
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    const [d] = diagnostics;
    assert.equal(lineOf(d), 14);
    assert.equal(d.range.start.character, 'CREATE '.length);
    assert.match(msg(d), /Encountered "CONNECTION" at line 1, column 8/);
  });
});
