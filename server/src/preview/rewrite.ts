// The preview's rewriting of a draft, done on the parser's tree: every INSERT (plain, EXECUTE INSERT, inside any
// spelling of a statement set) becomes a SELECT of its query cast to the sink's columns, and a mocked source's
// CREATE TABLE reads a fixture file through the filesystem connector instead of its own. Each rewrite is a
// Submission, so Flink's line/column positions map straight back into the draft.
import { tokenize, type CreateTableNode, type InsertNode, type ParsedStatement, type QualifiedName, type QueryNode, type Token } from '../parser';
import { SubmissionBuilder, type StatementUnit, type Submission } from '../flink/statementKinds';

/** One write into a sink: an INSERT's query, or the query of a CREATE TABLE … AS. */
export interface SinkWrite {
  /** The sink as Flink prints it (`cat.db.t`, parts unquoted). */
  sink: string;
  insert?: InsertNode;
  query: QueryNode;
  /** Absolute draft offset the node's offsets are relative to (its statement's start), and that statement's text. */
  base: number;
  text: string;
}

/** A column a sink takes, as DESCRIBE reports it (type without NOT NULL and time attributes). */
export interface SinkColumn {
  name: string;
  type: string;
}

/** A problem the rewriting found before Flink saw anything, with its absolute draft span. */
export class RewriteError extends Error {
  constructor(message: string, readonly start: number, readonly end: number) {
    super(message);
    this.name = 'RewriteError';
  }
}

export function nameText(name: QualifiedName): string {
  return name.parts.map((p) => p.value).join('.');
}

