// Stale-state detection and orphan-free stopping of the local cluster, with stand-in processes (no Flink):
// a recorded pid only counts as ours while its command line names the Flink main class we started.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { clusterDirs } from '../../../server/src/flink/flinkConfig';
import { localClusterStatus, stopLocalCluster } from '../../../server/src/flink/localCluster';
import { MAIN_CLASSES } from '../../../server/src/flink/localClusterProcess';
import { pidAlive, processAlive, processStartTime, readState, writeState, type ClusterState, type ProcessRecord } from '../../../server/src/flink/localClusterState';

/**
 * A detached Node process whose argv carries `mainClass`, like a Flink JVM would; optionally deaf to SIGTERM.
 * Resolves once it says it is ready (its SIGTERM handler installed), so slow starts under load cannot race the test.
 */
/** The cluster folder of the current test's workspace: our processes log there (`-Dlog.file=`), which is how we know them. */
let logDir = '';

async function fakeFlinkProcess(role: ProcessRecord['role'], ignoreTerm = false): Promise<ProcessRecord> {
  const script = `${ignoreTerm ? "process.on('SIGTERM', () => {});" : ''} setInterval(() => {}, 1000); process.stdout.write('ready');`;
  const logFile = path.join(logDir, `${role}.log`);
  const child = spawn(process.execPath, ['-e', script, '--', `-Dlog.file=${logFile}`, MAIN_CLASSES[role]], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('error', reject);
  });
  child.stdout!.destroy();
  child.unref();
  return { role, pid: child.pid!, mainClass: MAIN_CLASSES[role], logFile, outFile: '/dev/null' };
}

