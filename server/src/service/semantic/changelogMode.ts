// The streaming reading of a query, the way Flink's planner sees it: for each relation its columns with their time
// attributes (rowtime from a WATERMARK, proctime from PROCTIME()), the kinds of change it emits (append, or updates
// and deletes — FlinkChangelogModeInferenceProgram's ModifyKindSet), the node that first makes the updates, and its
// upsert keys. What is not modelled (hints, UDTFs, MATCH_RECOGNIZE, catalog tables, unknown connectors) yields an
// unknown relation, and checks on unknowns stay silent. Findings on the way (time attributes, joins) go to `emit`.
import type {
  DerivedTableNode, ExprNode, FromItem, JoinNode, QueryBody, QueryNode, SelectNode, TableRefNode,
} from '../../parser';
import type { TableInfo } from '../scope';
import { overNonTimeOrder, sourceMode } from './changelogRules';
import { temporalJoin, timeBounded } from './joinKinds';
import {
  AGGREGATES, ALL, APPEND, UNKNOWN, UPDATES, WINDOW_TVFS, combine, eqName, idParts, isAppendOnly, isNode, isUpdating,
  lookup, qualified, union, type Col, type Entry, type Env, type Kind, type Rel, type Time,
} from './relations';

export { isUpdating, qualified, type Emit, type Env, type Kind, type Rel } from './relations';

export class QueryReader {
  constructor(private readonly env: Env) {}

  private abs(n: { start: number; end: number }) {
    return { start: this.env.stmt.start + n.start, end: this.env.stmt.start + n.end };
  }

  private emit(n: { start: number; end: number }, message: string, data?: unknown): void {
    const a = this.abs(n);
    this.env.emit?.(a.start, a.end, message, data);
  }

  query(q: QueryNode, ctes: Map<string, Rel> = new Map()): Rel {
    let scope = ctes;
    if (q.with?.length) {
      scope = new Map(ctes);
      for (const c of q.with) {
        const r = this.query(c.query, scope);
        const names = c.columns?.map((x) => x.value);
        scope.set(c.name.value.toLowerCase(), names && r.cols ? { ...r, cols: names.map((n, i) => ({ ...(r.cols![i] ?? { time: 'unknown' }), name: n })) } : r);
      }
    }
    const body = this.body(q.body, scope);
    if (!q.limit && !q.offset) return body;
    const limited: Rel = { ...body, exact: false, upsertKeys: undefined };
    if (!q.orderBy?.length) return limited;
    // ORDER BY … LIMIT is a SortLimit (a Top-N): updates and deletes, unless ordered by time, which we do not model
    const first = q.orderBy[0] as ExprNode;
    const p = isNode(first.expr) ? idParts(first.expr) : undefined;
    const col = p ? this.orderColumn(q, body, p) : undefined;
    if (col?.time !== 'none') return { ...limited, kinds: new Set(), producer: undefined };
    return { ...limited, kinds: ALL, producer: { ...this.abs(spanOf(q.orderBy)), node: `SortLimit(orderBy=[${p!.join('.')}])` } };
  }

  body(b: QueryBody | undefined, ctes: Map<string, Rel>): Rel {
    if (!isNode(b)) return UNKNOWN;
    switch (b.kind) {
      case 'select': return this.select(b as unknown as SelectNode, ctes);
      case 'query': return this.query(b as QueryNode, ctes);
      case 'values': return { kinds: APPEND, exact: true, upsertKeys: undefined, sources: [] };
      case 'setOp': {
        const s = b as unknown as { op: string; all: boolean; left: QueryBody; right: QueryBody } & ExprNode;
        const l = this.body(s.left, ctes);
        const r = this.body(s.right, ctes);
        if (s.op.toUpperCase() === 'UNION') {
          if (s.all) {
            return {
              cols: l.cols, kinds: union(l.kinds, r.kinds), exact: l.exact && r.exact, producer: l.producer ?? r.producer,
              upsertKeys: undefined, sources: [...l.sources, ...r.sources],
            };
          }
          return { cols: l.cols?.map((c) => ({ ...c, time: 'none' })), kinds: UPDATES, exact: false, producer: { ...this.abs(s), node: 'GroupAggregate (UNION)' }, sources: [] };
        }
        return UNKNOWN;
      }
      default: return UNKNOWN;
    }
  }

