// Conformance on real-world Flink SQL nobody here wrote: Apache Flink's own SQL client / gateway test scripts
// and end-to-end SQL (test/fixtures/realworld), labelled by the oracle on the running planner's parse path
// (scripts/label-corpus.sh). Reported apart from the main corpus; same floors (test/fixtures/corpus/floor.json).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_FLINK_VERSION, FLINK_VERSIONS } from '../../server/src/parser';
import { measure, type CorpusCase } from './parser/corpus';

const DIR = path.join(__dirname, '..', 'fixtures', 'realworld');
const readJsonl = <T>(file: string): T[] => fs.readFileSync(path.join(DIR, file), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as T);
const floors = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'corpus', 'floor.json'), 'utf8')).realWorld as {
  validAccepted: number; invalidRejected: number; errorLineMatched: number;
};
const pct = (n: number, d: number) => (d === 0 ? 100 : (100 * n) / d);

interface Statement { id: string; sql: string; expected: string; clientCommand?: boolean }
interface Verdict { id: string; valid: boolean; stage: string; errorLine?: number; errorColumn?: number }

describe('conformance on real-world Flink SQL (Flink’s own client, gateway and e2e scripts)', () => {
  const statements = readJsonl<Statement>('statements.jsonl');
  const verdicts = new Map(readJsonl<Verdict>('oracle-labels.jsonl').map((v) => [v.id, v]));

  it('has an oracle verdict for every statement (run npm run corpus:label after re-extracting)', () => {
    assert.deepStrictEqual(statements.filter((s) => !verdicts.has(s.id)).map((s) => s.id), []);
  });

  for (const version of FLINK_VERSIONS) it(`accepts what Flink ${version}'s running planner accepts and rejects the rest on its line`, () => {
    const labels = version === DEFAULT_FLINK_VERSION ? verdicts : new Map(readJsonl<Verdict>(`oracle-labels-${version}.jsonl`).map((v) => [v.id, v]));
    const cases: CorpusCase[] = statements.map((s) => {
      const v = labels.get(s.id)!;
      return { id: s.id, sql: s.sql, valid: v.valid, errorLine: v.errorLine, errorColumn: v.errorColumn };
    });
    const m = measure(cases, version);
    const valid = pct(m.validAccepted, m.valid);
    const invalid = pct(m.invalidRejected, m.invalid);
    const line = pct(m.lineMatched, m.withLine);
    const byStage = new Map<string, number>();
    for (const v of labels.values()) byStage.set(v.stage, (byStage.get(v.stage) ?? 0) + 1);
    console.log(`      ${cases.length} statements; oracle stages: ${[...byStage].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    console.log(`      valid accepted   ${m.validAccepted}/${m.valid} (${valid.toFixed(1)} %)`);
    console.log(`      invalid rejected ${m.invalidRejected}/${m.invalid} (${invalid.toFixed(1)} %)`);
    console.log(`      error on Flink's line ${m.lineMatched}/${m.withLine} (${line.toFixed(1)} %)`);
    for (const r of m.results.filter((x) => x.accepted !== x.c.valid || (!x.accepted && x.c.errorLine !== undefined && x.firstErrorLine !== x.c.errorLine)).slice(0, 20)) {
      const what = r.c.valid ? 'false reject' : r.accepted ? 'false accept' : `line ${r.firstErrorLine} ≠ ${r.c.errorLine}`;
      console.log(`      ${what}: ${r.c.id}${r.message ? ` — ${r.message.slice(0, 100)}` : ''}`);
    }
    assert.ok(valid >= floors.validAccepted, `valid accepted ${valid.toFixed(1)} % < floor ${floors.validAccepted} %`);
    assert.ok(invalid >= floors.invalidRejected, `invalid rejected ${invalid.toFixed(1)} % < floor ${floors.invalidRejected} %`);
    assert.ok(line >= floors.errorLineMatched, `error line matched ${line.toFixed(1)} % < floor ${floors.errorLineMatched} %`);
  });

  // The scripts' own expectations are a second oracle: what Flink's test runner saw succeed ran past the
  // parser, so the oracle must accept it (a statement whose `!error` is the parser's may be rejected).
  // add.q is the SQL client's script from before Flink 1.15, when the client matched `ADD JAR <path>` with a
  // regex of its own; Flink 2.x parses ADD JAR in its SQL parser and needs the path quoted (SqlAddJar).
  const OLDER_CLIENT = new Set(['flink-sql-client/sql/add.q:19', 'flink-sql-client/sql/add.q:23']);
  it('agrees with the scripts’ own outcomes: every statement Flink ran without error is valid', () => {
    const ran = statements.filter((s) => (s.expected === 'ok' || s.expected === 'info' || s.expected === 'output') && !OLDER_CLIENT.has(s.id));
    const rejected = ran.filter((s) => !verdicts.get(s.id)!.valid).map((s) => s.id);
    console.log(`      ${ran.length - rejected.length}/${ran.length} statements the scripts ran successfully are valid for the oracle`);
    assert.deepStrictEqual(rejected, []);
  });
});
