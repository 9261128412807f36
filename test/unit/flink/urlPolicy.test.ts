// URLs from files the workspace ships are contacted or opened only when they are http(s) on this machine or on a
// host the user configured (the security review opened an smb:// URL from a crafted .flink record).
import * as assert from 'node:assert/strict';
import { hostsOf, isLoopbackHost, isLoopbackHttpUrl, openableUrl } from '../../../server/src/flink/urlPolicy';

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
    assert.deepEqual(openableUrl('http://127.0.0.1:8081'), { ok: true });
    const smb = openableUrl('smb://attacker.example.invalid/share');
    assert.equal(smb.ok, false);
    assert.match((smb as { reason: string }).reason, /scheme is smb/);
    assert.match((openableUrl('https://attacker.example.invalid/') as { reason: string }).reason, /neither this machine nor a Flink you configured/);
    assert.deepEqual(openableUrl('https://flink.corp.example.invalid:8443/', hostsOf(['https://flink.corp.example.invalid:8443', undefined, ''])), { ok: true });
  });
});
