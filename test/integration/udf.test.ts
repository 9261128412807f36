// Java UDFs on the real local Flink, 2.3 and 1.20: the fixture project (test/fixtures/udf) built with Maven, listed by
// the shipped inspector (out/udf-inspector.jar) with the signatures Flink infers, registered into a draft (statements
// + the jar in its deployment config), known to the language server in the background, executed (rows computed by
// the UDFs), and a call with a wrong argument count refused by the planner on the line our diagnostic names.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { readyFlink } from '../../server/src/flink/ensureFlink';
import { JobManagerClient } from '../../server/src/flink/restClient';
import { execute, type ExecuteEvent } from '../../server/src/flink/execute';
import { validate } from '../../server/src/flink/validate';
import { buildProject } from '../../server/src/jar/mavenBuild';
import { UdfKnowledge } from '../../server/src/lsp/udfKnowledge';
import { analyze, diagnostics } from '../../server/src/service';
import { draftJars } from '../../server/src/udf/draftJars';
import { inspectJar } from '../../server/src/udf/inspect';
import { applyRegistration, registrationEdit, withDependency } from '../../server/src/udf/register';
import { snakeName } from '../../server/src/udf/types';
import { CompletionRequest, DidOpenTextDocumentNotification, PublishDiagnosticsNotification } from 'vscode-languageserver-protocol';
import { RegisterUdfsRequest } from '../../server/src/protocol';
import { startStdioServer, stopStdioServer, type StdioServer } from '../unit/lsp/stdioServer';
import { sharedClusterOf } from './cluster';

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'udf');
// The engine runs from its sources here: the inspector is the one `npm run build` put in out/ (what the package ships).
process.env.FLINK_SQL_UDF_INSPECTOR_JAR ??= path.join(ROOT, 'out', 'udf-inspector.jar');

const msg = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);
const log = (m: string) => process.stderr.write(`  [udf] ${m}\n`);

const CONFIG = (v: string) => `# the UDF draft's deployment config
name: users
type: SQL
target: session
dependencies: []  # UDF and connector jars
flinkVersion: "${v}"
`;

const DRAFT = `SET 'execution.runtime-mode' = 'batch';

SELECT mask_email(e) AS masked, mask_email(e, '#') AS hashed, word, len
FROM (VALUES ('ann@example.com'), ('bob@x.org')) AS t(e),
  LATERAL TABLE(split_words('big data')) AS w(word, len);
`;

