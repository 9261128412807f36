// Where in the draft a Flink error belongs: Flink's own line/column when it gave one, else the option or
// connector the message names inside the CREATE TABLE that defined the table, else the whole statement.
// Which statement created a table and where its options are come from the parser's tree; where words, strings and
// parentheses are from the parser's lexer, so nothing in a comment or a string is ever taken for SQL here.
import { tokenize, type CreateTableNode, type ParsedStatement, type TextSpan, type Token } from '../parser';
import { lineColumnToOffset, type FlinkPosition } from './flinkErrors';
import type { Submission } from './statementKinds';

export interface DraftSpan {
  start: number;
  end: number;
  /** The statement the span lies in (may differ from the failing one, e.g. the CREATE TABLE of a sink). */
  statementIndex: number;
}

/** Absolute draft span of Flink's position inside `submission` (Calcite ends are inclusive). */
export function positionToSpan(submission: Submission, pos: FlinkPosition): { start: number; end: number } {
  const startSub = lineColumnToOffset(submission.text, pos.startLine, pos.startColumn);
  const endSub = lineColumnToOffset(submission.text, pos.endLine, pos.endColumn) + 1;
  const start = submission.toDraftOffset(startSub);
  const end = submission.toDraftOffset(Math.min(endSub, submission.text.length));
  return { start, end: Math.max(end, start + 1) };
}

/** The statement from its first significant token to its last: comments and whitespace around it left out. */
export function statementSpan(draft: string, stmt: Pick<ParsedStatement, 'start' | 'end'>): { start: number; end: number } {
  return tokenRange(tokensOf(draft.slice(stmt.start, stmt.end)), stmt.start, stmt.end - stmt.start);
}

const TABLE_IN_MESSAGE = /(?:for (?:reading|writing) table|Table options? (?:for|of)|table) '([^']+)'/i;

/** Finds the draft statement (before `before`) whose tree creates `qualifiedName` (`cat.db.t`, `db.t` or `t`). */
export function findCreateStatement(statements: readonly ParsedStatement[], before: number, qualifiedName: string): number | undefined {
  const names = nameMatcher(qualifiedName);
  let found: { index: number; length: number } | undefined;
  for (let i = Math.min(before, statements.length) - 1; i >= 0; i--) {
    const node = statements[i].node as CreateTableNode | undefined;
    const parts = node?.kind === 'createTable' ? node.name?.parts : undefined;
    if (!parts?.length) continue;
    const own = parts[parts.length - 1].value.toLowerCase();
    // The latest definition wins, unless an earlier one accounts for more of the name (`a.src` over `src`).
    if (names(own) && own.length > (found?.length ?? -1)) found = { index: i, length: own.length };
  }
  return found?.index;
}

/**
 * Whether a table named `own` (its last part, lower case) is the one in the message. Flink prints a table's
 * parts unquoted (`cat.db.a.src` for `` `a.src` ``, ObjectIdentifier.asSummaryString), so the message need only
 * end with the name after a dot; a name in backticks is read by the lexer instead.
 */
function nameMatcher(qualifiedName: string): (own: string) => boolean {
  const name = qualifiedName.toLowerCase();
  if (name.includes('`')) {
    const last = tokensOf(name).filter((t) => t.type === 'quoted' || t.type === 'word').pop();
    const want = last?.value ?? last?.text;
    return (own) => own === want;
  }
  return (own) => name === own || name.endsWith(`.${own}`);
}

/**
 * For connector/option errors without a position (they come from planning the INSERT/SELECT), the useful
 * place is the WITH clause of the CREATE TABLE in the draft: underline the named option or connector there.
 */
export function anchorInCreateTable(statements: readonly ParsedStatement[], failing: number, message: string): DraftSpan | undefined {
  const table = TABLE_IN_MESSAGE.exec(message)?.[1];
  if (!table) return undefined;
  const idx = findCreateStatement(statements, failing, table);
  if (idx === undefined) return undefined;
  return anchorInCreate(statements[idx], idx, message);
}

/** A string literal: the tree's option keys and values, or a string token of the lexer. */
type Literal = TextSpan & { value?: string };

/** What a factory error names: an option key ("Unsupported options: a, b") or a value ("identifier 'kafkaa'"). */
function namedInMessage(message: string): { text: string; role: 'key' | 'value' }[] {
  const out: { text: string; role: 'key' | 'value' }[] = [];
  const unsupported = /Unsupported options(?: found for '[^']*')?[.:]?\s*(?:Unsupported options:)?\s*([\s\S]*?)(?:Supported options|$)/i.exec(message);
  if (unsupported) {
    for (const s of unsupported[1].split(/[\s,]+/)) if (/^[\w.#-]+$/.test(s)) out.push({ text: s, role: 'key' });
  }
  const identifier = /for identifier '([^']+)'/i.exec(message);
  if (identifier) out.push({ text: identifier[1], role: 'value' });
  // A value the option's parser refused, quoted by Java: `For input string: "10 x"`, `Could not parse value '…'`.
  for (const m of message.matchAll(/(?:input string|value|text)[: ]+["']([^"'\n]{1,200})["']/gi)) out.push({ text: m[1], role: 'value' });
  return out;
}

/**
 * Inside the CREATE TABLE `stmt` (statement `idx`), the option or value a factory error names ("Unsupported
 * options: a, b", "identifier 'kafkaa'", `For input string: "10 x"`), else its WITH clause, else the statement.
 */
