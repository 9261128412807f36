// Validate on the real planner of the shared local Flink: clean drafts, errors placed on the right line
// (unknown column, missing connector option, bad casts), no job started, and the CLI's stable outputs.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { GatewayError } from '../../server/src/flink/flinkErrors';
import { JobManagerClient } from '../../server/src/flink/restClient';
import { validate } from '../../server/src/flink/validate';
import { sharedCluster } from './cluster';

const ROOT = path.resolve(__dirname, '..', '..');
const SEED = path.join(ROOT, 'examples', 'datagen-to-blackhole.flink.sql');

const target = () => ({ gatewayUrl: sharedCluster().gatewayUrl, restUrl: sharedCluster().restUrl });
/** 1-based line of a diagnostic, as a person reads it. */
const lineOf = (d: Diagnostic) => d.range.start.line + 1;
const msg = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);
const textOf = (draft: string, d: Diagnostic) => {
  const lines = draft.split('\n');
  if (d.range.start.line !== d.range.end.line) return undefined;
  return lines[d.range.start.line].slice(d.range.start.character, d.range.end.character);
};

const SOURCE = `CREATE TEMPORARY TABLE orders (
  order_id BIGINT,
  customer STRING,
  amount DECIMAL(10, 2),
  order_time TIMESTAMP(3)
) WITH (
  'connector' = 'datagen',
  'number-of-rows' = '10'
);
`;

