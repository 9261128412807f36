// LineIndex: offset <-> position in UTF-16 code units across \n, \r\n and lone \r line breaks.
import { strict as assert } from 'node:assert';
import { LineIndex } from '../../../server/src/util/lineIndex';
import { diffEdit } from '../../../server/src/util/textEdit';

describe('LineIndex', () => {
  it('maps offsets to positions and back on \\n, \\r\\n and \\r line breaks', () => {
    const text = 'SELECT 1;\r\nSELECT 2;\nSELECT 3;\rEND';
    const idx = new LineIndex(text);
    assert.equal(idx.lineCount, 4);
    const cases: [number, number, number][] = [
      [0, 0, 0], [9, 0, 9], [11, 1, 0], [20, 1, 9], [21, 2, 0], [31, 3, 0], [34, 3, 3],
    ];
    for (const [offset, line, character] of cases) {
      assert.deepEqual(idx.positionAt(offset), { line, character }, `offset ${offset}`);
      assert.equal(idx.offsetAt({ line, character }), offset, `position ${line}:${character}`);
    }
  });

  it('keeps an offset between \\r and \\n on its line', () => {
    const idx = new LineIndex('ab\r\ncd');
    assert.deepEqual(idx.positionAt(3), { line: 0, character: 2 });
  });

  it('counts UTF-16 code units, so an astral character takes two columns', () => {
    const text = "SELECT '🦊' FORM t";
    const idx = new LineIndex(text);
    assert.deepEqual(idx.positionAt(text.indexOf('FORM')), { line: 0, character: 12 });
  });

  it('clamps out-of-range offsets and positions', () => {
    const idx = new LineIndex('ab\ncd');
    assert.deepEqual(idx.positionAt(-5), { line: 0, character: 0 });
    assert.deepEqual(idx.positionAt(99), { line: 1, character: 2 });
    assert.equal(idx.offsetAt({ line: 0, character: 99 }), 2);
    assert.equal(idx.offsetAt({ line: 7, character: 0 }), 5);
  });

  it('handles the empty text and a trailing line break', () => {
    assert.deepEqual(new LineIndex('').positionAt(0), { line: 0, character: 0 });
    const idx = new LineIndex('a\n');
    assert.equal(idx.lineCount, 2);
    assert.deepEqual(idx.positionAt(2), { line: 1, character: 0 });
  });

  it('an index updated for an edit equals one built afresh, over 1,500 random edits (with \\r\\n and lone \\r too)', () => {
    let seed = 5;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const pieces = ['\n', 'x', 'SELECT 1;', '\n\n', 'ab\ncd', '', '\r\n', '\r'];
    let text = 'CREATE TABLE t (\n  a INT\n);\nSELECT a FROM t;\n';
    let idx = new LineIndex(text);
    for (let i = 0; i < 1500; i++) {
      const at = next() % (text.length + 1);
      const removed = next() % 4;
      // mostly \n-only texts (the incremental path), a \r now and then (indexed afresh)
      const inserted = pieces[next() % (i % 500 < 450 ? 6 : pieces.length)];
      const old = text;
      text = text.slice(0, at) + inserted + text.slice(at + removed);
      if (i % 500 === 0 || text.length > 3000) text = text.slice(0, 1000).replace(/\r/g, '');
      const edit = diffEdit(old, text);
      idx = LineIndex.edited(idx, text, edit);
      const fresh = new LineIndex(text);
      assert.equal(idx.lineCount, fresh.lineCount, `edit ${i}`);
      assert.deepEqual(idx.newlineStarts, fresh.newlineStarts, `edit ${i}`);
      for (let o = 0; o <= text.length; o += 1 + (o % 7)) assert.deepEqual(idx.positionAt(o), fresh.positionAt(o), `edit ${i}, offset ${o}`);
    }
  });
});

