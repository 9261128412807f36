// The main journey of a new user, in the packaged extension installed into a fresh code-server profile with an empty
// home (scripts/e2e-installed.sh): Start Local Cluster asks to download Flink, shows the install's progress and
// starts the cluster; Validate, Execute, Publish (session) to RUNNING in the Deployments view, Stop with Savepoint;
// then a per-job draft published and stopped. One step per test, in order; after a failure the rest are skipped.
// Screenshots artifacts/installed-*.png.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { BrowserContext, FrameLocator, Locator } from 'playwright-core';
import { launch, workbenchUrl } from '../e2e/browser';
import { exact, Workbench } from '../e2e/workbench';

const home = required('E2E_INSTALLED_HOME');
const folder = required('E2E_INSTALLED_WS');
const installDir = path.join(home, '.cache', 'flink-sql-studio', 'flink', '2.3.0');
const CONSENT = /^Flink 2\.3\.0 \(about \d+ MB of jars from Maven\) is needed to run drafts locally\.$/;

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run this through scripts/e2e-installed.sh`);
  return v;
}

const firstLine = async (l: Locator) => (await l.innerText()).split('\n')[0];

const deploymentDir = (name: string) => path.join(folder, '.flink', 'deployments', name);
const record = (name: string) => JSON.parse(fs.readFileSync(path.join(deploymentDir(name), 'deployment.json'), 'utf8')) as { savepoints: Array<{ how: string; path: string }> };
const version1 = (name: string) => JSON.parse(fs.readFileSync(path.join(deploymentDir(name), 'v1', 'version.json'), 'utf8')) as { cluster?: { kind: string; restUrl?: string } };

/** Whether anything answers at `url` (a per-job cluster's REST endpoint). */
async function answers(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/config`, { signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}

