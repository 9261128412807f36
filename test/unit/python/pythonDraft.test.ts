// PYTHON drafts without a cluster: New Draft's files, the config's python: section, the draft of a script, the
// driver's run request, a traceback (as Flink 2.3 and 1.20 return it from /jars/:id/plan) → message and line, and
// what a first use would provision. The script is compiled by the real python3.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { consentDetail, consentMessage } from '../../../client/src/install/installText';
import { sourceOf } from '../../../server/src/cli/cliProvisioner';
import { parseDeployment } from '../../../server/src/deployment';
import { newDraftFiles } from '../../../server/src/deployment/newDraft';
import { DeploymentStore } from '../../../server/src/deploy/store';
import { readPublishSource, storedSource } from '../../../server/src/deploy/draftSource';
import { buildManifest, runnerDockerfile } from '../../../server/src/deploy/k8sExport';
import { ensurePyFlink, pyflinkPlan, pyflinkStatus, PYTHON_ENV } from '../../../server/src/python/pyflinkEnv';
import { setProvisioner } from '../../../server/src/flink/ensureFlink';
import { HttpStatusError } from '../../../server/src/flink/http';
import { JobManagerError } from '../../../server/src/flink/restClient';
import { findJarDraft } from '../../../server/src/jar/findJarDraft';
import { allowsNonRestoredState, jarArtifact, JarDraftError, mainError, readJarDraft } from '../../../server/src/jar/jarDraft';
import { parsePythonFailure, PYTHON_DRIVER, withPython } from '../../../server/src/python/pythonDraft';

function write(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
}

/** The JobManager's 500 of a plan whose script failed, as Flink builds it (PackagedProgramUtils.generateException). */
function driverError(stdout: string, cause = 'java.lang.RuntimeException: Python process exits with code: 1'): string {
  return 'org.apache.flink.client.program.ProgramInvocationException: The program caused an error: \n\n'
    + 'Classpath: [file:/tmp/flink-web-upload/x_flink-python-2.3.0.jar]\n\n'
    + `System.out: ${stdout}\n\nSystem.err: (none)\n`
    + '\tat org.apache.flink.client.program.PackagedProgramUtils.generateException(PackagedProgramUtils.java:241)\n'
    + `Caused by: org.apache.flink.client.program.ProgramAbortException: ${cause}\n`
    + '\tat org.apache.flink.client.python.PythonDriver.main(PythonDriver.java:140)\n';
}

const SYNTAX = `  File "/w/orders.py", line 4
    def main()
              ^
SyntaxError: expected ':'
`;

const PY4J = `Traceback (most recent call last):
  File "/w/orders.py", line 27, in <module>
    main()
  File "/w/orders.py", line 23, in main
    stmts.add_insert_sql("INSERT INTO printed SELECT order_id, amount FROM orderz")
  File "/venv/lib/python3.11/site-packages/pyflink/table/statement_set.py", line 68, in add_insert_sql
    self._j_statement_set.addInsertSql(stmt)
  File "/venv/lib/python3.11/site-packages/py4j/protocol.py", line 326, in get_return_value
    raise Py4JJavaError(
py4j.protocol.Py4JJavaError: An error occurred while calling o66.addInsertSql.
: org.apache.flink.table.api.ValidationException: SQL validation failed. SQL validation failed. From line 1, column 50 to line 1, column 55: Object 'orderz' not found
\tat org.apache.flink.table.planner.calcite.FlinkPlannerImpl.validate(FlinkPlannerImpl.scala:119)
Caused by: org.apache.flink.table.api.ValidationException: SQL validation failed. From line 1, column 50 to line 1, column 55: Object 'orderz' not found
\tat org.apache.flink.table.planner.calcite.FlinkPlannerImpl.validate(FlinkPlannerImpl.scala:119)
Caused by: org.apache.calcite.runtime.CalciteContextException: From line 1, column 50 to line 1, column 55: Object 'orderz' not found
\tat java.base/jdk.internal.reflect.NativeConstructorAccessorImpl.newInstance0(Native Method)
`;

