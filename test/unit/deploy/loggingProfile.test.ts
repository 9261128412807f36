// logging.profile names a log4j2 template the deployment copies into its cluster's conf/, the Kubernetes ConfigMap
// and its records: only a regular file of the workspace, at most 1 MB, is read (the review copied ~/.aws/credentials).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MAX_PROFILE_BYTES, readLoggingProfile, workspaceOfStateDir } from '../../../server/src/deploy/loggingProfile';

describe('logging profile', () => {
  let ws: string; let outside: string;
  beforeEach(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'profile-ws-'));
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'profile-outside-'));
    fs.mkdirSync(path.join(ws, 'deploy'));
    fs.writeFileSync(path.join(ws, 'log4j2.properties'), 'appender.console.type = Console\n');
    fs.writeFileSync(path.join(outside, 'credentials'), 'aws_secret_access_key = SECRET\n');
  });
  afterEach(() => { for (const d of [ws, outside]) fs.rmSync(d, { recursive: true, force: true }); });
  const read = (p: string) => readLoggingProfile(p, path.join(ws, 'deploy'), ws);

  it('reads a regular file of the workspace, relative to the config\'s folder', () => {
    assert.equal(read('../log4j2.properties'), 'appender.console.type = Console\n');
    fs.symlinkSync(path.join(ws, 'log4j2.properties'), path.join(ws, 'deploy', 'link.properties'));
    assert.equal(read('link.properties'), 'appender.console.type = Console\n', 'a symlink inside the workspace is fine');
  });

  it('refuses an absolute path outside the workspace, a ../ escape and a symlink pointing outside', function () {
    if (process.platform === 'win32') this.skip();
    fs.symlinkSync(path.join(outside, 'credentials'), path.join(ws, 'deploy', 'log4j.properties'));
    fs.symlinkSync(outside, path.join(ws, 'logs'));
    for (const p of ['/etc/passwd', path.relative(path.join(ws, 'deploy'), path.join(outside, 'credentials')), 'log4j.properties', '../logs/credentials']) {
      assert.throws(() => read(p), (e: Error) => /outside the workspace/.test(e.message) && !e.message.includes('SECRET'), p);
    }
  });

  it('refuses what is not a regular file, a file over 1 MB and a missing one, saying why', function () {
    if (process.platform === 'win32') this.skip();
    fs.mkdirSync(path.join(ws, 'dir'));
    assert.throws(() => read('../dir'), /logging\.profile "\.\.\/dir": .*it is a directory/);
    execFileSync('mkfifo', [path.join(ws, 'fifo')]);
    assert.throws(() => read('../fifo'), /FIFO/);
    fs.writeFileSync(path.join(ws, 'big.properties'), Buffer.alloc(MAX_PROFILE_BYTES + 1, 0x61));
    assert.throws(() => read('../big.properties'), /more than the 1 MB/);
    assert.throws(() => read('missing.properties'), /logging\.profile "missing\.properties": cannot read .*no such file/);
  });

  it('finds the workspace of a per-job cluster\'s folder under .flink/', () => {
    assert.equal(workspaceOfStateDir(path.join(ws, '.flink', 'deployments', 'orders', 'versions', '3', 'cluster')), ws);
    assert.equal(workspaceOfStateDir(path.join(ws, 'elsewhere')), undefined);
  });
});
