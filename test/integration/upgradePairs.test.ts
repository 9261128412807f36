// The upgrade check's verdict against what Flink really does, pair by pair (issue 21): on the real local Flink 2.3
// and 1.20 side by side, v1 of a stateful draft is published (CLI, session deployment), its state builds up, and
// `publish <v2> --check` predicts each edit from a savepoint of it; v2 is then restored from that very savepoint
// through the gateway (`SET 'execution.state-recovery.path'`), and what Flink does must be what the verdict says:
//   compatible     restored without ignore-unclaimed-state: every task RUNNING, restored from the savepoint, no
//                  exception for 5 s (and where the state only grows, a savepoint of v2 taken as it starts holds at
//                  least the bytes v1 saved: it went on from there, a fresh state would hold a second's rows);
//   state-dropped  refused ("Cannot map savepoint state for operator <a predicted one>"), runs with the flag;
//   incompatible   the restore fails on its state (StateMigrationException in the job's exception history).
// Each edit's verdict is pinned too. Families: window TVF aggregation, regular join, deduplication, TOP-N,
// MATCH_RECOGNIZE, group aggregation, state TTL, window TOP-N, session window, window join (edits that keep state, drop it, change its key or its values' layout); then
// each v1 saved on 1.20 is checked by the 2.3 inspector and restored on 2.3 (a Flink upgrade, the plan unchanged).
// One v1 job per family and version, each v2 job cancelled once judged, datagen at 10 rows/s, parallelism 1.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execute } from '../../server/src/flink/execute';
import { JobManagerClient } from '../../server/src/flink/restClient';
import type { ClusterInfo } from '../../server/src/flink/localCluster';
import { matchOperators } from '../../server/src/upgrade/operatorMatch';
import { inspectUpgrade, savepointState } from '../../server/src/upgrade/stateInspector';
import type { UpgradeCheck } from '../../server/src/upgrade/verdicts';
import { sharedCluster, sharedClusterOf } from './cluster';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
process.env.FLINK_SQL_STATE_INSPECTOR_JAR ??= path.join(ROOT, 'out', 'state-inspector.jar');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const LINES = ['2.3', '1.20'] as const;
type Line = (typeof LINES)[number];
type Verdict = UpgradeCheck['verdict'];
const CONFIG = { 'parallelism.default': '1' };

/** A datagen table at 10 rows/s; `keys`: user_id's range (large: every row a new key, so keyed state only grows). */
const source = (name: string, keys: number) => `CREATE TEMPORARY TABLE ${name} (
  order_id BIGINT,
  user_id INT,
  region INT,
  amount INT,
  url STRING,
  ts TIMESTAMP(3),
  pt AS PROCTIME(),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (
  'connector' = 'datagen', 'rows-per-second' = '10',
  'fields.user_id.min' = '1', 'fields.user_id.max' = '${keys}',
  'fields.region.min' = '1', 'fields.region.max' = '3',
  'fields.amount.min' = '1', 'fields.amount.max' = '100',
  'fields.url.length' = '3'
);
`;
const sink = (name: string, columns: string) => `CREATE TEMPORARY TABLE ${name} (${columns}) WITH ('connector' = 'blackhole');\n`;

/** `v1` with `from` replaced by `to` (which must be there: an edit that silently did nothing would prove nothing). */
function edit(v1: string, ...swaps: Array<[string, string]>): string {
  return swaps.reduce((sql, [from, to]) => {
    assert.ok(sql.includes(from), `the fixture has no ${from}`);
    return sql.replace(from, to);
  }, v1);
}

interface Pair {
  edit: string;
  v2: string;
  /** The check's verdict for this edit, pinned (Flink's behaviour must then follow from it); per version where they differ. */
  verdict: Verdict | Record<Line, Verdict>;
  /** Overrides the family's `grows` (state TTL removed: the same entries take fewer bytes). */
  grows?: boolean;
}
interface Family {
  name: string;
  v1: string;
  pairs: Pair[];
  /** Its keyed state only grows (every row a new key, no TTL): a restored v2 holds at least the bytes v1 saved. */
  grows?: boolean;
}

