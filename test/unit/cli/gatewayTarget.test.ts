// Which gateway a CLI command uses: --gateway, $FLINK_SQL_GATEWAY (+ $FLINK_SQL_REST, $FLINK_SQL_GATEWAY_HEADER),
// else the workspace's local cluster — with the "no local Flink" message when there is none.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NO_LOCAL_FLINK, resolveGatewayTarget } from '../../../server/src/cli/gatewayTarget';

/** The target without its secret resolver (checked on its own below). */
async function plainTarget(...args: Parameters<typeof resolveGatewayTarget>) {
  const t = await resolveGatewayTarget(...args);
  if ('error' in t) return t;
  const { secrets: _s, secretHints: _h, ...rest } = t;
  return rest;
}

describe('CLI gateway target', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'flink-sql-target-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prefers --gateway, and takes the REST URL and an auth header from the environment', async () => {
    const env = { FLINK_SQL_GATEWAY: 'http://env:8083', FLINK_SQL_REST: 'http://env:8081', FLINK_SQL_GATEWAY_HEADER: 'Authorization: Bearer abc:def' };
    assert.deepEqual(await plainTarget('http://flag:8083', dir, env),
      { gatewayUrl: 'http://flag:8083', restUrl: 'http://env:8081', headers: { Authorization: 'Bearer abc:def' } });
    assert.deepEqual(await plainTarget(undefined, dir, env),
      { gatewayUrl: 'http://env:8083', restUrl: 'http://env:8081', headers: { Authorization: 'Bearer abc:def' } });
  });

  it('ignores a header variable without a name', async () => {
    assert.deepEqual(await plainTarget(undefined, dir, { FLINK_SQL_GATEWAY: 'http://env:8083', FLINK_SQL_GATEWAY_HEADER: ': x' }),
      { gatewayUrl: 'http://env:8083', restUrl: undefined });
  });

  it('resolves ${env:NAME} and ${secret:NAME} (from FLINK_SQL_SECRET_NAME) from the environment', async () => {
    const t = await resolveGatewayTarget('http://flag:8083', dir, { ROWS: '7', FLINK_SQL_SECRET_PG: 'pw' });
    assert.ok(!('error' in t) && t.secrets);
    assert.equal(await t.secrets('env', 'ROWS'), '7');
    assert.equal(await t.secrets('secret', 'PG'), 'pw');
    assert.equal(await t.secrets('secret', 'ROWS'), undefined);
  });

  it('says how to start a local cluster when none runs in the workspace', async () => {
    const r = await resolveGatewayTarget(undefined, dir, {});
    assert.ok('error' in r && r.error.startsWith(NO_LOCAL_FLINK), JSON.stringify(r));
  });
});
