// textDocument/formatting and rangeFormatting (the whole statements a range touches) over the engine's formatter.
// Options: the `flinkSql.format` settings of the document's scope over its .editorconfig; statements that do not
// parse are left as they are and the user is told which (window/showMessage, and the log).
import { fileURLToPath } from 'node:url';
import { MessageType, type Connection, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { editorConfigFor, formatRange, formatScript, minimalReplacement, resolveFormatOptions, type FormatOptions, type SkippedStatement } from '../format';
import type { DocumentManager } from './documentManager';
import type { Runner } from './runSafe';

/** The `flinkSql.format.*` settings; null means "from .editorconfig, else the default". */
interface FormatSettings {
  indentWidth?: number | null;
  lineWidth?: number | null;
  keywordCase?: string;
  commaPosition?: string;
  alignOptionValues?: boolean;
}

export function registerFormatting(connection: Connection, docs: DocumentManager, runner: Runner): void {
  const optionsFor = async (uri: string): Promise<FormatOptions> => {
    let settings: FormatSettings = {};
    try {
      settings = ((await connection.workspace.getConfiguration({ scopeUri: uri, section: 'flinkSql.format' })) ?? {}) as FormatSettings;
    } catch {
      // a client without workspace/configuration: .editorconfig and defaults
    }
    let editorConfig: Partial<FormatOptions> | undefined;
    if (uri.startsWith('file:')) editorConfig = editorConfigFor(fileURLToPath(uri));
    const explicit = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== null && v !== undefined));
    return resolveFormatOptions(editorConfig, explicit as Partial<Record<keyof FormatOptions, unknown>>);
  };

  const tell = (document: TextDocument, skipped: SkippedStatement[]) => {
    if (!skipped.length) return;
    const list = skipped.slice(0, 3).map((s) => `line ${s.line} (${s.reason.split('\n')[0]})`).join('; ');
    const more = skipped.length > 3 ? ` and ${skipped.length - 3} more` : '';
    const message = `Formatting left ${skipped.length} statement${skipped.length === 1 ? '' : 's'} as written: ${list}${more}`;
    console.warn(`${document.uri}: ${message}`);
    void connection.sendNotification('window/showMessage', { type: MessageType.Warning, message });
  };

  const tooLarge = (document: TextDocument): boolean => {
    const big = docs.tooLarge(document.uri);
    if (big) void connection.sendNotification('window/showMessage', { type: MessageType.Info, message: `Not formatted: ${String(big.message).replace('diagnostics, completion and hover are', 'formatting is')}` });
    return big !== undefined;
  };

  const edit = (document: TextDocument, start: number, end: number, text: string): TextEdit[] =>
    [{ range: { start: document.positionAt(start), end: document.positionAt(end) }, newText: text }];

  connection.onDocumentFormatting((params, token) => runner.request('formatting', token, [], async () => {
    const document = docs.get(params.textDocument.uri);
    if (!document || tooLarge(document)) return [];
    const text = document.getText();
    const r = formatScript(text, await optionsFor(document.uri));
    tell(document, r.skipped);
    const change = minimalReplacement(text, r.text);
    return change ? edit(document, change.start, change.end, change.text) : [];
  }));

  connection.onDocumentRangeFormatting((params, token) => runner.request('rangeFormatting', token, [], async () => {
    const document = docs.get(params.textDocument.uri);
    if (!document || tooLarge(document)) return [];
    const r = formatRange(document.getText(), document.offsetAt(params.range.start), document.offsetAt(params.range.end), await optionsFor(document.uri));
    tell(document, r.skipped);
    return r.replacement ? edit(document, r.replacement.start, r.replacement.end, r.replacement.text) : [];
  }));
}
