// The INSERT check's text: the planner sees the INSERT as written (column list, query, ON CONFLICT, at their draft
// offsets) into a blackhole twin of the sink; the sink's own hints are blanked, and Flink's words name the sink.
import { strict as assert } from 'node:assert';
import { parseScript } from '../../../server/src/parser';
import { groupStatements } from '../../../server/src/flink/statementKinds';
import { unitWrites } from '../../../server/src/preview/rewrite';
import { sinkWords, twinApplies, twinDdl, twinExplain, twinName } from '../../../server/src/preview/insertCheck';

function writesOf(script: string) {
  const parsed = parseScript(script);
  return groupStatements(script, parsed.statements).flatMap((u) => unitWrites(u, parsed.statements));
}

describe('preview INSERT check', () => {
  it('plans the INSERT as written into the twin, hints blanked, offsets kept', () => {
    const script = "INSERT OVERWRITE db.`out` /*+ OPTIONS('sink.parallelism' = '2') */ (a, b)\nSELECT x,\n  y FROM src;";
    const [w] = writesOf(script);
    const twin = twinName(3);
    assert.equal(twinDdl(w, twin), "CREATE TEMPORARY TABLE `$preview_twin_3` WITH ('connector' = 'blackhole') LIKE `db`.`out` (EXCLUDING OPTIONS EXCLUDING PARTITIONS)");
    const sub = twinExplain(w, twin);
    assert.match(sub.text, /^EXPLAIN INSERT INTO `\$preview_twin_3` +\(a, b\)\nSELECT x,\n {2}y FROM src$/);
    assert.equal(sub.toDraftOffset(sub.text.indexOf('y FROM')), script.indexOf('y FROM'));
  });

  it('checks every INSERT of a statement set on its own', () => {
    const [a, b] = writesOf('EXECUTE STATEMENT SET BEGIN\nINSERT INTO s1 SELECT 1;\nINSERT INTO s2 SELECT 2;\nEND;');
    assert.equal(twinExplain(a, 't').text, 'EXPLAIN INSERT INTO `t` SELECT 1');
    assert.equal(twinExplain(b, 't').text, 'EXPLAIN INSERT INTO `t` SELECT 2');
  });

  it('leaves a static PARTITION clause or persisted metadata to the capture (a blackhole takes neither)', () => {
    const [plain] = writesOf('INSERT INTO t SELECT 1, 2');
    const [part] = writesOf("INSERT INTO t PARTITION (dt = '2024') SELECT 1");
    const describe = (extras: string) => [['a', 'INT', true, null, null, null], ['b', 'STRING', true, null, extras, null]];
    assert.equal(twinApplies(plain, describe('')), true);
    assert.equal(twinApplies(plain, describe('METADATA VIRTUAL')), true);
    assert.equal(twinApplies(plain, describe("METADATA FROM 'timestamp'")), false);
    assert.equal(twinApplies(part, describe('')), false);
  });

  it("names the sink where Flink names the twin", () => {
    assert.equal(sinkWords("Column types of query result and sink for 'default_catalog.default_database.$preview_twin_0' do not match.", '$preview_twin_0', 'orders_out'),
      "Column types of query result and sink for 'orders_out' do not match.");
  });
});
