// Withdraws our parser's errors on statements the real planner accepted (Validate reports them; see
// server/src/flink/fidelity.ts). Only the parser's own findings go: semantic checks stand.
import type { Diagnostic } from 'vscode-languageserver-types';
import { messageText } from '../util/text';
import type { AnalyzedDocument } from './document';

export interface AcceptedTexts {
  has(text: string): boolean;
  readonly size: number;
}

export function withoutAccepted(doc: AnalyzedDocument, found: Diagnostic[], accepted: AcceptedTexts): Diagnostic[] {
  if (accepted.size === 0) return found;
  const { statements, diagnostics } = doc.script;
  const drop = new Set<string>();
  statements.forEach((s, i) => {
    if (!accepted.has(s.text)) return;
    const to = i + 1 < statements.length ? statements[i + 1].start : Number.MAX_SAFE_INTEGER;
    for (const d of diagnostics) if (d.severity === 'error' && d.start >= s.start && d.start < to) drop.add(`${d.start}\u0000${d.message}`);
  });
  if (drop.size === 0) return found;
  return found.filter((d) => !drop.has(`${doc.lines.offsetAt(d.range.start)}\u0000${messageText(d)}`));
}
