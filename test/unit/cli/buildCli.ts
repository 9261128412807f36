// Bundles the CLI from the current sources (same esbuild options as esbuild.js) into a temp folder, once per
// test run, so the CLI and LSP tests spawn exactly what `npm run build` ships without depending on out/.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let built: Promise<string> | undefined;

export function buildCli(): Promise<string> {
  built ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flink-sql-cli-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    await build({
      entryPoints: { cli: join(__dirname, '../../../server/src/cli/main.ts') },
      bundle: true, platform: 'node', format: 'cjs', target: 'node20', outdir: dir, logLevel: 'silent',
      external: ['vscode'],
    });
    return join(dir, 'cli.js');
  })();
  return built;
}
