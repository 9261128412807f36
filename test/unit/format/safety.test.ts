// The formatter never changes meaning, on the whole corpus: Flink-valid statements come out with the same
// tokens (identifiers exactly as the parser reads them) and comments, nothing is skipped, and formatting
// twice gives the same text as once — also for the statements Flink rejects (they are kept as they are).
import { strict as assert } from 'node:assert';
import { formatScript } from '../../../server/src/format';
import { loadCorpus } from '../parser/corpus';
import { commentsOf, tokenDifference, tourCases, validCases } from './safetyCheck';

describe('formatter safety on the corpus', function () {
  this.timeout(120_000);

  it('keeps every token and comment of every Flink-valid statement, and skips none', () => {
    const cases = validCases();
    const problems: string[] = [];
    let withComments = 0;
    for (const c of cases) {
      const r = formatScript(c.sql);
      if (r.skipped.length) problems.push(`${c.id}: skipped (${r.skipped[0].reason})`);
      const diff = tokenDifference(c.sql, r.text);
      if (diff) problems.push(`${c.id}: ${diff}`);
      const before = commentsOf(c.sql);
      if (before.length) withComments++;
      if (JSON.stringify(before) !== JSON.stringify(commentsOf(r.text))) problems.push(`${c.id}: comments differ`);
    }
    console.log(`      ${cases.length} valid statements (corpus + grammar tour), ${withComments} with comments`);
    assert.deepStrictEqual(problems.slice(0, 20), []);
  });

  it('is idempotent on every corpus statement, valid or not', () => {
    const cases = [...loadCorpus().cases, ...tourCases()];
    const problems: string[] = [];
    for (const c of cases) {
      const once = formatScript(c.sql).text;
      const twice = formatScript(once).text;
      if (once !== twice) problems.push(`${c.id}:\n${once}\n--- formatted again ---\n${twice}`);
    }
    assert.deepStrictEqual(problems.slice(0, 5), []);
  });

  it('leaves a statement Flink rejects byte for byte and formats the rest', () => {
    const broken = 'SELECT a,\n   b FORM t';
    const r = formatScript(`select 1;\n${broken};\nselect 2`);
    assert.equal(r.text, `SELECT 1;\n\n${broken};\n\nSELECT 2\n`);
    assert.equal(r.skipped.length, 1);
    assert.equal(r.skipped[0].line, 2);
    assert.match(r.skipped[0].reason, /Encountered "t" at line 3, column 11/);
  });
});
