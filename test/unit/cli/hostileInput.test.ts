// Hostile files through the bundled CLI (issue 17 §4): configs and drafts that are FIFOs, symlinks to /dev/zero,
// 20,000 keys or alias bombs get a clear message and an exit code quickly; format --write refuses a file that is
// not UTF-8 and leaves it as it was; escape sequences from a draft never reach the terminal raw.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aliasBomb } from '../fuzz/deploymentYaml';
import { buildCli } from './buildCli';

describe('flink-sql with hostile files', function () {
  this.timeout(60_000);
  let cli: string;
  let dir: string;
  /** A run that must end within `ms` (a hang is killed and fails the test). */
  const run = (args: string[], ms = 5_000) => {
    const started = Date.now();
    const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', timeout: ms, killSignal: 'SIGKILL' });
    assert.equal(r.signal, null, `flink-sql ${args.join(' ')} did not finish within ${ms} ms`);
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
  };
  const fifo = (name: string) => {
    try {
      execFileSync('mkfifo', [join(dir, name)]);
      return true;
    } catch {
      return false;
    }
  };

  before(async () => {
    cli = await buildCli();
    dir = mkdtempSync(join(tmpdir(), 'flink-sql-hostile-cli-'));
    for (const n of ['zero', 'fifo', 'keys', 'bomb']) writeFileSync(join(dir, `${n}.flink.sql`), 'SELECT 1;\n');
    symlinkSync('/dev/zero', join(dir, 'zero.deployment.yaml'));
    symlinkSync('/dev/zero', join(dir, 'devzero.flink.sql'));
    writeFileSync(join(dir, 'keys.deployment.yaml'), ['name: k', 'type: SQL', 'target: session', 'flinkConfiguration:', ...Array.from({ length: 20_000 }, (_, i) => `  key${i}.x: v${i}`), ''].join('\n'));
    writeFileSync(join(dir, 'bomb.deployment.yaml'), aliasBomb(9));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('config resolve: a config that is a symlink to /dev/zero is refused at once', () => {
    const r = run(['config', 'resolve', 'zero.flink.sql']);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /cannot read .*zero\.deployment\.yaml: it is a device: only regular files are read/);
  });

  it('config resolve: a config that is a FIFO is refused without waiting for a writer', function () {
    if (!fifo('fifo.deployment.yaml')) this.skip();
    const r = run(['config', 'resolve', 'fifo.flink.sql']);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /it is a FIFO \(named pipe\)/);
  });

  it('lint: a draft that is a FIFO or a symlink to /dev/zero is refused; a /dev/zero config beside a draft is ignored', function () {
    const zero = run(['lint', 'devzero.flink.sql']);
    assert.equal(zero.status, 2);
    assert.match(zero.stderr, /flink-sql lint: cannot read devzero\.flink\.sql: it is a device/);
    // zero.flink.sql's config is /dev/zero: lint checks the draft in the default version instead of hanging
    assert.equal(run(['lint', 'zero.flink.sql']).status, 0);
    if (!fifo('pipe.flink.sql')) this.skip();
    const pipe = run(['lint', 'pipe.flink.sql']);
    assert.equal(pipe.status, 2);
    assert.match(pipe.stderr, /it is a FIFO/);
  });

  it('config resolve: 20,000 keys return within a couple of seconds with "too many keys"', () => {
    const r = run(['config', 'resolve', 'keys.flink.sql'], 10_000);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /keys\.deployment\.yaml:1:1: error: too many keys: a deployment config may have at most 2,000/);
    assert.ok(r.ms < 3_000, `${r.ms} ms`);
  });

  it('config resolve: an alias bomb is a diagnostic, not a stack trace', () => {
    const r = run(['config', 'resolve', 'bomb.flink.sql', '--format', 'json']);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stderr, '');
    const [{ diagnostics }] = JSON.parse(r.stdout) as [{ diagnostics: Array<{ code: string; message: string }> }];
    assert.ok(diagnostics.length && diagnostics.every((d) => d.code === 'alias'));
    assert.doesNotMatch(r.stdout, /Excessive alias count|at Alias/);
  });

  it('format --write refuses a file that is not UTF-8 and leaves it byte for byte', () => {
    const file = join(dir, 'latin1.flink.sql');
    const bytes = Buffer.from([...Buffer.from("select 'caf"), 0xe9, ...Buffer.from("' as x;\n")]);
    writeFileSync(file, bytes);
    const r = run(['format', '--write', 'latin1.flink.sql']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot read latin1\.flink\.sql: it is not UTF-8 text \(save it as UTF-8 first\)\nflink-sql format: nothing was written/);
    assert.ok(readFileSync(file).equals(bytes));
  });

  it('lint prints escape sequences from a draft escaped, never raw', () => {
    // a warning that quotes a string literal, and a syntax error that quotes an identifier
    writeFileSync(join(dir, 'esc.flink.sql'), "CREATE TABLE t (a INT) WITH ('connector' = 'x\x1b]0;pwned\x07\u009b31m');\nSELECT * FROM t WHERE a = 1 AND \"b\x1b[2J\" = 1;\n");
    for (const format of ['text', 'json']) {
      const r = run(['lint', 'esc.flink.sql', '--format', format]);
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stdout, /pwned/);
      assert.doesNotMatch(r.stdout + r.stderr, /[\x1b\x07\u009b]/);
      if (format === 'text') assert.match(r.stdout, /x\\u001B\]0;pwned\\u0007\\u009B31m[\s\S]*b\\u001B\[2J/);
      else assert.match((JSON.parse(r.stdout) as Array<{ diagnostics: Array<{ message: string }> }>)[0]!.diagnostics[0]!.message, /x\x1b\]0;pwned\x07\u009b31m/);
    }
  });
});
