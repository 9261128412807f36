// A deployment config cannot take a local cluster off loopback: `rest.bind-address: 0.0.0.0` would open an
// unauthenticated job-submission API to the network. The addresses stay 127.0.0.1 and the publish says so.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { localPerJobConfig } from '../../../server/src/deploy/perJobCluster';
import { BIND_HOST, clusterConfig, clusterDirs } from '../../../server/src/flink/flinkConfig';

const ADDRESSES = ['rest.bind-address', 'rest.address', 'jobmanager.bind-host', 'taskmanager.bind-host', 'taskmanager.host', 'jobmanager.rpc.address'];

describe('local clusters stay on loopback', () => {
  it('a per-job cluster reports every address key as not honoured and keeps the others', () => {
    const config = { ...Object.fromEntries(ADDRESSES.map((k) => [k, '0.0.0.0'])), 'state.backend.type': 'rocksdb' };
    const { extra, notHonoured } = localPerJobConfig(config);
    assert.deepEqual(notHonoured.map((n) => n.parameter).sort(), ADDRESSES.map((k) => `flinkConfiguration ${k}`).sort());
    for (const n of notHonoured) assert.match(n.reason, /local clusters stay on loopback/);
    for (const k of ADDRESSES) assert.equal(extra[k], undefined, k);
    assert.equal(extra['state.backend.type'], 'rocksdb');
  });

  it('the generated config binds 127.0.0.1 whatever the extra options say', () => {
    for (const version of ['2.3.0', '1.20.3']) {
      const dirs = clusterDirs(path.join('/tmp', 'ws', '.flink'), version);
      const config = clusterConfig({ dirs, flinkVersion: version, ports: { rest: 1, gateway: 2, jobmanagerRpc: 3 },
        extra: Object.fromEntries(ADDRESSES.map((k) => [k, '0.0.0.0'])) });
      for (const k of ADDRESSES) assert.equal(config[k], BIND_HOST, `${version} ${k}`);
      assert.ok(!Object.values(config).includes('0.0.0.0'), version);
    }
  });
});
