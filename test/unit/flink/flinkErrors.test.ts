// Flink error bodies → message and position, on real answers of the Flink 2.3 SQL Gateway (fixtures/).
import { strict as assert } from 'node:assert';
import {
  cleanMessage, extractPosition, lineColumnToOffset, parseJavaTrace, summarizeErrorBody,
} from '../../../server/src/flink/flinkErrors';
import captured from './fixtures/gatewayErrors.json';

interface Captured { name: string; statement: string; status: number; body: { errors: string[] } }
const byName = (name: string) => {
  const c = (captured as Captured[]).find((x) => x.name === name);
  if (!c) throw new Error(`no fixture ${name}`);
  return { ...c, summary: summarizeErrorBody(c.body.errors) };
};

describe('flinkErrors', () => {
  it('every captured failure is an HTTP 500 with an errors array', () => {
    for (const c of captured as Captured[]) {
      assert.equal(c.status, 500, c.name);
      assert.ok(Array.isArray(c.body.errors) && c.body.errors.length > 0, c.name);
    }
  });

  it('unknown column: Calcite range, message without boilerplate', () => {
    const { summary, statement } = byName('unknownColumn');
    assert.equal(summary.message, "Column 'nam' not found in any table");
    assert.deepEqual(summary.position, { startLine: 1, startColumn: 25, endLine: 1, endColumn: 27 });
    assert.equal(statement.slice(24, 27), 'nam');
  });

  it('parse error: the offending token with a short list of expected tokens', () => {
    const { summary, statement } = byName('parseError');
    assert.match(summary.message, /^Encountered "src" at line 1, column 36\. Was expecting one of: <EOF>, "EXCEPT"/);
    assert.ok(!summary.message.includes('\n'));
    assert.deepEqual(summary.position, { startLine: 1, startColumn: 36, endLine: 1, endColumn: 38 });
    assert.equal(statement.slice(35, 38), 'src');
  });

  it('multi-line parse error points at line 3', () => {
    const { summary, statement } = byName('parseErrorMultiline');
    assert.equal(summary.position?.startLine, 3);
    const off = lineColumnToOffset(statement, 3, summary.position!.startColumn);
    assert.equal(statement.slice(off, off + 2), '>>');
  });

  it('incomplete statement: <EOF> position is one column', () => {
    const { summary } = byName('incomplete');
    assert.match(summary.message, /^Encountered "<EOF>"/);
    assert.deepEqual(summary.position, { startLine: 1, startColumn: 13, endLine: 1, endColumn: 13 });
  });

  it('unknown table and unknown function carry positions', () => {
    assert.equal(byName('unknownTable').summary.message, "Object 'nope' not found");
    assert.deepEqual(byName('unknownTable').summary.position, { startLine: 1, startColumn: 32, endLine: 1, endColumn: 35 });
    assert.match(byName('unknownFunction').summary.message, /No match found for function signature FOO/);
    assert.ok(byName('unknownFunction').summary.position);
  });

  it('connector errors: no position, headline plus root cause', () => {
    const missing = byName('missingOption').summary;
    assert.equal(missing.position, undefined);
    assert.match(missing.message, /^Unable to create a sink for writing table 'default_catalog\.default_database\.fs'\./);
    assert.match(missing.message, /Missing required options are: path$/);
    assert.match(byName('unknownConnector').summary.message, /Could not find any factory for identifier 'kafkaa'/);
    assert.match(byName('unsupportedOption').summary.message, /Unsupported options: rows-per-sec/);
  });

  it('casts: Flink cast rule without position, Calcite cast with one on line 2', () => {
    const flinkRule = byName('castNoPosition').summary;
    assert.equal(flinkRule.position, undefined);
    assert.match(flinkRule.message, /^The cast from TIMESTAMP type to NUMERIC type is not allowed/);
    const calcite = byName('castWithPosition').summary;
    assert.equal(calcite.message, 'Cast function cannot convert value of type INTEGER to type DATE');
    assert.deepEqual(calcite.position, { startLine: 2, startColumn: 3, endLine: 2, endColumn: 17 });
  });

  it('REST-level refusal (unknown operation) keeps the service message', () => {
    assert.match(byName('unknownOperation').summary.message, /Can not find the submitted operation/);
  });

  it('parseJavaTrace splits throwables and keeps multi-line messages', () => {
    const blocks = parseJavaTrace(byName('missingOption').body.errors[1]);
    assert.ok(blocks.length >= 4);
    assert.equal(blocks[0].className, 'org.apache.flink.table.gateway.api.utils.SqlGatewayException');
    const last = blocks[blocks.length - 1];
    assert.match(last.message, /Missing required options are:\s+path/);
  });

  it('extractPosition understands the three Calcite spellings', () => {
    assert.deepEqual(extractPosition('From line 2, column 3 to line 4, column 5: x'), { startLine: 2, startColumn: 3, endLine: 4, endColumn: 5 });
    assert.deepEqual(extractPosition('At line 7, column 9: x'), { startLine: 7, startColumn: 9, endLine: 7, endColumn: 9 });
    assert.deepEqual(extractPosition('Encountered "FROMM" at line 1, column 10.'), { startLine: 1, startColumn: 10, endLine: 1, endColumn: 14 });
    assert.equal(extractPosition('no position here'), undefined);
  });

  it('cleanMessage drops the caret excerpt newer Flink adds', () => {
    const m = 'SQL parse failed. From line 1, column 1 to line 1, column 5:\n    ELECT 1\n    ^^^^^\nNon-query expression encountered';
    assert.equal(cleanMessage(m), 'Non-query expression encountered');
  });

  it('lineColumnToOffset counts tabs as one column and clamps', () => {
    const t = 'a\n\tbc\nd';
    assert.equal(t[lineColumnToOffset(t, 2, 2)], 'b');
    assert.equal(lineColumnToOffset(t, 2, 99), 5);
    assert.equal(lineColumnToOffset(t, 9, 1), t.length);
  });
});

describe('cleanMessage: a Python UDF\'s traceback', () => {
  const traceback = (tail: string) => 'Cannot instantiate user-defined function \'nope\'. An exception was raised by the Python Proxy. Return Message: Traceback (most recent call last):\n'
    + '  File "/venv/lib/python3.11/site-packages/py4j/clientserver.py", line 617, in _call_proxy\n'
    + '    return_value = getattr(self.pool[obj_id], method)(*params)\n'
    + '  File "/venv/lib/python3.11/site-packages/pyflink/fn_execution/utils/operation_utils.py", line 331, in load_python_function\n'
    + '    return getattr(module, func_name)\n'
    + tail;

  it('keeps the message before it and the Python exception, not the frames', () => {
    assert.equal(cleanMessage(traceback('AttributeError: module \'text_udfs\' has no attribute \'nope\'\n')),
      'Cannot instantiate user-defined function \'nope\'. Python: AttributeError: module \'text_udfs\' has no attribute \'nope\'');
  });

  it('of a chained exception, names the last one', () => {
    const chained = traceback('KeyError: \'x\'\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n  File "m.py", line 3, in f\n    raise ValueError(\'bad\')\nValueError: bad\n');
    assert.equal(cleanMessage(chained), 'Cannot instantiate user-defined function \'nope\'. Python: ValueError: bad');
  });

  it('leaves a message without a traceback alone', () => {
    assert.equal(cleanMessage('Object \'x\' not found'), 'Object \'x\' not found');
  });
});
