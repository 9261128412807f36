// prepareRename() and rename(): every reference and the definition change, the renamed draft still parses
// without a new diagnostic, new names are back-quoted when Flink needs it, and bad targets are refused.
import { strict as assert } from 'node:assert';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { analyze, diagnostics, prepareRename, quoteIdentifier, rename } from '../../../server/src/service';
import { caret, caretAfter, seedDraft } from './completionCaret';
import { SHOP, URI } from './referencesCaret';

function apply(text: string, edits: TextEdit[]): string {
  const doc = analyze(text);
  const spans = edits.map((e) => ({ s: doc.lines.offsetAt(e.range.start), e: doc.lines.offsetAt(e.range.end), t: e.newText }));
  spans.sort((a, b) => b.s - a.s);
  let out = text;
  for (const x of spans) out = out.slice(0, x.s) + x.t + out.slice(x.e);
  return out;
}

/** Renames at the caret and returns the new text, checking it parses with no more diagnostics than before. */
function renamed(fixture: string, newName: string): string {
  const { doc, position } = caret(fixture);
  const result = rename(doc, position, newName, URI);
  if ('error' in result) throw new Error(result.error);
  const after = apply(doc.text, (result as WorkspaceEdit).changes![URI]);
  const before = diagnostics(doc).map((d) => d.message);
  assert.deepEqual(diagnostics(analyze(after)).map((d) => d.message), before, after);
  return after;
}

function refusal(fixture: string): string {
  const { doc, position } = caret(fixture);
  const r = prepareRename(doc, position);
  assert.ok('error' in r, `expected a refusal, got ${JSON.stringify(r)}`);
  return r.error;
}

