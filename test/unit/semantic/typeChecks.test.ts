// Expression types, function signatures and grouping (typeChecks.ts, exprTypes.ts, functionSignatures.ts): each
// planner rejection with Flink 2.3.0's wording and its valid look-alike that must stay silent. Every case is real
// Flink SQL (see test/fixtures/semantic/drafts.jsonl, category types, for the planner's labels).
import * as assert from 'assert';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { FlinkVersion } from '../../../server/src/parser';
import { codeActions } from '../../../server/src/service/codeActions';
import { diagnose } from '../../../server/src/service/diagnostics';
import { analyze } from '../../../server/src/service/document';
import { resolver } from '../../../server/src/service/scope';
import { typeFromText, typeOf } from '../../../server/src/service/semantic/exprTypes';
import { isAggregate, isKnownFunction } from '../../../server/src/service/semantic/functionSignatures';

const TABLES = `CREATE TABLE clicks (
  user_id BIGINT,
  url STRING,
  name STRING,
  amount DECIMAL(10, 2),
  tags ARRAY<STRING>,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'kafka', 'topic' = 'clicks', 'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset', 'format' = 'json');
CREATE TABLE users (
  user_id BIGINT,
  name STRING
) WITH ('connector' = 'kafka', 'topic' = 'users', 'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset', 'format' = 'json');
`;

const CODES = /^flink-(unknown-function|cast|argument-count|argument-types|not-grouped|aggregate-in-where|nested-aggregate|column-count-mismatch|set-op-types|ambiguous-column|not-a-condition)$/;

function typeFindings(sql: string, version: FlinkVersion = '2.3', catalog = false): Diagnostic[] {
  const context = catalog ? { flinkVersion: version, catalogTables: [{ path: ['default_catalog', 'default_database', 'remote'], columns: [{ name: 'k', type: 'BIGINT' }, { name: 'v', type: 'STRING' }], current: true }] } : { flinkVersion: version };
  return diagnose(sql, undefined, context).filter((d) => CODES.test(String(d.code)));
}
const text = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);
function at(sql: string, d: Diagnostic): string {
  const doc = analyze(sql);
  return sql.slice(doc.lines.offsetAt(d.range.start), doc.lines.offsetAt(d.range.end));
}

function expectOne(query: string, message: string | RegExp, fault: string, version: FlinkVersion = '2.3'): Diagnostic {
  const sql = TABLES + query;
  const ds = typeFindings(sql, version);
  assert.strictEqual(ds.length, 1, `${query}: expected one finding, got: ${ds.map(text).join(' | ') || 'none'}`);
  if (typeof message === 'string') assert.strictEqual(text(ds[0]), message);
  else assert.match(text(ds[0]), message);
  assert.strictEqual(at(sql, ds[0]), fault);
  assert.strictEqual(ds[0].severity, DiagnosticSeverity.Error);
  return ds[0];
}
function expectNone(query: string, version: FlinkVersion = '2.3'): void {
  const ds = typeFindings(TABLES + query, version);
  assert.deepStrictEqual(ds.map(text), [], query);
}

