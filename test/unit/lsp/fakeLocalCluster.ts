// A "running" local Flink cluster without Flink, for tests of who finds which version's cluster: a live
// placeholder process recorded with a JobManager main class, and one HTTP stub as its REST API and SQL Gateway.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { clusterDirs } from '../../../server/src/flink/localClusterLayout';
import { writeState } from '../../../server/src/flink/localClusterState';

/** A main class of ours: the state reader only counts our JVMs (with their log file in the cluster's folder) as the cluster's. */
export const FAKE_MAIN_CLASS = 'org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint';

/** Records a running cluster of `version` in `ws`; `close` kills the placeholder and the stub. Linux only (/proc). */
export async function fakeCluster(ws: string, version: string): Promise<{ url: string; pid: number; close: () => void }> {
  const server = http.createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/overview') {
      res.end(JSON.stringify({ taskmanagers: 1, 'slots-total': 1, 'slots-available': 1, 'jobs-running': 0, 'jobs-finished': 0, 'jobs-cancelled': 0, 'jobs-failed': 0, 'flink-version': version }));
    } else if (req.url === '/v1/info') res.end(JSON.stringify({ productName: 'Apache Flink', version }));
    else { res.statusCode = 404; res.end('{}'); }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dirs = clusterDirs(ws, version);
  const logFile = path.join(dirs.logs, 'jobmanager.log');
  const child: ChildProcess = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e9)', '--', `-Dlog.file=${logFile}`, FAKE_MAIN_CLASS], { stdio: 'ignore' });
  writeState(dirs, {
    format: 1, status: 'running', flinkVersion: version, distHome: '/nowhere', workspaceDir: ws, restUrl: url, gatewayUrl: url,
    startedAt: new Date().toISOString(), ownerPid: process.pid,
    processes: [{ role: 'jobmanager', pid: child.pid!, mainClass: FAKE_MAIN_CLASS, logFile, outFile: '/dev/null' }],
  });
  // The placeholder's /proc/<pid>/cmdline must name the main class before the status check reads it.
  for (let i = 0; i < 100 && !fs.readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').includes(FAKE_MAIN_CLASS); i++) await new Promise((r) => setTimeout(r, 20));
  return { url, pid: child.pid!, close: () => { child.kill('SIGKILL'); server.close(); } };
}
