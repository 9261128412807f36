// `npm run test:electron`: the same extension-host tests in desktop VS Code via @vscode/test-electron,
// for machines that can download VS Code (it cannot here; scripts/e2e.sh runs them in code-server).
// Runs against the development build (out/), on a temporary copy of the example workspace.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'flink-sql-ws-'));
  fs.cpSync(path.join(root, 'test/fixtures/workspace'), workspace, { recursive: true });
  fs.copyFileSync(path.join(root, 'examples/datagen-to-blackhole.flink.sql'), path.join(workspace, 'datagen-to-blackhole.flink.sql'));
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? '1.100.3',
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out/test/vscode/index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error('extension-host tests failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
