// Conformance of our parser with Flink's: every corpus statement must get Flink's verdict (oracle labels
// from Flink's real parser when present), and rejected statements must fail on Flink's error line.
// Fails when a figure drops below test/fixtures/corpus/floor.json.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { FLINK_VERSIONS } from '../../server/src/parser';
import { loadCorpus, measure, type CorpusCase } from './parser/corpus';

interface Floors {
  oracleLabels: { validAccepted: number; invalidRejected: number; errorLineMatched: number };
  corpusAnnotations: { validAccepted: number; invalidRejected: number; errorLineMatched: number };
  mutants: { agreement: number; errorLineMatched: number };
}
const floors = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'corpus', 'floor.json'), 'utf8')) as Floors;
const pct = (n: number, d: number) => (d === 0 ? 100 : (100 * n) / d);

describe('conformance with Flink’s SQL parser', () => {
  for (const version of FLINK_VERSIONS) it(`accepts Flink ${version}-valid statements, rejects invalid ones on Flink ${version}’s error line`, () => {
    const { cases, labelSource, oracle } = loadCorpus(version);
    const floor = oracle ? floors.oracleLabels : floors.corpusAnnotations;
    const m = measure(cases, version);
    const valid = pct(m.validAccepted, m.valid);
    const invalid = pct(m.invalidRejected, m.invalid);
    const line = pct(m.lineMatched, m.withLine);
    console.log(`      labels: ${labelSource}`);
    console.log(`      valid accepted   ${m.validAccepted}/${m.valid} (${valid.toFixed(1)} %)`);
    console.log(`      invalid rejected ${m.invalidRejected}/${m.invalid} (${invalid.toFixed(1)} %)`);
    console.log(`      error on Flink's line ${m.lineMatched}/${m.withLine} (${line.toFixed(1)} %)`);
    const wrong = m.results.filter((r) => r.accepted !== r.c.valid || (!r.accepted && r.c.errorLine !== undefined && r.firstErrorLine !== r.c.errorLine));
    for (const r of wrong.slice(0, 30)) {
      const what = r.c.valid ? 'false reject' : r.accepted ? 'false accept' : `line ${r.firstErrorLine} ≠ ${r.c.errorLine}`;
      console.log(`      ${what}: ${r.c.id}${r.message ? ` — ${r.message}` : ''}`);
    }
    assert.ok(valid >= floor.validAccepted, `valid accepted ${valid.toFixed(1)} % < floor ${floor.validAccepted} %`);
    assert.ok(invalid >= floor.invalidRejected, `invalid rejected ${invalid.toFixed(1)} % < floor ${floor.invalidRejected} %`);
    assert.ok(line >= floor.errorLineMatched, `error line matched ${line.toFixed(1)} % < floor ${floor.errorLineMatched} %`);
  });

  // Statements written for this parser (expression forms, every statement family), labelled by Flink 2.3's parser.
  it('agrees with Flink’s parser on the hand-written grammar tour', () => {
    const file = path.join(__dirname, 'parser', 'fixtures', 'handwritten.jsonl');
    const cases = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as CorpusCase);
    const m = measure(cases);
    const wrong = m.results.filter((r) => r.accepted !== r.c.valid);
    console.log(`      grammar tour: verdict agrees ${cases.length - wrong.length}/${cases.length}`);
    assert.deepStrictEqual(wrong.map((r) => `${r.c.valid ? 'false reject' : 'false accept'} ${r.c.id}: ${r.c.sql}${r.message ? ` — ${r.message}` : ''}`), []);
  });

  // Token-level mutants of corpus statements labelled by Flink 2.3's parser (scripts/fuzz.ts --oracle --write):
  // exercises error paths the corpus does not, e.g. a dropped comma or a swapped keyword.
  const mutantsFile = path.join(__dirname, 'fuzz', 'oracle-mutants.jsonl');
  it('agrees with Flink’s parser on mutated statements', () => {
    const cases = fs.readFileSync(mutantsFile, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as CorpusCase);
    const m = measure(cases);
    const agree = m.validAccepted + m.invalidRejected;
    const agreement = pct(agree, cases.length);
    const line = pct(m.lineMatched, m.withLine);
    console.log(`      mutants: verdict agrees ${agree}/${cases.length} (${agreement.toFixed(2)} %), error line ${m.lineMatched}/${m.withLine} (${line.toFixed(1)} %)`);
    for (const r of m.results.filter((x) => x.accepted !== x.c.valid).slice(0, 20)) {
      console.log(`      ${r.c.valid ? 'false reject' : 'false accept'}: ${r.c.id} ${JSON.stringify(r.c.sql.slice(0, 120))}`);
    }
    assert.ok(agreement >= floors.mutants.agreement, `mutant agreement ${agreement.toFixed(2)} % < floor ${floors.mutants.agreement} %`);
    assert.ok(line >= floors.mutants.errorLineMatched, `mutant line match ${line.toFixed(1)} % < floor ${floors.mutants.errorLineMatched} %`);
  });
});
