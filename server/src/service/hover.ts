// Hover: a column shows its type and table, a table or view its columns and connector, a built-in function its
// signatures and description; keywords show nothing. Works on the statement's tokens, so a statement that does
// not parse yet still gets hovers, and uses the tree (subqueries, CTEs) when the statement parses.
import { draftUdf, udfMarkdown } from './udfs';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import { RESERVED, type Token } from '../parser';
import { columnsMarkdown, type ServiceContext } from './completion';
import { connectorHover } from './connectorHover';
import { identValue, isIdentToken, statementIndexAt, statementTokens } from './completionCursor';
import type { AnalyzedDocument } from './document';
import { resolver, type ColumnInfo, type TableInfo } from './scope';
import { lookupColumn, treeScope, type ScopeEntry } from './scopeQuery';
import { schemaColumns, tokenScope } from './scopeTokens';
import { builtinFunction, functionMarkdown } from './sqlFunctions';

const TABLE_POSITION = new Set(['FROM', 'JOIN', 'INTO', 'OVERWRITE', 'TABLE', 'LIKE', 'VIEW', 'DESCRIBE', 'DESC']);

export function hover(doc: AnalyzedDocument, position: Position, context: ServiceContext = {}): Hover | null {
  const offset = doc.lines.offsetAt(position);
  const index = statementIndexAt(doc, offset);
  if (index < 0) return null;
  const stmt = doc.script.statements[index];
  const tokens = statementTokens(stmt);
  const rel = offset - stmt.start;
  const option = connectorHover(doc, stmt, rel, context);
  if (option) return option;
  const at = tokens.findIndex((t) => t.start <= rel && rel <= t.end && isIdentToken(t));
  if (at < 0) return null;
  const tok = tokens[at];
  const range = doc.lines.rangeOf(stmt.start + tok.start, stmt.start + tok.end);
  const md = (value: string): Hover => ({ contents: { kind: MarkupKind.Markdown, value }, range });

  // The dotted chain the token belongs to, up to and including the token.
  let first = at;
  while (first >= 2 && isDotBetween(tokens, first - 1) && isIdentToken(tokens[first - 2])) first -= 2;
  let last = at;
  while (isDotBetween(tokens, last + 1) && isIdentToken(tokens[last + 2])) last += 2;
  const parts: string[] = [];
  for (let i = first; i <= at; i += 2) parts.push(identValue(tokens[i]));
  const next = tokens[last + 1];

  const afterKeyword = tokens[first - 1]?.type === 'word' && (TABLE_POSITION.has(tokens[first - 1].upper) || tokens[first - 1].upper === 'EXISTS');
  if (next?.type === 'op' && next.text === '(' && at === last && !afterKeyword) {
    const fn = builtinFunction(tok.text, context.flinkVersion ?? doc.flinkVersion);
    if (fn && tok.type === 'word') return md(functionMarkdown(fn));
    const udf = userFunction(doc, stmt.start, parts, context.udfs);
    return udf ? md(udf) : null;
  }

  const resolve = resolver(doc, stmt.start, context.catalogTables);
  const own = schemaColumns(tokens, stmt.text);
  // The name of the table being created, and the columns it declares.
  if (own && isKw(tokens[first - 1], 'TABLE', 'EXISTS') && at === last) {
    const self = resolver(doc, stmt.start + 1)(parts); // this statement's own definition
    return md(tableMarkdown(self && self.path.join('.') === parts.join('.') ? self : { name: own.name, path: parts, kind: 'table', columns: own.columns }));
  }
  if (own && first === at && (tokens[at - 1]?.text === ',' || at - 1 === own.open)) {
    const col = own.columns.find((c) => c.name === parts[0]);
    if (col) return md(columnMarkdown(col, { name: own.name, path: [own.name], kind: 'table', columns: own.columns }));
  }

  const scope = scopeOf(stmt, tokens, rel, resolve);
  if (own) scope.push({ alias: own.name, table: { name: own.name, path: [own.name], kind: 'table', columns: own.columns } });
  const tablePosition = tokens[first - 1]?.type === 'word' && TABLE_POSITION.has(tokens[first - 1].upper);
  const asTable = () => {
    const table = resolve(parts);
    return table ? md(tableMarkdown(table)) : undefined;
  };
  if (tablePosition) {
    const t = asTable();
    if (t) return t;
  }
  const col = lookupColumn(parts, scope);
  if (col) return md(columnMarkdown(col.column, col.entry.table));
  if (parts.length === 1) {
    const entry = scope.find((e) => e.alias.toLowerCase() === parts[0].toLowerCase());
    if (entry) return md(tableMarkdown(entry.table, entry.alias !== entry.table.name ? entry.alias : undefined));
  }
  const t = asTable();
  if (t) return t;
  if (tok.type === 'word' && RESERVED.has(tok.upper)) return null;
  return null;
}

function scopeOf(stmt: { node?: unknown; text: string; diagnostics: { severity: string }[] }, tokens: Token[], rel: number, resolve: ReturnType<typeof resolver>): ScopeEntry[] {
  const node = stmt.node as Parameters<typeof treeScope>[0] | undefined;
  if (node && !stmt.diagnostics.some((d) => d.severity === 'error')) {
    const text = (s: { start: number; end: number }) => stmt.text.slice(s.start, s.end).replace(/\s+/g, ' ').trim();
    const entries = treeScope(node, rel, resolve, text);
    if (entries.length) return entries;
  }
  return tokenScope(tokens, resolve, stmt.text, rel);
}

function isDotBetween(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  return !!t && t.type === 'op' && t.text === '.' && tokens[i - 1]?.end === t.start && tokens[i + 1]?.start === t.end;
}

function isKw(t: Token | undefined, ...kw: string[]): boolean {
  return !!t && t.type === 'word' && kw.includes(t.upper);
}

function columnMarkdown(c: ColumnInfo, table: TableInfo): string {
  const sig = ['```flink-sql', `${c.name}${c.type ? ' ' + c.type : ''}${c.note ? ' ' + c.note : ''}`, '```'];
  const kind = c.kind === 'computed' ? 'Computed column' : c.kind === 'metadata' ? 'Metadata column' : 'Column';
  return [...sig, `${kind} of ${tableLabel(table)}`].join('\n');
}

function tableLabel(t: TableInfo): string {
  return `${t.temporary ? 'temporary ' : ''}${t.kind} \`${t.path.join('.')}\``;
}

function tableMarkdown(t: TableInfo, alias?: string): string {
  const lines = [`**${tableLabel(t)}**${alias ? ` (as \`${alias}\`)` : ''}`];
  const facts = [
    t.connector && `connector \`${t.connector}\``,
    t.format && `format \`${t.format}\``,
    t.primaryKey && `primary key (${t.primaryKey.join(', ')})`,
  ].filter(Boolean);
  if (facts.length) lines.push('', facts.join(' · '));
  if (t.watermark) lines.push('', `\`${t.watermark}\``);
  if (t.columns.length) lines.push('', columnsMarkdown(t));
  return lines.join('\n');
}

function userFunction(doc: AnalyzedDocument, before: number, parts: string[], udfs: ServiceContext['udfs']): string | undefined {
  const u = draftUdf(doc, udfs, parts[parts.length - 1], before);
  return u && udfMarkdown(u);
}