  select(s: SelectNode, ctes: Map<string, Rel>): Rel {
    if (s.hints?.length) return UNKNOWN;
    const entries: Entry[] = [];
    for (const f of s.from ?? []) {
      const got = this.fromItem(f, ctes, entries);
      if (!got) return UNKNOWN;
      entries.push(...got);
    }
    let input = combine(entries.map((e) => e.rel));
    // a WHERE over an outer join may reject the nulls it makes, and the planner then plans an inner (or interval) join
    if (s.where && s.from.some(hasOuterJoin)) input = { ...input, kinds: new Set(), exact: false, producer: undefined, upsertKeys: undefined };
    const subqueries = [s.where, s.having, ...s.items.map((i) => i.expr)].some((e) => e && hasSubquery(e));
    const rank = this.rank(s, entries);
    if (rank) return subqueries ? UNKNOWN : rank;

    const groupNames = (s.groupBy ?? []).map((g) => (isNode(g) ? idParts(g) : undefined));
    const hasAgg = s.items.some((i) => hasAggregate(i.expr));
    const cols = this.items(s, entries);
    let out: Rel;
    if (s.groupBy?.length || s.distinct || hasAgg) {
      if (!s.groupBy?.length && !s.distinct && s.items.some((i) => hasUnknownCall(i.expr))) return UNKNOWN;
      const names = groupNames.map((p) => p?.[p.length - 1]);
      const props = groupNames.map((p) => (p ? lookup(p, entries)?.window : undefined));
      const windowed = (names.some((n) => n && eqName(n, 'window_start')) || props.includes('start'))
        && (names.some((n) => n && eqName(n, 'window_end')) || props.includes('end'));
      // SELECT DISTINCT over a window TVF's window_start and window_end may be planned as a window aggregation
      if (!s.groupBy?.length && s.distinct && (!cols || (cols.some((c) => c.window === 'start') && cols.some((c) => c.window === 'end')))) return UNKNOWN;
      const legacyWindow = (s.groupBy ?? []).some((g) => isNode(g) && g.kind === 'call' && /^(TUMBLE|HOP|SESSION)$/i.test(String(g.name)));
      if (legacyWindow) this.legacyWindowCheck(s, entries);
      if (windowed || legacyWindow || (s.groupBy ?? []).some((g) => isNode(g) && g.kind !== 'identifier')) {
        // window aggregations are append only on an append input; over anything else we do not know
        const direct = windowed && entries.length === 1 && entries[0].rel.exact && !isUpdating(entries[0].rel) && isWindowTvf(s.from[0]);
        return {
          // window_time (however aliased) stays a time attribute; grouped columns keep what they were
          cols,
          kinds: direct || legacyWindow ? APPEND : new Set(), exact: direct, upsertKeys: direct ? [] : undefined, sources: input.sources,
        };
      }
      const kinds = isUpdating(input) || !input.exact ? (isUpdating(input) ? ALL : UPDATES) : UPDATES;
      let upsertKeys: string[][] | undefined;
      if (s.groupBy?.length && groupNames.every((p) => p) && cols) {
        const mapped = groupNames.map((p) => outputName(s, p!));
        upsertKeys = mapped.every((m) => m) ? [mapped as string[]] : undefined;
      } else if (s.distinct && cols) upsertKeys = [cols.map((c) => c.name)];
      const by = groupNames.map((p) => p?.join('.') ?? '…').join(', ');
      const at = s.groupBy?.length ? spanOf(s.groupBy) : s;
      out = {
        cols: cols?.map((c) => ({ ...c, time: 'none', window: undefined })),
        kinds, exact: input.exact || isUpdating(input), upsertKeys, sources: input.sources,
        producer: { ...this.abs(at), node: `GroupAggregate(${s.groupBy?.length ? `groupBy=[${by}]` : s.distinct ? 'SELECT DISTINCT' : 'no GROUP BY'})` },
      };
      return subqueries ? { ...out, exact: false } : out;
    }
    const over = this.overChecks(s, entries, input);
    if (over.mode === 'unknown') return { ...UNKNOWN, cols };
    if (over.mode === 'updates') {
      return { cols, kinds: ALL, exact: false, producer: { ...this.abs(over.at!), node: 'OverAggregate (ordered by a non-time column)' }, sources: input.sources };
    }
    out = {
      cols, kinds: input.kinds, exact: input.exact && !subqueries, producer: input.producer,
      upsertKeys: over.mode === 'append' ? undefined : projectKeys(input.upsertKeys, s, entries), sources: input.sources,
    };
    return out;
  }