const WINDOW_V1 = `${source('clicks', 20)}${sink('window_counts', 'window_start TIMESTAMP(3), user_id INT, cnt BIGINT')}INSERT INTO window_counts
SELECT window_start, user_id, COUNT(*) FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))
WHERE amount > 10
GROUP BY window_start, window_end, user_id;
`;
const JOIN_V1 = `${source('orders', 1_000_000)}${source('users', 1_000_000)}${sink('enriched', 'order_id BIGINT, amount INT, url STRING')}INSERT INTO enriched
SELECT o.order_id, o.amount, u.url FROM orders AS o JOIN users AS u ON o.user_id = u.user_id
WHERE o.amount > 10;
`;
const DEDUP_V1 = `${source('orders', 1_000_000)}${sink('first_orders', 'order_id BIGINT, user_id INT, amount INT')}INSERT INTO first_orders
SELECT order_id, user_id, amount FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY pt) AS rn FROM orders
) WHERE rn = 1;
`;
const TOPN_V1 = `${source('orders', 1_000_000)}${sink('top_orders', 'user_id INT, order_id BIGINT, amount INT, rn BIGINT')}INSERT INTO top_orders
SELECT user_id, order_id, amount, rn FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY amount DESC) AS rn FROM orders
) WHERE rn <= 3;
`;
const MATCH_V1 = `${source('orders', 20)}${sink('dips', 'user_id INT, high INT, low INT')}INSERT INTO dips
SELECT user_id, high, low FROM orders MATCH_RECOGNIZE (
  PARTITION BY user_id ORDER BY pt
  MEASURES A.amount AS high, B.amount AS low
  ONE ROW PER MATCH AFTER MATCH SKIP PAST LAST ROW
  PATTERN (A B)
  DEFINE A AS A.amount > 50, B AS B.amount < A.amount
);
`;
const AGG_V1 = `${source('orders', 1_000_000)}${sink('user_stats', 'user_id INT, cnt BIGINT')}INSERT INTO user_stats
SELECT user_id, COUNT(*) FROM orders
GROUP BY user_id;
`;

const WINDOW_TOPN_V1 = `${source('clicks', 20)}${sink('top_clicks', 'window_start TIMESTAMP(3), user_id INT, amount INT')}INSERT INTO top_clicks
SELECT window_start, user_id, amount FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY amount DESC) AS rn
  FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))
) WHERE rn <= 3;
`;
const SESSION_V1 = `${source('clicks', 20)}${sink('sessions', 'window_start TIMESTAMP(3), user_id INT, cnt BIGINT')}INSERT INTO sessions
SELECT window_start, user_id, COUNT(*) FROM TABLE(SESSION(TABLE clicks PARTITION BY user_id, DESCRIPTOR(ts), INTERVAL '5' SECOND))
GROUP BY window_start, window_end, user_id;
`;
const WINDOW_JOIN_V1 = `${source('orders', 20)}${source('users', 20)}${sink('pairs', 'order_id BIGINT, amount INT')}INSERT INTO pairs
SELECT o.order_id, u.amount
FROM (SELECT * FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' SECOND))) AS o
JOIN (SELECT * FROM TABLE(TUMBLE(TABLE users, DESCRIPTOR(ts), INTERVAL '10' SECOND))) AS u
ON o.user_id = u.user_id AND o.window_start = u.window_start AND o.window_end = u.window_end;
`;

/** The same aggregation under state TTL (table.exec.state.ttl): its values kept with a timestamp each. */
const TTL_V1 = `SET 'table.exec.state.ttl' = '1 h';\n${AGG_V1}`;

