// The mapping config + Flink version → Flink configuration keys, for both versions, checked against the
// keys each version's jars define (flinkKeys/*.json); and edits that keep comments and key order.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  applyEdits, FLINK_VERSIONS, flinkVersionOf, knownKeys, parseDeployment, presentPaths, resolveConfig,
} from '../../../server/src/deployment';
import { HEAD, REPRESENTATIVE } from './helpers';

function resolve(text: string) {
  const parsed = parseDeployment(text);
  assert.ok(parsed.config, JSON.stringify(parsed.diagnostics));
  return resolveConfig(parsed.config, presentPaths(parsed.document));
}

describe('deployment resolution', () => {
  for (const version of FLINK_VERSIONS) {
    it(`maps every parameter to Flink ${version}'s own keys`, () => {
      const r = resolve(REPRESENTATIVE(version));
      assert.deepStrictEqual(r.flinkConfiguration, {
        'pipeline.name': 'orders',
        'parallelism.default': '3',
        'execution.checkpointing.interval': '10 s',
        'execution.checkpointing.min-pause': '5 s',
        'execution.checkpointing.externalized-checkpoint-retention': 'DELETE_ON_CANCELLATION',
        'execution.checkpointing.unaligned.enabled': 'true',
        'restart-strategy.type': 'failure-rate',
        'restart-strategy.failure-rate.max-failures-per-interval': '3',
        'restart-strategy.failure-rate.failure-rate-interval': '5 min',
        'restart-strategy.failure-rate.delay': '10 s',
        'security.kerberos.login.keytab': 'secrets/flink.keytab',
        'security.kerberos.login.principal': 'flink@EXAMPLE.COM',
        'security.kerberos.krb5-conf.path': 'secrets/krb5.conf',
        'high-availability.type': 'kubernetes',
        'high-availability.storageDir': 's3://bucket/ha',
        'jobmanager.memory.process.size': '1536m',
        'taskmanager.memory.process.size': '4g',
        'taskmanager.numberOfTaskSlots': '2',
        'kubernetes.jobmanager.cpu.amount': '0.5',
        'kubernetes.taskmanager.cpu.amount': '2',
        'kubernetes.container.image.ref': `flink:${version === '2.3' ? '2.3.0' : '1.20.3'}-java17`,
        'table.exec.state.ttl': '1 h',
        'state.backend.type': 'rocksdb',
      });
      const unknown = Object.keys(r.flinkConfiguration).filter((k) => !knownKeys(version).has(k));
      assert.deepStrictEqual(unknown, [], `keys Flink ${version}'s jars do not define`);
      assert.deepStrictEqual(r.resources, { taskManagers: 2, jobManager: { cpu: 0.5, memory: '1536 MiB' }, taskManager: { cpu: 2, memory: '4 GiB', slots: 2 } });
      assert.strictEqual(r.logging?.log4jProperties, 'rootLogger.level = WARN\nlogger.custom0.name = org.apache.kafka\nlogger.custom0.level = ERROR\n');
      assert.deepStrictEqual(r.ignored, []);
    });
  }

  it('maps the retention choices, fixed-delay and none restarts, and leaves checkpoint keys out when off', () => {
    const cp = (retention: string) => resolve(`${HEAD}checkpointing: { interval: 1 min, retention: ${retention} }\n`).flinkConfiguration['execution.checkpointing.externalized-checkpoint-retention'];
    assert.deepStrictEqual(['always', 'only-when-failed', 'never'].map(cp), ['RETAIN_ON_CANCELLATION', 'DELETE_ON_CANCELLATION', 'NO_EXTERNALIZED_CHECKPOINTS']);
    const fixed = resolve(`${HEAD}restartStrategy: { type: fixed-delay }\n`).flinkConfiguration;
    assert.deepStrictEqual([fixed['restart-strategy.type'], fixed['restart-strategy.fixed-delay.attempts'], fixed['restart-strategy.fixed-delay.delay']], ['fixed-delay', '3', '1 s']);
    assert.strictEqual(resolve(`${HEAD}restartStrategy: { type: none }\n`).flinkConfiguration['restart-strategy.type'], 'none');
    const off = resolve(HEAD).flinkConfiguration;
    assert.ok(!Object.keys(off).some((k) => k.startsWith('execution.checkpointing') || k.startsWith('restart-strategy')), Object.keys(off).join());
  });

  it('derives the number of TaskManagers from parallelism and slots', () => {
    assert.strictEqual(resolve(`${HEAD}parallelism: 5\nresources: { taskManager: { slots: 2 } }\n`).resources?.taskManagers, 3);
    assert.strictEqual(resolve(`${HEAD}parallelism: 5\nresources: { taskManagers: 1, taskManager: { slots: 2 } }\n`).resources?.taskManagers, 1);
  });

  it('gives a session deployment no cluster keys, and lists what it ignores', () => {
    const r = resolve(REPRESENTATIVE('2.3').replace('target: per-job', 'target: session\nsession: staging'));
    assert.strictEqual(r.session, 'staging');
    assert.strictEqual(r.resources, null);
    assert.strictEqual(r.logging, null);
    assert.ok(!Object.keys(r.flinkConfiguration).some((k) => /^(jobmanager|taskmanager|kubernetes|high-availability)\./.test(k)));
    assert.deepStrictEqual(r.ignored.map((i) => i.parameter), ['resources', 'highAvailability', 'logging']);
    assert.match(r.ignored[0]!.reason, /session cluster shares its JobManager/);
  });

  it('lets flinkConfiguration override a parameter, and says so', () => {
    const r = resolve(`${HEAD}parallelism: 2\nflinkConfiguration: { parallelism.default: 8 }\n`);
    assert.strictEqual(r.flinkConfiguration['parallelism.default'], '8');
    assert.deepStrictEqual(r.overridden, [{ key: 'parallelism.default', parameter: 'parallelism', value: '2' }]);
  });
});

