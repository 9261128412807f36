// Which Flink a deployment of a 1.20 draft runs on, without a real Flink: the per-job cluster's release is the
// line's provisioned pin (not the image table's), a session publish finds the local cluster of the draft's
// version (CLI and LSP, with advice naming `--flink-version` when it is not running), and a recorded local
// cluster is found again by its release (fake clusters: a live placeholder process and an HTTP stub).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver';
import { sessionCluster } from '../../../server/src/cli/deployContext';
import { jobManagerResolver } from '../../../server/src/deploy/clusters';
import { perJobRelease, startPerJobCluster } from '../../../server/src/deploy/perJobCluster';
import { planStatements } from '../../../server/src/deploy/statementPlan';
import { deploymentSchema, FLINK_IMAGE_RELEASES, FLINK_VERSIONS, resolveConfig } from '../../../server/src/deployment';
import { localStartCommand } from '../../../server/src/flink/localCluster';
import { defaultFlinkVersion, DistNotInstalledError, pinnedVersions } from '../../../server/src/flink/provision';
import { FlinkConnections } from '../../../server/src/lsp/flinkConnection';
import { fakeCluster } from '../lsp/fakeLocalCluster';

const V120 = pinnedVersions().find((v) => v.startsWith('1.20.'))!;
const V23 = defaultFlinkVersion();
const SEED = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'examples', 'datagen-to-blackhole.flink.sql'), 'utf8');

