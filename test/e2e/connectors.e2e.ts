// Connector intelligence in a real VS Code (code-server) with the installed .vsix: inside WITH, after
// `'connector' = 'kafka', '` completion offers kafka's own keys (required first), and the quick fix on a kafka
// table without its required options adds them. Its own workspace (a copy of test/fixtures/workspace plus two
// drafts); E2E_UPDATE_SCREENSHOT=1 also writes media/connector-completion.png for the README.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { BrowserContext } from 'playwright-core';
import { env, launch, workbenchUrl } from './browser';
import { Workbench } from './workbench';

const folder = path.join(env.runDir, 'ws-connectors', 'flink-jobs');
const COMPLETE = `CREATE TEMPORARY TABLE orders (
  order_id BIGINT,
  customer STRING,
  amount DECIMAL(10, 2),
  order_time TIMESTAMP(3)
) WITH (
  'connector' = 'kafka',
`;
const FIX = `CREATE TEMPORARY TABLE payments (
  payment_id BIGINT,
  amount DECIMAL(10, 2)
) WITH (
  'connector' = 'kafka'
);
`;

async function fileMatches(file: string, re: RegExp, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let got = '';
  while (Date.now() < deadline) {
    got = fs.readFileSync(file, 'utf8');
    if (re.test(got)) return got;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.match(got, re);
  return got;
}

describe('Connector options (code-server)', function () {
  let context: BrowserContext;
  let wb: Workbench;

  before(async () => {
    fs.mkdirSync(path.dirname(folder), { recursive: true });
    fs.cpSync(path.resolve('test/fixtures/workspace'), folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'kafka_orders.flink.sql'), COMPLETE);
    fs.writeFileSync(path.join(folder, 'kafka_payments.flink.sql'), FIX);
    const browser = await launch('connectors');
    context = browser.context;
    wb = new Workbench(browser.page);
    await wb.open(workbenchUrl(folder));
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot(`failed-connectors-${this.currentTest.title.replace(/\W+/g, '_')}`).catch(() => undefined);
  });

  after(async () => {
    await context?.close();
  });

  it("offers kafka's option keys after 'connector' = 'kafka', '", async () => {
    await wb.openFile('kafka_orders.flink.sql');
    await wb.page.locator('.statusbar-item:has(.codicon-check)', { hasText: 'Flink SQL' }).first().waitFor({ timeout: 30_000 });
    await wb.editor().locator('.view-lines').click();
    await wb.page.keyboard.press('Control+End');
    await wb.page.keyboard.type("  '"); // the closing quote comes from auto-closing
    await wb.page.keyboard.press('Control+Space');
    const widget = wb.page.locator('.editor-widget.suggest-widget.visible');
    await widget.waitFor({ timeout: 30_000 });
    await widget.locator('.monaco-list-row', { hasText: 'properties.bootstrap.servers' }).first().waitFor({ timeout: 30_000 });
    const labels = (await widget.locator('.monaco-list-row').allInnerTexts()).map((t) => t.split('\n')[0].trim());
    console.log(`    suggestions: ${labels.slice(0, 10).join(', ')}`);
    for (const key of ['topic', 'properties.bootstrap.servers', 'format']) assert.ok(labels.some((l) => l.startsWith(key)), `${key} in ${labels.join(', ')}`);
    assert.ok(!labels.some((l) => l.startsWith('connector')), 'keys already present are not offered');
    assert.ok(!labels.some((l) => l.startsWith('number-of-rows')), "datagen's keys are not offered for kafka");
    await wb.screenshot('connectors-1-completion');
    if (process.env.E2E_UPDATE_SCREENSHOT === '1') {
      await wb.page.screenshot({ path: path.resolve('media/connector-completion.png'), scale: 'css' });
      console.log(`    media/connector-completion.png updated (${Math.round(fs.statSync('media/connector-completion.png').size / 1024)} KB)`);
    }
    await wb.page.keyboard.press('Escape');
  });

  it('adds the missing required options with the quick fix', async () => {
    const file = path.join(folder, 'kafka_payments.flink.sql');
    await wb.openFile('kafka_payments.flink.sql');
    await wb.editor().locator('.view-lines').click();
    // Each missing-option diagnostic (catalog, kafka's topic rule, its value-format rule) carries its own fix.
    // A table no statement uses yet gets Warnings (the planner accepts it until it is used), with the same fixes.
    const squiggles = wb.editor().locator('.squiggly-error, .squiggly-warning');
    for (let round = 0; round < 4; round++) {
      await squiggles.first().waitFor({ timeout: 30_000 }).catch(() => undefined);
      if (!(await squiggles.count())) break;
      await wb.page.keyboard.press('Control+Home');
      await wb.page.keyboard.press('F8'); // next problem: the caret moves onto it
      await wb.page.keyboard.press('Escape');
      await wb.page.keyboard.press('Control+.');
      const item = wb.page.locator('.action-widget .monaco-list-row', { hasText: /Add the missing option/ }).first();
      await item.waitFor({ timeout: 15_000 });
      // The widget's pointer block takes mouse events: walk the list with the keyboard to an "Add" row, Enter applies it.
      const focused = wb.page.locator('.action-widget .monaco-list-row.focused');
      for (let i = 0; i < 8 && !/Add the missing option/.test((await focused.innerText().catch(() => '')) ?? ''); i++) await wb.page.keyboard.press('ArrowDown');
      await wb.page.keyboard.press('Enter');
      await wb.page.waitForTimeout(1000);
    }
    await wb.page.keyboard.press('Control+S');
    const text = await fileMatches(file, /'properties\.bootstrap\.servers' = 'localhost:9092'/);
    assert.match(text, /'topic' = 'payments_topic'/);
    assert.match(text, /'format' = 'json'/);
    await squiggles.first().waitFor({ state: 'detached', timeout: 30_000 });
    await wb.screenshot('connectors-2-quick-fix');
  });
});
