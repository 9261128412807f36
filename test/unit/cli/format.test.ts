// `flink-sql format`: print, --check (the CI use, in a shell pipeline), --write, --diff, flags, .editorconfig and the
// report of statements left as they are — run as a real process on the bundled CLI.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli } from './buildCli';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'format');

describe('flink-sql format', function () {
  this.timeout(60_000);
  let cli: string;
  let dir: string;
  const messy = readFileSync(join(FIXTURES, 'messy.flink.sql'), 'utf8');
  const expected = readFileSync(join(FIXTURES, 'messy.expected.flink.sql'), 'utf8');
  const run = (args: string[], input?: string) => spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', input });

  before(async () => {
    cli = await buildCli();
    dir = mkdtempSync(join(tmpdir(), 'flink-sql-format-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the formatted text', () => {
    writeFileSync(join(dir, 'a.flink.sql'), messy);
    const r = run(['format', 'a.flink.sql']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, expected);
  });

  it('--check lists unformatted files and exits 1; --write fixes them; then --check passes in a pipeline', () => {
    writeFileSync(join(dir, 'a.flink.sql'), messy);
    writeFileSync(join(dir, 'b.flink.sql'), expected);
    const check = run(['format', '--check', 'a.flink.sql', 'b.flink.sql']);
    assert.equal(check.status, 1);
    assert.equal(check.stdout, 'a.flink.sql\n');
    assert.equal(run(['format', '--write', 'a.flink.sql', 'b.flink.sql']).status, 0);
    assert.equal(readFileSync(join(dir, 'a.flink.sql'), 'utf8'), expected);
    const shell = spawnSync('sh', ['-c', `node ${JSON.stringify(cli)} format --check a.flink.sql b.flink.sql && echo clean`], { cwd: dir, encoding: 'utf8' });
    assert.equal(shell.stdout, 'clean\n', shell.stderr);
  });

  it('--write never writes through a symlink (the file or a folder on the way), and replaces a file atomically', function () {
    if (process.platform === 'win32') this.skip();
    const outside = mkdtempSync(join(tmpdir(), 'flink-sql-format-outside-'));
    try {
      const victim = join(outside, 'victim.flink.sql');
      writeFileSync(victim, messy);
      symlinkSync(victim, join(dir, 'linked.flink.sql'));
      mkdirSync(join(outside, 'drafts'));
      writeFileSync(join(outside, 'drafts', 'd.flink.sql'), messy);
      symlinkSync(join(outside, 'drafts'), join(dir, 'drafts'));
      writeFileSync(join(dir, 'a.flink.sql'), messy);
      for (const target of ['linked.flink.sql', 'drafts/d.flink.sql']) {
        const r = run(['format', '--write', 'a.flink.sql', target]);
        assert.equal(r.status, 2, r.stderr);
        assert.match(r.stderr, /symbolic link[\s\S]*nothing was written/);
        assert.equal(readFileSync(join(dir, 'a.flink.sql'), 'utf8'), messy, 'no file is written when one is refused');
      }
      assert.equal(readFileSync(victim, 'utf8'), messy);
      assert.equal(readFileSync(join(outside, 'drafts', 'd.flink.sql'), 'utf8'), messy);
      assert.ok(lstatSync(join(dir, 'linked.flink.sql')).isSymbolicLink());
      // Temp file and rename: a new inode with the old permissions, and no temp file left behind.
      chmodSync(join(dir, 'a.flink.sql'), 0o600);
      const before = statSync(join(dir, 'a.flink.sql'));
      assert.equal(run(['format', '--write', 'a.flink.sql']).status, 0);
      const after = statSync(join(dir, 'a.flink.sql'));
      assert.equal(readFileSync(join(dir, 'a.flink.sql'), 'utf8'), expected);
      assert.notEqual(after.ino, before.ino);
      assert.equal(after.mode & 0o777, 0o600);
      assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
    } finally {
      rmSync(outside, { recursive: true, force: true });
      for (const f of ['linked.flink.sql', 'drafts']) rmSync(join(dir, f), { force: true });
    }
  });

  it('--diff prints a unified diff', () => {
    writeFileSync(join(dir, 'a.flink.sql'), messy);
    const r = run(['format', '--diff', 'a.flink.sql']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^--- a\.flink\.sql/m);
    assert.match(r.stdout, /^\+CREATE TEMPORARY TABLE clicks \($/m);
    assert.match(r.stdout, /^-create temporary table clicks/m);
  });

  it('takes flags over .editorconfig, and reports statements left as they are on stderr', () => {
    writeFileSync(join(dir, '.editorconfig'), 'root = true\n[*.sql]\nindent_size = 4\n');
    const r = run(['format', '--keyword-case', 'lower', '-'], 'SELECT a, b FROM t;\nselect from where;\n');
    assert.equal(r.stdout, 'select a, b\nfrom t;\n\nselect from where;\n');
    assert.match(r.stderr, /^-:2: skipped statement: Encountered "from" at line 2, column 8/);
    writeFileSync(join(dir, 'c.flink.sql'), "CREATE TABLE t (a INT) WITH ('connector' = 'print')");
    assert.equal(run(['format', 'c.flink.sql']).stdout, "CREATE TABLE t (a INT)\nWITH (\n    'connector' = 'print'\n)\n");
    assert.equal(run(['format', '--indent', '1', 'c.flink.sql']).stdout, "CREATE TABLE t (a INT)\nWITH (\n 'connector' = 'print'\n)\n");
    assert.equal(run(['format', '--keyword-case', 'shouting', 'c.flink.sql']).status, 2);
  });
});
