// DiagnosticsScheduler: a change after a pause runs at once; a burst within the window runs once at its end.
import { strict as assert } from 'node:assert';
import { setTimeout as sleep } from 'node:timers/promises';
import { DiagnosticsScheduler } from '../../../server/src/lsp/diagnosticsScheduler';

describe('DiagnosticsScheduler', () => {
  it('runs the first change immediately, then coalesces a burst into one trailing run', async () => {
    const runs: number[] = [];
    const t0 = performance.now();
    // A wide window keeps the test meaningful on a loaded machine: the leading run must come well before it.
    const s = new DiagnosticsScheduler({ intervalMs: 300, run: () => runs.push(performance.now() - t0) });
    s.schedule('a');
    await sleep(20);
    assert.equal(runs.length, 1, 'leading run');
    assert.ok(runs[0] < 150, `leading run after ${runs[0]} ms`);
    for (let i = 0; i < 5; i++) {
      s.schedule('a');
      await sleep(2);
    }
    assert.equal(runs.length, 1, 'burst deferred');
    await sleep(400);
    assert.equal(runs.length, 2, 'one trailing run');
    assert.ok(runs[1] - runs[0] >= 299, `trailing run ${runs[1] - runs[0]} ms after the leading one`);
    s.dispose();
  });

  it('keeps documents independent and drops pending runs on cancel', async () => {
    const runs: string[] = [];
    const s = new DiagnosticsScheduler({ intervalMs: 30, run: (uri) => runs.push(uri) });
    s.schedule('a');
    s.schedule('b');
    await sleep(20);
    assert.deepEqual(runs.sort(), ['a', 'b']);
    s.schedule('a');
    s.cancel('a');
    await sleep(50);
    assert.deepEqual(runs.sort(), ['a', 'b']);
  });
});
