// Deployment records: atomic writes, corrupted records reported (never dropped), publishes serialized by the lock.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deploymentStatuses } from '../../../server/src/deploy/manage';
import { withLock } from '../../../server/src/deploy/lock';
import { checkDeploymentName, CorruptRecordError, DeploymentStore, type DeploymentVersion } from '../../../server/src/deploy/store';

function version(n: number, patch: Partial<DeploymentVersion> = {}): DeploymentVersion {
  return {
    format: 1, deployment: 'orders', version: n, createdAt: new Date().toISOString(), draft: 'orders.flink.sql', target: 'session',
    flinkVersion: '2.3', restoreStrategy: 'latest-state', status: 'running', attempts: [], notHonoured: [], ...patch,
  };
}

describe('deployment store', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-store-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes versions with their SQL, config and resolved configuration, and numbers them', async () => {
    const store = new DeploymentStore(dir);
    store.write({ format: 1, name: 'orders', currentVersion: 1, latestVersion: 1, savepoints: [], updatedAt: '' });
    const f = store.createVersion(version(1), 'INSERT INTO a SELECT 1;', 'name: orders\n', { flinkConfiguration: { 'parallelism.default': '2' } });
    assert.equal(fs.readFileSync(f.sql, 'utf8'), 'INSERT INTO a SELECT 1;');
    assert.deepEqual(JSON.parse(fs.readFileSync(f.resolved, 'utf8')), { flinkConfiguration: { 'parallelism.default': '2' } });
    assert.equal(store.version('orders', 1).status, 'running');
    assert.equal(store.nextVersion('orders'), 2);
    assert.deepEqual(fs.readdirSync(f.dir).filter((x) => x.endsWith('.tmp')), [], 'no temp files left');
    await store.updateVersion('orders', 1, { status: 'stopped' });
    assert.equal(store.version('orders', 1).status, 'stopped');
  });

  it('reports a corrupted record with its file instead of dropping it', async () => {
    const store = new DeploymentStore(dir);
    store.write({ format: 1, name: 'orders', currentVersion: 1, latestVersion: 1, savepoints: [], updatedAt: '' });
    store.createVersion(version(1), 'x', 'y', {});
    fs.writeFileSync(store.files('orders', 1).meta, '{ "format": 1, "deployment": ');
    assert.throws(() => store.version('orders', 1), (e: unknown) => e instanceof CorruptRecordError && /version\.json is corrupted \(not JSON/.test(e.message));
    fs.mkdirSync(store.dirOf('broken'));
    fs.writeFileSync(path.join(store.dirOf('broken'), 'deployment.json'), '{"format":1,"name":"broken"}');
    const list = await deploymentStatuses(dir, async () => undefined);
    assert.deepEqual(list.map((d) => [d.deployment, d.state]), [['broken', 'CORRUPT'], ['orders', 'CORRUPT']]);
    assert.match(list[0].error!, /deployment\.json is corrupted \(currentVersion: /);
  });

  it('reports an interrupted version write (a folder without version.json)', () => {
    const store = new DeploymentStore(dir);
    fs.mkdirSync(store.files('orders', 3).dir, { recursive: true });
    assert.throws(() => store.version('orders', 3), /no version\.json/);
    assert.equal(store.nextVersion('orders'), 4, 'the number is not reused');
  });

  it('refuses names that are not folder names', () => {
    assert.equal(checkDeploymentName('orders-v2.final'), 'orders-v2.final');
    for (const bad of ['../x', 'a/b', '', '.hidden']) assert.throws(() => checkDeploymentName(bad), /cannot name a deployment/);
  });

  it('serializes two publishes of one deployment', async () => {
    const events: string[] = [];
    const run = (id: string) => withLock(dir, async () => {
      events.push(`${id} in`);
      await new Promise((r) => setTimeout(r, 50));
      events.push(`${id} out`);
    });
    await Promise.all([run('a'), run('b')]);
    assert.deepEqual(events, ['a in', 'a out', 'b in', 'b out']);
    assert.equal(fs.existsSync(path.join(dir, '.publish.lock')), false);
  });

  // A crashed owner's lock, and a lock left half made: lock.test.ts.
});