  /** The output columns of a SELECT (undefined when a star or a column cannot be resolved). */
  items(s: SelectNode, entries: Entry[]): Col[] | undefined {
    const out: Col[] = [];
    for (const item of s.items) {
      const e = item.expr;
      if (e.kind === 'star') {
        for (const en of entries) {
          if (!en.rel.cols) return undefined;
          out.push(...en.rel.cols);
        }
        continue;
      }
      if (e.kind === 'identifier' && e.star) {
        const p = idParts({ ...e, star: false } as ExprNode);
        const en = p && entries.find((x) => x.alias && eqName(x.alias, p[p.length - 1]));
        if (!en?.rel.cols) return undefined;
        out.push(...en.rel.cols);
        continue;
      }
      if (e.kind === 'fieldStar') return undefined;
      const name = item.alias?.value ?? exprName(e);
      if (!name) {
        out.push({ name: `EXPR$${out.length}`, time: 'none' });
        continue;
      }
      out.push({ ...this.exprCol(e, entries), name });
    }
    return out;
  }

  /** The time attribute and type an expression keeps: a plain column reference keeps both; anything else loses them. */
  exprCol(e: ExprNode, entries: Entry[]): Omit<Col, 'name'> {
    if (e.kind === 'paren' && isNode(e.expr)) return this.exprCol(e.expr, entries);
    const p = idParts(e);
    if (p) {
      const c = lookup(p, entries);
      return c ? { time: c.time, type: c.type, window: c.window } : { time: 'unknown' };
    }
    if (e.kind === 'call') {
      const n = String(e.name).toUpperCase();
      if (n === 'PROCTIME' || /_PROCTIME$/.test(n)) return { time: 'proctime' };
      if (/_ROWTIME$/.test(n)) return { time: 'rowtime' };
      if (n === 'CAST' || n === 'TRY_CAST') return { time: 'none' };
      return { time: 'none' };
    }
    return { time: 'none' };
  }

  /** GROUP BY TUMBLE(ts, …): the group window's time column must be a time attribute (StreamLogicalWindowAggregateRule). */
  private legacyWindowCheck(s: SelectNode, entries: Entry[]): void {
    for (const g of s.groupBy ?? []) {
      if (!isNode(g) || g.kind !== 'call' || !/^(TUMBLE|HOP|SESSION)$/i.test(String(g.name))) continue;
      const first = (Array.isArray(g.args) ? g.args as ExprNode[] : [])[0];
      const p = first && idParts(first);
      const col = p && lookup(p, entries);
      if (col?.time === 'none') {
        this.emit(first, `Window aggregate can only be defined over a time attribute column, but ${col.type?.toUpperCase() ?? 'a regular column'} encountered. `
          + `'${col.name}' has no WATERMARK (and is not a PROCTIME() column).`);
      }
    }
  }

  /** The column a top-level ORDER BY item names: an output column, or one of the FROM clause's. */
  orderColumn(q: QueryNode, out: Rel, parts: string[]): Col | undefined {
    const name = parts[parts.length - 1];
    if (parts.length === 1 && out.cols) {
      const hits = out.cols.filter((c) => c.name === name);
      if (hits.length === 1) return hits[0];
      if (hits.length > 1) return undefined;
    }
    if (q.body.kind !== 'select' || q.with?.length) return undefined;
    const sel = q.body as SelectNode;
    if (sel.groupBy?.length || sel.distinct || sel.items.some((i) => hasAggregate(i.expr))) return undefined;
    const quiet = new QueryReader({ ...this.env, emit: undefined });
    const entries: Entry[] = [];
    for (const f of sel.from) {
      const e = quiet.fromItem(f, new Map(), entries);
      if (!e) return undefined;
      entries.push(...e);
    }
    return lookup(parts, entries);
  }

  // ---- FROM ----

