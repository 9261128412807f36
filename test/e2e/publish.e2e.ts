// Publish in a real VS Code (code-server) on the real local Flink that scripts/e2e.sh starts in the UI
// workspace: Flink: Publish from the palette, the deployment RUNNING in the Deployments view, then Stop with
// Savepoint from its context menu (the savepoint lands in the deployment's record). Screenshots in artifacts/.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { BrowserContext } from 'playwright-core';
import { launch, workbenchUrl } from './browser';
import { newDraftFiles } from '../../server/src/deployment/newDraft';
import { registerCliProvisioner } from '../../server/src/cli/cliProvisioner';
import { setProvisioner } from '../../server/src/flink/ensureFlink';
import { ensurePyFlink } from '../../server/src/python/pyflinkEnv';
import { Workbench } from './workbench';

const folder = process.env.E2E_WS_UI!;
const NAME = 'publish_job';
/** A JAR draft as New Draft writes it: a Maven project and its config. */
const JAR = 'jar_totals';
/** A PYTHON draft as New Draft writes it: a PyFlink script and its config. */
const PY = 'py_totals';
/** A stateful SQL draft (COUNT per user) whose next version adds a column to its GROUP BY key: same operator, another key. */
const COUNTS = 'counts_job';
const COUNTS_V1 = `CREATE TEMPORARY TABLE clicks (user_id INT, url STRING) WITH (
  'connector' = 'datagen', 'rows-per-second' = '50', 'fields.user_id.min' = '1', 'fields.user_id.max' = '20'
);
CREATE TEMPORARY TABLE counts (user_id INT, url STRING, cnt BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO counts
SELECT user_id, MAX(url), COUNT(*) FROM clicks
GROUP BY user_id;
`;
const COUNTS_V2 = COUNTS_V1.replace('SELECT user_id, MAX(url), COUNT(*) FROM clicks\nGROUP BY user_id;', 'SELECT user_id, url, COUNT(*) FROM clicks\nGROUP BY user_id, url;');

