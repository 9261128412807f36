// Flink's real parser accepts the formatter's output: test/fixtures/format/oracle-labels.jsonl holds its verdicts
// (scripts/format-oracle.sh) on every Flink-valid corpus and grammar-tour statement, formatted. Fails when a verdict
// is not "valid" or is for another output than the formatter's current one (rerun the script then).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatScript } from '../../../server/src/format';
import { hashOf, validCases } from './safetyCheck';

interface Label { id: string; validBefore: boolean | null; valid: boolean | null; hash: string; message?: string }

describe('formatted corpus on Flink’s parser', () => {
  it('every Flink-valid statement is still valid after formatting (labels current)', () => {
    const file = path.join(__dirname, '..', '..', 'fixtures', 'format', 'oracle-labels.jsonl');
    const labels = new Map(fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => {
      const o = JSON.parse(l) as Label;
      return [o.id, o];
    }));
    const problems: string[] = [];
    const cases = validCases();
    for (const c of cases) {
      const label = labels.get(c.id);
      if (!label) { problems.push(`${c.id}: no label (run scripts/format-oracle.sh)`); continue; }
      if (label.hash !== hashOf(formatScript(c.sql).text)) problems.push(`${c.id}: label is for an older output (run scripts/format-oracle.sh)`);
      else if (label.validBefore && !label.valid) problems.push(`${c.id}: Flink rejects the formatted text: ${label.message}`);
    }
    const accepted = cases.filter((c) => labels.get(c.id)?.valid).length;
    console.log(`      Flink's parser accepts ${accepted}/${cases.length} formatted statements`);
    assert.deepStrictEqual(problems.slice(0, 20), []);
  });
});
