// CSV export of results opened in a spreadsheet (issue 17 §4): a cell from Flink that starts with = + - @ (or a
// tab or CR) would run as a formula; it gets a leading ' instead. Numbers and the changelog's op column stay.
import { strict as assert } from 'node:assert';
import { neutralizeFormula, ResultsModel, toCsv } from '../../../client/webview/_resultsModel';
import type { ExecutionEvent, ResultRow } from '../../../server/src/protocol';

const I = (...fields: unknown[]): ResultRow => ({ kind: 'INSERT', fields });
const UB = (...fields: unknown[]): ResultRow => ({ kind: 'UPDATE_BEFORE', fields });

function statement(columns: string[], rows: ResultRow[]) {
  const m = new ResultsModel(100);
  m.apply([
    { type: 'start', statement: 0, line: 1, kind: 'query', flinkVersion: '2.3.0', text: 'SELECT * FROM t' },
    { type: 'columns', statement: 0, columns: columns.map((name) => ({ name, type: 'STRING' })) },
    { type: 'rows', statement: 0, rows },
  ] as ExecutionEvent[]);
  return m.statements.get('0')!;
}

describe('CSV export against formula injection', () => {
  it('prefixes cells that a spreadsheet would run as a formula', () => {
    const s = statement(['v', 'n'], [
      I('=HYPERLINK("http://evil","x")', 1), I('+cmd|\' /C calc\'!A0', -5), I('-2+3', 2.5), I('@SUM(A1)', 0), I('\t=1', 1), I('\r=1', 1), I('plain', 1),
    ]);
    assert.equal(toCsv(s, 'table'), [
      'v,n', `"'=HYPERLINK(""http://evil"",""x"")",1`, `'+cmd|' /C calc'!A0,-5`, `'-2+3,2.5`, `'@SUM(A1),0`, `'\t=1,1`, `"'\r=1",1`, 'plain,1', '',
    ].join('\r\n'));
  });

  it('keeps numbers, negative ones too, and the changelog op column', () => {
    for (const n of ['-5', '+1.5e3', '-.5', '42']) assert.equal(neutralizeFormula(n), n);
    const s = statement(['=x'], [I('-1'), UB('a')]);
    assert.equal(toCsv(s, 'changelog'), `op,'=x\r\n+I,-1\r\n-U,a\r\n`);
  });
});
