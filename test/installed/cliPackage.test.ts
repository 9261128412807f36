// The CLI as users install it: `npm pack` → `npm install -g` into a temporary prefix → run from an empty directory
// with an empty HOME, no repository in sight (no FLINK_SQL_STUDIO_CACHE, no FLINK_SQL_RUNNER_JAR): doctor, local start
// (which installs Flink on first use), validate, execute, publish (session and per-job), stop, preview and test of the
// examples, local stop.
// Maven's own repository is the machine's (Java's user.home), as on a user's machine.
import * as assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const SAMPLE = fs.readFileSync(path.join(ROOT, 'examples', 'datagen-to-blackhole.flink.sql'), 'utf8');

describe('the flink-sql package, installed on a machine that never saw the repository', function () {
  this.timeout(600_000);
  let prefix: string; let home: string; let ws: string; let bin: string; let env: NodeJS.ProcessEnv;
  const made: string[] = [];
  const tmp = (n: string) => { const d = fs.mkdtempSync(path.join(os.tmpdir(), `fss-pkg-${n}-`)); made.push(d); return d; };

  function flinkSql(args: string[], timeout = 300_000): SpawnSyncReturns<string> {
    const r = spawnSync(bin, args, { cwd: ws, env, encoding: 'utf8', timeout });
    process.stderr.write(`    $ flink-sql ${args.join(' ')} → exit ${r.status}\n`);
    return r;
  }

  before(() => {
    const packDir = tmp('pack');
    const pack = spawnSync('npm', ['pack', '--pack-destination', packDir, '--loglevel=error'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(pack.status, 0, pack.stderr);
    const tgz = fs.readdirSync(packDir).find((f) => f.endsWith('.tgz'));
    assert.ok(tgz, `npm pack made no tarball: ${pack.stdout}`);
    prefix = tmp('prefix');
    const install = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error', path.join(packDir, tgz)], { encoding: 'utf8' });
    assert.equal(install.status, 0, install.stderr);
    bin = path.join(prefix, 'bin', 'flink-sql');
    home = tmp('home');
    ws = tmp('ws');
    env = { ...process.env, HOME: home, PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH}` };
    for (const k of ['FLINK_SQL_STUDIO_CACHE', 'FLINK_SQL_RUNNER_JAR', 'FLINK_HOME', 'FLINK_SQL_STUDIO_FLINK_HOME', 'XDG_CACHE_HOME', 'FLINK_SQL_GATEWAY', 'FLINK_SQL_REST']) delete env[k];
    fs.writeFileSync(path.join(ws, 'orders.flink.sql'), SAMPLE);
    fs.writeFileSync(path.join(ws, 'orders.deployment.yaml'), 'name: orders\ntype: SQL\ntarget: session\n');
    fs.writeFileSync(path.join(ws, 'orders_perjob.flink.sql'), SAMPLE);
    fs.writeFileSync(path.join(ws, 'orders_perjob.deployment.yaml'), 'name: orders_perjob\ntype: SQL\ntarget: per-job\n');
  });

  after(() => {
    if (bin && fs.existsSync(bin)) {
      flinkSql(['stop', 'orders_perjob'], 120_000);
      flinkSql(['local', 'stop'], 120_000);
    }
    for (const d of made) fs.rmSync(d, { recursive: true, force: true });
  });

  it('installs as a self-contained package: the runner jar inside, no repository files', () => {
    const pkg = path.join(prefix, 'lib', 'node_modules', 'flink-sql-studio');
    assert.ok(fs.statSync(path.join(pkg, 'out', 'sql-runner.jar')).size > 1000);
    assert.ok(fs.statSync(path.join(pkg, 'out', 'udf-inspector.jar')).size > 1000);
    assert.ok(fs.statSync(path.join(pkg, 'out', 'state-inspector.jar')).size > 1000);
    for (const f of ['tools', 'scripts', 'server', 'client', 'test', '.cache']) assert.equal(fs.existsSync(path.join(pkg, f)), false, `${f}/ must not ship`);
    assert.equal(fs.existsSync(path.join(pkg, 'node_modules')), false, 'the bundles need no dependencies');
  });

  it('doctor checks Java and Maven and says what the first use downloads', () => {
    const r = flinkSql(['doctor', '--format', 'json']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const report = JSON.parse(r.stdout) as { ok: boolean; checks: Array<{ name: string; severity: string; detail: string }> };
    assert.equal(report.checks.find((c) => c.name === 'Java')?.severity, 'ok');
    assert.equal(report.checks.find((c) => c.name === 'Maven')?.severity, 'ok');
    assert.match(report.checks.find((c) => c.name === 'Flink 2.3.0')?.detail ?? '', /not installed yet: about \d+ MB/);
    assert.match(report.checks.find((c) => c.name === 'Install directory')?.detail ?? '', new RegExp(`^${home}/\\.cache/flink-sql-studio`));
  });

  it('doctor exits 1 and says how to fix it when Maven is missing and something is still to download', () => {
    const r = spawnSync(bin, ['doctor'], { cwd: ws, env: { ...env, FLINK_SQL_STUDIO_MVN: path.join(ws, 'no-such-mvn') }, encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.match(r.stdout, /FAIL\s+Maven .*no-such-mvn not found/);
    assert.match(r.stdout, /flinkSql\.mavenExecutable \(CLI: FLINK_SQL_STUDIO_MVN\)/);
  });

  it('local start installs Flink into the per-user directory on first use, then starts it', () => {
    const r = flinkSql(['local', 'start'], 480_000);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /Flink 2\.3\.0 \(about \d+ MB of jars from Maven\) is needed and not installed: downloading into .*\.cache\/flink-sql-studio/);
    assert.match(r.stdout, /Local Flink 2\.3\.0 started/);
    assert.ok(fs.existsSync(path.join(home, '.cache', 'flink-sql-studio', 'flink', '2.3.0', 'installed.json')));
  });

  it('validates and executes the draft on it', () => {
    const v = flinkSql(['validate', 'orders.flink.sql']);
    assert.equal(v.status, 0, v.stdout + v.stderr);
    const e = flinkSql(['execute', 'orders.flink.sql', '--format', 'json']);
    assert.equal(e.status, 0, e.stdout + e.stderr);
    assert.match(e.stdout, /"jobId":"[0-9a-f]{32}"/);
    flinkSql(['jobs', 'cancel', JSON.parse(e.stdout.trim().split('\n').pop()!).jobId]);
  });

  it('publishes to the session cluster, then stops with a savepoint', () => {
    const p = flinkSql(['publish', 'orders.flink.sql', '--format', 'json']);
    assert.equal(p.status, 0, p.stderr);
    assert.equal(JSON.parse(p.stdout).state, 'RUNNING');
    const s = flinkSql(['stop', 'orders', '--savepoint', '--format', 'json']);
    assert.equal(s.status, 0, s.stderr);
    assert.ok(JSON.parse(s.stdout).savepoint, s.stdout);
  });

  it('publishes per-job with the runner shipped in the package (no Maven build, no repository)', () => {
    const p = flinkSql(['publish', 'orders_perjob.flink.sql', '--format', 'json'], 300_000);
    assert.equal(p.status, 0, p.stderr);
    const out = JSON.parse(p.stdout);
    assert.equal(out.target, 'per-job');
    assert.equal(out.state, 'RUNNING');
    const s = flinkSql(['stop', 'orders_perjob', '--format', 'json'], 180_000);
    assert.equal(s.status, 0, s.stderr);
  });

  it('previews and tests the examples with nothing but the package: no Kafka, sinks captured', () => {
    fs.cpSync(path.join(ROOT, 'examples'), path.join(ws, 'examples'), { recursive: true });
    // Bounded mocks end the preview on their own; the timeout only guards a loaded machine.
    const p = flinkSql(['preview', 'examples/orders-kafka.flink.sql', '--format', 'json', '--timeout', '240']);
    assert.equal(p.status, 0, p.stdout + p.stderr);
    const sinks = p.stdout.trim().split('\n').map((l) => JSON.parse(l) as { sink: string; rows: unknown[]; timedOut: boolean });
    assert.deepEqual(sinks.map((x) => [x.sink, x.rows.length, x.timedOut]).sort(), [['large_orders', 1, false], ['revenue_per_minute', 4, false]]);

    const t = flinkSql(['test', '--reporter', 'junit', '--output', 'report.xml']);
    assert.equal(t.status, 0, t.stdout + t.stderr);
    const junit = fs.readFileSync(path.join(ws, 'report.xml'), 'utf8');
    assert.match(junit, /<testsuites[^>]* tests="3" failures="0"/);

    // A wrong expectation fails the run, with the difference.
    const wrong = fs.readFileSync(path.join(ws, 'examples', 'orders-kafka.test.yaml'), 'utf8').replace('revenue: 7.50', 'revenue: 8.50');
    fs.writeFileSync(path.join(ws, 'examples', 'wrong.test.yaml'), wrong);
    const f = flinkSql(['test', 'examples/wrong.test.yaml']);
    assert.equal(f.status, 1, f.stdout + f.stderr);
    assert.match(f.stdout, /✗ revenue per product per minute/);
    assert.match(f.stdout, /8\.5/);
  });

  it('local stop stops the cluster', () => {
    const r = flinkSql(['local', 'stop']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(flinkSql(['local', 'status']).status, 1);
  });
});
