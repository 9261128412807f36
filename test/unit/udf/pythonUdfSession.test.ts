// The Python UDFs of a SQL draft as its gateway session ships them: which module files (python.files) its LANGUAGE
// PYTHON functions need, looked up beside the draft, and what is said when one is missing.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { missingModuleMessage, pythonUdfConfig, pythonUdfFiles } from '../../../server/src/udf/pythonUdfSession';

describe('pythonUdfFiles', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyudf-unit-'));
    fs.writeFileSync(path.join(dir, 'text_udfs.py'), 'def shout(s): return s\n');
    fs.mkdirSync(path.join(dir, 'pkg', 'sub'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'pkg', 'sub', 'mod.py'), 'def f(x): return x\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a top-level module ships its file; a package module ships the package folder; each once', () => {
    const r = pythonUdfFiles(`SET 'a' = 'b';
CREATE TEMPORARY FUNCTION shout AS 'text_udfs.shout' LANGUAGE PYTHON;
CREATE TEMPORARY SYSTEM FUNCTION whisper AS 'text_udfs.whisper' LANGUAGE PYTHON;
CREATE FUNCTION cat.db.f AS 'pkg.sub.mod.f' LANGUAGE PYTHON;
CREATE TEMPORARY FUNCTION j AS 'com.example.J';
SELECT shout(x) FROM t;`, dir);
    assert.deepEqual(r.functions.map((f) => [f.name, f.className, f.line]), [
      ['shout', 'text_udfs.shout', 2], ['whisper', 'text_udfs.whisper', 3], ['cat.db.f', 'pkg.sub.mod.f', 4],
    ]);
    assert.deepEqual(r.files, [path.join(dir, 'pkg'), path.join(dir, 'text_udfs.py')]);
    assert.deepEqual(r.missing, []);
  });

  it('a module that is not beside the draft is named with the file it should be', () => {
    const r = pythonUdfFiles(`CREATE TEMPORARY FUNCTION g AS 'gone.g' LANGUAGE PYTHON;\nCREATE TEMPORARY FUNCTION h AS 'nodot' LANGUAGE PYTHON;`, dir);
    assert.deepEqual(r.files, []);
    assert.equal(r.missing.length, 2);
    assert.match(missingModuleMessage(r.missing[0]), /^The Python function g \(line 1\) is 'gone\.g', but .*gone\.py does not exist/);
    assert.equal(r.missing[1].udf.line, 2);
  });

  it('a draft without Python functions needs nothing', () => {
    const r = pythonUdfFiles('SELECT 1;', dir);
    assert.deepEqual(r, { functions: [], files: [], missing: [] });
    assert.deepEqual(pythonUdfConfig([]), {});
  });

  it('the session keys: the files, and the interpreter when one is given', () => {
    assert.deepEqual(pythonUdfConfig(['/a/m.py', '/a/pkg'], '/env/bin/python'), {
      'python.files': '/a/m.py,/a/pkg', 'python.executable': '/env/bin/python', 'python.client.executable': '/env/bin/python',
    });
    assert.deepEqual(pythonUdfConfig(['/a/m.py']), { 'python.files': '/a/m.py' });
  });
});