  fromItem(f: FromItem, ctes: Map<string, Rel>, before: Entry[]): Entry[] | undefined {
    const span = this.abs(f);
    switch (f.kind) {
      case 'tableRef': {
        const t = f as TableRefNode;
        if (t.hints?.length) return undefined;
        const got = this.tableRel(t.name.parts.map((p) => p.value), ctes);
        if (!got) return undefined;
        const rel = t.columnAliases?.length && got.rel.cols
          ? { ...got.rel, cols: t.columnAliases.map((a, i) => ({ ...(got.rel.cols![i] ?? { time: 'unknown' as Time }), name: a.value })) }
          : got.rel;
        return [{ alias: t.alias?.value ?? t.name.parts[t.name.parts.length - 1].value, rel, table: got.table, ...span }];
      }
      case 'join': return this.join(f as JoinNode, ctes, before);
      case 'subquery': {
        const d = f as DerivedTableNode;
        if (!d.query) return undefined;
        const r = this.query(d.query, ctes);
        const rel = d.columnAliases?.length && r.cols ? { ...r, cols: d.columnAliases.map((a, i) => ({ ...(r.cols![i] ?? { time: 'unknown' as Time }), name: a.value })) } : r;
        return [{ alias: d.alias?.value, rel, ...span }];
      }
      case 'tableFunction': {
        const d = f as DerivedTableNode;
        const call = d.call;
        if (!call || d.lateral || !WINDOW_TVFS.has(String(call.name).toUpperCase())) return undefined;
        return [{ alias: d.alias?.value, rel: this.windowTvf(call, ctes), ...span }];
      }
      case 'unnest':
        return [{ alias: (f as DerivedTableNode).alias?.value, rel: { kinds: APPEND, exact: true, sources: [] }, ...span }];
      default:
        return undefined;
    }
  }

  private tableRel(parts: string[], ctes: Map<string, Rel>): { rel: Rel; table?: TableInfo } | undefined {
    if (parts.length === 1) {
      const cte = ctes.get(parts[0].toLowerCase());
      if (cte) return { rel: cte };
    }
    const t = this.env.resolve(parts);
    if (!t) return { rel: UNKNOWN };
    if (!t.inDraft) return { rel: { ...UNKNOWN, cols: undefined } };
    if (t.kind === 'view') return { rel: this.env.view(t) };
    if (t.kind !== 'table') return { rel: UNKNOWN };
    return { rel: tableRel(this.env, t), table: t };
  }

  /** TUMBLE / HOP / CUMULATE / SESSION: checks the DESCRIPTOR column is a time attribute. */
  private windowTvf(call: ExprNode, ctes: Map<string, Rel>): Rel {
    const args = (Array.isArray(call.args) ? call.args as ExprNode[] : []).map((a) => (a.kind === 'namedArg' && isNode(a.value) ? a.value : a));
    const tableArg = args.find((a) => a.kind === 'tableArg');
    // `TABLE t PARTITION BY k, DESCRIPTOR(ts)`: the parser may read the DESCRIPTOR into the PARTITION BY list
    const inPartition = (Array.isArray(tableArg?.partitionBy) ? tableArg!.partitionBy as ExprNode[] : [])
      .find((a) => a.kind === 'call' && String(a.name).toUpperCase() === 'DESCRIPTOR');
    const desc = args.find((a) => a.kind === 'descriptor')
      ?? (inPartition ? { ...inPartition, kind: 'descriptor', columns: (inPartition.args as ExprNode[]).map((a) => idParts(a)).filter((p) => p?.length === 1).map((p, i) => ({ value: p![0], ...(inPartition.args as ExprNode[])[i] })) } as ExprNode : undefined);
    const name = tableArg?.name as { parts?: { value: string }[] } | undefined;
    if (!tableArg || !desc || !name?.parts) return UNKNOWN;
    const got = this.tableRel(name.parts.map((p) => p.value), ctes);
    if (!got?.rel.cols) return UNKNOWN;
    const input = got.rel;
    const dcols = Array.isArray(desc.columns) ? desc.columns as { value: string; start: number; end: number }[] : [];
    const col = dcols.length === 1 ? input.cols!.find((c) => c.name === dcols[0].value) ?? input.cols!.find((c) => eqName(c.name, dcols[0].value)) : undefined;
    const fn = String(call.name).toUpperCase();
    if (col && dcols[0]) {
      const at = (desc.args as ExprNode[] | undefined)?.[0] ?? dcols[0];
      if (col.type && !/^TIMESTAMP/i.test(col.type)) {
        // Flink prints STRING as VARCHAR(2147483647)
        const shown = /^STRING$/i.test(col.type) ? 'VARCHAR(2147483647)' : col.type.toUpperCase();
        this.emit(at, `The window function ${fn}(TABLE table_name, DESCRIPTOR(timecol), …) requires the timecol to be TIMESTAMP or TIMESTAMP_LTZ, but is ${shown}.`);
      } else if (col.time === 'none') {
        this.emit(at, `The window function requires the timecol is a time attribute type, but is ${col.type?.toUpperCase() ?? 'a regular column'}. `
          + `'${col.name}' is not a time attribute: declare a WATERMARK FOR ${col.name} on its table (or use a PROCTIME() column); a CAST or expression in a view loses the time attribute.`,
        got.table && col.type ? this.env.watermarkFix?.(got.table, col.name) : undefined);
      }
    }
    const wtime: Time = col ? (col.time === 'rowtime' || col.time === 'proctime' ? col.time : 'unknown') : 'unknown';
    return {
      cols: [...input.cols!.map((c) => ({ ...c, time: c === col ? 'unknown' as Time : c.time })),
        { name: 'window_start', time: 'none', window: 'start' }, { name: 'window_end', time: 'none', window: 'end' }, { name: 'window_time', time: wtime, window: 'time' }],
      kinds: input.kinds, exact: input.exact && !isUpdating(input), upsertKeys: input.upsertKeys?.length === 0 ? [] : undefined, sources: input.sources,
    };
  }

