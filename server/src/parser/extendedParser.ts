// The statements a running Flink takes before its SQL parser sees them: the planner's ExtendedParser
// (flink-table-planner, org.apache.flink.table.planner.parse) tries regex strategies on the whole
// statement text first — SET / RESET with unquoted keys and values, CLEAR, HELP, QUIT / EXIT — and
// only hands the text to the SQL parser when none matches. The patterns are Flink 2.3.0's, read from
// the classes in flink-table-planner_2.12-2.3.0.jar (javap), flags CASE_INSENSITIVE | DOTALL, and
// matched against String#trim() of the text, as AbstractRegexParseStrategy#match does.
import type { StatementNode } from './index';

// Java's `\s` is [ \t\n\x0B\f\r]; JavaScript's is wider (Unicode spaces), so spell Java's out.
const S = '[ \\t\\n\\x0B\\f\\r]';
const NOT_S_OR_QUOTE = "[^' \\t\\n\\x0B\\f\\r]";

/** SetOperationParseStrategy: `SET(\s+(?<key>[^'\s]+)\s*=\s*('(?<quotedVal>[^']*)'|(?<val>[^;\s]+)))?\s*;?` */
const SET = new RegExp(`^SET(${S}+(${NOT_S_OR_QUOTE}+)${S}*=${S}*('([^']*)'|([^; \\t\\n\\x0B\\f\\r]+)))?${S}*;?$`, 'is');
/** ResetOperationParseStrategy: `RESET(\s+(?<key>[^'\s]+)\s*)?\s*;?` */
const RESET = new RegExp(`^RESET(${S}+(${NOT_S_OR_QUOTE}+)${S}*)?${S}*;?$`, 'is');
/** ClearOperationParseStrategy, HelpOperationParseStrategy, QuitOperationParseStrategy. */
const CLIENT = new RegExp(`^(CLEAR|HELP|EXIT|QUIT)${S}*;?$`, 'is');

/** Java's String#trim: strips every character up to U+0020 at both ends. Returns [start, end). */
function javaTrim(text: string): [number, number] {
  let s = 0;
  let e = text.length;
  while (s < e && text.charCodeAt(s) <= 32) s++;
  while (e > s && text.charCodeAt(e - 1) <= 32) e--;
  return [s, e];
}

function span(value: string, start: number) {
  return { kind: 'string' as const, value, start, end: start + value.length };
}

/**
 * The node Flink's pre-parser would build for `text` (a statement without its `;`), or undefined when
 * the text goes to the SQL parser. Offsets are relative to `text`, like every statement node.
 */
export function parseExtendedCommand(text: string): StatementNode | undefined {
  const [s, e] = javaTrim(text);
  const body = text.slice(s, e);
  const first = body.charCodeAt(0) | 32;
  // cheap guard: every strategy starts with one of these letters
  if (first !== 0x73 && first !== 0x72 && first !== 0x63 && first !== 0x68 && first !== 0x65 && first !== 0x71) return undefined;
  const set = SET.exec(body);
  if (set) {
    const node: StatementNode = { kind: 'set', extended: true, start: s, end: e };
    if (set[2] !== undefined) {
      const keyAt = s + body.indexOf(set[2], 3);
      node.key = span(set[2], keyAt);
      const raw = set[3];
      const rawAt = s + set.index + set[0].lastIndexOf(raw);
      node.value = set[4] !== undefined ? { kind: 'string', value: set[4], start: rawAt, end: rawAt + raw.length } : span(raw, rawAt);
    }
    return node;
  }
  const reset = RESET.exec(body);
  if (reset) {
    const node: StatementNode = { kind: 'reset', extended: true, start: s, end: e };
    if (reset[2] !== undefined) node.key = span(reset[2], s + body.indexOf(reset[2], 5));
    return node;
  }
  const client = CLIENT.exec(body);
  if (client) return { kind: 'clientCommand', command: client[1].toUpperCase() === 'EXIT' ? 'QUIT' : client[1].toUpperCase(), start: s, end: e };
  return undefined;
}
