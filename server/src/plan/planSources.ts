// Links each operator of a plan graph to the draft lines it comes from, through the parser's tree: a source to
// the table's uses and CREATE, a sink to its INSERT, an aggregate to its GROUP BY, a join to its JOIN, a Calc to WHERE.
import { collect, type ParsedStatement, type StatementNode, type WalkNode } from '../parser';
import type { InsertNode, JoinNode, SelectNode, TableRefNode, WatermarkNode } from '../parser/ast';
import type { LineIndex } from '../util/lineIndex';
import type { PlanEdge, PlanNode, PlanSource } from './planModel';

interface Span { start: number; end: number }
/** A statement tree with the absolute offset its relative offsets count from. */
interface Scoped<T> { node: T; base: number }

const lastPart = (n: { parts: { value: string }[] } | undefined) => n?.parts[n.parts.length - 1]?.value;

/** What the graph's operators are looked up in: the draft's statements and the one that was planned. */
export interface SourceContext {
  statements: ParsedStatement[];
  /** The planned unit's span (an INSERT, a statement set — both kinds —, a query). */
  unit: Span;
  lines: LineIndex;
  /** The graph's edges: a WatermarkAssigner is found through the sources upstream of it. */
  edges?: PlanEdge[];
}

/** Fills `node.sources` of each node (most specific first). */
export function mapSources(nodes: PlanNode[], ctx: SourceContext): void {
  const index = draftIndex(ctx);
  const upstream = upstreamTables(nodes, ctx.edges ?? []);
  for (const n of nodes) n.sources = dedupe(sourcesOf(n, index, ctx, upstream.get(n.id) ?? [])).map((s) => ({ role: s.role, range: ctx.lines.rangeOf(s.start, s.end) }));
}

interface DraftIndex {
  /** CREATE TABLE / VIEW by object name: the statement and its name. */
  defs: Map<string, { statement: Span; name: Span; query?: Scoped<WalkNode>; watermark?: Span }>;
  /** The INSERTs of the planned unit. */
  inserts: Scoped<InsertNode>[];
  /** The planned unit's own trees (a query's, when it has no INSERT). */
  unitTrees: Scoped<StatementNode>[];
}

function draftIndex(ctx: SourceContext): DraftIndex {
  const defs: DraftIndex['defs'] = new Map();
  const inserts: Scoped<InsertNode>[] = [];
  const unitTrees: Scoped<StatementNode>[] = [];
  for (const s of ctx.statements) {
    const node = s.node;
    if (!node) continue;
    if ((node.kind === 'createTable' || node.kind === 'createView') && node.name) {
      const name = lastPart(node.name);
      const query = node.query as WalkNode | undefined;
      const watermark = node.watermark as WatermarkNode | undefined;
      if (name && s.start < ctx.unit.start) {
        // From the CREATE keyword on: the statement's span also holds the comments before it.
        defs.set(name, {
          statement: { start: s.start + node.start, end: s.end }, name: { start: s.start + node.name.start, end: s.start + node.name.end },
          ...(query ? { query: { node: query, base: s.start } } : {}), ...(watermark ? { watermark: { start: s.start + watermark.start, end: s.start + watermark.end } } : {}),
        });
      }
    }
    // The SQL client's BEGIN STATEMENT SET; … END; leaves its INSERTs as statements of their own inside the unit.
    if (s.start >= ctx.unit.start && s.end <= ctx.unit.end) {
      unitTrees.push({ node, base: s.start });
      for (const i of collect<InsertNode & WalkNode>(node, 'insert')) inserts.push({ node: i, base: s.start });
    }
  }
  return { defs, inserts, unitTrees };
}

type Found = Span & { role: PlanSource['role'] };

