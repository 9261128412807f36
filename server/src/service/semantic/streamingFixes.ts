// Quick fixes the streaming checks are certain of, carried in the diagnostic's `data` as plain edits (absolute
// offsets in the document the diagnostic was computed on): ON CONFLICT DO DEDUPLICATE for an upsert key that
// differs from the sink's primary key (Flink 2.3).
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from '../document';

export interface EditsFixData {
  fix: 'edits';
  title: string;
  edits: { start: number; end: number; newText: string }[];
}

export function isEditsFix(data: unknown): data is EditsFixData {
  const d = data as Partial<EditsFixData> | undefined;
  return !!d && d.fix === 'edits' && typeof d.title === 'string' && Array.isArray(d.edits);
}

export function editsFix(doc: AnalyzedDocument, d: Diagnostic, uri: string): CodeAction[] {
  const data = d.data as EditsFixData;
  const edits = data.edits
    .filter((e) => Number.isInteger(e.start) && Number.isInteger(e.end) && e.start <= e.end && e.end <= doc.text.length)
    .map((e) => ({ range: doc.lines.rangeOf(e.start, e.end), newText: e.newText }));
  if (!edits.length) return [];
  return [{ title: data.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit: { changes: { [uri]: edits } } }];
}