  private join(j: JoinNode, ctes: Map<string, Rel>, before: Entry[]): Entry[] | undefined {
    const left = this.fromItem(j.left, ctes, before);
    if (!left) return undefined;
    const type = j.joinType.toUpperCase();
    const right = j.right;
    if (right.kind === 'tableRef' && (right as TableRefNode).systemTime) {
      const r = this.fromItem(right, ctes, [...before, ...left]);
      if (!r) return undefined;
      temporalJoin(this.env, (n, m) => this.emit(n, m), j, right as TableRefNode, left, r[0]);
      // a temporal or lookup join emits what its left side emits
      const l = combine(left.map((e) => e.rel));
      const joined: Entry = { ...r[0], rel: { ...r[0].rel, kinds: l.kinds, exact: l.exact, producer: l.producer, sources: [] } };
      return [...left, joined];
    }
    const r = this.fromItem(right, ctes, [...before, ...left]);
    if (!r) return undefined;
    if (right.kind === 'tableFunction' || right.kind === 'unnest' || (right as DerivedTableNode).lateral) return [...left, ...r];
    const l = combine(left.map((e) => e.rel));
    const rr = combine(r.map((e) => e.rel));
    const all = [...before, ...left, ...r];
    const interval = j.on ? timeBounded(j.on, left, r, all) : 'no';
    if (interval === 'unknown') return undefined;
    const outer = /LEFT|RIGHT|FULL/.test(type);
    if (interval === 'yes') {
      // interval joins need append inputs and emit appends
      const rel: Rel = { kinds: APPEND, exact: isAppendOnly(l) && isAppendOnly(rr), upsertKeys: [], sources: [...l.sources, ...rr.sources] };
      return [...left.map((e) => ({ ...e, rel: { ...e.rel, ...rel, cols: e.rel.cols } })), ...r.map((e) => ({ ...e, rel: { ...e.rel, ...rel, cols: e.rel.cols } }))];
    }
    // regular joins lose time attributes (rowtime becomes a regular TIMESTAMP), unless a WHERE bounds the times and
    // the planner makes it an interval join: unknown
    const keys = l.upsertKeys?.length === 0 && rr.upsertKeys?.length === 0 ? [] : undefined;
    const rel: Rel = outer
      ? { kinds: ALL, exact: true, producer: { ...this.abs(j), node: `Join(joinType=[${type.includes('LEFT') ? 'LeftOuterJoin' : type.includes('RIGHT') ? 'RightOuterJoin' : 'FullOuterJoin'}])` }, upsertKeys: keys, sources: [...l.sources, ...rr.sources] }
      : { kinds: union(l.kinds, rr.kinds), exact: l.exact && rr.exact, producer: l.producer ?? rr.producer, upsertKeys: keys, sources: [...l.sources, ...rr.sources] };
    const strip = (e: Entry): Entry => ({ ...e, rel: { ...rel, cols: e.rel.cols?.map((c) => ({ ...c, time: c.time === 'rowtime' ? 'unknown' as Time : c.time })) } });
    return [...left.map(strip), ...r.map(strip)];
  }



