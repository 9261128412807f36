// The exported Kubernetes manifest: a FlinkDeployment valid against the Flink Kubernetes Operator's real CRD
// schema (test/fixtures/k8s-operator-crds), with the runner, image tag, resources, configuration, logging,
// upgrade mode from the restore strategy, initial savepoint and HA; and the ConfigMap holding the script.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse, parseAllDocuments } from 'yaml';
import { readPublishSource } from '../../../server/src/deploy/draftSource';
import { buildManifest, k8sName, RUNNER_JAR_URI } from '../../../server/src/deploy/k8sExport';

const ROOT = path.join(__dirname, '..', '..', '..');
const SEED = fs.readFileSync(path.join(ROOT, 'examples', 'datagen-to-blackhole.flink.sql'), 'utf8');
const crd = parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'k8s-operator-crds', 'flinkdeployments.flink.apache.org-v1.yml'), 'utf8')) as {
  spec: { versions: Array<{ name: string; schema: { openAPIV3Schema: object } }> };
};
// Kubernetes' structural-schema extensions (x-kubernetes-*) are not JSON Schema keywords: ajv ignores them.
const validate = new Ajv({ strict: false, validateFormats: false, allErrors: true }).compile(crd.spec.versions.find((v) => v.name === 'v1beta1')!.schema.openAPIV3Schema);

function manifest(config: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-export-'));
  fs.writeFileSync(path.join(dir, 'orders.flink.sql'), SEED);
  fs.writeFileSync(path.join(dir, 'orders.deployment.yaml'), config);
  try {
    return buildManifest(readPublishSource(path.join(dir, 'orders.flink.sql'), 'k8s'), 3, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const FULL = `name: orders
type: SQL
target: per-job
parallelism: 4
imageTag: 2.3.0-scala_2.12-java17
behavior: { restoreStrategy: latest-state }
checkpointing: { interval: 30 s, retention: always }
restartStrategy: { type: fixed-delay, attempts: 5, delay: 10 s }
highAvailability: { type: kubernetes, storageDir: s3://bucket/ha }
flinkConfiguration: { execution.state-recovery.path: s3://bucket/savepoints/savepoint-1, state.backend.type: rocksdb }
resources: { jobManager: { cpu: 0.5, memory: 1.5 GiB }, taskManager: { cpu: 2, memory: 4 GiB, slots: 2 } }
logging: { rootLevel: WARN, loggers: { org.apache.kafka: ERROR } }
`;

describe('Kubernetes manifest export', () => {
  it('is a FlinkDeployment the operator\'s CRD schema accepts', () => {
    const m = manifest(FULL);
    const ok = validate(m.flinkDeployment);
    assert.ok(ok, JSON.stringify(validate.errors, null, 2));
    const docs = parseAllDocuments(m.text).map((d) => d.toJS());
    assert.deepEqual(docs.map((d) => d.kind), ['ConfigMap', 'FlinkDeployment']);
    assert.ok(validate(docs[1]), 'the written YAML too');
    // The schema is not vacuous: a wrong upgrade mode or a memory given as a number is refused.
    const bad = structuredClone(m.flinkDeployment) as { spec: { job: { upgradeMode: string }; jobManager: { resource: { memory: unknown } } } };
    bad.spec.job.upgradeMode = 'latest-state';
    bad.spec.jobManager.resource.memory = 1024;
    assert.equal(validate(bad), false);
    assert.deepEqual(validate.errors!.map((e) => e.instancePath).sort(), ['/spec/job/upgradeMode', '/spec/jobManager/resource/memory']);
  });

  it('carries the runner, image, resources, configuration, logging, upgrade mode, savepoint and HA', () => {
    const spec = (manifest(FULL).flinkDeployment as { spec: Record<string, any> }).spec;
    assert.equal(spec.image, 'flink-sql-runner:2.3.0-scala_2.12-java17');
    assert.equal(spec.flinkVersion, 'v2_3');
    assert.deepEqual({ ...spec.job, args: undefined }, { jarURI: RUNNER_JAR_URI, entryClass: 'dev.flinksql.runner.SqlRunner', args: undefined, parallelism: 4, upgradeMode: 'last-state', state: 'running', initialSavepointPath: 's3://bucket/savepoints/savepoint-1' });
    assert.deepEqual(spec.jobManager.resource, { cpu: 0.5, memory: '1536m' });
    assert.deepEqual(spec.taskManager.resource, { cpu: 2, memory: '4096m' });
    assert.equal(spec.flinkConfiguration['high-availability.type'], 'kubernetes');
    assert.equal(spec.flinkConfiguration['high-availability.storageDir'], 's3://bucket/ha');
    assert.equal(spec.flinkConfiguration['taskmanager.numberOfTaskSlots'], '2');
    assert.equal(spec.flinkConfiguration['restart-strategy.type'], 'fixed-delay');
    assert.equal(spec.flinkConfiguration['execution.state-recovery.path'], undefined, 'moved to job.initialSavepointPath');
    assert.equal(spec.flinkConfiguration['kubernetes.container.image.ref'], undefined, 'spec.image says it');
    assert.match(spec.logConfiguration['log4j-console.properties'], /^rootLogger\.appenderRef\.console\.ref = ConsoleAppender$/m);
    assert.match(spec.logConfiguration['log4j-console.properties'], /rootLogger\.level = WARN\nlogger\.custom0\.name = org\.apache\.kafka\nlogger\.custom0\.level = ERROR/);
    assert.equal(spec.podTemplate.spec.volumes[0].configMap.name, 'orders-sql');
    assert.equal(spec.job.args[0], '/opt/flink/usrlib/sql-scripts/orders.sql');
  });

  it('maps the restore strategy to the upgrade mode (last-state only with HA)', () => {
    const mode = (strategy: string, ha = '') => (manifest(`name: orders\ntype: SQL\ntarget: per-job\nbehavior: { restoreStrategy: ${strategy} }\n${ha}`).flinkDeployment as { spec: { job: { upgradeMode: string } } }).spec.job.upgradeMode;
    assert.equal(mode('none'), 'stateless');
    assert.equal(mode('latest-savepoint'), 'savepoint');
    assert.equal(mode('latest-state'), 'savepoint');
    assert.equal(mode('latest-state', 'highAvailability: { type: kubernetes, storageDir: s3://b/ha }\n'), 'last-state');
    const m = manifest('name: orders\ntype: SQL\ntarget: per-job\n');
    assert.ok(validate(m.flinkDeployment), JSON.stringify(validate.errors));
    assert.match(m.notes.join('\n'), /needs JobManager high availability/);
  });

  it('keeps the script\'s statements for the runner in the ConfigMap', () => {
    const data = (manifest(FULL).configMap as { data: Record<string, string> }).data['orders.sql'];
    assert.deepEqual(data.split('\n;\n').map((s) => s.trim().split('\n')[0]), ['CREATE TEMPORARY TABLE datagen_source(', 'CREATE TEMPORARY TABLE blackhole_sink(', 'INSERT INTO blackhole_sink']);
    assert.equal(k8sName('Orders_V2.final'), 'orders-v2-final');
  });
});