describe('deployments run on their draft\'s Flink version', () => {
  describe('the release of each line', () => {
    it('a local per-job cluster runs the provisioned pin of the line, not the image table\'s release', () => {
      assert.equal(perJobRelease('1.20'), V120);
      assert.equal(perJobRelease('2.3'), V23);
      assert.equal(V120, '1.20.0', 'scripts/flink-dist.json pins 1.20.0');
      for (const line of FLINK_VERSIONS) {
        assert.ok(pinnedVersions().includes(perJobRelease(line)), `${line} has a provisioned pin`);
        assert.ok(FLINK_IMAGE_RELEASES[line].startsWith(`${line}.`), `the image release of ${line} is of that line`);
      }
    });

    it('a per-job deployment of a 1.20 draft asks for the pinned 1.20 distribution', async () => {
      const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'perjob-cache-'));
      const before = process.env.FLINK_SQL_STUDIO_CACHE;
      process.env.FLINK_SQL_STUDIO_CACHE = cache; // nothing installed there: the error names the version asked for
      try {
        const resolved = resolveConfig(deploymentSchema.parse({ name: 'solo', type: 'SQL', target: 'per-job', flinkVersion: '1.20' }));
        await assert.rejects(startPerJobCluster({ clusterDir: path.join(cache, 'c'), deployment: 'solo', resolved, config: {}, plan: planStatements(SEED), jars: [], configDir: cache }),
          (e: unknown) => e instanceof DistNotInstalledError && e.message.includes(`Flink ${V120} is not installed`) && !e.message.includes(FLINK_IMAGE_RELEASES['1.20']));
      } finally {
        if (before === undefined) delete process.env.FLINK_SQL_STUDIO_CACHE;
        else process.env.FLINK_SQL_STUDIO_CACHE = before;
        fs.rmSync(cache, { recursive: true, force: true });
      }
    });

    it('names --flink-version in the start command of any version but the default', () => {
      assert.equal(localStartCommand(), 'flink-sql local start');
      assert.equal(localStartCommand('2.3'), 'flink-sql local start');
      assert.equal(localStartCommand(V23), 'flink-sql local start');
      assert.equal(localStartCommand('1.20'), 'flink-sql local start --flink-version 1.20');
    });
  });

  describe('the local session cluster', function () {
    if (process.platform !== 'linux') return; // the placeholder process is recognised through /proc
    let ws: string;
    const env = { gateway: process.env.FLINK_SQL_GATEWAY, rest: process.env.FLINK_SQL_REST };
    const closers: Array<() => void> = [];
    beforeEach(() => {
      ws = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-version-'));
      delete process.env.FLINK_SQL_GATEWAY;
      delete process.env.FLINK_SQL_REST;
    });
    afterEach(() => {
      for (const close of closers.splice(0)) close();
      fs.rmSync(ws, { recursive: true, force: true });
      if (env.gateway !== undefined) process.env.FLINK_SQL_GATEWAY = env.gateway;
      if (env.rest !== undefined) process.env.FLINK_SQL_REST = env.rest;
    });
    const start = async (version: string) => {
      const c = await fakeCluster(ws, version);
      closers.push(c.close);
      return c.url;
    };

    it('CLI: a 1.20 draft publishes to the 1.20 cluster while the 2.3 one runs too, and records its release', async () => {
      const url23 = await start(V23);
      const url120 = await start(V120);
      const found = await sessionCluster({ dir: ws }, '1.20');
      assert.ok(!('error' in found), JSON.stringify(found));
      assert.deepEqual(found.cluster, { kind: 'local', flinkVersion: V120, gatewayUrl: url120, restUrl: url120 });
      assert.equal(found.gateway.gatewayUrl, url120);
      const plain = await sessionCluster({ dir: ws }, '2.3');
      assert.ok(!('error' in plain) && plain.cluster.gatewayUrl === url23 && plain.cluster.flinkVersion === V23, JSON.stringify(plain));
    });

    it('CLI: without a 1.20 cluster the advice names flink-sql local start --flink-version 1.20 (the 2.3 one does not do)', async () => {
      await start(V23);
      const found = await sessionCluster({ dir: ws }, '1.20');
      assert.ok('error' in found, JSON.stringify(found));
      assert.match(found.error, /^no local Flink 1\.20 running: run flink-sql local start --flink-version 1\.20, or pass --gateway/);
    });

    it('CLI: a named gateway is recorded as remote, whatever the draft\'s version', async () => {
      const found = await sessionCluster({ dir: ws, gateway: 'http://gw:8083', rest: 'http://jm:8081' }, '1.20');
      assert.ok(!('error' in found));
      assert.deepEqual(found.cluster, { kind: 'remote', gatewayUrl: 'http://gw:8083', restUrl: 'http://jm:8081' });
    });

    it('a recorded local cluster is found again by its release (stop, savepoint, upgrade); a record without one means the default\'s', async () => {
      const url23 = await start(V23);
      const url120 = await start(V120);
      const jobManagers = jobManagerResolver({ workspaceDir: ws });
      assert.equal((await jobManagers({ kind: 'local', flinkVersion: V120, gatewayUrl: 'http://old:1' }))?.baseUrl, url120);
      assert.equal((await jobManagers({ kind: 'local', flinkVersion: V23 }))?.baseUrl, url23);
      assert.equal((await jobManagers({ kind: 'local' }))?.baseUrl, url23);
    });

    it('a recorded 1.20 cluster that is gone is not mistaken for the running 2.3 one', async () => {
      await start(V23);
      assert.equal(await jobManagerResolver({ workspaceDir: ws })({ kind: 'local', flinkVersion: V120 }), undefined);
    });

    it('LSP: the 1.20 cluster for a 1.20 draft; not running and no autoStart: advice naming the palette command and --flink-version 1.20', async () => {
      const connections = new FlinkConnections({ sendNotification: () => Promise.resolve() } as unknown as Connection);
      await start(V23);
      await assert.rejects(connections.resolve({ target: 'local', workspaceDir: ws, autoStart: false }, '1.20'),
        /The local Flink 1\.20 cluster is not running: run "Flink: Start Local Cluster" with the draft open \(or flink-sql local start --flink-version 1\.20 in the workspace folder\), or turn on flinkSql\.local\.autoStart/);
      const url120 = await start(V120);
      const t = await connections.resolve({ target: 'local', workspaceDir: ws, autoStart: false }, '1.20');
      assert.deepEqual([t.gatewayUrl, t.flinkVersion], [url120, V120]);
    });
  });
});