async function waitUntil(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function state(workspaceDir: string, processes: ProcessRecord[], status: ClusterState['status'] = 'running'): ClusterState {
  return {
    format: 1, status, flinkVersion: '2.3.0', distHome: '/nowhere', workspaceDir, restUrl: 'http://127.0.0.1:9',
    gatewayUrl: 'http://127.0.0.1:9', startedAt: new Date().toISOString(), ownerPid: 999_999_999, processes,
  };
}

describe('local cluster state', () => {
  let ws: string;
  const spawned: number[] = [];
  beforeEach(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'flink-state-'));
    logDir = clusterDirs(ws).logs;
  });
  afterEach(() => {
    for (const pid of spawned.splice(0)) try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('does not take a live pid running something else for ours', () => {
    assert.equal(processAlive({ pid: process.pid, mainClass: MAIN_CLASSES.jobmanager }), false);
    assert.equal(pidAlive(process.pid), true);
  });

  it('a crafted cluster.json cannot get an unrelated process killed (security review: local stop killed one)', async () => {
    // An unrelated process whose command line carries whatever the crafted file claims as "main class".
    const victim = spawn('sleep', ['300'], { detached: true, stdio: 'ignore' });
    spawned.push(victim.pid!);
    const dirs = clusterDirs(ws);
    const crafted = (p: Partial<ProcessRecord>): ProcessRecord => ({ role: 'jobmanager', pid: victim.pid!, mainClass: '300', logFile: path.join(dirs.logs, 'x.log'), outFile: '/dev/null', ...p });
    for (const rec of [crafted({}), crafted({ mainClass: MAIN_CLASSES.jobmanager }), crafted({ mainClass: 'sleep', logFile: '/dev/null' })]) {
      writeState(dirs, state(ws, [rec]));
      await stopLocalCluster(ws);
      assert.equal(pidAlive(victim.pid!), true, `killed through ${JSON.stringify(rec)}`);
    }
    // Nor is a URL off this machine taken from the file.
    writeState(dirs, { ...state(ws, []), restUrl: 'http://10.9.9.9:8081' });
    assert.equal(readState(dirs), undefined);
  });

  it('a process that started at another time than the record says is not ours (a recycled pid): never signalled', async function () {
    if (process.platform === 'win32') this.skip();
    const jm = await fakeFlinkProcess('jobmanager');
    spawned.push(jm.pid);
    await waitUntil(() => processAlive(jm));
    const started = processStartTime(jm.pid);
    assert.ok(started, 'the start time of a live process can be read');
    assert.equal(processStartTime(jm.pid), started, 'and stays the same');
    assert.notEqual(processStartTime(process.pid), started);
    // Same pid, main class and log file, but the record was written for a process that started earlier.
    const recycled = { ...jm, startTime: started!.replace(/\d+$/, (n) => String(Number(n) - 1)) };
    assert.equal(processAlive(recycled), false);
    writeState(clusterDirs(ws), state(ws, [recycled]));
    const status = await localClusterStatus(ws);
    assert.deepEqual(status.problems, [`jobmanager (pid ${jm.pid}) is not running`]);
    assert.deepEqual((await stopLocalCluster(ws, { graceMs: 500 })).stopped, []);
    assert.equal(pidAlive(jm.pid), true, 'a process whose start time differs was signalled');
    // The record of the process as it was started stops it.
    writeState(clusterDirs(ws), state(ws, [{ ...jm, startTime: started }]));
    assert.deepEqual((await stopLocalCluster(ws)).stopped, [jm.pid]);
    await waitUntil(() => !pidAlive(jm.pid), 2000).catch(() => undefined);
    assert.equal(pidAlive(jm.pid), false);
  });

  it('a cluster.json naming a URL off this machine is corrupt, says so, and is never contacted', async () => {
    // A capture server standing in for "elsewhere": it must see no request, while the file names it by a non-loopback
    // spelling (userinfo, another scheme, another host) that readState must refuse.
    const http = await import('node:http');
    let hits = 0;
    const capture = http.createServer((_req, res) => { hits++; res.end('{}'); });
    await new Promise<void>((r) => capture.listen(0, '127.0.0.1', r));
    const port = (capture.address() as import('node:net').AddressInfo).port;
    const dirs = clusterDirs(ws);
    const jm = await fakeFlinkProcess('jobmanager');
    spawned.push(jm.pid);
    await waitUntil(() => processAlive(jm));
    try {
      for (const url of ['http://10.9.9.9:8081', `http://user:secret@127.0.0.1:${port}`, `ftp://127.0.0.1:${port}`, `http://127.0.0.1.nip.io:${port}`]) {
        for (const which of ['restUrl', 'gatewayUrl'] as const) {
          writeState(dirs, { ...state(ws, [jm]), [which]: url });
          const st = await localClusterStatus(ws);
          assert.equal(st.running, false);
          assert.equal(st.stale, true);
          assert.equal(st.info, undefined);
          assert.match(st.problems.join(), /is corrupt: its (REST|SQL Gateway) URL .* is not http\(s\) on this machine/);
          assert.ok(!st.problems.join().includes('secret'), st.problems.join());
        }
      }
      assert.equal(hits, 0);
      // A file naming someone else's process says so too.
      writeState(dirs, state(ws, [{ ...jm, logFile: '/tmp/elsewhere/jobmanager.log' }]));
      assert.match((await localClusterStatus(ws)).problems.join(), new RegExp(`names pid ${jm.pid} .* not a Flink process of this cluster`));
    } finally {
      await new Promise((r) => capture.close(r));
    }
  });

  it('reports a cluster with a dead process as stale, and stop kills the rest (whole process groups)', async () => {
    const live = await fakeFlinkProcess('jobmanager');
    const dead = await fakeFlinkProcess('taskmanager');
    spawned.push(live.pid, dead.pid);
    await waitUntil(() => processAlive(live) && processAlive(dead));
    process.kill(dead.pid, 'SIGKILL');
    await waitUntil(() => !processAlive(dead));
    writeState(clusterDirs(ws), state(ws, [live, dead]));

    const status = await localClusterStatus(ws);
    assert.equal(status.running, false);
    assert.equal(status.stale, true);
    assert.deepEqual(status.problems, [`taskmanager (pid ${dead.pid}) is not running`]);

    const result = await stopLocalCluster(ws);
    assert.equal(result.wasRunning, true);
    assert.deepEqual(result.stopped, [live.pid]);
    assert.deepEqual(result.killed, []);
    assert.equal(pidAlive(live.pid), false);
    assert.equal(readState(clusterDirs(ws)), undefined);
  });

  it('SIGKILLs a process that ignores SIGTERM after the grace period', async () => {
    const deaf = await fakeFlinkProcess('gateway', true);
    spawned.push(deaf.pid);
    await waitUntil(() => processAlive(deaf));
    writeState(clusterDirs(ws), state(ws, [deaf]));
    const result = await stopLocalCluster(ws, { graceMs: 500 });
    assert.deepEqual(result.killed, [deaf.pid]);
    // SIGKILL is delivered, and the child reaped by this test process, a moment later: until then kill(pid, 0) still answers
    await waitUntil(() => !pidAlive(deaf.pid), 2000).catch(() => undefined);
    assert.equal(pidAlive(deaf.pid), false);
  });

  it('treats a start whose owner died as stale, and one in progress as starting', async () => {
    const jm = await fakeFlinkProcess('jobmanager');
    spawned.push(jm.pid);
    await waitUntil(() => processAlive(jm));
    writeState(clusterDirs(ws), state(ws, [jm], 'starting'));
    assert.equal((await localClusterStatus(ws)).stale, true);
    writeState(clusterDirs(ws), { ...state(ws, [jm], 'starting'), ownerPid: process.pid });
    const s = await localClusterStatus(ws);
    assert.equal(s.starting, true);
    assert.equal(s.running, false);
    await stopLocalCluster(ws);
  });

  it('ignores and clears a corrupt state file', async () => {
    const dirs = clusterDirs(ws);
    fs.mkdirSync(dirs.root, { recursive: true });
    fs.writeFileSync(dirs.stateFile, '{ not json');
    assert.deepEqual(await localClusterStatus(ws), { running: false, stale: false, problems: [] });
    assert.equal((await stopLocalCluster(ws)).wasRunning, false);
    assert.equal(fs.existsSync(dirs.stateFile), false);
  });
});
