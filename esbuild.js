// One build script for every bundle: the extension client, the language server, the CLI,
// the extension-host test entry and the webview scripts. `node esbuild.js [--watch] [--production]`.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** Node bundles: CommonJS, `vscode` provided by the extension host. */
const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  external: ['vscode'],
  // The client bundles the seed draft (examples/*.flink.sql) as a string.
  loader: { '.sql': 'text' },
  logLevel: 'info',
};

const entries = [
  { ...node, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'out' },
  { ...node, entryPoints: { server: 'server/src/lsp/main.ts', cli: 'server/src/cli/main.ts' }, outdir: 'out' },
];

// Extension-host tests (mocha inside VS Code) are bundled only when present.
if (fs.existsSync('test/vscode/index.ts')) {
  entries.push({ ...node, entryPoints: { index: 'test/vscode/index.ts' }, outdir: 'out/test/vscode', external: ['vscode', 'mocha'] });
}

// Webview scripts: browser bundles, one per file in client/webview/*.ts.
const webviewDir = 'client/webview';
if (fs.existsSync(webviewDir)) {
  const files = fs.readdirSync(webviewDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.startsWith('_'));
  if (files.length) {
    entries.push({
      bundle: true, platform: 'browser', format: 'iife', target: 'es2022', sourcemap: !production, minify: production, logLevel: 'info',
      entryPoints: Object.fromEntries(files.map((f) => [path.basename(f, '.ts'), path.join(webviewDir, f)])),
      outdir: 'out/webview',
    });
  }
}

(async () => {
  if (watch) {
    const ctxs = await Promise.all(entries.map((e) => esbuild.context(e)));
    await Promise.all(ctxs.map((c) => c.watch()));
  } else {
    await Promise.all(entries.map((e) => esbuild.build(e)));
  }
})().catch((e) => { console.error(e); process.exit(1); });
