// The editor's side of secrets: the store under SecretStorage (names indexed, values per key), the server's
// resolver (a sealed answer from the client, `${env:…}` from its environment) and the deployment config's warnings.
import { strict as assert } from 'node:assert';
import type { Connection } from 'vscode-languageserver';
import { deleteSecret, literalTextValue, secretKey, secretNamesOf, secretValue, setSecret, type SecretStore } from '../../../client/src/secrets/secretStore';
import { parseDeployment } from '../../../server/src/deployment';
import { clientSecretResolver } from '../../../server/src/lsp/secretHandlers';
import { SecretValueRequest } from '../../../server/src/protocol';
import { adoptSealKey, newSealKey, seal } from '../../../server/src/util/sealed';

function memoryStore(): SecretStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get: async (k) => data.get(k),
    store: async (k, v) => { data.set(k, v); },
    delete: async (k) => { data.delete(k); },
  };
}

describe('secrets in the editor', () => {
  it('stores values per name under the prefix and lists names only', async () => {
    const s = memoryStore();
    await setSecret(s, 'PG_PASSWORD', 'pw1');
    await setSecret(s, 'KAFKA_PASSWORD', 'pw2');
    assert.deepEqual(await secretNamesOf(s), ['KAFKA_PASSWORD', 'PG_PASSWORD']);
    assert.equal(s.data.get(secretKey('PG_PASSWORD')), 'pw1');
    assert.equal(await secretValue(s, 'PG_PASSWORD'), 'pw1');
    await deleteSecret(s, 'PG_PASSWORD');
    assert.deepEqual(await secretNamesOf(s), ['KAFKA_PASSWORD']);
    assert.equal(await secretValue(s, 'PG_PASSWORD'), undefined);
    await assert.rejects(setSecret(s, 'bad name', 'x'), /cannot name a secret/);
    assert.equal(literalTextValue("it''s"), "it's");
  });

  it('the server resolves ${secret:…} from the client\'s sealed answer and ${env:…} from its environment', async () => {
    const key = newSealKey();
    adoptSealKey({ FLINK_SQL_SEAL_KEY: key });
    const asked: unknown[] = [];
    const connection = {
      sendRequest: async (type: unknown, params: { name: string }) => {
        assert.equal(type, SecretValueRequest);
        asked.push(params);
        return params.name === 'PG' ? { sealed: seal(key, 'pg-pw') } : {};
      },
    } as unknown as Connection;
    const resolve = clientSecretResolver(connection, { ROWS: '5', FLINK_SQL_SECRET_OTHER: 'from-env' });
    assert.equal(await resolve('secret', 'PG'), 'pg-pw');
    assert.equal(await resolve('env', 'ROWS'), '5');
    assert.equal(await resolve('secret', 'OTHER'), 'from-env', 'an editor that does not answer: the environment');
    assert.equal(await resolve('secret', 'MISSING'), undefined);
    assert.deepEqual(asked, [{ name: 'PG' }, { name: 'OTHER' }, { name: 'MISSING' }]);
  });

  it('the deployment config warns about a literal credential and an unknown secret in flinkConfiguration', () => {
    const text = `name: orders
type: SQL
target: per-job
flinkConfiguration:
  s3.secret-key: AKIAplain
  s3.access-key: \${secret:S3_ACCESS}
  fs.s3a.secret.key: \${secret:S3_SECRET}
`;
    const plain = parseDeployment(text).diagnostics.filter((d) => d.code === 'literal-credential' || d.code === 'unknown-secret');
    assert.deepEqual(plain.map((d) => [d.code, d.range.start.line]), [['literal-credential', 4]]);
    const known = parseDeployment(text, { secretNames: ['S3_ACCESS'] }).diagnostics.filter((d) => d.code === 'unknown-secret');
    assert.equal(known.length, 1);
    assert.match(String(known[0].message), /S3_SECRET/);
    assert.equal(known[0].range.start.line, 6);
  });
});
