// First use of a Flink that is not installed: the plan says what would be downloaded, how much and where; the
// provisioner is asked (declining is an error that says how to install later); with none, the error names the
// palette and CLI commands. Downloads themselves are tested against real Maven in test/integration/provisioning.test.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describePlan, ensureFlink, formatBytes, InstallDeclinedError, installPlan, setProvisioner, type InstallPlan } from '../../../server/src/flink/ensureFlink';
import { distSize, DistNotInstalledError } from '../../../server/src/flink/provision';
import { registerInstallHandlers } from '../../../server/src/lsp/installHandlers';
import { createRunner } from '../../../server/src/lsp/runSafe';
import type { InstallConsentAnswer } from '../../../server/src/protocol';

describe('ensureFlink: first use asks before it downloads', () => {
  let cache: string;
  const saved = { home: process.env.FLINK_HOME, setting: process.env.FLINK_SQL_STUDIO_FLINK_HOME };
  beforeEach(() => {
    cache = fs.mkdtempSync(path.join(os.tmpdir(), 'fss-ensure-'));
    delete process.env.FLINK_HOME;
    delete process.env.FLINK_SQL_STUDIO_FLINK_HOME;
  });
  afterEach(() => {
    setProvisioner(undefined);
    fs.rmSync(cache, { recursive: true, force: true });
    if (saved.home !== undefined) process.env.FLINK_HOME = saved.home;
    if (saved.setting !== undefined) process.env.FLINK_SQL_STUDIO_FLINK_HOME = saved.setting;
  });

  it('plans Flink and the connectors asked for, with sizes from the pinned manifests and the place they go', async () => {
    const plan = await installPlan('2.3', ['kafka'], cache);
    assert.equal(plan.flinkVersion, '2.3.0');
    assert.deepEqual(plan.items.map((i) => [i.kind, i.name]), [['flink', 'Flink 2.3.0'], ['connector', 'kafka']]);
    assert.equal(plan.items[0].bytes, distSize('2.3.0').bytes);
    assert.ok(plan.items[0].dir.startsWith(cache));
    assert.equal(plan.bytes, plan.items[0].bytes + plan.items[1].bytes);
    assert.equal(describePlan(plan), 'Flink 2.3.0 and the kafka connector');
    assert.ok(plan.bytes > 100e6 && plan.bytes < 300e6, `about 150 MB, got ${formatBytes(plan.bytes)}`);
  });

  it('with no provisioner, says how to install: a palette command and a flink-sql command, never a repository command', async () => {
    await assert.rejects(ensureFlink('2.3', [], cache), (e: unknown) =>
      e instanceof DistNotInstalledError && /Flink: Install Local Flink…/.test(e.message) && /flink-sql local install --flink-version 2\.3\.0/.test(e.message) && !/npm/.test(e.message));
  });

  it('asks the provisioner once for concurrent callers, and a refusal is an error that says how to install later', async () => {
    const asked: InstallPlan[] = [];
    setProvisioner(async (plan) => {
      asked.push(plan);
      await new Promise((r) => setTimeout(r, 20));
      throw new InstallDeclinedError(plan);
    });
    const results = await Promise.allSettled([ensureFlink('2.3', [], cache), ensureFlink('2.3.0', [], cache)]);
    assert.equal(asked.length, 1);
    for (const r of results) {
      assert.equal(r.status, 'rejected');
      assert.match(String((r as PromiseRejectedResult).reason.message), /Flink 2\.3\.0 is not installed, and the download was declined.*Install Local Flink/);
    }
  });

  it('after "Use My Own Flink…" the error says what happened, not that the download was declined', async () => {
    // The language server's provisioner, answered by an editor whose user chose their own Flink (with or without a folder).
    let answer: InstallConsentAnswer = { download: false };
    const connection = {
      onNotification: () => undefined, onRequest: () => undefined, sendNotification: async () => undefined,
      sendRequest: async () => answer,
    };
    registerInstallHandlers(connection as never, createRunner(() => undefined), () => true);
    answer = { download: false, ownFlink: { flinkHome: '/opt/flink-2.3.0' } };
    await assert.rejects(ensureFlink('2.3', [], cache), (e: Error) => {
      assert.ok(e instanceof InstallDeclinedError);
      assert.doesNotMatch(e.message, /declined/);
      assert.match(e.message, /^Flink 2\.3\.0 was not downloaded: your own Flink at \/opt\/flink-2\.3\.0 is used instead \(flinkSql\.localFlink\.flinkHome\)\. Run this again once the language server has restarted/);
      return true;
    });
    answer = { download: false, ownFlink: {} };
    await assert.rejects(ensureFlink('2.3', [], cache), (e: Error) => {
      assert.doesNotMatch(e.message, /declined/);
      assert.match(e.message, /^Flink 2\.3\.0 was not downloaded, and no Flink folder was set: run this again to download it or to pick your own Flink/);
      return true;
    });
    answer = { download: false };
    await assert.rejects(ensureFlink('2.3', [], cache), /Flink 2\.3\.0 is not installed, and the download was declined/);
  });

  it('formats sizes as a person reads them', () => {
    assert.equal(formatBytes(153_912_000), '154 MB');
    assert.equal(formatBytes(13_203), '13 kB');
    assert.equal(formatBytes(85_230_000_000), '85 GB');
    assert.equal(formatBytes(2_500_000_000), '2.5 GB');
  });
});