describe('Publish and the Deployments view (code-server, real Flink)', function () {
  this.timeout(300_000);
  let context: BrowserContext;
  let wb: Workbench;

  before(async () => {
    fs.writeFileSync(path.join(folder, `${NAME}.flink.sql`), fs.readFileSync(path.join(folder, 'datagen-to-blackhole.flink.sql')));
    fs.writeFileSync(path.join(folder, `${NAME}.deployment.yaml`), `name: ${NAME}\ntype: SQL\ntarget: session\nparallelism: 1\ncheckpointing: { interval: 5 s }\n`);
    const browser = await launch('publish');
    context = browser.context;
    wb = new Workbench(browser.page);
    await wb.open(workbenchUrl(folder));
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot(`failed-publish-${this.currentTest.title.replace(/\W+/g, '_')}`).catch(() => undefined);
  });

  after(async () => {
    await context?.close();
    // ui.e2e.ts (same workspace) expects an empty Deployments view.
    for (const name of [NAME, JAR, PY, COUNTS]) fs.rmSync(path.join(folder, '.flink', 'deployments', name), { recursive: true, force: true });
    for (const f of [`${NAME}.flink.sql`, `${NAME}.deployment.yaml`, `${JAR}.deployment.yaml`, JAR, `${PY}.py`, `${PY}.deployment.yaml`, `${COUNTS}.flink.sql`, `${COUNTS}.deployment.yaml`]) fs.rmSync(path.join(folder, f), { recursive: true, force: true });
  });

  const paletteExact = (title: string) => wb.runCommand(title, { exact: true });

  async function publishFromPalette(name: string): Promise<void> {
    const t0 = Date.now();
    await paletteExact('Flink: Publish');
    const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: new RegExp(`Published ${name} v1: job [0-9a-f]{32} RUNNING`) });
    await toast.first().waitFor({ timeout: 180_000 });
    console.log(`    ${(await toast.first().innerText()).split('\n')[0]} (${Date.now() - t0} ms from the palette)`);
  }

  it('publishes from the palette and shows the deployment RUNNING, then stops it with a savepoint from the context menu', async () => {
    await wb.openFile(`${NAME}.flink.sql`);
    await wb.page.locator('.statusbar-item:has(.codicon-check)', { hasText: 'Flink SQL' }).first().waitFor({ timeout: 60_000 });
    await wb.page.locator('.activitybar .action-item a[aria-label^="Flink"]').first().click();
    const pane = await wb.pane('Deployments');
    await publishFromPalette(NAME);
    const row = pane.locator('.monaco-list-row', { hasText: NAME }).first();
    await row.locator('.label-description', { hasText: 'v1 · session · RUNNING' }).waitFor({ timeout: 60_000 });
    await wb.screenshot('publish-1-running');

    await row.click({ button: 'right' });
    // The workbench's menus act on the highlighted entry: hover it, then Enter (a plain click left the menu open).
    const stop = wb.page.locator('.context-view .monaco-menu .action-label', { hasText: /^Stop with Savepoint$/ });
    await stop.hover();
    await wb.page.keyboard.press('Enter');
    await row.locator('.label-description', { hasText: 'v1 · session · FINISHED' }).waitFor({ timeout: 120_000 });
    const record = JSON.parse(fs.readFileSync(path.join(folder, '.flink', 'deployments', NAME, 'deployment.json'), 'utf8')) as { savepoints: Array<{ how: string; path: string }> };
    assert.deepEqual(record.savepoints.map((s) => s.how), ['stop']);
    assert.match(record.savepoints[0].path, /savepoint-/);
    await wb.screenshot('publish-2-stopped');
  });

  it('publishes a JAR draft from its main class: built, run on the session cluster, RUNNING in the Deployments view, then stopped', async () => {
    for (const [rel, text] of Object.entries(newDraftFiles({ name: JAR, type: 'JAR', target: 'session' }))) {
      fs.mkdirSync(path.dirname(path.join(folder, rel)), { recursive: true });
      fs.writeFileSync(path.join(folder, rel), text);
    }
    await wb.openFile('JarTotalsJob.java');
    await publishFromPalette(JAR);
    const pane = await wb.pane('Deployments');
    const row = pane.locator('.monaco-list-row', { hasText: JAR }).first();
    await row.locator('.label-description', { hasText: 'v1 · session · RUNNING' }).waitFor({ timeout: 60_000 });
    const version = JSON.parse(fs.readFileSync(path.join(folder, '.flink', 'deployments', JAR, 'v1', 'version.json'), 'utf8')) as { artifact?: { file: string; sha256: string } };
    assert.equal(version.artifact?.file, 'job.jar');
    await wb.screenshot('publish-3-jar-running');
    await wb.contextMenu(row, 'Stop with Savepoint', 'Deployment');
    await row.locator('.label-description', { hasText: 'v1 · session · FINISHED' }).waitFor({ timeout: 120_000 });

    // Execute from the editor title's button on the Java file: what the job prints streams into the results view
    // (still coming after Execute answered), and the view's Stop cancels the job.
    await wb.openFile('JarTotalsJob.java');
    await wb.page.locator('.editor-actions .action-label[aria-label^="Execute Draft"]').first().click();
    const frame = wb.page.frameLocator('iframe.webview').first().frameLocator('iframe#active-frame');
    await frame.locator('#grid-head th', { hasText: 'TaskManager stdout' }).waitFor({ timeout: 180_000 });
    const rows = frame.locator('#grid-body tr:not(.spacer)');
    await rows.filter({ hasText: /\((coffee|tea|cake),\d+\)/ }).first().waitFor({ timeout: 60_000 });
    await wb.page.locator('.notifications-toasts .notification-toast', { hasText: /jar_totals.*RUNNING/ }).first().waitFor({ timeout: 120_000 });
    const count = async () => Number(/(\d+) rows?/.exec(await frame.locator('#status').innerText())?.[1] ?? 0);
    const seen = await count();
    for (const end = Date.now() + 30_000; (await count()) <= seen && Date.now() < end;) await wb.page.waitForTimeout(500);
    assert.ok((await count()) > seen, `the view keeps following: ${await frame.locator('#status').innerText()}`);
    await wb.screenshot('execute-jar-output');
    await frame.locator('#stop').click();
    await frame.locator('#status', { hasText: /stopped/ }).waitFor({ timeout: 60_000 });
  });

  it('publishes a PYTHON draft from its script: run through Flink\'s Python driver, RUNNING in the Deployments view, the script kept, then stopped', async () => {
    // The PyFlink environment the extension's server uses (the per-user install folder), provisioned by the engine
    // here so that no consent dialog waits in the browser; the integration tier has usually made it already.
    registerCliProvisioner((s) => process.stdout.write(`    ${s}`));
    try {
      await ensurePyFlink('2.3');
    } finally {
      setProvisioner(undefined);
    }
    for (const [rel, text] of Object.entries(newDraftFiles({ name: PY, type: 'PYTHON', target: 'session' }))) fs.writeFileSync(path.join(folder, rel), text);
    await wb.openFile(`${PY}.py`);
    await publishFromPalette(PY);
    const pane = await wb.pane('Deployments');
    const row = pane.locator('.monaco-list-row', { hasText: PY }).first();
    await row.locator('.label-description', { hasText: 'v1 · session · RUNNING' }).waitFor({ timeout: 60_000 });
    const version = JSON.parse(fs.readFileSync(path.join(folder, '.flink', 'deployments', PY, 'v1', 'version.json'), 'utf8')) as { artifact?: { file: string; sha256: string } };
    assert.equal(version.artifact?.file, `${PY}.py`);
    assert.equal(fs.readFileSync(path.join(folder, '.flink', 'deployments', PY, 'v1', `${PY}.py`), 'utf8'), fs.readFileSync(path.join(folder, `${PY}.py`), 'utf8'));
    await wb.screenshot('publish-4-python-running');
    await wb.contextMenu(row, 'Stop with Savepoint', 'Deployment');
    await row.locator('.label-description', { hasText: 'v1 · session · FINISHED' }).waitFor({ timeout: 120_000 });
  });

  it('asks before an upgrade loses state: the lens\'s check names the operator and its key change, the side by side marks it on both versions, Cancel leaves v1 running, Publish with Fresh State upgrades; a mini-batch change publishes from v2\'s compiled plan', async () => {
    fs.writeFileSync(path.join(folder, `${COUNTS}.flink.sql`), COUNTS_V1);
    fs.writeFileSync(path.join(folder, `${COUNTS}.deployment.yaml`), `name: ${COUNTS}\ntype: SQL\ntarget: session\nparallelism: 1\n`);
    await wb.openFile(`${COUNTS}.flink.sql`);
    await publishFromPalette(COUNTS);
    const pane = await wb.pane('Deployments');
    const row = pane.locator('.monaco-list-row', { hasText: COUNTS }).first();
    await row.locator('.label-description', { hasText: 'v1 · session · RUNNING' }).waitFor({ timeout: 60_000 });
    await wb.page.waitForTimeout(4_000); // rows reach the aggregation: its keyed state is not empty

    // The next version counts per (user, url): the aggregation keeps its operator id, but not its key.
    fs.writeFileSync(path.join(folder, `${COUNTS}.flink.sql`), COUNTS_V2);
    // (the draft's editor may be in the second group, beside an earlier test's)
    await wb.page.locator('.monaco-editor .view-lines', { hasText: /GROUP\s+BY\s+user_id,\s+url/ }).first().waitFor({ timeout: 30_000 });
    const dialog = wb.page.locator('.monaco-dialog-box');

    // The draft of a running deployment has the check as a lens above its first statement.
    const lens = wb.page.locator('.codelens-decoration a', { hasText: `Check Upgrade of ${COUNTS} (v1 RUNNING)` }).first();
    await lens.waitFor({ timeout: 60_000 });
    const t0 = Date.now();
    await lens.click();
    await dialog.filter({ hasText: 'Incompatible' }).waitFor({ timeout: 120_000 });
    console.log(`    check: ${(await dialog.locator('.dialog-message-text').innerText()).slice(0, 200)} (${Date.now() - t0} ms from the lens)`);
    assert.match(await dialog.innerText(), /✗ incompatible\s+GroupAggregate\[\d+\] \([^)]*\): its key changes from ROW<INT> to ROW<INT, STRING>/);
    await wb.screenshot('publish-5-upgrade-check');
    await wb.page.keyboard.press('Escape');

    // The same check drawn: v1's plan beside the draft's, the aggregation marked on both sides.
    const t1 = Date.now();
    await paletteExact('Flink: Compare Plan with Running Version');
    const plans = wb.page.frameLocator('iframe.webview').last().frameLocator('iframe#active-frame');
    await plans.locator('#verdict', { hasText: 'Incompatible' }).waitFor({ timeout: 120_000 });
    console.log(`    side by side: ${await plans.locator('#summary').innerText()} (${Date.now() - t1} ms from the palette)`);
    assert.deepEqual(await plans.locator('.side-title').allInnerTexts(), ['Version 1 (running)', 'The draft']);
    for (const side of ['before', 'after']) {
      assert.deepEqual(await plans.locator(`.side.${side} svg g.node.upgrade-incompatible text.kind`).allTextContents(), ['GroupAggregate'], side);
    }
    assert.match(await plans.locator('.side.after table.nodes tr.upgrade-incompatible td:first-child').innerText(), /state unreadable: cannot read version 1's state: its key changes from ROW<INT> to ROW<INT, STRING>/);
    // The panel alone, the side bar hidden, for the README's picture; then the draft again for the Publish below.
    await wb.page.getByRole('tab', { name: new RegExp(`^Upgrade plan: ${COUNTS}`) }).click();
    await paletteExact('View: Close Editors in Other Groups');
    await wb.page.keyboard.press('Control+B');
    await wb.page.waitForTimeout(1_000);
    await wb.screenshot('upgrade-2-plans');
    await wb.page.keyboard.press('Control+B');
    // Closed, or Quick Open would offer the panel (its title names the draft) before the draft.
    await wb.page.getByRole('tab', { name: new RegExp(`^Upgrade plan: ${COUNTS}`) }).locator('.codicon-close').click();
    await wb.openFile(`${COUNTS}.flink.sql`);

    await paletteExact('Flink: Publish');
    const ask = dialog.filter({ hasText: 'cannot read the running version\'s state' });
    await ask.waitFor({ timeout: 120_000 });
    assert.match(await ask.innerText(), /✗ incompatible\s+GroupAggregate\[\d+\][\s\S]*Nothing has been stopped yet/);
    await wb.screenshot('publish-6-cannot-restore');
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await wb.page.waitForTimeout(1_000);
    assert.ok(!fs.existsSync(path.join(folder, '.flink', 'deployments', COUNTS, 'v2')), 'Cancel records no version');
    await row.locator('.label-description', { hasText: 'v1 · session · RUNNING' }).waitFor({ timeout: 30_000 });

    await paletteExact('Flink: Publish');
    await ask.waitFor({ timeout: 120_000 });
    await ask.getByRole('button', { name: 'Publish with Fresh State' }).click();
    const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: new RegExp(`Published ${COUNTS} v2: job [0-9a-f]{32} RUNNING`) });
    await toast.first().waitFor({ timeout: 180_000 });
    const v2 = JSON.parse(fs.readFileSync(path.join(folder, '.flink', 'deployments', COUNTS, 'v2', 'version.json'), 'utf8')) as { upgrade?: { verdict: string; stateLossAllowed?: boolean } };
    assert.deepEqual([v2.upgrade?.verdict, v2.upgrade?.stateLossAllowed], ['incompatible', true]);
    await row.locator('.label-description', { hasText: 'v2 · session · RUNNING' }).waitFor({ timeout: 60_000 });

    // Only configuration next: mini-batch on. Planned again, the aggregation moves and its state would be lost; the
    // statements are v2's, so the modal offers v2's compiled plan, whose operators keep it.
    fs.writeFileSync(path.join(folder, `${COUNTS}.flink.sql`), `SET 'table.exec.mini-batch.enabled' = 'true';\nSET 'table.exec.mini-batch.allow-latency' = '1 s';\nSET 'table.exec.mini-batch.size' = '100';\n${COUNTS_V2}`);
    await wb.page.locator('.monaco-editor .view-lines', { hasText: /mini-batch\.enabled/ }).first().waitFor({ timeout: 30_000 });
    await wb.page.waitForTimeout(4_000); // v2's aggregation keeps state
    await paletteExact('Flink: Publish');
    const fromPlan = wb.page.getByRole('button', { name: 'Publish from v2\'s Compiled Plan' });
    const offer = dialog.filter({ has: fromPlan });
    await offer.waitFor({ timeout: 120_000 });
    assert.match(await offer.innerText(), /The statements did not change since version 2: its compiled plan runs its operators as compiled/);
    await wb.screenshot('publish-7-from-plan');
    await fromPlan.click();
    await wb.page.locator('.notifications-toasts .notification-toast', { hasText: new RegExp(`Published ${COUNTS} v3: job [0-9a-f]{32} RUNNING, restored from savepoint`) }).first().waitFor({ timeout: 180_000 });
    const v3 = JSON.parse(fs.readFileSync(path.join(folder, '.flink', 'deployments', COUNTS, 'v3', 'version.json'), 'utf8')) as { fromPlan?: number; upgrade?: { verdict: string } };
    assert.deepEqual([v3.fromPlan, v3.upgrade?.verdict], [2, 'compatible']);
    await row.locator('.label-description', { hasText: 'v3 · session · RUNNING' }).waitFor({ timeout: 60_000 });
    await wb.contextMenu(row, 'Stop with Savepoint', 'Deployment');
    await row.locator('.label-description', { hasText: 'v3 · session · FINISHED' }).waitFor({ timeout: 120_000 });
  });
});
