// `flink-sql config schema|resolve` as a real process on the bundled CLI, and the committed JSON Schema
// being what the zod schema generates today.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deploymentJsonSchemaText } from '../../../server/src/deployment';
import { buildCli } from './buildCli';

describe('flink-sql config', function () {
  this.timeout(60_000);
  let cli: string;
  let dir: string;
  const run = (args: string[]) => {
    const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  before(async () => {
    cli = await buildCli();
    dir = mkdtempSync(join(tmpdir(), 'flink-sql-config-'));
    writeFileSync(join(dir, 'orders.flink.sql'), 'SELECT 1;\n');
    writeFileSync(join(dir, 'orders.deployment.yaml'), [
      'name: orders', 'type: SQL', 'target: session', 'parallelism: 2',
      'checkpointing: { interval: 30s, retention: always }', 'resources: { taskManager: { slots: 4 } }',
      'flinkConfiguration: { table.exec.state.ttl: 1 h, table.exec.sate.ttl: 2 h }', '',
    ].join('\n'));
    writeFileSync(join(dir, 'bad.deployment.yaml'), 'name: bad\ntype: SQL\ntarget: per-job\nparallelism: 0\nresources: { jobManager: { memory: 100m } }\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps schemas/deployment.schema.json current (regenerate: npm run schema:deployment)', () => {
    const committed = readFileSync(join(__dirname, '../../../schemas/deployment.schema.json'), 'utf8');
    assert.equal(committed, deploymentJsonSchemaText());
  });

  it('prints the JSON Schema', () => {
    const r = run(['config', 'schema']);
    assert.equal(r.status, 0, r.stderr);
    const schema = JSON.parse(r.stdout) as { properties: Record<string, unknown>; required: string[] };
    assert.deepEqual(schema.required, ['name', 'type', 'target']);
    for (const key of ['parallelism', 'checkpointing', 'restartStrategy', 'resources', 'logging', 'kerberos']) assert.ok(schema.properties[key], key);
  });

  it('resolves a draft\'s config to JSON, with what the session target ignores', () => {
    const r = run(['config', 'resolve', 'orders.flink.sql', '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as Record<string, unknown> & { flinkConfiguration: Record<string, string>; ignored: Array<{ parameter: string }> };
    assert.equal(out.target, 'session');
    assert.equal(out.flinkVersion, '2.3');
    assert.equal(out.flinkConfiguration['parallelism.default'], '2');
    assert.equal(out.flinkConfiguration['execution.checkpointing.interval'], '30 s');
    assert.equal(out.flinkConfiguration['execution.checkpointing.externalized-checkpoint-retention'], 'RETAIN_ON_CANCELLATION');
    assert.deepEqual(out.dependencies, []);
    assert.equal(out.logging, null);
    assert.deepEqual(out.ignored.map((i) => i.parameter), ['resources']);
  });

  it('prints text, with warnings on stderr as file:line:col', () => {
    const r = run(['config', 'resolve', 'orders.deployment.yaml']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^parallelism\.default: 2$/m);
    assert.match(r.stderr, /orders\.deployment\.yaml:7:50: warning: Flink 2\.3 has no configuration key "table\.exec\.sate\.ttl"; did you mean "table\.exec\.state\.ttl"\?/);
    assert.match(r.stderr, /orders\.deployment\.yaml:6:1: warning: resources is ignored/);
  });

  it('exits 1 with file:line:col: error: message per problem, or lint\'s JSON', () => {
    const r = run(['config', 'resolve', 'bad.deployment.yaml']);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, [
      'bad.deployment.yaml:4:14: error: parallelism must be at least 1',
      'bad.deployment.yaml:5:36: error: resources.jobManager.memory must be at least 500 MiB (got 100 MiB)', '',
    ].join('\n'));
    const j = run(['config', 'resolve', 'bad.deployment.yaml', '--format', 'json']);
    assert.equal(j.status, 1);
    const results = JSON.parse(j.stdout) as Array<{ file: string; diagnostics: Array<{ range: { start: { line: number } } }> }>;
    assert.deepEqual(results.map((x) => [x.file, x.diagnostics.map((d) => d.range.start.line)]), [['bad.deployment.yaml', [3, 4]]]);
  });

  it('exits 2 on bad usage or a missing config', () => {
    assert.equal(run(['config']).status, 2);
    assert.equal(run(['config', 'resolve']).status, 2);
    const missing = run(['config', 'resolve', 'nothing.flink.sql']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read nothing\.deployment\.yaml: no such file/);
  });
});
