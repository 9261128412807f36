// UI tests of the deployment configuration panel in a real VS Code (code-server) with the installed .vsix:
// change parallelism and the checkpoint interval in the panel, save, find them in the YAML; break the YAML by
// hand and see the panel's banner and the editor's diagnostic. Screenshots in artifacts/.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import type { BrowserContext, FrameLocator } from 'playwright-core';
import { launch, workbenchUrl } from './browser';
import { Workbench } from './workbench';

const folder = process.env.E2E_WS_UI!;
const NAME = 'panel_job';
const yamlPath = () => path.join(folder, `${NAME}.deployment.yaml`);

async function until<T>(what: string, fn: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('Deployment configuration panel (code-server)', function () {
  let context: BrowserContext;
  let wb: Workbench;
  const panel = (): FrameLocator => wb.page.frameLocator('iframe.webview').first().frameLocator('iframe#active-frame');

  before(async () => {
    fs.writeFileSync(path.join(folder, `${NAME}.flink.sql`), fs.readFileSync(path.join(folder, 'datagen-to-blackhole.flink.sql')));
    fs.writeFileSync(yamlPath(), '# kept by the panel\nname: panel_job\ntype: SQL\ntarget: per-job   # a dedicated cluster\nparallelism: 1\n');
    const browser = await launch('deployment');
    context = browser.context;
    wb = new Workbench(browser.page);
    await wb.open(workbenchUrl(folder));
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot(`failed-${this.currentTest.title.replace(/\W+/g, '_')}`).catch(() => undefined);
  });

  after(async () => {
    await context?.close();
  });

  it('changes parallelism and the checkpoint interval in the panel and saves them into the YAML', async () => {
    await wb.openFile(`${NAME}.flink.sql`);
    await wb.runCommand('Flink: Open Deployment Configuration');
    const parallelism = panel().locator('#f-parallelism input');
    await parallelism.waitFor({ timeout: 30_000 });
    // Live validation beside the field, before anything is written.
    await parallelism.fill('0');
    await panel().locator('.field[data-path="parallelism"] .problem', { hasText: 'parallelism must be at least 1' }).waitFor({ timeout: 15_000 });
    await parallelism.fill('3');
    await panel().locator('#f-checkpointing-interval input').fill('30s');
    await panel().locator('.field[data-path="parallelism"] .problem:empty').waitFor({ state: 'attached', timeout: 15_000 });
    // Resources are honoured by a per-job deployment: not greyed; the session name is.
    assert.equal(await panel().locator('.field[data-path="session"] .reason').innerText(), 'Only a session deployment names the session cluster it is submitted to.');
    await panel().locator('#save').click();
    await panel().locator('#notice', { hasText: 'Saved.' }).waitFor({ timeout: 15_000 });
    const text = await until('the saved YAML', () => {
      const t = fs.readFileSync(yamlPath(), 'utf8');
      return /parallelism: 3/.test(t) ? t : undefined;
    });
    const config = parse(text) as { parallelism: number; checkpointing: { interval: string } };
    assert.equal(config.parallelism, 3);
    assert.equal(config.checkpointing.interval, '30 s');
    assert.match(text, /^# kept by the panel\n/, 'comments are kept');
    assert.match(text, /target: per-job # a dedicated cluster/);
    await panel().locator('#resolved', { hasText: 'execution.checkpointing.interval: 30 s' }).waitFor({ timeout: 10_000 });
    await wb.screenshot('deployment-1-saved');
  });

  it('shows a banner in the panel and a diagnostic in the YAML when the file is broken by hand', async () => {
    const broken = fs.readFileSync(yamlPath(), 'utf8').replace('parallelism: 3', 'parallelism: [3');
    fs.writeFileSync(yamlPath(), broken);
    await panel().locator('#banner:not([hidden])', { hasText: 'not valid YAML' }).waitFor({ timeout: 30_000 });
    assert.equal(await panel().locator('#f-parallelism').getAttribute('disabled') !== null, true, 'fields are read-only');
    await wb.openFile(`${NAME}.deployment.yaml`);
    await wb.editor().locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
    await wb.page.keyboard.press('Control+Shift+M');
    const problems = wb.page.locator('.markers-panel');
    await problems.locator('.monaco-list-row', { hasText: 'not valid YAML' }).first().waitFor({ timeout: 30_000 });
    assert.equal(fs.readFileSync(yamlPath(), 'utf8'), broken, 'the panel never overwrote the broken file');
    await wb.screenshot('deployment-2-broken');
  });
});
