// A Flink distribution the user already has (flinkSql.localFlink.flinkHome / FLINK_HOME): its version is read
// from lib/, its layout checked, and it runs instead of a download for its own line only.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkDistHome, DistHomeError, readDistVersion, userDistFor } from '../../../server/src/flink/distHome';
import { installPlan } from '../../../server/src/flink/ensureFlink';

/** The layout of Flink's binary release (names only: nothing here runs a JVM). */
function fakeRelease(version: string, opts: { gateway?: boolean; planner?: boolean } = {}): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), `flink-${version}-`));
  fs.mkdirSync(path.join(home, 'lib'));
  fs.mkdirSync(path.join(home, 'opt'));
  const lib = [`flink-dist-${version}.jar`, `flink-table-api-java-uber-${version}.jar`, `flink-table-runtime-${version}.jar`, 'log4j-api-2.24.3.jar'];
  if (opts.planner !== false) lib.push(`flink-table-planner-loader-${version}.jar`);
  for (const f of lib) fs.writeFileSync(path.join(home, 'lib', f), '');
  if (opts.gateway !== false) fs.writeFileSync(path.join(home, 'opt', `flink-sql-gateway-${version}.jar`), '');
  fs.writeFileSync(path.join(home, 'opt', `flink-sql-client-${version}.jar`), '');
  return home;
}

describe('the user\'s own Flink distribution', () => {
  const made: string[] = [];
  const make = (v: string, o?: Parameters<typeof fakeRelease>[1]) => { const h = fakeRelease(v, o); made.push(h); return h; };
  after(() => { for (const d of made) fs.rmSync(d, { recursive: true, force: true }); });

  it('reads the release from flink-dist (binary release, with or without a Scala suffix) or flink-runtime (a pinned install)', () => {
    assert.equal(readDistVersion(['log4j-api-2.24.3.jar', 'flink-dist-2.3.1.jar']), '2.3.1');
    assert.equal(readDistVersion(['flink-dist_2.12-1.20.1.jar']), '1.20.1');
    assert.equal(readDistVersion(['flink-runtime-1.20.0.jar', 'flink-core-1.20.0.jar']), '1.20.0');
    assert.equal(readDistVersion(['flink-table-runtime-2.3.0.jar']), undefined);
  });

  it('accepts the binary release layout and says what is missing from a broken one', () => {
    assert.deepEqual(checkDistHome(make('2.3.1'), 'setting').problem, undefined);
    assert.equal(checkDistHome(make('2.3.1'), 'setting').version, '2.3.1');
    assert.match(checkDistHome(make('2.3.1', { gateway: false }), 'setting').problem ?? '', /no flink-sql-gateway-2\.3\.1\.jar.*SQL Gateway/);
    assert.match(checkDistHome(make('2.3.1', { planner: false }), 'setting').problem ?? '', /no table planner/);
    assert.match(checkDistHome(path.join(os.tmpdir(), 'no-such-flink'), 'FLINK_HOME').problem ?? '', /no lib\/ folder/);
  });

  it('runs for its own line only; a broken one named by the setting is an error, by FLINK_HOME it is passed over', () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'fss-cache-'));
    made.push(cache);
    const home = make('1.20.1');
    const dist = userDistFor('1.20.0', { FLINK_SQL_STUDIO_FLINK_HOME: home }, cache);
    assert.equal(dist?.version, '1.20.1');
    assert.equal(dist?.external, true);
    // Class-data-sharing archives go under the install root, never into the user's distribution.
    assert.ok(dist?.cdsDir.startsWith(cache));
    assert.equal(userDistFor('2.3.0', { FLINK_SQL_STUDIO_FLINK_HOME: home }, cache), undefined);
    const broken = make('2.3.0', { gateway: false });
    assert.throws(() => userDistFor('2.3.0', { FLINK_SQL_STUDIO_FLINK_HOME: broken }, cache), DistHomeError);
    assert.equal(userDistFor('2.3.0', { FLINK_HOME: broken }, cache), undefined);
    assert.equal(userDistFor('2.3.0', { FLINK_HOME: make('2.3.0') }, cache)?.external, true);
  });

  it('needs no download for a line the user has: the install plan is empty', async () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'fss-cache-'));
    made.push(cache);
    const saved = process.env.FLINK_SQL_STUDIO_FLINK_HOME;
    process.env.FLINK_SQL_STUDIO_FLINK_HOME = make('2.3.0');
    try {
      assert.deepEqual((await installPlan('2.3', [], cache)).items, []);
      const other = await installPlan('1.20', [], cache);
      assert.deepEqual(other.items.map((i) => i.name), ['Flink 1.20.0']);
    } finally {
      if (saved === undefined) delete process.env.FLINK_SQL_STUDIO_FLINK_HOME;
      else process.env.FLINK_SQL_STUDIO_FLINK_HOME = saved;
    }
  });
});
