// Scope from tokens, for the statement being typed (which rarely parses): the tables after FROM / JOIN with
// their aliases, CTE names, and the columns declared so far in a CREATE TABLE's schema.
import { parseScript, RESERVED, type QueryNode, type Token } from '../parser';
import { identValue, isIdentToken } from './completionCursor';
import type { ColumnInfo, Resolver, TableInfo } from './scope';
import { queryColumns, type ScopeEntry } from './scopeQuery';

// Subqueries and CTE bodies of the statement being typed are usually complete: parse just their text (cached by
// text, so typing in the outer query does not parse them again) to learn their output columns.
const subqueries = new Map<string, QueryNode | null>();

function subqueryColumns(text: string, resolve: Resolver): ColumnInfo[] {
  let node = subqueries.get(text);
  if (node === undefined) {
    const stmt = parseScript(text).statements[0];
    node = stmt?.node?.kind === 'query' && !stmt.diagnostics.some((d) => d.severity === 'error') ? (stmt.node as QueryNode) : null;
    if (subqueries.size >= 200) subqueries.delete(subqueries.keys().next().value!);
    subqueries.set(text, node);
  }
  if (!node) return [];
  return queryColumns(node, resolve, (sp) => text.slice(sp.start, sp.end).replace(/\s+/g, ' ').trim());
}

/** The text between the `(` at `open` and its matching `)`. */
function innerText(tokens: readonly Token[], open: number, close: number, text: string): string {
  return close > open + 1 ? text.slice(tokens[open].end, tokens[close - 1].end) : '';
}

const isOp = (t: Token | undefined, op: string) => !!t && t.type === 'op' && t.text === op;
const isKw = (t: Token | undefined, kw: string) => !!t && t.type === 'word' && t.upper === kw;

/** Index of the `)` matching the `(` at `open` (or the last token when unbalanced). */
export function matching(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isOp(tokens[i], '(')) depth++;
    else if (isOp(tokens[i], ')') && --depth === 0) return i;
  }
  return tokens.length - 1;
}

/** A qualified name starting at `i`: its parts and the index after it. */
function nameAt(tokens: readonly Token[], i: number): { parts: string[]; next: number } | undefined {
  if (!isIdentToken(tokens[i])) return undefined;
  const parts = [identValue(tokens[i])];
  let j = i + 1;
  while (isOp(tokens[j], '.') && isIdentToken(tokens[j + 1])) {
    parts.push(identValue(tokens[j + 1]));
    j += 2;
  }
  return { parts, next: j };
}

const NOT_ALIAS = new Set(['ON', 'USING', 'WHERE', 'GROUP', 'ORDER', 'HAVING', 'LIMIT', 'JOIN', 'LEFT', 'RIGHT', 'INNER', 'FULL',
  'CROSS', 'NATURAL', 'UNION', 'WINDOW', 'FOR', 'MATCH_RECOGNIZE', 'EXCEPT', 'INTERSECT', 'MINUS', 'QUALIFY', 'OFFSET', 'FETCH',
  'LATERAL', 'TABLESAMPLE', 'AS', 'OUTER', 'SELECT', 'VALUES', 'FROM']);

function aliasAt(tokens: readonly Token[], i: number): { alias?: string; next: number } {
  let j = i;
  if (isKw(tokens[j], 'AS')) j++;
  const t = tokens[j];
  if (t && (t.type === 'quoted' || (t.type === 'word' && !RESERVED.has(t.upper) && !NOT_ALIAS.has(t.upper)))) {
    return { alias: identValue(t), next: j + 1 };
  }
  return { next: j };
}

