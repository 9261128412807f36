// Draft tests in VS Code's Testing view, against the REAL local Flink that scripts/e2e.sh starts in the UI
// workspace: a draft with a test file (one passing, one failing case) shows as file → cases, runs, and the failing
// case's verdict is a diff of expected and received rows at its expectation. The files are removed afterwards.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { BrowserContext, Locator } from 'playwright-core';
import { launch, workbenchUrl } from './browser';
import { Workbench } from './workbench';

const folder = process.env.E2E_WS_UI!;
const DRAFT = 'shop.flink.sql';
const TESTS = 'shop.test.yaml';

const DRAFT_TEXT = `-- Orders per customer.
CREATE TEMPORARY TABLE orders (
  id INT,
  customer STRING
) WITH (
  'connector' = 'datagen'
);

CREATE TEMPORARY TABLE per_customer (
  customer STRING,
  orders BIGINT
) WITH (
  'connector' = 'blackhole'
);

INSERT INTO per_customer SELECT customer, COUNT(*) FROM orders GROUP BY customer;
`;

const TEST_TEXT = `draft: shop.flink.sql
timeout: 60s
cases:
  - name: counts per customer
    sources:
      orders:
        rows:
          - { id: 1, customer: alice }
          - { id: 2, customer: bob }
          - { id: 3, customer: alice }
    expect:
      per_customer:
        rows:
          - { customer: alice, orders: 2 }
          - { customer: bob, orders: 1 }
  - name: wrong on purpose
    sources:
      orders:
        rows:
          - { id: 1, customer: carol }
    expect:
      per_customer:
        rows:
          - { customer: carol, orders: 2 }
`;

describe('Draft tests in the Test Explorer, on a real local Flink', function () {
  this.timeout(300_000);
  let context: BrowserContext;
  let wb: Workbench;

  before(async () => {
    fs.writeFileSync(path.join(folder, DRAFT), DRAFT_TEXT);
    fs.writeFileSync(path.join(folder, TESTS), TEST_TEXT);
    const browser = await launch('test-explorer');
    context = browser.context;
    wb = new Workbench(browser.page);
    await wb.open(workbenchUrl(folder));
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot(`failed-tests-${this.currentTest.title.replace(/\W+/g, '_')}`).catch(() => undefined);
  });

  after(async () => {
    // No editor left for hot exit to restore in the next file's window, and the workspace as the other files expect it.
    await wb?.runCommand('View: Close All Editors').catch(() => undefined);
    await context?.close();
    for (const f of [DRAFT, TESTS]) fs.rmSync(path.join(folder, f), { force: true });
  });

  /** A row of the Test Explorer tree by its label. */
  const row = (label: string): Locator => wb.page.locator('.test-explorer .monaco-list-row', { hasText: label }).first();

  it('lists the test file and its cases in the Testing view', async () => {
    await wb.openFile(DRAFT);
    // The language server parses the test file; the tree fills in once it runs.
    await wb.page.locator('.statusbar-item:has(.codicon-check)', { hasText: 'Flink SQL' }).first().waitFor({ timeout: 60_000 });
    await wb.runCommand('Testing: Focus on Test Explorer View');
    await row(TESTS).waitFor({ timeout: 60_000 });
    if ((await row(TESTS).getAttribute('aria-expanded')) !== 'true') await row(TESTS).click();
    await row('counts per customer').waitFor({ timeout: 30_000 });
    await row('wrong on purpose').waitFor();
    const labels = (await wb.page.locator('.test-explorer .monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    console.log(`    Test Explorer: ${labels.join(' | ')}`);
    await wb.screenshot('11-test-explorer');
  });

  it('runs both cases: one passes, one fails with a diff of expected and received rows', async () => {
    // The test file in the editor: the failure shows there, at the case's expectation.
    await wb.openFile(TESTS);
    const t0 = Date.now();
    await wb.runCommand('Flink: Run Draft Tests');
    const failed = row('wrong on purpose').locator('.codicon-testing-failed-icon');
    await failed.waitFor({ timeout: 240_000 });
    await row('counts per customer').locator('.codicon-testing-passed-icon').waitFor({ timeout: 30_000 });
    console.log(`    two cases run in ${Date.now() - t0} ms from the palette`);
    // An error widget at the end of the expectation's line (received != expected); a click opens the diff in a peek.
    const inline = wb.page.locator('.test-error-content-widget:visible').first();
    await inline.waitFor({ timeout: 30_000 });
    const summary = await inline.innerText();
    console.log(`    inline: ${summary}`);
    assert.match(summary, /orders: 1 }.*!=.*orders: 2 }/);
    await inline.click();
    const peek = wb.page.locator('.peekview-widget', { hasText: 'per_customer' }).first();
    await peek.waitFor({ timeout: 30_000 });
    const text = (await peek.innerText()).replace(/\s+/g, ' ');
    console.log(`    peek: ${text.slice(0, 300)}`);
    assert.match(text, /per_customer: the rows differ/);
    await wb.screenshot('12-test-failure-diff');
  });

  it('points at the draft statement that feeds the failing sink', async () => {
    await wb.page.keyboard.press('Escape');
    await wb.page.locator('.tabs-container .tab', { hasText: DRAFT }).first().click();
    await wb.activeTab(DRAFT).waitFor({ timeout: 30_000 });
    // The second message of the failure, on the INSERT (line 16): a widget or an inline decoration, by VS Code's choice.
    const marker = wb.page.locator('.test-error-content-widget:visible, .test-message-inline-content:visible', { hasText: 'per_customer gets its rows here' });
    await marker.first().waitFor({ timeout: 30_000 });
    await wb.screenshot('13-test-failure-draft');
  });
});

