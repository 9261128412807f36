// The upgrade's side by side on the real local Flink 2.3 and 1.20: v1 of a GROUP BY draft (with a SET, which the
// state inspector must apply as the gateway does) runs; the draft's key moves; the same check Publish runs, with both
// versions planned, marks the running version's aggregation dropped and the draft's as starting empty, every other
// stateful operator carried over — on graphs from the real planner, nothing published or stopped. Then v2 runs and
// a roll back to v1 meets the same check (v2's aggregation has no operator in v1): refused, and done when allowed.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DeploymentStore, jobManagerResolver, publish, readPublishSource } from '../../server/src/deploy';
import type { ClusterInfo } from '../../server/src/flink/localCluster';
import { JobManagerClient } from '../../server/src/flink/restClient';
import { upgradePlan } from '../../server/src/plan/upgradePlan';
import { sharedCluster, sharedClusterOf } from './cluster';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
process.env.FLINK_SQL_STATE_INSPECTOR_JAR ??= path.join(ROOT, 'out', 'state-inspector.jar');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const V1 = `SET 'table.exec.state.ttl' = '1 h';
CREATE TEMPORARY TABLE orders (
  user_id INT,
  region STRING,
  amount DOUBLE
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '50',
  'fields.user_id.min' = '1',
  'fields.user_id.max' = '20',
  'fields.region.length' = '1'
);
CREATE TEMPORARY TABLE totals (
  user_id INT,
  total DOUBLE
) WITH ('connector' = 'blackhole');
INSERT INTO totals
SELECT user_id, SUM(amount) FROM orders
GROUP BY user_id;
`;
/** The key grows by region, which v1 did not read: its projection before the aggregation goes, and the aggregation gets a new operator id. */
const V2 = V1.replace('GROUP BY user_id;', 'GROUP BY user_id, region;');