/** WITH name [(cols)] AS ( … ): the CTE names are tables (their columns unknown while the text is broken). */
export function tokenCtes(tokens: readonly Token[], text?: string, resolve?: Resolver): Map<string, TableInfo> {
  const ctes = new Map<string, TableInfo>();
  for (let i = 0; i < tokens.length; i++) {
    if ((isKw(tokens[i], 'WITH') || (isOp(tokens[i], ',') && ctes.size)) && isIdentToken(tokens[i + 1])) {
      let j = i + 2;
      if (isOp(tokens[j], '(')) j = matching(tokens, j) + 1;
      if (isKw(tokens[j], 'AS') && isOp(tokens[j + 1], '(')) {
        const name = identValue(tokens[i + 1]);
        const outer = resolve && ((parts: string[]) => (parts.length === 1 ? ctes.get(parts[0].toLowerCase()) : undefined) ?? resolve(parts));
        const columns = text && outer ? subqueryColumns(innerText(tokens, j + 1, matching(tokens, j + 1), text), outer) : [];
        ctes.set(name.toLowerCase(), { name, path: [name], kind: 'cte', columns });
      }
    }
  }
  return ctes;
}

/** Tables after FROM / JOIN / `,` anywhere in the segment (CTE names included), resolved. */
export function tokenScope(tokens: readonly Token[], resolve: Resolver, text?: string, caret?: number): ScopeEntry[] {
  const out: ScopeEntry[] = [];
  const ctes = tokenCtes(tokens, text, resolve);
  const res: Resolver = (parts) => (parts.length === 1 ? ctes.get(parts[0].toLowerCase()) : undefined) ?? resolve(parts);
  // Only FROM clauses at the caret's level or around it: not those of sibling subqueries or CTE bodies.
  const enclosing = new Set<number>([-1]);
  const innermost: number[] = [];
  const stack: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    innermost.push(stack.length ? stack[stack.length - 1] : -1);
    if (isOp(tokens[i], '(')) stack.push(i);
    else if (isOp(tokens[i], ')')) stack.pop();
  }
  if (caret !== undefined) {
    const open: number[] = [];
    for (let i = 0; i < tokens.length && tokens[i].end <= caret; i++) {
      if (isOp(tokens[i], '(')) open.push(i);
      else if (isOp(tokens[i], ')')) open.pop();
    }
    for (const o of open) enclosing.add(o);
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!isKw(t, 'FROM') && !isKw(t, 'JOIN')) continue;
    if (caret !== undefined && !enclosing.has(innermost[i])) continue;
    let j = i + 1;
    for (;;) {
      if (isKw(tokens[j], 'LATERAL')) j++;
      const item = fromItem(tokens, j, res, text);
      if (!item) break;
      if (item.entry) out.push(item.entry);
      j = item.next;
      if (!isKw(t, 'FROM') || !isOp(tokens[j], ',')) break;
      j++;
    }
  }
  return out;
}

function fromItem(tokens: readonly Token[], i: number, resolve: Resolver, text?: string): { entry?: ScopeEntry; next: number } | undefined {
  const t = tokens[i];
  if (!t) return undefined;
  if (isKw(t, 'TABLE') && isOp(tokens[i + 1], '(')) {
    // TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), …)): the input table plus the window columns.
    const close = matching(tokens, i + 1);
    let input: TableInfo | undefined;
    let inputName: string | undefined;
    for (let k = i + 2; k < close; k++) {
      const n = isKw(tokens[k], 'TABLE') ? nameAt(tokens, k + 1) : undefined;
      if (n) {
        input = resolve(n.parts);
        inputName = n.parts[n.parts.length - 1];
      }
    }
    const fn = tokens[i + 2]?.type === 'word' ? tokens[i + 2].upper : 'TABLE';
    const a = aliasAt(tokens, close + 1);
    const name = a.alias ?? inputName;
    const columns: ColumnInfo[] = [...(input?.columns ?? []), ...['window_start', 'window_end', 'window_time'].map(
      (c): ColumnInfo => ({ name: c, kind: 'computed', type: 'TIMESTAMP(3)', note: 'added by the window table-valued function' }),
    )];
    const label = `${fn}(${inputName ?? ''})`;
    return { entry: name ? { alias: name, table: { name: label, path: [label], kind: 'window TVF', columns } } : undefined, next: a.next };
  }
  if (isOp(t, '(')) {
    const close = matching(tokens, i);
    const a = aliasAt(tokens, close + 1);
    // Flink allows an unaliased derived table; its columns are still visible unqualified.
    const name = a.alias ?? '(subquery)';
    const columns = text ? subqueryColumns(innerText(tokens, i, close, text), resolve) : [];
    return { entry: { alias: name, table: { name, path: [name], kind: 'subquery', columns } }, next: a.next };
  }
  const n = nameAt(tokens, i);
  if (!n) return undefined;
  let j = n.next;
  // Hints and FOR SYSTEM_TIME AS OF <expr> sit between the name and the alias.
  if (tokens[j]?.type === 'hintStart') {
    while (j < tokens.length && tokens[j].type !== 'hintEnd') j++;
    j++;
  }
  if (isKw(tokens[j], 'FOR') && isKw(tokens[j + 1], 'SYSTEM_TIME')) {
    j += 2;
    while (j < tokens.length && !isKw(tokens[j], 'AS')) j++;
    j++; // AS
    while (j < tokens.length && (isKw(tokens[j], 'OF') || isIdentToken(tokens[j]) || isOp(tokens[j], '.')) && !isKw(tokens[j], 'AS')) j++;
  }
  const a = aliasAt(tokens, j);
  const table = resolve(n.parts) ?? { name: n.parts[n.parts.length - 1], path: n.parts, kind: 'table' as const, columns: [] };
  return { entry: { alias: a.alias ?? table.name, table }, next: a.next };
}

