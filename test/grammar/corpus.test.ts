// Runs the TextMate grammar over every statement of the Flink conformance corpus (real SQL from
// Flink's docs and parser tests) and checks properties that must hold for any Flink SQL text.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { tokenize, type Token } from './tokenizer';

const CORPUS = path.join(__dirname, '..', 'fixtures', 'corpus');
const S = '.flink-sql';

interface Statement {
  id: string;
  sql: string;
}

function statements(): Statement[] {
  return ['flink-docs.jsonl', 'flink-parser-tests.jsonl'].flatMap((f) =>
    fs.readFileSync(path.join(CORPUS, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Statement),
  );
}

const has = (t: Token, prefix: string) => t.scopes.some((s) => s.startsWith(prefix));
const QUOTED = ['string.quoted.single', 'support.type.property-name', 'variable.other.quoted', 'comment.'];

describe('grammar over the Flink SQL corpus', function () {
  this.timeout(60000);
  const all = statements();

  it('has the corpus to run on', () => assert.ok(all.length > 800, `only ${all.length} statements`));

  it('closes every begin/end rule by the end of each statement', async () => {
    const open: string[] = [];
    for (const st of all) {
      // The ';' stands for the statement end: a trailing WITH/SET may legitimately wait for the next line.
      const { depth } = await tokenize(`${st.sql}\n;`);
      if (depth !== 1) open.push(st.id);
    }
    assert.deepStrictEqual(open, []);
  });

  it("never leaves a ' or ` outside a string, option key, quoted identifier or comment", async () => {
    const loose: string[] = [];
    for (const st of all) {
      const { lines } = await tokenize(st.sql);
      for (const t of lines.flat()) {
        if (/['`]/.test(t.text) && !QUOTED.some((q) => has(t, q))) loose.push(`${st.id}: ${t.text}`);
      }
    }
    assert.deepStrictEqual(loose, []);
  });

  it("scopes every 'key' = 'value' pair as property name = string", async () => {
    // In Flink SQL a quoted string assigned a quoted string only occurs in option lists (WITH, SET,
    // ALTER ... SET, hints), so a plain-text count of such pairs is what the grammar must find.
    const mismatched: string[] = [];
    let total = 0;
    for (const st of all) {
      const expected = (st.sql.replace(/--.*$/gm, '').match(/'(?:[^']|'')*'\s*=\s*'/g) ?? []).length;
      const { lines } = await tokenize(st.sql);
      const tokens = lines.flat().filter((t) => t.text.trim() !== '' && !has(t, 'comment.'));
      let found = 0;
      tokens.forEach((t, i) => {
        const closesKey = t.scopes.includes('support.type.property-name' + S) && t.text.endsWith("'");
        const value = tokens[i + 2];
        if (closesKey && tokens[i + 1]?.text.trim() === '=' && value?.scopes.includes('string.quoted.single' + S)) {
          if (!value.scopes.includes('support.type.property-name' + S)) found++;
        }
      });
      total += found;
      if (found !== expected) mismatched.push(`${st.id}: ${found} of ${expected}`);
    }
    assert.deepStrictEqual(mismatched, []);
    assert.ok(total > 300, `only ${total} pairs in the corpus`);
  });
});
