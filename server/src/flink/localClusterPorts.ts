// Port selection for the local cluster: free loopback ports chosen at start (so several workspaces and
// test runs can each have a cluster), and a clear "port busy" check when the user fixes a port.
import * as net from 'node:net';
import { BIND_HOST, type ClusterPorts } from './flinkConfig';

export class PortBusyError extends Error {
  constructor(readonly port: number, what: string) {
    super(`Port ${port} (${what}) is already in use on ${BIND_HOST}: stop whatever listens there or choose another port.`);
    this.name = 'PortBusyError';
  }
}

/** Asks the OS for a free port by binding port 0. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, BIND_HOST, () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, BIND_HOST, () => srv.close(() => resolve(true)));
  });
}

/** Uses the requested ports (checked) and picks distinct free ones for the rest. */
export async function choosePorts(requested: Partial<ClusterPorts> = {}): Promise<ClusterPorts> {
  const names: Record<keyof ClusterPorts, string> = { rest: 'JobManager REST', gateway: 'SQL Gateway', jobmanagerRpc: 'JobManager RPC' };
  const taken = new Set<number>();
  const result: Partial<ClusterPorts> = {};
  for (const key of Object.keys(names) as (keyof ClusterPorts)[]) {
    const want = requested[key];
    if (want) {
      if (!(await portFree(want))) throw new PortBusyError(want, names[key]);
      result[key] = want;
    } else {
      let p = await freePort();
      while (taken.has(p)) p = await freePort();
      result[key] = p;
    }
    taken.add(result[key]!);
  }
  return result as ClusterPorts;
}