describe('type checks (typeChecks.ts)', () => {
  for (const version of ['2.3', '1.20'] as FlinkVersion[]) {
    describe(`Flink ${version}`, () => {
      it('reports an unknown function, unless the draft creates it or loads a module', () => {
        expectOne('SELECT NO_SUCH_FN(1) FROM clicks;', 'No match found for function signature NO_SUCH_FN(<NUMERIC>)', 'NO_SUCH_FN', version);
        expectNone(`CREATE TEMPORARY FUNCTION no_such_fn AS 'com.example.Fn';\nSELECT NO_SUCH_FN(1) FROM clicks;`, version);
        expectNone(`CREATE FUNCTION my_fn AS 'com.example.Fn';\nSELECT my_fn(url) FROM clicks;`, version);
        expectNone(`LOAD MODULE hive WITH ('hive-version' = '3.1.3');\nSELECT get_json_object(url, '$.a') FROM clicks;`, version);
        expectNone('SELECT UPPER(url), CHAR_LENGTH(url), DATE_FORMAT(ts, \'yyyy\'), COALESCE(name, url), CURRENT_TIMESTAMP FROM clicks;', version);
      });

      it('reports Calcite operand families on the argument at fault', () => {
        expectOne('SELECT LOWER(amount) FROM clicks;',
          "Cannot apply 'LOWER' to arguments of type 'LOWER(<DECIMAL(10, 2)>)'. Supported form(s): 'LOWER(<CHARACTER>)'", 'amount', version);
        expectOne('SELECT ROUND(url, 1) FROM clicks;', /^Cannot apply 'ROUND' to arguments of type 'ROUND\(<VARCHAR\(2147483647\)>, <INT>\)'/, 'url', version);
        expectOne('SELECT CONCAT(url, user_id) FROM clicks;', /^Cannot apply 'CONCAT'/, 'user_id', version);
        expectOne('SELECT user_id, SUM(url) FROM clicks GROUP BY user_id;', /^Cannot apply 'SUM' .*'SUM\(<NUMERIC>\)'/, 'url', version);
        expectNone('SELECT LOWER(url), ROUND(amount, 1), ROUND(amount), CONCAT(url, name, \'x\'), CONCAT(url, CAST(user_id AS STRING)) FROM clicks;', version);
        expectNone('SELECT LOWER(NULL), MOD(user_id, 3), POWER(amount, 2), LEFT(url, 3) FROM clicks;', version);
      });

      it('reports a wrong argument count where every form of the built-in has a fixed one', () => {
        expectOne("SELECT REGEXP_REPLACE(url, 'http:') FROM clicks;", "Invalid number of arguments to function 'REGEXP_REPLACE'. Was expecting 3 arguments", "REGEXP_REPLACE(url, 'http:')", version);
        expectOne('SELECT LOWER(url, name) FROM clicks;', "Invalid number of arguments to function 'LOWER'. Was expecting 1 arguments", 'LOWER(url, name)', version);
        expectNone("SELECT REGEXP_REPLACE(url, 'http:', 'https:'), REGEXP_EXTRACT(url, 'a'), REGEXP_EXTRACT(url, 'a', 1) FROM clicks;", version);
      });

      it('lets implicit casts through: a comparison of a DECIMAL with a string literal', () => {
        expectNone("SELECT user_id FROM clicks WHERE amount > 'high';", version);
        expectNone("SELECT user_id FROM clicks WHERE user_id = '42' AND ts > '2024-01-01 00:00:00';", version);
      });

      it('reports operators and conditions whose operand types do not fit', () => {
        expectOne('SELECT user_id + url FROM clicks;', /^Cannot apply '\+' to arguments of type '<BIGINT> \+ <VARCHAR\(2147483647\)>'/, 'user_id + url', version);
        expectOne("SELECT user_id FROM clicks WHERE amount LIKE '1%';", /^Cannot apply 'LIKE'/, "amount LIKE '1%'", version);
        expectOne('SELECT user_id FROM clicks WHERE amount;', 'WHERE clause must be a condition', 'amount', version);
        expectOne("SELECT CASE WHEN url THEN 'a' ELSE 'b' END FROM clicks;", 'Expected a boolean type', 'url', version);
        expectOne('SELECT url[1] FROM clicks;', /^Cannot apply 'ITEM'/, 'url[1]', version);
        expectOne('SELECT c.url FROM clicks AS c JOIN clicks AS o ON c.user_id = o.ts;', /^Cannot apply '=' to arguments of type '<BIGINT> = <TIMESTAMP\(3\)>'/, 'c.user_id = o.ts', version);
        expectNone("SELECT user_id + 1, amount * 2, tags[1], url LIKE 'http%' FROM clicks WHERE url IS NOT NULL AND CASE WHEN amount > 1 THEN TRUE ELSE FALSE END;", version);
      });

      it('reports a cast LogicalTypeCasts does not allow', () => {
        expectOne('SELECT CAST(tags AS BIGINT) FROM clicks;', 'Cast function cannot convert value of type VARCHAR(2147483647) ARRAY to type BIGINT', 'CAST(tags AS BIGINT)', version);
        expectNone('SELECT CAST(tags AS STRING), CAST(url AS BIGINT), CAST(amount AS INT), CAST(ts AS DATE) FROM clicks;', version);
      });

      it('reports UNNEST of a non-array', () => {
        expectOne('SELECT c.user_id, t.x\nFROM clicks AS c\nCROSS JOIN UNNEST(c.url) AS t (x);', /^Cannot apply 'UNNEST' to arguments of type 'UNNEST\(<VARCHAR\(2147483647\)>\)'/, 'c.url', version);
        expectNone('SELECT c.user_id, t.tag\nFROM clicks AS c\nCROSS JOIN UNNEST(c.tags) AS t (tag);', version);
      });

      it('reports a column not grouped, on the column', () => {
        expectOne('SELECT user_id, url, COUNT(*) FROM clicks GROUP BY user_id;', "Expression 'url' is not being grouped", 'url', version);
        expectOne('SELECT * FROM clicks GROUP BY user_id;', "Expression 'clicks.url' is not being grouped", '*', version);
        expectOne('SELECT user_id, COUNT(*) FROM clicks;', "Expression 'user_id' is not being grouped", 'user_id', version);
        expectNone('SELECT user_id, COUNT(*), MAX(url) FROM clicks GROUP BY user_id;', version);
        expectNone('SELECT UPPER(url), COUNT(*) FROM clicks GROUP BY UPPER(url);', version);
        expectNone('SELECT user_id, SUM(amount) OVER (PARTITION BY user_id ORDER BY ts) FROM clicks;', version);
        expectNone('SELECT window_start, user_id, COUNT(*) FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL \'1\' MINUTE)) GROUP BY window_start, window_end, user_id;', version);
        expectNone(`CREATE FUNCTION my_agg AS 'com.example.Agg';\nSELECT user_id, my_agg(url) FROM clicks GROUP BY user_id;`, version);
      });

      it('reports an aggregate in WHERE and nested aggregates', () => {
        expectOne('SELECT user_id FROM clicks WHERE COUNT(*) > 1 GROUP BY user_id;', 'Aggregate expression is illegal in WHERE clause', 'COUNT(*)', version);
        expectOne('SELECT SUM(COUNT(*)) FROM clicks GROUP BY user_id;', 'Aggregate expressions cannot be nested', 'SUM(COUNT(*))', version);
        expectNone('SELECT user_id FROM clicks GROUP BY user_id HAVING COUNT(*) > 1;', version);
        expectNone('SELECT user_id FROM clicks WHERE amount > (SELECT AVG(amount) FROM clicks);', version);
      });

      it('reports UNION ALL branches that do not match', () => {
        expectOne('SELECT user_id, url FROM clicks UNION ALL SELECT user_id FROM clicks;', 'Column count mismatch in UNION ALL', 'SELECT user_id FROM clicks', version);
        expectOne('SELECT user_id, url FROM clicks\nUNION ALL\nSELECT url, user_id FROM clicks;', 'Type mismatch in column 1 of UNION ALL', 'user_id', version);
        expectNone('SELECT user_id, url FROM clicks UNION ALL SELECT user_id, name FROM users;', version);
        expectNone('SELECT * FROM users UNION ALL SELECT user_id, url FROM clicks;', version);
        expectNone('SELECT user_id, amount FROM clicks UNION ALL SELECT user_id, 1 FROM users;', version);
      });

      it('reports an ambiguous column, with a quick fix where the join equates the two', () => {
        const query = 'SELECT user_id FROM clicks c JOIN users u ON c.user_id = u.user_id;';
        const d = expectOne(query, "Column 'user_id' is ambiguous", 'user_id', version);
        const sql = TABLES + query;
        const actions = codeActions(analyze(sql), d.range, [d], 'file:///d.sql');
        assert.strictEqual(actions.length, 1);
        assert.strictEqual(actions[0].title, 'Qualify as c.user_id');
        expectOne('SELECT c.user_id, name FROM clicks c LEFT JOIN users u ON c.user_id = u.user_id;', "Column 'name' is ambiguous", 'name', version);
        expectNone('SELECT c.user_id, u.name, url FROM clicks c JOIN users u ON c.user_id = u.user_id;', version);
        expectNone('SELECT user_id, url FROM clicks JOIN users USING (user_id);', version);
      });
    });
  }

  it('stays silent where a table is unknown, and warns where a catalog table is involved', () => {
    assert.deepStrictEqual(typeFindings('SELECT LOWER(amount), user_id, COUNT(*) FROM somewhere_else GROUP BY x;').map(text), []);
    const ds = typeFindings('SELECT k, v, COUNT(*) FROM remote GROUP BY k;', '2.3', true);
    assert.deepStrictEqual(ds.map((d) => [text(d), d.severity]), [["Expression 'v' is not being grouped", DiagnosticSeverity.Warning]]);
  });

  it('types expressions for other checks (typeOf)', () => {
    assert.strictEqual(typeFromText('DECIMAL(10, 2) NOT NULL')?.text, 'DECIMAL(10, 2)');
    assert.strictEqual(typeFromText('DECIMAL(10, 2) NOT NULL')?.nullable, false);
    assert.strictEqual(typeFromText('STRING')?.text, 'VARCHAR(2147483647)');
    assert.strictEqual(typeFromText('TIMESTAMP_LTZ(3)')?.root, 'TIMESTAMP_LTZ');
    assert.strictEqual(typeFromText('STRING ARRAY'), undefined);
    assert.strictEqual(typeFromText('MY_UDT'), undefined);
    const lit = { kind: 'literal', type: 'number', text: '1.50', value: '1.50', start: 0, end: 4 };
    assert.strictEqual(typeOf(lit, { entries: [], text: () => '' })?.text, 'DECIMAL(3, 2)');
    assert.strictEqual(typeOf({ kind: 'identifier', parts: [{ value: 'x' }], start: 0, end: 1 }, { entries: [], text: () => '' }), undefined);
    const doc = analyze(TABLES + 'SELECT ts, amount FROM clicks;');
    const stmt = doc.script.statements[2];
    const select = (stmt.node as unknown as { body: { items: { expr: never }[] } }).body;
    const entries = [{ alias: 'clicks', table: resolver(doc, stmt.start)(['clicks'])! }];
    const scope = { entries, text: (sp: { start: number; end: number }) => stmt.text.slice(sp.start, sp.end) };
    assert.deepStrictEqual(typeOf(select.items[0].expr, scope), { root: 'TIMESTAMP', text: 'TIMESTAMP(3)', nullable: true, timeAttribute: 'rowtime' });
    assert.strictEqual(typeOf(select.items[1].expr, scope)?.timeAttribute, undefined);
    assert.ok(isKnownFunction('json_value', '2.3') && isAggregate('COUNT', '1.20') && !isKnownFunction('NO_SUCH_FN', '2.3'));
  });
});
