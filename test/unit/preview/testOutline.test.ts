// The Test Explorer's reading of a test file: other YAML left out, cases and expected sinks on their lines, and
// problems (schema, a draft that is not there) on theirs.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { outlineTestFile } from '../../../server/src/preview/testOutline';

const FILE = path.join('/ws', 'shop.test.yaml');
const URI = pathToFileURL(FILE).toString();
const DRAFT = pathToFileURL(path.join('/ws', 'shop.flink.sql')).toString();
const exists = (p: string) => p === path.join('/ws', 'shop.flink.sql');

const TEXT = `# counts per customer
draft: shop.flink.sql
timeout: 20s
cases:
  - name: counts per customer
    sources:
      orders: { file: orders.csv }
    expect:
      per_customer:
        rows:
          - { customer: bob, orders: 1 }
      alerts:
        changelog: []
  - name: wrong on purpose
    expect:
      per_customer:
        rows: []
`;

describe('test file outline (Test Explorer)', () => {
  it('lists the cases and their expected sinks with their lines', () => {
    const o = outlineTestFile(FILE, TEXT, exists);
    assert.deepEqual(o, {
      isTestFile: true,
      draft: DRAFT,
      problems: [],
      cases: [
        { name: 'counts per customer', line: 5, sinks: [{ sink: 'per_customer', line: 9 }, { sink: 'alerts', line: 12 }] },
        { name: 'wrong on purpose', line: 14, sinks: [{ sink: 'per_customer', line: 16 }] },
      ],
    });
  });

  it('leaves out YAML that names no draft (a CI workflow, a list, broken YAML without draft:)', () => {
    for (const text of ['on: push\njobs: {}\n', '- a\n- b\n', '', 'key: [', 'cases: []\n']) {
      assert.deepEqual(outlineTestFile(FILE, text, exists), { isTestFile: false, cases: [], problems: [] }, text);
    }
  });

  it('keeps a test file with problems in the tree, each problem on its line, no cases', () => {
    const o = outlineTestFile(FILE, 'draft: shop.flink.sql\ncases:\n  - name: x\n    expect:\n      t:\n        rowz: []\n', exists);
    assert.equal(o.isTestFile, true);
    assert.deepEqual(o.cases, []);
    assert.equal(o.problems.length, 1);
    assert.equal(o.problems[0].uri, URI);
    assert.equal(o.problems[0].line, 6);
    assert.match(o.problems[0].message, /rows:.*changelog:/);
  });

  it('says so on the draft: line when the draft is not there', () => {
    const o = outlineTestFile(FILE, TEXT.replace('draft: shop.flink.sql', 'draft: gone.flink.sql'), exists);
    assert.deepEqual(o.cases, []);
    assert.deepEqual(o.problems, [{ uri: URI, line: 2, message: 'the draft gone.flink.sql does not exist (draft: is relative to this file)' }]);
  });
});
