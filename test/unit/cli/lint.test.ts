// `flink-sql lint`: text and JSON output, exit codes, help — run as a real process on the bundled CLI.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli } from './buildCli';

interface Run { status: number | null; stdout: string; stderr: string }

describe('flink-sql CLI', function () {
  this.timeout(60_000);
  let cli: string;
  let dir: string;
  let valid: string;
  let broken: string;

  const run = (args: string[], input?: string): Run => {
    const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', input });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  before(async () => {
    cli = await buildCli();
    dir = mkdtempSync(join(tmpdir(), 'flink-sql-lint-'));
    valid = 'valid.flink.sql';
    broken = 'broken.flink.sql';
    writeFileSync(join(dir, valid), [
      "CREATE TEMPORARY TABLE datagen_source (name VARCHAR) WITH ('connector' = 'datagen');",
      "CREATE TEMPORARY TABLE blackhole_sink (name VARCHAR) WITH ('connector' = 'blackhole');",
      'INSERT INTO blackhole_sink SELECT name FROM datagen_source;',
      '',
    ].join('\n'));
    writeFileSync(join(dir, broken), [
      "CREATE TABLE orders (order_id BIGINT, price DECIMAL(32, 2)) WITH ('connector' = 'datagen');",
      '',
      'SELECT * FORM orders;',
      '',
    ].join('\n'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe('lint', () => {
    it('prints nothing and exits 0 for a valid file', () => {
      const r = run(['lint', valid]);
      assert.equal(r.stdout, '');
      assert.equal(r.status, 0, r.stderr);
    });

    it('prints file:line:col: severity: message (1-based) and exits 1 on an error', () => {
      const r = run(['lint', valid, broken]);
      assert.equal(r.status, 1, r.stderr);
      const lines = r.stdout.trimEnd().split('\n');
      assert.equal(lines.length, 1, r.stdout);
      // Flink reads FORM as an alias of `*`, so the error is at `orders` (column 15).
      assert.match(lines[0], /^broken\.flink\.sql:3:15: error: \S.*$/);
    });

    it('prints one JSON array of LSP diagnostics per file, in the order given', () => {
      const r = run(['lint', '--format', 'json', broken, valid]);
      assert.equal(r.status, 1, r.stderr);
      const out = JSON.parse(r.stdout) as { file: string; diagnostics: Record<string, unknown>[] }[];
      assert.deepEqual(out.map((f) => f.file), [broken, valid]);
      assert.deepEqual(out[1].diagnostics, []);
      assert.equal(out[0].diagnostics.length, 1);
      const d = out[0].diagnostics[0];
      assert.deepEqual((d.range as { start: unknown }).start, { line: 2, character: 14 });
      assert.equal(d.severity, 1);
      assert.equal(d.source, 'flink-sql');
      assert.equal(typeof d.code, 'string');
      assert.equal(typeof d.message, 'string');
    });

    it('prints an empty diagnostics list and exits 0 in JSON for a valid file', () => {
      const r = run(['lint', valid, '--format=json']);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), [{ file: valid, diagnostics: [] }]);
    });

    it('reads standard input for -', () => {
      const r = run(['lint', '-'], 'SELECT 1;\n');
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, '');
    });

    it('exits 2 with a clear message, and reports nothing, when a file cannot be read', () => {
      const r = run(['lint', broken, 'missing.flink.sql', '--format', 'json']);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /cannot read missing\.flink\.sql: no such file/);
    });

    it('exits 2 on bad usage', () => {
      assert.equal(run(['lint']).status, 2);
      const r = run(['lint', '--format', 'xml', valid]);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /unknown --format 'xml'/);
      assert.equal(run(['lint', '--colour', valid]).status, 2);
    });

    it('documents itself with --help', () => {
      const r = run(['lint', '--help']);
      assert.equal(r.status, 0);
      assert.match(r.stdout, /^Usage: flink-sql lint <file\.\.\.> \[--format text\|json\]/);
    });
  });

  describe('top level', () => {
    it('lists the commands with --help', () => {
      const r = run(['--help']);
      assert.equal(r.status, 0);
      assert.match(r.stdout, /^ {2}lint {2}/m);
      assert.match(r.stdout, /^ {2}lsp {3}/m);
    });

    it('prints the package version with --version', () => {
      const r = run(['--version']);
      assert.equal(r.status, 0);
      assert.match(r.stdout, /^\d+\.\d+\.\d+\S*\n$/);
    });

    it('exits 2 on an unknown command and without a command', () => {
      const r = run(['frobnicate']);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /unknown command 'frobnicate'/);
      assert.equal(run([]).status, 2);
    });

    it('shows the help of lsp', () => {
      const r = run(['lsp', '--help']);
      assert.equal(r.status, 0);
      assert.match(r.stdout, /^Usage: flink-sql lsp/);
    });
  });
});
