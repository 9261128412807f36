// Publishing from a compiled plan, on the real local Flink 2.3: every session version keeps Flink's COMPILE PLAN
// JSON; a configuration change that re-plans the SQL differently (mini-batch turned on: an assigner more, the
// aggregation moved) would drop the running aggregation's state, and Publish says so and offers the plan; with
// `--from-plan` the upgrade check plans the job from version 1's plan (compatible), and the restored job runs v1's
// operators, its count's state going on. A draft whose statements changed is refused the plan, with the statement.
// Then a Flink upgrade: version 1 runs on 1.20, the draft moves to 2.3 and is published from 1.20's plan, which 2.3
// restores into the same operators.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { publish } from '../../server/src/deploy';
import { jobManagerResolver } from '../../server/src/deploy/clusters';
import { JobManagerClient } from '../../server/src/flink/restClient';
import type { ClusterInfo } from '../../server/src/flink/localCluster';
import { savepointState } from '../../server/src/upgrade/stateInspector';
import type { UpgradeCheck } from '../../server/src/upgrade/verdicts';
import { sharedCluster, sharedClusterOf } from './cluster';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
process.env.FLINK_SQL_STATE_INSPECTOR_JAR ??= path.join(ROOT, 'out', 'state-inspector.jar');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every row a new user: the aggregation's state only grows, so a restored job holds at least what v1 saved. */
const V1 = `CREATE TEMPORARY TABLE orders (
  user_id INT,
  amount INT
) WITH (
  'connector' = 'datagen', 'rows-per-second' = '20',
  'fields.user_id.min' = '1', 'fields.user_id.max' = '1000000'
);
CREATE TEMPORARY TABLE user_counts (user_id INT, cnt BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO user_counts
SELECT user_id, COUNT(*) FROM orders
GROUP BY user_id;
`;
/** Only configuration: mini-batch on (the SQL planned again gets a MiniBatchAssigner and another aggregation). */
const MINI_BATCH = `SET 'table.exec.mini-batch.enabled' = 'true';
SET 'table.exec.mini-batch.allow-latency' = '1 s';
SET 'table.exec.mini-batch.size' = '100';
${V1}`;

