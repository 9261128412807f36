// Names a draft's statements use, checked as Calcite and Flink resolve them: columns of subqueries and window TVFs
// over draft tables, qualifiers that name no FROM item, select-list aliases in WHERE, INSERT column lists, tables
// used after DROP and persisted metadata columns of a sink. Drafts from the semantic corpus's shapes.
import { strict as assert } from 'node:assert';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { analyze, diagnostics } from '../../../server/src/service';
import { useBundledCatalogs } from '../connectors/fixtureCatalogs';

const match = (v: unknown, re: RegExp) => assert.match(String(v), re);
const E = DiagnosticSeverity.Error;
const W = DiagnosticSeverity.Warning;

const CLICKS = `CREATE TABLE clicks (
  user_id BIGINT,
  url STRING,
  amount DECIMAL(10, 2),
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'clicks',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.group.id' = 'studio',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json'
);
CREATE TABLE out_sink (
  window_start TIMESTAMP(3),
  user_id BIGINT,
  cnt BIGINT
) WITH ('connector' = 'print');
`;

/** [code, severity, covered text] of each diagnostic. */
function found(text: string): [string, DiagnosticSeverity | undefined, string][] {
  const doc = analyze(text);
  return diagnostics(doc).map((d) => [String(d.code), d.severity, text.slice(doc.lines.offsetAt(d.range.start), doc.lines.offsetAt(d.range.end))]);
}
const messageOf = (text: string, code: string) => diagnostics(analyze(text)).find((d) => d.code === code)?.message;

describe('names of a draft', () => {
  before(useBundledCatalogs);

  it('columns of a subquery (aliased or not) and of a window TVF over draft tables', () => {
    assert.deepEqual(found(`${CLICKS}INSERT INTO out_sink
SELECT window_start, user_id, cnt FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start ORDER BY cnt DESC) AS rn
  FROM (
    SELECT window_start, window_end, user_id, COUNT(*) AS cnt
    FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
    GROUP BY window_start, window_end, user_id) AS w)
WHERE rn <= 3;`), []);
    assert.deepEqual(found(`${CLICKS}SELECT user_idx, rn FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY ts) AS rn FROM clicks) WHERE rn <= 3;`),
      [['unknown-column', E, 'user_idx']]);
    assert.deepEqual(found(`${CLICKS}INSERT INTO out_sink SELECT window_start, user_idx, COUNT(*) FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end, user_id;`),
      [['unknown-column', E, 'user_idx']]);
    assert.deepEqual(found(`${CLICKS}SELECT u FROM (SELECT user_id AS u FROM clicks) AS s;`), []);
    assert.deepEqual(found(`${CLICKS}SELECT s.x FROM (SELECT user_id AS u FROM clicks) AS s;`), [['unknown-column', E, 'x']]);
  });

  it('a qualifier that names no FROM item: Calcite\'s "Table \'x\' not found"', () => {
    assert.deepEqual(found(`${CLICKS}SELECT x.url FROM clicks AS c;`), [['unknown-qualifier', E, 'x']]);
    const renamed = `${CLICKS}SELECT clicks.url FROM clicks AS c;`;
    assert.deepEqual(found(renamed), [['unknown-qualifier', E, 'clicks']]);
    match(messageOf(renamed, 'unknown-qualifier'), /^Table 'clicks' not found: the FROM clause renames 'clicks' to 'c'/);
    assert.deepEqual(found(`${CLICKS}SELECT c.url FROM clicks AS c WHERE EXISTS (SELECT 1 FROM clicks s WHERE s.user_id = c.user_id);`), [], 'correlation');
    assert.deepEqual(found(`CREATE TABLE t (r ROW<a INT>) WITH ('connector' = 'datagen');\nSELECT r.a FROM t;`), [], 'a ROW field');
    assert.deepEqual(found(`${CLICKS}SELECT t.tag FROM clicks CROSS JOIN UNNEST(ARRAY['a']) AS t (tag);`), [], 'UNNEST');
  });

  it('a select-list alias is not visible in WHERE (but is in GROUP BY)', () => {
    const where = `${CLICKS}SELECT user_id AS uid FROM clicks WHERE uid > 10;`;
    assert.deepEqual(found(where), [['unknown-column', E, 'uid']]);
    match(messageOf(where, 'unknown-column'), /'uid' is an alias of the select list, which WHERE cannot see/);
    assert.deepEqual(found(`${CLICKS}SELECT user_id AS uid, COUNT(*) FROM clicks GROUP BY uid;`), []);
  });

  it('an INSERT column list naming a column the sink lacks', () => {
    const text = `${CLICKS}INSERT INTO out_sink (user_id, cnts) SELECT user_id, 1 FROM clicks;`;
    assert.deepEqual(found(text), [['unknown-target-column', E, 'cnts']]);
    match(messageOf(text, 'unknown-target-column'), /^Unknown target column 'cnts'.*Did you mean 'cnt'\?/);
    // a column list and a query of different widths: Calcite says so on the query
    const count = `${CLICKS}INSERT INTO out_sink (user_id, cnt)\nSELECT user_id FROM clicks;`;
    assert.deepEqual(found(count), [['insert-column-count', E, 'SELECT user_id FROM clicks']]);
    match(messageOf(count, 'insert-column-count'), /^Number of columns must match number of query columns/);
  });

  it('a table used after the draft drops it', () => {
    assert.deepEqual(found(`${CLICKS}DROP TABLE clicks;\nSELECT user_id FROM clicks;`), [['dropped-table', E, 'clicks']]);
    assert.deepEqual(found(`${CLICKS.replace('CREATE TABLE clicks', 'CREATE TEMPORARY TABLE clicks')}DROP TEMPORARY TABLE clicks;\nSELECT user_id FROM clicks;`), [['dropped-table', W, 'clicks']]);
    assert.deepEqual(found(`${CLICKS}SELECT user_id FROM clicks;\nDROP TABLE clicks;`), []);
  });

  it('a sink with a persisted metadata column kafka cannot write', () => {
    const ddl = `CREATE TABLE events (
  user_id BIGINT,
  \`offset\` BIGINT METADATA,
  ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp'
) WITH ('connector' = 'kafka', 'topic' = 'events', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json');
`;
    const text = `${CLICKS}${ddl}INSERT INTO events SELECT user_id, 0, CURRENT_TIMESTAMP FROM clicks;`;
    assert.deepEqual(found(text), [['unknown-metadata-key', E, 'events']]);
    match(messageOf(text, 'unknown-metadata-key'), /^Invalid metadata key 'offset' in column 'offset' of table 'events'\. The 'kafka' connector supports the following metadata keys for writing: headers, timestamp/);
    assert.deepEqual(found(`${CLICKS}${ddl.replace('BIGINT METADATA,', 'BIGINT METADATA VIRTUAL,')}INSERT INTO events SELECT user_id, CURRENT_TIMESTAMP FROM clicks;`), []);
  });
});
