// foldingRanges(): multi-line statements, bracket groups, statement sets and comments.
import { strict as assert } from 'node:assert';
import { FoldingRangeKind } from 'vscode-languageserver-types';
import { analyze, foldingRanges } from '../../../server/src/service';
import { scanText } from '../../../server/src/service/textScan';
import { fixture } from './fixtures';

describe('foldingRanges', () => {
  it('folds the statements, bracket groups, statement set and comments of a draft', () => {
    assert.deepEqual(foldingRanges(analyze(fixture('pipeline.flink.sql'))), [
      { startLine: 0, endLine: 1, kind: FoldingRangeKind.Comment }, // two leading -- lines
      { startLine: 2, endLine: 4 }, // CREATE CATALOG … WITH ( … );
      { startLine: 10, endLine: 11, kind: FoldingRangeKind.Comment }, // /* … */
      { startLine: 12, endLine: 21 }, // CREATE TEMPORARY TABLE orders
      { startLine: 18, endLine: 20 }, // its WITH ( … ), closing line left visible
      { startLine: 25, endLine: 26 }, // CREATE VIEW
      { startLine: 30, endLine: 31 }, // INSERT INTO … SELECT
      { startLine: 33, endLine: 37 }, // EXECUTE STATEMENT SET BEGIN … END
    ]);
  });

  it("folds the SQL client's BEGIN STATEMENT SET; … END; block and its statements", () => {
    assert.deepEqual(foldingRanges(analyze(fixture('sqlClientStatementSet.flink.sql'))), [
      { startLine: 2, endLine: 10 },
      { startLine: 4, endLine: 5 },
      { startLine: 7, endLine: 8 },
    ]);
  });

  it('folds an unterminated block comment to the end of the text', () => {
    const ranges = foldingRanges(analyze('SELECT 1;\n/* never\nclosed\n'));
    assert.deepEqual(ranges, [{ startLine: 1, endLine: 3, kind: FoldingRangeKind.Comment }]);
  });

  it('folds nothing in a one-line draft', () => {
    assert.deepEqual(foldingRanges(analyze("SELECT 'a' AS x FROM t WHERE (1 = 1);")), []);
  });
});

describe('scanText', () => {
  it('ignores comment and bracket characters inside strings and quoted identifiers', () => {
    const text = "SELECT '-- not (a comment', `/* nor */ this`, 'it''s' FROM (t) -- real\n/*+ OPTIONS() */ /* real */";
    const scan = scanText(text);
    assert.deepEqual(scan.lineComments.map((c) => text.slice(c.start, c.end)), ['-- real']);
    assert.deepEqual(scan.blockComments.map((c) => text.slice(c.start, c.end)), ['/* real */']);
    assert.deepEqual(scan.parens.map((p) => text.slice(p.start, p.end + 1)), ['(t)']);
  });
});