  // ---- Top-N and deduplication ----

  /** `SELECT … FROM (SELECT …, ROW_NUMBER() OVER (…) AS rn FROM …) WHERE rn <= N`. */
  private rank(s: SelectNode, entries: Entry[]): Rel | undefined {
    if (s.from.length !== 1 || s.from[0].kind !== 'subquery' || entries.length !== 1) return undefined;
    const inner = (s.from[0] as DerivedTableNode).query?.body;
    if (!inner || inner.kind !== 'select') return undefined;
    const sel = inner as SelectNode;
    const rn = sel.items.find((i) => i.expr.kind === 'call' && /^(ROW_NUMBER|RANK|DENSE_RANK)$/i.test(String(i.expr.name)) && isNode(i.expr.over));
    if (!rn || !rn.alias) return undefined;
    const bound = rankBound(s.where, rn.alias.value);
    if (bound === undefined) return undefined;
    const over = rn.expr.over as ExprNode;
    const partExprs = Array.isArray(over.partitionBy) ? over.partitionBy as ExprNode[] : [];
    const part = partExprs.map((e) => idParts(e)?.pop() ?? '');
    const order = Array.isArray(over.orderBy) ? over.orderBy as ExprNode[] : [];
    const innerEntries: Entry[] = [];
    // read again without reporting: the subquery was read (and reported on) as the FROM item
    const quiet = new QueryReader({ ...this.env, emit: undefined });
    for (const f of sel.from) {
      const e = quiet.fromItem(f, new Map(), innerEntries);
      if (!e) return { ...UNKNOWN, cols: this.items(s, entries) };
      innerEntries.push(...e);
    }
    const input = combine(innerEntries.map((e) => e.rel));
    // partitioned by a window's start and end: a window Top-N / deduplication (append only), not modelled
    const windows = partExprs.map((e) => (idParts(e) ? lookup(idParts(e)!, innerEntries)?.window : undefined));
    if (part.some((n) => eqName(n, 'window_start') || eqName(n, 'window_end')) || windows.includes('start') || windows.includes('end')) {
      return { ...UNKNOWN, cols: this.items(s, entries) };
    }
    const first = order[0];
    const firstCol = first && isNode(first.expr) && idParts(first.expr) ? lookup(idParts(first.expr)!, innerEntries) : undefined;
    const desc = first && String(first.direction ?? '').toUpperCase() === 'DESC';
    const cols = this.items(s, entries);
    const producer = { ...this.abs(rn.expr), node: '' };
    if (bound === 1 && order.length === 1 && firstCol && (firstCol.time === 'rowtime' || firstCol.time === 'proctime')) {
      if (!desc) {
        // keep-first deduplication: append on processing time; on event time we do not model it
        return firstCol.time === 'proctime' && isAppendOnly(input)
          ? { cols, kinds: APPEND, exact: true, upsertKeys: undefined, sources: input.sources }
          : { ...UNKNOWN, cols };
      }
      return { cols, kinds: ALL, exact: true, upsertKeys: undefined, sources: input.sources, producer: { ...producer, node: `Deduplicate(keep=[LastRow], key=[${part.join(', ')}])` } };
    }
    if (firstCol?.time === 'unknown' || !firstCol) return { ...UNKNOWN, cols };
    return { cols, kinds: ALL, exact: true, upsertKeys: undefined, sources: input.sources, producer: { ...producer, node: `Rank(rankRange=[rankStart=1, rankEnd=${bound}], partitionBy=[${part.join(', ')}])` } };
  }

  // ---- OVER windows ----

