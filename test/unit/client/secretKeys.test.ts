// The auth header's secret is stored per gateway origin: a workspace that points flinkSql.gateway.url at another
// host gets no secret stored for a different one, and the one global secret of earlier versions goes to a new
// origin only after the user allowed it (the security review sent it to a capture server without a click).
import { strict as assert } from 'node:assert';
import { authSecretFor, authSecretKey, clearTextHosts, clearTextQuestion, gatewayOrigin, LEGACY_AUTH_SECRET_KEY, legacySecretQuestion, type SecretStore } from '../../../client/src/flink/secretKeys';

function memoryStore(initial: Record<string, string> = {}): SecretStore & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return { data, get: async (k) => data.get(k), store: async (k, v) => { data.set(k, v); } };
}

describe('auth secret keys per gateway origin', () => {
  it('derives the lowercased origin of an http(s) gateway URL, with its port, without path or credentials', () => {
    assert.equal(gatewayOrigin('https://Flink.Example.invalid:8443/v1/sessions?x=1'), 'https://flink.example.invalid:8443');
    assert.equal(gatewayOrigin('HTTP://127.0.0.1:8083'), 'http://127.0.0.1:8083');
    assert.equal(gatewayOrigin('https://flink.example.invalid:443/'), 'https://flink.example.invalid');
    assert.equal(gatewayOrigin('http://user:pw@gw.example.invalid:8083/'), 'http://gw.example.invalid:8083');
    assert.equal(gatewayOrigin('http://[::1]:8083'), 'http://[::1]:8083');
    for (const bad of [undefined, '', 'not a url', 'file:///etc/passwd', 'smb://gw.example.invalid/']) assert.equal(gatewayOrigin(bad), undefined, String(bad));
  });

  it('keys the secret by origin, distinct per scheme, host and port', () => {
    assert.equal(authSecretKey('https://gw.example.invalid:8443'), 'flinkSql.auth.headerValue:https://gw.example.invalid:8443');
    const keys = ['http://gw.example.invalid:8083', 'https://gw.example.invalid:8083', 'http://gw.example.invalid:8084', 'http://other.example.invalid:8083']
      .map(authSecretKey);
    assert.equal(new Set(keys).size, keys.length);
    assert.ok(!keys.includes(LEGACY_AUTH_SECRET_KEY));
  });

  it('sends an origin its own secret, never another origin\'s', async () => {
    const store = memoryStore({ [authSecretKey('https://a.example.invalid')]: 'secret-a' });
    let asked = 0;
    const ask = async () => { asked++; return true; };
    assert.equal(await authSecretFor(store, 'https://a.example.invalid', ask), 'secret-a');
    assert.equal(await authSecretFor(store, 'https://capture.example.invalid', ask), undefined);
    assert.equal(asked, 0, 'no legacy secret, nothing to ask');
  });

  it('the legacy global secret goes to a new origin only when the user allows it, and is then stored for that origin', async () => {
    const store = memoryStore({ [LEGACY_AUTH_SECRET_KEY]: 'old' });
    const origin = 'https://gw.example.invalid';
    assert.equal(await authSecretFor(store, origin), undefined, 'a background check never uses it');
    const questions: string[] = [];
    assert.equal(await authSecretFor(store, origin, async (o) => { questions.push(o); return false; }), undefined, 'Cancel sends nothing');
    assert.equal(store.data.has(authSecretKey(origin)), false);
    assert.equal(await authSecretFor(store, origin, async (o) => { questions.push(o); return true; }), 'old');
    assert.deepEqual(questions, [origin, origin]);
    assert.equal(store.data.get(authSecretKey(origin)), 'old');
    assert.equal(await authSecretFor(store, origin, async () => { throw new Error('asked again'); }), 'old', 'asked once per origin');
    assert.equal(await authSecretFor(store, 'https://other.example.invalid'), undefined, 'another origin still has none');
  });

  it('the question names the origin the header would go to', () => {
    assert.equal(legacySecretQuestion('https://gw.example.invalid'), 'Send the auth header you stored before to https://gw.example.invalid?');
  });

  it('asks before a credential goes over plain http to another machine, never for https or this machine', () => {
    assert.deepEqual(clearTextHosts(['http://gw.example.invalid:8083', 'http://jm.example.invalid:8081'], true), ['gw.example.invalid:8083', 'jm.example.invalid:8081']);
    assert.deepEqual(clearTextHosts(['https://gw.example.invalid', 'http://127.0.0.1:8083', 'http://localhost:8081', 'http://[::1]:1', undefined, 'nonsense'], true), []);
    assert.deepEqual(clearTextHosts(['http://gw.example.invalid:8083'], false), [], 'no credential, nothing to ask');
    assert.deepEqual(clearTextHosts(['http://u:p@gw.example.invalid:8083', 'http://jm.example.invalid:8081'], false), ['gw.example.invalid:8083'], 'userinfo is a credential');
    assert.deepEqual(clearTextHosts(['http://GW.example.invalid:8083/', 'http://gw.example.invalid:8083/v1'], true), ['gw.example.invalid:8083']);
    assert.equal(clearTextQuestion(['gw.example.invalid:8083']), 'Send your Flink credentials unencrypted (plain http) to gw.example.invalid:8083?');
  });
});