describe('PYTHON drafts', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'python-unit-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('New Draft → PYTHON: a PyFlink script that compiles, beside a config that names it', () => {
    const files = newDraftFiles({ name: 'order-totals', type: 'PYTHON', target: 'session', flinkVersion: '1.20' });
    assert.deepEqual(Object.keys(files).sort(), ['order-totals.deployment.yaml', 'order-totals.py']);
    const parsed = parseDeployment(files['order-totals.deployment.yaml']);
    assert.deepEqual(parsed.diagnostics.filter((d) => d.severity === 1), []);
    assert.equal(parsed.config?.type, 'PYTHON');
    assert.equal(parsed.config?.flinkVersion, '1.20');
    assert.deepEqual(parsed.config?.python, { file: 'order-totals.py', args: [], allowNonRestoredState: false });
    write(dir, files);
    const compiled = spawnSync('python3', ['-m', 'py_compile', path.join(dir, 'order-totals.py')], { encoding: 'utf8' });
    assert.equal(compiled.status, 0, compiled.stderr);
    assert.match(files['order-totals.py'], /create_statement_set\(\)/);
    assert.match(files['order-totals.py'], /'connector' = 'datagen'/);
  });

  it('a PYTHON config needs its script, and only PYTHON drafts take one', () => {
    const errors = (yaml: string) => parseDeployment(yaml).diagnostics.filter((d) => d.severity === 1).map((d) => String(d.message));
    assert.match(errors('name: a\ntype: PYTHON\ntarget: session\n')[0], /a PYTHON draft names its script/);
    assert.match(errors('name: a\ntype: PYTHON\ntarget: session\npython: { file: a.txt }\n')[0], /python\.file must name a \.py file/);
    assert.match(errors('name: a\ntype: SQL\ntarget: session\npython: { file: a.py }\n')[0], /python is for PYTHON drafts/);
    assert.match(errors('name: a\ntype: PYTHON\ntarget: session\npython: { file: a.py, args: 3 }\n')[0], /python\.args must be a list/);
    assert.deepEqual(errors('name: a\ntype: PYTHON\ntarget: session\npython: { file: jobs/a.py, args: ["5"], allowNonRestoredState: true }\n'), []);
  });

  it('the draft of its config and of its script: the script, its args and the restore setting', () => {
    write(dir, newDraftFiles({ name: 'orders', type: 'PYTHON', target: 'session' }));
    fs.writeFileSync(path.join(dir, 'other.py'), 'print(1)\n');
    const d = readJarDraft(path.join(dir, 'orders.deployment.yaml'));
    assert.equal(d?.python?.file, path.join(dir, 'orders.py'));
    assert.deepEqual(d?.run.args, []);
    assert.equal(allowsNonRestoredState(d!), false);
    assert.equal(findJarDraft(path.join(dir, 'orders.py'), dir)?.configPath, path.join(dir, 'orders.deployment.yaml'));
    assert.equal(findJarDraft(path.join(dir, 'other.py'), dir), undefined, 'a script no config names');
    // Publish from the script: the config is the draft.
    const source = readPublishSource(path.join(dir, 'orders.py'));
    assert.equal(source.draftPath, path.join(dir, 'orders.deployment.yaml'));
    assert.equal(source.jar?.python?.file, path.join(dir, 'orders.py'));
    assert.throws(() => readPublishSource(path.join(dir, 'other.py')), /not the script of a PYTHON draft/);
  });

  it('a missing script is a clear error on the config, before anything is submitted', async () => {
    write(dir, newDraftFiles({ name: 'orders', type: 'PYTHON', target: 'session' }));
    fs.rmSync(path.join(dir, 'orders.py'));
    const d = readJarDraft(path.join(dir, 'orders.deployment.yaml'))!;
    await assert.rejects(jarArtifact(d), (e: unknown) => e instanceof JarDraftError && /no such Python script \(python\.file in/.test(e.message) && e.location?.file === d.configPath);
  });

  it('runs through the driver: -py <script> then the script\'s args, the interpreter for the client and the workers', () => {
    const run = withPython({ args: ['5'], parallelism: 2, flinkConfiguration: { 'pipeline.name': 'orders' } }, '/v/3/orders.py', '/env/bin/python');
    assert.equal(run.entryClass, PYTHON_DRIVER);
    assert.deepEqual(run.args, ['-py', '/v/3/orders.py', '5']);
    assert.equal(run.parallelism, 2);
    assert.deepEqual(run.flinkConfiguration, { 'pipeline.name': 'orders', 'python.client.executable': '/env/bin/python', 'python.executable': '/env/bin/python' });
  });

  it('a traceback → its message and the script\'s line: a syntax error, a Java error through py4j, a missing interpreter', () => {
    assert.deepEqual(parsePythonFailure(driverError(SYNTAX), '/w/orders.py'), { message: 'SyntaxError: expected \':\'', line: 4 });
    assert.deepEqual(parsePythonFailure(driverError(PY4J), '/w/orders.py'),
      { message: 'CalciteContextException: From line 1, column 50 to line 1, column 55: Object \'orderz\' not found', line: 23 });
    const name = parsePythonFailure(driverError('Traceback (most recent call last):\n  File "/w/orders.py", line 9, in <module>\n    mian()\nNameError: name \'mian\' is not defined\n'), '/w/orders.py');
    assert.deepEqual(name, { message: 'NameError: name \'mian\' is not defined', line: 9 });
    const noPython = parsePythonFailure(driverError('(none)', 'java.io.IOException: Cannot run program "/nope/python": error=2, No such file or directory'), '/w/orders.py');
    assert.match(noPython!.message, /could not start the interpreter \/nope\/python: error=2, No such file or directory/);
    assert.equal(noPython!.line, undefined);
    assert.equal(parsePythonFailure('java.lang.OutOfMemoryError', '/w/orders.py'), undefined);
    // A JobManager started without FLINK_OPT_DIR (as Flink 2.3 answers /jars/:id/plan then).
    const noOpt = parsePythonFailure('java.lang.NullPointerException\n\tat java.base/java.util.Objects.requireNonNull(Objects.java:209)\n\tat org.apache.flink.client.program.PackagedProgramUtils.getOptJar(PackagedProgramUtils.java:255)\n\tat org.apache.flink.client.program.PackagedProgramUtils.getPythonJar(PackagedProgramUtils.java:200)\n', '/w/orders.py');
    assert.match(noOpt!.message, /cannot find Flink's Python driver .*restart the local cluster/);
  });

  it('the JobManager\'s 500 of a script that failed becomes an error on the draft\'s script and line (a stored copy maps back)', () => {
    const body = JSON.stringify({ errors: ['Internal server error.', `<Exception on server side:\n${driverError(SYNTAX.replace('/w/orders.py', '/ws/.flink/deployments/orders/v3/orders.py'))}\nEnd of exception on server side>`] });
    const e = mainError(new JobManagerError('HTTP 500', 500, new HttpStatusError('http://jm/jars/x/plan', 500, body)),
      { python: { file: '/w/orders.py' }, run: {} }, '/ws/.flink/deployments/orders/v3/orders.py');
    assert.ok(e instanceof JarDraftError);
    assert.equal(e.message, 'The Python script failed: SyntaxError: expected \':\'');
    assert.deepEqual(e.location, { file: '/w/orders.py', line: 4 });
  });

  it('first use: the plan names the environment and the driver jar; the user\'s interpreter needs only the jar', async () => {
    const env = { HOME: dir } as NodeJS.ProcessEnv;
    const plan = pyflinkPlan('2.3', dir, env);
    assert.equal(plan.flinkVersion, '2.3.0');
    assert.deepEqual(plan.items.map((i) => [i.kind, i.name, i.dir]), [['pyflink', 'PyFlink 2.3.0', path.join(dir, 'pyflink', '2.3.0')]]);
    assert.ok(plan.bytes > 700e6, 'the environment is hundreds of MB: the consent says so');
    assert.match(consentMessage({ what: 'PyFlink 2.3.0', bytes: plan.bytes, items: plan.items }), /PyFlink 2\.3\.0 \(about \d+ MB on disk: a Python virtual environment with apache-flink from PyPI, and Flink's Python driver jar from Maven\) is needed to run PYTHON drafts locally\./);
    assert.match(sourceOf(plan), /Python virtual environment/);
    assert.match(consentDetail({ installRoot: dir, items: plan.items }), /python3 -m venv, then pip .* installs apache-flink; Maven fetches the driver jar\. Or use your own interpreter/);
    const own = pyflinkStatus('1.20', dir, { ...env, [PYTHON_ENV]: '/opt/py/bin/python' });
    assert.equal(own.python, '/opt/py/bin/python');
    assert.equal(own.envReady, true);
    assert.equal(pyflinkPlan('1.20', dir, { ...env, [PYTHON_ENV]: '/opt/py/bin/python' }).bytes, 33408748, 'only the driver jar');
    setProvisioner(undefined);
    await assert.rejects(ensurePyFlink('2.3', dir, env), /PyFlink 2\.3\.0 \(a Python virtual environment with apache-flink 2\.3\.0, and Flink's Python driver jar\) is not installed in .*flinkSql\.python\.interpreter/);
  });

  it('a version stores the script under its own name, with its SHA-256, and a roll back runs that copy', () => {
    write(dir, newDraftFiles({ name: 'orders', type: 'PYTHON', target: 'session' }));
    const store = new DeploymentStore(dir);
    fs.mkdirSync(store.files('orders', 1).dir, { recursive: true });
    const a = store.storeArtifact('orders', 1, path.join(dir, 'orders.py'));
    assert.equal(a.file, 'orders.py');
    assert.equal(a.bytes, fs.statSync(path.join(dir, 'orders.py')).size);
    assert.match(a.sha256, /^[0-9a-f]{64}$/);
    const stored = path.join(store.files('orders', 1).dir, a.file);
    const source = storedSource(path.join(dir, 'orders.deployment.yaml'), '', fs.readFileSync(path.join(dir, 'orders.deployment.yaml'), 'utf8'), 'session', stored);
    assert.equal(source.jar?.python?.file, stored);
    assert.throws(() => storedSource(path.join(dir, 'orders.deployment.yaml'), '', fs.readFileSync(path.join(dir, 'orders.deployment.yaml'), 'utf8'), 'session', undefined), /no Python script to run again/);
  });

  it('the Kubernetes manifest: the operator\'s Python job on the image\'s Flink release, an image with PyFlink and the script', () => {
    write(dir, newDraftFiles({ name: 'orders', type: 'PYTHON', target: 'per-job', flinkVersion: '1.20' }));
    const config = path.join(dir, 'orders.deployment.yaml');
    fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace('# imageTag: 2.3.0-java17', 'imageTag: 1.20.1-java11').replace('args: []', 'args: ["5"]'));
    const m = buildManifest(readPublishSource(path.join(dir, 'orders.py'), 'k8s'), 1, dir);
    assert.equal(m.configMap, undefined, 'no SQL script ConfigMap');
    const spec = m.flinkDeployment.spec as { image: string; flinkConfiguration: Record<string, string>; job: Record<string, unknown> };
    assert.equal(spec.image, 'flink-job-orders:1.20.1-java11');
    assert.deepEqual([spec.job.jarURI, spec.job.entryClass, spec.job.args], [
      'local:///opt/flink/opt/flink-python-1.20.1.jar', 'org.apache.flink.client.python.PythonDriver',
      ['-pyclientexec', '/usr/local/bin/python3', '-py', '/opt/flink/usrlib/orders.py', '5'],
    ]);
    assert.equal(spec.flinkConfiguration['python.executable'], '/usr/local/bin/python3');
    assert.match(m.text, /^# The image is the Flink image with Python, PyFlink and the job's script/m);
    const dockerfile = runnerDockerfile('1.20.1-java11', { dir: 'orders-image', image: 'flink-job-orders', jarName: 'orders.py', python: { release: '1.20.1' } });
    assert.match(dockerfile, /^FROM \$\{FLINK_IMAGE\}$/m);
    assert.match(dockerfile, /ln -sf \/usr\/bin\/python3 \/usr\/local\/bin\/python3$/m);
    assert.match(dockerfile, /^RUN \/usr\/local\/bin\/python3 -m pip install --no-cache-dir apache-flink==1\.20\.1$/m);
    assert.match(dockerfile, /^COPY orders\.py \/opt\/flink\/usrlib\/orders\.py$/m);
  });
});
