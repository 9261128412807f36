// Entry of the extension-host tests: exports `run()`, the contract of @vscode/test-electron's
// extensionTestsPath, so the same bundle runs in code-server (scripts/e2e.sh) and in desktop VS Code
// (npm run test:electron). Test files are bundled in and loaded after mocha's globals exist.
import * as fs from 'fs';
import Mocha from 'mocha';

/** Where the runner wants a machine-readable summary (set in code-server's environment). */
const RESULTS_FILE = process.env.FLINK_SQL_EXTHOST_RESULTS;

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  // Defines describe/it on globalThis, as mocha does before requiring a spec file.
  mocha.suite.emit('pre-require', globalThis, 'test/vscode', mocha);
  require('./activation.test');
  require('./language.test');
  require('./server.test');
  require('./drafts.test');
  require('./draftVersion.test');
  require('./localCluster.test');
  require('./flink.test');

  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    const runner = mocha.run((failures) => {
      const summary = `passes ${runner.stats?.passes ?? 0} failures ${failures} duration ${runner.stats?.duration ?? 0}ms`;
      if (RESULTS_FILE) fs.writeFileSync(RESULTS_FILE, `${lines.join('\n')}\n${summary}\n`);
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
    runner.on('pass', (t) => lines.push(`ok ${t.fullTitle()} (${t.duration ?? 0} ms)`));
    runner.on('fail', (t, err: Error) => lines.push(`FAIL ${t.fullTitle()}: ${err.message}`));
  });
}
