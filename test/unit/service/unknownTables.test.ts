// The unknown-table check: silent until catalogs are known; then warns on tables neither defined in the draft
// (or a CTE) nor found in the catalogs, on the name's exact range.
import { strict as assert } from 'node:assert';
import { analyze } from '../../../server/src/service/document';
import { catalogContext } from '../../../server/src/service/completionCatalog';
import { unknownTableDiagnostics } from '../../../server/src/service/unknownTables';
import type { FlinkCatalogTreeResult } from '../../../server/src/protocol';

const tree = {
  ok: true, flinkVersion: '2.3.0', currentCatalog: 'default_catalog', currentDatabase: 'default_database',
  catalogs: [
    { name: 'default_catalog', current: true, databases: [{ name: 'default_database', current: true, tables: ['orders'], views: ['recent_orders'], functions: [] }] },
    { name: 'lake', current: false, databases: [{ name: 'sales', current: false, tables: ['customers'], views: [], functions: [] }] },
  ],
} as unknown as FlinkCatalogTreeResult;
const context = catalogContext([{ tree, columns: new Map() }]);

const DRAFT = `CREATE TEMPORARY TABLE clicks (user_id BIGINT, url STRING) WITH ('connector' = 'datagen');
CREATE TEMPORARY TABLE sink (user_id BIGINT) WITH ('connector' = 'blackhole');
WITH recent AS (SELECT * FROM clicks)
SELECT r.user_id FROM recent r JOIN orders o ON r.user_id = o.user_id JOIN lake.sales.customers c ON c.id = r.user_id;
SELECT * FROM recent_orders;
INSERT INTO sink SELECT user_id FROM click;
INSERT INTO sinks SELECT user_id FROM lake.sales.customer;
SELECT * FROM TABLE(TUMBLE(TABLE clickz, DESCRIPTOR(ts), INTERVAL '1' MINUTE));`;

describe('unknown-table check', () => {
  it('says nothing while no catalog has been read', () => {
    assert.deepEqual(unknownTableDiagnostics(analyze(DRAFT), {}), []);
  });

  it('warns on each table the draft and the catalogs do not know, on its name', () => {
    const doc = analyze(DRAFT);
    const found = unknownTableDiagnostics(doc, context);
    const text = (d: (typeof found)[number]) => DRAFT.slice(doc.lines.offsetAt(d.range.start), doc.lines.offsetAt(d.range.end));
    assert.deepEqual(found.map(text), ['click', 'sinks', 'lake.sales.customer', 'clickz']);
    assert.ok(found.every((d) => d.severity === 2 && d.code === 'unknown-table' && d.source === 'flink-sql'));
    assert.match(String(found[0].message), /Table 'click' is not defined in this draft and was not found in the catalogs \(default_catalog, lake\)/);
  });

  it('knows a table only from the statement that creates it on', () => {
    const draft = "INSERT INTO t SELECT 1;\nCREATE TABLE t (a INT) WITH ('connector' = 'blackhole');\nINSERT INTO t SELECT 1;";
    const doc = analyze(draft);
    assert.deepEqual(unknownTableDiagnostics(doc, context).map((d) => d.range.start.line), [0]);
  });

  it('skips statements with syntax errors (the parser has already said what is wrong)', () => {
    assert.deepEqual(unknownTableDiagnostics(analyze('SELECT * FORM nowhere WHERE;'), context), []);
  });
});