describe('Draft tests in an untrusted workspace', function () {
  this.timeout(240_000);
  const url = process.env.CS_URL_RESTRICTED;
  let context: BrowserContext | undefined;
  let wb: Workbench;

  before(async function () {
    if (!url) this.skip(); // only scripts/e2e.sh starts the code-server with workspace trust on
    // A folder of its own, so the trust answer given here does not change the other restricted-mode tests.
    const copy = path.join(process.env.E2E_RUN_DIR!, 'ws-untrusted-tests', 'flink-jobs');
    fs.cpSync(process.env.E2E_WS_RESTRICTED!, copy, { recursive: true });
    fs.writeFileSync(path.join(copy, DRAFT), DRAFT_TEXT);
    fs.writeFileSync(path.join(copy, TESTS), TEST_TEXT);
    const browser = await launch('untrusted-tests');
    context = browser.context;
    wb = new Workbench(browser.page);
    await wb.page.goto(`${url}/?folder=${encodeURIComponent(copy)}`);
    await wb.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    // The trust question shows once the page has seen some input; the user says no.
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
    if (this.currentTest?.state === 'failed') await wb.screenshot(`failed-untrusted-tests-${this.currentTest.title.replace(/\W+/g, '_')}`).catch(() => undefined);
  });

  after(async () => {
    await context?.close();
  });

  it('lists the cases but runs none: Run Draft Tests explains that it needs trust', async () => {
    await wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: DRAFT }).first().click();
    await wb.activeTab(DRAFT).waitFor({ timeout: 30_000 });
    await wb.runCommand('Flink: Run Draft Tests');
    const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: 'needs a trusted workspace' });
    await toast.first().waitFor({ timeout: 30_000 });
    assert.match(await toast.first().innerText(), /Run Draft Tests runs the draft on a Flink cluster/);
    // Discovery is reading, not running: the tree is there, with no verdict.
    await wb.runCommand('Testing: Focus on Test Explorer View');
    const tree = wb.page.locator('.test-explorer');
    await tree.locator('.monaco-list-row', { hasText: TESTS }).first().waitFor({ timeout: 60_000 });
    assert.equal(await tree.locator('.codicon-testing-failed-icon, .codicon-testing-passed-icon').count(), 0);
    await wb.screenshot('14-untrusted-tests');
  });
});
