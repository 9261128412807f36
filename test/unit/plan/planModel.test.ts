// The plan model built from EXPLAIN answers captured from the real gateway (test/fixtures/plan, Flink 2.3.0 and
// 1.20.0): operators, edges and ship strategies, changelog modes, keys and state, and the draft lines of each node.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseScript } from '../../../server/src/parser';
import { groupStatements } from '../../../server/src/flink/statementKinds';
import { attribute, buildPlanGraph, parsePlanTrees, type PlanGraph } from '../../../server/src/plan/planModel';
import { mapSources } from '../../../server/src/plan/planSources';
import { LineIndex } from '../../../server/src/util/lineIndex';

const FIX = path.resolve(__dirname, '..', '..', 'fixtures', 'plan');
const SEED = path.resolve(__dirname, '..', '..', '..', 'examples', 'datagen-to-blackhole.flink.sql');
const read = (f: string) => fs.readFileSync(f, 'utf8');

/** The graph of `explainFile` for the last planned unit of `draftFile`, with its draft lines mapped. */
function graphOf(draftFile: string, explainFile: string, ttl?: string): PlanGraph {
  const script = read(draftFile);
  const parsed = parseScript(script);
  const units = groupStatements(script, parsed.statements);
  const unit = units[units.length - 1].stmt;
  const lines = new LineIndex(script);
  const g = buildPlanGraph(read(path.join(FIX, explainFile)), { range: lines.rangeOf(unit.start, unit.end), label: 'x' }, ttl);
  mapSources(g.nodes, { statements: parsed.statements, unit, lines, edges: g.edges });
  return g;
}

const byKind = (g: PlanGraph, kind: string) => g.nodes.filter((n) => n.kind === kind);
const line = (n: { sources: { range: { start: { line: number } } }[] }, i = 0) => n.sources[i].range.start.line + 1;

