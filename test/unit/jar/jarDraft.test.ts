// JAR drafts without a cluster: New Draft's files (a buildable Maven project named by the config), the config's
// rules, Maven's errors on their Java lines, and a failing main's message and first frame in the project.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDeployment } from '../../../server/src/deployment';
import { newDraftFiles, SEED_SAMPLE } from '../../../server/src/deployment/newDraft';
import { HttpStatusError } from '../../../server/src/flink/http';
import { JobManagerError } from '../../../server/src/flink/restClient';
import { JarDraftError, mainError, readJarDraft } from '../../../server/src/jar/jarDraft';
import { jarProjectNames } from '../../../server/src/jar/jarScaffold';
import { parseMavenProblems } from '../../../server/src/jar/mavenBuild';

const ROOT = path.resolve(__dirname, '../../..');

describe('JAR drafts', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jar-unit-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('New Draft → JAR: a Maven project beside a config that names it, for the draft\'s Flink version', () => {
    const files = newDraftFiles({ name: 'order-totals', type: 'JAR', target: 'session', flinkVersion: '1.20' });
    assert.deepEqual(Object.keys(files).sort(), [
      'order-totals.deployment.yaml', 'order-totals/.gitignore', 'order-totals/pom.xml', 'order-totals/src/main/java/com/example/ordertotals/OrderTotalsJob.java',
    ]);
    assert.match(files['order-totals/pom.xml'], /<flink.version>1\.20\.\d+<\/flink.version>/);
    assert.match(files['order-totals/pom.xml'], /<scope>provided<\/scope>/);
    assert.match(files['order-totals/pom.xml'], /<mainClass>com\.example\.ordertotals\.OrderTotalsJob<\/mainClass>/);
    const parsed = parseDeployment(files['order-totals.deployment.yaml']);
    assert.deepEqual(parsed.diagnostics.filter((d) => d.severity === 1), []);
    assert.deepEqual(parsed.config?.jar, { project: 'order-totals', entryClass: 'com.example.ordertotals.OrderTotalsJob', args: [], allowNonRestoredState: false });
    assert.equal(jarProjectNames('ordersJob').className, 'OrdersJob', 'no JobJob');
  });

  it('New Draft → SQL writes the seed sample; PYTHON its script and config (python/pythonScaffold.test.ts)', () => {
    assert.equal(SEED_SAMPLE, fs.readFileSync(path.join(ROOT, 'examples', 'datagen-to-blackhole.flink.sql'), 'utf8'));
    assert.equal(newDraftFiles({ name: 'a', type: 'SQL', target: 'session' })['a.flink.sql'], SEED_SAMPLE);
    assert.deepEqual(Object.keys(newDraftFiles({ name: 'p', type: 'PYTHON', target: 'session' })).sort(), ['p.deployment.yaml', 'p.py']);
  });

  it('a JAR config needs its project or jar, and only JAR drafts take one', () => {
    const errors = (yaml: string) => parseDeployment(yaml).diagnostics.filter((d) => d.severity === 1).map((d) => String(d.message));
    assert.match(errors('name: a\ntype: JAR\ntarget: session\n')[0], /a JAR draft names its job/);
    assert.match(errors('name: a\ntype: JAR\ntarget: session\njar: { project: a, file: a.jar }\n')[0], /one of them/);
    assert.match(errors('name: a\ntype: SQL\ntarget: session\njar: { project: a }\n')[0], /jar is for JAR drafts/);
    assert.match(errors('name: a\ntype: JAR\ntarget: session\njar: { file: a.zip }\n')[0], /jar\.file must name a \.jar file/);
    assert.match(errors('name: a\ntype: JAR\ntarget: session\njar: { file: a.jar, entryClass: "not a class" }\n')[0], /is not a Java class name/);
  });

  it('reads a JAR draft with its paths resolved beside the config; other types are not JAR drafts', () => {
    fs.writeFileSync(path.join(dir, 'j.deployment.yaml'), 'name: j\ntype: JAR\ntarget: session\nparallelism: 2\njar: { project: proj, args: ["7"] }\n');
    const d = readJarDraft(path.join(dir, 'j.deployment.yaml'))!;
    assert.equal(d.projectDir, path.join(dir, 'proj'));
    assert.deepEqual([d.run.args, d.run.parallelism], [['7'], 2]);
    fs.writeFileSync(path.join(dir, 's.deployment.yaml'), 'name: s\ntype: SQL\ntarget: session\n');
    assert.equal(readJarDraft(path.join(dir, 's.deployment.yaml')), undefined);
    fs.writeFileSync(path.join(dir, 'b.deployment.yaml'), 'name: b\ntype: JAR\ntarget: nowhere\n');
    assert.throws(() => readJarDraft(path.join(dir, 'b.deployment.yaml')), (e: unknown) => e instanceof JarDraftError && /b\.deployment\.yaml:3: target must be one of/.test(e.message));
  });

  it('puts javac errors on their file and line (once each), and anything else on the pom', () => {
    const out = [
      '[INFO] Compiling 1 source file',
      '[ERROR] COMPILATION ERROR : ',
      '[ERROR] /w/p/src/main/java/a/Job.java:[28,12] cannot find symbol',
      '[INFO] 1 error',
      '[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.13.0:compile (default-compile) on project p: Compilation failure',
      '[ERROR] /w/p/src/main/java/a/Job.java:[28,12] cannot find symbol',
    ].join('\n');
    assert.deepEqual(parseMavenProblems(out, '/w/p'), [{ file: '/w/p/src/main/java/a/Job.java', line: 28, column: 12, message: 'cannot find symbol' }]);
    assert.deepEqual(parseMavenProblems('[ERROR] Non-resolvable parent POM\n[ERROR] \n', '/w/p'), [{ file: '/w/p/pom.xml', line: 0, column: 0, message: 'Non-resolvable parent POM' }]);
  });

  it('reports a failing main by its cause, at its first frame in the project\'s sources', () => {
    const src = path.join(dir, 'src', 'main', 'java', 'com', 'example', 'orders');
    fs.mkdirSync(src, { recursive: true });
    fs.writeFileSync(path.join(src, 'OrdersJob.java'), 'class OrdersJob {}\n');
    const trace = 'java.util.concurrent.CompletionException: org.apache.flink.client.program.ProgramInvocationException: The main method caused an error: too many arguments: 2\n'
      + '\tat org.apache.flink.runtime.webmonitor.handlers.JarPlanHandler.handleRequest(JarPlanHandler.java:60)\n'
      + 'Caused by: org.apache.flink.client.program.ProgramInvocationException: The main method caused an error: too many arguments: 2\n'
      + 'Caused by: java.lang.IllegalArgumentException: too many arguments: 2\n'
      + '\tat com.example.orders.OrdersJob.main(OrdersJob.java:18)\n'
      + '\tat java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)\n';
    const body = JSON.stringify({ errors: ['Internal server error.', `<Exception on server side:\n${trace}\nEnd of exception on server side>`] });
    const e = mainError(new JobManagerError('HTTP 500', 500, new HttpStatusError('http://jm/jars/x/plan', 500, body)), { projectDir: dir, run: {} });
    assert.ok(e instanceof JarDraftError);
    assert.equal(e.message, "The job's main failed: java.lang.IllegalArgumentException: too many arguments: 2");
    assert.deepEqual(e.location, { file: path.join(src, 'OrdersJob.java'), line: 18 });
  });
});
