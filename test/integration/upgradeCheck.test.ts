// The upgrade check's first half against what Flink really does, on the real local Flink 2.3 and 1.20: a stateful
// draft (COUNT(*) per user) is published and savepointed; the state inspector reads the savepoint's operators and
// plans each next version's operator ids without a cluster; the predicted verdict is then checked by publishing that
// version as an upgrade (stop with savepoint, restore): a changed filter keeps every operator id (restored, the
// count's state claimed), a changed GROUP BY key moves the aggregation to a new id (the restore is refused).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execute } from '../../server/src/flink/execute';
import { JobManagerClient } from '../../server/src/flink/restClient';
import { matchOperators } from '../../server/src/upgrade/operatorMatch';
import { plannedJob, savepointState } from '../../server/src/upgrade/stateInspector';
import type { ClusterInfo } from '../../server/src/flink/localCluster';
import { sharedCluster, sharedClusterOf } from './cluster';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
process.env.FLINK_SQL_STATE_INSPECTOR_JAR ??= path.join(ROOT, 'out', 'state-inspector.jar');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The source both drafts read: 20 users clicking. */
const CLICKS = `CREATE TEMPORARY TABLE clicks (
  user_id INT,
  url STRING
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '50',
  'fields.user_id.min' = '1',
  'fields.user_id.max' = '20'
);
`;

const V1 = `${CLICKS}CREATE TEMPORARY TABLE counts (
  user_id INT,
  cnt BIGINT
) WITH ('connector' = 'blackhole');
INSERT INTO counts
SELECT user_id, COUNT(*) FROM clicks
GROUP BY user_id;
`;
/** A changed filter before the aggregation: the same operators, the same ids. */
const FILTER = V1.replace('SELECT user_id, COUNT(*) FROM clicks\n', "SELECT user_id, COUNT(*) FROM clicks\nWHERE url <> 'x'\n");
/** A column more in the GROUP BY key: a projection moves behind the aggregation, whose id changes. */
const KEY = V1.replace('SELECT user_id, COUNT(*) FROM clicks\nGROUP BY user_id;', 'SELECT user_id, COUNT(*) FROM clicks\nGROUP BY user_id, url;');

/** The key grows by a column the aggregation already read (MAX(url)): the same operators, the same ids, another key. */
const KEYED_V1 = `${CLICKS}CREATE TEMPORARY TABLE visits (
  user_id INT,
  url STRING,
  cnt BIGINT
) WITH ('connector' = 'blackhole');
INSERT INTO visits
SELECT user_id, MAX(url), COUNT(*) FROM clicks
GROUP BY user_id;
`;
const KEYED_V2 = KEYED_V1.replace('SELECT user_id, MAX(url), COUNT(*) FROM clicks\nGROUP BY user_id;', 'SELECT user_id, url, COUNT(*) FROM clicks\nGROUP BY user_id, url;');

