// diagnose(): parser findings as LSP Diagnostics — ranges, severities, source and code.
import { strict as assert } from 'node:assert';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { StatementCache, type ParsedScript, type SyntaxDiagnostic } from '../../../server/src/parser';
import { analyze, diagnose, diagnostics, type AnalyzedDocument } from '../../../server/src/service';
import { LineIndex } from '../../../server/src/util/lineIndex';
import { fixture, positionOf } from './fixtures';

/** A document whose parse result is given, to check the conversion apart from the parser. */
function withDiagnostics(text: string, found: SyntaxDiagnostic[]): AnalyzedDocument {
  const script: ParsedScript = { statements: [], diagnostics: found };
  return { text, script, lines: new LineIndex(text), flinkVersion: '2.3' };
}

describe('diagnostics', () => {
  describe('conversion of parser findings', () => {
    it('computes 0-based ranges across lines, CRLF and astral characters', () => {
      const text = "CREATE TABLE t (\r\n  s STRING DEFAULT '🦊' oops\r\n) WITH ('connector' = 'datagen')";
      const start = text.indexOf('oops');
      const [d] = diagnostics(withDiagnostics(text, [
        { start, end: start + 4, message: 'Encountered "oops"', code: 'syntax', severity: 'error' },
      ]));
      assert.deepEqual(d, {
        range: { start: { line: 1, character: 24 }, end: { line: 1, character: 28 } },
        severity: DiagnosticSeverity.Error,
        source: 'flink-sql',
        code: 'syntax',
        message: 'Encountered "oops"',
      });
    });

    it('maps warnings, spans over several lines, and sorts by position', () => {
      const text = "SELECT 'abc\nFROM t;\nSELECT 1 FORM";
      const found: SyntaxDiagnostic[] = [
        { start: 29, end: 33, message: 'late', code: 'syntax', severity: 'error' },
        { start: 7, end: 19, message: 'unterminated', code: 'unterminated-string', severity: 'warning' },
      ];
      const ds = diagnostics(withDiagnostics(text, found));
      assert.deepEqual(ds.map((d) => d.message), ['unterminated', 'late']);
      assert.equal(ds[0].severity, DiagnosticSeverity.Warning);
      assert.deepEqual(ds[0].range, { start: { line: 0, character: 7 }, end: { line: 1, character: 7 } });
      assert.deepEqual(ds[1].range, { start: { line: 2, character: 9 }, end: { line: 2, character: 13 } });
    });
  });

  describe('on real Flink SQL', () => {
    it('reports nothing for a valid draft', () => {
      assert.deepEqual(diagnose(fixture('valid.flink.sql')), []);
    });

    // As in Flink (Calcite), `SELECT * FORM orders` reads FORM as an alias of `*`: the error is at `orders`.
    it('reports the misspelt FROM as one error where Flink does, and nothing for the good statements', () => {
      const text = fixture('broken.flink.sql');
      const ds = diagnose(text);
      assert.equal(ds.length, 1, JSON.stringify(ds));
      assert.equal(ds[0].severity, DiagnosticSeverity.Error);
      assert.equal(ds[0].source, 'flink-sql');
      assert.equal(typeof ds[0].code, 'string');
      assert.deepEqual(ds[0].range.start, positionOf(text, 'orders;'));
      assert.match(ds[0].message as string, /orders/);
    });

    it('gives the same diagnostics through a StatementCache across edits', () => {
      const cache = new StatementCache();
      const broken = fixture('broken.flink.sql');
      const fixed = broken.replace('FORM', 'FROM');
      assert.deepEqual(diagnose(broken, cache), diagnose(broken));
      assert.deepEqual(diagnose(fixed, cache), diagnose(fixed));
      assert.deepEqual(diagnose(fixed, cache), []);
      // The broken statement moved down by one line: the cached tree must be re-anchored.
      const moved = `\n${broken}`;
      assert.deepEqual(diagnose(moved, cache), diagnose(moved));
      assert.equal(diagnose(moved, cache)[0]?.range.start.line, positionOf(moved, 'FORM').line);
      assert.equal(diagnose(moved, cache).length, 1);
    });

    it('shares one parse between features through analyze()', () => {
      const doc = analyze(fixture('broken.flink.sql'));
      assert.deepEqual(diagnostics(doc), diagnose(doc.text));
    });
  });
});