  /**
   * OVER aggregations: ordered by a time attribute they read and emit appends; ordered by another column 1.20
   * rejects them and 2.3 accepts unbounded ones, which then emit updates and deletes (FlinkChangelogModeInferenceProgram,
   * StreamPhysicalOverAggregate). Returns what the SELECT's OVER calls make of its changelog.
   */
  private overChecks(s: SelectNode, entries: Entry[], input: Rel): { mode: 'none' | 'append' | 'updates' | 'unknown'; at?: ExprNode } {
    let mode: 'none' | 'append' | 'updates' | 'unknown' = 'none';
    let at: ExprNode | undefined;
    for (const item of s.items) {
      const e = item.expr;
      if (e.kind !== 'call' || !isNode(e.over)) continue;
      if (e.over.kind !== 'window' || /^(ROW_NUMBER|RANK|DENSE_RANK)$/i.test(String(e.name))) {
        mode = 'unknown';
        continue;
      }
      const order = Array.isArray(e.over.orderBy) ? e.over.orderBy as ExprNode[] : [];
      const first = order[0];
      const p = first && isNode(first.expr) ? idParts(first.expr) : undefined;
      const proctime = first && isNode(first.expr) && first.expr.kind === 'call' && String(first.expr.name).toUpperCase() === 'PROCTIME';
      const col: Col | undefined = proctime ? { name: 'PROCTIME()', time: 'proctime' } : p && lookup(p, entries);
      if (!col || col.time === 'unknown') {
        mode = 'unknown';
        continue;
      }
      if (col.time === 'rowtime' || col.time === 'proctime') {
        if (isUpdating(input) && input.producer) {
          const diff = [input.kinds.has('U') ? 'update' : '', input.kinds.has('D') ? 'delete' : ''].filter(Boolean).join(' and ');
          this.emit(e, `StreamPhysicalOverAggregate doesn't support consuming ${diff} changes which is produced by node ${input.producer.node}. `
            + `An OVER aggregation ordered by a time attribute ('${col.name}') reads an append-only input.`);
        }
        if (mode === 'none') mode = 'append';
        continue;
      }
      const frame = this.env.stmt.text.slice(e.over.start, e.over.end).toUpperCase();
      const bounded = /\b(ROWS|RANGE)\b/.test(frame) && /\bPRECEDING\b/.test(frame) && !/\bUNBOUNDED\s+PRECEDING\b/.test(frame);
      const message = overNonTimeOrder(this.env.version, bounded);
      if (message) {
        this.emit(first, `${message} '${col.name}' is not a time attribute (no WATERMARK on it, not a PROCTIME() column).`);
        mode = 'unknown';
      } else if (mode !== 'unknown') {
        mode = 'updates';
        at = e;
      }
    }
    return { mode, at };
  }
}

// ---- tables ----

const tableRels = new WeakMap<TableInfo, Map<string, Rel>>();

/** A draft table as a source: its columns with their time attributes, and its mode from connector and format. */
export function tableRel(env: Env, t: TableInfo): Rel {
  let byVersion = tableRels.get(t);
  if (!byVersion) tableRels.set(t, (byVersion = new Map()));
  const hit = byVersion.get(env.version);
  if (hit) return hit;
  const node = env.createTable(t);
  let rel: Rel;
  if (!node || node.like || node.asQuery) {
    rel = UNKNOWN;
  } else {
    const wm = node.watermark?.column.parts.length === 1 ? node.watermark.column.parts[0].value : undefined;
    const cols: Col[] = t.columns.map((c) => {
      const col = node.columns.find((n) => n.name.value === c.name);
      const proctime = col?.kind === 'computedColumn' && col.expr?.kind === 'call' && String(col.expr.name).toUpperCase() === 'PROCTIME';
      const time: Time = node.watermark && !wm ? 'unknown' : c.name === wm ? 'rowtime' : proctime ? 'proctime' : 'none';
      // a computed column's type only where the function fixes it (TO_TIMESTAMP_LTZ(…, 3) for the rowtime rule)
      const computedType = col?.kind === 'computedColumn' && col.expr?.kind === 'call' && String(col.expr.name).toUpperCase() === 'TO_TIMESTAMP_LTZ' ? 'TIMESTAMP_LTZ(3)' : undefined;
      return { name: c.name, time, type: c.kind === 'computed' ? computedType : c.type };
    });
    const mode = sourceMode(env.version, t.connector, t.format);
    const kinds = mode === undefined ? new Set<Kind>() : mode === 'insert' ? APPEND : ALL;
    rel = {
      cols, kinds, exact: mode !== undefined,
      // an upsert source is normalized into a changelog by ChangelogNormalize, the node Flink names
      producer: mode === 'changelog' ? { start: 0, end: 0, node: `TableSourceScan(table=[[${qualified(t).split('.').join(', ')}]])` }
        : mode === 'upsert' ? { start: 0, end: 0, node: `ChangelogNormalize(key=[${(t.primaryKey ?? []).join(', ')}])` } : undefined,
      upsertKeys: t.primaryKey ? [t.primaryKey] : mode === 'upsert' ? undefined : [],
      sources: [t],
    };
  }
  byVersion.set(env.version, rel);
  return rel;
}


