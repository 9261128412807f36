// flinkSql/localCluster over stdio acts on the cluster of the Flink version asked for: with a 2.3 and a 1.20
// cluster running (fakes: a placeholder process and an HTTP stub each), status/stop of '1.20' answer for the
// 1.20 one and leave the default's alone; stop with allVersions stops both; an unpinned version is explained.
// In process: a start under way is known by its pinned version, whether asked for as "1.20" or "1.20.0".
import { strict as assert } from 'node:assert';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { localClusterStatus } from '../../../server/src/flink/localCluster';
import { defaultFlinkVersion, pinnedVersions } from '../../../server/src/flink/provision';
import { FlinkConnectionStatusNotification, FlinkLocalClusterRequest, type FlinkConnectionStatus } from '../../../server/src/protocol';
import type { Connection } from 'vscode-languageserver';
import { FlinkConnections } from '../../../server/src/lsp/flinkConnection';
import { fakeCluster } from './fakeLocalCluster';
import { startStdioServer, stopStdioServer } from './stdioServer';

const V120 = pinnedVersions().find((v) => v.startsWith('1.20.'))!;
const V23 = defaultFlinkVersion();

describe('language server: the local cluster of a Flink version', function () {
  if (process.platform !== 'linux') return; // the placeholder process is recognised through /proc
  this.timeout(60_000);
  let child: ChildProcessWithoutNullStreams;
  let connection: ProtocolConnection;
  let ws: string;
  const notified: FlinkConnectionStatus[] = [];
  const closers: Array<() => void> = [];

  before(async () => {
    ({ child, connection } = await startStdioServer({
      register: (c) => {
      c.onNotification(FlinkConnectionStatusNotification, (s) => { notified.push(s); });
      },
    }));
  });
  after(() => {
    stopStdioServer({ child, connection });
  });
  beforeEach(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'lsp-cluster-version-'));
    notified.length = 0;
  });
  afterEach(() => {
    for (const close of closers.splice(0)) close();
    fs.rmSync(ws, { recursive: true, force: true });
  });
  const start = async (version: string) => {
    const c = await fakeCluster(ws, version);
    closers.push(c.close);
    return c.url;
  };

  it('status of 1.20 is the 1.20 cluster\'s, status without a version the default\'s', async () => {
    const url23 = await start(V23);
    const url120 = await start(V120);
    const s120 = await connection.sendRequest(FlinkLocalClusterRequest, { action: 'status', workspaceDir: ws, flinkVersion: '1.20' });
    assert.deepEqual([s120.state, s120.flinkVersion, s120.gatewayUrl, s120.restUrl], ['running', V120, url120, url120]);
    const pinned = await connection.sendRequest(FlinkLocalClusterRequest, { action: 'status', workspaceDir: ws, flinkVersion: V120 });
    assert.equal(pinned.gatewayUrl, url120);
    const plain = await connection.sendRequest(FlinkLocalClusterRequest, { action: 'status', workspaceDir: ws });
    assert.deepEqual([plain.state, plain.flinkVersion, plain.gatewayUrl], ['running', V23, url23]);
  });

  it('status of 1.20 while only the default\'s runs: stopped, naming 1.20', async () => {
    await start(V23);
    const s = await connection.sendRequest(FlinkLocalClusterRequest, { action: 'status', workspaceDir: ws, flinkVersion: '1.20' });
    assert.deepEqual([s.state, s.flinkVersion, s.gatewayUrl], ['stopped', V120, undefined]);
  });

  it('stop of 1.20 stops the 1.20 cluster only', async () => {
    const url23 = await start(V23);
    await start(V120);
    const s = await connection.sendRequest(FlinkLocalClusterRequest, { action: 'stop', workspaceDir: ws, flinkVersion: '1.20' });
    assert.equal(s.state, 'stopped');
    assert.equal(s.flinkVersion, V120);
    assert.match(s.message ?? '', new RegExp(`^Stopped the local Flink ${V120.replace(/\./g, '\\.')} cluster \\(pids \\d+\\)$`));
    assert.equal((await localClusterStatus(ws, V120)).info, undefined, 'the 1.20 state is gone');
    const still = await localClusterStatus(ws, V23);
    assert.ok(still.running && still.info?.gatewayUrl === url23, 'the default version\'s cluster still runs');
    assert.ok(notified.some((n) => n.state === 'stopped' && n.flinkVersion === V120), 'the stop is notified with its version');
    const again = await connection.sendRequest(FlinkLocalClusterRequest, { action: 'stop', workspaceDir: ws, flinkVersion: '1.20' });
    assert.equal(again.message, `No local Flink ${V120} cluster was running.`);
  });

  it('stop with allVersions stops every cluster of the workspace and names them', async () => {
    await start(V23);
    await start(V120);
    const s = await connection.sendRequest(FlinkLocalClusterRequest, { action: 'stop', workspaceDir: ws, allVersions: true });
    assert.equal(s.state, 'stopped');
    const named = [V23, V120].sort().join(' and ');
    assert.match(s.message ?? '', new RegExp(`^Stopped the local Flink ${named.replace(/\./g, '\\.')} clusters \\(pids \\d+, \\d+\\)$`));
    assert.equal((await localClusterStatus(ws, V120)).info, undefined);
    assert.equal((await localClusterStatus(ws, V23)).info, undefined);
    const none = await connection.sendRequest(FlinkLocalClusterRequest, { action: 'stop', workspaceDir: ws, allVersions: true });
    assert.equal(none.message, 'No local cluster was running.');
  });

  it('a version that is not pinned: the answer says so, nothing is stopped', async () => {
    const url23 = await start(V23);
    const s = await connection.sendRequest(FlinkLocalClusterRequest, { action: 'stop', workspaceDir: ws, flinkVersion: '1.17' });
    assert.equal(s.state, 'stopped');
    assert.match(s.message ?? '', /Flink 1\.17 is not a version this release of Flink SQL Studio runs/);
    assert.equal((await localClusterStatus(ws, V23)).info?.gatewayUrl, url23);
  });
});

