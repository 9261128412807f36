// PYTHON drafts on the real local Flink (2.3, then 1.20), through the CLI as CI runs it: the PyFlink environment
// is provisioned by the project's own code on first use (a virtual environment with apache-flink, the flink-python
// jar); `new --type python` scaffolds a script; validate plans it through Flink's Python driver without running it;
// execute runs it and shows what it prints; publish, upgrade from a savepoint, roll back, per-job; a syntax error,
// a failing statement and a missing interpreter land on the right line.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse, parseAllDocuments } from 'yaml';
import type { CliCommand } from '../../server/src/cli/command';
import { registerCliProvisioner } from '../../server/src/cli/cliProvisioner';
import { executeCommand } from '../../server/src/cli/commands/execute';
import { newCommand } from '../../server/src/cli/commands/new';
import { publishCommand } from '../../server/src/cli/commands/publish';
import { rollbackCommand } from '../../server/src/cli/commands/rollback';
import { stopCommand } from '../../server/src/cli/commands/stop';
import { validateCommand } from '../../server/src/cli/commands/validate';
import { DeploymentStore } from '../../server/src/deploy/store';
import { FLINK_IMAGE_RELEASES } from '../../server/src/deployment/fields';
import { setProvisioner } from '../../server/src/flink/ensureFlink';
import type { ClusterInfo } from '../../server/src/flink/localCluster';
import { JobManagerClient } from '../../server/src/flink/restClient';
import { ensurePyFlink, pyflinkPlan, PYTHON_ENV } from '../../server/src/python/pyflinkEnv';
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

const note = (s: string) => process.stderr.write(`      ${s}\n`);

