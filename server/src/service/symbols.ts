// The outline: one DocumentSymbol per defining statement (catalogs, databases, tables, views, functions, …),
// per INSERT (named by its target) and per statement set (with its inserts as children).
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { ParsedStatement, QualifiedName, StatementNode, TextSpan } from '../parser';
import type { AnalyzedDocument } from './document';
import { absolute, childStatements, isStatementNode, nameField } from './nodes';
import { skipTrivia, trimEnd } from './textScan';

interface SymbolStyle {
  kind: SymbolKind;
  label: string;
}

const DEFINITIONS: Record<string, SymbolStyle> = {
  createCatalog: { kind: SymbolKind.Package, label: 'catalog' },
  createDatabase: { kind: SymbolKind.Namespace, label: 'database' },
  createTable: { kind: SymbolKind.Struct, label: 'table' },
  createMaterializedTable: { kind: SymbolKind.Struct, label: 'materialized table' },
  createView: { kind: SymbolKind.Interface, label: 'view' },
  createFunction: { kind: SymbolKind.Function, label: 'function' },
  createModel: { kind: SymbolKind.Object, label: 'model' },
};

// Field names an INSERT's target may be stored under; `name` is what the contract promises for DDL.
const INSERT_TARGET_FIELDS = ['target', 'table', 'name'] as const;

export function documentSymbols(doc: AnalyzedDocument): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  // The SQL client's `BEGIN STATEMENT SET; INSERT …; END;` spans several statements: group them under one symbol.
  let openSet: { symbol: DocumentSymbol; start: number; end: number } | undefined;
  const closeSet = (end = openSet?.end ?? 0) => {
    if (!openSet) return;
    openSet.symbol.range = doc.lines.rangeOf(openSet.start, end);
    openSet.symbol.detail = countLabel(openSet.symbol.children?.length ?? 0);
    openSet = undefined;
  };
  for (const stmt of doc.script.statements) {
    if (!stmt.node) continue;
    const range = statementSpan(doc, stmt);
    if (stmt.node.kind === 'beginStatementSet') {
      closeSet();
      const symbol = make(doc, 'STATEMENT SET', SymbolKind.Module, '', range, keywordSpan(doc, range));
      symbol.children = [];
      symbols.push(symbol);
      openSet = { symbol, start: range.start, end: range.end };
      continue;
    }
    if (stmt.node.kind === 'endStatementSet') {
      closeSet(range.end);
      continue;
    }
    const symbol = symbolOf(doc, stmt, stmt.node, range);
    if (!symbol) continue;
    if (openSet) {
      openSet.symbol.children!.push(symbol);
      openSet.end = range.end;
    } else {
      symbols.push(symbol);
    }
  }
  closeSet(); // an unfinished block (END not typed yet) ends with its last statement
  return symbols;
}

function symbolOf(doc: AnalyzedDocument, stmt: ParsedStatement, node: StatementNode, range: TextSpan): DocumentSymbol | undefined {
  const def = DEFINITIONS[node.kind];
  if (def && node.name) {
    return make(doc, nameText(doc, stmt, node.name), def.kind, prefixTemporary(node, def.label), range, absolute(stmt, node.name));
  }
  if (node.kind === 'insert') {
    const target = nameField(node, INSERT_TARGET_FIELDS);
    if (!target) return undefined;
    const detail = node.overwrite === true ? 'insert overwrite' : 'insert into';
    return make(doc, nameText(doc, stmt, target), SymbolKind.Event, detail, range, absolute(stmt, target));
  }
  if (node.kind === 'statementSet') {
    const children = childStatements(node)
      .map((child) => symbolOf(doc, stmt, child, absolute(stmt, child)))
      .filter((s): s is DocumentSymbol => s !== undefined);
    const symbol = make(doc, 'STATEMENT SET', SymbolKind.Module, countLabel(children.length), range, keywordSpan(doc, range));
    symbol.children = children;
    return symbol;
  }
  // EXECUTE INSERT … / EXECUTE STATEMENT SET …: outline what is executed, over the whole statement.
  if (node.kind === 'execute' && isStatementNode(node.statement)) return symbolOf(doc, stmt, node.statement, range);
  return undefined;
}

function make(doc: AnalyzedDocument, name: string, kind: SymbolKind, detail: string, range: TextSpan, selection: TextSpan): DocumentSymbol {
  // LSP requires the selection to lie inside the range.
  const selStart = Math.min(Math.max(selection.start, range.start), range.end);
  const selEnd = Math.min(Math.max(selection.end, selStart), range.end);
  return {
    name: name || '(unnamed)',
    detail,
    kind,
    range: doc.lines.rangeOf(range.start, range.end),
    selectionRange: doc.lines.rangeOf(selStart, selEnd),
  };
}

/** The statement without its leading comments and surrounding whitespace. */
export function statementSpan(doc: AnalyzedDocument, stmt: ParsedStatement): TextSpan {
  const start = skipTrivia(doc.text, stmt.start, stmt.end);
  return { start, end: Math.max(start, trimEnd(doc.text, start, stmt.end)) };
}

/** The name as written (quoting kept, so `a.b` and `` `a.b` `` stay distinct), on one line. */
function nameText(doc: AnalyzedDocument, stmt: ParsedStatement, name: QualifiedName): string {
  const span = absolute(stmt, name);
  return doc.text.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
}

function prefixTemporary(node: StatementNode, label: string): string {
  return node.temporary === true ? `temporary ${label}` : label;
}

function countLabel(n: number): string {
  return `${n} statement${n === 1 ? '' : 's'}`;
}

/** The statement's first word (EXECUTE, BEGIN), selected for symbols that have no name. */
function keywordSpan(doc: AnalyzedDocument, range: TextSpan): TextSpan {
  const m = /^[A-Za-z_]+/.exec(doc.text.slice(range.start, Math.min(range.end, range.start + 64)));
  return { start: range.start, end: range.start + (m ? m[0].length : 0) };
}
