// Join kinds as Flink's planner tells them apart: an interval join (time-bounded ON, append only), a temporal join
// (FOR SYSTEM_TIME AS OF a rowtime: the versioned table needs a primary key and a rowtime, the key in the condition),
// a lookup join (AS OF a proctime against a connector that can look up: an equality on the looked-up table), and a
// processing-time temporal join against one that cannot (rejected). Which connectors look up comes from the
// generated connector catalog (CatalogFactory.kinds).
import type { ExprNode, JoinNode, TableRefNode } from '../../parser';
import { idParts, isNode, lookupEntry, qualified, type Entry, type Env } from './relations';

/** Reports at a node of the statement being read. */
export type NodeEmit = (n: { start: number; end: number }, message: string) => void;

/** Whether an ON condition bounds the time attributes of both sides (an interval join). */
export function timeBounded(on: ExprNode, left: Entry[], right: Entry[], all: Entry[]): 'yes' | 'no' | 'unknown' {
  let verdict: 'yes' | 'no' | 'unknown' = 'no';
  const sides = (e: unknown, acc: { l: boolean; r: boolean; unknown: boolean }) => {
    if (!isNode(e)) return;
    const p = idParts(e);
    if (p) {
      const hit = lookupEntry(p, all);
      if (!hit) { acc.unknown = true; return; }
      if (hit.col.time === 'unknown') acc.unknown = true;
      if (hit.col.time === 'rowtime' || hit.col.time === 'proctime') {
        if (left.includes(hit.entry)) acc.l = true;
        if (right.includes(hit.entry)) acc.r = true;
      }
      return;
    }
    for (const v of Object.values(e)) {
      if (Array.isArray(v)) v.forEach((x) => sides(x, acc));
      else sides(v, acc);
    }
  };
  const visit = (e: ExprNode) => {
    if (e.kind === 'binary' && String(e.op).toUpperCase() === 'AND') {
      visit(e.left as ExprNode);
      visit(e.right as ExprNode);
      return;
    }
    const cmp = e.kind === 'between' || (e.kind === 'binary' && ['<', '>', '<=', '>='].includes(String(e.op)));
    const acc = { l: false, r: false, unknown: false };
    sides(e, acc);
    if (acc.unknown && verdict !== 'yes') verdict = 'unknown';
    if (cmp && acc.l && acc.r) verdict = 'yes';
  };
  visit(on);
  return verdict;
}

