// Rename of a table, view, CTE, column or alias the draft defines: every reference and the definition, the new
// name back-quoted when Flink would not read it as a plain identifier. Refusals come back as `{ error }` with a
// message for the user; the LSP layer turns them into a ResponseError.
import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { RESERVED } from '../parser';
import { bindings, type DraftSymbol } from './binder';
import type { AnalyzedDocument } from './document';
import { occurrenceAtPosition, occurrencesOf, whyNot } from './references';

export type Refusal = { error: string };

export function prepareRename(doc: AnalyzedDocument, position: Position): { range: Range; placeholder: string } | Refusal {
  const occ = occurrenceAtPosition(doc, position);
  if (!occ) return { error: whyNot(doc, position) };
  return { range: doc.lines.rangeOf(occ.start, occ.end), placeholder: occ.symbol.name };
}

export function rename(doc: AnalyzedDocument, position: Position, newName: string, uri: string): WorkspaceEdit | Refusal {
  const occ = occurrenceAtPosition(doc, position);
  if (!occ) return { error: whyNot(doc, position) };
  const value = nameValue(newName);
  if (value === undefined) return { error: 'The new name is empty.' };
  const clash = clashing(doc, occ.symbol, value);
  if (clash) return { error: `The draft already defines a ${clash.kind} \`${value}\`; choose another name.` };
  const text = quoteIdentifier(value);
  const edits: TextEdit[] = occurrencesOf(doc, occ.symbol).map((o) => ({ range: doc.lines.rangeOf(o.start, o.end), newText: text }));
  return { changes: { [uri]: edits } };
}

/** The identifier as Flink's parser would write it: bare when it may be, else in back-ticks (`` ` `` doubled). */
export function quoteIdentifier(value: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(value) && !RESERVED.has(value.toUpperCase())) return value;
  return '`' + value.replace(/`/g, '``') + '`';
}

/** What the user typed as a name: `` `a b` `` is taken as quoted (its value `a b`), anything else as the value. */
function nameValue(typed: string): string | undefined {
  const t = typed.trim();
  if (/^`(?:[^`]|``)+`$/.test(t)) return t.slice(1, -1).replace(/``/g, '`');
  return t.length ? t : undefined;
}

const TABLE_KINDS = new Set<DraftSymbol['kind']>(['table', 'view', 'materialized table']);

/** A table-level name already defined by something else (renaming onto it would shadow or fail). */
function clashing(doc: AnalyzedDocument, symbol: DraftSymbol, value: string): DraftSymbol | undefined {
  if (!TABLE_KINDS.has(symbol.kind)) return undefined;
  return bindings(doc).tableDefinitions().find((o) => o.symbol !== symbol && o.symbol.name === value)?.symbol;
}