const FAMILIES: Family[] = [
  { name: 'window', v1: WINDOW_V1, pairs: [
    { edit: 'filter amount > 10 → > 50', verdict: 'compatible', v2: edit(WINDOW_V1, ['amount > 10', 'amount > 50']) },
    { edit: 'window 10 s → 30 s', verdict: 'compatible', v2: edit(WINDOW_V1, ["INTERVAL '10' SECOND", "INTERVAL '30' SECOND"]) },
    { edit: 'GROUP BY + url', verdict: 'incompatible', v2: edit(WINDOW_V1, ['user_id INT, cnt', 'user_id INT, url STRING, cnt'], ['user_id, COUNT(*)', 'user_id, url, COUNT(*)'], ['window_end, user_id;', 'window_end, user_id, url;']) },
  ] },
  { name: 'join', v1: JOIN_V1, grows: true, pairs: [
    { edit: 'filter amount > 10 → > 50', verdict: 'compatible', v2: edit(JOIN_V1, ['o.amount > 10', 'o.amount > 50']) },
    { edit: 'join key + region', verdict: 'incompatible', v2: edit(JOIN_V1, ['o.user_id = u.user_id', 'o.user_id = u.user_id AND o.region = u.region']) },
    { edit: 'JOIN → LEFT JOIN', verdict: 'incompatible', v2: edit(JOIN_V1, ['JOIN users', 'LEFT JOIN users']) },
  ] },
  { name: 'dedup', v1: DEDUP_V1, grows: true, pairs: [
    { edit: 'filter amount > 10 before it', verdict: 'compatible', v2: edit(DEDUP_V1, ['FROM orders\n)', 'FROM orders WHERE amount > 10\n)']) },
    { edit: 'keep first → keep last row', verdict: 'incompatible', v2: edit(DEDUP_V1, ['ORDER BY pt)', 'ORDER BY pt DESC)']) },
  ] },
  { name: 'topn', v1: TOPN_V1, grows: true, pairs: [
    { edit: 'rn <= 3 → <= 5', verdict: 'compatible', v2: edit(TOPN_V1, ['rn <= 3', 'rn <= 5']) },
    { edit: 'PARTITION BY user_id → region', verdict: 'incompatible', v2: edit(TOPN_V1, ['PARTITION BY user_id', 'PARTITION BY region']) },
  ] },
  { name: 'match', v1: MATCH_V1, pairs: [
    { edit: 'DEFINE A > 50 → > 80', verdict: 'compatible', v2: edit(MATCH_V1, ['A.amount > 50', 'A.amount > 80']) },
    { edit: 'PATTERN (A B) → (A B C)', verdict: 'compatible', v2: edit(MATCH_V1, ['PATTERN (A B)', 'PATTERN (A B C)'], ['B.amount < A.amount', 'B.amount < A.amount, C AS C.amount > B.amount']) },
  ] },
  { name: 'agg', v1: AGG_V1, grows: true, pairs: [
    { edit: 'COUNT(*) → COUNT(*), SUM(amount)', verdict: 'incompatible', v2: edit(AGG_V1, ['cnt BIGINT', 'cnt BIGINT, total INT'], ['COUNT(*) FROM', 'COUNT(*), SUM(amount) FROM']) },
    // The deduplication placed first takes the aggregation's operator id (ids follow the graph's shape), with another key.
    { edit: 'orders deduplicated first', verdict: 'incompatible', v2: edit(AGG_V1, ['FROM orders\n', 'FROM (\n  SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY pt) AS rn FROM orders) WHERE rn = 1\n)\n']) },
    { edit: 'a second source (UNION ALL)', verdict: 'state-dropped', v2: source('web_orders', 1_000_000) + edit(AGG_V1, ['FROM orders\n', 'FROM (SELECT * FROM orders UNION ALL SELECT * FROM web_orders)\n']) },
  ] },
  { name: 'window-topn', v1: WINDOW_TOPN_V1, pairs: [
    { edit: 'rn <= 3 → <= 5', verdict: 'compatible', v2: edit(WINDOW_TOPN_V1, ['rn <= 3', 'rn <= 5']) },
    // The rank keeps its input rows: a column more in them is another layout.
    { edit: 'rows + url', verdict: 'incompatible', v2: edit(WINDOW_TOPN_V1, ['amount INT)', 'amount INT, url STRING)'], ['user_id, amount FROM', 'user_id, amount, url FROM']) },
  ] },
  { name: 'session', v1: SESSION_V1, pairs: [
    { edit: 'gap 5 s → 10 s', verdict: 'compatible', v2: edit(SESSION_V1, ["INTERVAL '5' SECOND", "INTERVAL '10' SECOND"]) },
    { edit: 'COUNT(*) → COUNT(*), SUM(amount)', verdict: 'incompatible', v2: edit(SESSION_V1, ['cnt BIGINT', 'cnt BIGINT, total INT'], ['COUNT(*) FROM', 'COUNT(*), SUM(amount) FROM']) },
  ] },
  { name: 'window-join', v1: WINDOW_JOIN_V1, pairs: [
    { edit: 'filter amount > 10 on orders', verdict: 'compatible', v2: edit(WINDOW_JOIN_V1, ["TABLE orders, DESCRIPTOR(ts), INTERVAL '10' SECOND)))", "TABLE orders, DESCRIPTOR(ts), INTERVAL '10' SECOND)) WHERE amount > 10)"]) },
    // Each side keeps its rows per window: the users' rows gain url.
    { edit: 'users url joined too', verdict: 'incompatible', v2: edit(WINDOW_JOIN_V1, ['amount INT)', 'amount INT, url STRING)'], ['u.amount\n', 'u.amount, u.url\n']) },
  ] },
  { name: 'ttl', v1: TTL_V1, grows: true, pairs: [
    { edit: 'state TTL 1 h → 2 h', verdict: 'compatible', v2: edit(TTL_V1, ["'1 h'", "'2 h'"]) },
    // Flink 2.2+ restores state saved with TTL into a state without (and back); 1.20 does not.
    { edit: 'state TTL removed', verdict: { '2.3': 'compatible', '1.20': 'incompatible' }, grows: false, v2: edit(TTL_V1, ["SET 'table.exec.state.ttl' = '1 h';\n", '']) },
  ] },
];

