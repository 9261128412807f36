// JAR drafts on the real local Flink (2.3, then 1.20), through the CLI as CI runs it: `new --type jar` scaffolds a
// Maven project that builds; validate asks the JobManager for its plan without running it; execute runs it and
// shows what its print() sink writes; a compile error and a throwing main are reported on their Java lines.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse, parseAllDocuments } from 'yaml';
import type { CliCommand } from '../../server/src/cli/command';
import { executeCommand } from '../../server/src/cli/commands/execute';
import { newCommand } from '../../server/src/cli/commands/new';
import { publishCommand } from '../../server/src/cli/commands/publish';
import { rollbackCommand } from '../../server/src/cli/commands/rollback';
import { stopCommand } from '../../server/src/cli/commands/stop';
import { DeploymentStore } from '../../server/src/deploy/store';
import { validateCommand } from '../../server/src/cli/commands/validate';
import { JobManagerClient } from '../../server/src/flink/restClient';
import type { ClusterInfo } from '../../server/src/flink/localCluster';
import { sharedCluster, sharedClusterOf } from './cluster';

async function cli(command: CliCommand, args: string[], cluster: ClusterInfo, cwd: string): Promise<{ code: number | undefined; out: string; err: string }> {
  let out = '';
  let err = '';
  const saved = { cwd: process.cwd(), rest: process.env.FLINK_SQL_REST };
  process.chdir(cwd);
  process.env.FLINK_SQL_REST = cluster.restUrl;
  try {
    const deploy = command === publishCommand || command === stopCommand || command === rollbackCommand;
    const extra = command === newCommand ? [] : deploy ? ['--gateway', cluster.gatewayUrl, '--rest', cluster.restUrl, '--dir', cwd] : ['--gateway', cluster.gatewayUrl];
    const code = await command.run([...args, ...extra], { stdout: (s) => { out += s; }, stderr: (s) => { err += s; } });
    return { code, out, err };
  } finally {
    process.chdir(saved.cwd);
    if (saved.rest === undefined) delete process.env.FLINK_SQL_REST;
    else process.env.FLINK_SQL_REST = saved.rest;
  }
}

