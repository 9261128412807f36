// The upgrade's side by side: EXPLAIN's graph (captured from the real gateway) aligned with the operator ids the
// state inspector derived for the same SQL (captured from the shipped inspector), and the marks an upgrade check's
// verdicts give each side.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildPlanGraph, type PlanGraph } from '../../../server/src/plan/planModel';
import { linesOf } from '../../../server/src/plan/operatorLines';
import { alignOperators, markUpgrade, type NamedOperator } from '../../../server/src/plan/upgradeMarks';
import type { UpgradeCheck } from '../../../server/src/upgrade/verdicts';

const FIX = path.resolve(__dirname, '..', '..', 'fixtures', 'plan');
const OPERATORS = JSON.parse(fs.readFileSync(path.join(FIX, 'aggregation-2.3.operators.json'), 'utf8')) as NamedOperator[];
const graph = (): PlanGraph => buildPlanGraph(fs.readFileSync(path.join(FIX, 'aggregation-2.3.explain.txt'), 'utf8'), {
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, label: 'INSERT INTO totals (line 17)',
}, '1 h');
const idOf = (name: string) => OPERATORS.find((o) => o.name.startsWith(name))!.operatorId;
const nodeOf = (g: PlanGraph, kind: string) => g.nodes.find((n) => n.kind === kind)!;

describe('upgrade marks: EXPLAIN graph ↔ the job\'s operator ids', () => {
  it('aligns every node by position, the names equal once their planner-session numbers are dropped', () => {
    const g = graph();
    const ids = alignOperators(g, OPERATORS);
    assert.ok(ids instanceof Map, String(ids));
    assert.equal(ids.get(nodeOf(g, 'GroupAggregate').id), idOf('GroupAggregate'));
    assert.equal(ids.get(nodeOf(g, 'Source').id), idOf('Source: orders'));
    assert.equal(new Set(ids.values()).size, g.nodes.length);
  });

  it('refuses to align lists that differ, saying where', () => {
    assert.match(String(alignOperators(graph(), OPERATORS.slice(1))), /EXPLAIN planned 5 operators and the job 4/);
    const swapped = [OPERATORS[0], OPERATORS[2], OPERATORS[1], ...OPERATORS.slice(3)];
    assert.match(String(alignOperators(graph(), swapped)), /operator 2 is Calc\[4\] in EXPLAIN and GroupAggregate\[4\] in the job/);
  });

  it('marks the running version\'s aggregation dropped and the draft\'s stateful operator as starting empty', () => {
    const check: UpgradeCheck = {
      verdict: 'state-dropped', elapsedMs: 2900,
      operators: [
        { id: idOf('GroupAggregate'), name: 'GroupAggregate[9]', stateBytes: 3005, verdict: 'dropped' },
        { id: idOf('Source: orders'), stateBytes: 410, verdict: 'restored', vertex: 'Source: orders[1]' },
      ],
    };
    const before = graph();
    // The draft: the same operators but the aggregation's id changed (a moved GROUP BY key gives it a new one).
    const after = graph();
    const next = OPERATORS.map((o) => (o.name.startsWith('GroupAggregate') ? { ...o, operatorId: '4ab008489d4c8ed0fe577883438cc1ff' } : o));
    const notes = markUpgrade(check, 3, { graph: before, operators: OPERATORS }, { graph: after, operators: next });
    assert.deepEqual(notes, []);
    assert.equal(nodeOf(before, 'GroupAggregate').upgrade?.mark, 'dropped');
    assert.match(nodeOf(before, 'GroupAggregate').upgrade!.text, /its state \(3 kB\) is dropped/);
    assert.equal(nodeOf(before, 'Source').upgrade?.mark, 'restored');
    assert.equal(nodeOf(before, 'Calc').upgrade, undefined, 'stateless operators carry no mark');
    assert.equal(nodeOf(after, 'GroupAggregate').upgrade?.mark, 'fresh');
    assert.match(nodeOf(after, 'GroupAggregate').upgrade!.text, /version 3 saved none/);
    assert.equal(nodeOf(after, 'Source').upgrade?.mark, 'restored');
  });

  it('marks an unreadable key on both sides with the key change', () => {
    const check: UpgradeCheck = {
      verdict: 'incompatible', elapsedMs: 3100,
      operators: [{ id: idOf('GroupAggregate'), stateBytes: 3005, verdict: 'incompatible', keyType: 'ROW<user_id INT>', nextKeyType: 'ROW<user_id INT, url STRING>' }],
    };
    const before = graph();
    const after = graph();
    markUpgrade(check, 1, { graph: before, operators: OPERATORS }, { graph: after, operators: OPERATORS });
    for (const g of [before, after]) {
      assert.equal(nodeOf(g, 'GroupAggregate').upgrade?.mark, 'incompatible');
      assert.match(nodeOf(g, 'GroupAggregate').upgrade!.text, /ROW<user_id INT> to ROW<user_id INT, url STRING>/);
    }
  });

  it('marks a value layout change (an accumulator more) with the state that changes', () => {
    const check: UpgradeCheck = {
      verdict: 'incompatible', elapsedMs: 3100,
      operators: [{ id: idOf('GroupAggregate'), stateBytes: 3005, verdict: 'incompatible', keyType: 'ROW<user_id INT>', valueChanges: ['accState: ROW<BIGINT> → ROW<BIGINT, INT>'] }],
    };
    const after = graph();
    markUpgrade(check, 1, undefined, { graph: after, operators: OPERATORS });
    assert.equal(nodeOf(after, 'GroupAggregate').upgrade?.text, "cannot read version 1's state: its state changes layout (accState: ROW<BIGINT> → ROW<BIGINT, INT>)");
  });

  it('places an operator on its draft lines through the aligned node (Publish\'s refusal names them)', () => {
    const g = graph();
    const agg = nodeOf(g, 'GroupAggregate');
    agg.sources = [{ role: 'clause', range: { start: { line: 11, character: 0 }, end: { line: 11, character: 17 } } }, { role: 'statement', range: { start: { line: 8, character: 0 }, end: { line: 12, character: 1 } } }];
    nodeOf(g, 'Source').sources = [{ role: 'use', range: { start: { line: 9, character: 5 }, end: { line: 10, character: 2 } } }];
    assert.equal(linesOf(g, OPERATORS, idOf('GroupAggregate')), 'line 12', 'the most specific span: its GROUP BY');
    assert.equal(linesOf(g, OPERATORS, idOf('Source: orders')), 'lines 10–11');
    assert.equal(linesOf(g, OPERATORS, 'f'.repeat(32)), undefined);
    assert.equal(linesOf(g, OPERATORS.slice(1), idOf('GroupAggregate')), undefined, 'lists that do not line up place nothing');
  });

  it('leaves a graph unmarked, with a note, when its lists do not line up', () => {
    const check: UpgradeCheck = { verdict: 'compatible', elapsedMs: 1, operators: [{ id: idOf('GroupAggregate'), stateBytes: 1, verdict: 'restored' }] };
    const after = graph();
    const notes = markUpgrade(check, 2, undefined, { graph: after, operators: OPERATORS.slice(0, 2) });
    assert.match(notes.join(' '), /The draft's operators are not marked: EXPLAIN planned 5 operators and the job 2/);
    assert.ok(after.nodes.every((n) => !n.upgrade));
  });
});
