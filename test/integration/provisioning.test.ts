// Provisioning as a user's machine does it, with real Maven: an install killed half way is not taken for an
// installed one and the next `local start` completes it; and Maven's output is found wherever Maven keeps its
// repository (a settings.xml naming another localRepository, a HOME that is not Java's user.home).
// Each test has its own HOME, install directory and cold Maven repository: it downloads for real.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkDist, defaultFlinkVersion, flinkCacheRoot } from '../../server/src/flink/provision';
import { installConnectors } from '../../server/src/flink/provisionConnectors';
import { resolveDependencies } from '../../server/src/deploy/dependencies';
import { buildCli } from '../unit/cli/buildCli';

function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `fss-prov-${name}-`));
}

/** The environment of a user who never installed anything: own HOME, Maven's user.home (hence repository) cold. */
function freshEnv(home: string, mavenHome: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, MAVEN_OPTS: `-Duser.home=${mavenHome}` };
  for (const k of ['FLINK_SQL_STUDIO_CACHE', 'FLINK_HOME', 'FLINK_SQL_STUDIO_FLINK_HOME', 'XDG_CACHE_HOME']) delete env[k];
  return env;
}

describe('provisioning on a fresh machine (real Maven, cold repository)', function () {
  this.timeout(600_000);
  const made: string[] = [];
  after(() => { for (const d of made) fs.rmSync(d, { recursive: true, force: true }); });

  it('an install killed half way is not installed, and the next local start completes it and starts', async () => {
    const cli = await buildCli();
    const home = tempDir('home'); const mavenHome = tempDir('m2'); const ws = tempDir('ws');
    made.push(home, mavenHome, ws);
    const env = freshEnv(home, mavenHome);
    // 1) Start an install and kill it (with its Maven) once a tenth of the jars are down.
    const child = spawn(process.execPath, [cli, 'local', 'install'], { env, cwd: ws, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    const killedAt = await new Promise<number>((resolve, reject) => {
      child.stderr.on('data', (b: Buffer) => {
        stderr += b.toString();
        const percents = [...stderr.matchAll(/^\s+(\d+)%\s+downloaded flink-/gm)].map((m) => Number(m[1]));
        const last = percents[percents.length - 1];
        if (last !== undefined && last >= 10 && last < 90) {
          process.kill(-child.pid!, 'SIGKILL');
          resolve(last);
        }
      });
      child.on('exit', (code) => reject(new Error(`the install ended (exit ${code}) before it could be interrupted:\n${stderr}`)));
    });
    await new Promise((r) => child.once('close', r));
    const cache = path.join(home, '.cache', 'flink-sql-studio');
    const check = await checkDist('2.3.0', { cacheRoot: cache });
    assert.equal(check.installed, false, `killed at ${killedAt}%: must not look installed`);
    const list = spawnSync(process.execPath, [cli, 'local', 'list', '--format', 'json'], { env, cwd: ws, encoding: 'utf8' });
    assert.equal(JSON.parse(list.stdout).installations.find((i: { version: string }) => i.version === '2.3.0').installed, false);
    // 2) --no-install refuses, saying how to install.
    const refused = spawnSync(process.execPath, [cli, 'local', 'start', '--no-install'], { env, cwd: ws, encoding: 'utf8' });
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /Flink 2\.3\.0 is not installed .*flink-sql local install --flink-version 2\.3\.0/s);
    // 3) The next start installs what is missing (Maven reuses what it fetched), then starts the cluster.
    const start = spawnSync(process.execPath, [cli, 'local', 'start', '--format', 'json'], { env, cwd: ws, encoding: 'utf8', timeout: 480_000 });
    try {
      assert.equal(start.status, 0, start.stderr);
      assert.match(start.stderr, /Flink 2\.3\.0 \(about \d+ MB of jars from Maven\) is needed and not installed: downloading into .*\.cache\/flink-sql-studio/);
      assert.match(start.stderr, /Installed Flink 2\.3\.0 in/);
      assert.equal((await checkDist('2.3.0', { cacheRoot: cache, deep: true })).installed, true);
      assert.match(JSON.parse(start.stdout).gatewayUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      spawnSync(process.execPath, [cli, 'local', 'stop'], { env, cwd: ws, encoding: 'utf8', timeout: 120_000 });
    }
  });

  it('finds Maven\'s output with a settings.xml whose localRepository is elsewhere and a HOME that is not user.home', async () => {
    const home = tempDir('home'); const mavenHome = tempDir('userhome'); const repo = tempDir('repo'); const cache = tempDir('cache');
    made.push(home, mavenHome, repo, cache);
    fs.mkdirSync(path.join(mavenHome, '.m2'));
    fs.writeFileSync(path.join(mavenHome, '.m2', 'settings.xml'),
      `<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0"><localRepository>${repo}</localRepository></settings>\n`);
    const saved = { HOME: process.env.HOME, MAVEN_OPTS: process.env.MAVEN_OPTS };
    process.env.HOME = home;
    process.env.MAVEN_OPTS = `-Duser.home=${mavenHome}`;
    try {
      const [connector] = await installConnectors({ version: '2.3.0', names: ['jdbc'], cacheRoot: cache });
      assert.equal(connector.alreadyInstalled, false);
      assert.ok(fs.readdirSync(connector.dir).some((f) => /^flink-connector-jdbc.*\.jar$/.test(f)));
      const [{ path: jar, sha256 }] = await resolveDependencies(['org.apache.flink:flink-connector-datagen:2.3.0'], cache, undefined, cache);
      assert.ok(jar.startsWith(cache) && fs.statSync(jar).size > 0, jar);
      assert.match(sha256 ?? '', /^[0-9a-f]{64}$/, 'the sum goes into the version record');
      // Maven put its repository where settings.xml said, and nothing under $HOME/.m2 (the old guess).
      assert.ok(fs.existsSync(path.join(repo, 'org', 'apache', 'flink', 'flink-connector-datagen', '2.3.0')));
      assert.equal(fs.existsSync(path.join(home, '.m2')), false);
    } finally {
      process.env.HOME = saved.HOME;
      if (saved.MAVEN_OPTS === undefined) delete process.env.MAVEN_OPTS;
      else process.env.MAVEN_OPTS = saved.MAVEN_OPTS;
    }
  });

  it('runs the user\'s own Flink (flinkSql.localFlink.flinkHome) instead of downloading, and writes nothing into it', async () => {
    const cli = await buildCli();
    // The pinned install the shared cluster runs stands in for "a Flink the user unpacked": same lib/ + opt/ layout.
    const pinned = await checkDist(defaultFlinkVersion(), { cacheRoot: flinkCacheRoot() });
    assert.ok(pinned.installed, 'the shared cluster installs the default version first');
    const own = tempDir('own-flink'); const cache = tempDir('cache'); const ws = tempDir('ws');
    made.push(own, cache, ws);
    for (const dir of ['lib', 'opt']) {
      fs.mkdirSync(path.join(own, dir));
      for (const f of fs.readdirSync(path.join(pinned.dist.home, dir))) fs.symlinkSync(path.join(pinned.dist.home, dir, f), path.join(own, dir, f));
    }
    const before = fs.readdirSync(own).sort();
    const env: NodeJS.ProcessEnv = { ...process.env, FLINK_SQL_STUDIO_CACHE: cache, FLINK_SQL_STUDIO_FLINK_HOME: own };
    const start = spawnSync(process.execPath, [cli, 'local', 'start', '--no-install', '--format', 'json'], { env, cwd: ws, encoding: 'utf8', timeout: 240_000 });
    try {
      assert.equal(start.status, 0, start.stderr);
      const state = JSON.parse(fs.readFileSync(path.join(ws, '.flink', defaultFlinkVersion(), 'cluster.json'), 'utf8')) as { distHome: string };
      assert.equal(state.distHome, own);
      assert.deepEqual(fs.readdirSync(cache).filter((f) => f === 'flink'), [], 'nothing was downloaded');
    } finally {
      spawnSync(process.execPath, [cli, 'local', 'stop'], { env, cwd: ws, encoding: 'utf8', timeout: 120_000 });
    }
    assert.deepEqual(fs.readdirSync(own).sort(), before, 'the user\'s distribution is read, never written (class-data archives go to the install folder)');
    // A folder that is not a distribution is refused by name, before anything starts.
    const bad = spawnSync(process.execPath, [cli, 'local', 'start', '--no-install'], { env: { ...env, FLINK_SQL_STUDIO_FLINK_HOME: ws }, cwd: ws, encoding: 'utf8' });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /flinkSql\.localFlink\.flinkHome cannot be used: .* has no lib\/ folder/);
  });
});

