// Python UDFs in SQL drafts on the real local Flink, 2.3 and 1.20, through the CLI as a user runs it: a local cluster
// started once PyFlink is provisioned (its SQL Gateway then has Flink's Python jar), the draft's LANGUAGE PYTHON
// function computed by real Python workers in Execute, a function missing from its module refused by Validate, and a
// session Publish whose job runs the UDF (its module's SHA-256 kept in the version). A cluster started before
// PyFlink says to restart once, instead of failing in py4j.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CliCommand } from '../../server/src/cli/command';
import { registerCliProvisioner } from '../../server/src/cli/cliProvisioner';
import { executeCommand } from '../../server/src/cli/commands/execute';
import { publishCommand } from '../../server/src/cli/commands/publish';
import { stopCommand } from '../../server/src/cli/commands/stop';
import { validateCommand } from '../../server/src/cli/commands/validate';
import { DeploymentStore } from '../../server/src/deploy/store';
import { setProvisioner } from '../../server/src/flink/ensureFlink';
import { startLocalCluster, stopLocalCluster, type ClusterInfo } from '../../server/src/flink/localCluster';
import { ensurePyFlink } from '../../server/src/python/pyflinkEnv';
import { DependencyError, draftSession } from '../../server/src/udf/draftJars';
import { pathToFileURL } from 'node:url';
import { DidOpenTextDocumentNotification, PublishDiagnosticsNotification, type Diagnostic } from 'vscode-languageserver-protocol';
import { FlinkExecuteRequest, FlinkExecutionEventNotification, type ExecutionEvent } from '../../server/src/protocol';
import { startStdioServer, stopStdioServer } from '../unit/lsp/stdioServer';

const note = (s: string) => process.stderr.write(`      [pyudf] ${s}\n`);

const MODULE = `from pyflink.table import DataTypes
from pyflink.table.udf import udf


@udf(result_type=DataTypes.STRING())
def shout(s):
    return s.upper() + '!'
`;

const CONFIG = (name: string, v: string) => `name: ${name}
type: SQL
target: session
flinkVersion: "${v}"
`;

const QUERY = `SET 'execution.runtime-mode' = 'batch';
CREATE TEMPORARY FUNCTION shout AS 'text_udfs.shout' LANGUAGE PYTHON;
SELECT shout(s) AS r FROM (VALUES ('hello'), ('flink')) AS t(s);
`;

const MISSING = `CREATE TEMPORARY FUNCTION nope AS 'text_udfs.nope' LANGUAGE PYTHON;
SELECT nope(s) AS r FROM (VALUES ('a')) AS t(s);
`;

const JOB = `CREATE TEMPORARY FUNCTION shout AS 'text_udfs.shout' LANGUAGE PYTHON;
CREATE TEMPORARY TABLE words (s STRING) WITH ('connector' = 'datagen', 'rows-per-second' = '5', 'fields.s.length' = '6');
CREATE TEMPORARY TABLE loud (r STRING) WITH ('connector' = 'blackhole');
INSERT INTO loud SELECT shout(s) FROM words;
`;

async function cli(command: CliCommand, args: string[], cwd: string): Promise<{ code: number | undefined; out: string; err: string }> {
  let out = '';
  let err = '';
  const saved = process.cwd();
  process.chdir(cwd);
  try {
    const code = await command.run(args, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; } });
    return { code, out, err };
  } finally {
    process.chdir(saved);
  }
}

