// Expression types and function signatures checked the way Flink's planner checks them: unknown functions, operand
// families of FlinkSqlOperatorTable's functions, grouping (a column not grouped, an aggregate in WHERE), UNION ALL
// column counts and ambiguous columns in joins. Findings are kept per statement tree while every table name it
// resolved resolves to the same definition. Severity: an Error where every table involved is defined in the draft,
// a Warning where a catalog table is involved; silence wherever a type or a table is unknown.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { ExprNode, FlinkVersion, FromItem, ParsedStatement, SelectNode, SetOpNode, StatementNode, TextSpan } from '../../parser';
import type { ServiceContext } from '../completion';
import { DIAGNOSTIC_SOURCE } from '../diagnostics';
import type { AnalyzedDocument } from '../document';
import { draftDefinitions, resolver, type Resolver, type TableInfo } from '../scope';
import { fromEntries, lookupColumn, type ScopeEntry } from '../scopeQuery';
import { inFamily, isCharacter, typeFromText, typeOf, type LogicalType } from './exprTypes';
import { isEditsFix } from './streamingFixes';
import { functionArities, functionSignature, isAggregate, isKnownFunction } from './functionSignatures';
import { catalogKey, definitionsGeneration, stillResolves } from './statementReuse';
import { draftUdfs } from '../udfs';

interface Finding {
  start: number;
  end: number;
  code: string;
  message: string;
  /** Certain whatever the catalog holds (Error), or only if no catalog table / function makes it valid (Warning). */
  certain: boolean;
  data?: unknown;
}

interface Checked {
  key: string;
  generation?: number;
  defsBefore?: number;
  lookups: { parts: string[]; found: TableInfo | undefined }[];
  found: Finding[];
}

const byTree = new WeakMap<StatementNode, Checked>();

interface DraftFunctions {
  names: Set<string>;
  openModules: boolean;
  /** Argument counts of registered functions whose artifact says them (one registration per name only), with the signatures Flink lists. */
  counts: Map<string, { min: number; max?: number; signatures: string[]; certain: boolean }>;
}

