// The auth header crosses the LSP connection sealed (security review, issue 17 §3: `flinkSql.trace.server: verbose`
// logged it in clear): the traced params hold ciphertext only, the key travels in the server's environment and no
// child of the server inherits it.
import { strict as assert } from 'node:assert';
import type { Connection } from 'vscode-languageserver';
import { FlinkConnections } from '../../../server/src/lsp/flinkConnection';
import { adoptSealKey, newSealKey, seal, SEAL_KEY_ENV, unseal } from '../../../server/src/util/sealed';

describe('sealed auth header', () => {
  it('round-trips under its key, and opens under no other or after tampering', () => {
    const key = newSealKey();
    const sealed = seal(key, 'Bearer s3cret');
    assert.ok(!sealed.includes('s3cret') && !sealed.includes(Buffer.from('Bearer s3cret').toString('base64')));
    assert.equal(unseal(key, sealed), 'Bearer s3cret');
    assert.notEqual(seal(key, 'Bearer s3cret'), sealed, 'a fresh IV per seal');
    assert.equal(unseal(newSealKey(), sealed), undefined);
    assert.equal(unseal(undefined, sealed), undefined);
    const parts = sealed.split('.');
    parts[2] = Buffer.from('x'.repeat(13)).toString('base64url');
    assert.equal(unseal(key, parts.join('.')), undefined);
    assert.equal(unseal(key, 'Bearer s3cret'), undefined);
    assert.throws(() => seal('short', 'x'), new RegExp(SEAL_KEY_ENV));
  });

  it('the server takes its key from the environment and leaves none there for its children', () => {
    const env: NodeJS.ProcessEnv = { [SEAL_KEY_ENV]: newSealKey(), PATH: '/usr/bin' };
    adoptSealKey(env);
    assert.deepEqual(env, { PATH: '/usr/bin' });
  });

  it('the language server opens a sealed header for the gateway, and refuses one it cannot open', async () => {
    const key = newSealKey();
    adoptSealKey({ [SEAL_KEY_ENV]: key });
    const connections = new FlinkConnections({} as Connection);
    const params = {
      target: 'remote' as const, gatewayUrl: 'https://gw.example:8083',
      sealedAuthHeader: seal(key, JSON.stringify({ name: 'Authorization', value: 'Bearer s3cret' })),
    };
    // What `flinkSql.trace.server: verbose` writes: the params as JSON.
    assert.ok(!JSON.stringify(params).includes('s3cret'));
    assert.deepEqual((await connections.resolve(params)).headers, { Authorization: 'Bearer s3cret' });
    // Sealed wins over a clear one; a seal for another process is an error, never "no header".
    const both = await connections.resolve({ ...params, authHeader: { name: 'Authorization', value: 'other' } });
    assert.deepEqual(both.headers, { Authorization: 'Bearer s3cret' });
    const foreign = { ...params, sealedAuthHeader: seal(newSealKey(), JSON.stringify({ name: 'Authorization', value: 'x' })) };
    await assert.rejects(connections.resolve(foreign), /could not be read/);
    await assert.rejects(connections.resolve({ ...params, sealedAuthHeader: seal(key, '"just a string"') }), /could not be read/);
  });
});