describe('Installed: a new user\'s first run (fresh home, packaged .vsix)', function () {
  let context: BrowserContext;
  let wb: Workbench;
  let broken = false;
  let restUrl: string | undefined;
  let step = Date.now();

  const toasts = () => wb.page.locator('.notifications-toasts .notification-toast');
  const toast = (text: RegExp | string) => toasts().filter({ hasText: text }).first();
  const errorToasts = () => toasts().filter({ has: wb.page.locator('.codicon-error') });
  const dialog = () => wb.page.locator('.monaco-dialog-box');
  const deploymentsPane = () => wb.pane('Deployments');

  async function noErrors(): Promise<void> {
    const n = await errorToasts().count();
    if (n) assert.fail(`error notification: ${(await errorToasts().allInnerTexts()).join(' / ')}`);
  }

  /** The palette entry whose label is exactly `title` (fuzzy order may rank a longer title first). */
  async function command(title: string): Promise<void> {
    await wb.page.keyboard.press('F1');
    await wb.quickInput().waitFor({ state: 'visible' });
    await wb.quickInput().fill(`>${title}`);
    await wb.page.locator('.quick-input-list .monaco-list-row').filter({ has: wb.page.locator('.label-name', { hasText: exact(title) }) }).first().click();
  }

  /** The Flink view container in the side bar (clicking its icon when it is shown already would hide it). */
  async function showFlinkSidebar(): Promise<void> {
    const header = wb.page.locator('.part.sidebar .pane-header', { hasText: 'Deployments' }).first();
    if (!(await header.isVisible())) await wb.page.locator('.activitybar .action-item a[aria-label^="Flink"]').first().click();
    await deploymentsPane();
  }

  async function deploymentRow(name: string): Promise<Locator> {
    const pane = await deploymentsPane();
    return pane.locator('.monaco-list-row', { has: wb.page.locator('.label-name', { hasText: exact(name) }) }).first();
  }

  async function publish(name: string, target: 'session' | 'per-job'): Promise<void> {
    await wb.openFile(`${name}.flink.sql`);
    await showFlinkSidebar();
    const t0 = Date.now();
    await command('Flink: Publish');
    const done = toast(new RegExp(`Published ${name} v1: job [0-9a-f]{32} RUNNING`));
    await done.waitFor({ timeout: 240_000 });
    console.log(`    ${await firstLine(done)} (${Date.now() - t0} ms from the palette)`);
    await (await deploymentRow(name)).locator('.label-description', { hasText: `v1 · ${target} · RUNNING` }).waitFor({ timeout: 60_000 });
    await noErrors();
  }

  async function stopWithSavepoint(name: string, target: 'session' | 'per-job'): Promise<void> {
    const row = await deploymentRow(name);
    const t0 = Date.now();
    await wb.contextMenu(row, 'Stop with Savepoint', 'Deployment');
    await row.locator('.label-description', { hasText: `v1 · ${target} · FINISHED` }).waitFor({ timeout: 180_000 });
    console.log(`    ${name}: FINISHED with a savepoint ${Date.now() - t0} ms after Stop with Savepoint`);
    const r = record(name);
    assert.deepEqual(r.savepoints.map((s) => s.how), ['stop']);
    assert.match(r.savepoints[0].path, /savepoint-/);
    await noErrors();
  }

  before(async () => {
    const browser = await launch('installed');
    context = browser.context;
    wb = new Workbench(browser.page);
  });

  beforeEach(function () {
    if (broken) this.skip();
    step = Date.now();
  });

  afterEach(async function () {
    const t = this.currentTest;
    if (t?.state === 'failed') {
      broken = true;
      await wb.screenshot(`installed-failed-${t.title.replace(/\W+/g, '_').slice(0, 60)}`).catch(() => undefined);
    }
    if (t?.state === 'passed') console.log(`    (${((Date.now() - step) / 1000).toFixed(1)} s)`);
  });

  after(async () => {
    await context?.close();
  });

  it('opens the folder and the draft in the workbench, nothing of Flink installed yet', async function () {
    this.timeout(120_000);
    assert.ok(!fs.existsSync(installDir), `${installDir} exists before the first start`);
    await wb.open(workbenchUrl(folder));
    await wb.openFile('orders.flink.sql');
    await wb.page.locator('.statusbar-item:has(.codicon-check)', { hasText: 'Flink SQL' }).first().waitFor({ timeout: 60_000 });
    await wb.screenshot('installed-0-workbench');
    await noErrors();
  });

  it('Flink: Start Local Cluster asks first, in a modal: what is needed, how big, Download or Use My Own Flink…', async () => {
    await command('Flink: Start Local Cluster');
    await dialog().waitFor({ timeout: 60_000 });
    const message = (await dialog().locator('.dialog-message-text').innerText()).trim();
    console.log(`    consent: ${message}`);
    assert.match(message, CONSENT);
    const detail = await dialog().locator('.dialog-message-detail').innerText().catch(() => '');
    assert.ok(detail.includes(path.join(home, '.cache', 'flink-sql-studio')), `the detail names the per-user directory: ${detail}`);
    const buttons = (await dialog().locator('.dialog-buttons .monaco-button').allInnerTexts()).map((b) => b.trim());
    assert.ok(buttons.includes('Download') && buttons.includes('Use My Own Flink…'), `buttons: ${buttons.join(', ')}`);
    await wb.screenshot('installed-1-consent');
  });

  it('Download installs Flink 2.3.0 with a progress notification, into the per-user directory', async function () {
    this.timeout(900_000);   // a cold Maven repository downloads a few hundred MB
    await dialog().locator('.dialog-buttons .monaco-button', { hasText: exact('Download') }).click();
    const progress = toast('Installing Flink 2.3.0');
    await progress.waitFor({ timeout: 30_000 });
    // A moment for the first per-artifact message, then the picture of the install under way.
    await progress.filter({ hasText: /Flink 2\.3\.0: / }).waitFor({ timeout: 15_000 }).catch(() => undefined);
    console.log(`    progress: ${(await progress.innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 160)}`);
    await wb.screenshot('installed-2-progress');
    await progress.waitFor({ state: 'hidden', timeout: 880_000 });
    assert.ok(fs.existsSync(path.join(installDir, 'installed.json')), `no ${installDir}/installed.json`);
    console.log(`    installed in ${((Date.now() - step) / 1000).toFixed(1)} s`);
    await noErrors();
  });

  it('… and then the cluster starts, as asked', async () => {
    const started = toast(/Local Flink 2\.3\.0 is running/);
    await started.waitFor({ timeout: 180_000 });
    const text = await firstLine(started);
    console.log(`    ${text}`);
    restUrl = /Web UI (http:\/\/\S+?)\.?$/.exec(text)?.[1];
    assert.ok(restUrl, `no Web UI address in "${text}"`);
    await wb.page.locator('.statusbar-item', { hasText: /Flink local 2\.3/ }).first().waitFor({ timeout: 30_000 });
    await wb.screenshot('installed-3-cluster-running');
    await noErrors();
  });

  it('Flink: Validate Draft validates on the local Flink', async () => {
    await wb.openFile('orders.flink.sql');
    await command('Flink: Validate Draft');
    const validated = toast(/Validated on Flink \d+\.\d+ in \d+ ms/);
    await validated.waitFor({ timeout: 120_000 });
    const text = await firstLine(validated);
    console.log(`    ${text}`);
    assert.match(text, /no problems/);
    await wb.screenshot('installed-4-validated');
    await noErrors();
  });

  it('Flink: Execute Draft runs it and opens the results view (its INSERT job submitted)', async () => {
    await command('Flink: Execute Draft');
    const frame: FrameLocator = wb.page.frameLocator('iframe.webview').first().frameLocator('iframe#active-frame');
    await frame.locator('#status', { hasText: /done in \d+ ms/ }).waitFor({ timeout: 120_000 });
    const submitted = frame.locator('#messages li', { hasText: /job [0-9a-f]{32} submitted/ }).first();
    await submitted.waitFor({ state: 'attached', timeout: 30_000 }).catch(async (err: unknown) => {
      // Say what the view showed instead, for the log of a run that failed here.
      throw new Error(`${String(err)}\nthe view says: ${await frame.locator('#status').innerText()} / ${await frame.locator('#messages').innerText()}`);
    });
    const jobId = /job ([0-9a-f]{32}) submitted/.exec(await submitted.innerText())![1];
    console.log(`    results: ${(await frame.locator('#status').innerText()).trim()}`);
    await wb.screenshot('installed-5-executed');
    await noErrors();
    // The executed INSERT runs until cancelled: free its slot and the CPU for the deployments that follow.
    const r = await fetch(`${restUrl}/jobs/${jobId}?mode=cancel`, { method: 'PATCH' });
    assert.ok(r.ok, `cancel ${jobId}: HTTP ${r.status}`);
    await wb.runCommand('View: Close All Editors');
  });

  it('Flink: Publish of orders (session) shows it RUNNING in the Deployments view', async () => {
    await publish('orders', 'session');
    await wb.screenshot('installed-6-published');
  });

  it('Stop with Savepoint on it: FINISHED, with the savepoint in its record', async () => {
    await stopWithSavepoint('orders', 'session');
    await wb.screenshot('installed-7-stopped');
  });

  it('Flink: Publish of orders_perjob (per-job: a cluster of its own, the shipped SQL runner) shows it RUNNING', async () => {
    await publish('orders_perjob', 'per-job');
    await wb.screenshot('installed-8-perjob-published');
  });

  it('Stop with Savepoint on the per-job deployment: FINISHED, its cluster gone', async () => {
    const cluster = version1('orders_perjob').cluster;
    const restUrl = cluster?.restUrl;
    assert.ok(cluster?.kind === 'per-job' && restUrl, `a per-job cluster in the record: ${JSON.stringify(cluster)}`);
    assert.ok(await answers(restUrl), `the per-job cluster answers at ${restUrl} while the job runs`);
    await stopWithSavepoint('orders_perjob', 'per-job');
    await wb.screenshot('installed-9-perjob-stopped');
    // Its JobManager and TaskManager end with the job (the watcher stops them).
    const end = Date.now() + 60_000;
    while ((await answers(restUrl)) && Date.now() < end) await new Promise((r) => setTimeout(r, 1_000));
    assert.ok(!(await answers(restUrl)), `the per-job cluster still answers at ${restUrl} a minute after its job finished`);
  });
});
