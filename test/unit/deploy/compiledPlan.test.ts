import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { changedStatement, compilePlanStatement, fromPlan, whyNotFromPlan } from '../../../server/src/deploy/compiledPlan';

const DRAFT = `CREATE TEMPORARY TABLE orders (user_id INT, amount INT) WITH ('connector' = 'datagen');
CREATE TEMPORARY TABLE user_counts (user_id INT, cnt BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO user_counts
SELECT user_id, COUNT(*) FROM orders
GROUP BY user_id;
`;

describe('compiled plans', () => {
  it('compiles the job Publish submits: an INSERT, or a statement set without its EXECUTE', () => {
    assert.equal(compilePlanStatement('INSERT INTO t SELECT 1', "/tmp/it's/plan.json"), "COMPILE PLAN '/tmp/it''s/plan.json' IF NOT EXISTS FOR INSERT INTO t SELECT 1");
    assert.equal(compilePlanStatement('EXECUTE STATEMENT SET\nBEGIN\nINSERT INTO a SELECT 1;\nEND', '/p.json'), "COMPILE PLAN '/p.json' IF NOT EXISTS FOR STATEMENT SET\nBEGIN\nINSERT INTO a SELECT 1;\nEND");
  });

  it('publishes the draft\'s setup with the plan as its job', () => {
    const p = fromPlan(`SET 'parallelism.default' = '2';\n${DRAFT}`, '/v1/plan.json');
    assert.equal(p.job, "EXECUTE PLAN '/v1/plan.json'");
    assert.equal(p.setup.length, 3);
    assert.match(p.setup[0], /^SET 'parallelism.default'/);
  });

  it('the same statements: SET, layout and comments aside; any other change named', () => {
    const reformatted = `-- counts per user\nSET 'table.exec.mini-batch.enabled' = 'true';\n${DRAFT.replace('SELECT user_id, COUNT(*) FROM orders\nGROUP BY user_id;', 'SELECT user_id,   COUNT(*)\n  FROM orders  GROUP BY user_id;')}`;
    assert.equal(changedStatement(reformatted, DRAFT), undefined);
    assert.equal(changedStatement(DRAFT.replace('GROUP BY user_id;', 'WHERE amount > 1 GROUP BY user_id;'), DRAFT), 'INSERT INTO user_counts');
    assert.equal(changedStatement(DRAFT.replace("'datagen'", "'datagen', 'rows-per-second' = '5'"), DRAFT), "CREATE TEMPORARY TABLE orders (user_id INT, amount INT) WITH ('connector' = 'datagen', 'rows-per-second' = '5')");
  });

  it('says why a draft cannot be published from the running version\'s plan', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-'));
    try {
      const planFile = path.join(dir, 'plan.json');
      const running = { version: 3, target: 'session', sql: DRAFT, planFile };
      assert.match(whyNotFromPlan(undefined, DRAFT, 'session')!, /nothing was published yet/);
      assert.match(whyNotFromPlan(running, DRAFT, 'session')!, /version 3 kept no compiled plan/);
      fs.writeFileSync(planFile, '{}');
      assert.equal(whyNotFromPlan(running, DRAFT, 'session'), undefined);
      assert.match(whyNotFromPlan(running, DRAFT, 'per-job')!, /for session deployments/);
      assert.match(whyNotFromPlan(running, DRAFT.replace('COUNT(*)', 'SUM(amount)'), 'session')!, /statements changed since version 3 \(at: INSERT INTO user_counts\)/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
