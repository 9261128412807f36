// Quick fixes for the connector and draft diagnostics, driven by the fix each diagnostic carries in `data`
// (connectorDiagnostics.ts, draftDiagnostics.ts): replace an unknown key, connector, format, table or column
// with the suggestion, a deprecated key with its successor, an enum value with the closest allowed one; or add
// the missing required options to the WITH clause with placeholder values.
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import type { CreateTableNode, OptionNode } from '../parser';
import { statementIndexAt } from './completionCursor';
import type { ConnectorFixData } from './connectorDiagnostics';
import type { AnalyzedDocument } from './document';

const TITLES: Record<string, (from: string, to: string) => string> = {
  'deprecated-option': (from, to) => `Replace deprecated '${from}' with '${to}'`,
  'invalid-value': (from, to) => `Change '${from}' to '${to}'`,
};

export function connectorFixes(doc: AnalyzedDocument, d: Diagnostic, uri: string): CodeAction[] {
  const data = d.data as ConnectorFixData | undefined;
  if (!data || typeof data !== 'object') return [];
  if (data.fix === 'replace' && typeof data.text === 'string') {
    const start = doc.lines.offsetAt(d.range.start);
    const end = doc.lines.offsetAt(d.range.end);
    const current = doc.text.slice(start, end);
    const quoted = current.length >= 2 && current.startsWith("'") && current.endsWith("'");
    const backticked = current.length >= 2 && current.startsWith('`') && current.endsWith('`');
    const from = quoted || backticked ? current.slice(1, -1) : current;
    const newText = quoted ? `'${data.text.replace(/'/g, "''")}'` : backticked ? `\`${data.text.replace(/`/g, '``')}\`` : data.text;
    const title = (TITLES[String(d.code)] ?? ((f, t) => `Change '${f}' to '${t}'`))(from, data.text);
    return [action(title, d, uri, [{ range: d.range, newText }])];
  }
  if (data.fix === 'add' && Array.isArray(data.options) && data.options.length) {
    const edit = addOptions(doc, doc.lines.offsetAt(d.range.start), data.options);
    if (!edit) return [];
    const keys = data.options.map((o) => `'${o.key}'`).join(', ');
    return [action(`Add the missing option${data.options.length > 1 ? 's' : ''} ${keys}`, d, uri, [edit])];
  }
  return [];
}

function action(title: string, d: Diagnostic, uri: string, edits: TextEdit[]): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit: { changes: { [uri]: edits } } };
}

/** `,\n  'key' = 'value'` after the last option of the CREATE TABLE at `offset`, indented like the others. */
function addOptions(doc: AnalyzedDocument, offset: number, options: { key: string; placeholder: string }[]): TextEdit | undefined {
  const index = statementIndexAt(doc, offset);
  const stmt = doc.script.statements[index];
  if (!stmt || stmt.node?.kind !== 'createTable') return undefined;
  const list = ((stmt.node as CreateTableNode).options ?? []).filter((o): o is OptionNode => !!o?.key && !!o.value);
  const last = list[list.length - 1];
  if (!last) return undefined;
  const first = list[0];
  const lineStart = stmt.text.lastIndexOf('\n', first.start) + 1;
  const sameLine = !stmt.text.slice(list[0].start, last.end).includes('\n') && stmt.text.slice(lineStart, first.start).trim() !== '';
  const indent = sameLine ? ' ' : '\n' + (/^[ \t]*/.exec(stmt.text.slice(lineStart))?.[0] ?? '  ');
  const text = options.map((o) => `,${indent}'${o.key}' = '${o.placeholder.replace(/'/g, "''")}'`).join('');
  const at = doc.lines.positionAt(stmt.start + last.end);
  return { range: { start: at, end: at }, newText: text };
}