for (const line of ['2.3', '1.20'] as const) {
  describe(`upgrade plan: both versions planned and marked (Flink ${line})`, function () {
    this.timeout(400_000);
    let cluster: ClusterInfo;
    let ws: string;
    const draft = () => path.join(ws, 'totals.flink.sql');
    const options = () => ({
      workspaceDir: ws, gateway: { gatewayUrl: cluster.gatewayUrl, restUrl: cluster.restUrl },
      cluster: { kind: 'remote' as const, gatewayUrl: cluster.gatewayUrl, restUrl: cluster.restUrl },
      jobManagers: jobManagerResolver({ workspaceDir: ws, restUrl: cluster.restUrl }),
    });

    before(async () => {
      cluster = line === '2.3' ? sharedCluster() : await sharedClusterOf('1.20');
      ws = fs.mkdtempSync(path.join(os.tmpdir(), `upgrade-plan-${line}-`));
      fs.writeFileSync(path.join(ws, 'totals.deployment.yaml'), `name: totals\ntype: SQL\ntarget: session\nflinkVersion: "${line}"\nparallelism: 1\n`);
    });
    after(async () => {
      const jm = new JobManagerClient(cluster.restUrl);
      for (const j of await jm.jobs().catch(() => [])) if (j.state === 'RUNNING' && /totals/.test(j.name)) await jm.cancel(j.jid).catch(() => undefined);
      fs.rmSync(ws, { recursive: true, force: true });
    });

    it('marks the moved aggregation dropped on v1 and empty in the draft, any other state carried over', async () => {
      fs.writeFileSync(draft(), V1);
      const v1 = await publish({ ...options(), draftPath: draft() });
      assert.equal(v1.state, 'RUNNING');
      await sleep(4_000);
      fs.writeFileSync(draft(), V2);
      const t0 = performance.now();
      const checked = await publish({ ...options(), source: readPublishSource(draft()), checkOnly: true, comparePlans: true });
      assert.equal(checked.upgrade?.verdict, 'state-dropped', JSON.stringify(checked.upgrade));
      assert.equal(checked.previous?.version, 1);
      const recorded = new DeploymentStore(ws).read('totals')!.savepoints.filter((s) => s.how === 'check');
      assert.deepEqual(recorded.map((s) => [s.path, s.version]), [[checked.upgrade!.savepoint, 1]], 'the check\'s savepoint is recorded as v1\'s');
      const u = await upgradePlan(checked, V2, options().gateway, { flinkVersion: line });
      const ms = Math.round(performance.now() - t0);
      assert.deepEqual(u.notes, []);
      assert.equal(u.from, 1);
      const [before] = u.before!.graphs;
      const [after] = u.after.graphs;
      const marks = (g: typeof before) => g.nodes.filter((n) => n.upgrade).map((n) => `${n.kind}:${n.upgrade!.mark}`);
      const dropped = checked.upgrade!.operators.find((o) => o.verdict === 'dropped')!;
      assert.equal(before.nodes.find((n) => n.kind === 'GroupAggregate')?.upgrade?.operatorId, dropped.id, 'the savepoint\'s dropped operator is the running version\'s aggregation');
      assert.ok(marks(before).includes('GroupAggregate:dropped'), marks(before).join());
      assert.ok(marks(after).includes('GroupAggregate:fresh'), marks(after).join());
      // Whatever else keeps state (the datagen source's splits on 2.3) is marked restored on both sides.
      const restored = checked.upgrade!.operators.filter((o) => o.verdict === 'restored').length;
      assert.equal(marks(before).filter((m) => m.endsWith(':restored')).length, restored);
      assert.equal(marks(after).filter((m) => m.endsWith(':restored')).length, restored);
      assert.ok(after.nodes.find((n) => n.kind === 'GroupAggregate')!.sources.length > 0, 'the draft\'s operators link to its lines');
      assert.ok(before.nodes.every((n) => n.sources.length === 0), 'the running version\'s do not (it is the published SQL)');
      const jm = new JobManagerClient(cluster.restUrl);
      assert.equal(await jm.jobStatus(v1.jobId!), 'RUNNING', 'nothing was stopped');
      process.stderr.write(`      [upgrade plan ${line}] check + both plans ${ms} ms (check ${checked.upgrade!.elapsedMs} ms); v1 ${marks(before).join(' ')} · draft ${marks(after).join(' ')}\n`);
    });

    it('a roll back is checked too: back to v1 from the running v2 is refused (v2\'s aggregation has no operator in v1), and runs with --allow-state-loss', async () => {
      const v2 = await publish({ ...options(), draftPath: draft(), allowStateLoss: true });
      assert.equal(v2.state, 'RUNNING');
      await sleep(3_000);
      const rollback = (...extra: string[]) => spawnSync(TSX, [path.join(ROOT, 'server/src/cli/main.ts'), 'rollback', 'totals', '1', ...extra, '--dir', ws,
        '--gateway', cluster.gatewayUrl, '--rest', cluster.restUrl, '--format', 'json'], { encoding: 'utf8', timeout: 300_000, env: { ...process.env, FLINK_SQL_GATEWAY: '', FLINK_SQL_REST: '' } });
      const refused = rollback();
      assert.equal(refused.status, 1, refused.stderr);
      assert.match(refused.stderr, /State would be dropped: GroupAggregate\[\d+\] \(|State would be dropped: operator [0-9a-f]{8} \(/);
      assert.match(refused.stderr, /Nothing was stopped or published/);
      const jm = new JobManagerClient(cluster.restUrl);
      assert.equal(await jm.jobStatus(v2.jobId!), 'RUNNING', 'v2 was not touched');
      const allowed = rollback('--allow-state-loss');
      assert.equal(allowed.status, 0, allowed.stderr);
      const out = JSON.parse(allowed.stdout) as { version: number; state: string; restoredFrom?: { path: string } };
      assert.deepEqual([out.version, out.state], [3, 'RUNNING']);
      assert.ok(out.restoredFrom?.path, 'restored from v2\'s savepoint, the dropped state left out');
      const v3 = JSON.parse(fs.readFileSync(path.join(ws, '.flink', 'deployments', 'totals', 'v3', 'version.json'), 'utf8')) as { rolledBackFrom?: number; upgrade?: { verdict: string; stateLossAllowed?: boolean } };
      assert.deepEqual([v3.rolledBackFrom, v3.upgrade?.verdict, v3.upgrade?.stateLossAllowed], [1, 'state-dropped', true]);
    });
  });
}
