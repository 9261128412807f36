// Format Document in a real VS Code (code-server) with the installed .vsix: the messy draft of
// test/fixtures/format becomes exactly its expected text, Ctrl+Z gives the original back byte for byte,
// and `editor.formatOnSave` formats on Ctrl+S. Its own workspace (a copy of test/fixtures/workspace with
// formatOnSave on), so the setting never reaches the other UI tests; the text is read from the saved file.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { BrowserContext } from 'playwright-core';
import { env, launch, workbenchUrl } from './browser';
import { Workbench } from './workbench';

const FIXTURES = path.resolve('test/fixtures/format');
const messy = fs.readFileSync(path.join(FIXTURES, 'messy.flink.sql'), 'utf8');
const expected = fs.readFileSync(path.join(FIXTURES, 'messy.expected.flink.sql'), 'utf8');
const folder = path.join(env.runDir, 'ws-format', 'flink-jobs');

/** Polls the file until it holds `want`; fails with what it last held. */
async function fileBecomes(file: string, want: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let got = '';
  while (Date.now() < deadline) {
    got = fs.readFileSync(file, 'utf8');
    if (got === want) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.equal(got, want, `${path.basename(file)} on disk`);
}

describe('Format Document (code-server)', function () {
  let context: BrowserContext;
  let wb: Workbench;

  before(async () => {
    fs.mkdirSync(path.dirname(folder), { recursive: true });
    fs.cpSync(path.resolve('test/fixtures/workspace'), folder, { recursive: true });
    fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'editor.formatOnSave': true }, null, 2));
    fs.writeFileSync(path.join(folder, 'messy.flink.sql'), messy);
    fs.writeFileSync(path.join(folder, 'messy_on_save.flink.sql'), messy);
    const browser = await launch('format');
    context = browser.context;
    wb = new Workbench(browser.page);
    await wb.open(workbenchUrl(folder));
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot(`failed-format-${this.currentTest.title.replace(/\W+/g, '_')}`).catch(() => undefined);
  });

  after(async () => {
    await context?.close();
  });

  it('formats the messy draft into the expected text with Format Document, and Ctrl+Z restores it exactly', async () => {
    const file = path.join(folder, 'messy.flink.sql');
    await wb.openFile('messy.flink.sql');
    await wb.page.locator('.statusbar-item:has(.codicon-check)', { hasText: 'Flink SQL' }).first().waitFor({ timeout: 30_000 });
    await wb.editor().locator('.view-lines').click();
    const t0 = Date.now();
    await wb.runCommand('Format Document');
    await wb.editor().locator('.view-line', { hasText: /^CREATE\sTEMPORARY\sTABLE\sclicks\s\($/ }).waitFor({ timeout: 30_000 });
    console.log(`    formatted in the editor ${Date.now() - t0} ms after the command`);
    await wb.screenshot('format-1-formatted');
    // Save without formatting (Ctrl+K S): what is on disk is the editor's text, not a second format on save.
    await wb.page.keyboard.press('Control+K');
    await wb.page.keyboard.press('S');
    await fileBecomes(file, expected);
    await wb.page.keyboard.press('Control+Z');
    await wb.editor().locator('.view-line', { hasText: /^create\stemporary\stable\sclicks/ }).waitFor({ timeout: 10_000 });
    await wb.page.keyboard.press('Control+K');
    await wb.page.keyboard.press('S');
    await fileBecomes(file, messy);
  });

  it('formats on save with editor.formatOnSave', async () => {
    const file = path.join(folder, 'messy_on_save.flink.sql');
    await wb.openFile('messy_on_save.flink.sql');
    await wb.editor().locator('.view-lines').click();
    // A trailing blank makes the file dirty; the formatter drops it.
    await wb.page.keyboard.press('Control+End');
    await wb.page.keyboard.type(' ');
    await wb.page.keyboard.press('Control+S');
    await fileBecomes(file, expected);
    await wb.screenshot('format-2-on-save');
  });
});
