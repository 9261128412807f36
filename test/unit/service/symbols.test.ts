// documentSymbols(): the outline of a draft — definitions by name, inserts by target, statement sets.
import { strict as assert } from 'node:assert';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { analyze, documentSymbols } from '../../../server/src/service';
import { fixture, positionOf } from './fixtures';

type Summary = [name: string, kind: SymbolKind, children?: Summary[]];

function summary(symbols: DocumentSymbol[]): Summary[] {
  return symbols.map((s) => (s.children?.length ? [s.name, s.kind, summary(s.children)] : [s.name, s.kind]));
}

function contains(outer: DocumentSymbol['range'], inner: DocumentSymbol['range']): boolean {
  const le = (a: typeof outer.start, b: typeof outer.start) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

describe('documentSymbols', () => {
  const text = fixture('pipeline.flink.sql');
  const symbols = documentSymbols(analyze(text));

  it('lists catalogs, databases, tables, views, functions, inserts and statement sets in order', () => {
    assert.deepEqual(summary(symbols), [
      ['my_catalog', SymbolKind.Package],
      ['my_catalog.shop', SymbolKind.Namespace],
      ['orders', SymbolKind.Struct],
      ['big_orders', SymbolKind.Struct],
      ['expensive', SymbolKind.Interface],
      ['to_cents', SymbolKind.Function],
      ['big_orders', SymbolKind.Event],
      ['STATEMENT SET', SymbolKind.Module, [['big_orders', SymbolKind.Event], ['big_orders', SymbolKind.Event]]],
    ]);
  });

  it('spans the statement (without its leading comment) and selects the name', () => {
    const orders = symbols.find((s) => s.name === 'orders');
    assert.ok(orders, 'orders in outline');
    assert.deepEqual(orders.range.start, positionOf(text, 'CREATE TEMPORARY TABLE orders'));
    assert.equal(orders.range.end.line, positionOf(text, "'rows-per-second'").line + 1);
    assert.deepEqual(orders.selectionRange, {
      start: positionOf(text, 'orders ('),
      end: { ...positionOf(text, 'orders ('), character: positionOf(text, 'orders (').character + 'orders'.length },
    });
    assert.equal(orders.detail, 'temporary table');
  });

  it('keeps every selection range inside its range (an LSP requirement)', () => {
    const check = (list: DocumentSymbol[], parent?: DocumentSymbol) => {
      for (const s of list) {
        assert.ok(contains(s.range, s.selectionRange), `${s.name}: selection outside range`);
        if (parent) assert.ok(contains(parent.range, s.range), `${s.name}: outside ${parent.name}`);
        check(s.children ?? [], s);
      }
    };
    check(symbols);
  });

  it('still outlines the good statements of a draft with a syntax error', () => {
    const broken = documentSymbols(analyze(fixture('broken.flink.sql')));
    assert.deepEqual(summary(broken), [['orders', SymbolKind.Struct], ['orders', SymbolKind.Event]]);
  });

  it("groups the SQL client's BEGIN STATEMENT SET; … END; block and unwraps EXECUTE INSERT", () => {
    const client = documentSymbols(analyze(fixture('sqlClientStatementSet.flink.sql')));
    assert.deepEqual(summary(client), [
      ['STATEMENT SET', SymbolKind.Module, [['pageview_pv_sink', SymbolKind.Event], ['pageview_uv_sink', SymbolKind.Event]]],
      ['audit_sink', SymbolKind.Event],
    ]);
    assert.deepEqual([client[0].range.start.line, client[0].range.end.line], [2, 10]);
    assert.equal(client[0].detail, '2 statements');
  });

  it('closes an unfinished BEGIN STATEMENT SET block at its last statement', () => {
    const [set] = documentSymbols(analyze('BEGIN STATEMENT SET;\nINSERT INTO a\nSELECT * FROM b;\n'));
    assert.equal(set.name, 'STATEMENT SET');
    assert.deepEqual(set.range.end, { line: 2, character: 15 });
    assert.deepEqual(summary(set.children ?? []), [['a', SymbolKind.Event]]);
  });

  it('outlines nothing for an empty or comment-only draft', () => {
    assert.deepEqual(documentSymbols(analyze('')), []);
    assert.deepEqual(documentSymbols(analyze('-- nothing yet\n/* still nothing */\n')), []);
  });
});