export function quoteIdent(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

/** What a unit writes: nothing (not a job statement), or its INSERTs / CTAS query, in the draft's order. */
export function unitWrites(unit: StatementUnit, statements: readonly ParsedStatement[]): SinkWrite[] {
  const { stmt } = unit;
  const node = stmt.node;
  if (!node) return [];
  const own = (n: InsertNode): SinkWrite => ({ sink: nameText(n.target), insert: n, query: n.query, base: stmt.start, text: stmt.text });
  switch (node.kind) {
    case 'insert': return (node as InsertNode).query ? [own(node as InsertNode)] : [];
    case 'execute': {
      const inner = node.statement as { kind: string; statements?: InsertNode[] } | undefined;
      if (inner?.kind === 'insert') return [own(inner as InsertNode)];
      if (inner?.kind === 'statementSet') return (inner.statements ?? []).filter((n) => n.query).map(own);
      return [];
    }
    case 'statementSet': {
      const inner = node.statements as InsertNode[] | undefined;
      if (inner) return inner.filter((n) => n.query).map(own);
      // The SQL client's BEGIN STATEMENT SET; …; END: its INSERTs are the parser's statements inside the unit.
      const out: SinkWrite[] = [];
      for (let k = unit.index + 1; k < statements.length && statements[k].start < stmt.end; k++) {
        const s = statements[k];
        if (s.node?.kind === 'insert' && (s.node as InsertNode).query) {
          const n = s.node as InsertNode;
          out.push({ sink: nameText(n.target), insert: n, query: n.query, base: s.start, text: s.text });
        }
      }
      return out;
    }
    case 'createTable': {
      const ct = node as CreateTableNode;
      return ct.asQuery ? [{ sink: nameText(ct.name), query: ct.asQuery, base: stmt.start, text: stmt.text }] : [];
    }
    default: return [];
  }
}

/**
 * The SELECT that yields what `writes` (all into one sink) would write: each INSERT's query under the sink's
 * columns and types (an INSERT's column list and static partition values placed; the rest NULL), joined with
 * UNION ALL. A CREATE TABLE … AS has no sink yet: its query runs as written.
 */
export function captureSubmission(writes: readonly SinkWrite[], columns: readonly SinkColumn[]): Submission {
  const b = new SubmissionBuilder(writes[0].base + (writes[0].insert?.start ?? writes[0].query.start));
  writes.forEach((w, i) => {
    if (i > 0) b.synthetic('\nUNION ALL\n');
    const q = w.query;
    const queryText = w.text.slice(q.start, q.end);
    if (!w.insert) {
      b.original(queryText, w.base + q.start);
      return;
    }
    const { items, arity } = selectItems(w, columns);
    const aliases = Array.from({ length: arity }, (_, k) => quoteIdent(`$c${k}`)).join(', ');
    b.synthetic(`SELECT ${items} FROM (`).original(queryText, w.base + q.start).synthetic(`) AS ${quoteIdent('$insert')}(${aliases})`);
  });
  return b.build();
}

function selectItems(w: SinkWrite, columns: readonly SinkColumn[]): { items: string; arity: number } {
  const ins = w.insert!;
  const find = (name: string) => columns.findIndex((c) => c.name === name) >= 0
    ? columns.findIndex((c) => c.name === name)
    : columns.findIndex((c) => c.name.toLowerCase() === name.toLowerCase());
  // Static partition values (`PARTITION (dt = '2024-01-01')`) are not in the query.
  const fixed = new Map<number, string>();
  for (const p of ins.partition ?? []) {
    const at = find(p.name.value);
    if (at < 0) throw new RewriteError(`Sink ${w.sink} has no column ${p.name.value}.`, w.base + p.name.start, w.base + p.name.end);
    if (p.value) fixed.set(at, w.text.slice(p.value.start, p.value.end));
  }
  let fed: number[];
  if (ins.columns) {
    fed = ins.columns.map((c) => {
      const at = find(c.value);
      if (at < 0) throw new RewriteError(`Sink ${w.sink} has no column ${c.value}.`, w.base + c.start, w.base + c.end);
      return at;
    });
  } else {
    fed = columns.map((_, k) => k).filter((k) => !fixed.has(k));
  }
  const items = columns.map((c, k) => {
    const from = fed.indexOf(k);
    const value = from >= 0 ? quoteIdent(`$c${from}`) : fixed.get(k) ?? 'NULL';
    return `CAST(${value} AS ${c.type}) AS ${quoteIdent(c.name)}`;
  });
  return { items: items.join(', '), arity: fed.length };
}

/** How a mocked source is read: a file the cluster can see, and its Flink format. */
export interface MockFile {
  path: string;
  format: 'csv' | 'json';
}

/** The columns a fixture holds for `node`, in the table's order: physical and metadata ones (computed ones are derived). */
export function fixtureColumns(node: CreateTableNode): string[] {
  return node.columns.filter((c) => c.kind === 'physicalColumn' || c.kind === 'metadataColumn').map((c) => c.name.value);
}

/**
 * `stmt`'s CREATE TABLE reading `file` instead of its connector, keeping the schema, computed columns and
 * WATERMARK. Its WITH becomes the filesystem connector's; a metadata column becomes a plain column the fixture
 * fills (the filesystem connector has no Kafka timestamp or offset to give it); PARTITIONED BY and DISTRIBUTED BY
 * are blanked out (a fixture is one file). Blanks keep every line break, so nothing below moves.
 */
export function mockCreateTable(stmt: Pick<ParsedStatement, 'text' | 'start'>, node: CreateTableNode, file: MockFile): Submission {
  const name = nameText(node.name);
  if (node.asQuery) throw new RewriteError(`${name} is created from a query (CREATE TABLE … AS): it cannot be mocked.`, stmt.start + node.name.start, stmt.start + node.name.end);
  if (node.like) throw new RewriteError(`${name} is defined with LIKE: mocking it is not supported; define its columns in the draft.`, stmt.start + node.like.start, stmt.start + node.like.end);
  const text = stmt.text;
  const edits: { from: number; to: number; text: string }[] = [];
  const blank = (from: number, to: number) => edits.push({ from, to, text: text.slice(from, to).replace(/[^\r\n]/g, ' ') });
  for (const c of node.columns) {
    if (c.kind === 'metadataColumn' && c.type) blank(c.type.end, c.end);
  }
  if (node.distribution) blank(node.distribution.start, node.distribution.end);
  const toks = tokenize(text).tokens;
  const partitioned = clauseAt(toks, ['PARTITIONED', 'BY']);
  if (partitioned) blank(partitioned.start, partitioned.end);
  const options = `'connector' = 'filesystem', 'path' = '${file.path.replace(/'/g, "''")}', 'format' = '${file.format}'`;
  const withClause = clauseAt(toks, ['WITH']);
  // The old options' line breaks stay (inside the parentheses), so whatever follows keeps its line.
  const breaks = (from: number, to: number) => (text.slice(from, to).match(/\r\n|\r|\n/g) ?? []).join('');
  if (withClause) edits.push({ from: withClause.parenStart, to: withClause.end, text: `(${options}${breaks(withClause.parenStart, withClause.end)})` });
  else edits.push({ from: text.length, to: text.length, text: ` WITH (${options})` });
  edits.sort((a, b) => a.from - b.from);
  const b = new SubmissionBuilder(stmt.start);
  let at = 0;
  for (const e of edits) {
    if (e.from < at) continue;
    b.original(text.slice(at, e.from), stmt.start + at).synthetic(e.text);
    at = e.to;
  }
  b.original(text.slice(at), stmt.start + at);
  return b.build();
}

/** The first depth-0 clause `words ( … )`: its span (from its first word) and where its parenthesis opens. */
function clauseAt(toks: Token[], words: string[]): { start: number; parenStart: number; end: number } | undefined {
  let depth = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.type === 'op' && t.text === '(') depth++;
    else if (t.type === 'op' && t.text === ')') depth--;
    if (depth !== 0 || t.type !== 'word' || t.upper !== words[0]) continue;
    if (!words.every((w, k) => toks[i + k]?.type === 'word' && toks[i + k].upper === w)) continue;
    const open = toks[i + words.length];
    if (!(open?.type === 'op' && open.text === '(')) continue;
    let d = 0;
    for (let j = i + words.length; j < toks.length; j++) {
      if (toks[j].type === 'op' && toks[j].text === '(') d++;
      else if (toks[j].type === 'op' && toks[j].text === ')' && --d === 0) return { start: t.start, parenStart: open.start, end: toks[j].end };
    }
    return undefined;
  }
  return undefined;
}

/** DESCRIBE's rows → the columns an INSERT writes: physical and persisted metadata ones (not computed, not VIRTUAL). */
export function sinkColumnsFromDescribe(rows: readonly unknown[][]): SinkColumn[] {
  const out: SinkColumn[] = [];
  for (const [name, type, , , extras] of rows) {
    const extra = typeof extras === 'string' ? extras : '';
    if (/^AS\b/i.test(extra) || /\bVIRTUAL\s*$/i.test(extra)) continue;
    out.push({ name: String(name), type: String(type).replace(/\s*\*(?:ROWTIME|PROCTIME)\*\s*$/, '') });
  }
  return out;
}
