// The upgrade check's answer in words, and what it says when it cannot decide (the savepoint of the running job
// fails): never a throw that would stop Publish for the check's own sake. The verdicts against real restores are in
// test/integration/upgradeCheck.test.ts.
import { strict as assert } from 'node:assert';
import type { JobManagerClient } from '../../../server/src/flink/restClient';
import { checkUpgrade, describeUpgrade } from '../../../server/src/upgrade/upgradeCheck';
import type { UpgradeCheck } from '../../../server/src/upgrade/verdicts';

describe('upgrade check', () => {
  const agg = { id: 'a'.repeat(32), name: 'GroupAggregate[9]', stateBytes: 12_345 };

  it('says which state carries over, and which would restart from zero', () => {
    const ok: UpgradeCheck = { verdict: 'compatible', operators: [{ ...agg, verdict: 'restored', vertex: 'GroupAggregate' }], elapsedMs: 4_200 };
    assert.equal(describeUpgrade(ok), 'Compatible: the state of 1 operator carries over: GroupAggregate[9] (12 kB) (checked in 4.2 s).');
    const behind: UpgradeCheck = { verdict: 'compatible', operators: [{ ...agg, verdict: 'restored', valueChanges: ['accState: not read by the new operator (its content is left behind)'] }], elapsedMs: 4_200 };
    assert.equal(describeUpgrade(behind), 'Compatible: the state of 1 operator carries over: GroupAggregate[9] (12 kB); but GroupAggregate[9] accState: not read by the new operator (its content is left behind) (checked in 4.2 s).');
    const lost: UpgradeCheck = { verdict: 'state-dropped', operators: [{ ...agg, verdict: 'dropped' }, { id: 'b'.repeat(32), stateBytes: 10, verdict: 'restored' }], elapsedMs: 5_000 };
    assert.match(describeUpgrade(lost), /^State would be dropped: GroupAggregate\[9\] \(12 kB\) has no operator in the new version, so its state restarts from zero and the restore needs allowNonRestoredState/);
    const broken: UpgradeCheck = { verdict: 'incompatible', operators: [{ ...agg, verdict: 'incompatible', keyType: 'ROW<INT>', nextKeyType: 'ROW<INT, STRING>' }], elapsedMs: 5_100 };
    assert.equal(describeUpgrade(broken), 'Incompatible: GroupAggregate[9] (12 kB) keeps its operator but its key changes from ROW<INT> to ROW<INT, STRING>, '
      + 'so Flink cannot read its state and the restore would fail: only fresh state works (checked in 5.1 s).');
    const layout: UpgradeCheck = { verdict: 'incompatible', operators: [{ ...agg, verdict: 'incompatible', keyType: 'ROW<INT>', valueChanges: ['accState: ROW<BIGINT> → ROW<BIGINT, INT>'] }], elapsedMs: 5_100 };
    assert.equal(describeUpgrade(layout), 'Incompatible: GroupAggregate[9] (12 kB) keeps its operator but its state changes layout (accState: ROW<BIGINT> → ROW<BIGINT, INT>), '
      + 'so Flink cannot read its state and the restore would fail: only fresh state works (checked in 5.1 s).');
    const placed: UpgradeCheck = { verdict: 'state-dropped', operators: [{ ...agg, verdict: 'dropped', where: 'line 12 of version 3' }], elapsedMs: 5_000 };
    assert.match(describeUpgrade(placed), /^State would be dropped: GroupAggregate\[9\] \(12 kB, line 12 of version 3\) has no operator in the new version/);
    assert.match(describeUpgrade({ verdict: 'fresh', operators: [], reason: '"orders" was never published', elapsedMs: 0 }), /^No running version: the new version starts with fresh state/);
  });

  it('a failed savepoint of the running job is an unknown verdict with the reason, not an error', async () => {
    const jm = { triggerSavepoint: async () => { throw new Error('the job is not running'); } } as unknown as JobManagerClient;
    const c = await checkUpgrade({ jobId: 'c'.repeat(32), jm, sql: 'SELECT 1;', config: {}, inspector: { flinkVersion: '2.3' } });
    assert.equal(c.verdict, 'unknown');
    assert.match(c.reason!, /the running job's savepoint failed: the job is not running/);
    assert.match(describeUpgrade(c), /^The upgrade check could not decide: /);
  });
});
