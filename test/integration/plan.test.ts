// Show Plan on the real planner, Flink 2.3 and 1.20: the seed sample and a GROUP BY draft give the expected graph
// (a stateful GroupAggregate on the GROUP BY line, its TTL from the draft's SET), and a refused statement is a problem on its line.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ClusterInfo } from '../../server/src/flink/localCluster';
import { explainPlan } from '../../server/src/plan/explainPlan';
import { sharedCluster, sharedClusterOf } from './cluster';

const ROOT = path.resolve(__dirname, '..', '..');
const SEED = fs.readFileSync(path.join(ROOT, 'examples', 'datagen-to-blackhole.flink.sql'), 'utf8');
const AGG = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'plan', 'aggregation.flink.sql'), 'utf8');

for (const version of ['2.3', '1.20'] as const) {
  describe(`Show Plan on Flink ${version}`, function () {
    let cluster: ClusterInfo;
    const target = () => ({ gatewayUrl: cluster.gatewayUrl, restUrl: cluster.restUrl });

    before(async function () {
      this.timeout(600_000); // 1.20 may be installed and started here
      cluster = version === '2.3' ? sharedCluster() : await sharedClusterOf('1.20');
    });

    it('plans the seed sample: datagen_source → FORWARD → blackhole_sink, nothing stateful, no job started', async () => {
      const plan = await explainPlan(SEED, target(), { flinkVersion: version });
      process.stderr.write(`  [plan] seed on ${plan.flinkVersion}: ${plan.summary}\n`);
      assert.match(plan.flinkVersion, version === '2.3' ? /^2\.3\./ : /^1\.20\./);
      assert.deepEqual(plan.problems, []);
      assert.equal(plan.graphs.length, 1);
      const g = plan.graphs[0];
      assert.equal(g.statement.label, 'INSERT INTO blackhole_sink (line 11)');
      assert.deepEqual(g.nodes.map((n) => [n.kind, n.table, n.state]), [['Source', 'datagen_source', undefined], ['Sink', 'blackhole_sink', undefined]]);
      assert.deepEqual(g.edges.map((e) => e.shipStrategy), ['FORWARD']);
      assert.equal(g.nodes[0].sources[0].range.start.line + 1, 14, 'the source is read on line 14 (from datagen_source)');
      assert.equal(g.nodes[1].sources[0].range.start.line + 1, 11, 'the sink is the INSERT on line 11');
      assert.equal(plan.stateTtl, 'none (kept forever)');
      const jobs = await fetch(`${cluster.restUrl}/jobs/overview`).then((r) => r.json()) as { jobs: { name: string; state: string }[] };
      assert.ok(!jobs.jobs.some((j) => j.state === 'RUNNING' && /blackhole_sink/.test(j.name)), 'EXPLAIN starts no job');
    });

    it('plans a GROUP BY draft: a stateful GroupAggregate with the SET TTL, hash-partitioned, on the GROUP BY line', async () => {
      const plan = await explainPlan(AGG, target(), { flinkVersion: version });
      process.stderr.write(`  [plan] aggregation on ${plan.flinkVersion}: ${plan.summary}\n`);
      assert.deepEqual(plan.problems, []);
      const g = plan.graphs[0];
      assert.deepEqual(g.nodes.map((n) => n.kind), ['Source', 'Calc', 'GroupAggregate', 'ConstraintEnforcer', 'Sink']);
      const agg = g.nodes.find((n) => n.kind === 'GroupAggregate')!;
      assert.deepEqual(agg.state, { cleanup: 'ttl', ttl: '1 h' });
      assert.equal(plan.stateTtl, '1 h');
      assert.equal(agg.changelogMode, 'I,UA');
      assert.deepEqual(agg.upsertKey, ['user_id']);
      assert.equal(g.edges.find((e) => e.to === agg.id)?.shipStrategy, 'HASH');
      assert.deepEqual(agg.sources.map((s) => [s.role, s.range.start.line + 1]), [['clause', 21], ['statement', 17]]);
      assert.deepEqual(g.nodes.filter((n) => n.state).map((n) => n.kind), ['GroupAggregate']);
    });

    it('reports a statement Flink refuses on its line and still plans the rest', async () => {
      const broken = `${AGG}\nINSERT INTO totals SELECT user_id, COUNT(*), SUM(amount) FROM no_such_table GROUP BY user_id;\n`;
      const plan = await explainPlan(broken, target(), { flinkVersion: version });
      assert.equal(plan.graphs.length, 1);
      assert.equal(plan.problems.length, 1);
      assert.equal(plan.problems[0].range.start.line + 1, 23);
      assert.match(plan.problems[0].message, /no_such_table/);
    });
  });
}