function journey(version: '2.3' | '1.20', clusterOf: () => Promise<ClusterInfo>) {
  describe(`PYTHON drafts on Flink ${version} (real Flink, real PyFlink)`, function () {
    this.timeout(900_000);
    let ws: string;
    let cluster: ClusterInfo;
    before(async () => {
      cluster = await clusterOf();
      ws = fs.mkdtempSync(path.join(os.tmpdir(), 'python-it-'));
      // The CLI's provisioner: running a command that needs PyFlink is the consent; progress on stderr.
      registerCliProvisioner((s) => process.stderr.write(`      ${s}`));
      const plan = pyflinkPlan(version);
      const t0 = Date.now();
      await ensurePyFlink(version);
      note(plan.items.length ? `${version}: provisioned ${plan.items.map((i) => i.name).join(', ')} in ${((Date.now() - t0) / 1000).toFixed(1)} s` : `${version}: PyFlink already provisioned`);
    });
    after(() => {
      setProvisioner(undefined);
      fs.rmSync(ws, { recursive: true, force: true });
    });

    it('scaffolds, plans without running, runs and shows what it prints', async () => {
      const created = await cli(newCommand, ['orders', '--type', 'python', '--flink-version', version], cluster, ws);
      assert.equal(created.code, 0, created.err);
      assert.ok(fs.existsSync(path.join(ws, 'orders.py')));
      const t0 = Date.now();
      const v = await cli(validateCommand, ['orders.py'], cluster, ws);
      assert.equal(v.code, 0, v.out + v.err);
      assert.match(v.out, /planned job "orders" \(STREAMING, 2 tasks: \[1\]:TableSourceScan\(table=\[\[default_catalog, default_database, orders\]\].* → \[\d+\]:GroupAggregate\(groupBy=\[product\].*\) in \d+ ms: no problems/);
      note(`${version}: validate ${Date.now() - t0} ms: ${v.out.trim()}`);
      const jm = new JobManagerClient(cluster.restUrl);
      assert.equal((await jm.jobs()).filter((j) => j.name === 'orders' && j.state === 'RUNNING').length, 0, 'validate ran no job');

      const e = await cli(executeCommand, ['orders.deployment.yaml', '--format', 'json', '--timeout', '8'], cluster, ws);
      assert.equal(e.code, 0, e.out + e.err);
      const r = JSON.parse(e.out.trim()) as { jobId: string; state: string; printed: string[] };
      try {
        assert.equal(r.state, 'RUNNING');
        // The print sink's changelog rows: +I[a, 1, 42.0], -U[…], +U[…].
        assert.ok(r.printed.some((l) => /[+-][IU]\[.+, \d+, [\d.E]+\]$/.test(l)), `printed: ${JSON.stringify(r.printed)}`);
      } finally {
        await jm.cancel(r.jobId);
      }
    });

    it('publishes to the session cluster, upgrades from a savepoint with a changed script, rolls back, stops', async () => {
      const json = async (command: CliCommand, args: string[]) => {
        const r = await cli(command, [...args, '--format', 'json'], cluster, ws);
        assert.equal(r.code, 0, r.out + r.err);
        return JSON.parse(r.out.trim().split('\n').pop()!) as { version: number; jobId: string; state?: string; runningAfterMs?: number; downtimeMs?: number; restoredFrom?: { kind: string; path: string } };
      };
      const v1 = await json(publishCommand, ['orders.deployment.yaml']);
      assert.equal(v1.state, 'RUNNING');
      const store = new DeploymentStore(ws);
      const a1 = store.version('orders', 1).artifact!;
      assert.equal(a1.file, 'orders.py');
      assert.match(a1.sha256, /^[0-9a-f]{64}$/);
      assert.equal(fs.readFileSync(path.join(store.files('orders', 1).dir, 'orders.py'), 'utf8'), fs.readFileSync(path.join(ws, 'orders.py'), 'utf8'), 'the script is kept with the version');
      note(`${version}: publish (plan + run) → RUNNING in ${v1.runningAfterMs} ms`);

      // A changed script (another rate): the publish stops v1 with a savepoint and v2 restores it.
      const script = path.join(ws, 'orders.py');
      fs.writeFileSync(script, fs.readFileSync(script, 'utf8').replace('args[0] if args else "1"', 'args[0] if args else "2"'));
      const v2 = await json(publishCommand, ['orders.py']);
      assert.equal(v2.state, 'RUNNING');
      assert.equal(v2.restoredFrom?.kind, 'savepoint');
      assert.notEqual(store.version('orders', 2).artifact!.sha256, a1.sha256, 'the changed script');
      const jm = new JobManagerClient(cluster.restUrl);
      assert.equal(await jm.jobStatus(v1.jobId), 'FINISHED');
      note(`${version}: upgrade from a savepoint, downtime ${v2.downtimeMs} ms`);

      const v3 = await json(rollbackCommand, ['orders', '1']);
      assert.equal(v3.state, 'RUNNING');
      assert.equal(store.version('orders', 3).artifact!.sha256, a1.sha256, 'the rollback runs v1\'s script');
      const stop = await cli(stopCommand, ['orders', '--savepoint', '--format', 'json'], cluster, ws);
      assert.equal(stop.code, 0, stop.err);
      assert.equal(await jm.jobStatus(v3.jobId), 'FINISHED');
    });

    it('publishes per-job (an application cluster of its own runs the script through the driver, and stops with it) and exports the operator\'s Python job', async () => {
      assert.equal((await cli(newCommand, ['solo', '--type', 'python', '--target', 'per-job', '--flink-version', version], cluster, ws)).code, 0);
      const p = await cli(publishCommand, ['solo.deployment.yaml', '--format', 'json'], cluster, ws);
      assert.equal(p.code, 0, p.out + p.err);
      const r = JSON.parse(p.out.trim().split('\n').pop()!) as { jobId: string; state: string; target: string; runningAfterMs: number };
      assert.deepEqual([r.target, r.state], ['per-job', 'RUNNING']);
      const v = new DeploymentStore(ws).version('solo', 1);
      assert.equal(v.cluster?.kind, 'per-job');
      const own = new JobManagerClient(v.cluster!.restUrl!);
      assert.equal((await own.jobs()).find((j) => j.jid === r.jobId)?.name, 'solo');
      note(`${version}: per-job publish → RUNNING in ${r.runningAfterMs} ms`);
      const stop = await cli(stopCommand, ['solo', '--format', 'json'], cluster, ws);
      assert.equal(stop.code, 0, stop.err);

      // The Kubernetes manifest: the operator's Python job, the driver jar of the image's release on the script.
      const k = await cli(publishCommand, ['solo.py', '--target', 'k8s', '--format', 'json'], cluster, ws);
      assert.equal(k.code, 0, k.out + k.err);
      const manifest = path.resolve(ws, JSON.parse(k.out.trim().split('\n').pop()!).manifest as string);
      const docs = parseAllDocuments(fs.readFileSync(manifest, 'utf8')).map((d) => d.toJS() as { kind: string; spec: Record<string, unknown> & { flinkConfiguration: Record<string, string> } });
      assert.deepEqual(docs.map((d) => d.kind), ['FlinkDeployment']);
      const crd = parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'k8s-operator-crds', 'flinkdeployments.flink.apache.org-v1.yml'), 'utf8'));
      const check = new Ajv({ strict: false, validateFormats: false }).compile(crd.spec.versions[0].schema.openAPIV3Schema);
      assert.ok(check(docs[0]), JSON.stringify(check.errors));
      const release = FLINK_IMAGE_RELEASES[version];
      assert.deepEqual(docs[0].spec.job, {
        jarURI: `local:///opt/flink/opt/flink-python-${release}.jar`, entryClass: 'org.apache.flink.client.python.PythonDriver',
        args: ['-pyclientexec', '/usr/local/bin/python3', '-py', '/opt/flink/usrlib/solo.py'], parallelism: 1, upgradeMode: 'savepoint', state: 'running',
      });
      assert.equal(docs[0].spec.flinkConfiguration['python.executable'], '/usr/local/bin/python3');
      const dockerfile = fs.readFileSync(path.join(ws, 'solo-image', 'Dockerfile'), 'utf8');
      assert.match(dockerfile, new RegExp(`^RUN /usr/local/bin/python3 -m pip install --no-cache-dir apache-flink==${release.replace(/\./g, '\\.')}$`, 'm'));
      assert.match(dockerfile, /^COPY solo\.py \/opt\/flink\/usrlib\/solo\.py$/m);
      assert.equal(fs.readFileSync(path.join(ws, 'solo-image', 'solo.py'), 'utf8'), fs.readFileSync(path.join(ws, 'solo.py'), 'utf8'));
    });

    it('puts a syntax error, a failing statement and a python without PyFlink on the script\'s line; a missing interpreter on the config', async () => {
      const script = path.join(ws, 'orders.py');
      const good = fs.readFileSync(script, 'utf8');
      const lineOf = (text: string) => good.split('\n').findIndex((l) => l.includes(text)) + 1;
      try {
        fs.writeFileSync(script, good.replace('def main(args):', 'def main(args)'));
        const syntax = await cli(validateCommand, ['orders.py'], cluster, ws);
        assert.equal(syntax.code, 1, syntax.out + syntax.err);
        assert.match(syntax.out, new RegExp(`orders\\.py:${lineOf('def main(args):')}:1: error: The Python script failed: SyntaxError: expected ':'`));

        fs.writeFileSync(script, good.replace('FROM orders GROUP BY', 'FROM orderz GROUP BY'));
        const sql = await cli(validateCommand, ['orders.py'], cluster, ws);
        assert.equal(sql.code, 1);
        assert.match(sql.out, new RegExp(`orders\\.py:${lineOf('statements.add_insert_sql(')}:1: error: The Python script failed: .*Object 'orderz' not found`));

        fs.writeFileSync(script, good);
        process.env[PYTHON_ENV] = '/usr/bin/python3';
        const noPyFlink = await cli(validateCommand, ['orders.py'], cluster, ws);
        assert.equal(noPyFlink.code, 1);
        assert.match(noPyFlink.out, new RegExp(`orders\\.py:${lineOf('from pyflink.table import')}:1: error: The Python script failed: ModuleNotFoundError: No module named 'pyflink'`));

        process.env[PYTHON_ENV] = path.join(ws, 'no-such-venv', 'bin', 'python');
        const missing = await cli(validateCommand, ['orders.py'], cluster, ws);
        assert.equal(missing.code, 1);
        assert.match(missing.out, /orders\.deployment\.yaml:1:1: error: The Python interpreter .*no-such-venv\/bin\/python \(flinkSql\.python\.interpreter\) does not exist/);
      } finally {
        delete process.env[PYTHON_ENV];
        fs.writeFileSync(script, good);
      }
    });
  });
}

journey('2.3', async () => sharedCluster());
journey('1.20', () => sharedClusterOf('1.20'));
