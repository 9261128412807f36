// The language server's view of a draft's UDF artifacts, without a JVM: Python modules beside the draft read from
// their decorators, a missing or unreadable jar leaves the jars "not known" (so no class is ever flagged), and the
// workspace's JAR drafts offer their jars as candidates.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { UdfKnowledge } from '../../../server/src/lsp/udfKnowledge';
import { analyze, diagnostics } from '../../../server/src/service';
import { jarDraftJars, pythonModuleOf } from '../../../server/src/udf/artifacts';

describe('UDF knowledge of a draft', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'udf-knowledge-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads the Python module a LANGUAGE PYTHON registration names, beside the draft, and checks its declared count', () => {
    fs.mkdirSync(path.join(dir, 'udfs'));
    fs.writeFileSync(path.join(dir, 'udfs', 'text.py'), '@udf(input_types=[DataTypes.STRING()], result_type=DataTypes.STRING())\ndef shout(s):\n    return s.upper()\n');
    const text = "CREATE TEMPORARY FUNCTION shout AS 'udfs.text.shout' LANGUAGE PYTHON;\nSELECT shout('a', 'b');\n";
    const draft = path.join(dir, 'd.flink.sql');
    const doc = analyze(text);
    const ctx = new UdfKnowledge(() => undefined).contextFor(pathToFileURL(draft).toString(), '2.3', doc)!;
    assert.deepEqual(ctx.byClass.get('udfs.text.shout')?.signatures, [{ arguments: [{ name: 's', type: 'STRING' }], result: 'STRING' }]);
    const found = diagnostics(doc, { udfs: ctx }).filter((d) => d.code === 'flink-argument-count');
    assert.equal(found.length, 1);
    // our reading of a decorator, not Flink's inference: a Warning, never an Error
    assert.equal(found[0].severity, DiagnosticSeverity.Warning);
    assert.equal(pythonModuleOf(path.join(dir, 'udfs', 'text.py'), dir), 'udfs.text');
    assert.equal(pythonModuleOf('/elsewhere/lib.py', dir), 'lib');
  });

  it('notices an edited Python module without a keystroke, and stops looking when disposed', async () => {
    const file = path.join(dir, 'm.py');
    fs.writeFileSync(file, '@udf(result_type="INT")\ndef f(a):\n    return 1\n');
    let changes = 0;
    const knowledge = new UdfKnowledge(() => { changes++; }, () => undefined, 20);
    const text = "CREATE TEMPORARY FUNCTION f AS 'm.f' LANGUAGE PYTHON;\n";
    const uri = pathToFileURL(path.join(dir, 'd.flink.sql')).toString();
    assert.equal(knowledge.contextFor(uri, '2.3', analyze(text))!.byClass.get('m.f')?.signatures[0].result, 'INT');
    await new Promise((r) => setTimeout(r, 80));
    assert.equal(changes, 0);
    fs.writeFileSync(file, '@udf(result_type="BIGINT")\ndef f(a, b):\n    return 1\n');
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    await new Promise((r) => setTimeout(r, 80));
    assert.ok(changes >= 1);
    assert.equal(knowledge.contextFor(uri, '2.3', analyze(text))!.byClass.get('m.f')?.signatures[0].result, 'BIGINT');
    knowledge.dispose();
    const after = changes;
    fs.rmSync(file);
    await new Promise((r) => setTimeout(r, 80));
    assert.equal(changes, after);
  });

  it('leaves the jars not known while a dependency is missing, so a class is never flagged', () => {
    fs.writeFileSync(path.join(dir, 'd.deployment.yaml'), 'name: d\ntype: SQL\ntarget: session\ndependencies: [lib/missing.jar]\n');
    const text = "CREATE FUNCTION f AS 'com.example.Nope';\n";
    const ctx = new UdfKnowledge(() => undefined).contextFor(pathToFileURL(path.join(dir, 'd.flink.sql')).toString(), '2.3', analyze(text))!;
    assert.equal(ctx.jarsKnown, false);
    assert.deepEqual(ctx.jars, ['lib/missing.jar']);
    assert.deepEqual(diagnostics(analyze(text), { udfs: ctx }).filter((d) => d.code === 'udf-class-not-found'), []);
  });

  it('runs no code of a jar in an untrusted workspace: not known, nothing inspected, until trusted', async () => {
    fs.mkdirSync(path.join(dir, 'lib'));
    // not a real jar: inspecting it fails (and is logged) — which must not happen while untrusted
    fs.writeFileSync(path.join(dir, 'lib', 'udf.jar'), `not a jar ${Date.now()}`);
    fs.writeFileSync(path.join(dir, 'd.deployment.yaml'), 'name: d\ntype: SQL\ntarget: session\ndependencies: [lib/udf.jar]\n');
    const uri = pathToFileURL(path.join(dir, 'd.flink.sql')).toString();
    let trusted = false;
    const logged: string[] = [];
    const knowledge = new UdfKnowledge(() => undefined, (m) => logged.push(m), 60_000, () => trusted);
    assert.equal(knowledge.contextFor(uri, '2.3')!.jarsKnown, false);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(logged, []);
    assert.equal(knowledge.contextFor(uri, '2.3')!.jarsKnown, false);
    trusted = true;
    // as the server does after the grant: the drafts are checked again
    for (let i = 0; i < 100 && !logged.length; i++) {
      knowledge.contextFor(uri, '2.3');
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(logged.length, 1);
    assert.match(logged[0], /Could not list the functions of .*udf\.jar for Flink 2\.3/);
    knowledge.dispose();
  });

  it('offers the jars the workspace\'s JAR drafts built', () => {
    fs.mkdirSync(path.join(dir, 'job', 'target'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'job', 'pom.xml'), '<project/>');
    fs.writeFileSync(path.join(dir, 'job', 'target', 'job-1.0.jar'), 'PK');
    fs.writeFileSync(path.join(dir, 'job.deployment.yaml'), 'name: job\ntype: JAR\ntarget: session\njar:\n  project: job\n  entryClass: a.B\n');
    fs.writeFileSync(path.join(dir, 'sql.deployment.yaml'), 'name: sql\ntype: SQL\ntarget: session\n');
    assert.deepEqual(jarDraftJars(dir), [{ path: path.join(dir, 'job', 'target', 'job-1.0.jar'), label: 'job-1.0.jar', detail: 'built by the JAR draft job' }]);
  });
});