function journey(version: '2.3' | '1.20', clusterOf: () => Promise<ClusterInfo>) {
  describe(`JAR drafts on Flink ${version} (real Flink, real Maven)`, function () {
    this.timeout(600_000);
    let ws: string;
    let cluster: ClusterInfo;
    before(async () => {
      cluster = await clusterOf();
      ws = fs.mkdtempSync(path.join(os.tmpdir(), 'jar-it-'));
    });
    after(() => fs.rmSync(ws, { recursive: true, force: true }));

    it('scaffolds, builds, plans without running, runs and shows what it prints', async () => {
      const created = await cli(newCommand, ['orders', '--type', 'jar', '--flink-version', version], cluster, ws);
      assert.equal(created.code, 0, created.err);
      const t0 = Date.now();
      const v = await cli(validateCommand, ['orders.deployment.yaml'], cluster, ws);
      assert.equal(v.code, 0, v.out + v.err);
      assert.match(v.out, /built in \d+ ms, planned job "orders" \(STREAMING, 2 tasks: Source: orders[^)]*→ Keyed Aggregation[^)]*\) in \d+ ms: no problems/);
      process.stderr.write(`      ${version}: ${v.out.trim()} (${Date.now() - t0} ms)\n`);
      const jm = new JobManagerClient(cluster.restUrl);
      assert.equal((await jm.jobs()).filter((j) => j.name === 'orders' && j.state === 'RUNNING').length, 0, 'validate ran no job');

      const e = await cli(executeCommand, ['orders.deployment.yaml', '--format', 'json', '--timeout', '8'], cluster, ws);
      assert.equal(e.code, 0, e.out + e.err);
      const r = JSON.parse(e.out.trim()) as { jobId: string; state: string; printed: string[] };
      try {
        assert.equal(r.state, 'RUNNING');
        assert.ok(r.printed.some((l) => /\((coffee|tea|cake),\d+\)$/.test(l)), `printed: ${JSON.stringify(r.printed)}`);
      } finally {
        await jm.cancel(r.jobId);
      }
    });

    it('publishes to the session cluster, upgrades from a savepoint with a changed jar, rolls back, stops', async () => {
      const json = async (command: CliCommand, args: string[]) => {
        const r = await cli(command, [...args, '--format', 'json'], cluster, ws);
        assert.equal(r.code, 0, r.out + r.err);
        return JSON.parse(r.out.trim().split('\n').pop()!) as { version: number; jobId: string; state?: string; runningAfterMs?: number; downtimeMs?: number; restoredFrom?: { kind: string; path: string } };
      };
      const v1 = await json(publishCommand, ['orders.deployment.yaml']);
      assert.equal(v1.state, 'RUNNING');
      const store = new DeploymentStore(ws);
      const a1 = store.version('orders', 1).artifact!;
      assert.match(a1.sha256, /^[0-9a-f]{64}$/);
      assert.ok(fs.existsSync(path.join(store.files('orders', 1).dir, 'job.jar')), 'the jar is kept with the version');
      process.stderr.write(`      ${version}: publish (build + plan + run) → RUNNING in ${v1.runningAfterMs} ms\n`);

      // A changed job (another rate): the publish stops v1 with a savepoint and v2 restores it.
      const java = path.join(ws, 'orders', 'src', 'main', 'java', 'com', 'example', 'orders', 'OrdersJob.java');
      fs.writeFileSync(java, fs.readFileSync(java, 'utf8').replace(': 5;', ': 7;'));
      const v2 = await json(publishCommand, ['orders.deployment.yaml']);
      assert.equal(v2.state, 'RUNNING');
      assert.equal(v2.restoredFrom?.kind, 'savepoint');
      assert.notEqual(store.version('orders', 2).artifact!.sha256, a1.sha256, 'the changed jar');
      const jm = new JobManagerClient(cluster.restUrl);
      assert.equal(await jm.jobStatus(v1.jobId), 'FINISHED');
      process.stderr.write(`      ${version}: upgrade from a savepoint, downtime ${v2.downtimeMs} ms\n`);

      const v3 = await json(rollbackCommand, ['orders', '1']);
      assert.equal(v3.state, 'RUNNING');
      assert.equal(store.version('orders', 3).artifact!.sha256, a1.sha256, 'the rollback runs v1\'s jar');
      const stop = await cli(stopCommand, ['orders', '--savepoint', '--format', 'json'], cluster, ws);
      assert.equal(stop.code, 0, stop.err);
      assert.equal(await jm.jobStatus(v3.jobId), 'FINISHED');
      fs.writeFileSync(java, fs.readFileSync(java, 'utf8').replace(': 7;', ': 5;'));
    });

    if (version === '2.3') {
      it('refuses a restore that would drop state, unless jar.allowNonRestoredState says so', async () => {
        assert.equal((await cli(newCommand, ['evolve', '--type', 'jar'], cluster, ws)).code, 0);
        const publishJson = async () => {
          const r = await cli(publishCommand, ['evolve.deployment.yaml', '--format', 'json'], cluster, ws);
          return { ...r, result: r.code === 0 ? JSON.parse(r.out.trim().split('\n').pop()!) as { state: string; restoredFrom?: { kind: string } } : undefined };
        };
        assert.equal((await publishJson()).result?.state, 'RUNNING');
        // The counting operator gets another uid: its state in the savepoint is claimed by nothing.
        const java = path.join(ws, 'evolve', 'src', 'main', 'java', 'com', 'example', 'evolve', 'EvolveJob.java');
        fs.writeFileSync(java, fs.readFileSync(java, 'utf8').replace('uid("orders-per-product")', 'uid("orders-per-product-v2")'));
        const refused = await publishJson();
        assert.notEqual(refused.code, 0, refused.out);
        assert.match(refused.out + refused.err, /allowNonRestoredState|Cannot map checkpoint\/savepoint state/);
        const config = path.join(ws, 'evolve.deployment.yaml');
        fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace('allowNonRestoredState: false', 'allowNonRestoredState: true'));
        const allowed = await publishJson();
        assert.equal(allowed.code, 0, allowed.out + allowed.err);
        assert.deepEqual([allowed.result?.state, allowed.result?.restoredFrom?.kind], ['RUNNING', 'savepoint']);
        assert.equal((await cli(stopCommand, ['evolve', '--format', 'json'], cluster, ws)).code, 0);
      });
    }

    {
      it('publishes per-job: an application cluster of its own runs the jar, and stops with it', async () => {
        assert.equal((await cli(newCommand, ['solo', '--type', 'jar', '--target', 'per-job', '--flink-version', version], cluster, ws)).code, 0);
        const p = await cli(publishCommand, ['solo.deployment.yaml', '--format', 'json'], cluster, ws);
        assert.equal(p.code, 0, p.out + p.err);
        const r = JSON.parse(p.out.trim().split('\n').pop()!) as { jobId: string; state: string; target: string; runningAfterMs: number };
        assert.deepEqual([r.target, r.state], ['per-job', 'RUNNING']);
        const v = new DeploymentStore(ws).version('solo', 1);
        assert.equal(v.cluster?.kind, 'per-job');
        assert.notEqual(v.cluster?.restUrl, cluster.restUrl);
        const own = new JobManagerClient(v.cluster!.restUrl!);
        assert.equal((await own.jobs()).find((j) => j.jid === r.jobId)?.name, 'solo');
        process.stderr.write(`      ${version}: per-job publish → RUNNING in ${r.runningAfterMs} ms\n`);
        const stop = await cli(stopCommand, ['solo', '--savepoint', '--format', 'json'], cluster, ws);
        assert.equal(stop.code, 0, stop.err);
        assert.equal(JSON.parse(stop.out.trim()).state, 'FINISHED');

        // The Kubernetes manifest: the operator's FlinkDeployment runs the jar from an image of its own.
        const k = await cli(publishCommand, ['solo.deployment.yaml', '--target', 'k8s', '--format', 'json'], cluster, ws);
        assert.equal(k.code, 0, k.out + k.err);
        const manifest = path.resolve(ws, JSON.parse(k.out.trim().split('\n').pop()!).manifest as string);
        const docs = parseAllDocuments(fs.readFileSync(manifest, 'utf8')).map((d) => d.toJS() as { kind: string; spec: Record<string, unknown> });
        assert.deepEqual(docs.map((d) => d.kind), ['FlinkDeployment'], 'no script ConfigMap for a JAR draft');
        const crd = parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'k8s-operator-crds', 'flinkdeployments.flink.apache.org-v1.yml'), 'utf8'));
        const check = new Ajv({ strict: false, validateFormats: false }).compile(crd.spec.versions[0].schema.openAPIV3Schema);
        assert.ok(check(docs[0]), JSON.stringify(check.errors));
        assert.deepEqual(docs[0].spec.job, { jarURI: 'local:///opt/flink/usrlib/solo.jar', entryClass: 'com.example.solo.SoloJob', args: [], parallelism: 1, upgradeMode: 'savepoint', state: 'running' });
        assert.match(String(docs[0].spec.image), version === '2.3' ? /^flink-job-solo:2\.3\.0-java17$/ : /^flink-job-solo:1\.20\.\d+-java17$/);
        assert.match(fs.readFileSync(path.join(ws, 'solo-image', 'Dockerfile'), 'utf8'), /^COPY solo\.jar \/opt\/flink\/usrlib\/solo\.jar$/m);
        assert.equal(fs.readFileSync(path.join(ws, 'solo-image', 'solo.jar')).length, new DeploymentStore(ws).version('solo', 2).artifact!.bytes);
      });
    }

    it('puts a compile error and a throwing main on their Java lines', async () => {
      const java = path.join(ws, 'orders', 'src', 'main', 'java', 'com', 'example', 'orders', 'OrdersJob.java');
      const good = fs.readFileSync(java, 'utf8');
      fs.writeFileSync(java, good.replace('env.execute(', 'env.executeNope('));
      const broken = await cli(validateCommand, ['orders.deployment.yaml'], cluster, ws);
      assert.equal(broken.code, 1);
      const line = good.split('\n').findIndex((l) => l.includes('env.execute(')) + 1;
      assert.match(broken.out, new RegExp(`orders/src/main/java/com/example/orders/OrdersJob\\.java:${line}:\\d+: error: cannot find symbol`));

      fs.writeFileSync(java, good.replace('long ordersPerSecond =', 'if (args.length > 1) throw new IllegalArgumentException("one argument: orders per second");\n        long ordersPerSecond ='));
      fs.writeFileSync(path.join(ws, 'orders.deployment.yaml'), fs.readFileSync(path.join(ws, 'orders.deployment.yaml'), 'utf8').replace(/args: \[\]/, 'args: ["5", "6"]'));
      const throws = await cli(validateCommand, ['orders.deployment.yaml'], cluster, ws);
      assert.equal(throws.code, 1);
      const at = good.split('\n').findIndex((l) => l.includes('long ordersPerSecond')) + 1;
      assert.match(throws.out, new RegExp(`OrdersJob\\.java:${at}:1: error: The job's main failed: java\\.lang\\.IllegalArgumentException: one argument: orders per second`));
    });
  });
}

journey('2.3', async () => sharedCluster());
journey('1.20', () => sharedClusterOf('1.20'));
