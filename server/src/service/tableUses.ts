// Where a statement names a table it reads, writes, copies or alters: FROM / JOIN items and INSERT targets with
// their `/*+ OPTIONS(…) */` hints, `LIKE`, `ALTER TABLE … SET / RESET`. Kept per statement tree (the parser's
// cache hands back the same tree for unchanged text), so asking again on a keystroke costs a lookup.
import { walk, type HintNode, type InsertNode, type OptionNode, type QualifiedName, type StatementNode, type StringLit, type TextSpan } from '../parser';

export interface TableUse {
  /** The name as written, one entry per dotted part. */
  parts: string[];
  /** The last part in lower case: what callers index tables by. */
  key: string;
  /** The name's span, relative to the statement. */
  start: number;
  end: number;
  /**
   * read: FROM / JOIN (and a view's or CTAS's query); write: INSERT target; like: `CREATE TABLE … LIKE`;
   * set / reset: `ALTER TABLE … SET (…)` / `RESET (…)`.
   */
  kind: 'read' | 'write' | 'like' | 'set' | 'reset';
  /** OPTIONS hint options of a read or write (Flink's dynamic table options), the options of a SET. */
  options?: [string, string][];
  /** Where each of `options` is written (relative to the statement), in the same order. */
  spans?: { key: TextSpan; value: TextSpan }[];
  /** The keys of a RESET. */
  keys?: string[];
}

const byTree = new WeakMap<StatementNode, TableUse[]>();

export function tableUses(node: StatementNode): TableUse[] {
  let uses = byTree.get(node);
  if (!uses) byTree.set(node, (uses = collectUses(node)));
  return uses;
}

function collectUses(node: StatementNode): TableUse[] {
  const out: TableUse[] = [];
  const use = (name: QualifiedName | undefined, kind: TableUse['kind'], extra: Partial<TableUse> = {}) => {
    if (!name?.parts?.length) return;
    const parts = name.parts.map((p) => p.value);
    out.push({ parts, key: parts[parts.length - 1].toLowerCase(), start: name.start, end: name.end, kind, ...extra });
  };
  if (node.kind === 'alterTable') {
    if (node.action === 'set') use(node.name, 'set', { options: optionPairs(node.options as OptionNode[] | undefined) });
    else if (node.action === 'reset') use(node.name, 'reset', { keys: ((node.keys as StringLit[] | undefined) ?? []).map((k) => k.value) });
    return out;
  }
  if (node.kind === 'createTable') use((node.like as { name?: QualifiedName } | undefined)?.name, 'like');
  walk(node, (n) => {
    if (n.kind === 'tableRef') {
      const ref = n as unknown as { name: QualifiedName; hints?: HintNode[] };
      use(ref.name, 'read', hintOptions(ref.hints));
    } else if (n.kind === 'insert') {
      const ins = n as unknown as InsertNode;
      use(ins.target, 'write', hintOptions(ins.targetHints));
    }
  });
  return out;
}

function hintOptions(hints: HintNode[] | undefined): Partial<TableUse> {
  const nodes = (hints ?? []).filter((h) => h.name?.value?.toUpperCase() === 'OPTIONS').flatMap((h) => (h.options ?? []).filter((o) => o?.key && o.value));
  return nodes.length ? { options: optionPairs(nodes), spans: nodes.map((o) => ({ key: { start: o.key.start, end: o.key.end }, value: { start: o.value.start, end: o.value.end } })) } : {};
}

function optionPairs(options: OptionNode[] | undefined): [string, string][] {
  return (options ?? []).filter((o) => o?.key && o.value).map((o) => [o.key.value, o.value.value]);
}