describe('publish from a compiled plan: a configuration change that re-plans the SQL keeps the state (Flink 2.3)', function () {
  this.timeout(300_000);
  let cluster: ClusterInfo;
  let ws: string;
  let draft: string;
  const figures: string[] = [];

  before(() => {
    cluster = sharedCluster();
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'compiled-plan-'));
    draft = path.join(ws, 'counts.flink.sql');
    fs.writeFileSync(path.join(ws, 'counts.deployment.yaml'), 'name: counts\ntype: SQL\ntarget: session\nflinkVersion: "2.3"\nparallelism: 1\nbehavior: { restoreStrategy: latest-savepoint }\n');
  });
  after(async () => {
    const jm = new JobManagerClient(cluster.restUrl);
    for (const j of await jm.jobs().catch(() => [])) if (j.state === 'RUNNING') await jm.cancel(j.jid).catch(() => undefined);
    fs.rmSync(ws, { recursive: true, force: true });
    process.stderr.write(`      [compiled plan] ${figures.join('; ')}\n`);
  });

  function cli(...args: string[]): Promise<{ status: number; out: Record<string, unknown>; stderr: string }> {
    return new Promise((resolve) => {
      execFile(TSX, [path.join(ROOT, 'server/src/cli/main.ts'), ...args, '--dir', ws, '--gateway', cluster.gatewayUrl, '--rest', cluster.restUrl, '--format', 'json'],
        { encoding: 'utf8', timeout: 240_000, env: { ...process.env, FLINK_SQL_GATEWAY: '', FLINK_SQL_REST: '' } }, (error, stdout, stderr) => {
          let out: Record<string, unknown> = {};
          try { out = JSON.parse(stdout) as Record<string, unknown>; } catch { /* a failure's text is on stderr */ }
          resolve({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, out, stderr });
        });
    });
  }
  const versionDir = (n: number) => path.join(ws, '.flink', 'deployments', 'counts', `v${n}`);

  it('keeps each version\'s compiled plan; a mini-batch change re-planned would lose the count, from the plan it carries over', async () => {
    fs.writeFileSync(draft, V1);
    const v1 = await cli('publish', draft);
    assert.equal(v1.status, 0, v1.stderr.slice(-2000));
    const plan = JSON.parse(fs.readFileSync(path.join(versionDir(1), 'plan.json'), 'utf8')) as { flinkVersion: string; nodes: Array<{ type: string }> };
    assert.equal(plan.flinkVersion, '2.3');
    assert.ok(plan.nodes.some((n) => /group-aggregate/.test(n.type)), `the plan holds the aggregation: ${plan.nodes.map((n) => n.type).join(', ')}`);
    await sleep(6_000);

    // The SQL planned again with mini-batch: the check says the state would be lost, and Publish offers the plan.
    fs.writeFileSync(draft, MINI_BATCH);
    const replanned = await cli('publish', draft, '--check');
    const lost = replanned.out.upgrade as UpgradeCheck;
    assert.equal(replanned.status, 1);
    assert.ok(lost.verdict === 'state-dropped' || lost.verdict === 'incompatible', `re-planned: ${JSON.stringify(lost)}`);
    figures.push(`re-planned with mini-batch: ${lost.verdict} in ${lost.elapsedMs} ms`);
    const refused = await cli('publish', draft);
    assert.equal(refused.status, 1);
    assert.equal(refused.out.fromPlan, 1, 'the refusal offers version 1\'s plan');
    assert.match(refused.stderr, /the statements did not change since version 1, so publishing from its compiled plan \(flink-sql publish --from-plan/);

    const checked = await cli('publish', draft, '--check', '--from-plan');
    const kept = checked.out.upgrade as UpgradeCheck;
    assert.equal(checked.status, 0, checked.stderr.slice(-2000));
    assert.equal(kept.verdict, 'compatible', JSON.stringify(kept));
    figures.push(`from the plan: ${kept.verdict} in ${kept.elapsedMs} ms`);

    const v2 = await cli('publish', draft, '--from-plan');
    assert.equal(v2.status, 0, v2.stderr.slice(-2000));
    assert.equal(v2.out.version, 2);
    assert.equal(v2.out.state, 'RUNNING');
    assert.ok(v2.out.restoredFrom, 'restored from the upgrade\'s savepoint');
    const record = JSON.parse(fs.readFileSync(path.join(versionDir(2), 'version.json'), 'utf8')) as { fromPlan?: number };
    assert.equal(record.fromPlan, 1);
    assert.ok(fs.existsSync(path.join(versionDir(2), 'plan.json')), 'the plan goes with the version that runs it');

    // It runs version 1's operators (no MiniBatchAssigner), and the count's state went on from v1's.
    const jm = new JobManagerClient(cluster.restUrl);
    const jobId = String(v2.out.jobId);
    const job = await jm.job(jobId);
    assert.ok(!job.vertices.some((v) => /MiniBatch/i.test(v.name)), `v1's operators: ${job.vertices.map((v) => v.name).join(' | ')}`);
    const sp = await jm.waitForSavepoint(jobId, await jm.triggerSavepoint(jobId));
    const after = await savepointState(sp, { flinkVersion: '2.3' });
    const agg = kept.operators[0];
    const now = after.operators.find((o) => o.id === agg.id);
    assert.ok(now && now.stateBytes >= agg.stateBytes, `the aggregation's state went on: ${agg.stateBytes} B at the check, ${now?.stateBytes} B after the restore`);
    figures.push(`state ${agg.stateBytes} → ${now.stateBytes} B`);
  });

  it('refuses the plan to a draft whose statements changed, naming where', async () => {
    fs.writeFileSync(draft, MINI_BATCH.replace('GROUP BY user_id;', 'WHERE amount > 10\nGROUP BY user_id;'));
    const r = await cli('publish', draft, '--from-plan');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /Cannot publish "counts" from a compiled plan: the draft's statements changed since version 2 \(at: INSERT INTO user_counts\)/);
  });
});

