// Port selection for the local cluster: free loopback ports chosen at start (so several workspaces and
// test runs can each have a cluster), and a clear "port busy" check when the user fixes a port.
import * as fs from 'node:fs';
import * as net from 'node:net';
import { BIND_HOST, type ClusterPorts } from './flinkConfig';

export class PortBusyError extends Error {
  constructor(readonly port: number, what: string) {
    super(`Port ${port} (${what}) is already in use on ${BIND_HOST}: stop whatever listens there or choose another port.`);
    this.name = 'PortBusyError';
  }
}

/**
 * The Fetch standard's "bad ports": Node's fetch refuses them, so a cluster there could not be talked to.
 * (A user asking for 6000 would otherwise get a cluster whose health check fails with "bad port".)
 */
const FETCH_BAD_PORTS = new Set([1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102,
  103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530,
  531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061,
  6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080]);

export class PortUnusableError extends Error {
  constructor(readonly port: number, what: string) {
    super(`Port ${port} (${what}) is on the Fetch standard's list of blocked ports, which HTTP clients refuse: choose another port.`);
    this.name = 'PortUnusableError';
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

/**
 * A free port OUTSIDE the OS's ephemeral range. A port from `freePort()` is ephemeral, and between choosing it and
 * the JobManager binding it (seconds of JVM start) the TaskManager's and the JobManager's own ephemeral sockets
 * (RPC, blob server, data port) may take it: seen as "Could not start rest endpoint on any port". Falls back to
 * `freePort()` when the range is unknown or nothing below it is free.
 */
export async function stablePort(taken: ReadonlySet<number> = new Set()): Promise<number> {
  const low = ephemeralLow();
  const from = 20_000;
  if (low !== undefined && low - from > 1_000) {
    for (let attempt = 0; attempt < 50; attempt++) {
      const p = from + Math.floor(Math.random() * (low - from));
      if (!taken.has(p) && !FETCH_BAD_PORTS.has(p) && (await portFree(p))) return p;
    }
  }
  let p = await freePort();
  while (taken.has(p) || FETCH_BAD_PORTS.has(p)) p = await freePort();
  return p;
}

function ephemeralLow(): number | undefined {
  try {
    const low = Number(fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 0 ? low : undefined;
  } catch {
    return undefined; // not Linux: the ephemeral range is not known
  }
}

/** Uses the requested ports (checked) and picks distinct free ones for the rest. */
export async function choosePorts(requested: Partial<ClusterPorts> = {}): Promise<ClusterPorts> {
  const names: Record<keyof ClusterPorts, string> = { rest: 'JobManager REST', gateway: 'SQL Gateway', jobmanagerRpc: 'JobManager RPC' };
  const taken = new Set<number>();
  const result: Partial<ClusterPorts> = {};
  for (const key of Object.keys(names) as (keyof ClusterPorts)[]) {
    const want = requested[key];
    if (want) {
      if (FETCH_BAD_PORTS.has(want)) throw new PortUnusableError(want, names[key]);
      if (!(await portFree(want))) throw new PortBusyError(want, names[key]);
      result[key] = want;
    } else {
      result[key] = await stablePort(taken);
    }
    taken.add(result[key]!);
  }
  return result as ClusterPorts;
}
