// The plan webview's inbound messages as the host checks them (client/webview/_planMessages.ts): only the known
// shapes pass; a node id is digits (Flink's stream-graph ids), a graph index a small non-negative integer.
import { strict as assert } from 'node:assert';
import { planWebviewToHostSchema } from '../../../client/webview/_planMessages';

const ok = (m: unknown) => planWebviewToHostSchema.safeParse(m).success;

describe('plan webview messages', () => {
  it('accepts ready, refresh and reveal of a node', () => {
    assert.ok(ok({ type: 'ready' }));
    assert.ok(ok({ type: 'refresh' }));
    assert.ok(ok({ type: 'reveal', graph: 0, node: '11' }));
  });

  it('refuses unknown types, non-digit node ids, negative or fractional graph indexes', () => {
    assert.ok(!ok({ type: 'run', sql: 'DROP TABLE t' }));
    assert.ok(!ok({ type: 'reveal', graph: 0, node: '<img src=x>' }));
    assert.ok(!ok({ type: 'reveal', graph: -1, node: '1' }));
    assert.ok(!ok({ type: 'reveal', graph: 0.5, node: '1' }));
    assert.ok(!ok({ type: 'reveal', graph: 0 }));
    assert.ok(!ok('reveal'));
  });
});
