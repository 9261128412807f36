// The Deployments view's Compare with Draft, Compare Versions, Roll Back and Show Exceptions in a real VS Code
// (code-server) on the real local Flink that scripts/e2e.sh starts in the UI workspace: a draft published twice
// (v2 adds a comment line), the diff editors over the published SQL, a roll back to v1 that runs as v3, the
// job's exceptions in an editor, then Stop with Savepoint so nothing keeps running. Screenshots in artifacts/.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { BrowserContext, Locator } from 'playwright-core';
import { launch, workbenchUrl } from './browser';
import { exact, Workbench } from './workbench';

const folder = process.env.E2E_WS_UI!;
const NAME = 'actions_job';
const COMMENT = '-- v2: the same job, one comment more';
/** Monaco renders spaces as U+00A0. */
const text = async (l: Locator) => (await l.innerText()).replace(/\u00a0/g, ' ');

describe('Deployments view: compare, roll back, exceptions (code-server, real Flink)', function () {
  this.timeout(300_000);
  let context: BrowserContext;
  let wb: Workbench;
  let pane: Locator;
  const deploymentRow = () => pane.locator('.monaco-list-row', { has: wb.page.locator('.label-name', { hasText: exact(NAME) }) }).first();
  const treeRow = (label: string) => pane.locator('.monaco-list-row', { has: wb.page.locator('.label-name', { hasText: exact(label) }) }).first();
  const errorToasts = () => wb.page.locator('.notifications-toasts .notification-toast', { has: wb.page.locator('.codicon-error') });

  /** Picks the quick pick's entry whose label is exactly `label`. */
  async function pick(label: string): Promise<void> {
    await wb.quickInput().waitFor({ state: 'visible' });
    await wb.page.locator('.quick-input-list .monaco-list-row').filter({ has: wb.page.locator('.label-name', { hasText: exact(label) }) }).first().click();
  }

  /** Flink: Publish from the palette on the active draft; waits for the toast and the view's row. */
  async function publish(version: number): Promise<void> {
    const t0 = Date.now();
    await wb.page.keyboard.press('F1');
    await wb.quickInput().waitFor({ state: 'visible' });
    await wb.quickInput().fill('>Flink: Publish');
    await pick('Flink: Publish');
    const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: new RegExp(`Published ${NAME} v${version}: job [0-9a-f]{32} RUNNING`) });
    await toast.first().waitFor({ timeout: 180_000 });
    console.log(`    ${(await toast.first().innerText()).split('\n')[0]} (${Date.now() - t0} ms from the palette)`);
    await deploymentRow().locator('.label-description', { hasText: `v${version} · session · RUNNING` }).waitFor({ timeout: 60_000 });
  }

  /** The diff editor with tab `title`: its original and modified sides' visible text. */
  async function diff(title: string): Promise<{ original: string; modified: string }> {
    await wb.activeTab(title).waitFor({ timeout: 30_000 });
    const editor = wb.page.locator('.editor-instance .monaco-diff-editor').first();
    const original = editor.locator('.editor.original .view-lines');
    const modified = editor.locator('.editor.modified .view-lines');
    await modified.locator('.view-line', { hasText: 'INSERT INTO blackhole_sink' }).waitFor({ timeout: 30_000 });
    await original.locator('.view-line', { hasText: 'INSERT INTO blackhole_sink' }).waitFor({ timeout: 30_000 });
    // The inserted comment is marked once the diff is computed.
    await editor.locator('.editor.modified .line-insert').first().waitFor({ state: 'attached', timeout: 30_000 });
    return { original: await text(original), modified: await text(modified) };
  }

  /**
   * Closes the untitled Exceptions editor without saving: left open, hot exit would restore it (dirty) in the next
   * window on this workspace, whose first close then stops at a "save changes?" dialog.
   */
  async function closeExceptions(): Promise<void> {
    const tab = wb.page.locator('.tabs-container .tab', { hasText: `Exceptions of ${NAME}` });
    for (let n = await tab.count(); n > 0; n--) {
      await tab.first().click();
      await wb.activeTab(`Exceptions of ${NAME}`).waitFor();
      await wb.runCommand('View: Revert and Close Editor');
      // until that tab is gone (polled through the locator: the test's tsconfig has no DOM types)
      for (const end = Date.now() + 15_000; (await tab.count()) >= n && Date.now() < end;) await wb.page.waitForTimeout(100);
    }
  }

  before(async () => {
    fs.writeFileSync(path.join(folder, `${NAME}.flink.sql`), fs.readFileSync(path.join(folder, 'datagen-to-blackhole.flink.sql')));
    fs.writeFileSync(path.join(folder, `${NAME}.deployment.yaml`), `name: ${NAME}\ntype: SQL\ntarget: session\nparallelism: 1\ncheckpointing: { interval: 5 s }\n`);
    const browser = await launch('deployment-actions');
    context = browser.context;
    wb = new Workbench(browser.page);
    await wb.open(workbenchUrl(folder));
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot(`failed-actions-${this.currentTest.title.replace(/\W+/g, '_')}`).catch(() => undefined);
  });

  after(async () => {
    if (wb) await closeExceptions().catch(() => undefined);
    await context?.close();
    // Nothing may keep running when a test failed before Stop: cancel the job (an error when it already ended).
    try {
      execFileSync(process.execPath, [path.resolve('out/cli.js'), 'stop', NAME, '--dir', folder], { stdio: 'ignore', timeout: 60_000 });
    } catch { /* not running */ }
    // ui.e2e.ts (same workspace) expects an empty Deployments view.
    fs.rmSync(path.join(folder, '.flink', 'deployments', NAME), { recursive: true, force: true });
    for (const f of [`${NAME}.flink.sql`, `${NAME}.deployment.yaml`]) fs.rmSync(path.join(folder, f), { force: true });
  });

  it('publishes the draft twice: v1, then v2 with a comment line more, RUNNING', async () => {
    await wb.openFile(`${NAME}.flink.sql`);
    await wb.page.locator('.statusbar-item:has(.codicon-check)', { hasText: 'Flink SQL' }).first().waitFor({ timeout: 60_000 });
    await wb.page.locator('.activitybar .action-item a[aria-label^="Flink"]').first().click();
    pane = await wb.pane('Deployments');
    await publish(1);
    // Edit the draft in its editor (Publish saves it).
    await wb.editor().locator('.view-lines').click();
    await wb.page.keyboard.press('Control+Home');
    await wb.page.keyboard.type(`${COMMENT}\n`);
    await wb.editor().locator('.view-line', { hasText: COMMENT.replace(/ /g, '\u00a0') }).first().waitFor();
    await publish(2);
    await deploymentRow().click();   // expand: Job, Uptime, …, Versions
    await treeRow('Versions').locator('.label-description', { hasText: exact('2') }).waitFor({ timeout: 30_000 });
    await treeRow('Versions').click();
    await treeRow('v1').waitFor({ timeout: 30_000 });
    await treeRow('v2').waitFor({ timeout: 30_000 });
    await wb.screenshot('actions-1-two-versions');
  });

  it('Compare with Draft on v1 opens a diff: v1\'s published SQL against the draft', async () => {
    await wb.contextMenu(treeRow('v1'), 'Compare with Draft', 'Deployment');
    const { original, modified } = await diff(`${NAME} v1 ↔ ${NAME}.flink.sql`);
    assert.ok(!original.includes(COMMENT), `v1 has no comment:\n${original}`);
    assert.match(original, /CREATE TEMPORARY TABLE datagen_source/);
    assert.ok(modified.includes(COMMENT), `the draft has the comment:\n${modified}`);
    assert.match(modified, /CREATE TEMPORARY TABLE datagen_source/);
    await wb.screenshot('actions-2-compare-draft');
    assert.equal(await errorToasts().count(), 0, 'no error notification');
  });

  it('Compare Versions on v1 (picking v2 and SQL) opens a diff of the two published versions', async () => {
    await wb.contextMenu(treeRow('v1'), 'Compare Versions', 'Deployment');
    await pick('v2');
    await pick('sql');
    const { original, modified } = await diff(`${NAME} sql: v1 ↔ v2`);
    assert.ok(!original.includes(COMMENT), `v1 has no comment:\n${original}`);
    assert.ok(modified.includes(COMMENT), `v2 has the comment:\n${modified}`);
    await wb.screenshot('actions-3-compare-versions');
    assert.equal(await errorToasts().count(), 0, 'no error notification');
  });

  it('Roll Back on v1 publishes it again as v3, RUNNING', async () => {
    await wb.contextMenu(treeRow('v1'), 'Roll Back', 'Deployment');
    const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: new RegExp(`${NAME} v3 \\(from v1\\) job [0-9a-f]{32} RUNNING`) });
    await toast.first().waitFor({ timeout: 180_000 });
    console.log(`    ${(await toast.first().innerText()).split('\n')[0]}`);
    await deploymentRow().locator('.label-description', { hasText: 'v3 · session · RUNNING' }).waitFor({ timeout: 60_000 });
    await treeRow('v3').waitFor({ timeout: 30_000 });
    // v3 runs v1's SQL: no comment.
    const record = JSON.parse(fs.readFileSync(path.join(folder, '.flink', 'deployments', NAME, 'deployment.json'), 'utf8')) as { currentVersion: number };
    assert.equal(record.currentVersion, 3);
    await wb.screenshot('actions-4-rolled-back');
    assert.equal(await errorToasts().count(), 0, 'no error notification');
  });

  it('Show Exceptions on the deployment opens its exceptions (none for a healthy job) without an error', async () => {
    await wb.contextMenu(deploymentRow(), 'Show Exceptions', 'Deployment');
    // The editor that shows them (the diff editors' panes stay in the DOM, hidden).
    const heading = wb.page.locator('.view-line', { hasText: `Exceptions of ${NAME} (job`.replace(/ /g, '\u00a0') });
    await heading.first().waitFor({ timeout: 60_000 });
    const doc = wb.page.locator('.editor-instance .monaco-editor', { has: heading }).first().locator('.view-lines');
    const body = await text(doc);
    console.log(`    ${body.split('\n').filter(Boolean).slice(0, 2).join(' / ')}`);
    assert.match(body, new RegExp(`Exceptions of ${NAME} \\(job [0-9a-f]{32}\\)`));
    assert.match(body, /No exceptions: the job has not failed\.|Root exception at /);
    await wb.screenshot('actions-5-exceptions');
    assert.equal(await errorToasts().count(), 0, 'no error notification');
    await closeExceptions();
  });

  it('stops the deployment with a savepoint at the end', async () => {
    await wb.contextMenu(deploymentRow(), 'Stop with Savepoint', 'Deployment');
    await deploymentRow().locator('.label-description', { hasText: 'v3 · session · FINISHED' }).waitFor({ timeout: 120_000 });
    assert.equal(await errorToasts().count(), 0, 'no error notification');
  });
});
