// The plan graph of one EXPLAIN: Flink's stream graph (the JSON execution plan) with each operator's changelog
// mode and keys from the optimized plans, and whether it keeps state. Pure: built from the text Flink returned.
import { z } from 'zod';
import type { Range } from 'vscode-languageserver-types';
import { stateCleanup, type StateCleanup } from './operatorState';

/** Where in the draft an operator comes from: a clause, a table's use or definition, the INSERT. */
export interface PlanSource {
  range: Range;
  role: 'clause' | 'use' | 'definition' | 'statement';
}

export interface PlanNode {
  /** The stream graph's id ("7"): unique in its graph only. */
  id: string;
  /**
   * Stable across two plans of the same draft (Flink's numeric ids are not): kind, table or sinks it feeds, and
   * its ordinal among such nodes. What a comparison of two versions matches on.
   */
  key: string;
  /** GroupAggregate, Calc, Join, Source, Sink, ConstraintEnforcer… */
  kind: string;
  /** Flink's operator name ("GroupAggregate[6]", "Source: orders[3]", "totals[7]: Writer"). */
  name: string;
  /** Flink's description of the operator, as Flink wrote it. */
  description: string;
  parallelism: number;
  /** What the operator emits (I, UB, UA, D), from the CHANGELOG_MODE detail; for a sink what it consumes. */
  changelogMode?: string;
  /** The key a unique row per value is kept on (GROUP BY keys, ChangelogNormalize / Deduplicate keys). */
  upsertKey?: string[];
  /** The columns its input is hash-partitioned on (its keyed state's key). */
  stateKey?: string[];
  /** Keeps keyed state: freed by the TTL or by time; `ttl` is the TTL in force for a `ttl` operator. */
  state?: { cleanup: StateCleanup; ttl?: string };
  /** The source or sink table (its object name). */
  table?: string;
  /** The sink tables this operator feeds (object names; `collect` for a query's result). */
  sinks: string[];
  /** Draft lines it comes from, most specific first (filled by planSources.ts). */
  sources: PlanSource[];
  /** In an upgrade's side by side: what happens to this operator's state (plan/upgradeMarks.ts). */
  upgrade?: NodeUpgrade;
}

/**
 * `restored`: the state carries over (its operator id is in both versions, the key reads); `dropped`: the running
 * version's state has no operator to go to; `incompatible`: same id, another key, Flink cannot read it; `fresh`: the
 * new version's operator keeps state but none was saved for its id, so it starts empty.
 */
export interface NodeUpgrade {
  mark: 'restored' | 'dropped' | 'incompatible' | 'fresh';
  operatorId: string;
  /** One line for the node's tooltip and the table. */
  text: string;
}

export interface PlanEdge {
  from: string;
  to: string;
  /** FORWARD, HASH, REBALANCE, GLOBAL… */
  shipStrategy: string;
}

export interface PlanGraph {
  /** The draft statement this graph plans (an INSERT, a statement set, a query). */
  statement: { range: Range; label: string };
  nodes: PlanNode[];
  edges: PlanEdge[];
}

const streamGraphSchema = z.object({
  nodes: z.array(z.object({
    id: z.number(),
    type: z.string(),
    pact: z.string().optional(),
    contents: z.string(),
    parallelism: z.number(),
    predecessors: z.array(z.object({ id: z.number(), ship_strategy: z.string() })).optional(),
  })),
});

/** The sections of Flink's EXPLAIN text ("== Optimized Physical Plan ==" → its lines). */
export function explainSections(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /^== (.+?) ==$/gm;
  const heads = [...text.matchAll(re)];
  heads.forEach((h, i) => out.set(h[1], text.slice(h.index! + h[0].length, heads[i + 1]?.index ?? text.length).trim()));
  return out;
}

/** One line of a printed plan tree ("+- Calc(select=[…])") with its children. */
export interface TreeNode {
  text: string;
  kind: string;
  children: TreeNode[];
}

/** Flink's printed plan trees (blocks separated by blank lines; `+- ` / `:- ` mark a child three columns in). */
export function parsePlanTrees(section: string): TreeNode[] {
  const roots: TreeNode[] = [];
  let stack: { depth: number; node: TreeNode }[] = [];
  for (const line of section.split('\n')) {
    if (!line.trim()) { stack = []; continue; }
    const m = /^((?:[: ] {2})*)(?:[+:]- )?/.exec(line)!;
    const marked = /[+:]- $/.test(m[0]);
    const depth = marked ? m[1].length / 3 + 1 : 0;
    const text = line.slice(m[0].length);
    const node: TreeNode = { text, kind: operatorKind(text), children: [] };
    while (stack.length && stack[stack.length - 1].depth >= depth) stack.pop();
    if (stack.length) stack[stack.length - 1].node.children.push(node);
    else roots.push(node);
    stack.push({ depth, node });
  }
  return roots;
}

