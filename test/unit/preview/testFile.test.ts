// Test files and mocks files: the zod schema, lines for every problem and row, and paths resolved beside the file.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { besideDraft, parseMocksFile, parseTestFile } from '../../../server/src/preview/testFile';

const FILE = path.join('/ws', 'orders.test.yaml');

describe('preview test files', () => {
  it('reads cases with inline and file sources, expectations, SET overrides and timeouts', () => {
    const text = [
      'draft: orders.flink.sql',
      'timeout: 20s',
      'cases:',
      '  - name: totals',
      '    set: { table.local-time-zone: UTC, parallelism.default: 1 }',
      '    sources:',
      '      orders:',
      '        rows:',
      '          - { id: 1, ts: "2024-01-01 00:00:01" }',
      '          - { id: 2, ts: "2024-01-01 00:00:02" }',
      '      customers: { file: fixtures/c.csv }',
      '    expect:',
      '      totals:',
      '        rows:',
      '          - { id: 1 }',
      '        ordered: true',
      '  - name: log',
      '    timeout: 500ms',
      '    expect:',
      '      alerts:',
      '        changelog:',
      '          - { op: +I, id: 1 }',
    ].join('\n');
    const { test, problems } = parseTestFile(FILE, text);
    assert.deepEqual(problems, []);
    assert.equal(test!.draft, path.join('/ws', 'orders.flink.sql'));
    const [a, b] = test!.cases;
    assert.equal(a.line, 4);
    assert.equal(a.timeoutMs, 20_000);
    assert.equal(b.timeoutMs, 500);
    assert.deepEqual(a.set, { 'table.local-time-zone': 'UTC', 'parallelism.default': '1' });
    assert.deepEqual(a.sources.orders, { rows: [{ id: 1, ts: '2024-01-01 00:00:01' }, { id: 2, ts: '2024-01-01 00:00:02' }], origin: { file: FILE, lines: [9, 10] } });
    assert.deepEqual(a.sources.customers, { file: path.join('/ws', 'fixtures', 'c.csv'), format: undefined });
    assert.equal(a.sourceLines.customers, 11);
    assert.equal(a.expect.totals.line, 13);
    assert.deepEqual(a.expect.totals.rowLines, [15]);
    assert.deepEqual(b.expect.alerts, { changelog: [{ op: '+I', id: 1 }], line: 20, rowLines: [22] });
  });

  it('puts each schema problem on its line', () => {
    const text = ['draft: d.flink.sql', 'cases:', '  - name: x', '    expect:', '      t:', '        rowz: []', '  - name: y', '    expect: {}', '    extra: 1'].join('\n');
    const { test, problems } = parseTestFile(FILE, text);
    assert.equal(test, undefined);
    assert.ok(problems.some((p) => p.line === 6 && /rows:.*changelog:/.test(p.message)), JSON.stringify(problems));
    assert.ok(problems.some((p) => p.line === 9 && /extra/.test(p.message)), JSON.stringify(problems));
  });

  it('refuses broken YAML, a missing draft, bad durations and duplicate case names', () => {
    assert.match(parseTestFile(FILE, 'draft: [').problems[0].message, /not valid YAML/);
    assert.match(parseTestFile(FILE, 'cases: []').problems.map((p) => p.message).join(), /draft/);
    assert.match(parseTestFile(FILE, 'draft: d\ntimeout: soon\ncases:\n  - { name: a, expect: { t: { rows: [] } } }').problems[0].message, /duration/);
    const dup = parseTestFile(FILE, 'draft: d\ncases:\n  - { name: a, expect: { t: { rows: [] } } }\n  - { name: a, expect: { t: { rows: [] } } }');
    assert.deepEqual(dup.problems, [{ file: FILE, line: 4, message: "two cases are named 'a'" }]);
  });

  it('reads a mocks file and names files beside the draft', () => {
    const { mocks, problems } = parseMocksFile('/ws/orders.mocks.yaml', 'mocks:\n  orders: fixtures/o.csv\n  users: { file: u.txt, format: json }\n');
    assert.deepEqual(problems, []);
    assert.deepEqual(mocks, { orders: { file: '/ws/fixtures/o.csv' }, users: { file: '/ws/u.txt', format: 'json' } });
    assert.equal(parseMocksFile('/ws/m.yaml', 'mocks:\n  orders: 3\n').problems[0].line, 2);
    assert.equal(besideDraft('/ws/orders.flink.sql', 'test'), '/ws/orders.test.yaml');
    assert.equal(besideDraft('/ws/plain.sql', 'mocks'), '/ws/plain.mocks.yaml');
  });
});
