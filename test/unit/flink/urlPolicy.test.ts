// URLs from files the workspace ships are contacted or opened only when they are http(s) on this machine or on a
// host the user configured (the security review opened an smb:// URL from a crafted .flink record).
import * as assert from 'node:assert/strict';
import { hostsOf, isLoopbackHost, isLoopbackHttpUrl, isOpenableUrl, openableUrl } from '../../../server/src/flink/urlPolicy';

describe('URL policy for values from .flink/ files', () => {
  it('knows loopback hosts', () => {
    for (const h of ['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]']) assert.equal(isLoopbackHost(h), true, h);
    for (const h of ['10.0.0.1', '0.0.0.0', 'example.invalid', '127.0.0.1.example.invalid']) assert.equal(isLoopbackHost(h), false, h);
  });

  it('a local cluster\'s URL must be http(s) on loopback, without credentials', () => {
    assert.equal(isLoopbackHttpUrl('http://127.0.0.1:8081'), true);
    assert.equal(isLoopbackHttpUrl('http://[::1]:8081'), true);
    assert.equal(isLoopbackHttpUrl('http://10.1.2.3:8081'), false);
    assert.equal(isLoopbackHttpUrl('smb://127.0.0.1/share'), false);
    assert.equal(isLoopbackHttpUrl('http://u:p@127.0.0.1:8081'), false);
    assert.equal(isLoopbackHttpUrl('not a url'), false);
  });

  it('opens http(s) on loopback or a configured host only, saying why not', () => {
    const remote = { localOnly: false, trustedHosts: hostsOf(['https://flink.corp.example.invalid:8443', undefined, '', 'not a url']) };
    assert.deepEqual(openableUrl('http://127.0.0.1:8081', remote), { ok: true });
    const smb = openableUrl('smb://attacker.example.invalid/share', remote);
    assert.equal(smb.ok, false);
    assert.match((smb as { reason: string }).reason, /scheme is smb/);
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'vscode://some.extension/x', 'command:workbench.action.terminal.new']) {
      assert.equal(isOpenableUrl(bad, remote), false, bad);
      assert.equal(isOpenableUrl(bad, { localOnly: true }), false, bad);
    }
    assert.match((openableUrl('https://attacker.example.invalid/', remote) as { reason: string }).reason,
      /host attacker\.example\.invalid is neither this machine nor a Flink you configured/);
    assert.equal(isOpenableUrl('https://flink.corp.example.invalid:8443/#/overview', remote), true);
  });

  it('for the local target, opens loopback URLs only, even on a host the settings name', () => {
    const local = { localOnly: true, trustedHosts: ['flink.corp.example.invalid'] };
    for (const ok of ['http://127.0.0.1:8081/#/job/running/abc/overview', 'http://localhost:8081', 'https://[::1]:8081/', 'http://127.5.6.7:1/']) {
      assert.equal(isOpenableUrl(ok, local), true, ok);
    }
    for (const bad of ['http://10.0.0.5:8081', 'http://flink.corp.example.invalid:8081', 'http://127.0.0.1.attacker.example.invalid/', 'http://0.0.0.0:8081']) {
      assert.equal(isOpenableUrl(bad, local), false, bad);
    }
    assert.match((openableUrl('http://10.0.0.5:8081', local) as { reason: string }).reason, /host 10\.0\.0\.5 is not this machine/);
  });
});
