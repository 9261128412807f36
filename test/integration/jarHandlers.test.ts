// A JAR draft's Validate and Execute as the editor sends them (flinkSql/jarValidate, flinkSql/jarExecute over stdio),
// on the real local Flink with real Maven: from the Java class the user edits, the plan; a compile error on its
// Java line; Execute's running job and what it printed; Maven's output in the log.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LogMessageNotification } from 'vscode-languageserver-protocol';
import { newDraftFiles } from '../../server/src/deployment/newDraft';
import { JobManagerClient } from '../../server/src/flink/restClient';
import {
  FlinkCancelExecutionRequest, FlinkExecutionEventNotification, FlinkJarExecuteRequest, FlinkJarValidateRequest,
  type ExecutionEvent, type FlinkConnectionParams,
} from '../../server/src/protocol';
import { startStdioServer, stopStdioServer, type StdioServer } from '../unit/lsp/stdioServer';
import { sharedCluster } from './cluster';

describe('JAR drafts from the editor (language server, real Flink, real Maven)', function () {
  this.timeout(600_000);
  let server: StdioServer;
  let ws: string;
  const log: string[] = [];
  const events = new Map<string, ExecutionEvent[]>();
  const MAIN = 'orders/src/main/java/com/example/orders/OrdersJob.java';
  const uri = (rel: string) => pathToFileURL(path.join(ws, rel)).toString();
  const connection = (): FlinkConnectionParams => ({ target: 'remote', gatewayUrl: sharedCluster().gatewayUrl, restUrl: sharedCluster().restUrl });

  before(async () => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'jar-lsp-it-'));
    for (const [rel, text] of Object.entries(newDraftFiles({ name: 'orders', type: 'JAR', target: 'session' }))) {
      fs.mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
      fs.writeFileSync(path.join(ws, rel), text);
    }
    server = await startStdioServer({
      register: (c) => {
        c.onNotification(LogMessageNotification.type, (p) => { log.push(p.message); });
        c.onNotification(FlinkExecutionEventNotification, (p) => { events.set(p.executionId, [...(events.get(p.executionId) ?? []), ...p.events]); });
      },
    });
  });
  after(() => {
    stopStdioServer(server);
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('Validate from the main class builds and plans; a compile error lands on its Java line', async () => {
    const t0 = Date.now();
    const ok = await server.connection.sendRequest(FlinkJarValidateRequest, { uri: uri(MAIN), connection: connection() });
    assert.equal(ok.ok, true, ok.summary);
    assert.match(ok.summary, /^Planned job "orders": Source: orders.* → Keyed Aggregation.*, built in \d+ ms, planned in \d+ ms$/);
    assert.deepEqual(ok.problems, []);
    assert.ok(log.some((l) => l.startsWith('[mvn] ') && /BUILD SUCCESS/.test(l)), 'Maven\'s output is in the log');
    process.stderr.write(`      ${ok.summary} (${Date.now() - t0} ms in all)\n`);

    const file = path.join(ws, MAIN);
    const good = fs.readFileSync(file, 'utf8');
    const lines = good.split('\n');
    const at = lines.findIndex((l) => l.includes('public static void main'));
    lines.splice(at + 1, 0, '    int broken = "not a number";');
    fs.writeFileSync(file, lines.join('\n'));
    try {
      const bad = await server.connection.sendRequest(FlinkJarValidateRequest, { uri: uri('orders.deployment.yaml'), connection: connection() });
      assert.equal(bad.ok, false);
      const onMain = bad.problems.find((p) => p.uri === uri(MAIN));
      assert.ok(onMain, JSON.stringify(bad.problems));
      assert.equal(onMain.diagnostics[0]?.range.start.line, at + 1);
      assert.match(bad.summary, /incompatible types/);
    } finally {
      fs.writeFileSync(file, good);
    }
  });

  it('Execute runs the job on the session cluster and says what it printed', async () => {
    const r = await server.connection.sendRequest(FlinkJarExecuteRequest, { uri: uri('orders/pom.xml'), connection: connection() });
    try {
      assert.equal(r.ok, true, r.summary);
      assert.equal(r.state, 'RUNNING');
      assert.match(r.summary, new RegExp(`^Job ${r.jobId} RUNNING`));
      assert.ok(r.printed?.some((l) => /\((coffee|tea|cake),\d+\)$/.test(l)), `printed: ${JSON.stringify(r.printed)}`);
    } finally {
      if (r.jobId) await new JobManagerClient(sharedCluster().restUrl).cancel(r.jobId);
    }
  });

  it('Execute with an execution id streams what the job prints into the results view until Stop cancels the job', async () => {
    const executionId = 'jar-follow-1';
    const r = await server.connection.sendRequest(FlinkJarExecuteRequest, { uri: uri('orders.deployment.yaml'), connection: connection(), executionId });
    const jm = new JobManagerClient(sharedCluster().restUrl);
    try {
      assert.equal(r.state, 'RUNNING', r.summary);
      const rows = () => (events.get(executionId) ?? []).flatMap((e) => (e.type === 'rows' ? e.rows.map((x) => String(x.fields[0])) : []));
      const [start, columns] = events.get(executionId) ?? [];
      assert.deepEqual([start?.type, start?.type === 'start' && start.kind, columns?.type === 'columns' && columns.columns[0]?.name], ['start', 'jar', 'TaskManager stdout']);
      // After Execute answered, the lines keep coming: the follower polls the TaskManagers' stdout.
      const answered = rows().length;
      for (const end = Date.now() + 30_000; rows().length <= answered && Date.now() < end;) await new Promise((res) => setTimeout(res, 500));
      assert.ok(rows().length > answered, `lines after the answer: ${rows().length} vs ${answered}`);
      assert.ok(rows().some((l) => /\((coffee|tea|cake),\d+\)$/.test(l)), JSON.stringify(rows().slice(0, 5)));

      assert.equal((await server.connection.sendRequest(FlinkCancelExecutionRequest, { executionId })).cancelled, true);
      let done: ExecutionEvent | undefined;
      for (const end = Date.now() + 30_000; !done && Date.now() < end;) {
        await new Promise((res) => setTimeout(res, 250));
        done = events.get(executionId)?.find((e) => e.type === 'done');
      }
      assert.ok(done?.type === 'done' && done.cancelled, JSON.stringify(done));
      assert.match(done.message ?? '', new RegExp(`job ${r.jobId} was cancelled`));
      assert.ok(events.get(executionId)?.some((e) => e.type === 'end' && e.jobId === r.jobId));
      let state = '';
      for (const end = Date.now() + 30_000; state !== 'CANCELED' && Date.now() < end;) {
        state = await jm.jobStatus(r.jobId!);
        if (state !== 'CANCELED') await new Promise((res) => setTimeout(res, 500));
      }
      assert.equal(state, 'CANCELED', 'Stop cancelled the job');
    } finally {
      if (r.jobId) await jm.cancel(r.jobId).catch(() => undefined);
    }
  });
});
