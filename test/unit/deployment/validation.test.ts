// Every validation rule of the deployment config, each on the line and column of the YAML it is about.
import * as assert from 'assert';
import * as path from 'path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { parseDeployment, renderDeploymentTemplate } from '../../../server/src/deployment';
import { brief, HEAD, positionOf } from './helpers';

const E: DiagnosticSeverity = DiagnosticSeverity.Error;
const W: DiagnosticSeverity = DiagnosticSeverity.Warning;

/** Parses `text`, expects exactly one diagnostic matching `message` at the position of `at`. */
function expectOne(text: string, message: RegExp, at: string, severity = E, after = ''): void {
  const { diagnostics, config } = parseDeployment(text);
  const matching = diagnostics.filter((d) => message.test(String(d.message)));
  assert.strictEqual(matching.length, 1, `${message} in:\n${brief(diagnostics)}`);
  const d = matching[0]!;
  assert.strictEqual(d.severity, severity, brief([d]));
  assert.deepStrictEqual(d.range.start, positionOf(text, at, after), `${brief([d])} expected at "${at}"`);
  if (severity === E) assert.strictEqual(config, undefined, 'an error leaves no config');
}

describe('deployment config validation', () => {
  it('accepts the New Draft template and the issue\'s example without a diagnostic', () => {
    for (const target of ['per-job', 'session'] as const) {
      const r = parseDeployment(renderDeploymentTemplate({ name: 'orders', type: 'SQL', target }));
      assert.deepStrictEqual(r.diagnostics, [], brief(r.diagnostics));
      assert.ok(r.config);
    }
    const example = `${HEAD}parallelism: 2
dependencies: [udf/my-udfs.jar, org.apache.flink:flink-sql-connector-kafka:5.0.0-2.2]
flinkVersion: "2.3"
imageTag: 2.3.0-java17
kerberos: { keytab: secrets/flink.keytab, principal: flink@EXAMPLE.COM, krb5Conf: secrets/krb5.conf }
behavior: { restoreStrategy: latest-state, maxJobCreationAttempts: 4, stopWithDrain: false }
checkpointing: { interval: 10 s, minPause: 5 s, retention: only-when-failed, unaligned: false }
restartStrategy: { type: fixed-delay, attempts: 3, delay: 10 s }
highAvailability: { type: none }
flinkConfiguration: { table.exec.state.ttl: 1 h }
resources: { taskManagers: 2, jobManager: { cpu: 1, memory: 1 GiB }, taskManager: { cpu: 1, memory: 2 GiB, slots: 1 } }
logging: { rootLevel: INFO, loggers: { org.apache.kafka: WARN }, profile: default }
`;
    const r = parseDeployment(example);
    assert.deepStrictEqual(r.diagnostics, [], brief(r.diagnostics));
    assert.strictEqual(r.config?.checkpointing.minPause, '5 s');
  });

  it('requires name, type and target, and a mapping', () => {
    expectOne('type: SQL\ntarget: per-job\n', /^name is missing/, 'type');
    expectOne('name: a\ntype: SQL\n', /^target is missing/, 'name');
    expectOne('- a\n', /expected a YAML mapping/, '- a');
    expectOne('', /expected a YAML mapping/, '');
  });

  it('reports YAML syntax errors and duplicate keys where they are', () => {
    expectOne(`${HEAD}parallelism: 2: 3\n`, /not valid YAML: Nested mappings are not allowed/, '2: 3');
    expectOne(`${HEAD}resources:\n\tslots: 2\n`, /not valid YAML: Tabs are not allowed as indentation/, '\tslots');
    expectOne(`${HEAD}parallelism: 2\nparallelism: 3\n`, /not valid YAML: Map keys must be unique/, 'parallelism: 3');
  });

  it('names an unknown key, with the key it was probably meant to be', () => {
    expectOne(`${HEAD}paralelism: 2\n`, /unknown key "paralelism"; did you mean parallelism\?/, 'paralelism');
    expectOne(`${HEAD}checkpointing:\n  intervall: 10 s\n`, /checkpointing: unknown key "intervall"; did you mean interval/, 'intervall');
    expectOne(`${HEAD}resources:\n  taskManager: { cpus: 1 }\n`, /resources.taskManager: unknown key "cpus"; did you mean cpu/, 'cpus');
    expectOne(`${HEAD}restartStrategy: { type: none, attempts: 3 }\n`, /unknown key "attempts"/, 'attempts');
  });

  it('checks types and ranges on the value', () => {
    expectOne(`${HEAD}parallelism: 0\n`, /parallelism must be at least 1/, '0');
    expectOne(`${HEAD}parallelism: two\n`, /parallelism must be a whole number/, 'two');
    expectOne(`${HEAD}parallelism: 1.5\n`, /parallelism must be a whole number/, '1.5');
    expectOne(`${HEAD.replace('SQL', 'SCALA')}`, /type must be one of SQL, JAR, PYTHON/, 'SCALA');
    expectOne(`${HEAD.replace('per-job', 'yarn')}`, /target must be one of per-job, session/, 'yarn');
    expectOne(`${HEAD}behavior: { maxJobCreationAttempts: 0 }\n`, /maxJobCreationAttempts must be at least 1/, '0');
    expectOne(`${HEAD}behavior: { restoreStrategy: latest }\n`, /restoreStrategy must be one of latest-state, latest-savepoint, none/, 'latest }');
    expectOne(`${HEAD}behavior: { stopWithDrain: maybe }\n`, /stopWithDrain must be true or false/, 'maybe');
    expectOne(`${HEAD}resources: { jobManager: { cpu: 0 } }\n`, /jobManager.cpu must be more than 0/, '0 }');
    expectOne(`${HEAD}logging: { rootLevel: LOUD }\n`, /rootLevel must be one of TRACE, DEBUG, INFO, WARN, ERROR/, 'LOUD');
    expectOne(`${HEAD}logging: { loggers: { org.apache.kafka: QUIET } }\n`, /a logger level must be one of/, 'QUIET');
    expectOne(`${HEAD}dependencies: udf.jar\n`, /dependencies must be a list/, 'udf.jar');
    expectOne(`${HEAD}dependencies: [udf.zip]\n`, /"udf.zip" is neither a jar path/, 'udf.zip');
    expectOne(`${HEAD}restartStrategy: { type: sometimes }\n`, /restartStrategy.type must be one of none, fixed-delay, failure-rate/, 'sometimes');
    expectOne(`${HEAD}highAvailability: { type: kubernetes }\n`, /highAvailability.storageDir is missing/, '{ type: kubernetes }');
    expectOne(`${HEAD}flinkVersion: 1.20\n`, /flinkVersion must be one of "2.3", "1.20" \(quote it/, '1.20');
    expectOne(`${HEAD}flinkVersion: "1.19"\n`, /flinkVersion must be one of/, '"1.19"');
  });

  it('rejects memory below the minimums and sizes or durations with bad units', () => {
    expectOne(`${HEAD}resources: { jobManager: { memory: 256m } }\n`, /jobManager.memory must be at least 500 MiB \(got 256 MiB\)/, '256m');
    expectOne(`${HEAD}resources: { taskManager: { memory: 1000 MiB } }\n`, /taskManager.memory must be at least 1 GiB/, '1000 MiB');
    expectOne(`${HEAD}resources: { taskManager: { memory: 2 gigs } }\n`, /"2 gigs" is not a memory size/, '2 gigs');
    expectOne(`${HEAD}checkpointing: { interval: 10 lightyears }\n`, /"10 lightyears" is not a duration/, '10 lightyears');
    expectOne(`${HEAD}restartStrategy: { type: fixed-delay, delay: soon }\n`, /restartStrategy.delay: "soon" is not a duration/, 'soon');
  });

  it('refuses a retention without an interval, and half a Kerberos', () => {
    expectOne(`${HEAD}checkpointing: { retention: always }\n`, /retention "always" needs a checkpointing.interval/, 'always');
    const half = `${HEAD}kerberos: { keytab: a.keytab }\n`;
    const { diagnostics } = parseDeployment(half);
    assert.deepStrictEqual(diagnostics.map((d) => d.message), [
      'kerberos needs keytab, principal and krb5Conf, or none of them: principal is missing',
      'kerberos needs keytab, principal and krb5Conf, or none of them: krb5Conf is missing',
    ]);
    assert.deepStrictEqual(diagnostics[0]!.range.start, positionOf(half, '{ keytab'));
  });

  it('checks that jar, profile and Kerberos paths exist beside the file', () => {
    const file = path.join('/ws', 'jobs', 'orders.deployment.yaml');
    const existing = new Set([path.join('/ws', 'jobs', 'udf', 'ok.jar')]);
    const text = `${HEAD}dependencies: [udf/ok.jar, udf/missing.jar, org.example:udf:1.0]\nlogging: { profile: log4j-custom.properties }\n`;
    const { diagnostics } = parseDeployment(text, { file, exists: (p) => existing.has(p) });
    assert.deepStrictEqual(diagnostics.map((d) => [d.range.start, d.message]), [
      [positionOf(text, 'udf/missing.jar'), 'dependency "udf/missing.jar" does not exist (paths are relative to this file\'s folder)'],
      [positionOf(text, 'log4j-custom'), 'logging profile "log4j-custom.properties" does not exist (paths are relative to this file\'s folder)'],
    ]);
  });

  it('warns about flinkConfiguration keys the chosen Flink does not know, and deprecated ones', () => {
    expectOne(`${HEAD}flinkConfiguration:\n  table.exec.state.tll: 1 h\n`, /Flink 2.3 has no configuration key "table.exec.state.tll"; did you mean "table.exec.state.ttl"\?/, 'table.exec', W);
    expectOne(`${HEAD}flinkConfiguration:\n  state.backend: rocksdb\n`, /"state.backend" is deprecated in Flink 2.3: use "state.backend.type"/, 'state.backend', W);
    const known = parseDeployment(`${HEAD}flinkConfiguration:\n  table.exec.state.ttl: 1 h\n  metrics.reporter.prom.factory.class: x\n  s3.access-key: k\n`);
    assert.deepStrictEqual(known.diagnostics, [], brief(known.diagnostics));
    // A key 1.20 knows but 2.3 dropped.
    const text = `${HEAD}flinkVersion: "2.3"\nflinkConfiguration:\n  pipeline.auto-type-registration: true\n`;
    expectOne(text, /no configuration key "pipeline.auto-type-registration" \(Flink 1.20 knows it\)/, 'pipeline.auto', W);
    assert.deepStrictEqual(parseDeployment(text.replace('"2.3"', '"1.20"')).diagnostics, []);
  });

  it('warns about parameters the target ignores, and keys that override a parameter', () => {
    const session = `name: a\ntype: SQL\ntarget: session\nresources: { taskManager: { slots: 2 } }\nlogging: { rootLevel: WARN }\n`;
    const r = parseDeployment(session);
    assert.ok(r.config, 'warnings keep the config');
    assert.deepStrictEqual(r.diagnostics.map((d) => [d.severity, d.range.start, String(d.message).split(':')[0]]), [
      [W, positionOf(session, 'resources'), 'resources is ignored'],
      [W, positionOf(session, 'logging'), 'logging is ignored'],
    ]);
    expectOne(`${HEAD}session: remote1\n`, /session is ignored: Only a session deployment/, 'session', W);
    expectOne(`${HEAD}parallelism: 2\nflinkConfiguration: { parallelism.default: 4 }\n`, /parallelism.default overrides what parallelism sets \(2\)/, 'parallelism.default', DiagnosticSeverity.Information);
  });
});
