// The built-in functions per Flink version: generated from each version's jars (server/src/service/functions),
// merged with the docs' descriptions; completion and hover offer only the draft's version's functions.
import { strict as assert } from 'node:assert';
import { analyze, complete, hover } from '../../../server/src/service';
import catalog120 from '../../../server/src/service/functions/flink-1.20.json';
import catalog23 from '../../../server/src/service/functions/flink-2.3.json';
import { FUNCTION_ENTRIES } from '../../../server/src/service/sqlFunctionData';
import { builtinFunction, builtinFunctions } from '../../../server/src/service/sqlFunctions';
import { caret, item, labels } from './completionCaret';

const ORDERS = `CREATE TABLE orders (order_id BIGINT, payload STRING) WITH ('connector' = 'datagen');\n`;

function completeIn(version: '1.20' | '2.3', text: string) {
  const { position } = caret(text);
  const doc = analyze(text.replace('|', ''), undefined, version);
  return complete(doc, position);
}

function hoverIn(version: '1.20' | '2.3', text: string): string | undefined {
  const { position } = caret(text);
  const h = hover(analyze(text.replace('|', ''), undefined, version), position);
  return h ? (h.contents as { value: string }).value : undefined;
}

describe('built-in functions per Flink version', () => {
  it('are generated sorted, one entry per name, each with a kind', () => {
    for (const c of [catalog120, catalog23]) {
      const names = c.functions.map((f) => f.name);
      assert.deepEqual(names, [...names].sort(), c.flinkVersion);
      assert.equal(new Set(names).size, names.length);
      assert.ok(c.functions.every((f) => typeof f.kind === 'string' && Array.isArray(f.signatures)));
    }
    assert.ok(catalog23.functions.length > 250 && catalog120.functions.length > 200);
  });

  it('keep every description of the docs list (merged by name)', () => {
    const docsNames = new Set(FUNCTION_ENTRIES.map(([, sig]) => /^[A-Z_][A-Z0-9_]*/.exec(sig)![0]));
    for (const name of docsNames) {
      const fn = builtinFunction(name, '2.3') ?? builtinFunction(name, '1.20');
      assert.ok(fn, `${name} is in a generated list`);
      assert.ok(fn.signatures.length > 0 && fn.signatures[0].description, name);
    }
  });

  it('complete a 2.3-only function (PARSE_JSON, VARIANT) in 2.3 and not in 1.20', () => {
    const text = `${ORDERS}SELECT pars| FROM orders`;
    assert.ok(labels(completeIn('2.3', text)).includes('parse_json'));
    assert.ok(!labels(completeIn('1.20', text)).includes('parse_json'));
    assert.ok(labels(completeIn('1.20', `${ORDERS}SELECT | FROM orders`)).includes('UPPER'));
    assert.ok(!labels(completeIn('1.20', `${ORDERS}SELECT | FROM orders`)).includes('JSON_QUOTE'));
    assert.equal([...builtinFunctions('1.20')].some((f) => f.name === 'ML_PREDICT'), false);
  });

  it('follow the context’s flinkVersion over the document’s', () => {
    const { doc, position } = caret(`${ORDERS}SELECT | FROM orders`);
    assert.ok(!labels(complete(doc, position, { flinkVersion: '1.20' })).includes('PARSE_JSON'));
    assert.ok(labels(complete(doc, position, { flinkVersion: '2.3' })).includes('PARSE_JSON'));
  });

  it('hover with the generated signatures, after the docs’ text', () => {
    const upper = hoverIn('2.3', `${ORDERS}SELECT UPP|ER(payload) FROM orders`)!;
    assert.match(upper, /UPPER\(string\)/);
    assert.match(upper, /Returns string in uppercase\./);
    assert.match(upper, /Supported signatures \(Flink 2\.3\):\n```\nUPPER\(<CHARACTER>\)\n```/);
    const parse = hoverIn('2.3', `${ORDERS}SELECT PARSE_J|SON(payload) FROM orders`)!;
    assert.match(parse, /PARSE_JSON\(<CHARACTER_STRING>, <BOOLEAN>\)/);
    assert.equal(hoverIn('1.20', `${ORDERS}SELECT PARSE_J|SON(payload) FROM orders`), undefined);
    assert.match(hoverIn('1.20', `${ORDERS}SELECT UPP|ER(payload) FROM orders`)!, /Flink 1\.20/);
  });

  it('offer a generated-only function with its Flink signature as detail', () => {
    const bitmap = item(completeIn('2.3', `${ORDERS}SELECT BITMAP_BU| FROM orders`), 'BITMAP_BUILD');
    assert.match(bitmap.detail!, /^BITMAP_BUILD\(/);
  });
});
