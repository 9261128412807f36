// Which tables Validate probes (defined, never read or written by a planned statement) and with what EXPLAIN;
// where a probe's factory error lands in the CREATE TABLE.
import { strict as assert } from 'node:assert';
import { anchorInCreate } from '../../../server/src/flink/errorRanges';
import { groupStatements } from '../../../server/src/flink/statementKinds';
import { planProbes, usedTableNames } from '../../../server/src/flink/tableProbes';
import { parseScript } from '../../../server/src/parser';

const DRAFT = `CREATE TEMPORARY TABLE orders (id BIGINT, amount DECIMAL(10, 2)) WITH ('connector' = 'datagen');
CREATE TEMPORARY TABLE \`audit log\` (id BIGINT NOT NULL, note STRING, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'print');
CREATE TEMPORARY TABLE unused_src (id BIGINT) WITH ('connector' = 'datagem', 'rows-per-second' = '10 x');
CREATE TEMPORARY TABLE sink (id BIGINT) WITH ('connector' = 'blackhole');
CREATE TEMPORARY TABLE viewed (id BIGINT) WITH ('connector' = 'datagen');
CREATE TEMPORARY TABLE copy WITH ('connector' = 'blackhole') LIKE orders;
CREATE TABLE ctas WITH ('connector' = 'blackhole') AS SELECT * FROM orders;
CREATE VIEW v AS SELECT * FROM viewed;
BEGIN STATEMENT SET;
INSERT INTO sink SELECT id FROM orders;
END;
`;

describe('tableProbes', () => {
  const parsed = parseScript(DRAFT).statements;
  const statements = groupStatements(DRAFT, parsed).map((u) => u.stmt);

  it('counts reads and writes of planned statements and CREATE VIEW, inside statement sets too', () => {
    const used = usedTableNames(parsed);
    for (const n of ['orders', 'sink', 'viewed']) assert.ok(used.has(n), n);
    assert.ok(!used.has('unused_src'));
  });

  it('probes each unused table: a read, or a write of typed NULLs for a sink-only connector', () => {
    const probes = planProbes(parsed, statements, { flinkVersion: '2.3' });
    assert.deepEqual(probes.map((p) => [p.name, p.mode]), [['`audit log`', 'write'], ['unused_src', 'read'], ['copy', 'read']]);
    assert.equal(probes[0].sql, 'EXPLAIN PLAN FOR INSERT INTO `audit log` (`id`, `note`) SELECT CAST(NULL AS BIGINT), CAST(NULL AS STRING)');
    assert.equal(probes[1].sql, 'EXPLAIN PLAN FOR SELECT * FROM unused_src');
    assert.equal(statements[probes[1].statementIndex].text.includes('unused_src'), true);
  });

  it('skips a CREATE TABLE Flink refused, and keeps the first of IF NOT EXISTS twins', () => {
    const draft = `CREATE TABLE t (a INT) WITH ('connector' = 'datagen');\nCREATE TABLE IF NOT EXISTS t (a INT) WITH ('connector' = 'x');\nCREATE TABLE u (a INT) WITH ('connector' = 'datagen');\n`;
    const p = parseScript(draft).statements;
    assert.deepEqual(planProbes(p, p, { skip: new Set([2]) }).map((x) => x.statementIndex), [0]);
  });

  it('underlines the option, identifier or value a factory error names', () => {
    const stmt = statements[2];
    const at = (message: string) => { const s = anchorInCreate(stmt, 2, message); return DRAFT.slice(s.start, s.end); };
    assert.equal(at("Could not find any factory for identifier 'datagem' that implements"), "'datagem'");
    assert.equal(at('Unable to create a source for reading table \'x\'. For input string: "10 x"'), "'10 x'");
    assert.equal(at('Unsupported options found for \'datagen\'. Unsupported options: rows-per-second Supported options: …'), "'rows-per-second'");
    assert.match(at('something else'), /^WITH \(/);
  });
});