for (const v of ['2.3', '1.20']) {
  describe(`plan model (Flink ${v} EXPLAIN)`, () => {
    it('the seed sample: a source writing FORWARD into a blackhole sink, nothing stateful, lines mapped', () => {
      const g = graphOf(SEED, `seed-${v}.explain.txt`);
      assert.deepEqual(g.nodes.map((n) => [n.kind, n.table]), [['Source', 'datagen_source'], ['Sink', 'blackhole_sink']]);
      assert.deepEqual(g.edges.map((e) => e.shipStrategy), ['FORWARD']);
      assert.equal(g.edges[0].from, g.nodes[0].id);
      assert.equal(g.edges[0].to, g.nodes[1].id);
      assert.ok(g.nodes.every((n) => !n.state && n.parallelism === 1));
      assert.equal(g.nodes[0].changelogMode, 'I');
      const [source, sink] = g.nodes;
      assert.deepEqual(source.sources.map((s) => [s.role, s.range.start.line + 1]), [['use', 14], ['definition', 1]]);
      assert.deepEqual(sink.sources.map((s) => [s.role, s.range.start.line + 1]), [['use', 11], ['statement', 11], ['definition', 6]]);
      assert.deepEqual(g.nodes.map((n) => n.key), ['Source:datagen_source#0', 'Sink:blackhole_sink:Writer#0']);
    });

    it('GROUP BY: a stateful GroupAggregate (TTL from the session) behind a HASH edge, on the GROUP BY line', () => {
      const g = graphOf(path.join(FIX, 'aggregation.flink.sql'), `aggregation-${v}.explain.txt`, '1 h');
      assert.deepEqual(g.nodes.map((n) => n.kind), ['Source', 'Calc', 'GroupAggregate', 'ConstraintEnforcer', 'Sink']);
      const [agg] = byKind(g, 'GroupAggregate');
      assert.deepEqual(agg.state, { cleanup: 'ttl', ttl: '1 h' });
      assert.equal(agg.changelogMode, 'I,UA');
      assert.deepEqual(agg.upsertKey, ['user_id']);
      assert.deepEqual(agg.stateKey, ['user_id']);
      assert.match(agg.description, /^GroupAggregate\(groupBy=\[user_id\], select=\[user_id, COUNT\(\*\) AS EXPR\$1/);
      assert.equal(g.edges.find((e) => e.to === agg.id)?.shipStrategy, 'HASH');
      assert.equal(line(agg), 21, 'GROUP BY user_id is line 21');
      assert.equal(agg.sources[0].role, 'clause');
      const [calc] = byKind(g, 'Calc');
      assert.equal(line(calc), 20, 'WHERE amount > 10 is line 20');
      assert.ok(!calc.state);
      const sink = byKind(g, 'Sink')[0];
      assert.equal(sink.changelogMode, 'I,UA', 'the sink consumes the aggregate\'s updates');
      assert.equal(sink.table, 'totals');
      assert.deepEqual(g.nodes.filter((n) => n.state).map((n) => n.kind), ['GroupAggregate']);
    });

    it('a window TVF aggregation: two-phase, the global phase keeps state until the window ends; the watermark on its WATERMARK line', () => {
      const g = graphOf(path.join(FIX, 'window.flink.sql'), `window-${v}.explain.txt`, '1 h');
      assert.deepEqual(g.nodes.map((n) => n.kind), ['Source', 'WatermarkAssigner', 'Calc', 'LocalWindowAggregate', 'GlobalWindowAggregate', 'Calc', 'Sink']);
      assert.deepEqual(g.nodes.filter((n) => n.state).map((n) => [n.kind, n.state]), [['GlobalWindowAggregate', { cleanup: 'time' }]]);
      const [source, watermark] = g.nodes;
      assert.deepEqual(source.sources.map((s) => [s.role, s.range.start.line + 1]), [['use', 25], ['definition', 2]], 'TABLE orders in TUMBLE, then its CREATE (after the comment)');
      assert.equal(line(watermark), 7, 'the WATERMARK clause');
      const global = byKind(g, 'GlobalWindowAggregate')[0];
      assert.equal(line(global), 26, 'GROUP BY customer_id, window_start, window_end');
      assert.equal(g.edges.find((e) => e.to === global.id)?.shipStrategy, 'HASH');
      assert.equal(global.changelogMode, 'I');
    });

    it('a statement set: a reused source feeding a join and an aggregate, each operator under its own INSERT', () => {
      const g = graphOf(path.join(FIX, 'statementSet.flink.sql'), `statementSet-${v}.explain.txt`);
      const sources = byKind(g, 'Source');
      assert.deepEqual(sources.map((s) => s.table), ['orders', 'users']);
      const orders = sources[0];
      assert.deepEqual(orders.sinks, ['enriched', 'per_user'], 'the reused scan feeds both sinks');
      assert.equal(g.edges.filter((e) => e.from === orders.id).length, 2);
      const [join] = byKind(g, 'Join');
      assert.deepEqual(join.state, { cleanup: 'ttl' });
      assert.equal(g.edges.filter((e) => e.to === join.id && e.shipStrategy === 'HASH').length, 2);
      assert.equal(line(join), 27);
      assert.match(read(path.join(FIX, 'statementSet.flink.sql')).split('\n')[26].slice(join.sources[0].range.start.character), /^users u ON/);
      const [agg] = byKind(g, 'GroupAggregate');
      assert.equal(line(agg), 28);
      assert.deepEqual(agg.sinks, ['per_user']);
      assert.deepEqual(byKind(g, 'Sink').map((s) => [s.table, s.changelogMode, line(s)]), [['enriched', 'I', 27], ['per_user', 'I,UA', 28]]);
      assert.equal(new Set(g.nodes.map((n) => n.key)).size, g.nodes.length, 'keys are unique');
    });
  });
}

describe('plan model: keys are the same across Flink versions and sessions', () => {
  it('the statement set\'s node keys agree between 2.3 and 1.20 although Flink\'s ids differ', () => {
    const f = path.join(FIX, 'statementSet.flink.sql');
    const a = graphOf(f, 'statementSet-2.3.explain.txt');
    const b = graphOf(f, 'statementSet-1.20.explain.txt');
    assert.notDeepEqual(a.nodes.map((n) => n.id), b.nodes.map((n) => n.id));
    assert.deepEqual(a.nodes.map((n) => n.key), b.nodes.map((n) => n.key));
  });
});

describe('plan model: reading Flink\'s printed plans', () => {
  it('parses tree markers into children, reuse definitions as roots', () => {
    const trees = parsePlanTrees('A(x=[1])\n+- B(y=[2])\n   :- C\n   :  +- D\n   +- E\n\nF(reuse_id=[1])');
    assert.deepEqual(trees.map((t) => t.kind), ['A', 'F']);
    assert.deepEqual(trees[0].children[0].children.map((c) => c.kind), ['C', 'E']);
    assert.equal(trees[0].children[0].children[0].children[0].kind, 'D');
  });

  it('reads attributes with nested brackets', () => {
    assert.deepEqual(attribute('Exchange(distribution=[hash[a, b]], changelogMode=[I,UA])', 'distribution'), ['hash[a, b]']);
    assert.deepEqual(attribute('Exchange(distribution=[hash[a, b]], changelogMode=[I,UA])', 'changelogMode'), ['I', 'UA']);
    assert.equal(attribute('Calc(select=[a])', 'key'), undefined);
    assert.deepEqual(attribute('ChangelogNormalize(key=[id])', 'key'), ['id']);
  });

  it('refuses an answer without the JSON execution plan', () => {
    assert.throws(() => buildPlanGraph('== Optimized Physical Plan ==\nSink(table=[t])', { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, label: '' }), /no JSON execution plan/);
  });
});