/** What Flink did with v2 restored from the check's savepoint, as the verdict it corresponds to. */
interface Observed { flink: Verdict; detail: string }

interface Row { line: string; family: string; edit: string; predicted: Verdict; why: string; flink: Verdict; detail: string }
const rows: Row[] = [];
/** What the check said of each operator with state: dropped, its key, its states' layouts. */
const why = (c: UpgradeCheck) => ` (${c.operators.map((o) => `${o.name ?? o.id.slice(0, 8)} ${o.verdict}${o.nextKeyType ? ` key ${o.keyType} → ${o.nextKeyType}` : ''}${o.valueChanges ? ` ${o.valueChanges.join(', ')}` : ''}`).join('; ')}${c.reason ? `; ${c.reason}` : ''})`;
const figures: string[] = [];

describe('upgrade check, pair by pair: the verdict against the real restore (Flink 2.3 and 1.20)', function () {
  this.timeout(600_000);
  const clusters = {} as Record<Line, ClusterInfo>;
  const ws = {} as Record<Line, string>;
  /** The check's savepoint of each family's v1 on 1.20: the Flink upgrade's starting point. */
  const v1Savepoints = new Map<string, string>();
  /** When the suite's first test starts (mocha loads every describe first). */
  let started = 0;

  before(async () => {
    started = Date.now();
    clusters['2.3'] = sharedCluster();
    clusters['1.20'] = await sharedClusterOf('1.20');
    for (const line of LINES) ws[line] = fs.mkdtempSync(path.join(os.tmpdir(), `upgrade-pairs-${line}-`));
  });
  after(async () => {
    for (const line of LINES) {
      const jm = new JobManagerClient(clusters[line].restUrl);
      for (const j of await jm.jobs().catch(() => [])) if (j.state === 'RUNNING') await jm.cancel(j.jid).catch(() => undefined);
      fs.rmSync(ws[line], { recursive: true, force: true });
    }
    const table = rows.map((r) => `| ${r.family} | ${r.edit} | ${r.line} | ${r.predicted}${r.why} | ${r.flink}: ${r.detail} | ${r.predicted === r.flink ? 'yes' : 'NO'} |`);
    process.stderr.write(`      [upgrade pairs] ${((Date.now() - started) / 1000).toFixed(0)} s\n      ${table.join('\n      ')}\n      ${figures.join('\n      ')}\n`);
  });

  function cli(line: Line, ...args: string[]): Promise<{ status: number; out: Record<string, unknown>; stderr: string }> {
    return new Promise((resolve) => {
      execFile(TSX, [path.join(ROOT, 'server/src/cli/main.ts'), ...args, '--dir', ws[line], '--gateway', clusters[line].gatewayUrl, '--rest', clusters[line].restUrl, '--format', 'json'],
        { encoding: 'utf8', timeout: 300_000, env: { ...process.env, FLINK_SQL_GATEWAY: '', FLINK_SQL_REST: '' } }, (error, stdout, stderr) => {
          let out: Record<string, unknown> = {};
          try { out = JSON.parse(stdout) as Record<string, unknown>; } catch { /* a failure's text is on stderr */ }
          resolve({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, out, stderr });
        });
    });
  }

  /** Submits `sql` restored from `savepoint`; the refusal's text, or the job. */
  async function submit(line: Line, sql: string, savepoint: string, ignoreUnclaimed: boolean): Promise<{ refused?: string; jobId?: string }> {
    const set = `SET 'execution.state-recovery.path' = '${savepoint}';\n${ignoreUnclaimed ? "SET 'execution.state-recovery.ignore-unclaimed-state' = 'true';\n" : ''}`;
    let jobId: string | undefined;
    let refused: string | undefined;
    for await (const e of execute(`${set}${sql}`, { gatewayUrl: clusters[line].gatewayUrl })) {
      if (e.type === 'error') refused = e.message;
      if (e.type === 'end' && e.jobId) jobId = e.jobId;
    }
    assert.ok(refused !== undefined || jobId, 'neither a job nor a refusal');
    return refused !== undefined ? { refused } : { jobId };
  }

  /** Watches a restored job: every task RUNNING and 5 s without an exception (a restore that cannot read its state fails before its task runs), or the exception it failed with. */
  async function watch(jm: JobManagerClient, jobId: string, onRunning?: () => Promise<void>): Promise<{ failed?: string }> {
    let runningSince = 0;
    for (const end = Date.now() + 90_000; Date.now() < end;) {
      const x = await jm.exceptions(jobId, 5).catch(() => undefined);
      const first = x?.exceptionHistory.entries[0];
      if (first) return { failed: `${first.exceptionName}: ${first.stacktrace}` };
      const job = await jm.job(jobId).catch(() => undefined);
      if (job?.state === 'FAILED' || job?.state === 'CANCELED') return { failed: `the job is ${job.state}` };
      const allRunning = !!job && job.vertices.length > 0 && job.vertices.every((v) => v.status === 'RUNNING');
      if (allRunning && !runningSince) {
        runningSince = Date.now();
        await onRunning?.();
      }
      if (runningSince && Date.now() - runningSince >= 5_000) return {};
      await sleep(1_000);
    }
    throw new Error(`job ${jobId} neither ran 10 s nor failed within 90 s`);
  }

  const norm = (p: string | null | undefined) => (p ?? '').replace(/^file:/, '').replace(/\/+$/, '');

  /** Restores `sql` from the check's savepoint and says what Flink did, as a verdict. */
  async function observe(line: Line, sql: string, check: UpgradeCheck, grows: boolean): Promise<Observed> {
    const jm = new JobManagerClient(clusters[line].restUrl);
    const savepoint = check.savepoint!;
    let first = await submit(line, sql, savepoint, false);
    let refusedFor: string | undefined;
    if (first.refused !== undefined) {
      refusedFor = /Cannot map (?:checkpoint\/)?savepoint state for operator ([0-9a-f]{32})/.exec(first.refused)?.[1];
      assert.ok(refusedFor, `refused for another reason: ${first.refused.slice(-1500)}`);
      first = await submit(line, sql, savepoint, true);
      assert.equal(first.refused, undefined, `refused with ignore-unclaimed-state too: ${first.refused?.slice(-1500)}`);
    }
    const jobId = first.jobId!;
    let grew: string | undefined;
    try {
      const w = await watch(jm, jobId, async () => {
        if (!grows) return;
        // Right after it started: a fresh state would hold a second's rows, a restored one all v1 saved and more.
        const sp = await jm.waitForSavepoint(jobId, await jm.triggerSavepoint(jobId));
        const after = await savepointState(sp, { flinkVersion: line });
        const sizes = check.operators.filter((o) => o.verdict === 'restored').map((o) => [o.stateBytes, after.operators.find((a) => a.id === o.id)?.stateBytes ?? 0]);
        grew = sizes.map(([a, b]) => `${a} → ${b} B`).join(', ');
        assert.ok(sizes.length > 0 && sizes.every(([a, b]) => b >= a), `v2's state right after the restore is not v1's and more: ${grew}`);
      });
      if (w.failed) {
        const causes = [...w.failed.matchAll(/Caused by: ([^\n]{0,300})/g)].map((m) => m[1]);
        const cause = causes.at(-1) ?? w.failed.split('\n')[0].slice(0, 300);
        // A restore that cannot read its state, not any failure (a missing slot would prove nothing).
        assert.match(cause, /StateMigrationException|Incompatible .*state/, `the restored job failed, but not on its state: ${w.failed.slice(0, 3000)}`);
        return { flink: 'incompatible', detail: `${refusedFor ? `refused (${refusedFor.slice(0, 8)}), with the flag ` : ''}fails: ${cause}` };
      }
      const restored = (await jm.checkpoints(jobId)).latest.restored?.external_path;
      assert.equal(norm(restored), norm(savepoint), 'restored from the check\'s savepoint');
      if (refusedFor) {
        const dropped = check.operators.filter((o) => o.verdict === 'dropped').map((o) => o.id);
        assert.ok(dropped.includes(refusedFor), `Flink refused for ${refusedFor}, the check dropped ${dropped.join(', ')}`);
        return { flink: 'state-dropped', detail: `refused for ${refusedFor.slice(0, 8)}…, runs with ignore-unclaimed-state` };
      }
      return { flink: 'compatible', detail: `restored, RUNNING 5 s${grew ? `, state ${grew}` : ''}` };
    } finally {
      await jm.cancel(jobId).catch(() => undefined);
    }
  }

  /** One family on one Flink version: v1 published, each v2 checked against it, then each restored from its check's savepoint. */
  async function family(line: Line, f: Family): Promise<void> {
    const jm = new JobManagerClient(clusters[line].restUrl);
    const draft = path.join(ws[line], `${f.name}.flink.sql`);
    fs.writeFileSync(path.join(ws[line], `${f.name}.deployment.yaml`), `name: ${f.name}\ntype: SQL\ntarget: session\nflinkVersion: "${line}"\nparallelism: 1\nbehavior: { restoreStrategy: latest-savepoint, maxJobCreationAttempts: 1 }\n`);
    fs.writeFileSync(draft, f.v1);
    const t0 = Date.now();
    const v1 = await cli(line, 'publish', draft);
    assert.equal(v1.status, 0, `${line} ${f.name} v1: ${v1.stderr.slice(-2000)}`);
    const v1Job = String(v1.out.jobId);
    const checks: UpgradeCheck[] = [];
    try {
      await sleep(5_000); // rows reach the stateful operator
      for (const p of f.pairs) {
        fs.writeFileSync(draft, p.v2);
        const c = await cli(line, 'publish', draft, '--check');
        const upgrade = c.out.upgrade as UpgradeCheck | undefined;
        assert.ok(upgrade?.savepoint, `${line} ${f.name} ${p.edit}: no check: ${c.stderr.slice(-2000)}`);
        assert.ok(upgrade.operators.length > 0 && upgrade.operators.every((o) => o.stateBytes > 0), `${line} ${f.name}: v1 keeps state: ${JSON.stringify(upgrade.operators)}`);
        checks.push(upgrade);
        figures.push(`${line} ${f.name} ${p.edit}: publish --check ${upgrade.verdict} in ${upgrade.elapsedMs} ms`);
      }
    } finally {
      await jm.cancel(v1Job).catch(() => undefined);
    }
    if (line === '1.20') v1Savepoints.set(f.name, checks[0].savepoint!);
    // Each v2 from its own savepoint, side by side (a slot each; the cluster has 4).
    const seen = await Promise.allSettled(f.pairs.map((p, i) => observe(line, p.v2, checks[i], (p.grows ?? !!f.grows) && checks[i].verdict === 'compatible')));
    const problems: string[] = [];
    f.pairs.forEach((p, i) => {
      const s = seen[i];
      const predicted = checks[i].verdict;
      if (s.status === 'rejected') {
        problems.push(`${f.name} ${p.edit} (${line}): ${(s.reason as Error).message}`);
        return;
      }
      rows.push({ line, family: f.name, edit: p.edit, predicted, why: why(checks[i]), flink: s.value.flink, detail: s.value.detail });
      if (predicted !== s.value.flink) problems.push(`${f.name} ${p.edit} (${line}): predicted ${predicted}, Flink: ${s.value.flink} (${s.value.detail}); the check: ${JSON.stringify(checks[i].operators)}`);
      const pinned = typeof p.verdict === 'string' ? p.verdict : p.verdict[line];
      if (predicted === s.value.flink && predicted !== pinned) problems.push(`${f.name} ${p.edit} (${line}): predicted ${predicted} (Flink agrees), the table pins ${pinned}`);
    });
    figures.push(`${line} ${f.name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    assert.deepEqual(problems, []);
  }

  for (const f of FAMILIES) {
    it(`${f.name}: ${f.pairs.map((p) => p.edit).join('; ')}`, async () => {
      const done = await Promise.allSettled(LINES.map((line) => family(line, f)));
      const failed = done.flatMap((d) => (d.status === 'rejected' ? [(d.reason as Error).message] : []));
      assert.deepEqual(failed, [], failed.join('\n'));
    });
  }

  it('a Flink upgrade, the plan unchanged: each v1 saved on 1.20, checked by the 2.3 inspector and restored on 2.3', async () => {
    const upgrade = async (f: Family): Promise<string | undefined> => {
      const savepoint = v1Savepoints.get(f.name)!;
      const t0 = Date.now();
      const r = await inspectUpgrade(savepoint, f.v1, CONFIG, { flinkVersion: '2.3' });
      const m = matchOperators(r.savepoint, r.planned);
      const ids120 = r.savepoint.operators.map((o) => o.id);
      const ids23 = r.planned.vertices.flatMap((v) => v.operators);
      const same = ids120.filter((id) => ids23.includes(id)).length;
      const check: UpgradeCheck = { verdict: m.verdict === 'ids-match' ? 'compatible' : m.verdict, operators: m.operators, savepoint, ...(m.reason && { reason: m.reason }), elapsedMs: Date.now() - t0 };
      const seen = await observe('2.3', f.v1, check, false);
      rows.push({ line: '1.20 → 2.3', family: f.name, edit: 'unchanged SQL', predicted: check.verdict, why: why(check), flink: seen.flink, detail: `${seen.detail}; ids: ${same} of 1.20's ${ids120.length} in 2.3's ${ids23.length}` });
      return check.verdict === seen.flink ? undefined : `${f.name}: predicted ${check.verdict}${why(check)}, Flink ${seen.flink}: ${seen.detail}`;
    };
    const families = FAMILIES.filter((x) => v1Savepoints.has(x.name));
    // (each family's own test fails when its v1 did not run; a --grep run checks the families it ran)
    assert.ok(families.length > 0, 'no family saved its v1 on 1.20');
    // Three at a time: a slot each on the 2.3 cluster (it has 4).
    const problems: string[] = [];
    for (let i = 0; i < families.length; i += 3) {
      for (const d of await Promise.allSettled(families.slice(i, i + 3).map(upgrade))) {
        if (d.status === 'rejected') problems.push((d.reason as Error).message);
        else if (d.value) problems.push(d.value);
      }
    }
    assert.deepEqual(problems, []);
  });
});