describe('validate (real Flink)', () => {
  it('validates the seed sample clean, names the Flink version and runs no job', async () => {
    const jm = new JobManagerClient(sharedCluster().restUrl);
    const before = (await jm.jobs()).length;
    const r = await validate(fs.readFileSync(SEED, 'utf8'), target());
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.validatedOnFlink, true);
    assert.equal(r.flinkVersion, sharedCluster().flinkVersion);
    assert.match(r.summary, /^Validated on Flink \d+\.\d+ in \d+ ms$/);
    // EXPLAIN plans without submitting: the JobManager has seen no new job.
    assert.equal((await jm.jobs()).length, before);
  });

  it('puts an unknown column on its line and column', async () => {
    const draft = `${SOURCE}
SELECT
  order_id,
  custmer
FROM orders;
`;
    const { diagnostics } = await validate(draft, target());
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    const [d] = diagnostics;
    assert.equal(d.source, 'flink');
    assert.equal(lineOf(d), 13);
    assert.equal(textOf(draft, d), 'custmer');
    assert.match(msg(d), /Column 'custmer' not found/);
  });

  it('puts a missing required connector option on the sink table\'s WITH clause', async () => {
    const draft = `${SOURCE}
CREATE TEMPORARY TABLE archive (
  order_id BIGINT
) WITH (
  'connector' = 'filesystem',
  'format' = 'csv'
);

INSERT INTO archive SELECT order_id FROM orders;
`;
    const { diagnostics } = await validate(draft, target());
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    const [d] = diagnostics;
    assert.equal(lineOf(d), 13, 'the WITH line of CREATE TABLE archive');
    assert.match(msg(d), /Missing required options are: path/);
    assert.match(msg(d), /statement at line 18/);
  });

  it('underlines an unknown connector identifier', async () => {
    const draft = `${SOURCE}
CREATE TEMPORARY TABLE sink (order_id BIGINT) WITH ('connector' = 'kafkaa');
INSERT INTO sink SELECT order_id FROM orders;
`;
    const [d, ...rest] = (await validate(draft, target())).diagnostics;
    assert.equal(rest.length, 0);
    assert.equal(lineOf(d), 11);
    assert.equal(textOf(draft, d), "'kafkaa'");
    assert.match(msg(d), /Could not find any factory for identifier 'kafkaa'/);
  });

  it('puts bad casts on their lines (Calcite cast check and Flink cast rule)', async () => {
    const draft = `${SOURCE}
SELECT
  CAST(order_id AS DATE) AS d
FROM orders;

SELECT customer,
  CAST(order_time AS INT) AS t
FROM orders;
`;
    const { diagnostics } = await validate(draft, target());
    assert.equal(diagnostics.length, 2, JSON.stringify(diagnostics));
    assert.equal(lineOf(diagnostics[0]), 12);
    assert.equal(textOf(draft, diagnostics[0]), 'CAST(order_id AS DATE)');
    assert.match(msg(diagnostics[0]), /Cast function cannot convert value of type BIGINT to type DATE/);
    assert.equal(lineOf(diagnostics[1]), 16);
    assert.equal(textOf(draft, diagnostics[1]), 'CAST(order_time AS INT)');
    assert.match(msg(diagnostics[1]), /cast from TIMESTAMP type to NUMERIC type is not allowed/);
  });

  it('validates statement sets and SET statements in order', async () => {
    const draft = `SET 'table.exec.sink.not-null-enforcer' = 'DROP';
${SOURCE}
CREATE TEMPORARY TABLE sink_a (id BIGINT) WITH ('connector' = 'blackhole');
EXECUTE STATEMENT SET BEGIN
  INSERT INTO sink_a SELECT order_id FROM orders;
  INSERT INTO sink_a SELECT amount2 FROM orders;
END;
`;
    const { diagnostics } = await validate(draft, target());
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    assert.equal(lineOf(diagnostics[0]), 15);
    assert.equal(textOf(draft, diagnostics[0]), 'amount2');
  });

  it('validates the SQL client\'s BEGIN STATEMENT SET; … END; block as one statement set', async () => {
    const draft = `${SOURCE}
CREATE TEMPORARY TABLE sink_b (id BIGINT) WITH ('connector' = 'blackhole');
BEGIN STATEMENT SET;
INSERT INTO sink_b SELECT order_id FROM orders;
INSERT INTO sink_b SELECT order_idd FROM orders;
END;
`;
    const { diagnostics } = await validate(draft, target());
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    assert.equal(lineOf(diagnostics[0]), 14);
    assert.equal(textOf(draft, diagnostics[0]), 'order_idd');
  });

  it('reports an unreachable gateway clearly', async () => {
    await assert.rejects(validate('SELECT 1;', { gatewayUrl: 'http://127.0.0.1:1' }), (e: unknown) => {
      assert.ok(e instanceof GatewayError);
      assert.equal(e.kind, 'unreachable');
      assert.match(e.message, /SQL Gateway at http:\/\/127\.0\.0\.1:1 is not reachable: .*ECONNREFUSED.*flink-sql local start/);
      return true;
    });
  });

  describe('flink-sql validate (CLI)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flink-validate-'));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const cli = (args: string[]) => spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'server/src/cli/main.ts'), ...args],
      { encoding: 'utf8', timeout: 120_000, cwd: dir, env: { ...process.env, FLINK_SQL_GATEWAY: '' } });

    it('prints lint-shaped JSON with "source": "flink" and exits 1 on an error', () => {
      const bad = path.join(dir, 'bad.flink.sql');
      fs.writeFileSync(bad, `${SOURCE}SELECT nope FROM orders;\n`);
      const r = cli(['validate', bad, SEED, '--format', 'json', '--gateway', sharedCluster().gatewayUrl]);
      assert.equal(r.status, 1, r.stderr);
      const out = JSON.parse(r.stdout) as { file: string; diagnostics: Diagnostic[] }[];
      assert.deepEqual(out.map((o) => o.file), [bad, SEED]);
      assert.equal(out[0].diagnostics[0].source, 'flink');
      assert.equal(out[0].diagnostics[0].range.start.line, 9);
      assert.deepEqual(out[1].diagnostics, []);
    });

    it('prints file:line:col lines and the "Validated on Flink" line in text mode', () => {
      const r = cli(['validate', SEED, '--gateway', sharedCluster().gatewayUrl]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^Validated on Flink \d+\.\d+ in \d+ ms\n$/);
    });

    it('says how to get a Flink when none runs for the workspace', () => {
      const r = cli(['validate', SEED]);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /no local Flink running: run flink-sql local start, or pass --gateway/);
    });
  });
});