function journey(line: string, clusterOf: () => Promise<ClusterInfo>): void {
  describe(`upgrade check: predicted operator ids against real restores (Flink ${line})`, function () {
    this.timeout(400_000);
    let ws: string;
    let cluster: ClusterInfo;
    let jm: JobManagerClient;
    const draft = () => path.join(ws, 'counts.flink.sql');
    const figures: string[] = [];

    function cli(...args: string[]): { status: number; out: Record<string, unknown>; stderr: string } {
      const r = spawnSync(TSX, [path.join(ROOT, 'server/src/cli/main.ts'), ...args, '--dir', ws, '--gateway', cluster.gatewayUrl, '--rest', cluster.restUrl, '--format', 'json'],
        { encoding: 'utf8', timeout: 300_000, env: { ...process.env, FLINK_SQL_GATEWAY: '', FLINK_SQL_REST: '' } });
      let out: Record<string, unknown> = {};
      try { out = JSON.parse(r.stdout) as Record<string, unknown>; } catch { /* a failure's text is on stderr */ }
      return { status: r.status ?? -1, out, stderr: r.stderr };
    }

    before(async () => {
      cluster = await clusterOf();
      jm = new JobManagerClient(cluster.restUrl);
      ws = fs.mkdtempSync(path.join(os.tmpdir(), `upgrade-check-${line}-`));
      fs.writeFileSync(path.join(ws, 'counts.deployment.yaml'), `name: counts
type: SQL
target: session
flinkVersion: "${line}"
parallelism: 1
behavior: { restoreStrategy: latest-savepoint, maxJobCreationAttempts: 1 }
`);
    });
    after(async () => {
      process.stderr.write(`      [upgrade check ${line}] ${figures.join('; ')}\n`);
      for (const j of await jm.jobs().catch(() => [])) if (j.state === 'RUNNING' && /counts|visits/.test(j.name)) await jm.cancel(j.jid).catch(() => undefined);
      fs.rmSync(ws, { recursive: true, force: true });
    });

    async function predict(sql: string) {
      const sp = cli('savepoint', 'counts');
      assert.equal(sp.status, 0, sp.stderr);
      const t0 = performance.now();
      const [state, planned] = await Promise.all([
        savepointState(String(sp.out.savepoint), { flinkVersion: line }),
        plannedJob(sql, { 'parallelism.default': '1' }, { flinkVersion: line }),
      ]);
      const ms = Math.round(performance.now() - t0);
      return { match: matchOperators(state, planned), state, ms };
    }

    it('v1 runs and keeps COUNT(*) state in its GroupAggregate', async () => {
      fs.writeFileSync(draft(), V1);
      const r = cli('publish', draft());
      assert.equal(r.status, 0, r.stderr);
      await sleep(4_000); // rows reach the aggregation: its keyed state is not empty
      const { state, match, ms } = await predict(V1);
      const agg = state.operators.filter((o) => o.hasState);
      assert.equal(agg.length, 1, JSON.stringify(state.operators));
      assert.ok(agg[0].stateBytes > 0);
      if (line === '2.3') assert.match(agg[0].name ?? '', /^GroupAggregate\[\d+\]$/);
      assert.equal(match.verdict, 'ids-match', 'the same draft plans to the same operator ids');
      figures.push(`check of an unchanged draft ${ms} ms`);
    });

    it('a changed filter: predicted ids-match, and the upgrade restores the aggregation\'s state', async () => {
      const { match, ms } = await predict(FILTER);
      assert.equal(match.verdict, 'ids-match', JSON.stringify(match));
      assert.equal(match.operators[0]?.verdict, 'restored');
      figures.push(`filter change: predicted ids-match in ${ms} ms`);
      fs.writeFileSync(draft(), FILTER);
      const r = cli('publish', draft());
      assert.equal(r.status, 0, r.stderr);
      // Publish ran the same check before stopping v1, and said so
      const upgrade = r.out.upgrade as { verdict: string; elapsedMs: number };
      assert.equal(upgrade?.verdict, 'compatible', JSON.stringify(r.out));
      figures.push(`filter change: Publish's own check compatible in ${upgrade.elapsedMs} ms (savepoint of the running job included)`);
      const stats = await jm.checkpoints(String(r.out.jobId));
      assert.ok(stats.latest.restored?.external_path, 'restored from the upgrade\'s savepoint');
      assert.equal(await jm.jobStatus(String(r.out.jobId)), 'RUNNING');
      figures.push('filter change: restored, RUNNING');
    });

    it('a changed GROUP BY key: predicted state-dropped; Publish refuses before touching anything, and Flink refuses that restore too', async () => {
      await sleep(3_000);
      const { match, ms } = await predict(KEY);
      assert.equal(match.verdict, 'state-dropped', JSON.stringify(match));
      const dropped = match.operators.filter((o) => o.verdict === 'dropped');
      assert.equal(dropped.length, 1);
      figures.push(`key change: predicted state-dropped (${dropped[0].name ?? dropped[0].id}) in ${ms} ms`);
      fs.writeFileSync(draft(), KEY);

      // publish --check: the verdict alone, nothing published
      const versionsBefore = fs.readdirSync(path.join(ws, '.flink', 'deployments', 'counts')).filter((f) => /^v\d+$/.test(f)).length;
      const check = cli('publish', draft(), '--check');
      assert.equal(check.status, 1, check.stderr);
      const verdict = check.out.upgrade as { verdict: string; operators: { id: string; verdict: string }[]; elapsedMs: number; savepoint: string };
      assert.equal(verdict.verdict, 'state-dropped');
      assert.deepEqual(verdict.operators.filter((o) => o.verdict === 'dropped').map((o) => o.id), [dropped[0].id]);
      figures.push(`key change: publish --check state-dropped in ${verdict.elapsedMs} ms`);

      // publish: refused before anything stops; the running version keeps running
      const running = await jm.jobs();
      const refused = cli('publish', draft());
      assert.equal(refused.status, 1, refused.stderr);
      assert.equal(refused.out.refused, true);
      assert.match(refused.stderr, /State would be dropped: .* Nothing was stopped or published/);
      // and says where the dropped aggregation comes from: its GROUP BY in the running version's SQL
      const where = (refused.out.upgrade as { operators: { verdict: string; where?: string }[] }).operators.find((o) => o.verdict === 'dropped')?.where ?? '';
      const at = /^line (\d+) of version (\d+)$/.exec(where);
      assert.ok(at, `the dropped operator is placed: "${where}"`);
      const publishedSql = fs.readFileSync(path.join(ws, '.flink', 'deployments', 'counts', `v${at[2]}`, 'published.flink.sql'), 'utf8').split('\n');
      assert.match(publishedSql[Number(at[1]) - 1], /GROUP BY user_id;/);
      assert.ok(refused.stderr.includes(`, ${where})`), refused.stderr);
      for (const j of running.filter((x) => x.state === 'RUNNING')) assert.equal(await jm.jobStatus(j.jid), 'RUNNING');
      assert.equal(fs.readdirSync(path.join(ws, '.flink', 'deployments', 'counts')).filter((f) => /^v\d+$/.test(f)).length, versionsBefore);

      // Flink's own answer: restoring the key change from that savepoint is refused for the predicted operator
      let flinkSays = '';
      for await (const e of execute(`SET 'execution.state-recovery.path' = '${verdict.savepoint}';\n${KEY}`, { gatewayUrl: cluster.gatewayUrl })) {
        if (e.type === 'error') flinkSays = e.message;
        if (e.type === 'end' && e.jobId) await jm.cancel(e.jobId).catch(() => undefined);
      }
      assert.match(flinkSays, new RegExp(`Cannot map (checkpoint/)?savepoint state for operator ${dropped[0].id}`), flinkSays.slice(-2000));
      figures.push('key change: Flink refuses that restore for the predicted operator');

      // --allow-state-loss: published, restored with that state dropped, and the version says so
      const allowed = cli('publish', draft(), '--allow-state-loss');
      assert.equal(allowed.status, 0, allowed.stderr);
      assert.equal(allowed.out.state, 'RUNNING');
      assert.ok((await jm.checkpoints(String(allowed.out.jobId))).latest.restored?.external_path, 'restored from the upgrade\'s savepoint, the dropped state left out');
      const version = JSON.parse(fs.readFileSync(path.join(ws, '.flink', 'deployments', 'counts', `v${allowed.out.version}`, 'version.json'), 'utf8')) as { upgrade?: { verdict: string; stateLossAllowed?: boolean } };
      assert.deepEqual([version.upgrade?.verdict, version.upgrade?.stateLossAllowed], ['state-dropped', true]);
      figures.push('key change: --allow-state-loss restored without the dropped state, RUNNING');
    });

    it('a GROUP BY column the aggregation already read: same operator id, another key — predicted incompatible, and Flink cannot restore it', async () => {
      fs.writeFileSync(path.join(ws, 'visits.deployment.yaml'), `name: visits\ntype: SQL\ntarget: session\nflinkVersion: "${line}"\nparallelism: 1\nbehavior: { restoreStrategy: latest-savepoint, maxJobCreationAttempts: 1 }\n`);
      const visits = path.join(ws, 'visits.flink.sql');
      fs.writeFileSync(visits, KEYED_V1);
      const v1 = cli('publish', visits);
      assert.equal(v1.status, 0, v1.stderr);
      await sleep(4_000);
      fs.writeFileSync(visits, KEYED_V2);
      const check = cli('publish', visits, '--check');
      assert.equal(check.status, 1, check.stderr);
      const verdict = check.out.upgrade as { verdict: string; operators: { id: string; verdict: string; keyType?: string; nextKeyType?: string }[]; elapsedMs: number; savepoint: string };
      assert.equal(verdict.verdict, 'incompatible', JSON.stringify(verdict));
      const broken = verdict.operators.filter((o) => o.verdict === 'incompatible');
      assert.equal(broken.length, 1);
      assert.match(broken[0].keyType ?? '', /^ROW<.*INT>$/);
      assert.match(broken[0].nextKeyType ?? '', /^ROW<.*INT, .*(STRING|VARCHAR).*>$/);
      figures.push(`key type change: publish --check incompatible (${broken[0].keyType} → ${broken[0].nextKeyType}) in ${verdict.elapsedMs} ms`);

      // Flink's own answer: the job restored from that savepoint cannot read the aggregation's keyed state
      let jobId = '';
      for await (const e of execute(`SET 'execution.state-recovery.path' = '${verdict.savepoint}';\n${KEYED_V2}`, { gatewayUrl: cluster.gatewayUrl })) {
        if (e.type === 'end' && e.jobId) jobId = e.jobId;
        assert.notEqual(e.type, 'error', JSON.stringify(e));
      }
      let why = '';
      for (const end = Date.now() + 60_000; !why && Date.now() < end;) {
        await sleep(1_000);
        const x = await jm.exceptions(jobId, 5).catch(() => undefined);
        why = (x?.exceptionHistory.entries ?? []).map((en) => `${en.exceptionName ?? ''} ${en.stacktrace ?? ''}`).find((t) => /serializer|StateMigration/i.test(t)) ?? '';
      }
      await jm.cancel(jobId).catch(() => undefined);
      assert.match(why, /key serializer|StateMigrationException/i, 'the restore fails on the changed key');
      figures.push(`key type change: Flink fails the restore (${/(StateMigrationException[^\n]{0,120})/.exec(why)?.[1] ?? why.slice(0, 120)})`);

      const refused = cli('publish', visits);
      assert.equal(refused.status, 1, refused.stderr);
      assert.match(refused.stderr, /Incompatible: .* keeps its operator but its key changes/);
      const fresh = cli('publish', visits, '--allow-state-loss');
      assert.equal(fresh.status, 0, fresh.stderr);
      assert.equal(fresh.out.state, 'RUNNING');
      assert.equal(fresh.out.restoredFrom, undefined, 'nothing restores a changed key: fresh state, as chosen');
      figures.push('key type change: --allow-state-loss started with fresh state, RUNNING');
    });
  });
}

journey('2.3', async () => sharedCluster());
journey('1.20', () => sharedClusterOf('1.20'));
