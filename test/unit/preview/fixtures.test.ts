// Fixtures served to Flink (CSV header reordered, inline rows as JSON Lines) and Flink's complaints put on the row's line.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { locateFixtureError, parseCsv, serveFixture } from '../../../server/src/preview/fixtures';

describe('preview fixtures', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-test-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('parses CSV records with quotes, embedded line breaks and their first lines', () => {
    assert.deepEqual(parseCsv('a,"b ""q"""\n"multi\nline",2\r\n\nlast,'), [
      { fields: ['a', 'b "q"'], line: 1 }, { fields: ['multi\nline', '2'], line: 2 }, { fields: ['last', ''], line: 5 },
    ]);
  });

  it('serves a CSV with a header in the table column order, and locates rows by their original lines', () => {
    fs.writeFileSync(path.join(dir, 'o.csv'), 'name,id\nalice,1\n\nbob,xx\n');
    const f = serveFixture('orders', { file: 'o.csv' }, ['id', 'name', 'ts'], dir, dir);
    assert.notEqual(f.file.path, path.join(dir, 'o.csv'));
    assert.equal(fs.readFileSync(f.file.path, 'utf8'), '1,alice,\nxx,bob,\n');
    assert.deepEqual(f.lines, [2, 4]);
    const trace = 'Caused by: java.lang.RuntimeException: Fail to deserialize at field: id.\nCaused by: java.lang.NumberFormatException: For input string: "xx"';
    assert.deepEqual(locateFixtureError(trace, [f]), { origin: path.join(dir, 'o.csv'), line: 4, table: 'orders', column: 'id' });
  });

  it('serves a headerless CSV as it is and finds the row of a wrong field count', () => {
    fs.writeFileSync(path.join(dir, 'o.csv'), '1,alice,2024-01-01 00:00:01\n2,bob\n');
    const f = serveFixture('orders', { file: 'o.csv' }, ['id', 'name', 'ts'], dir, dir);
    assert.equal(f.file.path, path.join(dir, 'o.csv'));
    assert.equal(locateFixtureError('Row length mismatch. 3 fields expected but was 2.', [f])?.line, 2);
  });

  it('writes inline rows as JSON Lines and finds the row Flink quotes, on the test file line', () => {
    const f = serveFixture('orders', { rows: [{ id: 1 }, { id: 'zz' }], origin: { file: 'x.test.yaml', lines: [7, 8] } }, ['id'], dir, dir);
    assert.equal(f.file.format, 'json');
    assert.equal(fs.readFileSync(f.file.path, 'utf8'), '{"id":1}\n{"id":"zz"}\n');
    const trace = `Caused by: java.io.IOException: Failed to deserialize JSON '{"id":"zz"}'.\nCaused by: JsonParseException: Fail to deserialize at field: id.`;
    assert.deepEqual(locateFixtureError(trace, [f]), { origin: 'x.test.yaml', line: 8, table: 'orders', column: 'id' });
  });

  it('refuses an unknown format and a header row count that differs', () => {
    fs.writeFileSync(path.join(dir, 'o.txt'), 'x');
    assert.throws(() => serveFixture('t', { file: 'o.txt' }, ['a'], dir, dir), /unknown format/);
    fs.writeFileSync(path.join(dir, 'h.csv'), 'a,b\n1,2,3\n');
    assert.throws(() => serveFixture('t', { file: 'h.csv' }, ['a', 'b'], dir, dir), /line 2: 3 fields, but the header names 2/);
  });
});