describe('rename', () => {
  it('the shop draft has no diagnostics to begin with', () => {
    assert.deepEqual(diagnostics(analyze(SHOP)), []);
  });

  it('renames a table in its definition, FROM, qualified columns, LIKE, ALTER and DROP', () => {
    const draft = `${SHOP}CREATE TEMPORARY TABLE orders_copy WITH ('connector' = 'blackhole') LIKE orders (EXCLUDING OPTIONS);
SELECT orders.price FROM orders WHERE orders.order_id > 10;
ALTER TABLE orders SET ('rows-per-second' = '20');
DROP TEMPORARY TABLE orders;
`;
    const out = renamed(caretAfter(draft, 'FROM ord'), 'purchases');
    assert.ok(out.startsWith('CREATE TEMPORARY TABLE purchases ('));
    assert.match(out, /FROM purchases o WHERE/);
    assert.match(out, /LIKE purchases \(EXCLUDING OPTIONS\);/);
    assert.match(out, /SELECT purchases\.price FROM purchases WHERE purchases\.order_id > 10;/);
    assert.match(out, /ALTER TABLE purchases SET/);
    assert.match(out, /DROP TEMPORARY TABLE purchases;/);
    assert.doesNotMatch(out, /\borders\b/);
    assert.match(out, /CREATE TEMPORARY VIEW big_orders AS/); // other names containing it are untouched
  });

  it('renames a column everywhere it is used, through aliases, views and the INSERT column list', () => {
    const out = renamed(caretAfter(SHOP, 'o.customer_i'), 'client_id');
    assert.match(out, /^ {2}client_id BIGINT,\n {2}price/m);
    assert.match(out, /SELECT o\.order_id, o\.client_id, o\.price AS amount FROM orders o/);
    assert.match(out, /ON b\.client_id = c\.customer_id;/); // the customers column of the same name stays
    assert.match(out, /^ {2}customer_id BIGINT,\n {2}name STRING,\n {2}PRIMARY KEY \(customer_id\)/m);

    const sink = renamed(caretAfter(SHOP, 'customer_na'), 'buyer');
    assert.match(sink, /^ {2}buyer STRING,$/m);
    assert.match(sink, /INSERT INTO enriched_sink \(order_id, buyer, amount\)/);
  });

  it('renames a column in computed columns, WATERMARK and PRIMARY KEY', () => {
    const ts = renamed(caretAfter(SHOP, 'AS order_ti'), 'event_time');
    assert.match(ts, /event_time TIMESTAMP\(3\),/);
    assert.match(ts, /WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND/);
    const id = renamed(caretAfter(SHOP, '  order_i'), 'id');
    assert.match(id, /PRIMARY KEY \(id\) NOT ENFORCED\n\) WITH \('connector' = 'datagen', 'rows-per-second'/);
    assert.match(id, /SELECT o\.id, o\.customer_id/);
    assert.match(id, /SELECT b\.id, c\.name/);
  });

  it('renames a CTE that shadows a table without touching the table', () => {
    const draft = `${SHOP}WITH orders AS (SELECT order_id, price FROM orders WHERE price > 10)
SELECT o.order_id FROM orders o;
`;
    const out = renamed(caretAfter(draft, 'WITH ord'), 'cheap');
    assert.match(out, /WITH cheap AS \(SELECT order_id, price FROM orders WHERE price > 10\)\nSELECT o\.order_id FROM cheap o;/);
  });

  it('back-quotes a reserved word or a name Flink would not read bare, and takes a quoted name as typed', () => {
    assert.equal(quoteIdentifier('orders'), 'orders');
    assert.equal(quoteIdentifier('select'), '`select`');
    assert.equal(quoteIdentifier('order total'), '`order total`');
    assert.equal(quoteIdentifier('1st'), '`1st`');
    assert.equal(quoteIdentifier('a`b'), '`a``b`');
    const out = renamed(caretAfter(SHOP, 'o.pri'), 'value');
    assert.match(out, /`value` DECIMAL\(32, 2\),\n {2}order_time/);
    assert.match(out, /total AS `value` \* 2/);
    assert.match(out, /o\.`value` AS amount FROM orders o WHERE o\.`value` > 100/);
    const quoted = renamed(caretAfter(SHOP, 'o.pri'), '`unit price`');
    assert.match(quoted, /o\.`unit price` AS amount/);
  });

  it('renames in the shipped seed draft', () => {
    const out = renamed(caretAfter(seedDraft(), 'INSERT INTO bla'), 'sink');
    assert.match(out, /CREATE TEMPORARY TABLE sink\(/);
    assert.match(out, /INSERT INTO sink\nSELECT/);
  });

  it('gives the identifier’s range and name to prepare a rename', () => {
    const { doc, position } = caret(caretAfter(SHOP, 'JOIN custo'));
    const r = prepareRename(doc, position);
    assert.ok(!('error' in r));
    assert.equal(r.placeholder, 'customers');
    assert.equal(doc.text.slice(doc.lines.offsetAt(r.range.start), doc.lines.offsetAt(r.range.end)), 'customers');
  });

  it('refuses keywords, strings, comments and names the draft does not define, saying why', () => {
    assert.equal(refusal(caretAfter(SHOP, 'SELE')), '`SELECT` is a keyword, not a name.');
    assert.match(refusal(caretAfter(SHOP, "'datag")), /string literal cannot be renamed/);
    assert.match(refusal(`SELECT name FROM catalog_t|able;`), /`catalog_table` is not defined in this draft/);
    assert.match(refusal(`${SHOP}SELECT UPP|ER(name) FROM customers;`), /`UPPER` is a keyword|`UPPER` is not defined/);
    assert.match(refusal(`-- a comm|ent\n${SHOP}`), /Place the caret on the name/);
  });

  it('refuses a new name that another table of the draft already has, and an empty one', () => {
    const { doc, position } = caret(caretAfter(SHOP, 'FROM ord'));
    const clash = rename(doc, position, 'customers', URI);
    assert.deepEqual(clash, { error: 'The draft already defines a table `customers`; choose another name.' });
    assert.deepEqual(rename(doc, position, '  ', URI), { error: 'The new name is empty.' });
  });
});
