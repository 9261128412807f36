// Hostile deployment configs and drafts on the engine's side (issue 17 §4): a FIFO or a symlink to /dev/zero is
// refused at once, 20,000 keys and an alias bomb become one diagnostic in linear time, a 20 MB draft is not
// analysed, and .editorconfig globs match without backtracking.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { flinkVersionOf, parseDeployment, readDeploymentFile, writeDeployment } from '../../../server/src/deployment';
import { editorConfigFor } from '../../../server/src/format';
import { compileGlob } from '../../../server/src/format/glob';
import { DocumentManager } from '../../../server/src/lsp/documentManager';
import { aliasBomb } from '../fuzz/deploymentYaml';

function mkfifo(path: string): boolean {
  try {
    execFileSync('mkfifo', [path]);
    return true;
  } catch {
    return false;
  }
}

export function manyKeys(n: number): string {
  return ['name: k', 'type: SQL', 'target: session', 'flinkConfiguration:', ...Array.from({ length: n }, (_, i) => `  key${i}.x: v${i}`), ''].join('\n');
}

describe('hostile deployment configs and drafts', function () {
  this.timeout(10_000);
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'flink-sql-hostile-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a deployment config that is a symlink to /dev/zero, at once', async function () {
    this.timeout(2_000);
    const file = join(dir, 'zero.deployment.yaml');
    symlinkSync('/dev/zero', file);
    const r = await readDeploymentFile(file);
    assert.ok('error' in r && !r.missing, JSON.stringify(r));
    assert.match(r.error, /is a device: only regular files are read/);
    assert.equal(flinkVersionOf(join(dir, 'zero.flink.sql')), undefined);
    // the panel's Save reads the file first: refused, nothing written
    const w = writeDeployment({ uri: `file://${file}`, diskText: '', edits: [] }, file);
    assert.ok(!w.ok && /is a device/.test(w.error), JSON.stringify(w));
  });

  it('refuses a deployment config that is a FIFO without waiting for a writer', async function () {
    this.timeout(2_000);
    const file = join(dir, 'fifo.deployment.yaml');
    if (!mkfifo(file)) this.skip();
    const r = await readDeploymentFile(file);
    assert.ok('error' in r, JSON.stringify(r));
    assert.match(r.error, /is a FIFO \(named pipe\)/);
    assert.equal(flinkVersionOf(join(dir, 'fifo.flink.sql')), undefined);
  });

  it('refuses a deployment config over 1 MB', async () => {
    const file = join(dir, 'huge.deployment.yaml');
    writeFileSync(file, `name: x\n#${'x'.repeat(1024 * 1024)}\n`);
    const r = await readDeploymentFile(file);
    assert.ok('error' in r);
    assert.match(r.error, /is 1 MB, more than the 1 MB/);
    assert.equal(parseDeployment(`name: x\n#${'x'.repeat(1024 * 1024)}\n`).diagnostics[0]?.code, 'too-large');
  });

  it('reads 20,000 keys in linear time and refuses them with one diagnostic', () => {
    const started = performance.now();
    const parsed = parseDeployment(manyKeys(20_000));
    const ms = performance.now() - started;
    assert.deepEqual(parsed.diagnostics.map((d) => d.code), ['too-many-keys']);
    assert.match(String(parsed.diagnostics[0]!.message), /too many keys: a deployment config may have at most 2,000/);
    assert.ok(ms < 1_500, `${ms.toFixed(0)} ms`);
    // under the cap, every key still gets its own position, without a search per key
    const t = performance.now();
    const ok = parseDeployment(manyKeys(1_900));
    assert.equal(ok.diagnostics.filter((d) => d.code === 'unknown-key').length, 1_900);
    assert.equal(ok.diagnostics.at(-1)!.range.start.line, 4 + 1_899);
    assert.ok(performance.now() - t < 1_500, `${(performance.now() - t).toFixed(0)} ms for 1,900 keys`);
  });

  it('still reports a key written twice, at the second one', () => {
    const d = parseDeployment('name: a\ntype: SQL\nname: b\ntarget: session\n').diagnostics;
    assert.deepEqual(d.map((x) => [x.code, x.range.start.line]), [['yaml', 2]]);
    assert.match(String(d[0]!.message), /Map keys must be unique \("name" is written twice\)/);
  });

  it('turns an alias bomb into a diagnostic (aliases are not needed in this format)', () => {
    const started = performance.now();
    const parsed = parseDeployment(aliasBomb(9));
    assert.ok(performance.now() - started < 500);
    assert.equal(parsed.config, undefined);
    assert.ok(parsed.diagnostics.length > 0 && parsed.diagnostics.every((d) => d.code === 'alias'), JSON.stringify(parsed.diagnostics));
    assert.match(String(parsed.diagnostics[0]!.message), /aliases \(\*l0\) are not supported in a deployment config/);
    assert.equal(parsed.diagnostics[0]!.range.start.line, 4);
  });

  it('refuses flow collections nested thousands deep without recursing into them', () => {
    const parsed = parseDeployment(`name: deep\nflinkConfiguration: ${'['.repeat(5_000)}\n`);
    assert.deepEqual(parsed.diagnostics.map((d) => d.code), ['too-deep']);
  });

  it('answers at once for a 20 MB draft, with one Information diagnostic', function () {
    const docs = new DocumentManager();
    const uri = 'file:///tmp/huge.flink.sql';
    const text = `SELECT '${'x'.repeat(20 * 1024 * 1024)}';\n`;
    // TextDocuments keeps what the client opened in this map (no connection in a unit test)
    (docs.documents as unknown as { _syncedDocuments: Map<string, TextDocument> })._syncedDocuments.set(uri, TextDocument.create(uri, 'flink-sql', 1, text));
    const started = performance.now();
    const info = docs.tooLarge(uri);
    const analysis = docs.analysis(uri);
    const ms = performance.now() - started;
    assert.equal(analysis, undefined);
    assert.equal(info?.severity, 3);
    assert.equal(info?.message, 'This draft is 20 MB: diagnostics, completion and hover are off above 2 MB');
    assert.ok(ms < 1_000, `${ms.toFixed(0)} ms`);
    (docs.documents as unknown as { _syncedDocuments: Map<string, TextDocument> })._syncedDocuments.set('file:///tmp/small.flink.sql', TextDocument.create('file:///tmp/small.flink.sql', 'flink-sql', 1, 'SELECT 1;'));
    assert.equal(docs.tooLarge('file:///tmp/small.flink.sql'), undefined);
    assert.ok(docs.analysis('file:///tmp/small.flink.sql'));
  });

  it('matches .editorconfig globs with many * in linear time', () => {
    const name = `${'a'.repeat(2_000)}.flink.sql`;
    for (const glob of ['[*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b]', `${'*a'.repeat(14)}*b`, `{${'*a'.repeat(10)}*b,${'*a'.repeat(12)}*c}`]) {
      const started = performance.now();
      assert.equal(compileGlob(glob)(name), false);
      const ms = performance.now() - started;
      assert.ok(ms < 500, `${glob}: ${ms.toFixed(1)} ms`);
    }
    const sub = join(dir, 'ec');
    execFileSync('mkdir', ['-p', sub]);
    writeFileSync(join(sub, '.editorconfig'), `root = true\n[${'*a'.repeat(14)}*b]\nindent_size = 8\n[*.{flink.sql,sql}]\nindent_size = 4\n`);
    const started = performance.now();
    assert.deepEqual(editorConfigFor(join(sub, name)), { indentWidth: 4 });
    assert.ok(performance.now() - started < 500, 'linear: an exponential match takes seconds');
  });

  it('keeps the editorconfig glob semantics', () => {
    const cases: Array<[string, string, boolean]> = [
      ['*', 'a.sql', true], ['*.sql', 'a/b.sql', false], ['**.sql', 'a/b.sql', true], ['*.{sql,yaml}', 'x.yaml', true],
      ['*.{sql,yaml}', 'x.txt', false], ['file{1..3}.sql', 'file2.sql', true], ['file{1..3}.sql', 'file4.sql', false],
      ['[abc].sql', 'b.sql', true], ['[!abc].sql', 'b.sql', false], ['[a-c].sql', 'c.sql', true], ['{single}', '{single}', true],
      ['a?c', 'abc', true], ['a?c', 'a/c', false], ['\\*.sql', '*.sql', true], ['\\*.sql', 'a.sql', false], ['{a,{b,c}}x', 'cx', true],
      ['lib/**.js', 'lib/a/b.js', true], ['a{b', 'a{b', true],
    ];
    for (const [glob, name, want] of cases) assert.equal(compileGlob(glob)(name), want, `${glob} ~ ${name}`);
  });
});
