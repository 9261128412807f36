// A re-parse that starts from the previous parse (parseScript's `previous`) must give exactly what a parse from
// scratch gives: the same statements (text, offsets, tree), the same lifted diagnostics with their line numbers.
// Random edits on a draft of real corpus statements, including the characters that move statement boundaries.
import * as assert from 'assert';
import { parseScript, StatementCache, type FlinkVersion, type ParsedScript } from '../../../server/src/parser';
import { loadCorpus } from './corpus';

function draftOf(count: number): string {
  const cases = loadCorpus().cases;
  const parts = cases.slice(0, count).map((c) => {
    const sql = c.sql.trim().replace(/;\s*$/, '');
    return sql.slice(sql.lastIndexOf('\n') + 1).includes('--') ? `${sql}\n;` : `${sql};`;
  });
  // a statement set (its inner `;` are not boundaries), comments and a statement without `;` at the end
  parts.splice(7, 0, 'EXECUTE STATEMENT SET BEGIN\nINSERT INTO a SELECT CASE WHEN x THEN 1 END FROM b;\nINSERT INTO c SELECT 1;\nEND;');
  parts.splice(20, 0, '/* a block ; comment */ -- a line ; comment\n// another');
  return `${parts.join('\n\n')}\nSELECT 1 FROM t`;
}

const PIECES = [';', "'", '"', '`', '--', '/*', '*/', '\n', ' ', 'x', 'BEGIN', 'END', 'STATEMENT SET BEGIN ', 'CASE ', ') ', '\r\n'];

function shape(script: ParsedScript) {
  return {
    statements: script.statements.map((s) => ({ text: s.text, start: s.start, end: s.end, diagnostics: s.diagnostics })),
    diagnostics: script.diagnostics,
  };
}

function check(version: FlinkVersion, seed: number, edits: number, withCache = true): void {
  let text = draftOf(120);
  const cache = withCache ? new StatementCache() : undefined;
  let previous = parseScript(text, cache, { flinkVersion: version });
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let i = 0; i < edits; i++) {
    const at = next() % (text.length + 1);
    const op = next() % 3;
    const removed = op === 0 ? 0 : 1 + (next() % (op === 1 ? 3 : 40));
    const inserted = op === 2 ? '' : PIECES[next() % PIECES.length];
    text = text.slice(0, at) + inserted + text.slice(at + removed);
    const incremental = parseScript(text, cache, { flinkVersion: version, previous });
    const fresh = parseScript(text, cache, { flinkVersion: version });
    const label = `edit ${i} (seed ${seed}) at ${at}: -${removed} +${JSON.stringify(inserted)}`;
    assert.deepStrictEqual(shape(incremental), shape(fresh), label);
    // the same cache entries, so the same trees (downstream caches key on the tree)
    if (cache) incremental.statements.forEach((s, k) => assert.strictEqual(s.node, fresh.statements[k].node, `${label}: tree ${k}`));
    previous = incremental;
  }
}

describe('incremental re-parse (parseScript with the previous parse)', function () {
  this.timeout(60_000); // hundreds of parses on a CI machine shared with other work
  it('equals a parse from scratch after each of 400 random edits (Flink 2.3)', () => check('2.3', 11, 400));
  it('equals a parse from scratch after each of 200 random edits (Flink 1.20)', () => check('1.20', 5, 200));

  it('equals a parse from scratch without a StatementCache too (the CLI and the formatter parse without one)', () => check('2.3', 3, 60, false));

  it('reuses nothing across Flink versions, and an unchanged text keeps every tree', () => {
    const text = draftOf(30);
    const cache = new StatementCache();
    const first = parseScript(text, cache);
    const again = parseScript(text, cache, { previous: first });
    assert.deepStrictEqual(shape(again), shape(first));
    const other = parseScript(text, cache, { flinkVersion: '1.20', previous: first });
    assert.deepStrictEqual(shape(other), shape(parseScript(text, new StatementCache(), { flinkVersion: '1.20' })));
  });

  it('a `;` typed inside a statement splits it, and deleting it joins them again', () => {
    const cache = new StatementCache();
    const a = 'SELECT 1;\nSELECT 2 FROM t WHERE x = 1;\nSELECT 3;';
    const p1 = parseScript(a, cache);
    const b = a.replace('FROM t', '; FROM t');
    const p2 = parseScript(b, cache, { previous: p1 });
    assert.deepStrictEqual(p2.statements.map((s) => s.text), ['SELECT 1', 'SELECT 2', 'FROM t WHERE x = 1', 'SELECT 3']);
    const p3 = parseScript(a, cache, { previous: p2 });
    assert.deepStrictEqual(p3.statements.map((s) => s.text), ['SELECT 1', 'SELECT 2 FROM t WHERE x = 1', 'SELECT 3']);
    assert.deepStrictEqual(shape(p3), shape(p1));
  });
});
