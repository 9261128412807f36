// Port choice for the local cluster: chosen ports sit below the OS's ephemeral range (so the cluster's own
// ephemeral sockets cannot take them before the JobManager binds), are distinct, and requested ones are checked.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as net from 'node:net';
import { choosePorts, PortBusyError, PortUnusableError, stablePort } from '../../../server/src/flink/localClusterPorts';

const ephemeralLow = (() => {
  try { return Number(fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]); } catch { return undefined; }
})();

describe('local cluster ports', () => {
  it('picks distinct free ports below the ephemeral range', async function () {
    if (ephemeralLow === undefined) this.skip(); // only Linux says where the ephemeral range starts
    for (let i = 0; i < 5; i++) {
      const ports = await choosePorts();
      const all = [ports.rest, ports.gateway, ports.jobmanagerRpc];
      assert.equal(new Set(all).size, 3, JSON.stringify(ports));
      for (const p of all) assert.ok(p >= 20_000 && p < ephemeralLow!, `${p} not in [20000, ${ephemeralLow})`);
    }
  });

  it('never returns a port it was told is taken', async () => {
    const first = await stablePort();
    for (let i = 0; i < 20; i++) assert.notEqual(await stablePort(new Set([first])), first);
  });

  it('refuses a requested port that is busy or that HTTP clients block', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const busy = (blocker.address() as net.AddressInfo).port;
    try {
      await assert.rejects(choosePorts({ rest: busy }), PortBusyError);
      await assert.rejects(choosePorts({ gateway: 6000 }), PortUnusableError);
    } finally {
      blocker.close();
    }
  });
});
