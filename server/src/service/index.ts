// The language service: pure functions over an AnalyzedDocument, no connection and no editor API.
// A new feature (completion, hover, quick fixes…) is one module here taking (doc[, position]) and returning
// LSP types; the LSP layer adds one handler that calls it through runSafe.
export { analyze, type AnalyzedDocument } from './document';
export { diagnose, diagnostics, DIAGNOSTIC_SOURCE, type DiagnosticsContext } from './diagnostics';
export { connectorDiagnostics } from './connectorDiagnostics';
export { draftDiagnostics } from './draftDiagnostics';
export { documentSymbols } from './symbols';
export { foldingRanges } from './folding';
export { complete, type ServiceContext } from './completion';
export { catalogContext, type CatalogSnapshot } from './completionCatalog';
export { builtinOptionCatalog, type OptionCatalog, type OptionInfo } from './completionOptions';
export { hover } from './hover';
export { codeActions } from './codeActions';
export { unknownTableDiagnostics } from './unknownTables';
export type { CatalogTable } from './scope';
export { definition, references } from './references';
export { prepareRename, rename, quoteIdentifier } from './rename';
