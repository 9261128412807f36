// The planner's pre-parser (ExtendedParser) as our parser mirrors it: Flink's own test cases
// (ParserImplTest, SetOperationParseStrategyTest, ResetOperationParseStrategyTest) and the edges of its regexes.
import * as assert from 'assert';
import { parseScript } from '../../../server/src/parser';
import { parseExtendedCommand } from '../../../server/src/parser/extendedParser';

const errors = (sql: string) => parseScript(sql).diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);

describe('extended parser (Flink’s SET/RESET/HELP/QUIT strategies)', () => {
  it('takes unquoted SET and RESET with their key and value, as SetOperation/ResetOperation', () => {
    const set = parseExtendedCommand('SET table.local-time-zone = Europe/Berlin')!;
    assert.strictEqual(set.kind, 'set');
    assert.deepStrictEqual([(set.key as { value: string }).value, (set.value as { value: string }).value], ['table.local-time-zone', 'Europe/Berlin']);
    const quoted = parseExtendedCommand("SET pipeline.name = 'test name'")!;
    assert.strictEqual((quoted.value as { value: string }).value, 'test name');
    const reset = parseExtendedCommand('REsEt execution.runtime-type')!;
    assert.deepStrictEqual([reset.kind, (reset.key as { value: string }).value], ['reset', 'execution.runtime-type']);
    for (const bare of ['   SEt ', 'RESET;', 'ClEaR', 'hElP', 'qUIT', 'ExIT']) assert.ok(parseExtendedCommand(bare), bare);
  });

  it('leaves to the SQL parser what the strategies do not match', () => {
    for (const sql of ["SET 'table.local-time-zone' = Europe/Berlin", "RESET 'table.planner'", 'SET execution.runtime-type=', '-- c\nSET a.b = c', 'SET a = b -- c']) {
      assert.strictEqual(parseExtendedCommand(sql), undefined, sql);
    }
    // …where they are what Flink's SQL parser says of them
    assert.deepStrictEqual(errors("RESET 'table.planner'"), []);
    assert.match(errors('SET execution.runtime-type=')[0], /^Encountered "execution" at line 1, column 5/);
    assert.match(errors('-- c\nSET a.b = c')[0], /^Encountered "a" at line 2, column 5/);
  });

  it('keeps node offsets relative to the statement, on the key and the value', () => {
    const text = '  SET  parallelism.default =  2';
    const node = parseExtendedCommand(text)!;
    const key = node.key as { start: number; end: number };
    const value = node.value as { start: number; end: number };
    assert.strictEqual(text.slice(key.start, key.end), 'parallelism.default');
    assert.strictEqual(text.slice(value.start, value.end), '2');
  });
});