describe('FlinkConnections: starts are kept per pinned version', () => {
  let ws: string;
  let cache: string;
  const before = process.env.FLINK_SQL_STUDIO_CACHE;
  beforeEach(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'lsp-cluster-start-'));
    cache = fs.mkdtempSync(path.join(os.tmpdir(), 'lsp-cluster-cache-'));
    process.env.FLINK_SQL_STUDIO_CACHE = cache; // nothing installed: a start fails after a moment, starting no JVM
  });
  afterEach(() => {
    if (before === undefined) delete process.env.FLINK_SQL_STUDIO_CACHE;
    else process.env.FLINK_SQL_STUDIO_CACHE = before;
    fs.rmSync(ws, { recursive: true, force: true });
    fs.rmSync(cache, { recursive: true, force: true });
  });

  it('a 1.20 start under way is the 1.20 cluster\'s "starting", not the default\'s; the same start is shared', async () => {
    const sent: FlinkConnectionStatus[] = [];
    const connections = new FlinkConnections({ sendNotification: (_t: unknown, s: FlinkConnectionStatus) => { sent.push(s); return Promise.resolve(); } } as unknown as Connection);
    const failed = connections.start(ws, '1.20').catch((e: unknown) => e);
    void connections.start(ws, V120).catch(() => undefined);
    assert.equal(sent.filter((s) => s.state === 'starting').length, 1, '"1.20" and its pin are one start');
    const [s120, s23] = await Promise.all([
      connections.localCluster('status', ws, { flinkVersion: V120 }),
      connections.localCluster('status', ws),
    ]);
    assert.deepEqual([s120.state, s120.message], ['starting', `Starting the local Flink ${V120} cluster…`]);
    assert.equal(s23.state, 'stopped');
    const stopped = await connections.localCluster('stop', ws, { flinkVersion: '1.20' });
    assert.match(String(await failed), /not installed/);
    assert.equal(stopped.message, `No local Flink ${V120} cluster was running.`);
  });
});
