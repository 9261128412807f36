// The language service with a given UDF context (what the inspector cached for the draft's jars): completion and
// hover show the signatures, a class the known jars lack is flagged (Error only in the jars' own packages), call
// sites get Flink's argument count check, and nothing is said where the jars are not known.
import { strict as assert } from 'node:assert';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { analyze, complete, diagnostics, hover } from '../../../server/src/service';
import type { UdfContext, UdfInfo } from '../../../server/src/udf/types';
import { caret } from '../service/completionCaret';

// As the inspector lists test/fixtures/udf on Flink 2.3 and 1.20 (see test/integration/udf.test.ts).
const MASK: UdfInfo = {
  className: 'com.example.udf.MaskEmail', kind: 'scalar', language: 'java', inference: 'flink', minArgs: 1, maxArgs: 2,
  signatures: [
    { arguments: [{ name: 'email', type: 'STRING' }], result: 'STRING' },
    { arguments: [{ name: 'email', type: 'STRING' }, { name: 'mask', type: 'STRING' }], result: 'STRING' },
  ],
};
const SPLIT: UdfInfo = {
  className: 'com.example.udf.SplitWords', kind: 'table', language: 'java', inference: 'flink', minArgs: 1, maxArgs: 1,
  signatures: [{ arguments: [{ name: 'text', type: 'STRING' }], result: 'ROW<`word` STRING, `len` INT>' }],
};
const KNOWN: UdfContext = { byClass: new Map([[MASK.className, MASK], [SPLIT.className, SPLIT]]), jarsKnown: true, jars: ['udf/target/udf-fixture.jar'] };

const DDL = `CREATE TEMPORARY FUNCTION mask_email AS 'com.example.udf.MaskEmail';
CREATE TEMPORARY FUNCTION split_words AS 'com.example.udf.SplitWords';
CREATE TEMPORARY TABLE users (email STRING, bio STRING) WITH ('connector' = 'datagen');
`;

const diag = (text: string, udfs?: UdfContext) => diagnostics(analyze(text), { udfs }).filter((d) => d.code === 'udf-class-not-found' || d.code?.toString().startsWith('flink-'));

describe('UDFs in the language service', () => {
  it('completes a registered function with its signatures', () => {
    const { doc, position } = caret(`${DDL}SELECT mask|  FROM users;`);
    const item = complete(doc, position, { udfs: KNOWN }).find((i) => i.label === 'mask_email')!;
    assert.equal(item.detail, 'mask_email(email STRING) → STRING');
    const docs = (item.documentation as { value: string }).value;
    assert.match(docs, /mask_email\(email STRING, mask STRING\) → STRING/);
    assert.match(docs, /implemented by `com\.example\.udf\.MaskEmail`.*Flink's type inference/);
    // without the artifact's answer: still offered, with its class
    const bare = complete(doc, position, {}).find((i) => i.label === 'mask_email')!;
    assert.equal(bare.detail, 'function com.example.udf.MaskEmail');
  });

  it('hovers a call with the signatures, a table function too', () => {
    const at = (text: string) => {
      const { doc, position } = caret(text);
      return (hover(doc, position, { udfs: KNOWN })?.contents as { value: string } | undefined)?.value ?? '';
    };
    assert.match(at(`${DDL}SELECT mask_em|ail(email) FROM users;`), /\*\*temporary scalar function\*\* `mask_email`[\s\S]*mask_email\(email STRING\) → STRING/);
    assert.match(at(`${DDL}SELECT word FROM users, LATERAL TABLE(split_wo|rds(bio));`), /split_words\(text STRING\) → ROW<`word` STRING, `len` INT>/);
  });

  it('checks the argument count the jar\'s type inference gives, in Flink\'s words', () => {
    const bad = diag(`${DDL}SELECT mask_email(email, '#', 'x') FROM users;`, KNOWN);
    assert.equal(bad.length, 1);
    assert.equal(bad[0].code, 'flink-argument-count');
    assert.equal(bad[0].severity, DiagnosticSeverity.Error);
    assert.equal(bad[0].message, 'No match found for function signature mask_email(<ANY>, <CHARACTER>, <CHARACTER>). Supported signatures are:\n'
      + 'mask_email(email STRING)\nmask_email(email STRING, mask STRING)');
    assert.deepEqual(diag(`${DDL}SELECT mask_email(email), mask_email(email, '#') FROM users;`, KNOWN), []);
    assert.equal(diag(`${DDL}SELECT word FROM users, LATERAL TABLE(split_words(bio, bio));`, KNOWN)[0]?.code, 'flink-argument-count');
    // not known (no jar answer): no count check, and never "unknown function"
    assert.deepEqual(diag(`${DDL}SELECT mask_email(email, '#', 'x') FROM users;`), []);
    // a process table function (as the inspector lists one on 2.3) also takes Flink's system arguments: no count check
    const greeter: UdfInfo = { className: 'com.example.Greeter', kind: 'process_table', language: 'java', inference: 'flink', minArgs: 2, maxArgs: 2,
      signatures: [{ arguments: [{ name: 'input', type: 'TABLE' }, { name: 'greeting', type: 'STRING' }] }] };
    const withPtf: UdfContext = { ...KNOWN, byClass: new Map([...KNOWN.byClass, [greeter.className, greeter]]) };
    assert.deepEqual(diag(`CREATE FUNCTION greeter AS 'com.example.Greeter';\n${DDL}SELECT * FROM greeter(TABLE users, 'hi', DESCRIPTOR(email));`, withPtf)
      .filter((d) => d.code === 'flink-argument-count'), []);
  });

  it('flags a class the known jars lack: Error in their packages (with a suggestion), Warning elsewhere', () => {
    const typo = diag("CREATE TEMPORARY FUNCTION m AS 'com.example.udf.MaskEmial';\n", KNOWN);
    assert.equal(typo.length, 1);
    assert.equal(typo[0].severity, DiagnosticSeverity.Error);
    assert.equal(String(typo[0].message), "Class 'com.example.udf.MaskEmial' is not a user-defined function in udf/target/udf-fixture.jar: did you mean 'com.example.udf.MaskEmail'?");
    assert.deepEqual(typo[0].range, { start: { line: 0, character: 31 }, end: { line: 0, character: 58 } });
    const elsewhere = diag("CREATE FUNCTION m AS 'org.acme.Other';\n", KNOWN);
    assert.equal(elsewhere[0].severity, DiagnosticSeverity.Warning);
    assert.match(String(elsewhere[0].message), /in none of the draft's dependencies \(udf\/target\/udf-fixture\.jar\): it must be on the cluster's classpath/);
  });

  it('says nothing of classes while a jar is not known, for USING JAR, Python, or a function the inspector could not describe', () => {
    assert.deepEqual(diag("CREATE FUNCTION m AS 'com.example.udf.Nope';\n", { ...KNOWN, jarsKnown: false }), []);
    assert.deepEqual(diag("CREATE FUNCTION m AS 'com.example.udf.Nope' USING JAR '/x.jar';\n", KNOWN), []);
    assert.deepEqual(diag("CREATE TEMPORARY FUNCTION m AS 'mod.nope' LANGUAGE PYTHON;\n", KNOWN), []);
    assert.deepEqual(diag("CREATE FUNCTION m AS 'com.example.udf.Broken';\n", { ...KNOWN, failedClasses: new Set(['com.example.udf.Broken']) }), []);
    assert.deepEqual(diag("CREATE FUNCTION m AS 'com.example.udf.Nope';\n", { ...KNOWN, jars: [] }), []);
  });
});
