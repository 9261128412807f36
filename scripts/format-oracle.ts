// Helper of scripts/format-oracle.sh. `emit <out.jsonl>`: the Flink-valid statements of the corpus and the grammar
// tour, each as written (`orig:<id>`) and formatted (`fmt:<id>`), for the parser oracle. `label <verdicts.jsonl>`:
// writes test/fixtures/format/oracle-labels.jsonl, one line per statement — Flink's verdict on the original and on
// the formatted text, and the hash of the formatted text the verdict is for (the unit test checks it is current).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatScript } from '../server/src/format';
import { hashOf, validCases } from '../test/unit/format/safetyCheck';

const root = path.join(__dirname, '..');
const labelsFile = path.join(root, 'test', 'fixtures', 'format', 'oracle-labels.jsonl');

const [mode, file] = process.argv.slice(2);
const cases = validCases();
if (mode === 'emit') {
  const lines = cases.flatMap((c) => [
    JSON.stringify({ id: `orig:${c.id}`, sql: c.sql }),
    JSON.stringify({ id: `fmt:${c.id}`, sql: formatScript(c.sql).text }),
  ]);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  console.log(`format-oracle: ${cases.length} statements, as written and formatted`);
} else if (mode === 'label') {
  const verdicts = new Map(fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => {
    const o = JSON.parse(l) as { id: string; valid: boolean; message?: string };
    return [o.id, o];
  }));
  let valid = 0;
  let validBefore = 0;
  const out = cases.map((c) => {
    const before = verdicts.get(`orig:${c.id}`);
    const after = verdicts.get(`fmt:${c.id}`);
    if (before?.valid) validBefore++;
    if (before?.valid && after?.valid) valid++;
    return JSON.stringify({ id: c.id, validBefore: before?.valid ?? null, valid: after?.valid ?? null, hash: hashOf(formatScript(c.sql).text), ...(after?.message ? { message: after.message } : {}) });
  });
  fs.writeFileSync(labelsFile, `${out.join('\n')}\n`);
  console.log(`format-oracle: Flink's parser accepts ${valid} of the ${validBefore} formatted statements it accepts as written (${cases.length} labelled valid); wrote ${path.relative(root, labelsFile)}`);
} else {
  console.error('usage: tsx scripts/format-oracle.ts emit <out.jsonl> | label <verdicts.jsonl>');
  process.exit(2);
}