/** "GroupAggregate(groupBy=…)" → "GroupAggregate"; "ConstraintEnforcer[NotNull…]" → "ConstraintEnforcer". */
export function operatorKind(description: string): string {
  return /^[A-Za-z]+/.exec(description)?.[0] ?? description;
}

/** `name=[a, b]` of a description, as its comma-separated items ("hash[user_id]" keeps its brackets). */
export function attribute(description: string, name: string): string[] | undefined {
  const at = description.indexOf(`${name}=[`);
  if (at < 0 || (at > 0 && /\w/.test(description[at - 1]))) return undefined;
  let depth = 0;
  const from = at + name.length + 2;
  for (let i = from; i < description.length; i++) {
    const c = description[i];
    if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') {
      if (depth === 0) return splitTop(description.slice(from, i));
      depth--;
    }
  }
  return undefined;
}

function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0, start = 0;
  for (let i = 0; i < s.length; i++) {
    if ('[('.includes(s[i])) depth++;
    else if ('])'.includes(s[i])) depth--;
    else if (s[i] === ',' && depth === 0) { out.push(s.slice(start, i).trim()); start = i + 1; }
  }
  const last = s.slice(start).trim();
  if (last) out.push(last);
  return out;
}

interface ExecInfo { tree: TreeNode; changelogMode?: string; consumes?: string }

const REUSE_ID = /\(reuse_id=\[(\d+)\]\)$/;
const REUSED = /^Reused\(reference_id=\[(\d+)\]\)/;

/**
 * Exec nodes by their id: Flink numbers them as it converts the plan, inputs first (post-order over each sink's
 * tree, a reused node once), so the n-th exec node met is the one the stream graph calls `[base+n]`.
 */
function execNodes(execSection: string, physicalSection: string, base: number): Map<number, ExecInfo> {
  const execRoots = parsePlanTrees(execSection);
  const reuse = new Map<string, TreeNode>();
  const visitDefs = (n: TreeNode) => {
    const m = REUSE_ID.exec(n.text);
    if (m) reuse.set(m[1], n);
    n.children.forEach(visitDefs);
  };
  execRoots.forEach(visitDefs);
  const resolve = (n: TreeNode) => {
    const m = REUSED.exec(n.text);
    return (m && reuse.get(m[1])) || n;
  };
  // A root that only defines a reused node is printed on its own; the physical plan has one tree per sink.
  const sinkRoots = execRoots.filter((r) => !REUSE_ID.test(r.text));
  const physical = parsePlanTrees(physicalSection);
  const modes = new Map<TreeNode, { mode?: string; consumes?: string }>();
  const align = (e: TreeNode, p: TreeNode | undefined) => {
    e = resolve(e);
    if (!p || p.kind !== e.kind || modes.has(e)) return;
    modes.set(e, { mode: attribute(p.text, 'changelogMode')?.join(','), consumes: p.children[0] && attribute(p.children[0].text, 'changelogMode')?.join(',') });
    e.children.forEach((c, i) => align(c, p.children[i]));
  };
  sinkRoots.forEach((r, i) => align(r, physical[i]));
  const out = new Map<number, ExecInfo>();
  const seen = new Set<TreeNode>();
  let next = base;
  const number = (n: TreeNode) => {
    n = resolve(n);
    if (seen.has(n)) return;
    seen.add(n);
    n.children.forEach(number);
    out.set(next++, { tree: n, changelogMode: modes.get(n)?.mode, consumes: modes.get(n)?.consumes });
  };
  sinkRoots.forEach(number);
  return out;
}

const EXEC_ID = /\[(\d+)\]/;

/** The last part of `[[catalog, db, name]]` or `catalog.db.name`. */
function objectName(path: string | undefined): string | undefined {
  if (!path) return undefined;
  const parts = path.replace(/^\[|\]$/g, '').split(/,\s*|\./);
  return parts[parts.length - 1]?.replace(/^`|`$/g, '');
}

/** The keys inside `hash[a, b]`. */
function hashKeys(distribution: string[] | undefined): string[] | undefined {
  const d = distribution?.join(', ');
  const m = d && /^hash\[(.*)\]$/.exec(d);
  return m ? splitTop(m[1]) : undefined;
}

/**
 * The graph of one `EXPLAIN CHANGELOG_MODE, JSON_EXECUTION_PLAN …` answer. `ttl`: the session's state TTL
 * ("1 h"; "0 ms" never expires), given to the operators whose state it cleans.
 */
