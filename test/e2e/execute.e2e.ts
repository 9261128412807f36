// Flink from the editor, against the REAL local Flink that scripts/e2e.sh starts in the UI workspace:
// Validate reports the planner's verdict, "▶ Run" on a bounded SELECT added to the sample draft shows its rows
// in the results webview, the Catalogs view lists the draft's tables; and in an untrusted workspace, Execute
// explains that it needs trust instead of running.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { BrowserContext, FrameLocator } from 'playwright-core';
import { launch, workbenchUrl } from './browser';
import { Workbench } from './workbench';

const folder = process.env.E2E_WS_UI!;
const SAMPLE = 'datagen-to-blackhole.flink.sql';
const ROWS = 20;
const BOUNDED = `
CREATE TEMPORARY TABLE bounded_source (
  id BIGINT,
  name VARCHAR
) WITH (
  'connector' = 'datagen',
  'number-of-rows' = '${ROWS}',
  'fields.id.kind' = 'sequence',
  'fields.id.start' = '1',
  'fields.id.end' = '${ROWS}',
  'fields.name.length' = '6'
);
SELECT id, name FROM bounded_source;
`;

/** The results panel's content: the webview's outer iframe, then its active inner frame. */
function resultsFrame(wb: Workbench): FrameLocator {
  return wb.page.frameLocator('iframe.webview').first().frameLocator('iframe#active-frame');
}

describe('Flink in the editor, on a real local Flink', function () {
  this.timeout(240_000);
  let context: BrowserContext;
  let wb: Workbench;
  const sample = path.join(folder, SAMPLE);
  let original: string;

  before(async () => {
    original = fs.readFileSync(sample, 'utf8');
    fs.writeFileSync(sample, original.trimEnd() + '\n' + BOUNDED);
    const browser = await launch('execute');
    context = browser.context;
    wb = new Workbench(browser.page);
    await wb.open(workbenchUrl(folder));
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot(`failed-execute-${this.currentTest.title.replace(/\W+/g, '_')}`).catch(() => undefined);
  });

  after(async () => {
    await context?.close();
    // The other UI tests expect the sample as shipped.
    fs.writeFileSync(sample, original);
  });

  it('validates the draft on the planner and says on which Flink, how fast', async () => {
    await wb.openFile(SAMPLE);
    await wb.page.locator('.statusbar-item:has(.codicon-check)', { hasText: 'Flink SQL' }).first().waitFor({ timeout: 60_000 });
    const t0 = Date.now();
    await wb.runCommand('Flink: Validate Draft');
    const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: /Validated on Flink \d+\.\d+ in \d+ ms/ });
    await toast.first().waitFor({ timeout: 120_000 });
    const text = (await toast.first().innerText()).split('\n')[0];
    console.log(`    ${text} (${Date.now() - t0} ms from the palette)`);
    assert.match(text, /no problems/);
    // The connection item shows the local cluster as running.
    await wb.page.locator('.statusbar-item', { hasText: /Flink local 2\.\d/ }).first().waitFor({ timeout: 30_000 });
    await wb.screenshot('7-validated');
  });

  it('runs the bounded SELECT with "▶ Run" and shows its rows in the results view', async () => {
    await wb.openFile(SAMPLE);
    await wb.editor().locator('.view-lines').click();
    await wb.page.keyboard.press('Control+End');
    // Two lenses: the INSERT and the SELECT (the DDL gets none); the SELECT's is the last.
    // Wait for both lenses: right after the editor (re)loads the draft, the lenses of an older text can show only
    // the INSERT's, and "last" would then run the INSERT.
    const lenses = wb.editor().locator('.codelens-decoration a', { hasText: 'Run' });
    for (const end = Date.now() + 60_000; (await lenses.count()) < 2 && Date.now() < end;) await wb.page.waitForTimeout(250);
    assert.strictEqual(await lenses.count(), 2, 'the INSERT\'s and the SELECT\'s "▶ Run" lenses');
    const lens = lenses.last();
    const t0 = Date.now();
    await lens.click();
    const frame = resultsFrame(wb);
    const rows = frame.locator('#grid-body tr:not(.spacer)');
    await frame.locator('#status', { hasText: /done in \d+ ms/ }).waitFor({ timeout: 120_000 });
    const shownAfter = Date.now() - t0;
    assert.strictEqual(await rows.count(), ROWS, `rows shown; the view says: ${await frame.locator('#status').innerText()} / ${await frame.locator('#messages').innerText()}`);
    const headers = await frame.locator('#grid-head th').allInnerTexts();
    assert.deepStrictEqual(headers.map((h) => h.replace(/\s+/g, ' ').trim()), ['id BIGINT', 'name STRING']);
    const ids = (await frame.locator('#grid-body tr:not(.spacer) td:first-child').allInnerTexts()).map(Number).sort((a, b) => a - b);
    assert.deepStrictEqual(ids, Array.from({ length: ROWS }, (_, i) => i + 1));
    const status = await frame.locator('#status').innerText();
    console.log(`    ${ROWS} rows shown ${shownAfter} ms after the click: ${status}`);
    await wb.screenshot('8-results');

    // The changelog view of the same rows: every row is an insert.
    await frame.locator('#mode-changelog').click();
    await frame.locator('#grid-head th', { hasText: 'op' }).waitFor();
    const ops = await frame.locator('#grid-body tr:not(.spacer) td.op').allInnerTexts();
    assert.strictEqual(ops.length, ROWS);
    assert.ok(ops.every((o) => o === '+I'), ops.join(' '));
    await frame.locator('#mode-table').click();
  });

  it('lists the draft\'s tables in the Catalogs view, with columns on expand', async () => {
    await wb.runCommand('View: Close All Editors'); // the results panel too: one tab named after the draft
    await wb.openFile(SAMPLE);
    await wb.page.locator('.activitybar .action-item a[aria-label^="Flink"]').first().click();
    const catalogs = await wb.pane('Catalogs');
    await wb.runCommand('Flink: Refresh Catalogs');
    const row = (name: string) => catalogs.locator('.monaco-list-row', { hasText: name }).first();
    await row('bounded_source').waitFor({ timeout: 60_000 });
    await row('datagen_source').waitFor();
    await row('bounded_source').click();
    await row('BIGINT').waitFor({ timeout: 30_000 });
    const texts = await catalogs.locator('.monaco-list-row').allInnerTexts();
    console.log(`    Catalogs: ${texts.map((t) => t.replace(/\s+/g, ' ')).join(' | ')}`);
    await wb.screenshot('9-catalogs');
  });
});