describe('publish from a compiled plan: a Flink upgrade, 1.20 → 2.3, runs 1.20\'s plan on 2.3 with the state', function () {
  this.timeout(300_000);
  const clusters = {} as Record<'1.20' | '2.3', ClusterInfo>;
  let ws: string;
  let draft: string;
  const yaml = (line: string) => fs.writeFileSync(path.join(ws, 'counts.deployment.yaml'), `name: counts\ntype: SQL\ntarget: session\nflinkVersion: "${line}"\nparallelism: 1\nbehavior: { restoreStrategy: latest-savepoint }\n`);

  before(async () => {
    clusters['2.3'] = sharedCluster();
    clusters['1.20'] = await sharedClusterOf('1.20');
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'compiled-plan-upgrade-'));
    draft = path.join(ws, 'counts.flink.sql');
    fs.writeFileSync(draft, V1);
  });
  after(async () => {
    for (const c of Object.values(clusters)) {
      const jm = new JobManagerClient(c.restUrl);
      for (const j of await jm.jobs().catch(() => [])) if (j.state === 'RUNNING') await jm.cancel(j.jid).catch(() => undefined);
    }
    fs.rmSync(ws, { recursive: true, force: true });
  });

  /** Publish on the cluster of `line`; the running version's cluster is found from its record, as in the editor. */
  const publishOn = (line: '1.20' | '2.3', o: { checkOnly?: boolean; fromPlan?: boolean } = {}) => {
    const c = clusters[line];
    return publish({
      workspaceDir: ws, draftPath: draft, gateway: { gatewayUrl: c.gatewayUrl, restUrl: c.restUrl },
      cluster: { kind: 'remote', gatewayUrl: c.gatewayUrl, restUrl: c.restUrl }, jobManagers: jobManagerResolver({ workspaceDir: ws }), ...o,
    });
  };

  it('checks and restores version 1\'s 1.20 plan on 2.3: the count goes on', async () => {
    yaml('1.20');
    const v1 = await publishOn('1.20');
    assert.equal(v1.state, 'RUNNING');
    const plan = JSON.parse(fs.readFileSync(path.join(ws, '.flink', 'deployments', 'counts', 'v1', 'plan.json'), 'utf8')) as { flinkVersion: string };
    assert.equal(plan.flinkVersion, '1.20');
    await sleep(6_000);

    yaml('2.3');
    const checked = await publishOn('2.3', { checkOnly: true, fromPlan: true });
    assert.equal(checked.upgrade?.verdict, 'compatible', JSON.stringify(checked.upgrade));
    const v2 = await publishOn('2.3', { fromPlan: true });
    assert.equal(v2.state, 'RUNNING');
    assert.ok(v2.restoredFrom, 'restored from 1.20\'s savepoint');
    assert.equal(v2.upgrade?.verdict, 'compatible');
    const jm = new JobManagerClient(clusters['2.3'].restUrl);
    assert.equal((await jm.config())['flink-version'], '2.3.0');
    const sp = await jm.waitForSavepoint(v2.jobId!, await jm.triggerSavepoint(v2.jobId!));
    const after = await savepointState(sp, { flinkVersion: '2.3' });
    const agg = v2.upgrade!.operators[0];
    const now = after.operators.find((o) => o.id === agg.id);
    assert.ok(now && now.stateBytes >= agg.stateBytes, `the aggregation's state went on: ${agg.stateBytes} B on 1.20, ${now?.stateBytes} B on 2.3`);
    process.stderr.write(`      [compiled plan 1.20 → 2.3] check ${checked.upgrade!.elapsedMs} ms; state ${agg.stateBytes} → ${now.stateBytes} B\n`);
  });
});
