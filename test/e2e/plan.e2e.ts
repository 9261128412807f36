// Flink: Show Plan in a real VS Code, on the REAL local Flink that scripts/e2e.sh starts in the UI workspace: the
// seed sample's plan in the webview (its two operators in the graph and the table), a node's click selecting its
// INSERT line in the draft; a window aggregation's stateful operator; screenshots artifacts/plan-1-seed.png, plan-2-window.png.
import * as assert from 'assert';
import type { BrowserContext, FrameLocator } from 'playwright-core';
import { launch, workbenchUrl } from './browser';
import { Workbench } from './workbench';

const folder = process.env.E2E_WS_UI!;
const SAMPLE = 'datagen-to-blackhole.flink.sql';

/** The plan panel's content: its webview's outer iframe, then the active inner frame. */
function planFrame(wb: Workbench): FrameLocator {
  return wb.page.frameLocator('iframe.webview').last().frameLocator('iframe#active-frame');
}

describe('Flink: Show Plan, on a real local Flink', function () {
  this.timeout(240_000);
  let context: BrowserContext;
  let wb: Workbench;

  before(async () => {
    const browser = await launch('plan');
    context = browser.context;
    wb = new Workbench(browser.page);
    await wb.open(workbenchUrl(folder));
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot(`failed-plan-${this.currentTest.title.replace(/\W+/g, '_')}`).catch(() => undefined);
  });

  after(async () => {
    await context?.close();
  });

  it('draws the seed sample\'s plan: datagen_source → blackhole_sink, in the graph and the table', async () => {
    await wb.openFile(SAMPLE);
    await wb.page.locator('.statusbar-item:has(.codicon-check)', { hasText: 'Flink SQL' }).first().waitFor({ timeout: 60_000 });
    const t0 = Date.now();
    await wb.runCommand('Flink: Show Plan');
    const frame = planFrame(wb);
    await frame.locator('#summary', { hasText: /Planned 1 statement on Flink \d+\.\d+ in \d+ ms/ }).waitFor({ timeout: 120_000 });
    const summary = await frame.locator('#summary').innerText();
    console.log(`    ${summary} (${Date.now() - t0} ms from the palette)`);
    const nodes = frame.locator('svg g.node');
    assert.equal(await nodes.count(), 2);
    // SVG text has no innerText: its textContent is what is drawn.
    assert.deepEqual(await frame.locator('svg g.node text.kind').allTextContents(), ['Source datagen_source', 'Sink blackhole_sink']);
    assert.equal(await frame.locator('svg g.node.stateful').count(), 0, 'nothing in the seed keeps state');
    assert.deepEqual(await frame.locator('svg text.ship').allTextContents(), ['FORWARD']);
    assert.deepEqual(await frame.locator('table.nodes tbody tr td:first-child .op').allInnerTexts(), ['Source datagen_source', 'Sink blackhole_sink']);
    assert.deepEqual(await frame.locator('table.nodes tbody tr button.link').allInnerTexts(), ['line 14', 'line 11']);
    // Room for the graph beside the draft.
    await wb.runCommand('View: Toggle Primary Side Bar Visibility');
    await wb.page.waitForTimeout(500);
    await wb.screenshot('plan-1-seed');
  });

  it('Enter on the sink node selects its INSERT target on line 11 of the draft', async () => {
    const frame = planFrame(wb);
    const sink = frame.locator('svg g.node', { hasText: 'blackhole_sink' });
    await sink.focus();
    await sink.press('Enter');
    await wb.page.locator('.statusbar-item', { hasText: /Ln 11, Col \d+ \(14 selected\)/ }).first().waitFor({ timeout: 30_000 });
  });

  it('marks the window aggregation of orders.flink.sql as stateful, in its own panel, on its GROUP BY line', async () => {
    await wb.openFile('orders.flink.sql');
    await wb.runCommand('Flink: Show Plan');
    // The draft's own panel: the last webview opened.
    const frame = planFrame(wb);
    await frame.locator('#file', { hasText: 'orders.flink.sql' }).waitFor({ timeout: 120_000 });
    await frame.locator('#summary', { hasText: /Planned 1 statement/ }).waitFor({ timeout: 120_000 });
    const stateful = frame.locator('svg g.node.stateful');
    assert.equal(await stateful.count(), 1);
    assert.match(await stateful.getAttribute('aria-label') ?? '', /^GlobalWindowAggregate, state freed by time \(watermarks\), emits I, parallelism 1, draft line 26\./);
    assert.deepEqual(await frame.locator('table.nodes tbody tr.stateful td:first-child .op').allInnerTexts(), ['GlobalWindowAggregate']);
    await wb.screenshot('plan-2-window');
  });
});
