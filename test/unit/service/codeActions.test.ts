// codeActions(): misspelt keywords where the parser expected one, and NOT ENFORCED for primary keys.
import { strict as assert } from 'node:assert';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { analyze, codeActions, diagnostics, type AnalyzedDocument } from '../../../server/src/service';
import { expectedTokens } from '../../../server/src/service/codeActions';

const URI = 'file:///drafts/orders.flink.sql';

function actionsFor(text: string): { doc: AnalyzedDocument; actions: CodeAction[]; diags: Diagnostic[] } {
  const doc = analyze(text);
  const diags = diagnostics(doc);
  const range = { start: doc.lines.positionAt(0), end: doc.lines.positionAt(text.length) };
  return { doc, diags, actions: codeActions(doc, range, diags, URI) };
}

/** Applies an action's single edit to the text. */
function apply(doc: AnalyzedDocument, action: CodeAction): string {
  const [edit] = action.edit!.changes![URI] as TextEdit[];
  const start = doc.lines.offsetAt(edit.range.start);
  const end = doc.lines.offsetAt(edit.range.end);
  return doc.text.slice(0, start) + edit.newText + doc.text.slice(end);
}

const ORDERS = "CREATE TABLE orders (order_id BIGINT, price DECIMAL(32, 2)) WITH ('connector' = 'filesystem', 'path' = 'file:///tmp/orders', 'format' = 'json');\n";

describe('codeActions: misspelt keywords', () => {
  for (const [broken, fixed] of [
    ['SELECT * FORM orders;', 'SELECT * FROM orders;'],
    ['select order_id form orders;', 'select order_id from orders;'],
    ['SELECT order_id FROM orders WHER price > 10;', 'SELECT order_id FROM orders WHERE price > 10;'],
    ['SELECT order_id FROM orders GROUP BY order_id ORDR BY order_id;', 'SELECT order_id FROM orders GROUP BY order_id ORDER BY order_id;'],
    ["CREATE TABLE t (a INT) WTIH ('connector' = 'blackhole');", "CREATE TABLE t (a INT) WITH ('connector' = 'blackhole');"],
    ['INSERT INTO orders SELCT order_id, price FROM orders;', 'INSERT INTO orders SELECT order_id, price FROM orders;'],
    ['SELECT o.price FROM orders o JION orders p ON o.order_id = p.order_id;', 'SELECT o.price FROM orders o JOIN orders p ON o.order_id = p.order_id;'],
  ]) {
    it(`fixes ${broken}`, () => {
      const { doc, actions, diags } = actionsFor(ORDERS + broken);
      assert.equal(diags.length, 1, JSON.stringify(diags));
      const preferred = actions.find((a) => a.isPreferred);
      assert.ok(preferred, JSON.stringify(actions.map((a) => a.title)));
      assert.equal(preferred.kind, 'quickfix');
      assert.deepEqual(preferred.diagnostics, diags);
      const result = apply(doc, preferred);
      assert.equal(result, ORDERS + fixed);
      assert.deepEqual(diagnostics(analyze(result), { syntaxOnly: true }), [], 'the fix parses');
    });
  }

  it('offers nothing for a word that is no keyword’s near miss', () => {
    const { actions, diags } = actionsFor(`${ORDERS}SELECT order_id FROM orders WHERE price > 10 GARBAGE;`);
    assert.equal(diags.length, 1);
    assert.deepEqual(actions, []);
  });

  it('reads expected tokens from diagnostic data when the parser attaches them, else from the message', () => {
    const base = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };
    assert.deepEqual(expectedTokens({ ...base, message: 'x', data: { expected: ['"FROM"', '","', '<IDENTIFIER>'] } }), { keywords: ['FROM'], truncated: false });
    assert.deepEqual(
      expectedTokens({ ...base, message: 'Encountered "x" at line 1, column 1. Was expecting one of: ",", "FROM", "UNION", … (5 more)' }),
      { keywords: ['FROM', 'UNION'], truncated: true },
    );
    assert.deepEqual(expectedTokens({ ...base, message: 'Encountered "x" at line 1, column 1. Was expecting: "AS"' }), { keywords: ['AS'], truncated: false });
  });
});

describe('codeActions: NOT ENFORCED', () => {
  for (const [table, fixed] of [
    ['CREATE TABLE t (id BIGINT, name STRING, PRIMARY KEY (id)) WITH (\'connector\' = \'jdbc\');',
      'CREATE TABLE t (id BIGINT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH (\'connector\' = \'jdbc\');'],
    ['CREATE TABLE t (id BIGINT PRIMARY KEY, name STRING) WITH (\'connector\' = \'jdbc\');',
      'CREATE TABLE t (id BIGINT PRIMARY KEY NOT ENFORCED, name STRING) WITH (\'connector\' = \'jdbc\');'],
    ['create table t (id bigint, constraint pk primary key (id) enforced) with (\'connector\' = \'jdbc\');',
      'create table t (id bigint, constraint pk primary key (id) not enforced) with (\'connector\' = \'jdbc\');'],
  ]) {
    it(`fixes ${table.slice(0, 60)}…`, () => {
      const { doc, actions } = actionsFor(table);
      assert.equal(actions.length, 1, JSON.stringify(actions));
      assert.match(actions[0].title, /NOT ENFORCED/i);
      assert.equal(apply(doc, actions[0]), fixed);
    });
  }

  it('fixes the parser’s own flink-validate error (Flink’s SqlConstraintValidator message) and clears it', () => {
    for (const table of [
      "CREATE TABLE t (id BIGINT, name STRING, PRIMARY KEY (id)) WITH ('connector' = 'datagen');",
      "CREATE TABLE t (id BIGINT PRIMARY KEY ENFORCED, name STRING) WITH ('connector' = 'datagen');",
    ]) {
      const { doc, actions, diags } = actionsFor(table);
      assert.deepEqual(diags.map((d) => [d.code, d.severity]), [['flink-validate', 1]], table);
      assert.match(diags[0].message as string, /^Flink doesn't support ENFORCED mode for PRIMARY KEY constraint/);
      assert.equal(actions.length, 1, JSON.stringify(actions));
      assert.deepEqual(actions[0].diagnostics, diags);
      assert.equal(actions[0].isPreferred, true);
      assert.deepEqual(diagnostics(analyze(apply(doc, actions[0]))), [], 'the fix satisfies Flink');
    }
  });

  it('offers nothing when the key is already NOT ENFORCED or the range is elsewhere', () => {
    assert.deepEqual(actionsFor(ORDERS.replace('price DECIMAL(32, 2)', 'price DECIMAL(32, 2), PRIMARY KEY (order_id) NOT ENFORCED')).actions, []);
    const doc = analyze(`SELECT 1;\nCREATE TABLE t (id BIGINT, PRIMARY KEY (id)) WITH ('connector' = 'jdbc');`);
    const firstLine = { start: { line: 0, character: 0 }, end: { line: 0, character: 9 } };
    assert.deepEqual(codeActions(doc, firstLine, [], URI), []);
  });
});
