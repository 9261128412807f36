// Per-job publish on this machine: the seed sample gets an application-mode cluster of its own (its own
// JobManager on another REST port than the shared session cluster, the TaskManagers its config asks for),
// runs there, and the cluster is gone once the job is stopped. Then the k8s export of the same draft.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse, parseAllDocuments } from 'yaml';
import type { JobManagerResolver } from '../../server/src/deploy/clusters';
import { stopDeployment } from '../../server/src/deploy/manage';
import { DeploymentStore } from '../../server/src/deploy/store';
import { pidAlive } from '../../server/src/flink/localClusterState';
import { JobManagerClient } from '../../server/src/flink/restClient';
import { sharedCluster } from './cluster';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const SEED = fs.readFileSync(path.join(ROOT, 'examples', 'datagen-to-blackhole.flink.sql'), 'utf8');
// The CLI runs from its sources here, so the runner jar is the one `npm run build` put beside the bundles.
const RUNNER_JAR = process.env.FLINK_SQL_RUNNER_JAR || path.join(ROOT, 'out', 'sql-runner.jar');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('publish per-job (real Flink)', function () {
  this.timeout(300_000);
  let ws: string;
  let draft: string;
  function cli(...args: string[]) {
    const { gatewayUrl, restUrl } = sharedCluster();
    const r = spawnSync(TSX, [path.join(ROOT, 'server/src/cli/main.ts'), ...args, '--dir', ws, '--gateway', gatewayUrl, '--rest', restUrl, '--format', 'json'],
      { encoding: 'utf8', timeout: 280_000, env: { ...process.env, FLINK_SQL_GATEWAY: '', FLINK_SQL_REST: '', FLINK_SQL_RUNNER_JAR: RUNNER_JAR } });
    assert.equal(r.status, 0, `flink-sql ${args.join(' ')}: ${r.stderr}`);
    return JSON.parse(r.stdout) as Record<string, unknown> & { jobId: string };
  }

  before(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'flink-perjob-it-'));
    draft = path.join(ws, 'solo.flink.sql');
    fs.writeFileSync(draft, SEED);
    fs.writeFileSync(path.join(ws, 'solo.deployment.yaml'), `name: solo
type: SQL
target: per-job
parallelism: 2
checkpointing: { interval: 2 s }
restartStrategy: { type: fixed-delay, attempts: 2, delay: 1 s }
resources: { jobManager: { memory: 1 GiB }, taskManager: { memory: 1 GiB, slots: 1 } }
logging: { loggers: { org.apache.flink.runtime.checkpoint: WARN } }
`);
  });
  after(() => fs.rmSync(ws, { recursive: true, force: true }));

  it('runs the job on a cluster of its own, which stops when the job ends', async () => {
    const t0 = Date.now();
    // Only the planner check goes to the shared cluster (the flags name it for the --gateway/--rest of other targets).
    const { gatewayUrl } = sharedCluster();
    const r = spawnSync(TSX, [path.join(ROOT, 'server/src/cli/main.ts'), 'publish', draft, '--dir', ws, '--gateway', gatewayUrl, '--format', 'json'], { encoding: 'utf8', timeout: 280_000 });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { jobId: string; target: string; state: string; runningAfterMs: number };
    process.stderr.write(`  [per-job] publish → RUNNING ${out.runningAfterMs} ms (CLI ${Date.now() - t0} ms)\n`);
    assert.equal(out.target, 'per-job');
    assert.equal(out.state, 'RUNNING');
    const v = new DeploymentStore(ws).version('solo', 1);
    assert.equal(v.cluster?.kind, 'per-job');
    assert.notEqual(v.cluster!.restUrl, sharedCluster().restUrl);
    const jm = new JobManagerClient(v.cluster!.restUrl!);
    const overview = await jm.overview();
    assert.equal(overview.taskmanagers, 2, 'parallelism 2 ÷ 1 slot');
    assert.equal((await jm.jobConfig(out.jobId))['execution-config']?.['job-parallelism'], 2);
    assert.equal((await new JobManagerClient(sharedCluster().restUrl).jobs()).some((j) => j.jid === out.jobId), false, 'not on the session cluster');
    const clusterState = JSON.parse(fs.readFileSync(path.join(v.cluster!.clusterDir!, '.flink', sharedCluster().flinkVersion, 'cluster.json'), 'utf8')) as { processes: Array<{ pid: number; mainClass: string }> };
    assert.equal(clusterState.processes[0].mainClass, 'org.apache.flink.container.entrypoint.StandaloneApplicationClusterEntryPoint');

    // As on a loaded machine: the stop's first look at its savepoint comes only after the job has FINISHED and
    // the watcher has had several ticks to stop the cluster. The JobManager must still be there to answer.
    const late: JobManagerResolver = async (ref) => {
      const c = new JobManagerClient(ref!.restUrl!);
      const poll = c.waitForSavepoint.bind(c);
      c.waitForSavepoint = async (jobId, trigger, o) => {
        for (let i = 0; i < 120 && (await c.jobStatus(jobId)) !== 'FINISHED'; i++) await sleep(250);
        await sleep(10_000);
        return poll(jobId, trigger, o);
      };
      return c;
    };
    const stop = await stopDeployment(ws, 'solo', late, { savepoint: true });
    assert.equal(stop.state, 'FINISHED');
    assert.match(stop.savepoint ?? '', /savepoint-/);
    assert.deepEqual(new DeploymentStore(ws).read('solo')?.savepoints.map((sp) => sp.how), ['stop']);
    assert.equal(fs.existsSync(path.join(v.cluster!.clusterDir!, 'stopping.json')), false, 'the stop cleared its marker');
    for (let i = 0; i < 120 && clusterState.processes.some((p) => pidAlive(p.pid)); i++) await sleep(500);
    assert.deepEqual(clusterState.processes.filter((p) => pidAlive(p.pid)), [], 'every process of the per-job cluster is gone');
    const listed = cli('deployments') as unknown as Array<{ deployment: string; state: string; target: string }>;
    assert.deepEqual(listed.map((d) => [d.deployment, d.target, d.state]), [['solo', 'per-job', 'FINISHED']]);
  });

  it('exports the Kubernetes manifest, valid against the operator\'s CRD', () => {
    const out = cli('publish', draft, '--target', 'k8s');
    assert.equal(out.target, 'k8s');
    assert.equal(out.manifest, path.join(ws, 'solo.k8s.yaml'));
    const crd = parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'k8s-operator-crds', 'flinkdeployments.flink.apache.org-v1.yml'), 'utf8'));
    const validate = new Ajv({ strict: false, validateFormats: false }).compile(crd.spec.versions[0].schema.openAPIV3Schema);
    const docs = parseAllDocuments(fs.readFileSync(String(out.manifest), 'utf8')).map((d) => d.toJS());
    assert.ok(validate(docs[1]), JSON.stringify(validate.errors));
    assert.equal(new DeploymentStore(ws).version('solo', 2).status, 'exported');
    // What the image is built from, beside the manifest.
    assert.match(fs.readFileSync(path.join(ws, 'flink-sql-runner', 'Dockerfile'), 'utf8'), /^COPY sql-runner\.jar /m);
    assert.deepEqual(fs.readFileSync(path.join(ws, 'flink-sql-runner', 'sql-runner.jar')), fs.readFileSync(RUNNER_JAR));
  });
});