describe('Java UDFs on the real Flink (2.3 and 1.20)', function () {
  this.timeout(600_000);
  let work: string;
  let jar: string;

  before(async () => {
    assert.ok(fs.existsSync(process.env.FLINK_SQL_UDF_INSPECTOR_JAR!), 'npm run build makes out/udf-inspector.jar');
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'flink-sql-studio-udf-'));
    fs.cpSync(FIXTURE, path.join(work, 'udf'), { recursive: true, filter: (s) => !s.includes(`${path.sep}target`) });
    const built = await buildProject(path.join(work, 'udf'));
    jar = built.jar;
    log(`fixture built with Maven in ${(built.elapsedMs / 1000).toFixed(1)} s: ${path.basename(jar)}`);
  });

  after(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  for (const version of ['2.3', '1.20'] as const) {
    describe(`Flink ${version}`, () => {
      const dir = () => path.join(work, `drafts-${version}`);
      const draftPath = () => path.join(dir(), 'users.flink.sql');

      it('the inspector lists the functions with the signatures Flink infers, cached per jar SHA-256', async () => {
        const cacheRoot = fs.mkdtempSync(path.join(work, 'cache-'));
        const { dist } = await readyFlink(version);
        const cold = await inspectJar(jar, version, { cacheRoot, dist });
        assert.equal(cold.cached, false);
        log(`Flink ${version}: inspector run on the fixture jar ${cold.elapsedMs} ms (cold, JVM included)`);
        const byClass = new Map(cold.functions.map((f) => [f.className, f]));
        assert.deepEqual([...byClass.keys()].sort(), ['com.example.udf.LongestLength', 'com.example.udf.MaskEmail', 'com.example.udf.Noisy', 'com.example.udf.Prefixer', 'com.example.udf.SplitWords']);
        // it prints when created: the JSON survived, and its signature is there
        assert.deepEqual(byClass.get('com.example.udf.Noisy')!.signatures, [{ arguments: [{ name: 'i', type: 'INT' }], result: 'INT' }]);
        // no no-argument constructor: Flink's inference cannot run, its eval methods are read instead, and it says so
        const prefixer = byClass.get('com.example.udf.Prefixer')!;
        assert.equal(prefixer.inference, 'reflection');
        assert.match(prefixer.note ?? '', /no public no-argument constructor/);
        assert.deepEqual(prefixer.signatures, [{ arguments: [{ type: 'STRING' }, { type: 'INT NOT NULL' }], result: 'STRING' }]);
        assert.equal(prefixer.minArgs, undefined);
        assert.deepEqual(byClass.get('com.example.udf.MaskEmail'), {
          className: 'com.example.udf.MaskEmail', kind: 'scalar', language: 'java', inference: 'flink', minArgs: 1, maxArgs: 2,
          signatures: [
            { arguments: [{ name: 'email', type: 'STRING' }], result: 'STRING' },
            { arguments: [{ name: 'email', type: 'STRING' }, { name: 'mask', type: 'STRING' }], result: 'STRING' },
          ],
        });
        const split = byClass.get('com.example.udf.SplitWords')!;
        assert.equal(split.kind, 'table');
        assert.deepEqual(split.signatures, [{ arguments: [{ name: 'text', type: 'STRING' }], result: 'ROW<`word` STRING, `len` INT>' }]);
        const longest = byClass.get('com.example.udf.LongestLength')!;
        assert.equal(longest.kind, 'aggregate');
        assert.deepEqual(longest.signatures, [{ arguments: [{ name: 's', type: 'STRING' }], result: 'INT' }]);
        assert.deepEqual(cold.failed, []);
        const warm = await inspectJar(jar, version, { cacheRoot, dist });
        assert.equal(warm.cached, true);
        assert.deepEqual(warm.functions, cold.functions);
        log(`Flink ${version}: the same jar again from the cache in ${warm.elapsedMs} ms`);
      });

      it('registers into a draft, the language server learns the signatures, and Execute returns rows the UDFs computed', async () => {
        fs.mkdirSync(dir(), { recursive: true });
        const configPath = path.join(dir(), 'users.deployment.yaml');
        fs.writeFileSync(configPath, CONFIG(version));
        const { functions } = await inspectJar(jar, version);
        const regs = functions.filter((f) => f.kind !== 'aggregate' && f.inference === 'flink').map((f) => ({ name: snakeName(f.className), className: f.className, language: 'java' as const }));
        const text = applyRegistration(DRAFT, registrationEdit(DRAFT, regs, version));
        fs.writeFileSync(draftPath(), text);
        fs.writeFileSync(configPath, withDependency(fs.readFileSync(configPath, 'utf8'), configPath, jar)!);
        assert.match(fs.readFileSync(configPath, 'utf8'), /dependencies: \[ \.\.\/udf\/target\/udf-fixture\.jar \] # UDF and connector jars/);
        assert.deepEqual(await draftJars(draftPath()), [jar]);

        // the language server's view: nothing known at first (never blocks), then the answer arrives in the background
        let changed!: () => void;
        const arrived = new Promise<void>((r) => { changed = r; });
        const knowledge = new UdfKnowledge(() => changed());
        const uri = pathToFileURL(draftPath()).toString();
        const doc = analyze(text, undefined, version);
        const first = knowledge.contextFor(uri, version, doc)!;
        assert.equal(first.jarsKnown, false);
        await arrived;
        const ctx = knowledge.contextFor(uri, version, doc)!;
        assert.equal(ctx.jarsKnown, true);
        assert.equal(ctx.byClass.get('com.example.udf.MaskEmail')?.maxArgs, 2);
        assert.deepEqual(diagnostics(doc, { udfs: ctx }).filter((d) => d.severity === DiagnosticSeverity.Error), []);

        const cluster = await sharedClusterOf(version);
        const events: ExecuteEvent[] = [];
        for await (const e of execute(text, { gatewayUrl: cluster.gatewayUrl, restUrl: cluster.restUrl }, { jars: await draftJars(draftPath()) })) events.push(e);
        const error = events.find((e) => e.type === 'error');
        assert.equal(error, undefined, error && error.type === 'error' ? error.message : '');
        const rows = events.flatMap((e) => (e.type === 'rows' ? e.rows.map((r) => r.fields) : []));
        assert.deepEqual(rows.map((r) => r.join(' ')).sort(), [
          'a**@example.com a##@example.com big 3', 'a**@example.com a##@example.com data 4',
          'b**@x.org b##@x.org big 3', 'b**@x.org b##@x.org data 4',
        ]);
      });

      it('Validate refuses a call with the wrong argument count on the planner, where our diagnostic says so too', async () => {
        const wrong = fs.readFileSync(draftPath(), 'utf8').replace("mask_email(e, '#')", "mask_email(e, '#', 'x')");
        const line = wrong.split('\n').findIndex((l) => l.includes("'#', 'x'"));
        const knowledge = new UdfKnowledge(() => undefined);
        const uri = pathToFileURL(draftPath()).toString();
        const doc = analyze(wrong, undefined, version);
        knowledge.contextFor(uri, version, doc);
        // answered from the cache the previous test filled: no JVM this time
        let ctx = knowledge.contextFor(uri, version, doc)!;
        for (let i = 0; i < 50 && !ctx.jarsKnown; i++) {
          await new Promise((r) => setTimeout(r, 100));
          ctx = knowledge.contextFor(uri, version, doc)!;
        }
        assert.equal(ctx.jarsKnown, true);
        const ours = diagnostics(doc, { udfs: ctx }).filter((d) => d.severity === DiagnosticSeverity.Error);
        assert.deepEqual(ours.map((d) => [d.code, d.range.start.line]), [['flink-argument-count', line]]);

        const cluster = await sharedClusterOf(version);
        const r = await validate(wrong, { gatewayUrl: cluster.gatewayUrl, restUrl: cluster.restUrl }, { flinkVersion: version, jars: await draftJars(draftPath()) });
        const theirs = r.diagnostics.filter((d) => d.source === 'flink');
        log(`Flink ${version}: Validate says: ${msg(theirs[0] ?? { message: 'nothing' } as Diagnostic).split('\n')[0]}`);
        assert.equal(theirs.length, 1, JSON.stringify(theirs.map(msg)));
        assert.equal(theirs[0].range.start.line, line);
        // the same words: the call and the signatures Flink supports
        const head = (d: Diagnostic) => msg(d).split('(')[0];
        assert.equal(head(ours[0]), head(theirs[0]));
        assert.match(msg(theirs[0]), /mask_email\(email STRING\)\s+mask_email\(email STRING, mask STRING\)/);
        assert.match(msg(ours[0]), /mask_email\(email STRING\)\s+mask_email\(email STRING, mask STRING\)/);
        // and the draft as registered validates clean on the planner (the jar reached the session)
        const ok = await validate(fs.readFileSync(draftPath(), 'utf8'), { gatewayUrl: cluster.gatewayUrl, restUrl: cluster.restUrl }, { flinkVersion: version, jars: await draftJars(draftPath()) });
        assert.deepEqual(ok.diagnostics.filter((d) => d.source === 'flink').map(msg), []);
      });
    });
  }

  it('Publish ships the jar dependency: a job calling the UDF runs on the session cluster (Flink 2.3)', async () => {
    const ws = path.join(work, 'publish');
    fs.mkdirSync(ws);
    const configPath = path.join(ws, 'masked.deployment.yaml');
    fs.writeFileSync(configPath, withDependency(CONFIG('2.3').replace('name: users', 'name: masked'), configPath, jar)!);
    fs.writeFileSync(path.join(ws, 'masked.flink.sql'), `CREATE TEMPORARY FUNCTION mask_email AS 'com.example.udf.MaskEmail';
CREATE TEMPORARY TABLE users (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '5');
CREATE TEMPORARY TABLE masked (email STRING) WITH ('connector' = 'blackhole');
INSERT INTO masked SELECT mask_email(CONCAT('user', CAST(id AS STRING), '@example.com'), '#') FROM users;
`);
    const cluster = await sharedClusterOf('2.3');
    const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'server/src/cli/main.ts'), 'publish', path.join(ws, 'masked.flink.sql'),
      '--dir', ws, '--gateway', cluster.gatewayUrl, '--rest', cluster.restUrl!, '--format', 'json'],
    { encoding: 'utf8', timeout: 200_000, env: { ...process.env, FLINK_SQL_GATEWAY: '', FLINK_SQL_REST: '' } });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { state: string; jobId: string; runningAfterMs: number };
    const jm = new JobManagerClient(cluster.restUrl!);
    try {
      assert.equal(out.state, 'RUNNING');
      log(`publish of a draft calling the UDF → RUNNING in ${out.runningAfterMs} ms`);
      // a few seconds of rows through the UDF, and no failure
      await new Promise((res) => setTimeout(res, 3_000));
      assert.equal(await jm.jobStatus(out.jobId), 'RUNNING');
    } finally {
      await jm.cancel(out.jobId).catch(() => undefined);
    }
  });

  describe('from the editor (the language server over stdio, Flink 2.3)', () => {
    let server: StdioServer;
    const published = new Map<string, Diagnostic[]>();
    let ws: string;
    const draft = () => path.join(ws, 'lsp.flink.sql');
    const uri = () => pathToFileURL(draft()).toString();
    before(async () => {
      ws = path.join(work, 'lsp');
      fs.mkdirSync(ws);
      fs.writeFileSync(path.join(ws, 'lsp.deployment.yaml'), CONFIG('2.3'));
      fs.writeFileSync(draft(), DRAFT);
      // a JAR draft whose built jar is the UDF jar: offered as a candidate
      fs.writeFileSync(path.join(work, 'udf.deployment.yaml'), 'name: udf\ntype: JAR\ntarget: session\njar:\n  project: udf\n  entryClass: com.example.udf.MaskEmail\n');
      server = await startStdioServer({ register: (c) => c.onNotification(PublishDiagnosticsNotification.type, (p) => { published.set(p.uri, p.diagnostics); }) });
    });
    after(() => stopStdioServer(server));

    it('offers the JAR draft\'s jar, lists its functions, registers them, then completes and checks their calls', async () => {
      const c = server.connection;
      await c.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(), languageId: 'flink-sql', version: 1, text: DRAFT } });
      const candidates = await c.sendRequest(RegisterUdfsRequest, { uri: uri(), workspaceDir: work });
      assert.deepEqual(candidates.candidates?.map((x) => x.path), [jar]);
      const t0 = Date.now();
      const listed = await c.sendRequest(RegisterUdfsRequest, { uri: uri(), artifact: jar });
      assert.equal(listed.ok, true, listed.error);
      assert.deepEqual(listed.functions?.map((f) => f.className).sort(), ['com.example.udf.LongestLength', 'com.example.udf.MaskEmail', 'com.example.udf.Noisy', 'com.example.udf.Prefixer', 'com.example.udf.SplitWords']);
      log(`editor: listed in ${Date.now() - t0} ms (${listed.summary})`);
      const reg = await c.sendRequest(RegisterUdfsRequest, { uri: uri(), artifact: jar, register: [
        { name: 'mask_email', className: 'com.example.udf.MaskEmail' }, { name: 'split_words', className: 'com.example.udf.SplitWords' },
      ] });
      assert.equal(reg.ok, true, reg.error);
      assert.deepEqual(reg.draftEdit, { position: { line: 0, character: 39 }, text:
        "\nCREATE TEMPORARY FUNCTION mask_email AS 'com.example.udf.MaskEmail';\nCREATE TEMPORARY FUNCTION split_words AS 'com.example.udf.SplitWords';" });
      assert.match(reg.configEdit?.text ?? '', /dependencies: \[ \.\.\/udf\/target\/udf-fixture\.jar \] # UDF and connector jars/);
      // what the client does with the answer: insert, write the config
      const lines = DRAFT.split('\n');
      lines[0] += reg.draftEdit!.text;
      const registered = lines.join('\n').replace("mask_email(e, '#')", "mask_email(e, '#', 'x')");
      fs.writeFileSync(path.join(ws, 'lsp.deployment.yaml'), reg.configEdit!.text);
      fs.writeFileSync(draft(), registered);
      await c.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(), languageId: 'flink-sql', version: 2, text: registered } });
      // the jar's answer arrives in the background (cached by the listing above), then the draft is checked again
      const deadline = Date.now() + 30_000;
      let count: Diagnostic | undefined;
      while (!count && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        count = published.get(uri())?.find((d) => d.code === 'flink-argument-count');
      }
      assert.ok(count, JSON.stringify(published.get(uri())));
      assert.equal(count.range.start.line, registered.split('\n').findIndex((l) => l.includes("'#', 'x'")));
      const items = await c.sendRequest(CompletionRequest.type, { textDocument: { uri: uri() }, position: { line: 4, character: 9 } });
      const list = Array.isArray(items) ? items : items?.items ?? [];
      assert.equal(list.find((i) => i.label === 'mask_email')?.detail, 'mask_email(email STRING) → STRING');
    });
  });
});