describe('Flink commands in an untrusted workspace', function () {
  this.timeout(240_000);
  const url = process.env.CS_URL_RESTRICTED;
  let context: BrowserContext | undefined;
  let wb: Workbench;

  before(async function () {
    if (!url) this.skip(); // only scripts/e2e.sh starts the code-server with workspace trust on
    // A folder of its own, so the trust answer given here does not change the other restricted-mode test.
    const copy = path.join(process.env.E2E_RUN_DIR!, 'ws-untrusted-flink', 'flink-jobs');
    fs.cpSync(process.env.E2E_WS_RESTRICTED!, copy, { recursive: true });
    const browser = await launch('untrusted-flink');
    context = browser.context;
    wb = new Workbench(browser.page);
    await wb.page.goto(`${url}/?folder=${encodeURIComponent(copy)}`);
    await wb.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    // VS Code asks whether to trust the folder, and the user says no. Here the modal shows only once the page
    // has seen some input, so move the mouse over the workbench first.
    await wb.statusItem('Restricted Mode').waitFor({ timeout: 60_000 });
    await wb.page.mouse.move(700, 400);
    await wb.page.mouse.move(710, 410);
    const dialog = wb.page.locator('.monaco-dialog-box', { hasText: 'Do you trust the authors' });
    await dialog.waitFor({ timeout: 60_000 });
    await wb.page.getByRole('button', { name: /No, I don.t trust/ }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
    await wb.page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot(`failed-untrusted-${this.currentTest.title.replace(/\W+/g, '_')}`).catch(() => undefined);
  });

  after(async () => {
    await context?.close();
  });

  it('explains that Execute needs a trusted workspace, and offers to manage trust', async () => {
    await wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: SAMPLE }).first().click();
    await wb.activeTab(SAMPLE).waitFor({ timeout: 30_000 });
    await wb.runCommand('Flink: Execute Draft');
    const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: 'needs a trusted workspace' });
    await toast.first().waitFor({ timeout: 30_000 });
    await toast.first().locator('.monaco-button', { hasText: 'Manage Workspace Trust' }).waitFor();
    // No editor-title buttons to run in restricted mode.
    assert.strictEqual(await wb.page.locator('.editor-actions .action-label[aria-label^="Execute Draft"]').count(), 0);
    await wb.screenshot('10-untrusted-execute');
  });
});