/** FOR SYSTEM_TIME AS OF: event-time temporal joins, lookup joins and processing-time temporal joins. */
export function temporalJoin(env: Env, emit: NodeEmit, j: JoinNode, ref: TableRefNode, left: Entry[], right: Entry): void {
  const asOf = ref.systemTime!;
  const p = idParts(asOf);
  if (!p) return;
  const hit = lookupEntry(p, left);
  if (!hit) return;
  const t = right.table;
  const time = hit.col.time;
  if (time === 'none') {
    emit(asOf, "Temporal table join currently only supports 'FOR SYSTEM_TIME AS OF' left table's time attribute field. "
      + `'${p.join('.')}' is not a time attribute: it needs a WATERMARK (event time) or to be a PROCTIME() column (lookup).`);
    return;
  }
  if (!t || (time !== 'rowtime' && time !== 'proctime')) return;
  const node = env.createTable(t);
  if (!node || node.like) return;
  const name = ref.name;
  const eqs = equalities(j.on, left, right);
  if (eqs === undefined) return;
  if (time === 'rowtime') {
    if (!t.primaryKey?.length) {
      emit(name, `Temporal Table Join requires primary key in versioned table, but no primary key can be found. `
        + `An event-time temporal join (FOR SYSTEM_TIME AS OF ${p.join('.')}) needs '${t.name}' to be a versioned table: a PRIMARY KEY … NOT ENFORCED and a WATERMARK.`);
    } else if (!node.watermark) {
      emit(name, `Event-Time Temporal Table Join requires both primary key and row time attribute in versioned table, but no row time attribute can be found. `
        + `'${t.name}' has no WATERMARK.`);
    } else if (!eqs.some((e) => e.rightCol && e.otherSide)) {
      emit(j.on ?? name, 'Currently the join key in Temporal Table Join can not be empty.');
    } else if (eqs.every((e) => e.rightCol && e.otherSide && e.rightName) && !t.primaryKey.every((k) => eqs.some((e) => e.rightName === k))) {
      emit(j.on ?? name, `Temporal table's primary key [${t.primaryKey.join(', ')}] must be included in the equivalence condition of temporal join. `
        + `Join '${t.name}' ON its whole primary key.`);
    } else {
      const wm = node.watermark.column.parts.length === 1 ? right.rel.cols?.find((c) => c.name === node.watermark!.column.parts[0].value) : undefined;
      const ltz = (type: string | undefined) => (type ? /LTZ|LOCAL\s+TIME\s+ZONE/i.test(type) : undefined);
      const a = ltz(hit.col.type);
      const b = ltz(wm?.type);
      if (a !== undefined && b !== undefined && a !== b) {
        emit(asOf, `Event-Time Temporal Table Join requires same rowtime type in left table and versioned table, but the rowtime types are ${hit.col.type!.toUpperCase()} *ROWTIME* and ${wm!.type!.toUpperCase()} *ROWTIME*.`);
      }
    }
    return;
  }
  // processing time: a lookup join when the connector can look up, a (not supported) processing-time temporal join otherwise
  const factory = t.connector ? env.catalog?.factory(t.connector, 'connector') : undefined;
  if (!factory) return;
  if (factory.kinds.includes('lookup')) {
    if (!eqs.some((e) => e.rightCol && e.otherSide)) {
      emit(j.on ?? name, `Temporal table join requires an equality condition on fields of table [${qualified(t)}]. `
        + `A lookup join needs ON ${right.alias ?? t.name}.<key> = <left column>.`);
    }
    return;
  }
  if (!factory.kinds.includes('source')) return;
  if (!t.primaryKey?.length) {
    emit(name, `Temporal Table Join requires primary key in versioned table, but no primary key can be found. `
      + `The '${t.connector}' connector cannot look up rows, so FOR SYSTEM_TIME AS OF ${p.join('.')} (processing time) is not a lookup join.`);
  } else {
    emit(name, `Processing-time temporal join is not supported yet. The '${t.connector}' connector cannot look up rows; `
      + 'use a connector with lookup support, or an event-time temporal join (a rowtime on both sides).');
  }
}

/** Equalities of an ON condition's AND-ed terms: which of them compare a right column with the left side. */
export function equalities(on: ExprNode | undefined, left: Entry[], right: Entry): { rightCol: boolean; otherSide: boolean; rightName?: string }[] | undefined {
  if (!on) return [];
  const out: { rightCol: boolean; otherSide: boolean; rightName?: string }[] = [];
  const all = [...left, right];
  let unknown = false;
  const side = (e: unknown): 'l' | 'r' | 'const' | 'mixed' | undefined => {
    if (!isNode(e)) return 'const';
    if (e.kind === 'literal') return 'const';
    const p = idParts(e);
    if (p) {
      const hit = lookupEntry(p, all);
      if (!hit) { unknown = true; return undefined; }
      return hit.entry === right ? 'r' : 'l';
    }
    let acc: 'l' | 'r' | 'const' | 'mixed' | undefined = 'const';
    for (const v of Object.values(e)) {
      for (const x of Array.isArray(v) ? v : [v]) {
        if (!isNode(x)) continue;
        const s = side(x);
        if (s === undefined) return undefined;
        if (s === 'const') continue;
        acc = acc === 'const' || acc === s ? s : 'mixed';
      }
    }
    return acc;
  };
  const visit = (e: ExprNode) => {
    if (e.kind === 'paren' && isNode(e.expr)) return visit(e.expr);
    if (e.kind === 'binary' && String(e.op).toUpperCase() === 'AND') {
      visit(e.left as ExprNode);
      visit(e.right as ExprNode);
      return;
    }
    if (e.kind === 'binary' && String(e.op).toUpperCase() === 'OR') { unknown = true; return; }
    if (e.kind !== 'binary' || e.op !== '=') return;
    const a = side(e.left);
    const b = side(e.right);
    const rightCol = (isNode(e.left) && !!idParts(e.left) && a === 'r') || (isNode(e.right) && !!idParts(e.right) && b === 'r');
    const rp = isNode(e.left) && a === 'r' ? idParts(e.left) : isNode(e.right) && b === 'r' ? idParts(e.right) : undefined;
    const rightName = rp ? lookupEntry(rp, all)?.col.name : undefined;
    out.push({ rightCol, otherSide: (a === 'r' && b === 'l') || (a === 'l' && b === 'r'), rightName });
  };
  visit(on);
  return unknown ? undefined : out;
}
