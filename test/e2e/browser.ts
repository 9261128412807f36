// Headless Debian chromium driven by playwright-core, set up the way code-server's workbench needs it.
import * as fs from 'fs';
import * as path from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** What scripts/e2e.sh hands to the test processes. */
export const env = {
  url: required('CS_URL'),
  runDir: required('E2E_RUN_DIR'),
  artifacts: process.env.E2E_ARTIFACTS ?? path.resolve('artifacts'),
};

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the tests through scripts/e2e.sh`);
  return v;
}

export async function launch(name: string): Promise<{ context: BrowserContext; page: Page }> {
  const profile = fs.mkdtempSync(path.join(env.runDir, `chrome-${name}-`));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 860 },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
      // The workbench talks to 127.0.0.1 from a 127.0.0.1 page; newer chromium asks permission for that.
      '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessRespectPreflightResults',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

export function workbenchUrl(folder: string, extra = ''): string {
  return `${env.url}/?folder=${encodeURIComponent(folder)}${extra}`;
}

/**
 * VS Code 1.10x ignores the extension-test payload in a built web client unless the workbench
 * configuration enables the smoke-test driver; code-server has no flag for it, so the served page's
 * `data-settings` is rewritten on the way to the browser.
 */
export async function enableSmokeTestDriver(page: Page): Promise<void> {
  await page.route((u) => u.pathname === '/' || u.pathname.endsWith('/'), async (route) => {
    if (route.request().resourceType() !== 'document') return route.continue();
    const response = await route.fetch();
    const body = (await response.text()).replace(/data-settings="([^"]*)"/, (_m, attr: string) => {
      const settings = JSON.parse(attr.replace(/&quot;/g, '"').replace(/&amp;/g, '&')) as Record<string, unknown>;
      settings.enableSmokeTestDriver = true;
      settings.developmentOptions = { ...(settings.developmentOptions as object | undefined), enableSmokeTestDriver: true };
      return `data-settings="${JSON.stringify(settings).replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`;
    });
    await route.fulfill({ response, body });
  });
}
