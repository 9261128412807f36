// The exported Kubernetes manifest: a FlinkDeployment valid against the Flink Kubernetes Operator's real CRD
// schema (test/fixtures/k8s-operator-crds), with the runner, image tag, resources, configuration, logging,
// upgrade mode from the restore strategy, initial savepoint and HA; and the ConfigMap holding the script.
// The export writes, beside the manifest, what the runner image is built from (flink-sql-runner/: a Dockerfile
// and the shipped runner jar), never through a symlink the workspace planted.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse, parseAllDocuments } from 'yaml';
import { readPublishSource } from '../../../server/src/deploy/draftSource';
import { buildManifest, exportManifest, IMAGE_DIR, k8sName, RUNNER_JAR_URI, runnerDockerfile } from '../../../server/src/deploy/k8sExport';
import type { PublishOptions } from '../../../server/src/deploy/publish';
import { DeploymentStore } from '../../../server/src/deploy/store';

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

  it('tells how to build the image from the folder written beside the manifest, not from the repository', () => {
    const m = manifest(FULL);
    assert.match(m.text, /^# {3}docker build --build-arg FLINK_IMAGE=flink:2\.3\.0-scala_2\.12-java17 -t flink-sql-runner:2\.3\.0-scala_2\.12-java17 flink-sql-runner\/$/m);
    assert.doesNotMatch(m.text, /tools\/sql-runner|npm run /);
    const dockerfile = runnerDockerfile('2.3.0-java17');
    assert.match(dockerfile, /^ARG FLINK_IMAGE=flink:2\.3\.0-java17$/m);
    assert.match(dockerfile, /^FROM \$\{FLINK_IMAGE\}$/m);
    assert.match(dockerfile, /^COPY sql-runner\.jar \/opt\/flink\/usrlib\/sql-runner\.jar$/m);
    assert.equal(RUNNER_JAR_URI, 'local:///opt/flink/usrlib/sql-runner.jar', 'where the Dockerfile puts the jar');
  });

  it('an imageTag with newlines is a config error, and bypassing the check it still cannot add a YAML document', () => {
    const hostile = 'x\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-export-'));
    try {
      fs.writeFileSync(path.join(dir, 'orders.flink.sql'), SEED);
      fs.writeFileSync(path.join(dir, 'orders.deployment.yaml'), 'name: orders\ntype: SQL\ntarget: per-job\n');
      const source = readPublishSource(path.join(dir, 'orders.flink.sql'), 'k8s');
      source.resolved.imageTag = hostile;
      const m = buildManifest(source, 1, dir);
      const docs = parseAllDocuments(m.text);
      assert.equal(docs.length, 2, m.text);
      assert.deepEqual(docs.map((d) => (d.toJS() as { kind: string }).kind), ['ConfigMap', 'FlinkDeployment']);
      assert.equal((docs[1].toJS() as { spec: { image: string } }).spec.image, `flink-sql-runner:${hostile}`, 'a value, quoted by the YAML library');
      assert.throws(() => runnerDockerfile(hostile), /not a Docker image tag/);
      fs.writeFileSync(path.join(dir, 'orders.deployment.yaml'), `name: orders\ntype: SQL\ntarget: per-job\nimageTag: ${JSON.stringify(hostile)}\n`);
      assert.throws(() => readPublishSource(path.join(dir, 'orders.flink.sql'), 'k8s'), /not a Docker image tag/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('exportManifest', () => {
    let ws: string;
    let outside: string;
    let savedJar: string | undefined;
    const JAR = Buffer.from('PK\u0003\u0004 a dummy runner jar');
    const opts = (): PublishOptions => ({ workspaceDir: ws, jobManagers: (() => { throw new Error('no cluster'); }) as unknown as PublishOptions['jobManagers'] });
    const exportIt = () => exportManifest(opts(), readPublishSource(path.join(ws, 'orders.flink.sql'), 'k8s'));

    beforeEach(() => {
      ws = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-export-ws-'));
      outside = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-export-outside-'));
      fs.writeFileSync(path.join(ws, 'orders.flink.sql'), SEED);
      fs.writeFileSync(path.join(ws, 'orders.deployment.yaml'), 'name: orders\ntype: SQL\ntarget: per-job\nimageTag: 2.3.0-java17\n');
      fs.writeFileSync(path.join(outside, 'sql-runner.jar'), JAR);
      savedJar = process.env.FLINK_SQL_RUNNER_JAR;
      process.env.FLINK_SQL_RUNNER_JAR = path.join(outside, 'sql-runner.jar');
    });
    afterEach(() => {
      if (savedJar === undefined) delete process.env.FLINK_SQL_RUNNER_JAR;
      else process.env.FLINK_SQL_RUNNER_JAR = savedJar;
      fs.rmSync(ws, { recursive: true, force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    });

    it('writes the manifest and, beside it, the Dockerfile and the runner jar of the image', async () => {
      const out = await exportIt();
      assert.equal(out.manifest, path.join(ws, 'orders.k8s.yaml'));
      const text = fs.readFileSync(out.manifest!, 'utf8');
      assert.match(text, / flink-sql-runner\/\n/);
      assert.equal(fs.readFileSync(path.join(ws, IMAGE_DIR, 'Dockerfile'), 'utf8'), runnerDockerfile('2.3.0-java17'));
      assert.deepEqual(fs.readFileSync(path.join(ws, IMAGE_DIR, 'sql-runner.jar')), JAR);
      assert.equal(new DeploymentStore(ws).version('orders', 1).status, 'exported');
      // A second export overwrites them (the image tag may have changed).
      fs.writeFileSync(path.join(ws, 'orders.deployment.yaml'), 'name: orders\ntype: SQL\ntarget: per-job\nimageTag: 1.20.3-java17\nflinkVersion: "1.20"\n');
      await exportIt();
      assert.match(fs.readFileSync(path.join(ws, IMAGE_DIR, 'Dockerfile'), 'utf8'), /^ARG FLINK_IMAGE=flink:1\.20\.3-java17$/m);
    });

    it('replaces planted symlinks instead of writing through them', async function () {
      if (process.platform === 'win32') this.skip();
      const victim = path.join(outside, 'victim.txt');
      fs.writeFileSync(victim, 'untouched');
      fs.mkdirSync(path.join(ws, IMAGE_DIR));
      fs.symlinkSync(victim, path.join(ws, IMAGE_DIR, 'Dockerfile'));
      fs.symlinkSync(victim, path.join(ws, IMAGE_DIR, 'sql-runner.jar'));
      fs.symlinkSync(victim, path.join(ws, 'orders.k8s.yaml'));
      await exportIt();
      assert.equal(fs.readFileSync(victim, 'utf8'), 'untouched');
      for (const f of [path.join(IMAGE_DIR, 'Dockerfile'), path.join(IMAGE_DIR, 'sql-runner.jar'), 'orders.k8s.yaml']) {
        assert.ok(fs.lstatSync(path.join(ws, f)).isFile(), `${f} is a file of its own`);
      }
      assert.deepEqual(fs.readFileSync(path.join(ws, IMAGE_DIR, 'sql-runner.jar')), JAR);
    });

    it('refuses a symlinked image folder and records nothing', async function () {
      if (process.platform === 'win32') this.skip();
      fs.symlinkSync(outside, path.join(ws, IMAGE_DIR));
      await assert.rejects(exportIt(), /flink-sql-runner is a symbolic link/);
      assert.deepEqual(fs.readdirSync(outside), ['sql-runner.jar']);
      assert.equal(new DeploymentStore(ws).read('orders'), undefined);
      assert.equal(fs.existsSync(path.join(ws, 'orders.k8s.yaml')), false);
    });

    it('copies a logging profile only from a regular file of the workspace', async function () {
      if (process.platform === 'win32') this.skip();
      const withProfile = (p: string) => fs.writeFileSync(path.join(ws, 'orders.deployment.yaml'), `name: orders\ntype: SQL\ntarget: per-job\nimageTag: 2.3.0-java17\nlogging: { profile: ${JSON.stringify(p)} }\n`);
      fs.writeFileSync(path.join(outside, 'credentials'), 'aws_secret_access_key = SECRET\n');
      fs.symlinkSync(path.join(outside, 'credentials'), path.join(ws, 'log4j.properties'));
      for (const p of ['/etc/passwd', 'log4j.properties', path.relative(ws, path.join(outside, 'credentials'))]) {
        withProfile(p);
        await assert.rejects(exportIt(), /logging\.profile .* outside the workspace/, p);
      }
      assert.equal(new DeploymentStore(ws).read('orders'), undefined, 'nothing recorded');
      assert.equal(fs.existsSync(path.join(ws, 'orders.k8s.yaml')), false);
      fs.rmSync(path.join(ws, 'log4j.properties'));
      fs.writeFileSync(path.join(ws, 'log4j.properties'), 'appender.console.type = Console\n');
      withProfile('log4j.properties');
      await exportIt();
      assert.match(fs.readFileSync(path.join(ws, 'orders.k8s.yaml'), 'utf8'), /appender\.console\.type = Console/);
    });

    it('fails cleanly when the installation lacks the runner jar', async () => {
      process.env.FLINK_SQL_RUNNER_JAR = path.join(outside, 'missing.jar');
      await assert.rejects(exportIt(), /lacks the SQL runner/);
      assert.equal(new DeploymentStore(ws).read('orders'), undefined);
    });
  });
});