for (const version of ['2.3', '1.20'] as const) {
  describe(`Python UDFs in a SQL draft on Flink ${version} (real Flink, real PyFlink)`, function () {
    this.timeout(900_000);
    let ws: string;
    let cluster: ClusterInfo;

    before(async () => {
      ws = fs.mkdtempSync(path.join(os.tmpdir(), 'pyudf-it-'));
      registerCliProvisioner((s) => process.stderr.write(`      ${s}`));
      await ensurePyFlink(version);
      fs.writeFileSync(path.join(ws, 'text_udfs.py'), MODULE);
      for (const [name, sql] of [['shout_query', QUERY], ['missing_fn', MISSING], ['loud_words', JOB]]) {
        fs.writeFileSync(path.join(ws, `${name}.flink.sql`), sql);
        fs.writeFileSync(path.join(ws, `${name}.deployment.yaml`), CONFIG(name, version));
      }
      const t0 = Date.now();
      // A cluster of the workspace, started now that PyFlink (and Flink's Python jar in opt/) is there.
      cluster = await startLocalCluster({ workspaceDir: ws, flinkVersion: version, onProgress: () => undefined });
      note(`local Flink ${cluster.flinkVersion} up in ${((Date.now() - t0) / 1000).toFixed(1)} s, python on the gateway: ${cluster.python}`);
    });

    after(async () => {
      setProvisioner(undefined);
      if (ws) {
        await stopLocalCluster(ws, { flinkVersion: version }).catch(() => undefined);
        fs.rmSync(ws, { recursive: true, force: true });
      }
    });

    it('a local cluster started after PyFlink has Flink\'s Python jar on its gateway; one started before says to restart once', async () => {
      assert.equal(cluster.python, true);
      const draft = path.join(ws, 'shout_query.flink.sql');
      await assert.rejects(draftSession(draft, QUERY, { localCluster: { python: false, flinkVersion: cluster.flinkVersion } }, version),
        (e: unknown) => e instanceof DependencyError && /started before PyFlink was installed: restart it once/.test(e.message));
      const setup = await draftSession(draft, QUERY, { localCluster: { python: true, flinkVersion: cluster.flinkVersion } }, version);
      assert.equal(setup.config['python.files'], path.join(ws, 'text_udfs.py'));
      assert.match(setup.config['python.executable'], /pyflink/);
    });

    it('Execute runs the Python UDF: rows computed by Python workers', async () => {
      const t0 = Date.now();
      const r = await cli(executeCommand, ['shout_query.flink.sql', '--format', 'json'], ws);
      assert.equal(r.code, 0, r.out + r.err);
      assert.match(r.out, /HELLO!/);
      assert.match(r.out, /FLINK!/);
      note(`Flink ${version}: execute with a Python UDF in ${((Date.now() - t0) / 1000).toFixed(1)} s (CLI, first Python worker included)`);
    });

    it('Validate refuses a function its module does not have, naming it', async () => {
      const r = await cli(validateCommand, ['missing_fn.flink.sql'], ws);
      assert.equal(r.code, 1, r.out + r.err);
      assert.match(r.out, /Python: AttributeError: module 'text_udfs' has no attribute 'nope'/);
      note(`Flink ${version}: validate says: ${r.out.split('\n').find((l) => /nope/.test(l))?.slice(0, 240)}`);
    });

    it('a module missing beside the draft is named before anything is sent', async () => {
      fs.writeFileSync(path.join(ws, 'orphan.flink.sql'), QUERY.replace('text_udfs.shout', 'gone.shout'));
      fs.writeFileSync(path.join(ws, 'orphan.deployment.yaml'), CONFIG('orphan', version));
      const r = await cli(executeCommand, ['orphan.flink.sql'], ws);
      assert.equal(r.code, 2, r.out + r.err);
      assert.match(r.out + r.err, /'gone\.shout', but .*gone\.py does not exist/);
    });

    it('Publish to the session cluster runs the job with the UDF, the module\'s SHA-256 kept; then stop', async () => {
      const t0 = Date.now();
      const p = await cli(publishCommand, ['loud_words.flink.sql', '--format', 'json', '--dir', ws], ws);
      assert.equal(p.code, 0, p.out + p.err);
      const result = JSON.parse(p.out) as { state?: string; jobId?: string; version: number };
      assert.equal(result.state, 'RUNNING', p.out);
      note(`Flink ${version}: publish with a Python UDF → RUNNING in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      const v = new DeploymentStore(ws).version('loud_words', result.version);
      assert.match(v?.dependencySums?.['text_udfs.py'] ?? '', /^[0-9a-f]{64}$/);
      // The job's Python operator is running: its vertex names the UDF's operator.
      const plan = await (await fetch(`${cluster.restUrl}/jobs/${result.jobId}/plan`)).json() as { plan: { nodes: { description: string }[] } };
      assert.ok(plan.plan.nodes.some((n) => /Python/i.test(n.description)), JSON.stringify(plan.plan.nodes.map((n) => n.description)));
      const s = await cli(stopCommand, ['loud_words', '--format', 'json', '--dir', ws], ws);
      assert.equal(s.code, 0, s.out + s.err);
    });

    if (version === '2.3') {
      it('from the editor: the language server checks the call against the Python def, and Execute shows the UDF\'s rows', async () => {
        const events: ExecutionEvent[] = [];
        const published = new Map<string, Diagnostic[]>();
        const server = await startStdioServer({
          register: (c) => {
            c.onNotification(FlinkExecutionEventNotification, (p) => { events.push(...p.events); });
            c.onNotification(PublishDiagnosticsNotification.type, (p) => { published.set(p.uri, p.diagnostics); });
          },
        });
        try {
          const uri = pathToFileURL(path.join(ws, 'shout_query.flink.sql')).toString();
          // One argument too many: the def takes one.
          await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'flink-sql', version: 1, text: QUERY.replace('shout(s)', 'shout(s, s)') } });
          let count: Diagnostic | undefined;
          for (const end = Date.now() + 30_000; !count && Date.now() < end;) {
            await new Promise((r) => setTimeout(r, 100));
            count = published.get(uri)?.find((d) => d.code === 'flink-argument-count');
          }
          assert.ok(count, JSON.stringify(published.get(uri)));
          assert.equal(count.range.start.line, 2);
          await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'flink-sql', version: 2, text: QUERY } });
          const t0 = Date.now();
          const done = await server.connection.sendRequest(FlinkExecuteRequest, { uri, executionId: 'py', limit: 10, connection: { target: 'local', workspaceDir: ws, autoStart: false } });
          assert.equal(done.ok, true, done.message);
          const rows = events.flatMap((e) => (e.type === 'rows' ? e.rows.map((r) => r.fields[0]) : []));
          assert.deepEqual(rows.sort(), ['FLINK!', 'HELLO!']);
          note(`Flink ${version}: the language server's Execute with a Python UDF in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        } finally {
          stopStdioServer(server);
        }
      });
    }
  });
}
