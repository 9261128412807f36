// Go to definition and find references for the names a draft defines: tables, views, materialized tables, CTEs,
// columns and aliases (bound by binder.ts). A name the draft does not define (a catalog table, a built-in
// function) has neither; `whyNot` says what sits under the caret instead, for rename's refusal.
import type { Location, Position } from 'vscode-languageserver-types';
import { RESERVED } from '../parser';
import { bindings, occurrenceAt, type DraftSymbol, type Occurrence } from './binder';
import { statementIndexAt, statementTokens } from './completionCursor';
import type { AnalyzedDocument } from './document';

/** The bound identifier under the caret. */
export function occurrenceAtPosition(doc: AnalyzedDocument, position: Position): Occurrence | undefined {
  return occurrenceAt(doc, doc.lines.offsetAt(position));
}

/** Every occurrence of `symbol` (definition included), in document order. */
export function occurrencesOf(doc: AnalyzedDocument, symbol: DraftSymbol): Occurrence[] {
  return bindings(doc).occurrencesOf(symbol);
}

export function definition(doc: AnalyzedDocument, position: Position, uri: string): Location | null {
  const occ = occurrenceAtPosition(doc, position);
  if (!occ) return null;
  return { uri, range: doc.lines.rangeOf(occ.symbol.def.start, occ.symbol.def.end) };
}

export function references(doc: AnalyzedDocument, position: Position, uri: string, includeDeclaration = true): Location[] {
  const occ = occurrenceAtPosition(doc, position);
  if (!occ) return [];
  return occurrencesOf(doc, occ.symbol)
    .filter((o) => includeDeclaration || !o.definition)
    .map((o) => ({ uri, range: doc.lines.rangeOf(o.start, o.end) }));
}

/** Why nothing the draft defines is under the caret, in words for the user. */
export function whyNot(doc: AnalyzedDocument, position: Position): string {
  const offset = doc.lines.offsetAt(position);
  const index = statementIndexAt(doc, offset);
  const stmt = index >= 0 ? doc.script.statements[index] : undefined;
  const rel = stmt ? offset - stmt.start : -1;
  const tok = stmt ? statementTokens(stmt).find((t) => t.start <= rel && rel <= t.end && t.type !== 'eof') : undefined;
  if (!tok) return 'Place the caret on the name of a table, view, CTE, column or alias the draft defines.';
  switch (tok.type) {
    case 'string':
    case 'ustring':
    case 'binary':
      return 'A string literal cannot be renamed; place the caret on a name.';
    case 'number':
    case 'op':
    case 'hintStart':
    case 'hintEnd':
      return 'Place the caret on the name of a table, view, CTE, column or alias the draft defines.';
    case 'word':
      if (RESERVED.has(tok.upper)) return `\`${tok.text}\` is a keyword, not a name.`;
  }
  return `\`${tok.value ?? tok.text}\` is not defined in this draft (a catalog table, a built-in or a misspelt name); `
    + 'only the tables, views, CTEs, columns and aliases the draft defines can be renamed.';
}