/** Functions the draft creates, and whether a module (LOAD MODULE) may bring functions we cannot see. */
function draftFunctions(doc: AnalyzedDocument, context: ServiceContext): DraftFunctions {
  const names = new Set<string>();
  let openModules = false;
  for (const st of doc.script.statements) {
    const n = st.node as (StatementNode & { name?: { parts?: { value: string }[]; value?: string } }) | undefined;
    if (!n || n.kind === 'unknown') {
      // a CREATE FUNCTION the parser could not read (a template's `CREATE $TEMPORARY FUNCTION`) still creates one
      if (/\bCREATE\b[\s\S]*?\bFUNCTION\b/i.test(st.text)) {
        const m = /\bFUNCTION\s+(?:IF\s+NOT\s+EXISTS\s+)?([`\w.]+)/i.exec(st.text);
        const name = m?.[1].split('.').pop()?.replace(/`/g, '');
        if (name) names.add(name.toUpperCase());
        else openModules = true;
      }
      continue;
    }
    // a module or a catalog we cannot see brings functions we cannot see
    if (n.kind === 'loadModule' || n.kind === 'createCatalog' || n.kind === 'use') openModules = true;
    if (n.kind === 'createFunction' || n.kind === 'createTemporarySystemFunction') {
      const parts = n.name?.parts;
      const last = parts?.length ? parts[parts.length - 1].value : n.name?.value;
      if (last) names.add(last.toUpperCase());
    }
  }
  const counts: DraftFunctions['counts'] = new Map();
  const registrations = new Map<string, number>();
  for (const u of draftUdfs(doc, context.udfs)) {
    const upper = u.name.toUpperCase();
    registrations.set(upper, (registrations.get(upper) ?? 0) + 1);
    // a process table function also takes Flink's system arguments (on_time, uid), which its static arguments leave out
    if (u.info?.minArgs === undefined || u.info.kind === 'process_table') continue;
    // as Flink prints "Supported signatures": the name as registered, arguments without the result
    const signatures = u.info.signatures.map((s) => `${u.name}(${s.arguments.map((a) => `${a.name ? `${a.name} ` : ''}${a.type}`).join(', ')})`);
    // Java counts come from Flink's own type inference (checked against the planner); a Python decorator's are our reading
    counts.set(upper, { min: u.info.minArgs, ...(u.info.maxArgs !== undefined ? { max: u.info.maxArgs } : {}), signatures, certain: u.info.inference === 'flink' });
  }
  // a name registered twice (DROP and CREATE again, another class) has no one count to check
  for (const [name, n] of registrations) if (n > 1) counts.delete(name);
  return { names, openModules, counts };
}

export function typeDiagnostics(doc: AnalyzedDocument, context: ServiceContext): Diagnostic[] {
  const version = context.flinkVersion ?? doc.flinkVersion;
  const ck = catalogKey(context.catalogTables);
  const fns = draftFunctions(doc, context);
  const hasCatalog = !!context.catalogTables?.length || !!context.catalogs?.length;
  const counts = [...fns.counts].map(([n, c]) => `${n}:${c.min}-${c.max ?? ''}:${c.certain}:${c.signatures.join(';')}`).sort().join(',');
  const key = `${version}|${ck}|${hasCatalog}|${fns.openModules}|${[...fns.names].sort().join(',')}|${counts}`;
  const defs = draftDefinitions(doc);
  const generation = definitionsGeneration(defs);
  const out: Diagnostic[] = [];
  let defsBefore = 0;
  for (const stmt of doc.script.statements) {
    while (defsBefore < defs.length && defs[defsBefore].statementStart < stmt.start) defsBefore++;
    const node = stmt.node;
    if (!node || !CHECKED.has(node.kind)) continue;
    let checked = byTree.get(node);
    const unchanged = checked && checked.generation === generation && checked.defsBefore === defsBefore;
    if (!checked || checked.key !== key
      || (!unchanged && checked.lookups.length && !stillResolves(resolver(doc, stmt.start, context.catalogTables), checked.lookups))) {
      const lookups: Checked['lookups'] = [];
      const base = resolver(doc, stmt.start, context.catalogTables);
      const resolve: Resolver = (parts) => {
        const found = base(parts);
        lookups.push({ parts, found });
        return found;
      };
      let found: Finding[];
      try {
        found = new StatementCheck(stmt, resolve, version, fns, hasCatalog).run(node);
      } catch {
        // a tree left incomplete by a syntax error: no finding rather than a wrong one
        found = [];
      }
      checked = { key, lookups, found };
      byTree.set(node, checked);
    }
    checked.generation = generation;
    checked.defsBefore = defsBefore;
    for (const f of checked.found) {
      const data = isEditsFix(f.data)
        ? { ...f.data, edits: f.data.edits.map((e) => ({ ...e, start: e.start + stmt.start, end: e.end + stmt.start })) }
        : f.data;
      out.push({
        range: doc.lines.rangeOf(stmt.start + f.start, stmt.start + f.end),
        severity: f.certain ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
        source: DIAGNOSTIC_SOURCE, code: f.code, message: f.message, ...(data ? { data } : {}),
      });
    }
  }
  return out;
}

const CHECKED = new Set(['query', 'insert', 'createTable', 'createView', 'statementSet', 'executeStatementSet', 'explain', 'createMaterializedTable']);


const isNode = (v: unknown): v is ExprNode => typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string';
const callName = (e: ExprNode): string | undefined => {
  if (e.kind !== 'call') return undefined;
  if (typeof e.name === 'string') return e.name;
  const n = e.name as { parts?: { value: string }[] } | undefined;
  return n?.parts?.length === 1 ? n.parts[0].value : undefined;
};
const norm = (s: string) => s.replace(/\s+/g, '').replace(/`/g, '').toLowerCase();

/** Tables whose columns we know for sure, with whether any came from a live catalog; undefined when any is unknown. */
interface KnownFrom {
  entries: ScopeEntry[];
  fromCatalog: boolean;
}

class StatementCheck {
  private readonly found: Finding[] = [];
  private readonly text = (span: TextSpan) => this.stmt.text.slice(span.start, span.end);

  constructor(
    private readonly stmt: ParsedStatement,
    private readonly resolve: Resolver,
    private readonly version: FlinkVersion,
    private readonly fns: DraftFunctions,
    private readonly hasCatalog: boolean,
  ) {}

  /** Where the statement's tables come from: all from the draft, some from a live catalog, or some unknown. */
  private tables: 'draft' | 'catalog' | 'unknown' = 'draft';

  run(node: StatementNode): Finding[] {
    this.tables = this.tableOrigins(node);
    this.visit(node);
    return this.found;
  }

  private tableOrigins(node: StatementNode): 'draft' | 'catalog' | 'unknown' {
    const ctes = new Set<string>();
    const refs: string[][] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) return v.forEach(walk);
      if (typeof v !== 'object' || v === null) return;
      const n = v as ExprNode;
      if (n.kind === 'query') for (const c of (n.with as { name: { value: string } }[] | undefined) ?? []) ctes.add(c.name.value.toLowerCase());
      const name = n.name as { parts?: { value: string }[] } | undefined;
      if ((n.kind === 'tableRef' || n.kind === 'tableArg') && name?.parts) refs.push(name.parts.map((p) => p.value));
      if (n.kind === 'modelRef') refs.push(['\u0000model']);
      for (const [k, c] of Object.entries(n)) if (k !== 'kind' && typeof c === 'object') walk(c);
    };
    walk(node);
    let origin: 'draft' | 'catalog' | 'unknown' = 'draft';
    for (const parts of refs) {
      if (parts.length === 1 && ctes.has(parts[0].toLowerCase())) continue;
      const t = this.resolve(parts);
      if (!t) return 'unknown';
      if (!t.inDraft) origin = 'catalog';
    }
    return origin;
  }

  private visit(v: unknown): void {
    if (Array.isArray(v)) {
      for (const x of v) this.visit(x);
      return;
    }
    if (typeof v !== 'object' || v === null) return;
    const n = v as ExprNode;
    if (n.kind === 'select') {
      const saved = this.current;
      this.current = this.checkSelect(n as unknown as SelectNode);
      for (const [k, child] of Object.entries(n)) if (k !== 'kind' && typeof child === 'object') this.visit(child);
      this.current = saved;
      return;
    }
    if (n.kind === 'setOp') this.checkSetOp(n as unknown as SetOpNode);
    else if (n.kind === 'call') this.checkCall(n);
    else if (n.kind === 'binary') this.checkBinary(n);
    else if (n.kind === 'like') this.checkLike(n);
    else if (n.kind === 'item') this.checkItem(n);
    else if (n.kind === 'case') this.checkCase(n);
    for (const [k, child] of Object.entries(n)) if (k !== 'kind' && typeof child === 'object') this.visit(child);
  }

  private add(node: TextSpan, code: string, message: string, certain: boolean, data?: unknown): void {
    this.found.push({ start: node.start, end: node.end, code, message, certain, ...(data ? { data } : {}) });
  }

  // ---- functions

  private functionKnown(name: string): boolean {
    return isKnownFunction(name, this.version) || this.fns.names.has(name.toUpperCase());
  }

  private checkCall(e: ExprNode): void {
    const name = callName(e);
    if (!name) return;
    const args = (e.args as ExprNode[] | undefined) ?? [];
    if (!this.functionKnown(name)) {
      // a table from a catalog we cannot see comes with that catalog's functions
      if (this.fns.openModules || this.tables === 'unknown') return;
      const families = args.map((a) => (a.kind === 'literal' && (a.type === 'number' || a.type === 'string') ? (a.type === 'number' ? '<NUMERIC>' : '<CHARACTER>') : '<ANY>'));
      const shown = args.every((a) => a.kind === 'literal' && (a.type === 'number' || a.type === 'string'))
        ? `${name.toUpperCase()}(${families.join(', ')})` : name.toUpperCase();
      const head = typeof e.name === 'object' && isNode(e.name) ? (e.name as TextSpan) : { start: e.start, end: e.start + name.length };
      this.add(head, 'flink-unknown-function', `No match found for function signature ${shown}`, !this.hasCatalog && this.tables === 'draft');
      return;
    }
    if (this.fns.names.has(name.toUpperCase())) return this.checkUdfCall(e, name, args);
    if (name.toUpperCase() === 'UNNEST') return this.checkUnnest(e, args);
    if (name.toUpperCase() === 'CAST') return this.checkCast(e, args);
    const counts = functionArities(name, this.version);
    if (counts && !args.some((a) => a.kind === 'namedArg' || a.kind === 'star') && !e.quantifier
      && counts.ranges.every((r) => args.length < r.min || (r.max !== undefined && args.length > r.max))) {
      const c = counts.calcite ?? counts.ranges[0];
      const expecting = c.max === c.min ? `${c.min}` : c.max === undefined ? `at least ${c.min}` : `${c.min} to ${c.max}`;
      this.add(e, 'flink-argument-count', `Invalid number of arguments to function '${name.toUpperCase()}'. Was expecting ${expecting} arguments`, true);
      return;
    }
    const sig = functionSignature(name, this.version);
    if (!sig || args.length === 0 || e.quantifier || args.some((a) => a.kind === 'star' || a.kind === 'namedArg')) return;
    // Calcite's family operand checkers (FlinkSqlOperatorTable): every argument's type known, no form fits
    const scope = this.current;
    if (!scope) return;
    const types = args.map((a) => typeOf(a, { entries: scope.entries, text: this.text }));
    if (types.some((t) => !t)) return;
    const fits = sig.forms.some((form) => form.length === args.length && form.every((fam, i) => sig.member(types[i]!, fam) !== false));
    if (fits) return;
    // only a form of the same arity tells which argument is at fault; else the whole call
    const same = sig.forms.filter((f) => f.length === args.length);
    if (!same.length) return;
    const upper = name.toUpperCase();
    const message = `Cannot apply '${upper}' to arguments of type '${upper}(${types.map((t) => `<${t!.text}>`).join(', ')})'. Supported form(s): ${sig.printed.map((p) => `'${p}'`).join('\n')}`;
    const bad = args.findIndex((a, i) => same.every((f) => sig.member(types[i]!, f[i]) === false));
    this.add(bad >= 0 ? args[bad] : e, 'flink-argument-types', message, !scope.fromCatalog);
  }

  /** A registered function's argument count, as its artifact's type inference gives it (minArgs/maxArgs). */
  private checkUdfCall(e: ExprNode, name: string, args: ExprNode[]): void {
    const c = this.fns.counts.get(name.toUpperCase());
    if (!c || e.quantifier || args.some((a) => a.kind === 'namedArg' || a.kind === 'star')) return;
    if (args.length >= c.min && (c.max === undefined || args.length <= c.max)) return;
    // Flink's words (checked on 2.3 and 1.20, test/integration/udf.test.ts); argument families only where literals tell them
    const families = args.map((a) => (a.kind === 'literal' && a.type === 'number' ? '<NUMERIC>' : a.kind === 'literal' && a.type === 'string' ? '<CHARACTER>' : '<ANY>'));
    const supported = c.signatures.length ? ` Supported signatures are:\n${c.signatures.join('\n')}` : '';
    this.add(e, 'flink-argument-count', `No match found for function signature ${name}(${families.join(', ')}).${supported}`, c.certain);
  }

  // ---- SELECT: grouping, aggregates in WHERE, ambiguous columns

  /** The tables of the SELECT whose expressions are being visited, when all are known. */
  private current: KnownFrom | null = null;

  private knownFrom(from: readonly FromItem[]): KnownFrom | null {
    let fromCatalog = false;
    const ok = (item: FromItem): boolean => {
      switch (item.kind) {
        case 'join':
          return !item.using && !/NATURAL/i.test(item.joinType) && ok(item.left) && ok(item.right);
        case 'tableRef': {
          if (item.columnAliases?.length) return false;
          const t = this.resolve(item.name.parts.map((p) => p.value));
          if (!t || !t.columns.length) return false;
          if (t.kind === 'catalog table' || t.kind === 'catalog view') fromCatalog = true;
          else if (!t.inDraft) return false;
          return true;
        }
        case 'unnest':
          // its columns are unknown: they never make a column ambiguous or ungrouped, only hide such findings
          return true;
        default:
          return false;
      }
    };
    if (!from.length || !from.every(ok)) return null;
    return { entries: fromEntries(from, this.resolve, this.text), fromCatalog };
  }

  private typeIn(e: ExprNode | undefined, known: KnownFrom | null): LogicalType | undefined {
    return known ? typeOf(e, { entries: known.entries, text: this.text }) : undefined;
  }

  private condition(e: ExprNode | undefined, known: KnownFrom, message: string): void {
    const t = this.typeIn(e, known);
    if (e && t && t.root !== 'BOOLEAN') this.add(e, 'flink-not-a-condition', message, !known.fromCatalog);
  }

  private checkSelect(s: SelectNode): KnownFrom | null {
    // an aggregate in WHERE is illegal whatever the tables are
    if (s.where) this.aggregatesIn(s.where, (agg) => this.add(agg, 'flink-aggregate-in-where', 'Aggregate expression is illegal in WHERE clause', true));
    for (const e of [...s.items.map((i) => i.expr), ...(s.having ? [s.having] : [])]) {
      this.aggregatesIn(e, (agg) => {
        let nested = false;
        for (const a of (agg.args as ExprNode[] | undefined) ?? []) this.aggregatesIn(a, () => (nested = true));
        if (nested) this.add(agg, 'flink-nested-aggregate', 'Aggregate expressions cannot be nested', true);
      });
    }
    const known = this.knownFrom(s.from);
    if (known) {
      this.condition(s.where, known, 'WHERE clause must be a condition');
      this.condition(s.having, known, 'HAVING clause must be a condition');
      this.checkAmbiguous(s, known);
      this.checkGrouping(s, known);
    }
    return known;
  }

  private aggregatesIn(e: ExprNode, hit: (agg: ExprNode) => void): void {
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) return v.forEach(walk);
      if (!isNode(v) || v.kind === 'subquery' || v.kind === 'select' || v.kind === 'query') return;
      const name = callName(v);
      if (name && !v.over && isAggregate(name, this.version) && !this.fns.names.has(name.toUpperCase())) {
        hit(v);
        return;
      }
      for (const [k, c] of Object.entries(v)) if (k !== 'kind' && typeof c === 'object') walk(c);
    };
    walk(e);
  }

  /** Unqualified column references of this SELECT's own expressions (not its subqueries'). */
  private references(e: unknown, hit: (id: ExprNode, parts: string[]) => void): void {
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) return v.forEach(walk);
      if (!isNode(v) || v.kind === 'subquery' || v.kind === 'select' || v.kind === 'query' || v.kind === 'lambda') return;
      if (v.kind === 'identifier') {
        if (!v.star) hit(v, (v.parts as { value: string }[]).map((p) => p.value));
        return;
      }
      if (v.kind === 'call') {
        for (const a of (v.args as unknown[] | undefined) ?? []) walk(a);
        if (v.over) walk(v.over);
        return;
      }
      for (const [k, c] of Object.entries(v)) if (k !== 'kind' && typeof c === 'object') walk(c);
    };
    walk(e);
  }

  private checkAmbiguous(s: SelectNode, known: KnownFrom): void {
    if (known.entries.length < 2) return;
    // `a.x = b.x` in an inner join's ON: either qualifier names the same value, so qualifying is a certain fix
    const equated = new Set<string>();
    const onClauses = (item: FromItem, visit: (on: ExprNode) => void): void => {
      if (item.kind !== 'join') return;
      onClauses(item.left, visit);
      onClauses(item.right, visit);
      if (item.on) visit(item.on);
    };
    const equalities = (e: ExprNode): void => {
      if (e.kind !== 'binary') return;
      const op = String(e.op).toUpperCase();
      if (op === 'AND') return (equalities(e.left as ExprNode), equalities(e.right as ExprNode));
      const l = e.left as ExprNode;
      const r = e.right as ExprNode;
      if (op !== '=' || l.kind !== 'identifier' || r.kind !== 'identifier') return;
      const lp = (l.parts as { value: string }[]).map((p) => p.value);
      const rp = (r.parts as { value: string }[]).map((p) => p.value);
      if (lp.length === 2 && rp.length === 2 && lp[1] === rp[1]) equated.add(`${lp[0]}.${lp[1]}|${rp[0]}.${rp[1]}`);
    };
    const inner = s.from.every(function innerOnly(item: FromItem): boolean {
      return item.kind !== 'join' || (/^INNER$/i.test(item.joinType.trim()) && innerOnly(item.left) && innerOnly(item.right));
    });
    if (inner) s.from.forEach((item) => onClauses(item, equalities));
    const seen = new Set<number>();
    const check = (id: ExprNode, parts: string[]) => {
      if (parts.length !== 1 || seen.has(id.start)) return;
      seen.add(id.start);
      const holders = known.entries.filter((en) => en.table.columns.some((c) => c.name === parts[0]));
      if (holders.length < 2) return;
      const [a, b] = holders;
      const fixable = holders.length === 2
        && (equated.has(`${a.alias}.${parts[0]}|${b.alias}.${parts[0]}`) || equated.has(`${b.alias}.${parts[0]}|${a.alias}.${parts[0]}`));
      const data = fixable
        ? { fix: 'edits', title: `Qualify as ${a.alias}.${parts[0]}`, edits: [{ start: id.start, end: id.end, newText: `${a.alias}.${parts[0]}` }] }
        : undefined;
      this.add(id, 'flink-ambiguous-column', `Column '${parts[0]}' is ambiguous`, !known.fromCatalog, data);
    };
    for (const item of s.items) this.references(item.expr, check);
    if (s.where) this.references(s.where, check);
    for (const g of s.groupBy ?? []) this.references(g, check);
    if (s.having) this.references(s.having, check);
    s.from.forEach((item) => onClauses(item, (on) => this.references(on, check)));
  }

  private checkGrouping(s: SelectNode, known: KnownFrom): void {
    const groupBy = s.groupBy ?? [];
    let hasAgg = false;
    for (const item of s.items) this.aggregatesIn(item.expr, () => (hasAgg = true));
    if (!groupBy.length && !hasAgg) return;
    // grouping sets, ROLLUP, CUBE or a group key that is not a plain column of the FROM tables: not modelled
    const keys: { entry: string; column: string }[] = [];
    const keyTexts = new Set<string>();
    for (const g of groupBy) {
      if (g.kind === 'identifier') {
        const found = lookupColumn((g.parts as { value: string }[]).map((p) => p.value), known.entries);
        if (!found) return;
        keys.push({ entry: found.entry.alias, column: found.column.name });
      } else if (g.kind === 'call' && /^(ROLLUP|CUBE|GROUPING SETS|GROUPING_SETS)$/i.test(callName(g) ?? '')) {
        return;
      } else if (g.kind === 'list' || g.kind === 'row' || g.kind === 'paren') {
        return;
      } else {
        keyTexts.add(norm(this.text(g)));
      }
    }
    for (const item of s.items) {
      if (item.expr.kind === 'fieldStar') return;
      if (item.expr.kind === 'star' || (item.expr.kind === 'identifier' && item.expr.star)) {
        if (keyTexts.size) return;
        const qual = ((item.expr.parts as { value: string }[] | undefined) ?? []).map((p) => p.value);
        if (qual.length > 1) return;
        for (const en of known.entries) {
          if (qual.length && qual[0] !== en.alias) continue;
          const col = en.table.columns.find((c) => !keys.some((k) => k.entry === en.alias && k.column === c.name));
          if (col) {
            this.add(item.expr, 'flink-not-grouped', `Expression '${en.alias}.${col.name}' is not being grouped`, !known.fromCatalog);
            return;
          }
        }
        continue;
      }
      this.ungrouped(item.expr, known, keys, keyTexts);
    }
  }

  private ungrouped(e: ExprNode, known: KnownFrom, keys: { entry: string; column: string }[], keyTexts: Set<string>): void {
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) return v.forEach(walk);
      if (!isNode(v) || v.kind === 'subquery' || v.kind === 'select' || v.kind === 'query' || v.kind === 'lambda') return;
      if (keyTexts.size && keyTexts.has(norm(this.text(v)))) return;
      const name = callName(v);
      if (name) {
        // an aggregate, an OVER window or a function we cannot see (it may be an aggregate) takes any column
        if (v.over || isAggregate(name, this.version) || !isKnownFunction(name, this.version) || this.fns.names.has(name.toUpperCase())) return;
        if (/^(GROUPING|GROUP_ID|GROUPING_ID|TUMBLE_START|TUMBLE_END|HOP_START|HOP_END|SESSION_START|SESSION_END|TUMBLE_ROWTIME|TUMBLE_PROCTIME|HOP_ROWTIME|HOP_PROCTIME|SESSION_ROWTIME|SESSION_PROCTIME)$/i.test(name)) return;
        for (const a of (v.args as unknown[] | undefined) ?? []) walk(a);
        return;
      }
      if (v.kind === 'identifier') {
        if (v.star) return;
        const found = lookupColumn((v.parts as { value: string }[]).map((p) => p.value), known.entries);
        if (!found) return;
        if (keys.some((k) => k.entry === found.entry.alias && k.column === found.column.name)) return;
        this.add(v, 'flink-not-grouped', `Expression '${this.text(v)}' is not being grouped`, !known.fromCatalog);
        return;
      }
      for (const [k, c] of Object.entries(v)) if (k !== 'kind' && typeof c === 'object') walk(c);
    };
    walk(e);
  }

  // ---- operators whose operand types Calcite checks without implicit casts

  private checkUnnest(e: ExprNode, args: ExprNode[]): void {
    const t = args.length === 1 ? this.typeIn(args[0], this.current) : undefined;
    if (!t || ['ARRAY', 'MAP', 'MULTISET'].includes(t.root)) return;
    this.add(args[0], 'flink-argument-types',
      `Cannot apply 'UNNEST' to arguments of type 'UNNEST(<${t.text}>)'. Supported form(s): 'UNNEST(<MULTISET>)'\n'UNNEST(<ARRAY>)'\n'UNNEST(<MAP>)'`,
      !this.current!.fromCatalog);
  }

  /** LogicalTypeCasts: a collection casts to a string or a collection, never to a number, a boolean or a time. */
  private checkCast(e: ExprNode, args: ExprNode[]): void {
    const from = args.length === 1 ? this.typeIn(args[0], this.current) : undefined;
    const to = e.type ? typeFromText(this.text(e.type as TextSpan)) : undefined;
    if (!from || !to || from.root !== 'ARRAY' || !['NUMERIC', 'BOOLEAN', 'DATETIME'].some((f) => inFamily(to, f))) return;
    const element = typeFromText(/^ARRAY\s*<(.*)>$/.exec(from.text)?.[1]);
    if (!element) return;
    this.add(e, 'flink-cast', `Cast function cannot convert value of type ${element.text} ARRAY to type ${to.text}`, !this.current!.fromCatalog);
  }

  private checkBinary(n: ExprNode): void {
    const op = String(n.op).toUpperCase();
    const left = n.left as ExprNode;
    const right = n.right as ExprNode;
    if (left.kind === 'literal' || right.kind === 'literal') return;
    const l = this.typeIn(left, this.current);
    const r = this.typeIn(right, this.current);
    if (!l || !r) return;
    const num = (t: LogicalType) => inFamily(t, 'NUMERIC') === true;
    const chr = (t: LogicalType) => isCharacter(t);
    const time = (t: LogicalType) => inFamily(t, 'DATETIME') === true;
    let forms: string | undefined;
    if (['+', '-', '*', '/', '%'].includes(op) && ((num(l) && chr(r)) || (chr(l) && num(r)))) forms = `'<NUMERIC> ${op} <NUMERIC>'`;
    else if (['=', '<>', '!=', '<', '>', '<=', '>='].includes(op) && ((num(l) && time(r)) || (time(l) && num(r)))) forms = `'<COMPARABLE_TYPE> ${op} <COMPARABLE_TYPE>'`;
    if (!forms) return;
    this.add(n, 'flink-argument-types', `Cannot apply '${op}' to arguments of type '<${l.text}> ${op} <${r.text}>'. Supported form(s): ${forms}`, !this.current!.fromCatalog);
  }

  private checkLike(n: ExprNode): void {
    if (String(n.op).toUpperCase() !== 'LIKE' || n.escape) return;
    const l = this.typeIn(n.operand as ExprNode, this.current);
    const r = this.typeIn(n.pattern as ExprNode, this.current);
    if (!l || !r || inFamily(l, 'STRING') !== false || !['NUMERIC', 'BOOLEAN', 'DATETIME'].some((f) => inFamily(l, f))) return;
    const op = n.not ? 'NOT LIKE' : 'LIKE';
    this.add(n, 'flink-argument-types',
      `Cannot apply '${op}' to arguments of type '${op}(<${l.text}>, <${r.text}>)'. Supported form(s): '${op}(<STRING>, <STRING>, <STRING>)'`, !this.current!.fromCatalog);
  }

  private checkItem(n: ExprNode): void {
    const t = this.typeIn(n.operand as ExprNode, this.current);
    const i = this.typeIn(n.index as ExprNode, this.current);
    if (!t || !i || !['NUMERIC', 'BOOLEAN', 'DATETIME', 'CHARACTER'].some((f) => inFamily(t, f))) return;
    this.add(n, 'flink-argument-types',
      `Cannot apply 'ITEM' to arguments of type 'ITEM(<${t.text}>, <${i.text}>)'. Supported form(s): <ARRAY>[<INTEGER>]\n<MAP>[<ANY>]\n<ROW>[<CHARACTER>|<INTEGER>]`,
      !this.current!.fromCatalog);
  }

  private checkCase(n: ExprNode): void {
    if (n.operand) return;
    for (const w of (n.whens as { when: ExprNode[] | ExprNode }[] | undefined) ?? []) {
      const conds = Array.isArray(w.when) ? w.when : [w.when];
      if (conds.length !== 1) continue;
      const cond = conds[0];
      const t = this.typeIn(cond, this.current);
      if (cond && t && t.root !== 'BOOLEAN') this.add(cond, 'flink-not-a-condition', 'Expected a boolean type', !this.current!.fromCatalog);
    }
  }

  // ---- UNION / INTERSECT / EXCEPT

  private checkSetOp(n: SetOpNode): void {
    const count = (b: unknown): number | undefined => {
      const x = b as { kind?: string; items?: { expr: ExprNode }[]; rows?: ExprNode[]; body?: unknown; with?: unknown };
      if (x.kind === 'select') {
        if (x.items!.some((i) => (i.expr.kind === 'identifier' && i.expr.star) || i.expr.kind === 'star' || i.expr.kind === 'fieldStar')) return undefined;
        return x.items!.length;
      }
      if (x.kind === 'query' && !x.with) return count(x.body);
      if (x.kind === 'values') {
        const row = x.rows?.[0];
        if (!row) return undefined;
        return row.kind === 'row' ? ((row.items ?? row.args) as unknown[] | undefined)?.length : row.kind === 'paren' ? 1 : undefined;
      }
      return undefined;
    };
    const l = count(n.left);
    const r = count(n.right);
    if (l === undefined || r === undefined) return;
    const op = `${n.op.toUpperCase()}${n.all ? ' ALL' : ''}`;
    if (l === r) return this.checkSetOpTypes(n, op);
    this.add(n.right as TextSpan, 'flink-column-count-mismatch', `Column count mismatch in ${op}`, true);
  }

  /** Columns whose types Calcite cannot merge (leastRestrictive: none for a string and a number or a boolean). */
  private checkSetOpTypes(n: SetOpNode, op: string): void {
    const types = (b: unknown): { items: ExprNode[]; types: (LogicalType | undefined)[]; fromCatalog: boolean } | undefined => {
      const x = b as { kind?: string; body?: unknown; with?: unknown };
      if (x.kind === 'query' && !x.with) return types(x.body);
      if (x.kind !== 'select') return undefined;
      const sel = b as SelectNode;
      const known = this.knownFrom(sel.from);
      if (!known) return undefined;
      const items = sel.items.map((i) => i.expr);
      return { items, types: items.map((e) => this.typeIn(e, known)), fromCatalog: known.fromCatalog };
    };
    const l = types(n.left);
    const r = types(n.right);
    if (!l || !r) return;
    const cls = (t: LogicalType | undefined) =>
      !t ? undefined : isCharacter(t) ? 'character' : inFamily(t, 'NUMERIC') ? 'numeric' : t.root === 'BOOLEAN' ? 'boolean' : undefined;
    for (let i = 0; i < l.types.length; i++) {
      const a = cls(l.types[i]);
      const b = cls(r.types[i]);
      if (!a || !b || a === b) continue;
      this.add(l.items[i], 'flink-set-op-types', `Type mismatch in column ${i + 1} of ${op}`, !l.fromCatalog && !r.fromCatalog);
      return;
    }
  }
}
