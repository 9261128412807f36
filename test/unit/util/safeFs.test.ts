// Writes and deletions under the workspace never follow a symlink it ships: the security review wrote attacker lines
// into ~/.bashrc through a planted <name>.k8s.yaml link, and lost conf/, logs/ and tmp/ of the folder a symlinked
// .flink pointed to.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { clusterDirs } from '../../../server/src/flink/localClusterLayout';
import { writeClusterConfig } from '../../../server/src/flink/flinkConfig';
import { migrateLegacyLayout, LEGACY_LAYOUT_VERSION } from '../../../server/src/flink/localClusterLayout';
import { readState } from '../../../server/src/flink/localClusterState';
import { mkdirSafe, rmSafe, UnsafePathError, writeFileSafe } from '../../../server/src/util/safeFs';

describe('safe writes under the workspace', () => {
  let ws: string; let outside: string;
  beforeEach(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'fss-ws-'));
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'fss-outside-'));
  });
  afterEach(() => { for (const d of [ws, outside]) fs.rmSync(d, { recursive: true, force: true }); });

  it('replaces a symlink at the target instead of writing through it', () => {
    const victim = path.join(outside, '.bashrc');
    fs.writeFileSync(victim, 'original\n');
    fs.symlinkSync(victim, path.join(ws, 'job.k8s.yaml'));
    writeFileSafe(ws, path.join(ws, 'job.k8s.yaml'), 'manifest\n');
    assert.equal(fs.readFileSync(victim, 'utf8'), 'original\n');
    assert.equal(fs.lstatSync(path.join(ws, 'job.k8s.yaml')).isSymbolicLink(), false);
    assert.equal(fs.readFileSync(path.join(ws, 'job.k8s.yaml'), 'utf8'), 'manifest\n');
    assert.deepEqual(fs.readdirSync(ws).filter((f) => f.endsWith('.tmp')), [], 'no temp file left');
  });

  it('refuses a symlinked folder on the way, and anything outside the root', () => {
    fs.symlinkSync(outside, path.join(ws, '.flink'));
    assert.throws(() => writeFileSafe(ws, path.join(ws, '.flink', 'deployments', 'x.json'), '{}'), UnsafePathError);
    assert.throws(() => mkdirSafe(ws, path.join(ws, '.flink', 'a')), UnsafePathError);
    assert.throws(() => writeFileSafe(ws, path.join(outside, 'x'), 'x'), UnsafePathError);
    assert.throws(() => writeFileSafe(ws, path.join(ws, '..', path.basename(outside), 'x'), 'x'), UnsafePathError);
    writeFileSafe(ws, path.join(ws, '..cache', 'x'), 'x');
    assert.equal(fs.readFileSync(path.join(ws, '..cache', 'x'), 'utf8'), 'x', 'a name starting with two dots is inside');
    assert.deepEqual(fs.readdirSync(outside), []);
  });

  it('rmSafe unlinks a symlink and refuses to delete through a symlinked folder', () => {
    fs.mkdirSync(path.join(outside, 'conf'));
    fs.writeFileSync(path.join(outside, 'conf', 'keep'), 'x');
    fs.symlinkSync(path.join(outside, 'conf'), path.join(ws, 'conf'));
    rmSafe(ws, path.join(ws, 'conf'));
    assert.equal(fs.existsSync(path.join(outside, 'conf', 'keep')), true);
    fs.symlinkSync(outside, path.join(ws, '.flink'));
    assert.throws(() => rmSafe(ws, path.join(ws, '.flink', 'conf')), UnsafePathError);
    assert.equal(fs.existsSync(path.join(outside, 'conf', 'keep')), true);
  });

  it('a symlinked .flink steers no layout migration, config write or state read outside the workspace', () => {
    for (const d of ['conf', 'logs', 'tmp']) {
      fs.mkdirSync(path.join(outside, d));
      fs.writeFileSync(path.join(outside, d, 'precious'), d);
    }
    fs.symlinkSync(outside, path.join(ws, '.flink'));
    assert.throws(() => migrateLegacyLayout(ws, LEGACY_LAYOUT_VERSION), UnsafePathError);
    assert.throws(() => writeClusterConfig({ dirs: clusterDirs(ws, '2.3.0'), flinkVersion: '2.3.0', ports: {} } as unknown as Parameters<typeof writeClusterConfig>[0]), UnsafePathError);
    for (const d of ['conf', 'logs', 'tmp']) assert.equal(fs.readFileSync(path.join(outside, d, 'precious'), 'utf8'), d);
    assert.deepEqual(fs.readdirSync(outside).sort(), ['conf', 'logs', 'tmp']);
  });

  it('a state file that is a symlink to /dev/zero reads as absent, at once', () => {
    const dirs = clusterDirs(ws, '2.3.0');
    fs.mkdirSync(dirs.root, { recursive: true });
    fs.symlinkSync('/dev/zero', dirs.stateFile);
    assert.equal(readState(dirs), undefined);
  });
});
