// The plan view's layered layout (client/webview/_planLayout.ts) on the graphs Flink gave for the fixtures:
// every edge runs downward, boxes never overlap, and the drawing is as large as its layers.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { layout, NODE_HEIGHT, NODE_WIDTH } from '../../../client/webview/_planLayout';
import { buildPlanGraph } from '../../../server/src/plan/planModel';

const FIX = path.resolve(__dirname, '..', '..', 'fixtures', 'plan');
const at = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, label: '' };

describe('plan layout', () => {
  for (const f of ['seed-2.3', 'aggregation-2.3', 'statementSet-2.3', 'statementSet-1.20']) {
    it(`lays out ${f} top to bottom without overlaps`, () => {
      const g = buildPlanGraph(fs.readFileSync(path.join(FIX, `${f}.explain.txt`), 'utf8'), at);
      const l = layout(g);
      assert.equal(l.boxes.size, g.nodes.length);
      assert.equal(l.paths.length, g.edges.length);
      for (const e of g.edges) {
        assert.ok(l.boxes.get(e.from)!.layer < l.boxes.get(e.to)!.layer, `${e.from}→${e.to} goes down`);
        assert.ok(l.boxes.get(e.from)!.y + NODE_HEIGHT < l.boxes.get(e.to)!.y);
      }
      const boxes = [...l.boxes.values()];
      for (const a of boxes) for (const b of boxes) {
        if (a === b) continue;
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        assert.ok(apart, `${a.id} and ${b.id} overlap`);
      }
      for (const b of boxes) assert.ok(b.x >= 0 && b.y >= 0 && b.x + NODE_WIDTH <= l.width && b.y + NODE_HEIGHT <= l.height);
    });
  }

  it('puts the longest chain in as many layers as it has operators (statement set: source → calc → join → calc → sink)', () => {
    const g = buildPlanGraph(fs.readFileSync(path.join(FIX, 'statementSet-2.3.explain.txt'), 'utf8'), at);
    const l = layout(g);
    assert.equal(Math.max(...[...l.boxes.values()].map((b) => b.layer)) + 1, 5);
  });

  it('survives a cycle and an edge to an unknown node', () => {
    const l = layout({ nodes: [{ id: '1' }, { id: '2' }], edges: [{ from: '1', to: '2' }, { from: '2', to: '1' }, { from: '2', to: '9' }] });
    assert.equal(l.boxes.size, 2);
  });
});
