// Loaded only when FLINK_SQL_EXTHOST_FAIL_ON_PURPOSE is set: proves a failing test fails the run.
import * as assert from 'assert';

describe('deliberate failure', () => {
  it('fails', () => assert.fail('this test fails on purpose'));
});
