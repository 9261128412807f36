// What the Test Explorer shows of a case's verdict, in plain Node: a failing sink's expected and received rows as a
// diff at its expectation, a second message at the draft statement that feeds it, errors where they belong.
import { strict as assert } from 'node:assert';
import { caseMessages, caseOutput } from '../../../client/src/tests/testMessages';
import { caseEvent, diffSides } from '../../../server/src/lsp/testHandlers';

const TEST = 'file:///ws/shop.test.yaml';
const DRAFT = 'file:///ws/shop.flink.sql';

describe('Test Explorer messages', () => {
  it('turns a failing sink into a diff at its expectation and a pointer to the statement that writes it', () => {
    const event = caseEvent({
      name: 'wrong on purpose', line: 14, status: 'failed', elapsedMs: 812, timedOut: false,
      sinks: [
        { sink: 'per_customer', ok: false, line: 18, draftLine: 10, diff: ['  { customer: "b", orders: 1 }', '- { customer: "a", orders: 2 }', '+ { customer: "a", orders: 1 }'] },
        { sink: 'alerts', ok: true, line: 22, draftLine: 11, diff: [] },
      ],
    });
    assert.equal(event.type, 'failed');
    assert.ok(event.type === 'failed');
    assert.deepEqual(event.sinks[0].expected, ['{ customer: "b", orders: 1 }', '{ customer: "a", orders: 2 }']);
    assert.deepEqual(event.sinks[0].actual, ['{ customer: "b", orders: 1 }', '{ customer: "a", orders: 1 }']);
    assert.deepEqual(caseMessages(event, TEST, DRAFT), [
      {
        message: 'per_customer: the rows differ (- expected, + received)',
        expected: '{ customer: "b", orders: 1 }\n{ customer: "a", orders: 2 }\n',
        actual: '{ customer: "b", orders: 1 }\n{ customer: "a", orders: 1 }\n',
        location: { uri: TEST, line: 18 },
      },
      { message: 'per_customer gets its rows here', location: { uri: DRAFT, line: 10 } },
    ]);
    assert.equal(caseOutput(event), [
      '✗ wrong on purpose (812 ms)',
      '    per_customer (line 18)',
      '        { customer: "b", orders: 1 }',
      '      - { customer: "a", orders: 2 }',
      '      + { customer: "a", orders: 1 }',
      '',
    ].join('\r\n'));
  });

  it('says why a sink could not be compared, without a diff', () => {
    const event = caseEvent({
      name: 'no such sink', line: 20, status: 'failed', elapsedMs: 5, timedOut: false,
      sinks: [{ sink: 'per_region', ok: false, line: 25, diff: [], problem: 'the draft writes no sink per_region (it writes per_customer)' }],
    });
    assert.deepEqual(caseMessages(event, TEST, DRAFT), [
      { message: 'per_region: the draft writes no sink per_region (it writes per_customer)', location: { uri: TEST, line: 25 } },
    ]);
  });

  it('puts an error on the draft or fixture line it names, else on the case', () => {
    const inDraft = caseEvent({ name: 'c', line: 4, status: 'error', elapsedMs: 9, timedOut: false, sinks: [], error: { file: '/ws/shop.flink.sql', line: 7, message: "Column 'nope' not found" } });
    assert.deepEqual(caseMessages(inDraft, TEST, DRAFT), [{ message: "Column 'nope' not found", location: { uri: DRAFT, line: 7 } }]);
    const nowhere = caseEvent({ name: 'c', line: 4, status: 'error', elapsedMs: 9, timedOut: false, sinks: [] });
    assert.deepEqual(caseMessages(nowhere, TEST, DRAFT), [{ message: 'the case did not run', location: { uri: TEST, line: 4 } }]);
  });

  it('has nothing to say about a passing case', () => {
    const event = caseEvent({ name: 'ok', line: 4, status: 'passed', elapsedMs: 1, timedOut: false, sinks: [{ sink: 's', ok: true, line: 6, draftLine: 3, diff: [] }] });
    assert.deepEqual(caseMessages(event, TEST, DRAFT), []);
    assert.equal(caseOutput(event), '✓ ok (1 ms)\r\n');
  });

  it('splits a diff into its two sides', () => {
    assert.deepEqual(diffSides(['  a', '- b', '+ c']), { expected: ['a', 'b'], actual: ['a', 'c'] });
    assert.deepEqual(diffSides([]), { expected: [], actual: [] });
  });
});
