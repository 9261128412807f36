// How a draft becomes one job (setup statements, one INSERT or a statement set), which keys a session
// cluster honours, transient submission failures, and the restore choice per strategy.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GatewayError } from '../../../server/src/flink/flinkErrors';
import { chooseRestore, localPath } from '../../../server/src/deploy/restore';
import { isTransientSubmitError, sessionKeys } from '../../../server/src/deploy/sessionSubmit';
import { planStatements, setStatement } from '../../../server/src/deploy/statementPlan';
import type { DeploymentRecord, DeploymentVersion } from '../../../server/src/deploy/store';

const SEED = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'examples', 'datagen-to-blackhole.flink.sql'), 'utf8');

describe('publish plan', () => {
  it('keeps the seed sample\'s DDL as setup and its INSERT as the job', () => {
    const p = planStatements(SEED);
    assert.equal(p.setup.length, 2);
    assert.match(p.setup[0], /^CREATE TEMPORARY TABLE datagen_source/);
    assert.match(p.job, /^INSERT INTO blackhole_sink/);
    assert.ok(!p.job.endsWith(';'));
  });

  it('turns several INSERTs into one statement set', () => {
    const p = planStatements(`${SEED}\nINSERT INTO blackhole_sink SELECT UPPER(name) FROM datagen_source;`);
    assert.match(p.job, /^EXECUTE STATEMENT SET\nBEGIN\nINSERT INTO blackhole_sink\nSELECT[\s\S]*;\nINSERT INTO blackhole_sink SELECT UPPER\(name\) FROM datagen_source;\nEND$/);
  });

  it('refuses a draft without INSERT, and a SELECT', () => {
    assert.throws(() => planStatements('CREATE TABLE t (a INT) WITH (\'connector\' = \'datagen\');'), /no INSERT/);
    assert.throws(() => planStatements(`${SEED}\nSELECT * FROM datagen_source;`), /line 16: a published deployment runs INSERTs/);
  });

  it('quotes SET values', () => {
    assert.equal(setStatement('pipeline.name', "o'brien"), "SET 'pipeline.name' = 'o''brien'");
  });

  it('reports cluster-level keys as not honoured by a session cluster', () => {
    const { honoured, notHonoured } = sessionKeys({ 'parallelism.default': '2', 'taskmanager.memory.process.size': '2g', 'restart-strategy.type': 'none' });
    assert.deepEqual(Object.keys(honoured), ['parallelism.default', 'restart-strategy.type']);
    assert.deepEqual(notHonoured.map((n) => n.parameter), ['flinkConfiguration taskmanager.memory.process.size']);
  });

  it('retries only transient submission failures', () => {
    assert.equal(isTransientSubmitError(new GatewayError('unreachable', 'refused', { code: 'ECONNREFUSED' })), true);
    assert.equal(isTransientSubmitError(new GatewayError('http', 'bad gateway', { status: 502 })), true);
    assert.equal(isTransientSubmitError(new GatewayError('flink', 'x', { serverTrace: 'org.apache.flink.table.api.ValidationException: SQL validation failed' })), false);
    assert.equal(isTransientSubmitError(new GatewayError('flink', 'x', { serverTrace: 'Caused by: org.apache.flink.runtime.client.JobSubmissionException: Failed to submit job.' })), true);
  });
});

describe('restore choice', () => {
  let dir: string;
  const snapshot = (name: string, at: number) => {
    const p = path.join(dir, name);
    fs.mkdirSync(p, { recursive: true });
    fs.writeFileSync(path.join(p, '_metadata'), '');
    fs.utimesSync(path.join(p, '_metadata'), at / 1000, at / 1000);
    return p;
  };
  const rec = (savepoints: DeploymentRecord['savepoints']): DeploymentRecord => ({ format: 1, name: 'd', currentVersion: 1, latestVersion: 1, savepoints, updatedAt: '' });
  const v1 = { version: 1, jobId: 'a'.repeat(32) } as DeploymentVersion;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'restore-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('latest-savepoint takes the newest savepoint that still exists', async () => {
    const old = snapshot('sp-old', 1000);
    const gone = path.join(dir, 'sp-gone');
    const c = await chooseRestore('latest-savepoint', rec([
      { path: `file:${old}`, jobId: 'j', version: 1, at: 1000, how: 'trigger' },
      { path: `file:${gone}`, jobId: 'j', version: 1, at: 2000, how: 'stop' },
    ]), []);
    assert.equal(c.from?.path, `file:${old}`);
  });

  it('latest-state takes a retained checkpoint newer than the savepoint, found on disk', async () => {
    const sp = snapshot('sp', 1000);
    snapshot(path.join('checkpoints', v1.jobId!, 'chk-7'), 5000);
    const c = await chooseRestore('latest-state', rec([{ path: `file:${sp}`, jobId: 'j', version: 1, at: 1000, how: 'trigger' }]),
      [{ version: v1, retention: 'RETAIN_ON_CANCELLATION', checkpointDir: `file://${path.join(dir, 'checkpoints')}` }]);
    assert.equal(c.from?.kind, 'checkpoint');
    assert.equal(localPath(c.from!.path), path.join(dir, 'checkpoints', v1.jobId!, 'chk-7'));
  });

  it('latest-state says so when checkpoint retention is off', async () => {
    const c = await chooseRestore('latest-state', rec([]), [{ version: v1, retention: 'NO_EXTERNALIZED_CHECKPOINTS' }]);
    assert.equal(c.from, undefined);
    assert.match(c.note!, /kept no checkpoints.*checkpointing\.retention: always/);
  });

  it('none starts fresh', async () => {
    const sp = snapshot('sp', 1000);
    const c = await chooseRestore('none', rec([{ path: sp, jobId: 'j', version: 1, at: 1000, how: 'trigger' }]), []);
    assert.equal(c.from, undefined);
  });
});
