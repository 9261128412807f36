// parseScript as the language service uses it: one precise error per broken statement in Flink's words,
// recovery at the next statement, absolute script diagnostics, the statement cache, and the seed sample.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { collect, parseScript, StatementCache, type TableRefNode } from '../../../server/src/parser';

describe('parseScript', () => {
  it('parses the seed sample clean', () => {
    const text = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'examples', 'datagen-to-blackhole.flink.sql'), 'utf8');
    const r = parseScript(text);
    assert.deepStrictEqual(r.diagnostics, []);
    assert.deepStrictEqual(r.statements.map((s) => s.node?.kind), ['createTable', 'createTable', 'insert']);
  });

  it('reports a syntax error Flink-style and recovers at the next statement', () => {
    const text = "CREATE TABLE t (a INT) WITH ('connector' = 'datagen');\nSELECT a,\n  FROM t;\nSELECT a FROM t;";
    const r = parseScript(text);
    assert.strictEqual(r.statements.length, 3);
    assert.deepStrictEqual(r.statements.map((s) => s.diagnostics.length), [0, 1, 0]);
    assert.strictEqual(r.diagnostics.length, 1);
    const d = r.diagnostics[0];
    assert.strictEqual(text.slice(d.start, d.end), 'FROM');
    assert.match(d.message, /^Encountered "FROM" at line 3, column 3\. Was expecting one of: .*<IDENTIFIER>/);
    // the statement keeps its own, statement-relative copy
    const s = r.statements[1];
    assert.strictEqual(s.text.slice(s.diagnostics[0].start, s.diagnostics[0].end), 'FROM');
    assert.match(s.diagnostics[0].message, /at line 2, column 3/);
    assert.strictEqual(r.statements[2].node?.kind, 'query');
  });

  it('follows Flink where a misspelt keyword reads as an alias', () => {
    // `FORM` aliases `*`, so Flink (and we) complain about the `t` after it
    assert.match(parseScript('SELECT * FORM t').diagnostics[0].message, /^Encountered "t" at line 1, column 15\./);
  });

  it('keeps the expectation list short', () => {
    const d = parseScript('SELECT a FROM t WHERE').diagnostics[0];
    // JavaCC puts EOF on the input's last character, as Flink 2.3 reports it (oracle: line 1, column 21)
    assert.match(d.message, /^Encountered "<EOF>" at line 1, column 21\./);
    assert.ok((d.message.match(/, /g) ?? []).length <= 7, d.message);
  });

  it('reports Flink’s own messages for constructs its parser rejects', () => {
    const msg = (sql: string) => parseScript(sql).diagnostics.map((d) => d.message);
    assert.deepStrictEqual(msg("STOP JOB 'j' WITH DRAIN"), ['WITH DRAIN could only be used after WITH SAVEPOINT.']);
    assert.deepStrictEqual(msg('CREATE TABLE t (a INT, WATERMARK FOR a AS a, WATERMARK FOR a AS a)'), ['Multiple WATERMARK declarations are not supported yet.']);
    assert.deepStrictEqual(msg('CREATE TABLE t (a INT, b AS (SELECT 1))'), ['Query expression encountered in illegal context']);
    assert.deepStrictEqual(msg('SELECT a FROM t WHERE a != 1'), ["Bang equal '!=' is not allowed under the current SQL conformance level"]);
  });

  it('treats reserved words as Flink does', () => {
    assert.strictEqual(parseScript('SELECT value FROM t').diagnostics.length, 1);
    assert.strictEqual(parseScript('SELECT `value`, name, `timestamp` FROM t').diagnostics.length, 0);
    assert.strictEqual(parseScript('CREATE TABLE t (bitmap INT)').diagnostics.length, 1);
  });

  it('turns lexical errors into diagnostics without a second, redundant parse error', () => {
    const r = parseScript("SELECT 'abc FROM t");
    assert.deepStrictEqual(r.diagnostics.map((d) => d.code), ['unterminated-string']);
  });

  it('flags a JOIN without a condition as a warning only, as Flink leaves it to validation', () => {
    const d = parseScript('SELECT * FROM a JOIN b').diagnostics;
    assert.deepStrictEqual(d.map((x) => x.severity), ['warning']);
  });

  it('bounds nesting with a diagnostic instead of overflowing the stack', () => {
    const r = parseScript('SELECT ' + '('.repeat(10_000) + '1' + ')'.repeat(10_000) + ';\nSELECT 2');
    assert.strictEqual(r.statements.length, 2);
    assert.strictEqual(r.statements[0].diagnostics[0].code, 'too-deep');
    assert.deepStrictEqual(r.statements[1].diagnostics, []);
  });

  it('keeps a partial tree for a statement that breaks half-way', () => {
    const r = parseScript("CREATE TABLE t (a INT) WITH ('connector' = ");
    assert.strictEqual(r.diagnostics.length, 1);
    assert.strictEqual(r.statements[0].node?.kind, 'createTable');
    assert.strictEqual(r.statements[0].node?.name?.parts[0].value, 't');
  });

  it('still builds the tree around a broken select item or an unfinished join, for completion', () => {
    const names = (sql: string) => {
      const r = parseScript(sql);
      assert.strictEqual(r.diagnostics.length, 1, sql);
      return collect<TableRefNode>(r.statements[0].node, 'tableRef').map((t) => `${t.name.parts.map((x) => x.value).join('.')}${t.alias ? ` ${t.alias.value}` : ''}`);
    };
    assert.deepStrictEqual(names('SELECT  FROM orders o'), ['orders o']);
    assert.deepStrictEqual(names('SELECT o., c.name FROM orders o JOIN customers c ON o.id = c.id'), ['orders o', 'customers c']);
    assert.deepStrictEqual(names('SELECT a FROM orders o JOIN '), ['orders o']);
    assert.deepStrictEqual(names('INSERT INTO sink SELECT x. FROM src, db.dim d WHERE'), ['src', 'db.dim d']);
    // the one error reported is still the first one, where Flink reports it
    assert.match(parseScript('SELECT f(a, , b), c FROM t').diagnostics[0].message, /^Encountered "," at line 1, column 13\./);
  });

  it('re-parses only the edited statement when given a cache', () => {
    const stmts = Array.from({ length: 50 }, (_, i) => `SELECT c${i} FROM t${i}`);
    const cache = new StatementCache();
    const first = parseScript(stmts.join(';\n'), cache);
    stmts[25] = 'SELECT c25 FORM t25x';
    const second = parseScript(stmts.join(';\n'), cache);
    assert.strictEqual(cache.size, 51);
    // untouched statements are the very same cached trees, even though statement 26+ moved
    assert.strictEqual(second.statements[30].node, first.statements[30].node);
    assert.strictEqual(second.statements[30].start, first.statements[30].start + 1);
    assert.strictEqual(second.diagnostics.length, 1);
    assert.strictEqual(second.statements[25].diagnostics.length, 1);
  });

  it('keeps the cache within its entry and character budgets, dropping the oldest trees first', () => {
    const cache = new StatementCache(100, 2_000);
    const big = (i: number) => `SELECT ${'x, '.repeat(60)}c${i} FROM t`; // ~190 characters
    for (let i = 0; i < 40; i++) parseScript(big(i), cache);
    assert.ok(cache.characters <= 2_000, `${cache.characters} characters`);
    assert.ok(cache.size >= 10 && cache.size <= 11, `${cache.size} entries`);
    const again = parseScript(big(39), cache).statements[0].node;
    assert.strictEqual(parseScript(big(39), cache).statements[0].node, again, 'the newest is still cached');
    const small = new StatementCache(5);
    for (let i = 0; i < 12; i++) parseScript(`SELECT ${i}`, small);
    assert.strictEqual(small.size, 5);
  });

  it('skips comment-only chunks', () => {
    const r = parseScript('-- just a note\n;\n/* and another */;');
    assert.deepStrictEqual(r.statements, []);
    assert.deepStrictEqual(r.diagnostics, []);
  });
});