/**
 * The columns declared in a CREATE TABLE's schema `( … )` (the first parenthesis after the name), for the
 * statement being typed; `text` is the statement text the token offsets point into.
 */
export function schemaColumns(tokens: readonly Token[], text: string): { name: string; open: number; columns: ColumnInfo[] } | undefined {
  if (!isKw(tokens[0], 'CREATE') && !isKw(tokens[0], 'REPLACE')) return undefined;
  const tableAt = tokens.findIndex((t, i) => i < 6 && isKw(t, 'TABLE'));
  if (tableAt < 0) return undefined;
  let i = tableAt + 1;
  if (isKw(tokens[i], 'IF')) i += 3;
  const n = nameAt(tokens, i);
  if (!n || !isOp(tokens[n.next], '(')) return undefined;
  const open = n.next;
  const close = matching(tokens, open);
  const columns: ColumnInfo[] = [];
  let k = open + 1;
  while (k < close) {
    let end = k;
    let depth = 0;
    let angle = 0;
    while (end < close) {
      const t = tokens[end];
      if (isOp(t, '(')) depth++;
      else if (isOp(t, ')')) depth--;
      else if (isOp(t, '<')) angle++;
      else if (isOp(t, '>')) angle--;
      else if (isOp(t, ',') && depth === 0 && angle <= 0) break;
      end++;
    }
    const first = tokens[k];
    if (isIdentToken(first) && !(first.type === 'word' && ['PRIMARY', 'WATERMARK', 'CONSTRAINT', 'UNIQUE', 'PERIOD'].includes(first.upper))) {
      const rest = tokens.slice(k + 1, end);
      const name = identValue(first);
      if (isKw(rest[0], 'AS')) {
        columns.push({ name, kind: 'computed', note: text.slice(rest[0].start, rest[rest.length - 1].end) });
      } else {
        const metaAt = rest.findIndex((t) => isKw(t, 'METADATA'));
        const typeEnd = rest.findIndex((t) => ['NOT', 'NULL', 'METADATA', 'COMMENT', 'PRIMARY', 'CONSTRAINT'].includes(t.upper));
        const typeToks = rest.slice(0, typeEnd < 0 ? rest.length : typeEnd);
        const type = typeToks.length ? text.slice(typeToks[0].start, typeToks[typeToks.length - 1].end).replace(/\s+/g, ' ') : undefined;
        columns.push({ name, kind: metaAt >= 0 ? 'metadata' : 'physical', type });
      }
    }
    k = end + 1;
  }
  return { name: n.parts[n.parts.length - 1], open, columns };
}
