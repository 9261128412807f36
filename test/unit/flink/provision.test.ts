// Provisioning and config generation without a Flink: the pinned manifest holds what a session cluster with
// SQL Gateway needs, installs are detected as missing or incomplete, and the generated config is right.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { clusterConfig, clusterDirs, writeClusterConfig } from '../../../server/src/flink/flinkConfig';
import { summarizeBody } from '../../../server/src/flink/http';
import { checkDist, defaultFlinkVersion, distFor, DistNotInstalledError, loadManifest, pinnedVersions, requirePinnedDist, resolveFlinkVersion, flinkCacheRoot, UnpinnedVersionError } from '../../../server/src/flink/provision';
import { parseJavaMajor } from '../../../server/src/flink/provisionJava';
import { describeDownload, renderPinnedPom } from '../../../server/src/flink/provisionMaven';

describe('Flink provisioning', () => {
  const manifest = loadManifest();
  const artifacts = manifest.versions[defaultFlinkVersion()].artifacts;
  const has = (artifactId: string, dir: 'lib' | 'opt') =>
    artifacts.some((a) => a.gav.split(':')[1] === artifactId && a.dir === dir);

  it('pins a Flink 2.x default with everything a session cluster + SQL Gateway + SQL client needs', () => {
    assert.match(manifest.default, /^2\.\d+\.\d+$/);
    for (const id of ['flink-runtime', 'flink-clients', 'flink-streaming-java', 'flink-rpc-akka-loader', 'flink-table-api-java-uber',
      'flink-table-runtime', 'flink-table-planner-loader', 'flink-connector-files', 'flink-connector-datagen', 'flink-json', 'flink-csv',
      'flink-sql-gateway-api', 'log4j-core', 'log4j-slf4j-impl']) assert.ok(has(id, 'lib'), `${id} missing from lib/`);
    assert.ok(has('flink-sql-gateway', 'opt'));
    assert.ok(has('flink-sql-client', 'opt'));
    // The table uber jar already holds these: a second copy on the classpath would only invite conflicts.
    for (const id of ['flink-table-common', 'flink-table-api-java', 'icu4j']) assert.ok(!artifacts.some((a) => a.gav.split(':')[1] === id), id);
    assert.equal(new Set(artifacts.map((a) => a.file)).size, artifacts.length, 'duplicate file names');
  });

  it('pins a Flink 1.20 next to the default, with the same modules, side by side in the cache', () => {
    const v120 = pinnedVersions().find((v) => v.startsWith('1.20.'));
    assert.ok(v120, `pinned: ${pinnedVersions().join(', ')}`);
    assert.equal(pinnedVersions()[0], manifest.default);
    const ids = (v: string) => new Set(manifest.versions[v].artifacts.filter((a) => a.gav.startsWith('org.apache.flink:')).map((a) => `${a.gav.split(':')[1]}/${a.dir}`));
    const missing = [...ids(manifest.default)].filter((id) => !ids(v120).has(id));
    assert.deepEqual(missing, [], 'Flink modules the default has and 1.20 lacks');
    for (const a of manifest.versions[v120].artifacts) {
      if (a.gav.startsWith('org.apache.flink:flink-') && !a.gav.includes('shaded')) assert.equal(a.gav.split(':')[2], v120, a.gav);
    }
    assert.notEqual(distFor(v120).home, distFor(manifest.default).home);
  });

  it('resolves a version given as pinned, as its line or as line.x, and refuses one that is not pinned', () => {
    const v120 = pinnedVersions().find((v) => v.startsWith('1.20.'))!;
    assert.equal(resolveFlinkVersion(), defaultFlinkVersion());
    assert.equal(resolveFlinkVersion(v120), v120);
    assert.equal(resolveFlinkVersion('1.20'), v120);
    assert.equal(resolveFlinkVersion('1.20.x'), v120);
    assert.equal(resolveFlinkVersion('2.3'), defaultFlinkVersion());
    assert.throws(() => resolveFlinkVersion('1.19.1'), (e: unknown) => e instanceof UnpinnedVersionError && /it runs 2\.3\.0, 1\.20\./.test(e.message));
  });

  it('renders a pom that pins exactly the manifest, without transitive dependencies', () => {
    const pom = renderPinnedPom(artifacts);
    assert.equal(pom.match(/<dependency>/g)?.length, artifacts.length);
    assert.equal(pom.match(/<exclusion><groupId>\*<\/groupId><artifactId>\*<\/artifactId><\/exclusion>/g)?.length, artifacts.length);
    assert.match(pom, /<artifactId>flink-sql-gateway<\/artifactId><version>2\./);
  });

  it('turns Maven download lines into short progress lines', () => {
    assert.deepEqual(describeDownload('[INFO] Downloaded from central: https://repo.example/m2/org/x/flink-core-2.3.0.jar (1.9 MB at 12 MB/s)'),
      { file: 'flink-core-2.3.0.jar', size: '1.9 MB' });
    assert.equal(describeDownload('[INFO] Downloaded from central: https://repo.example/m2/org/x/flink-core-2.3.0.pom (12 kB at 1 MB/s)'), undefined);
  });

  it('installs per user, never into a repository: $FLINK_SQL_STUDIO_CACHE, else the platform\'s cache folder', () => {
    assert.equal(flinkCacheRoot({ FLINK_SQL_STUDIO_CACHE: '/opt/fss', HOME: '/home/u' }, 'linux'), '/opt/fss');
    assert.equal(flinkCacheRoot({ HOME: '/home/u' }, 'linux'), '/home/u/.cache/flink-sql-studio');
    assert.equal(flinkCacheRoot({ HOME: '/home/u', XDG_CACHE_HOME: '/x/cache' }, 'linux'), '/x/cache/flink-sql-studio');
    assert.equal(flinkCacheRoot({ HOME: '/home/u', XDG_CACHE_HOME: 'relative' }, 'linux'), '/home/u/.cache/flink-sql-studio');
    assert.equal(flinkCacheRoot({ HOME: '/Users/u' }, 'darwin'), '/Users/u/Library/Caches/flink-sql-studio');
    assert.equal(flinkCacheRoot({ HOME: '/h', LOCALAPPDATA: '/c/AppData/Local' }, 'win32'), path.join('/c/AppData/Local', 'flink-sql-studio'));
  });

  it('reports a missing install with the palette command and the CLI command that fix it, no repository command', async () => {
    const v120 = pinnedVersions().find((v) => v.startsWith('1.20.'))!;
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'flink-cache-'));
    try {
      const check = await checkDist(defaultFlinkVersion(), { cacheRoot: empty });
      assert.equal(check.installed, false);
      assert.equal(check.problem, 'nothing installed yet');
      await assert.rejects(requirePinnedDist(defaultFlinkVersion(), empty),
        (e: unknown) => e instanceof DistNotInstalledError && e.message.includes('"Flink: Install Local Flink…"') && !e.message.includes('npm'));
      await assert.rejects(requirePinnedDist(v120, empty),
        (e: unknown) => e instanceof DistNotInstalledError && e.message.includes(`\`flink-sql local install --flink-version ${v120}\``));
      // A marker without the jars is incomplete, not installed.
      const home = check.dist.home;
      fs.mkdirSync(home, { recursive: true });
      fs.writeFileSync(path.join(home, 'installed.json'), '{"manifestDigest":"other"}');
      assert.match((await checkDist(defaultFlinkVersion(), { cacheRoot: empty })).problem ?? '', /manifest changed/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it('parses Java versions old and new', () => {
    assert.equal(parseJavaMajor('1.8.0_392'), 8);
    assert.equal(parseJavaMajor('17.0.15'), 17);
    assert.equal(parseJavaMajor('21'), 21);
  });
});

describe('local cluster config', () => {
  it('targets the session cluster and keeps state in the workspace .flink/', () => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'flink-conf-'));
    try {
      const dirs = clusterDirs(ws);
      const ports = { rest: 18081, gateway: 18083, jobmanagerRpc: 16123 };
      const flinkVersion = defaultFlinkVersion();
      writeClusterConfig({ dirs, ports, flinkVersion });
      const yaml = parse(fs.readFileSync(path.join(dirs.conf, 'config.yaml'), 'utf8')) as Record<string, unknown>;
      assert.deepEqual(yaml, clusterConfig({ dirs, ports, flinkVersion }));
      assert.equal(yaml['execution.target'], 'remote');
      assert.equal(yaml['rest.port'], 18081);
      assert.equal(yaml['sql-gateway.endpoint.rest.port'], 18083);
      assert.equal(yaml['jobmanager.rpc.port'], 16123);
      assert.equal(yaml['execution.checkpointing.savepoint-dir'], `file://${path.join(ws, '.flink', flinkVersion, 'savepoints')}`);
      assert.match(String(yaml['env.java.opts.all']), /--add-opens=java.base\/java.util=ALL-UNNAMED/);
      assert.ok(fs.existsSync(path.join(dirs.conf, 'log4j.properties')));
      // owner-only: a per-job cluster's keys may hold resolved `${secret:…}` values
      assert.equal(fs.statSync(path.join(dirs.conf, 'config.yaml')).mode & 0o777, 0o600);
      assert.equal(clusterConfig({ dirs, ports, flinkVersion, extra: { 'parallelism.default': 2 } })['parallelism.default'], 2);
    } finally {
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });

  it('keeps the first line of each Flink error, not the stack trace', () => {
    const body = JSON.stringify({ errors: ['Internal server error.', '<Exception on server side:\norg.apache.flink.X: boom\n\tat a.b(C.java:1)\nEnd of exception on server side>'] });
    assert.equal(summarizeBody(body), 'Internal server error. | org.apache.flink.X: boom');
  });
});
