// Registering UDFs: the statements and where they go (after the leading SET / ADD JAR / CREATE FUNCTION run, else
// before the first statement), names already registered left alone, and the jar added to the deployment config's
// dependencies as a path relative to it, comments kept.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { applyRegistration, registrationEdit, registrationStatement, withDependency } from '../../../server/src/udf/register';
import { snakeName } from '../../../server/src/udf/types';
import { parseScript } from '../../../server/src/parser';

const MASK = { name: 'mask_email', className: 'com.example.udf.MaskEmail', language: 'java' as const };
const SPLIT = { name: 'split_words', className: 'com.example.udf.SplitWords', language: 'java' as const };

describe('UDF registration', () => {
  it('names functions in snake case from their class', () => {
    assert.equal(snakeName('com.example.udf.MaskEmail'), 'mask_email');
    assert.equal(snakeName('com.example.Outer$HTTPStatusCode'), 'http_status_code');
    assert.equal(snakeName('text_udfs.parse_url'), 'parse_url');
  });

  it('writes CREATE TEMPORARY FUNCTION, quoting what needs it, LANGUAGE PYTHON and USING JAR', () => {
    assert.equal(registrationStatement(MASK), "CREATE TEMPORARY FUNCTION mask_email AS 'com.example.udf.MaskEmail';");
    assert.equal(registrationStatement({ name: 'select', className: "it's.F", language: 'java' }), "CREATE TEMPORARY FUNCTION `select` AS 'it''s.F';");
    assert.equal(registrationStatement({ name: 'f', className: 'm.f', language: 'python' }), "CREATE TEMPORARY FUNCTION f AS 'm.f' LANGUAGE PYTHON;");
    assert.equal(registrationStatement({ ...MASK, usingJar: '/w/udf.jar' }), "CREATE TEMPORARY FUNCTION mask_email AS 'com.example.udf.MaskEmail' USING JAR '/w/udf.jar';");
  });

  it('inserts after the leading SET statements, keeping their trailing comment', () => {
    const draft = "-- orders\nSET 'execution.runtime-mode' = 'batch';\nSET 'parallelism.default' = '1'; -- one slot\n\nCREATE TABLE t (a STRING) WITH ('connector' = 'datagen');\n";
    const out = applyRegistration(draft, registrationEdit(draft, [MASK, SPLIT]));
    assert.equal(out, "-- orders\nSET 'execution.runtime-mode' = 'batch';\nSET 'parallelism.default' = '1'; -- one slot\n"
      + "CREATE TEMPORARY FUNCTION mask_email AS 'com.example.udf.MaskEmail';\nCREATE TEMPORARY FUNCTION split_words AS 'com.example.udf.SplitWords';\n\n"
      + "CREATE TABLE t (a STRING) WITH ('connector' = 'datagen');\n");
    assert.equal(parseScript(out).diagnostics.length, 0);
  });

  it('goes before the first statement (after leading comments) when there is no SET, and into an empty draft', () => {
    const draft = '-- a draft\n\nCREATE TABLE t (a STRING) WITH (\'connector\' = \'datagen\');\nSELECT a FROM t;\n';
    const out = applyRegistration(draft, registrationEdit(draft, [MASK]));
    assert.equal(out, "-- a draft\n\nCREATE TEMPORARY FUNCTION mask_email AS 'com.example.udf.MaskEmail';\n\nCREATE TABLE t (a STRING) WITH ('connector' = 'datagen');\nSELECT a FROM t;\n");
    assert.equal(applyRegistration('', registrationEdit('', [MASK])), "CREATE TEMPORARY FUNCTION mask_email AS 'com.example.udf.MaskEmail';\n");
  });

  it('leaves a name the draft registers already, and groups new ones with existing registrations', () => {
    const draft = "SET 'a' = 'b';\nCREATE TEMPORARY FUNCTION MASK_EMAIL AS 'x.Y';\nSELECT 1;\n";
    const edit = registrationEdit(draft, [MASK, SPLIT]);
    assert.deepEqual(edit.skipped.map((r) => r.name), ['mask_email']);
    assert.equal(applyRegistration(draft, edit), "SET 'a' = 'b';\nCREATE TEMPORARY FUNCTION MASK_EMAIL AS 'x.Y';\nCREATE TEMPORARY FUNCTION split_words AS 'com.example.udf.SplitWords';\nSELECT 1;\n");
    assert.equal(registrationEdit(draft, [MASK]).text, '');
  });

  it('adds the jar to dependencies relative to the config, keeping comments; not twice', () => {
    const config = '# my draft\nname: orders\ntype: SQL\ntarget: session\ndependencies: [] # jars\nflinkVersion: "2.3"\n';
    const configPath = path.join('/w', 'drafts', 'orders.deployment.yaml');
    const next = withDependency(config, configPath, path.join('/w', 'udfs', 'target', 'udf.jar'))!;
    assert.match(next, /^# my draft\n/);
    assert.match(next, /dependencies: \[ \.\.\/udfs\/target\/udf\.jar \] # jars\n/);
    assert.match(next, /flinkVersion: "2\.3"/);
    assert.equal(withDependency(next, configPath, path.join('/w', 'udfs', 'target', 'udf.jar')), undefined);
    assert.throws(() => withDependency('a: [', configPath, '/w/x.jar'), /not valid YAML/);
  });
});
