// Planner errors without a position, placed on the as-you-type finding of the same kind: checked on the real
// Flink 2.3 messages of the semantic fixtures (planner-labels-2.3.jsonl) for the drafts they belong to.
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { parseScript } from '../../../server/src/parser';
import { statementSpan } from '../../../server/src/flink/errorRanges';
import { placePlannerError } from '../../../server/src/flink/plannerErrorPlacement';

const dir = join(__dirname, '../../fixtures/semantic');
const jsonl = (f: string) => readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const drafts = new Map<string, { sql: string; category: string }>(jsonl('drafts.jsonl').map((d) => [d.id, d]));
const labels: { id: string; valid: boolean; message?: string; statementIndex?: number; line?: number }[] = jsonl('planner-labels-2.3.jsonl');
const CATEGORIES = /^(changelog|joins?|time|upsert)/;

describe('placePlannerError', () => {
  it('puts a sink that cannot take updates on the as-you-type finding', () => {
    const sql = `CREATE TABLE clicks (user_id BIGINT, url STRING) WITH ('connector' = 'kafka', 'topic' = 'c', 'properties.bootstrap.servers' = 'x:9092', 'format' = 'json');
CREATE TABLE kafka_sink (user_id BIGINT, cnt BIGINT) WITH ('connector' = 'kafka', 'topic' = 's', 'properties.bootstrap.servers' = 'x:9092', 'format' = 'json');
INSERT INTO kafka_sink
SELECT user_id, COUNT(*) FROM clicks
GROUP BY user_id;`;
    const msg = "Table sink 'default_catalog.default_database.kafka_sink' doesn't support consuming update changes which is produced by node GroupAggregate(groupBy=[user_id], select=[user_id, COUNT(*) AS cnt])";
    const span = placePlannerError(sql, 2, msg);
    assert.ok(span, 'placed');
    const insert = sql.indexOf('INSERT');
    assert.ok(span.start >= insert && span.end <= sql.length);
    assert.notDeepEqual(span, statementSpan(sql, parseScript(sql).statements[2]));
  });

  it('keeps messages of other kinds to the caller', () => {
    assert.equal(placePlannerError('SELECT 1;', 0, "Object 'x' not found"), undefined);
  });

  it('lands inside the failing statement for every rejected changelog/join/time/upsert draft', function () {
    let total = 0;
    let precise = 0;
    const missed: string[] = [];
    for (const l of labels) {
      const draft = drafts.get(l.id);
      if (l.valid || !draft || !l.message || l.statementIndex === undefined || l.line !== undefined) continue;
      if (!CATEGORIES.test(draft.category) && !CATEGORIES.test(l.id)) continue;
      total++;
      const stmt = statementSpan(draft.sql, parseScript(draft.sql).statements[l.statementIndex]);
      const span = placePlannerError(draft.sql, l.statementIndex, l.message);
      if (!span) { missed.push(l.id); continue; }
      assert.ok(span.start >= stmt.start && span.end <= stmt.end, `${l.id}: ${JSON.stringify(span)} outside ${JSON.stringify(stmt)}`);
      precise++;
    }
    console.log(`      placed precisely: ${precise}/${total}; left to the statement: ${missed.join(', ')}`);
    assert.ok(total > 0);
  });
});