export function buildPlanGraph(explain: string, statement: PlanGraph['statement'], ttl?: string): PlanGraph {
  const sections = explainSections(explain);
  const json = sections.get('Physical Execution Plan');
  if (!json) throw new Error('Flink returned no JSON execution plan (EXPLAIN JSON_EXECUTION_PLAN).');
  const graph = streamGraphSchema.parse(JSON.parse(json));
  const ids = graph.nodes.map((n) => Number(EXEC_ID.exec(n.type)?.[1] ?? NaN)).filter((n) => !Number.isNaN(n));
  const execs = execNodes(sections.get('Optimized Execution Plan') ?? '', sections.get('Optimized Physical Plan') ?? '', Math.min(...ids));
  const nodes: PlanNode[] = graph.nodes.map((n) => {
    const execId = Number(EXEC_ID.exec(n.type)?.[1] ?? NaN);
    const exec = execs.get(execId);
    const own = /^\[\d+\]:/.exec(n.contents);
    const description = own ? n.contents.slice(own[0].length) : n.contents;
    const isSource = n.pact === 'Data Source';
    // "totals[7]: Writer": a part of the sink, which has no description of its own.
    const sinkPart = !own && !isSource ? /^(.*)\[\d+\]: (\w+)$/.exec(n.type) : null;
    const kind = isSource ? 'Source' : sinkPart ? 'Sink' : operatorKind(description);
    const inExec = !!exec && (exec.tree.text.startsWith(description) || exec.tree.kind === 'Sink');
    const execText = inExec ? exec.tree.text : '';
    const node: PlanNode = {
      id: String(n.id), key: '', kind, name: n.type, description, parallelism: n.parallelism, sinks: [], sources: [],
    };
    if (inExec) {
      const mode = exec.tree.kind === 'Sink' ? exec.consumes : exec.changelogMode;
      if (mode) node.changelogMode = mode;
      const keyed = exec.tree.children.map((c) => hashKeys(attribute(c.text, 'distribution'))).find(Boolean);
      if (keyed && !sinkPart && exec.tree.kind !== 'Sink') node.stateKey = keyed;
    }
    const upsert = attribute(description, 'groupBy') ?? attribute(description, 'key');
    // Operators that emit one updating row per key (a window aggregate's rows are append-only, its key names windows).
    if (upsert && /^(GroupAggregate|GlobalGroupAggregate|IncrementalGroupAggregate|ChangelogNormalize|Deduplicate)$/.test(kind)) node.upsertKey = upsert;
    const cleanup = stateCleanup(kind);
    if (cleanup) node.state = cleanup === 'ttl' ? { cleanup, ...(ttl ? { ttl } : {}) } : { cleanup };
    if (isSource) node.table = objectName(attribute(description, 'table')?.join(', ') ?? /^Source: (.*)\[\d+\]$/.exec(n.type)?.[1]);
    else if (sinkPart) node.table = sinkPart[1];
    else if (exec?.tree.kind === 'Sink') node.table = objectName(attribute(execText, 'table')?.[0]);
    return node;
  });
  const edges: PlanEdge[] = graph.nodes.flatMap((n) => (n.predecessors ?? []).map((p) => ({ from: String(p.id), to: String(n.id), shipStrategy: p.ship_strategy })));
  markSinks(nodes, edges);
  assignKeys(nodes);
  return { statement, nodes, edges };
}

/** Each node's downstream sink tables (a sink feeds itself; a query's result is `collect`). */
function markSinks(nodes: PlanNode[], edges: PlanEdge[]): void {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = new Map<string, string[]>();
  for (const e of edges) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  const memo = new Map<string, Set<string>>();
  const sinksOf = (id: string, path: Set<string>): Set<string> => {
    const known = memo.get(id);
    if (known) return known;
    const n = byId.get(id)!;
    const s = new Set<string>();
    if (n.kind === 'Sink' && n.table) s.add(n.table);
    const next = out.get(id) ?? [];
    if (!next.length && !s.size) s.add(n.table ?? 'collect');
    for (const to of next) if (!path.has(to)) for (const t of sinksOf(to, new Set([...path, to]))) s.add(t);
    memo.set(id, s);
    return s;
  };
  for (const n of nodes) n.sinks = [...sinksOf(n.id, new Set([n.id]))].sort();
}

function assignKeys(nodes: PlanNode[]): void {
  const counts = new Map<string, number>();
  for (const n of nodes) {
    const base = n.kind === 'Source' ? `Source:${n.table}` : n.kind === 'Sink' ? `Sink:${n.table}:${n.name.replace(/^.*\]: /, '')}` : `${n.kind}>${n.sinks.join(',')}`;
    const k = counts.get(base) ?? 0;
    counts.set(base, k + 1);
    n.key = `${base}#${k}`;
  }
}
