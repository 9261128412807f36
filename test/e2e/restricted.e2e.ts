// Restricted mode: a code-server with workspace trust ON; the user declines to trust the folder, and
// the language features (squiggles from the language server) still work, as the manifest promises.
import type { BrowserContext } from 'playwright-core';
import { launch } from './browser';
import { Workbench } from './workbench';

const url = process.env.CS_URL_RESTRICTED;
const folder = process.env.E2E_WS_RESTRICTED!;

describe('Flink SQL Studio in restricted mode (untrusted workspace)', function () {
  let context: BrowserContext | undefined;
  let wb: Workbench;

  before(async function () {
    if (!url) this.skip(); // only scripts/e2e.sh starts the second code-server
    const browser = await launch('restricted');
    context = browser.context;
    wb = new Workbench(browser.page);
    await wb.page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
    await wb.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    // VS Code asks whether to trust the folder's authors; the user says no.
    await wb.page.locator('.monaco-dialog-box').getByRole('button', { name: /No, I don.t trust/ }).click({ timeout: 60_000 });
    await wb.page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot(`failed-restricted-${this.currentTest.title.replace(/\W+/g, '_')}`).catch(() => undefined);
  });

  after(async () => {
    await context?.close();
  });

  it('still underlines a syntax error while the workspace is not trusted', async () => {
    await wb.statusItem('Restricted Mode').waitFor({ timeout: 30_000 });
    await wb.openFile('datagen-to-blackhole.flink.sql');
    await wb.selectFirstWordOfLine(14);
    await wb.page.keyboard.type('FORM');
    await wb.editor().locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
    await wb.screenshot('6-restricted-mode');
  });
});