// ---- helpers ----






function rankBound(where: ExprNode | undefined, alias: string): number | undefined {
  if (!where) return undefined;
  if (where.kind === 'paren' && isNode(where.expr)) return rankBound(where.expr, alias);
  if (where.kind === 'binary' && String(where.op).toUpperCase() === 'AND') {
    return rankBound(where.left as ExprNode, alias) ?? rankBound(where.right as ExprNode, alias);
  }
  if (where.kind !== 'binary') return undefined;
  const l = where.left as ExprNode;
  const r = where.right as ExprNode;
  const p = idParts(l);
  if (!p || !eqName(p[p.length - 1], alias) || r.kind !== 'literal' || r.type !== 'number') return undefined;
  const n = Number(r.text);
  switch (where.op) {
    case '=': case '<=': return n >= 1 ? n : undefined;
    case '<': return n >= 2 ? n - 1 : undefined;
    default: return undefined;
  }
}

function hasAggregate(e: unknown): boolean {
  if (!isNode(e)) return false;
  if (e.kind === 'subquery') return false;
  if (e.kind === 'call' && !e.over && AGGREGATES.has(String(e.name).toUpperCase())) return true;
  for (const [k, v] of Object.entries(e)) {
    if (k === 'over') continue;
    if (Array.isArray(v) ? v.some(hasAggregate) : hasAggregate(v)) return true;
  }
  return false;
}

/** A call that is neither a known aggregate nor an OVER call: could be a user aggregate function. */
function hasUnknownCall(e: unknown): boolean {
  if (!isNode(e)) return false;
  if (e.kind === 'call' && !e.over && !AGGREGATES.has(String(e.name).toUpperCase()) && !/^(CAST|TRY_CAST|COALESCE|IF|UPPER|LOWER|CONCAT|ROUND|ABS)$/i.test(String(e.name))) return true;
  return Object.values(e).some((v) => (Array.isArray(v) ? v.some(hasUnknownCall) : hasUnknownCall(v)));
}

function hasSubquery(e: unknown): boolean {
  if (!isNode(e)) return false;
  if (e.kind === 'subquery' || e.kind === 'query') return true;
  return Object.values(e).some((v) => (Array.isArray(v) ? v.some(hasSubquery) : hasSubquery(v)));
}

function hasOuterJoin(f: FromItem): boolean {
  if (f.kind !== 'join') return false;
  const j = f as JoinNode;
  return /LEFT|RIGHT|FULL/i.test(j.joinType) || hasOuterJoin(j.left) || hasOuterJoin(j.right);
}

function isWindowTvf(f: FromItem): boolean {
  return f.kind === 'tableFunction' && !!(f as DerivedTableNode).call && WINDOW_TVFS.has(String((f as DerivedTableNode).call!.name).toUpperCase());
}

function exprName(e: ExprNode): string | undefined {
  const p = idParts(e);
  if (p) return p[p.length - 1];
  if (e.kind === 'paren' && isNode(e.expr)) return exprName(e.expr);
  return undefined;
}

/** The output name of a column the SELECT passes through unchanged. */
function outputName(s: SelectNode, parts: string[]): string | undefined {
  const last = parts[parts.length - 1];
  for (const item of s.items) {
    const p = idParts(item.expr);
    if (p && eqName(p[p.length - 1], last) && (parts.length === 1 || p.length === 1 || eqName(p[0], parts[0]))) return item.alias?.value ?? p[p.length - 1];
    if (item.expr.kind === 'star') return last;
  }
  return undefined;
}

/** Upsert keys through a projection: kept when every column of a key passes through. */
function projectKeys(keys: string[][] | undefined, s: SelectNode, _entries: Entry[]): string[][] | undefined {
  if (!keys) return undefined;
  const out: string[][] = [];
  for (const k of keys) {
    const mapped = k.map((c) => outputName(s, [c]));
    if (mapped.every((m) => m)) out.push(mapped as string[]);
  }
  return out;
}

function spanOf(nodes: { start: number; end: number }[]): { start: number; end: number } {
  return { start: nodes[0].start, end: nodes[nodes.length - 1].end };
}
