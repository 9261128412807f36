// Runs the extension-host mocha tests (out/test/vscode/index.js) inside code-server's extension host,
// against the INSTALLED extension: extensionDevelopmentPath points at the installed copy, so only one
// copy with that id activates. The workbench calls window.codeAutomationExit(code) when run() settles.
import * as fs from 'fs';
import { enableSmokeTestDriver, env, launch, workbenchUrl } from './browser';

const folder = process.env.E2E_WS_EXTHOST!;
const extensionPath = process.env.E2E_EXT_INSTALLED!;
const testsPath = process.env.E2E_EXTHOST_TESTS!;
const resultsFile = process.env.FLINK_SQL_EXTHOST_RESULTS!;
const timeoutMs = Number(process.env.E2E_EXTHOST_TIMEOUT ?? 180_000);

async function main(): Promise<number> {
  const t0 = Date.now();
  const authority = new URL(env.url).host; // code-server: the remote authority is the browser's host:port
  const remote = (p: string) => `vscode-remote://${authority}${p}`;
  const payload = JSON.stringify([['extensionDevelopmentPath', remote(extensionPath)], ['extensionTestsPath', remote(testsPath)]]);
  const { context, page } = await launch('exthost');
  try {
    await enableSmokeTestDriver(page);
    let exit!: (code: number | string) => void;
    const exited = new Promise<number | string>((r) => (exit = r));
    await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
    // The extension host's console is forwarded to the page console; the tests' own notes (timings)
    // are tagged [flink-sql-studio]. Pass/fail lines come from the results file below.
    page.on('console', (m) => {
      const text = m.text();
      const at = text.indexOf('[flink-sql-studio]');
      if (at >= 0) console.log(`  ${text.slice(at).trim()}`);
    });
    await page.goto(workbenchUrl(folder, `&payload=${encodeURIComponent(payload)}`));
    const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r('timeout'), timeoutMs))]);
    const results = fs.existsSync(resultsFile) ? fs.readFileSync(resultsFile, 'utf8').trim() : '(no results file written)';
    console.log(results.split('\n').map((l) => `  ${l}`).join('\n'));
    console.log(`extension-host tests: exit code ${code} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    if (code !== 0) await page.screenshot({ path: `${env.artifacts}/exthost-failure.png` }).catch(() => undefined);
    return code === 0 ? 0 : 1;
  } finally {
    await context.close();
  }
}

main().then((c) => process.exit(c), (e) => {
  console.error('extension-host runner failed:', e);
  process.exit(1);
});
