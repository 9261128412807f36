// Lexer tokens and lexical errors; statement splitting on `;` outside strings, comments and statement-set blocks.
import * as assert from 'assert';
import { tokenize } from '../../../server/src/parser/lexer';
import { splitStatements } from '../../../server/src/parser/splitter';

const kinds = (sql: string) => tokenize(sql).tokens.map((t) => `${t.type}:${t.text}`);
const pieces = (sql: string) => splitStatements(sql).map((r) => sql.slice(r.start, r.end));

describe('lexer', () => {
  it('produces words, quoted identifiers, literals and operators with offsets', () => {
    assert.deepStrictEqual(kinds("SELECT `a``b`, 'it''s', 1.5e3, X'0F' <> -- c\n x"), [
      'word:SELECT', 'quoted:`a``b`', 'op:,', "string:'it''s'", 'op:,', 'number:1.5e3', 'op:,', "binary:X'0F'", 'op:<>', 'word:x', 'eof:',
    ]);
    const t = tokenize('SELECT `a``b`').tokens[1];
    assert.strictEqual(t.value, 'a`b');
    assert.deepStrictEqual([t.start, t.end], [7, 13]);
  });

  it('skips // line comments as Calcite does (up to \\n or \\r), but not // inside strings', () => {
    assert.deepStrictEqual(kinds("SELECT a // b ; c\r x, 'hdfs://n/p' // d"), ['word:SELECT', 'word:a', 'word:x', 'op:,', "string:'hdfs://n/p'", 'eof:']);
    assert.deepStrictEqual(kinds('SELECT 4 / 2 //x'), ['word:SELECT', 'number:4', 'op:/', 'number:2', 'eof:']);
  });

  it('lexes a compound name with $ in a later part as one COLLATION_ID token, as Calcite does', () => {
    assert.deepStrictEqual(kinds('FROM lake.db.orders$snapshots'), ['word:FROM', 'collation:lake.db.orders$snapshots', 'eof:']);
    assert.deepStrictEqual(kinds('FROM orders$snapshots'), ['word:FROM', 'word:orders$snapshots', 'eof:']);
    assert.deepStrictEqual(kinds('FROM db.x$ , db. a$b'), ['word:FROM', 'word:db', 'op:.', 'word:x$', 'op:,', 'word:db', 'op:.', 'word:a$b', 'eof:']);
    assert.deepStrictEqual(kinds('a.b$c1'), ['collation:a.b$c', 'number:1', 'eof:']);
  });

  it('lexes hints as their own tokens and skips ordinary comments', () => {
    assert.deepStrictEqual(kinds("SELECT /*+ OPTIONS('k'='v') */ /* no */ 1"), [
      'word:SELECT', 'hintStart:/*+', 'word:OPTIONS', 'op:(', "string:'k'", 'op:=', "string:'v'", 'op:)', 'hintEnd:*/', 'number:1', 'eof:',
    ]);
  });

  it('reports unterminated strings, comments, identifiers and hints as diagnostics', () => {
    for (const [sql, code] of [["SELECT 'abc", 'unterminated-string'], ['SELECT 1 /* x', 'unterminated-comment'], ['SELECT `a', 'unterminated-identifier'], ['SELECT /*+ X', 'unterminated-comment']]) {
      const d = tokenize(sql).diagnostics;
      assert.strictEqual(d.length, 1, sql);
      assert.strictEqual(d[0].code, code);
      assert.strictEqual(d[0].end, sql.length);
    }
  });

  it('reports an illegal character and goes on', () => {
    const r = tokenize('SELECT # 1');
    assert.strictEqual(r.diagnostics[0].code, 'illegal-character');
    assert.deepStrictEqual(r.tokens.map((t) => t.text), ['SELECT', '1', '']);
  });
});

describe('splitter', () => {
  it('does not split on a ; inside a // comment', () => {
    assert.deepStrictEqual(pieces('SELECT 1 // not; the end\n; SELECT 2'), ['SELECT 1 // not; the end', 'SELECT 2']);
  });

  it('splits on semicolons and trims blanks, keeping leading comments', () => {
    assert.deepStrictEqual(pieces('SELECT 1;\n\n-- note\nSELECT 2 ;  ;\nSELECT 3'), ['SELECT 1', '-- note\nSELECT 2', 'SELECT 3']);
  });

  it('ignores semicolons in strings, identifiers and comments', () => {
    const sql = "SELECT ';' AS `a;b` -- x;y\n/* ; */ FROM t; SELECT 2";
    assert.deepStrictEqual(pieces(sql), ["SELECT ';' AS `a;b` -- x;y\n/* ; */ FROM t", 'SELECT 2']);
  });

  it('keeps EXECUTE STATEMENT SET BEGIN … END blocks whole, CASE … END included', () => {
    const block = 'EXECUTE STATEMENT SET BEGIN\nINSERT INTO a SELECT CASE WHEN x THEN 1 END FROM t;\nINSERT INTO b SELECT 2;\nEND';
    assert.deepStrictEqual(pieces(`${block};\nSELECT 3;`), [block, 'SELECT 3']);
  });

  it('splits the SQL client form BEGIN STATEMENT SET; … END; into statements', () => {
    assert.deepStrictEqual(pieces('BEGIN STATEMENT SET;\nINSERT INTO a SELECT 1;\nEND;'), ['BEGIN STATEMENT SET', 'INSERT INTO a SELECT 1', 'END']);
  });

  it('records where the terminating semicolon is', () => {
    assert.deepStrictEqual(splitStatements('SELECT 1; SELECT 2').map((r) => r.semicolon), [8, -1]);
  });
});
