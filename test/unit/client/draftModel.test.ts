// The draft file model in plain Node: names, validation and the deployment config (no VS Code needed).
import * as assert from 'assert';
import {
  checkDraftName, configFileNameOf, draftMainFile, draftNameOf, isJobDraftFile, jarDraftOfConfig, parseDeploymentConfig, renderDeploymentConfig,
} from '../../../client/src/drafts/draftModel';
import { newDraftFiles } from '../../../server/src/deployment/newDraft';

describe('draft model', () => {
  it('derives the draft name and its config file from the file name', () => {
    assert.strictEqual(draftNameOf('orders.flink.sql'), 'orders');
    assert.strictEqual(draftNameOf('Orders.FLINK.SQL'), 'Orders');
    assert.strictEqual(draftNameOf('report.sql'), 'report');
    assert.strictEqual(draftNameOf('notes.md'), undefined);
    assert.strictEqual(draftNameOf('.flink.sql'), undefined);
    assert.strictEqual(configFileNameOf('orders.flink.sql'), 'orders.deployment.yaml');
    assert.strictEqual(configFileNameOf('report.sql'), 'report.deployment.yaml');
  });

  it('accepts a well-formed, unused name and explains every refusal', () => {
    assert.strictEqual(checkDraftName('fraud_alerts-v2', ['orders']), undefined);
    assert.match(checkDraftName('  ', []) ?? '', /Enter a name/);
    assert.match(checkDraftName('ORDERS', ['orders']) ?? '', /"orders" already exists/);
    assert.match(checkDraftName('my draft', []) ?? '', /letters, digits/);
    assert.match(checkDraftName('2fast', []) ?? '', /starting with a letter/);
    assert.match(checkDraftName('../escape', []) ?? '', /letters, digits/);
    assert.match(checkDraftName('a'.repeat(65), []) ?? '', /at most 64/);
  });

  it('round-trips the full template New Draft writes, defaults filled in', () => {
    const text = renderDeploymentConfig({ name: 'orders', type: 'JAR', target: 'session' });
    const r = parseDeploymentConfig(text);
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepStrictEqual([r.config.name, r.config.type, r.config.target, r.config.flinkVersion], ['orders', 'JAR', 'session', '2.3']);
    const p = parseDeploymentConfig('name: a\ntype: SQL\ntarget: per-job\nparallelism: 4\n');
    assert.ok(p.ok && p.config.parallelism === 4 && p.config.resources.taskManager.memory === '2 GiB');
  });

  it('turns a broken config into a readable error instead of throwing', () => {
    const cases: Array<[string, RegExp]> = [
      ['name: a\ntype: SCALA\ntarget: session\n', /type must be one of SQL, JAR, PYTHON/],
      ['name: a\ntype: SQL\ntarget: yarn\n', /target must be one of per-job, session/],
      ['type: SQL\ntarget: session\n', /name is missing/],
      ['name: ""\ntype: SQL\ntarget: session\n', /name must not be empty/],
      ['', /expected a YAML mapping/],
      ['- a\n- b\n', /expected a YAML mapping/],
      ['name: x\ntarget: [per-job\n', /not valid YAML/],
      ['name: a\ntype: SQL\ntarget: session\nparalelism: 2\n', /line 4: unknown key "paralelism"; did you mean parallelism/],
    ];
    for (const [text, expected] of cases) {
      const r = parseDeploymentConfig(text);
      assert.ok(!r.ok, text);
      assert.match(r.error, expected, text);
    }
  });

  it('lists a JAR draft by its config alone (New Draft\'s), not a SQL draft\'s config, and a broken JAR config with its error', () => {
    const jar = newDraftFiles({ name: 'order-totals', type: 'JAR', target: 'session' });
    const found = jarDraftOfConfig('order-totals.deployment.yaml', jar['order-totals.deployment.yaml']!);
    assert.strictEqual(found?.name, 'order-totals');
    assert.ok(found.config.ok && found.config.config.type === 'JAR' && found.config.config.target === 'session' && found.config.config.flinkVersion === '2.3');
    const sql = newDraftFiles({ name: 'orders', type: 'SQL', target: 'session' });
    assert.strictEqual(jarDraftOfConfig('orders.deployment.yaml', sql['orders.deployment.yaml']!), undefined);
    assert.strictEqual(jarDraftOfConfig('orders.yaml', jar['order-totals.deployment.yaml']!), undefined);
    const broken = jarDraftOfConfig('broken.deployment.yaml', 'name: broken\ntype: JAR\ntarget: nowhere\n');
    assert.strictEqual(broken?.name, 'broken');
    assert.ok(broken && !broken.config.ok, 'a broken JAR config is listed with its error');
    assert.strictEqual(jarDraftOfConfig('x.deployment.yaml', 'name: x\ntype: SQL\ntarget: nowhere\n'), undefined);
  });

  it('opens the JAR draft\'s main class, the SQL draft\'s script', () => {
    assert.strictEqual(draftMainFile(Object.keys(newDraftFiles({ name: 'fraud_alerts', type: 'JAR', target: 'per-job' }))), 'fraud_alerts/src/main/java/com/example/fraudalerts/FraudAlertsJob.java');
    assert.strictEqual(draftMainFile(Object.keys(newDraftFiles({ name: 'orders', type: 'SQL', target: 'session' }))), 'orders.flink.sql');
  });

  it('knows the files of a JAR or PYTHON draft (config, script, project) for the editor title\'s buttons', () => {
    const config = (type: 'JAR' | 'PYTHON', name: string) => {
      const files = newDraftFiles({ name, type, target: 'session' });
      const parsed = parseDeploymentConfig(files[`${name}.deployment.yaml`]!);
      assert.ok(parsed.ok, JSON.stringify(parsed));
      return { configPath: `/ws/jobs/${name}.deployment.yaml`, config: parsed };
    };
    const drafts = [config('JAR', 'fraud_alerts'), config('PYTHON', 'scores')];
    assert.ok(isJobDraftFile('/ws/jobs/fraud_alerts.deployment.yaml', drafts));
    assert.ok(isJobDraftFile('/ws/jobs/fraud_alerts/src/main/java/com/example/fraudalerts/FraudAlertsJob.java', drafts));
    assert.ok(isJobDraftFile('/ws/jobs/fraud_alerts/pom.xml', drafts));
    assert.ok(isJobDraftFile('/ws/jobs/scores.py', drafts));
    assert.ok(isJobDraftFile('/ws/jobs/scores.deployment.yaml', drafts));
    assert.ok(!isJobDraftFile('/ws/jobs/fraud_alerts_old/pom.xml', drafts), 'a sibling folder whose name starts the same is not the project');
    assert.ok(!isJobDraftFile('/ws/jobs/other.py', drafts));
    assert.ok(!isJobDraftFile('/ws/jobs/fraud_alerts.py', drafts));
    assert.ok(!isJobDraftFile('/ws/jobs/scores.py', [{ configPath: '/ws/jobs/scores.deployment.yaml', config: { ok: false, error: 'line 1: broken' } }]), 'a broken config names no script');
  });
});
