// The installed product is the product: no string of the shipped bundles (messages, help, generated files)
// names a command or a path of this repository, which a user of the .vsix or of the CLI package does not have.
// Reads the built bundles (out/, `npm run build`); skipped when they are not built. Only string and template
// literals count: the comments esbuild keeps in a development build (module paths, doc comments) are no
// message, so the bundles are parsed rather than grepped.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';

const OUT = path.join(__dirname, '..', '..', '..', 'out');
const BUNDLES = ['extension.js', 'server.js', 'cli.js'];
const FORBIDDEN = ['npm run ', 'tools/sql-runner', 'scripts/flink-dist.json', 'scripts/connector-jars.json'];

/** Every string and template literal piece of `file` with the forbidden text it holds, with its line. */
function hits(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      for (const f of FORBIDDEN) {
        const at = node.text.indexOf(f);
        if (at >= 0) {
          const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
          found.push(`${path.basename(file)}:${line}: ${JSON.stringify(f)} in …${node.text.slice(Math.max(0, at - 80), at + f.length + 40)}…`);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('the installed product names no repository command', function () {
  this.timeout(60_000);

  for (const bundle of BUNDLES) {
    it(`out/${bundle}`, function () {
      const file = path.join(OUT, bundle);
      if (!fs.existsSync(file)) this.skip();
      const found = hits(file);
      assert.deepEqual(found, [], `strings of the shipped ${bundle} name the repository (name a palette command, a setting or a flink-sql command instead):\n${found.join('\n')}`);
    });
  }

  it('finds such a string (the check is not vacuous)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'no-repo-commands-'));
    const probe = path.join(dir, '.noRepoCommands-probe.js');
    fs.writeFileSync(probe, '// npm run build (a comment: fine)\nconst a = "run `npm run flink:install`";\nconst b = `see ${a} in tools/sql-runner`;\n');
    try {
      assert.deepEqual(hits(probe).map((h) => h.split(':').slice(0, 2).join(':')), ['.noRepoCommands-probe.js:2', '.noRepoCommands-probe.js:3']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
