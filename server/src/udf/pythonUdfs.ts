// PyFlink UDFs of a .py file, read from its text: module-level functions decorated with @udf / @udtf / @udaf /
// @udtaf and `name = udf(...)` assignments, with their declared input_types and result_type(s). Hand-written and
// tolerant on purpose: the editor must not run Python (the PyFlink environment may not exist yet, and importing a
// module runs its code), no Python parser is among our dependencies, and only the decorators' arguments matter —
// anything this scan cannot read is left out (types as `<ANY>`), never guessed.
import type { ArtifactUdfs, UdfInfo, UdfKind } from './types';

interface Tok { type: 'name' | 'string' | 'number' | 'op'; text: string; value?: string; line: number; col: number }
interface Line { toks: Tok[]; indent: number }

const KINDS: Record<string, UdfKind> = { udf: 'scalar', udtf: 'table', udaf: 'aggregate', udtaf: 'table_aggregate' };

/** Logical lines (brackets and backslashes join physical ones) of tokens; comments dropped, strings decoded. */
export function pythonLines(text: string): Line[] {
  const lines: Line[] = [];
  let cur: Tok[] = [];
  let indent = 0;
  let depth = 0;
  let line = 0;
  let lineStart = 0;
  const end = () => {
    if (cur.length) lines.push({ toks: cur, indent });
    cur = [];
  };
  for (let i = 0; i < text.length;) {
    const c = text[i];
    if (c === '\n') {
      line++;
      lineStart = ++i;
      if (depth === 0) end();
      continue;
    }
    if (c === '\\' && text[i + 1] === '\n') { i += 2; line++; lineStart = i; continue; }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') { i++; continue; }
    if (c === '#') { while (i < text.length && text[i] !== '\n') i++; continue; }
    const col = i - lineStart;
    if (!cur.length) indent = col;
    const str = /^([rRbBuUfF]{0,2})('''|"""|'|")/.exec(text.slice(i, i + 5));
    if (str) {
      const q = str[2];
      let j = i + str[0].length;
      let value = '';
      while (j < text.length && !text.startsWith(q, j)) {
        if (text[j] === '\\' && j + 1 < text.length) { value += text[j + 1]; j += 2; continue; }
        if (text[j] === '\n') { if (q.length === 1) break; line++; lineStart = j + 1; }
        value += text[j++];
      }
      cur.push({ type: 'string', text: text.slice(i, j + q.length), value, line, col });
      i = j + q.length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i, i + 200));
    if (word) { cur.push({ type: 'name', text: word[0], line, col }); i += word[0].length; continue; }
    const num = /^[0-9][0-9_.eExXa-fA-F]*/.exec(text.slice(i, i + 50));
    if (num) { cur.push({ type: 'number', text: num[0], line, col }); i += num[0].length; continue; }
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth = Math.max(0, depth - 1);
    const op = /^(\*\*|->|==|!=|<=|>=|:=)/.exec(text.slice(i, i + 2))?.[0] ?? c;
    cur.push({ type: 'op', text: op, line, col });
    i += op.length;
  }
  end();
  return lines;
}

/** A call's arguments split at its top-level commas: positional ones and `name=value` ones, as token runs. */
function callArgs(toks: Tok[], open: number): { positional: Tok[][]; keyword: Map<string, Tok[]>; end: number } {
  const positional: Tok[][] = [];
  const keyword = new Map<string, Tok[]>();
  let depth = 0;
  let arg: Tok[] = [];
  const flush = () => {
    if (!arg.length) return;
    if (arg.length > 2 && arg[0].type === 'name' && arg[1].text === '=') keyword.set(arg[0].text, arg.slice(2));
    else positional.push(arg);
    arg = [];
  };
  let i = open + 1;
  for (; i < toks.length; i++) {
    const t = toks[i];
    if (t.type === 'op' && '([{'.includes(t.text)) depth++;
    if (t.type === 'op' && ')]}'.includes(t.text)) {
      if (depth === 0) break;
      depth--;
    }
    if (depth === 0 && t.text === ',' && t.type === 'op') flush();
    else arg.push(t);
  }
  flush();
  return { positional, keyword, end: i };
}

/** A PyFlink type expression as Flink SQL spells it: `DataTypes.DECIMAL(10, 2)` → `DECIMAL(10, 2)`, `'BIGINT'` → `BIGINT`. */
export function pythonType(toks: Tok[]): string | undefined {
  if (toks.length === 1 && toks[0].type === 'string') return toks[0].value!.trim().toUpperCase() || undefined;
  // DataTypes.X(...) / T.X(...) / X(...), optionally followed by .not_null() / .nullable()
  let i = 0;
  while (i + 1 < toks.length && toks[i].type === 'name' && toks[i + 1].text === '.') i += 2;
  const head = toks[i];
  if (head?.type !== 'name' || toks[i + 1]?.text !== '(') return undefined;
  const { positional, keyword, end } = callArgs(toks, i + 1);
  const rest = toks.slice(end + 1).map((t) => t.text).join('');
  const notNull = rest === '.not_null()' ? ' NOT NULL' : '';
  if (rest && !notNull && rest !== '.nullable()') return undefined;
  const name = head.text.toUpperCase();
  const sub = (n: number) => (positional[n] ? pythonType(positional[n]) : undefined);
  const nums = positional.map((p) => (p.length === 1 && p[0].type === 'number' ? p[0].text : undefined));
  let sql: string | undefined;
  if (name === 'ARRAY' || name === 'MULTISET') sql = sub(0) && `${name}<${sub(0)}>`;
  else if (name === 'MAP') sql = sub(0) && sub(1) && `MAP<${sub(0)}, ${sub(1)}>`;
  else if (name === 'ROW') sql = rowType(positional[0] ?? keyword.get('row_fields'));
  else if (name === 'LOCAL_ZONED_TIMESTAMP') sql = `TIMESTAMP_LTZ${nums[0] ? `(${nums[0]})` : ''}`;
  else if (/^[A-Z_]+$/.test(name) && nums.every((n) => n !== undefined)) sql = `${name}${nums.length ? `(${nums.join(', ')})` : ''}`;
  return sql && sql + notNull;
}

/** `[DataTypes.FIELD("a", DataTypes.INT()), …]` → `ROW<a INT, …>`. */
function rowType(list: Tok[] | undefined): string | undefined {
  if (!list || list[0]?.text !== '[') return undefined;
  const items = callArgs(list, 0).positional;
  const fields: string[] = [];
  for (const f of items) {
    let i = 0;
    while (i + 1 < f.length && f[i].type === 'name' && f[i + 1].text === '.') i += 2;
    if (f[i]?.text.toUpperCase() !== 'FIELD' || f[i + 1]?.text !== '(') return undefined;
    const { positional } = callArgs(f, i + 1);
    const n = positional[0]?.[0];
    const t = positional[1] && pythonType(positional[1]);
    if (n?.type !== 'string' || !t) return undefined;
    fields.push(`${n.value} ${t}`);
  }
  return `ROW<${fields.join(', ')}>`;
}

function typeList(toks: Tok[] | undefined): (string | undefined)[] | undefined {
  if (!toks?.length) return undefined;
  if (toks[0].text === '[' || toks[0].text === '(') return callArgs(toks, 0).positional.map(pythonType);
  return [pythonType(toks)];
}

/** The decorator or call naming a UDF kind: `udf`, `pyflink.table.udf.udf`, `F.udtf`. */
function kindAt(toks: Tok[], at: number): { kind: UdfKind; open: number } | undefined {
  let i = at;
  while (i + 1 < toks.length && toks[i].type === 'name' && toks[i + 1].text === '.') i += 2;
  const kind = toks[i]?.type === 'name' ? KINDS[toks[i].text] : undefined;
  if (!kind) return undefined;
  return { kind, open: toks[i + 1]?.text === '(' ? i + 1 : -1 };
}

interface Params { names: string[]; min: number; max?: number }

/** `def f(self?, a, b=1, *rest)`: names and how many are required; `*args` leaves the maximum open. */
function defParams(toks: Tok[], open: number): Params {
  const { positional, keyword } = callArgs(toks, open);
  const names: string[] = [];
  let min = 0;
  let max: number | undefined = 0;
  for (const p of positional) {
    if (p[0].text === '*' || p[0].text === '**') { if (p[0].text === '*' && p.length > 1) max = undefined; continue; }
    if (p[0].type !== 'name' || p[0].text === 'self') continue;
    names.push(p[0].text);
    min++;
    if (max !== undefined) max++;
  }
  for (const name of keyword.keys()) {
    names.push(name);
    if (max !== undefined) max++;
  }
  return { names, min, max };
}

function describe(name: string, module: string, kind: UdfKind, call: ReturnType<typeof callArgs> | undefined, params: Params | undefined): UdfInfo {
  const inputs = typeList(call?.keyword.get('input_types'));
  const results = typeList(call?.keyword.get(kind === 'table' ? 'result_types' : 'result_type') ?? call?.keyword.get('result_type'));
  const result = results && results.every(Boolean) ? (results.length === 1 ? results[0] : `ROW<${results.map((r, i) => `f${i} ${r}`).join(', ')}>`) : undefined;
  const count = inputs?.length ?? params?.names.length ?? 0;
  const args = Array.from({ length: params?.max === undefined && params ? Math.max(count, params.min) : count }, (_, i) => ({
    ...(params?.names[i] ? { name: params.names[i] } : {}), type: inputs?.[i] ?? '<ANY>',
  }));
  const info: UdfInfo = { className: `${module}.${name}`, kind, language: 'python', inference: 'decorator', signatures: [{ arguments: args, ...(result ? { result } : {}) }] };
  // Declared input types fix the count Flink checks. Without them Flink takes any count (EXPLAIN passes), and the
  // Python worker calls the def with the call's arguments: a count its parameters refuse fails the running job.
  if (inputs && inputs.every(Boolean)) info.minArgs = info.maxArgs = inputs.length;
  else if (params) {
    info.minArgs = params.min;
    if (params.max !== undefined) info.maxArgs = params.max;
  }
  return info;
}

/** The UDFs `text` (the file `<module>.py`) defines at module level. */
export function pythonUdfs(text: string, module: string, artifact = `${module}.py`): ArtifactUdfs {
  const functions: UdfInfo[] = [];
  let decorator: { kind: UdfKind; call?: ReturnType<typeof callArgs> } | undefined;
  const defs = new Map<string, Params>();
  for (const { toks, indent } of pythonLines(text)) {
    if (indent !== 0) continue;
    const first = toks[0];
    if (first.text === '@') {
      const k = kindAt(toks, 1);
      decorator = k ? { kind: k.kind, call: k.open >= 0 ? callArgs(toks, k.open) : undefined } : decorator;
      continue;
    }
    const isDef = first.text === 'def' || (first.text === 'async' && toks[1]?.text === 'def');
    if (isDef) {
      const at = first.text === 'def' ? 1 : 2;
      const name = toks[at]?.type === 'name' ? toks[at].text : undefined;
      const params = toks[at + 1]?.text === '(' ? defParams(toks, at + 1) : undefined;
      if (name && params) defs.set(name, params);
      if (name && decorator) functions.push(describe(name, module, decorator.kind, decorator.call, params));
      decorator = undefined;
      continue;
    }
    decorator = undefined;
    // name = udf(func_or_lambda, result_type=…)
    if (first.type === 'name' && toks[1]?.text === '=' && toks[2]) {
      const k = kindAt(toks, 2);
      if (!k || k.open < 0) continue;
      const call = callArgs(toks, k.open);
      const target = call.positional[0];
      let params: Params | undefined;
      if (target?.[0]?.text === 'lambda') {
        const colon = target.findIndex((t) => t.text === ':');
        const names = target.slice(1, colon).filter((t) => t.type === 'name').map((t) => t.text);
        params = { names, min: names.length, max: names.length };
      } else if (target?.length === 1 && target[0].type === 'name') {
        params = defs.get(target[0].text);
      }
      functions.push(describe(first.text, module, k.kind, call, params));
    }
  }
  return { artifact, functions, failed: [] };
}
