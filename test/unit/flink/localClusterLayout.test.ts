// Where each version's local cluster keeps its state: `.flink/<version>/`, side by side; a cluster still
// recorded in the single-directory layout of before is found (and stopped) there, then its savepoints move.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { localClusterFor, localClusters } from '../../../server/src/flink/localCluster';
import { clusterDirs, LEGACY_LAYOUT_VERSION, migrateLegacyLayout, recordedVersions } from '../../../server/src/flink/localClusterLayout';
import { writeState, type ClusterState } from '../../../server/src/flink/localClusterState';
import { defaultFlinkVersion, pinnedVersions } from '../../../server/src/flink/provision';

const V120 = pinnedVersions().find((v) => v.startsWith('1.20.'))!;

function deadState(workspaceDir: string, flinkVersion: string, root = clusterDirs(workspaceDir, flinkVersion).root): ClusterState {
  return {
    format: 1, status: 'running', flinkVersion, distHome: '/nowhere', workspaceDir, restUrl: 'http://127.0.0.1:9',
    gatewayUrl: 'http://127.0.0.1:9', startedAt: new Date().toISOString(), ownerPid: 999_999_999,
    processes: [{ role: 'jobmanager', pid: 999_999_998, mainClass: 'org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint', logFile: path.join(root, 'logs', 'jobmanager.log'), outFile: '/dev/null' }],
  };
}

describe('local cluster layout', () => {
  let ws: string;
  beforeEach(() => { ws = fs.mkdtempSync(path.join(os.tmpdir(), 'flink-layout-')); });
  afterEach(() => fs.rmSync(ws, { recursive: true, force: true }));

  it('gives each version its own directory under .flink/, the default version when none is named', () => {
    const a = clusterDirs(ws, defaultFlinkVersion());
    const b = clusterDirs(ws, V120);
    assert.equal(a.root, path.join(ws, '.flink', defaultFlinkVersion()));
    assert.equal(b.root, path.join(ws, '.flink', V120));
    assert.equal(b.stateFile, path.join(ws, '.flink', V120, 'cluster.json'));
    assert.deepEqual(clusterDirs(ws), a);
    assert.equal(localClusterFor(ws, '1.20').flinkVersion, V120);
    assert.deepEqual(localClusterFor(ws, '1.20').dirs(), b);
    assert.deepEqual(recordedVersions(ws), []);
  });

  it('finds a cluster recorded in the single-directory layout, stops it there, then moves its savepoints', async () => {
    const base = path.join(ws, '.flink');
    fs.mkdirSync(path.join(base, 'savepoints', 'savepoint-1'), { recursive: true });
    fs.mkdirSync(path.join(base, 'conf'), { recursive: true });
    writeState({ ...clusterDirs(ws, V120), root: base, stateFile: path.join(base, 'cluster.json') }, deadState(ws, LEGACY_LAYOUT_VERSION, base));
    writeState(clusterDirs(ws, V120), deadState(ws, V120));

    assert.equal(clusterDirs(ws, LEGACY_LAYOUT_VERSION).root, base);
    assert.equal(clusterDirs(ws, V120).root, path.join(base, V120));
    assert.deepEqual(recordedVersions(ws), [V120, LEGACY_LAYOUT_VERSION].sort());
    const statuses = await localClusters(ws);
    assert.deepEqual(statuses.map((s) => [s.info?.flinkVersion, s.stale]).sort(), [[V120, true], [LEGACY_LAYOUT_VERSION, true]].sort());

    migrateLegacyLayout(ws, LEGACY_LAYOUT_VERSION); // still recorded there: nothing moves
    assert.ok(fs.existsSync(path.join(base, 'savepoints', 'savepoint-1')));

    const legacy = localClusterFor(ws, LEGACY_LAYOUT_VERSION);
    assert.equal((await legacy.stop()).wasRunning, true);
    assert.ok(!fs.existsSync(path.join(base, 'cluster.json')));
    assert.equal(legacy.dirs().root, path.join(base, LEGACY_LAYOUT_VERSION));
    assert.deepEqual(recordedVersions(ws), [V120], 'the other version is untouched');

    migrateLegacyLayout(ws, LEGACY_LAYOUT_VERSION);
    assert.ok(fs.existsSync(path.join(legacy.dirs().savepoints, 'savepoint-1')));
    assert.ok(!fs.existsSync(path.join(base, 'savepoints')));
    assert.ok(!fs.existsSync(path.join(base, 'conf')));
    await localClusterFor(ws, V120).stop();
    assert.deepEqual(recordedVersions(ws), []);
  });
});
