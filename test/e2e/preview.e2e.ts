// Preview Draft in a real VS Code, on the REAL local Flink that scripts/e2e.sh starts in the UI workspace: the
// "Preview" lens on a statement set with two sinks (its source mocked from a fixture by `<name>.mocks.yaml`) shows
// each sink's rows as its own entry of the results view, and a filesystem sink's directory stays empty; Execute of
// an INSERT says which real sink its rows went to and offers "Preview instead", which shows them.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { BrowserContext, FrameLocator } from 'playwright-core';
import { launch, workbenchUrl } from './browser';
import { Workbench } from './workbench';

const folder = process.env.E2E_WS_UI!;
const DRAFT = 'preview-demo.flink.sql';
const INSERT_DRAFT = 'insert-demo.flink.sql';
const auditDir = path.join(folder, 'preview-audit-out');
const FILES: Record<string, string> = {
  [DRAFT]: [
    'CREATE TEMPORARY TABLE orders (',
    '  id INT,',
    '  customer STRING,',
    '  amount INT',
    ") WITH ('connector' = 'datagen');",
    "CREATE TEMPORARY TABLE big_orders (id INT, customer STRING, amount INT) WITH ('connector' = 'blackhole');",
    `CREATE TEMPORARY TABLE audit (id INT, customer STRING) WITH ('connector' = 'filesystem', 'path' = '${auditDir}', 'format' = 'csv');`,
    'EXECUTE STATEMENT SET BEGIN',
    '  INSERT INTO big_orders SELECT id, customer, amount FROM orders WHERE amount > 10;',
    '  INSERT INTO audit SELECT id, customer FROM orders;',
    'END;',
    '',
  ].join('\n'),
  'preview-demo.mocks.yaml': 'mocks:\n  orders: fixtures/preview-orders.csv\n',
  'fixtures/preview-orders.csv': 'id,customer,amount\n1,alice,5\n2,bob,50\n3,carol,12\n4,dave,7\n',
  [INSERT_DRAFT]: [
    "CREATE TEMPORARY TABLE few (id INT) WITH ('connector' = 'datagen', 'number-of-rows' = '5', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '5');",
    "CREATE TEMPORARY TABLE drain (id INT) WITH ('connector' = 'blackhole');",
    'INSERT INTO drain SELECT id FROM few;',
    '',
  ].join('\n'),
};

/** The results panel's content: the webview's outer iframe, then its active inner frame. */
function resultsFrame(wb: Workbench): FrameLocator {
  return wb.page.frameLocator('iframe.webview').first().frameLocator('iframe#active-frame');
}

describe('Preview Draft, on a real local Flink', function () {
  this.timeout(240_000);
  let context: BrowserContext;
  let wb: Workbench;

  before(async () => {
    for (const [name, text] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
      fs.writeFileSync(path.join(folder, name), text);
    }
    fs.mkdirSync(auditDir, { recursive: true });
    const browser = await launch('preview');
    context = browser.context;
    wb = new Workbench(browser.page);
    await wb.open(workbenchUrl(folder));
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot(`failed-preview-${this.currentTest.title.replace(/\W+/g, '_')}`).catch(() => undefined);
  });

  after(async () => {
    // Files share the UI workspace: closed editors are not restored (dirty) in the next file's window.
    await wb?.runCommand('View: Close All Editors').catch(() => undefined);
    await context?.close();
    for (const name of Object.keys(FILES)) fs.rmSync(path.join(folder, name), { force: true });
    fs.rmSync(auditDir, { recursive: true, force: true });
  });

  it('shows each sink of a statement set as its own entry from the "Preview" lens, writing nothing', async () => {
    await wb.openFile(DRAFT);
    const lens = wb.editor().locator('.codelens-decoration a', { hasText: 'Preview' });
    await lens.first().waitFor({ timeout: 90_000 });
    assert.strictEqual(await lens.count(), 1, 'one Preview lens: on the statement set, none on the DDL');
    const t0 = Date.now();
    await lens.first().click();
    const frame = resultsFrame(wb);
    await frame.locator('#status', { hasText: /done in \d+ ms/ }).waitFor({ timeout: 150_000 });
    const ms = Date.now() - t0;
    const options = await frame.locator('#statement option').allInnerTexts();
    assert.deepStrictEqual(options.slice(-2), ['Sink big_orders (line 9)', 'Sink audit (line 10)'], options.join(' | '));
    const rows = frame.locator('#grid-body tr:not(.spacer)');
    const cells = async () => (await rows.allInnerTexts()).map((r) => r.split('\t').map((c) => c.trim()));
    // The first sink shows first: the orders over 10 from the fixture.
    const status = await frame.locator('#status').innerText();
    assert.match(status, /^Sink big_orders \(line 9\) · 2 rows .*done in \d+ ms · preview: nothing written/);
    assert.deepStrictEqual((await cells()).sort(), [['2', 'bob', '50'], ['3', 'carol', '12']]);
    assert.match(await frame.locator('#title').innerText(), /^Preview of preview-demo\.flink\.sql .*nothing is written/);
    await wb.page.locator('.tabs-container .tab', { hasText: 'Preview: preview-demo.flink.sql' }).first().waitFor();
    console.log(`    two sinks previewed ${ms} ms after the click: ${status}`);
    await wb.screenshot('preview-1-sinks');

    await frame.locator('#statement').selectOption({ label: 'Sink audit (line 10)' });
    await frame.locator('#status', { hasText: /^Sink audit \(line 10\) · 4 rows/ }).waitFor();
    assert.deepStrictEqual((await cells()).map((r) => r[0]).sort(), ['1', '2', '3', '4']);
    await wb.screenshot('preview-2-second-sink');
    assert.deepStrictEqual(fs.readdirSync(auditDir), [], 'the filesystem sink got nothing');
  });

  it('says where Execute of an INSERT sends its rows, and previews them instead on request', async () => {
    await wb.runCommand('View: Close All Editors');
    await wb.openFile(INSERT_DRAFT);
    await wb.runCommand('Flink: Execute Draft');
    const frame = resultsFrame(wb);
    const notice = frame.locator('#notice', { hasText: 'writes its rows into drain' });
    await notice.waitFor({ timeout: 150_000 });
    const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: 'the rows went into drain' });
    await toast.first().locator('.monaco-button', { hasText: 'Preview instead' }).waitFor({ timeout: 60_000 });
    await wb.screenshot('preview-3-execute-insert');
    await notice.locator('button', { hasText: 'Preview instead' }).click();
    await frame.locator('#status', { hasText: /^Sink drain \(line 3\) · 5 rows .*preview: nothing written/ }).waitFor({ timeout: 150_000 });
    const ids = (await frame.locator('#grid-body tr:not(.spacer) td:first-child').allInnerTexts()).map(Number).sort((a, b) => a - b);
    assert.deepStrictEqual(ids, [1, 2, 3, 4, 5]);
    await wb.screenshot('preview-4-instead');
  });
});