function sourcesOf(n: PlanNode, index: DraftIndex, ctx: SourceContext, upstream: string[]): Found[] {
  const feeding = index.inserts.filter((i) => n.sinks.includes(lastPart(i.node.target) ?? ''));
  const roots: Scoped<WalkNode>[] = feeding.length ? feeding : index.unitTrees;
  const scopes = withViews(roots, index);
  const statements: Found[] = feeding.length
    ? feeding.map((i) => ({ start: i.base + i.node.start, end: i.base + i.node.end, role: 'statement' }))
    : [{ ...ctx.unit, role: 'statement' }];
  const found: Found[] = [];
  const all = <T extends WalkNode>(kind: string) => scopes.flatMap((s) => collect<T>(s.node, kind).map((node) => ({ node, base: s.base })));
  const abs = (base: number, s: Span, role: PlanSource['role']): Found => ({ start: base + s.start, end: base + s.end, role });
  if (n.kind === 'Source' && n.table) {
    for (const r of all<TableRefNode & WalkNode>('tableRef')) if (lastPart(r.node.name) === n.table) found.push(abs(r.base, r.node, 'use'));
    // `TABLE orders` inside a window TVF.
    for (const a of all<WalkNode & { name?: TableRefNode['name'] }>('tableArg')) if (lastPart(a.node.name) === n.table) found.push(abs(a.base, a.node, 'use'));
    const def = index.defs.get(n.table);
    if (def) found.push({ ...def.statement, role: 'definition' });
    return found.length ? found : statements;
  }
  if (n.kind === 'Sink' || n.kind === 'ConstraintEnforcer' || n.kind === 'SinkMaterializer' || n.kind === 'SinkUpsertMaterializer') {
    for (const i of feeding) found.push(abs(i.base, i.node.target, 'use'));
    found.push(...statements);
    const def = n.table ? index.defs.get(n.table) : undefined;
    if (def) found.push({ ...def.statement, role: 'definition' });
    return found;
  }
  if (/Aggregate$/.test(n.kind) && !/^(Over|PythonOver)Aggregate$/.test(n.kind)) {
    for (const s of all<SelectNode & WalkNode>('select')) {
      const keys = s.node.groupBy;
      if (keys?.length) found.push({ start: s.base + keys[0].start, end: s.base + keys[keys.length - 1].end, role: 'clause' });
    }
  } else if (/Join$/.test(n.kind)) {
    for (const j of all<JoinNode & WalkNode>('join')) found.push({ start: j.base + j.node.right.start, end: j.base + j.node.end, role: 'clause' });
  } else if (n.kind === 'Calc') {
    for (const s of all<SelectNode & WalkNode>('select')) {
      const sel = s.node;
      if (sel.where) found.push(abs(s.base, sel.where, 'clause'));
      else if (sel.items.length) found.push({ start: s.base + sel.items[0].start, end: s.base + sel.items[sel.items.length - 1].end, role: 'clause' });
    }
  } else if (/^(OverAggregate|Rank|Deduplicate|WindowRank|WindowDeduplicate)$/.test(n.kind)) {
    for (const c of all('call')) if ((c.node as { over?: unknown }).over) found.push(abs(c.base, c.node, 'clause'));
  } else if (n.kind === 'WatermarkAssigner') {
    for (const t of upstream) {
      const w = index.defs.get(t)?.watermark;
      if (w) found.push({ ...w, role: 'definition' });
    }
  } else if (n.kind === 'Match') {
    for (const m of all('matchRecognize')) found.push(abs(m.base, m.node, 'clause'));
  }
  return [...found, ...statements];
}

/** The source tables upstream of each node. */
function upstreamTables(nodes: PlanNode[], edges: PlanEdge[]): Map<string, string[]> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const memo = new Map<string, string[]>();
  const of = (id: string, seen: Set<string>): string[] => {
    const known = memo.get(id);
    if (known) return known;
    const n = byId.get(id);
    const out = new Set<string>(n?.kind === 'Source' && n.table ? [n.table] : []);
    for (const e of edges) if (e.to === id && !seen.has(e.from)) for (const t of of(e.from, new Set([...seen, e.from]))) out.add(t);
    const list = [...out];
    memo.set(id, list);
    return list;
  };
  return new Map(nodes.map((n) => [n.id, of(n.id, new Set([n.id]))]));
}

/** The roots plus the queries of the draft's views they read, transitively (an aggregate may sit in a view). */
function withViews(roots: Scoped<WalkNode>[], index: DraftIndex): Scoped<WalkNode>[] {
  const out = [...roots];
  const seen = new Set<string>();
  for (let i = 0; i < out.length; i++) {
    for (const r of collect<TableRefNode & WalkNode>(out[i].node, 'tableRef')) {
      const name = lastPart(r.name);
      const view = name ? index.defs.get(name)?.query : undefined;
      if (name && view && !seen.has(name)) {
        seen.add(name);
        out.push(view);
      }
    }
  }
  return out;
}

function dedupe(found: Found[]): Found[] {
  const seen = new Set<string>();
  return found.filter((f) => {
    const k = `${f.start}:${f.end}`;
    if (seen.has(k) || f.end <= f.start) return false;
    seen.add(k);
    return true;
  });
}
