// The version record asks git for HEAD and the draft's status in a repository the user may not trust: a
// .git/config that names a command (core.fsmonitor, reproduced by the security review) must not run it.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gitInfo } from '../../../server/src/deploy/git';

describe('git in an untrusted repository', () => {
  it('runs no command its .git/config names (core.fsmonitor, hooks), and still reads HEAD and status', async function () {
    if (spawnSync('git', ['--version']).status !== 0) this.skip();
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'fss-git-'));
    try {
      const run = (...args: string[]) => assert.equal(spawnSync('git', args, { cwd: repo, encoding: 'utf8' }).status, 0);
      run('init', '-q');
      fs.writeFileSync(path.join(repo, 'a.flink.sql'), 'SELECT 1;\n');
      run('-c', 'user.email=t@example.invalid', '-c', 'user.name=t', 'add', '.');
      run('-c', 'user.email=t@example.invalid', '-c', 'user.name=t', 'commit', '-qm', 'x');
      const marker = path.join(repo, 'PWNED');
      const script = path.join(repo, 'evil.sh');
      fs.writeFileSync(script, `#!/bin/sh\ntouch '${marker}'\n`, { mode: 0o755 });
      run('config', 'core.fsmonitor', script);
      fs.mkdirSync(path.join(repo, 'hooks'));
      run('config', 'core.hooksPath', path.join(repo, 'hooks'));
      const info = await gitInfo([path.join(repo, 'a.flink.sql')]);
      assert.match(info?.commit ?? '', /^[0-9a-f]{40}$/);
      assert.equal(info?.dirty, false);
      assert.equal(fs.existsSync(marker), false, 'the repository\'s core.fsmonitor command ran');
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });
});
