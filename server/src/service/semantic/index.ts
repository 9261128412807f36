// Checks that follow Flink's planner as you type: expression types and function signatures (typeChecks.ts),
// and the streaming rules — changelog modes against what each sink accepts, time attributes, join kinds
// (streamingChecks.ts). Severity follows certainty: an Error only where every table involved is defined in the
// draft and the planner rejects for sure; nothing where a catalog table, unknown connector or UDF could decide.
import type { Diagnostic } from 'vscode-languageserver-types';
import type { ServiceContext } from '../completion';
import type { AnalyzedDocument } from '../document';
import { streamingDiagnostics } from './streamingChecks';
import { typeDiagnostics } from './typeChecks';

export function semanticDiagnostics(doc: AnalyzedDocument, context: ServiceContext): Diagnostic[] {
  return [...typeDiagnostics(doc, context), ...streamingDiagnostics(doc, context)];
}