describe('deployment edits', () => {
  const handWritten = `# my job
name: orders   # the job name
type: SQL
target: per-job
checkpointing:
  retention: never   # keep it simple
parallelism: 1   # was 4
`;

  it('changes values in place, keeping comments and key order, normalising units', () => {
    const out = applyEdits(handWritten, [
      { path: 'parallelism', value: '6' }, { path: 'checkpointing.interval', value: '30s' }, { path: 'resources.taskManager.memory', value: '1.5g' },
    ]);
    assert.strictEqual(out, `# my job
name: orders # the job name
type: SQL
target: per-job
checkpointing:
  retention: never # keep it simple
  interval: 30 s
parallelism: 6 # was 4
resources:
  taskManager:
    memory: 1536 MiB
`);
    const parsed = parseDeployment(out);
    assert.strictEqual(parsed.config?.parallelism, 6);
  });

  it('removes a key set back to empty, and drops the other variant\'s keys when a type changes', () => {
    const text = `${HEAD}restartStrategy: { type: fixed-delay, attempts: 5, delay: 2 s }\nresources: { taskManagers: 3 }\n`;
    const out = applyEdits(text, [{ path: 'restartStrategy.type', value: 'failure-rate' }, { path: 'resources.taskManagers', value: null }]);
    assert.strictEqual(out, `${HEAD}restartStrategy: { type: failure-rate, delay: 2 s }\n`);
    assert.ok(parseDeployment(out).config);
    assert.strictEqual(applyEdits(out, [{ path: 'restartStrategy.type', value: '' }]), HEAD);
  });

  it('writes maps and lists, and refuses to touch text that is not YAML', () => {
    const out = applyEdits(HEAD, [{ path: 'flinkConfiguration', value: { 'table.exec.state.ttl': '1 h' } }, { path: 'dependencies', value: ['a.jar'] }]);
    assert.strictEqual(out, `${HEAD}flinkConfiguration: { table.exec.state.ttl: 1 h }\ndependencies: [ a.jar ]\n`);
    assert.throws(() => applyEdits('name: [x\n', [{ path: 'parallelism', value: 2 }]), /not valid YAML/);
  });

  it('tells a draft\'s Flink version from the config beside it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flinkver-'));
    fs.writeFileSync(path.join(dir, 'a.deployment.yaml'), `${HEAD}flinkVersion: "1.20"\n`);
    fs.writeFileSync(path.join(dir, 'b.deployment.yaml'), HEAD);
    fs.writeFileSync(path.join(dir, 'c.deployment.yaml'), `${HEAD}flinkVersion: "1.17"\n`);
    assert.strictEqual(flinkVersionOf(path.join(dir, 'a.flink.sql')), '1.20');
    assert.strictEqual(flinkVersionOf(path.join(dir, 'b.sql')), '2.3');
    assert.strictEqual(flinkVersionOf(path.join(dir, 'c.flink.sql')), undefined);
    assert.strictEqual(flinkVersionOf(path.join(dir, 'none.flink.sql')), undefined);
    fs.rmSync(dir, { recursive: true });
  });
});