export function anchorInCreate(stmt: ParsedStatement, idx: number, message: string): DraftSpan {
  const tokens = tokensOf(stmt.text);
  const options = optionsOf(stmt, tokens);
  const at = (s: TextSpan): DraftSpan => ({ start: stmt.start + s.start, end: stmt.start + s.end, statementIndex: idx });
  // "Could not parse value for enum class …KafkaConnectorOptions$ScanBoundedMode": the option is scan.bounded.mode.
  const enumClass = /enum class [\w.]*[.$](\w+)/.exec(message)?.[1];
  if (enumClass) {
    const key = enumClass.replace(/([a-z0-9])([A-Z])/g, '$1.$2').toLowerCase();
    const option = options.find((o) => o.key.value === key);
    if (option) return at(option.value);
  }
  for (const c of namedInMessage(message)) {
    // A key is looked for among keys and a value among values, so `'format'` the key is not `'format'` a value;
    // then any string of the statement (a column's METADATA FROM, a COMMENT) as the last resort.
    const own = options.map((o) => (c.role === 'key' ? o.key : o.value)).find((l) => l.value === c.text)
      ?? tokens.find((t) => isString(t) && t.value === c.text);
    if (own) return at(own);
  }
  const clause = withClause(tokens);
  if (clause) return at(clause);
  return { ...tokenRange(tokens, stmt.start, stmt.text.length), statementIndex: idx };
}

/**
 * The tree's options; when the tree stopped before or inside WITH (…) (a syntax error our parser finds and Flink
 * may not), the lexer's `'key' = 'value'` runs stand in for them.
 */
function optionsOf(stmt: ParsedStatement, tokens: readonly Token[]): { key: Literal; value: Literal }[] {
  const node = stmt.node as CreateTableNode | undefined;
  if (node?.kind === 'createTable' && node.options?.length) return node.options;
  const out: { key: Literal; value: Literal }[] = [];
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (isString(tokens[i]) && isOp(tokens[i + 1], '=') && isString(tokens[i + 2])) out.push({ key: tokens[i], value: tokens[i + 2] });
  }
  return out;
}

/** `WITH ( … )` outside parentheses: a CREATE TABLE's options (a query's WITH is followed by a name, not `(`). */
function withClause(tokens: readonly Token[]): TextSpan | undefined {
  let depth = 0;
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i];
    if (depth === 0 && t.type === 'word' && t.upper === 'WITH' && isOp(tokens[i + 1], '(')) {
      return { start: t.start, end: tokens[closingParen(tokens, i + 1)].end };
    }
    if (isOp(t, '(')) depth++;
    else if (isOp(t, ')')) depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/**
 * Errors Flink reports without a position but whose culprit is a unique construct in the statement: a cast
 * rejected by Flink's own cast rules, a watermark definition. Undefined when ambiguous.
 */
export function anchorInStatement(stmt: Pick<ParsedStatement, 'text' | 'start'>, message: string): { start: number; end: number } | undefined {
  const cast = /\bcast from\b/i.test(message);
  if (!cast && !/\bwatermark\b/i.test(message)) return undefined;
  const tokens = tokensOf(stmt.text);
  const hits: number[] = [];
  tokens.forEach((t, i) => {
    if (t.type !== 'word') return;
    if (cast ? (t.upper === 'CAST' || t.upper === 'TRY_CAST') && isOp(tokens[i + 1], '(')
      : t.upper === 'WATERMARK' && tokens[i + 1]?.upper === 'FOR') hits.push(i);
  });
  if (hits.length !== 1) return undefined;
  const [first] = hits;
  const last = cast ? closingParen(tokens, first + 1) : itemEnd(tokens, first);
  return { start: stmt.start + tokens[first].start, end: stmt.start + tokens[last].end };
}

/** Significant tokens of a statement's text (the lexer leaves comments out), offsets relative to its start. */
function tokensOf(text: string): Token[] {
  return tokenize(text).tokens.filter((t) => t.type !== 'eof');
}

/** Absolute span from the first to the last token; a statement without any keeps its own (at least one character). */
function tokenRange(tokens: readonly Token[], base: number, length: number): { start: number; end: number } {
  if (!tokens.length) return { start: base, end: base + Math.max(1, length) };
  const start = base + tokens[0].start;
  return { start, end: Math.max(start + 1, base + tokens[tokens.length - 1].end) };
}

const isOp = (t: Token | undefined, op: string) => t?.type === 'op' && t.text === op;
const isString = (t: Token) => t.type === 'string';

/** Index of the `)` closing the `(` at `open`; the last token when it is never closed. */
function closingParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isOp(tokens[i], '(')) depth++;
    else if (isOp(tokens[i], ')') && --depth === 0) return i;
  }
  return tokens.length - 1;
}

/** Index of the last token of the list item starting at `from`: before the `,`, `)` or `;` that ends it. */
function itemEnd(tokens: readonly Token[], from: number): number {
  let depth = 0;
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i];
    if (isOp(t, '(')) depth++;
    else if (isOp(t, ')')) {
      if (depth === 0) return i - 1;
      depth--;
    } else if (depth === 0 && (isOp(t, ',') || isOp(t, ';'))) return i - 1;
  }
  return tokens.length - 1;
}
