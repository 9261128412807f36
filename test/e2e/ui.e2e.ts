// UI tests in a real VS Code (code-server) with the installed .vsix: what a user sees — squiggles and
// the Problems panel, completion, New Draft through the palette, the Flink sidebar. One workbench for
// the whole file, on a fresh copy of test/fixtures/workspace; a screenshot per test in artifacts/.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import type { BrowserContext } from 'playwright-core';
import { launch, workbenchUrl } from './browser';
import { Workbench } from './workbench';

const folder = process.env.E2E_WS_UI!;
const SAMPLE = 'datagen-to-blackhole.flink.sql';

describe('Flink SQL Studio in VS Code (code-server)', function () {
  let context: BrowserContext;
  let wb: Workbench;

  before(async () => {
    const t0 = Date.now();
    const browser = await launch('ui');
    context = browser.context;
    wb = new Workbench(browser.page);
    await wb.open(workbenchUrl(folder));
    console.log(`    workbench up in ${Date.now() - t0} ms`);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot(`failed-${this.currentTest.title.replace(/\W+/g, '_')}`).catch(() => undefined);
  });

  after(async () => {
    await context?.close();
  });

  it('opens the sample draft as Flink SQL with the language server ready', async () => {
    await wb.openFile(SAMPLE);
    await wb.page.locator('#status\\.editor\\.mode', { hasText: 'Flink SQL' }).waitFor({ timeout: 30_000 });
    // The server status item: "Flink SQL" with a check icon once the server runs.
    await wb.page.locator('.statusbar-item:has(.codicon-check)', { hasText: 'Flink SQL' }).first().waitFor({ timeout: 30_000 });
    await wb.screenshot('1-sample-open');
  });

  it('underlines FORM and lists it in the Problems panel', async () => {
    await wb.openFile(SAMPLE);
    await wb.selectFirstWordOfLine(14); // "from datagen_source;"
    await wb.page.keyboard.type('FORM');
    await wb.editor().locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
    await wb.page.keyboard.press('Control+Shift+M');
    const problems = wb.page.locator('.markers-panel .monaco-list-row');
    await problems.first().waitFor({ timeout: 30_000 });
    const text = (await wb.page.locator('.markers-panel').innerText()).replace(/\s+/g, ' ');
    assert.match(text, /datagen-to-blackhole\.flink\.sql/, text);
    console.log(`    Problems: ${text.slice(0, 200)}`);
    await wb.screenshot('2-problems');
    await wb.editor().locator('.view-lines').click();
    await wb.page.keyboard.press('Control+Z');
    await wb.page.keyboard.press('Control+S');
    await wb.page.locator('.markers-panel .monaco-list-row').first().waitFor({ state: 'detached', timeout: 30_000 });
  });

  it('shows completion on Ctrl+Space', async () => {
    await wb.openFile(SAMPLE);
    await wb.editor().locator('.view-lines').click();
    await wb.page.keyboard.press('Control+End');
    await wb.page.keyboard.press('Enter');
    await wb.page.keyboard.type('SEL');
    await wb.page.keyboard.press('Control+Space');
    const widget = wb.page.locator('.editor-widget.suggest-widget.visible');
    await widget.waitFor({ timeout: 30_000 });
    const rows = widget.locator('.monaco-list-row');
    await rows.first().waitFor({ timeout: 30_000 });
    const labels = (await rows.allInnerTexts()).map((t) => t.split('\n')[0]);
    console.log(`    suggestions: ${labels.slice(0, 8).join(', ')}`);
    assert.ok(labels.length > 0);
    await wb.screenshot('3-completion');
    await wb.page.keyboard.press('Escape');
    for (let i = 0; i < 4; i++) await wb.page.keyboard.press('Control+Z');
    await wb.page.keyboard.press('Control+S');
  });

  it('creates a draft with New Draft from the palette, refusing a taken name', async () => {
    await wb.runCommand('Flink SQL: New Draft');
    const input = wb.quickInput();
    await input.waitFor({ state: 'visible' });
    await input.fill('Orders');
    await wb.page.locator('.quick-input-message', { hasText: 'already exists' }).waitFor({ timeout: 10_000 });
    await input.fill('ui_draft');
    await wb.page.keyboard.press('Enter');
    // The three types are offered, PYTHON as a PyFlink job; JAR scaffolds a Maven project
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'A PyFlink Table API job' }).waitFor();
    await input.fill('JAR');
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Session cluster' }).waitFor();
    await input.fill('Session');
    await wb.page.keyboard.press('Enter');
    await wb.activeTab('UiDraftJob.java').waitFor({ timeout: 30_000 });
    await wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'ui_draft.deployment.yaml' }).waitFor({ timeout: 30_000 });
    const config = parse(fs.readFileSync(path.join(folder, 'ui_draft.deployment.yaml'), 'utf8')) as Record<string, unknown>;
    assert.deepStrictEqual([config.name, config.type, config.target], ['ui_draft', 'JAR', 'session']);
    assert.deepStrictEqual(config.jar, { project: 'ui_draft', entryClass: 'com.example.uidraft.UiDraftJob', args: [], allowNonRestoredState: false });
    assert.match(fs.readFileSync(path.join(folder, 'ui_draft', 'pom.xml'), 'utf8'), /<mainClass>com\.example\.uidraft\.UiDraftJob<\/mainClass>/);
    assert.ok(fs.existsSync(path.join(folder, 'ui_draft', 'src', 'main', 'java', 'com', 'example', 'uidraft', 'UiDraftJob.java')));
    assert.ok(!fs.existsSync(path.join(folder, 'ui_draft.flink.sql')), 'a JAR draft has no .flink.sql');
    // A file of the JAR draft's project gets the draft's buttons in the editor title, as a SQL draft does.
    for (const action of ['Validate Draft', 'Execute Draft', 'Publish']) {
      await wb.page.locator(`.editor-actions .action-label[aria-label^="${action}"]`).first().waitFor({ timeout: 30_000 });
    }
    await wb.screenshot('4-new-draft');
  });

  it('creates a PYTHON draft with New Draft from the palette: the PyFlink script, opened, and its config', async () => {
    await wb.runCommand('Flink SQL: New Draft');
    const input = wb.quickInput();
    await input.waitFor({ state: 'visible' });
    await input.fill('ui_py');
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'A PyFlink Table API job' }).waitFor();
    await input.fill('PYTHON');
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Session cluster' }).waitFor();
    await input.fill('Session');
    await wb.page.keyboard.press('Enter');
    await wb.activeTab('ui_py.py').waitFor({ timeout: 30_000 });
    await wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'ui_py.deployment.yaml' }).waitFor({ timeout: 30_000 });
    const config = parse(fs.readFileSync(path.join(folder, 'ui_py.deployment.yaml'), 'utf8')) as Record<string, unknown>;
    assert.deepStrictEqual([config.name, config.type, config.target], ['ui_py', 'PYTHON', 'session']);
    assert.deepStrictEqual(config.python, { file: 'ui_py.py', args: [], allowNonRestoredState: false });
    assert.match(fs.readFileSync(path.join(folder, 'ui_py.py'), 'utf8'), /t_env\.create_statement_set\(\)/);
    assert.ok(!fs.existsSync(path.join(folder, 'ui_py.flink.sql')), 'a PYTHON draft has no .flink.sql');
    for (const action of ['Validate Draft', 'Execute Draft', 'Publish']) {
      await wb.page.locator(`.editor-actions .action-label[aria-label^="${action}"]`).first().waitFor({ timeout: 30_000 });
    }
    await wb.screenshot('4b-new-python-draft');
  });

  it('lists the drafts in the Flink sidebar, and invites to connect in the empty views', async () => {
    await wb.page.locator('.activitybar .action-item a[aria-label^="Flink"]').first().click();
    const drafts = await wb.pane('Drafts');
    const row = (name: string) => drafts.locator('.monaco-list-row', { hasText: name }).first();
    await row('ui_draft').waitFor({ timeout: 30_000 });
    const texts = await drafts.locator('.monaco-list-row .monaco-icon-label').evaluateAll((labels) => labels.map((l) =>
      `${l.querySelector('.label-name')?.textContent ?? ''} ${l.querySelector('.label-description')?.textContent ?? ''}`.trim()));
    console.log(`    Drafts: ${texts.join(' | ')}`);
    assert.ok(texts.includes('orders SQL · session · Flink 2.3'), texts.join(' | '));
    assert.ok(texts.includes('ui_draft JAR · session · Flink 2.3'), texts.join(' | '));
    assert.ok(texts.includes('ui_py PYTHON · session · Flink 2.3'), texts.join(' | '));
    assert.ok(texts.includes('clicks ⚠ invalid deployment config'), texts.join(' | '));
    const deployments = await wb.pane('Deployments');
    await deployments.locator('.welcome-view-content', { hasText: 'No deployments yet' }).waitFor({ timeout: 10_000 });
    await row('orders').click();
    await wb.activeTab('orders.flink.sql').waitFor({ timeout: 30_000 });
    await wb.screenshot('5-sidebar');
  });

  it('opens the walkthrough from the empty Deployments view', async () => {
    const deployments = await wb.pane('Deployments');
    await deployments.locator('.welcome-view-content').getByRole('button', { name: 'Get Started' }).click();
    const page = wb.page.locator('.gettingStartedContainer');
    await page.getByText('Get started with Flink SQL Studio').first().waitFor({ timeout: 30_000 });
    for (const step of ['Create a draft', 'See diagnostics as you type', 'Validate on the real planner', 'Execute', 'Publish']) {
      await page.getByRole('button', { name: new RegExp(step) }).first().waitFor({ timeout: 10_000 });
    }
    await wb.screenshot('6-walkthrough');
    // Close it with the tab's close button: the walkthrough page keeps keyboard focus and swallows F1.
    await wb.page.locator('.tabs-container .tab.active', { hasText: 'Walkthrough' }).locator('.codicon-close').click();
  });

  it('shows the sample draft with the Flink sidebar (README screenshot)', async () => {
    if (await wb.page.locator('.part.panel').isVisible()) await wb.runCommand('View: Hide Panel'); // a cleaner picture
    await wb.runCommand('View: Close All Editors');
    // Opening from the Drafts view is what a user does; it also proves the click opens the draft.
    const drafts = await wb.pane('Drafts');
    await drafts.locator('.monaco-list-row', { hasText: 'datagen-to-blackhole' }).first().click();
    await wb.activeTab(SAMPLE).waitFor({ timeout: 30_000 });
    await wb.editor().locator('.view-lines').click();
    const shot = await wb.screenshot('readme');
    if (process.env.E2E_UPDATE_SCREENSHOT === '1') {
      // JPEG-like size without a converter: a smaller viewport PNG keeps media/screenshot.png < 300 KB.
      await wb.page.screenshot({ path: path.resolve('media/screenshot.png'), scale: 'css' });
      console.log(`    media/screenshot.png updated (${Math.round(fs.statSync('media/screenshot.png').size / 1024)} KB)`);
    }
    assert.ok(fs.statSync(shot).size > 0);
  });
});

