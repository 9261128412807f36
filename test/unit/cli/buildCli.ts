// Bundles the CLI and the server entry from the current sources (same esbuild options as esbuild.js) into a
// temp folder, once per test run, so the CLI and LSP tests spawn what `npm run build` ships without needing out/.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let built: Promise<string> | undefined;

/** Path of the bundled cli.js (server.js sits next to it). */
export function buildCli(): Promise<string> {
  built ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flink-sql-cli-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    await build({
      entryPoints: {
        cli: join(__dirname, '../../../server/src/cli/main.ts'),
        server: join(__dirname, '../../../server/src/lsp/main.ts'),
      },
      bundle: true, platform: 'node', format: 'cjs', target: 'node20', outdir: dir, logLevel: 'silent',
      external: ['vscode'],
    });
    return join(dir, 'cli.js');
  })();
  return built;
}
