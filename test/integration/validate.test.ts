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
/** Flink's own findings (our local checks may report the same problem next to them, with source flink-sql). */
const flinkOnly = (ds: Diagnostic[]) => ds.filter((d) => d.source === 'flink');
/** Our local finding of `code` on `line` (1-based). */
const localAt = (ds: Diagnostic[], line: number, code: string) => ds.find((d) => d.source === 'flink-sql' && d.code === code && lineOf(d) === line);
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
    const all = (await validate(draft, target())).diagnostics;
    const diagnostics = flinkOnly(all);
    assert.equal(diagnostics.length, 1, JSON.stringify(all));
    const [d] = diagnostics;
    assert.equal(d.source, 'flink');
    assert.equal(lineOf(d), 13);
    assert.ok(localAt(all, 13, 'unknown-column'), 'our unknown-column check agrees, on the same line');
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
    const all = (await validate(draft, target())).diagnostics;
    const diagnostics = flinkOnly(all);
    assert.equal(diagnostics.length, 1, JSON.stringify(all));
    assert.ok(all.some((x) => x.source === 'flink-sql' && x.code === 'missing-option'), 'our missing-option check agrees');
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
    const all = (await validate(draft, target())).diagnostics;
    const [d, ...rest] = flinkOnly(all);
    assert.equal(rest.length, 0, JSON.stringify(all));
    assert.ok(localAt(all, 11, 'unknown-connector'), 'our unknown-connector check agrees, on the same line');
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
    const all = (await validate(draft, target())).diagnostics;
    const diagnostics = flinkOnly(all);
    assert.equal(diagnostics.length, 2, JSON.stringify(all));
    assert.equal(lineOf(diagnostics[0]), 12);
    assert.equal(textOf(draft, diagnostics[0]), 'CAST(order_id AS DATE)');
    assert.match(msg(diagnostics[0]), /Cast function cannot convert value of type BIGINT to type DATE/);
    assert.equal(lineOf(diagnostics[1]), 16);
    assert.equal(textOf(draft, diagnostics[1]), 'CAST(order_time AS INT)');
    assert.match(msg(diagnostics[1]), /cast from TIMESTAMP type to NUMERIC type is not allowed/);
  });

  it('puts a sink that cannot take updates on the as-you-type finding, not the whole statement', async () => {
    // The local cluster has no Kafka jar: a filesystem sink refuses updates the same way (append-only).
    const draft = `CREATE TEMPORARY TABLE clicks (user_id BIGINT, url STRING) WITH ('connector' = 'datagen', 'number-of-rows' = '10');
CREATE TEMPORARY TABLE kafka_sink (user_id BIGINT, cnt BIGINT) WITH (
  'connector' = 'filesystem', 'path' = 'file:///tmp/flink-sql-studio-agg', 'format' = 'csv'
);
INSERT INTO kafka_sink
SELECT user_id, COUNT(*) FROM clicks
GROUP BY user_id;
`;
    const result = await validate(draft, target());
    const [err] = flinkOnly(result.diagnostics);
    assert.ok(err, JSON.stringify(result.diagnostics));
    assert.match(msg(err), /doesn't support consuming update changes/);
    const insertLine = draft.split('\n').findIndex((l) => l.startsWith('INSERT')) + 1;
    // On the GROUP BY (its key) or the sink's name: one line, not the three of the statement.
    const placed = textOf(draft, err) ?? '';
    const onGroupBy = lineOf(err) === insertLine + 2 && placed === 'user_id';
    assert.ok(onGroupBy || placed === 'kafka_sink', `placed on ${JSON.stringify(err.range)}: ${placed}`);
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
    const all = (await validate(draft, target())).diagnostics;
    const diagnostics = flinkOnly(all);
    assert.equal(diagnostics.length, 1, JSON.stringify(all));
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
    const all = (await validate(draft, target())).diagnostics;
    const diagnostics = flinkOnly(all);
    assert.equal(diagnostics.length, 1, JSON.stringify(all));
    assert.equal(lineOf(diagnostics[0]), 14);
    assert.equal(textOf(draft, diagnostics[0]), 'order_idd');
  });

  describe('tables no statement uses (probes)', () => {
    it('puts Flink\'s unknown-connector error on the CREATE statement of a table nothing queries', async () => {
      const draft = `CREATE TEMPORARY TABLE clicks (
  user_id BIGINT,
  url STRING
) WITH (
  'connector' = 'datagem'
);
`;
      const r = await validate(draft, target());
      const [d, ...rest] = flinkOnly(r.diagnostics);
      assert.equal(rest.length, 0, JSON.stringify(r.diagnostics));
      assert.equal(lineOf(d), 5);
      assert.equal(textOf(draft, d), "'datagem'");
      assert.match(msg(d), /Could not find any factory for identifier 'datagem'/);
      assert.match(msg(d), /no statement of the draft uses/);
      assert.ok(localAt(r.diagnostics, 5, 'unknown-connector'), 'our check says the same on the same line');
      assert.deepEqual(r.probed, ['clicks']);
      assert.match(r.summary, /; probed 1 unused table \(clicks\)$/);
    });

    it('puts an option typo of an unused table on the option\'s line, next to a used table that is fine', async () => {
      const draft = `${SOURCE}
CREATE TEMPORARY TABLE audit (
  order_id BIGINT,
  note STRING
) WITH (
  'connector' = 'print',
  'print-identifer' = 'audit'
);

SELECT order_id FROM orders;
`;
      const r = await validate(draft, target());
      const [d, ...rest] = flinkOnly(r.diagnostics);
      assert.equal(rest.length, 0, JSON.stringify(r.diagnostics));
      assert.equal(lineOf(d), 16);
      assert.equal(textOf(draft, d), "'print-identifer'");
      assert.match(msg(d), /Unable to create a sink for writing table .*Unsupported options: print-identifer/, 'print is sink-only: probed by a write');
      assert.ok(localAt(r.diagnostics, 16, 'unknown-option'));
      assert.deepEqual(r.probed, ['audit']);
    });

    it('keeps a clean draft clean, says which tables it probed, and starts no job', async () => {
      const jm = new JobManagerClient(sharedCluster().restUrl);
      const before = (await jm.jobs()).length;
      const draft = `${SOURCE}
CREATE TEMPORARY TABLE audit (order_id BIGINT NOT NULL, note STRING, PRIMARY KEY (order_id) NOT ENFORCED) WITH ('connector' = 'print');
CREATE TEMPORARY TABLE trash (order_id BIGINT) WITH ('connector' = 'blackhole');
CREATE TEMPORARY TABLE archive (order_id BIGINT, amount DECIMAL(10, 2)) WITH ('connector' = 'filesystem', 'path' = 'file:///tmp/flink-sql-studio-probe', 'format' = 'json');
`;
      const r = await validate(draft, target());
      assert.deepEqual(r.diagnostics, []);
      assert.deepEqual(r.probed, ['orders', 'audit', 'trash', 'archive']);
      assert.match(r.summary, /; probed 4 unused tables \(orders, audit, trash, archive\)$/);
      assert.equal((await jm.jobs()).length, before);
    });
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
      const flink = out[0].diagnostics.find((d) => d.source === 'flink');
      assert.ok(flink, JSON.stringify(out[0].diagnostics));
      assert.equal(flink.range.start.line, 9);
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
