// Secret references in the editor: completion of `${secret:` names inside string literals, a warning for a name
// the client's SecretStorage does not hold (only when the client told us its names), and a warning for a credential
// written as a literal in a WITH / SET option, with the data of the "Move into a secret" quick fix.
import { CompletionItemKind, DiagnosticSeverity, type CompletionItem, type Diagnostic, type Position } from 'vscode-languageserver-types';
import { tokenize, type ParsedStatement, type StatementNode, type StringLit } from '../parser';
import { isCredentialKey, literalRefs, refsInValue } from '../secrets/secretRefs';

export { isCredentialKey };
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import type { AnalyzedDocument } from './document';

export const UNKNOWN_SECRET = 'unknown-secret';
export const LITERAL_CREDENTIAL = 'literal-credential';
/** The client command the quick fix runs: asks a name, stores the value, replaces the literal text. */
export const MOVE_INTO_SECRET_COMMAND = 'flinkSql.moveIntoSecret';

/** Diagnostic.data of a literal credential: the name the quick fix proposes. */
export interface MoveIntoSecretData { fix: 'moveIntoSecret'; suggestedName: string }

export interface SecretContext {
  /** The names the client's secret storage holds; undefined: not known (no unknown-name warnings then). */
  secretNames?: readonly string[];
}

/** `'key' = 'value'` pairs of a statement's tree (WITH options, SET, ALTER … SET, catalog options), spans relative to it. */
function optionPairs(node: StatementNode): Array<{ key: StringLit; value: StringLit }> {
  const out: Array<{ key: StringLit; value: StringLit }> = [];
  const seen = new Set<object>();
  const visit = (v: unknown): void => {
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) { for (const x of v) visit(x); return; }
    const o = v as { key?: StringLit; value?: StringLit };
    if (o.key?.kind === 'string' && o.value?.kind === 'string') out.push({ key: o.key, value: o.value });
    for (const x of Object.values(v)) if (typeof x === 'object') visit(x);
  };
  visit(node);
  return out;
}

/** A literal credential, relative to its statement: the span that moves into a secret and the option's key. */
interface Credential { start: number; end: number; key: string }

/**
 * A statement's literal credentials and `${secret:…}` literals, by tree: the parser's cache hands back the same tree
 * for the same statement text, so a keystroke re-scans only the statement it changed.
 */
const byTree = new WeakMap<StatementNode, { credentials: Credential[]; refs: ReturnType<typeof literalRefs> | undefined }>();

function scanStatement(stmt: ParsedStatement & { node: StatementNode }): { credentials: Credential[]; refs: ReturnType<typeof literalRefs> | undefined } {
  let found = byTree.get(stmt.node);
  if (found) return found;
  const text = stmt.text;
  const credentials: Credential[] = [];
  // without a quote there is no option pair nor literal to look at
  for (const { key, value } of text.includes("'") ? optionPairs(stmt.node) : []) {
    if (!isCredentialKey(key.value) || !value.value || refsInValue(value.value).length) continue;
    const inner = innerSpan(text, value);
    if (!inner) continue;
    let span = inner;
    // A JAAS config carries more than the password: only `password="…"` moves.
    if (/sasl\.jaas\.config$/i.test(key.value)) {
      const m = /password\s*=\s*"([^"]*)"/i.exec(text.slice(inner.start, inner.end));
      if (!m || !m[1]) continue;
      const at = inner.start + m.index + m[0].indexOf('"') + 1;
      span = { start: at, end: at + m[1].length };
    }
    credentials.push({ ...span, key: key.value });
  }
  found = { credentials, refs: text.includes('${secret:') ? literalRefs(text) : undefined };
  byTree.set(stmt.node, found);
  return found;
}

/** A literal's inner span (between its quotes) in its statement, when its text is a plain '…' literal. */
function innerSpan(text: string, lit: StringLit): { start: number; end: number } | undefined {
  const raw = text.slice(lit.start, lit.end);
  if (!raw.startsWith("'") || !raw.endsWith("'") || raw.length < 2) return undefined;
  return { start: lit.start + 1, end: lit.end - 1 };
}

export function suggestedSecretName(key: string): string {
  const n = key.replace(/^properties\./, '').replace(/sasl\.jaas\.config$/, 'sasl_password').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase();
  return /^[A-Z_]/.test(n) ? n : `S_${n}`;
}

export function secretDiagnostics(doc: AnalyzedDocument, context: SecretContext = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  const known = context.secretNames ? new Set(context.secretNames) : undefined;
  for (const stmt of doc.script.statements) {
    // a statement the parser gave no tree: only the references, scanned from its text
    const scanned = stmt.node ? scanStatement(stmt as ParsedStatement & { node: StatementNode })
      : { credentials: [], refs: known && stmt.text.includes('${secret:') ? literalRefs(stmt.text) : undefined };
    if (known && scanned.refs) {
      for (const l of scanned.refs) {
        for (const r of l.refs) {
          if (r.kind !== 'secret' || known.has(r.name)) continue;
          // The reference's span in the literal's decoded value maps 1:1 onto its text unless a doubled quote precedes it.
          const raw = stmt.text.slice(l.start, l.end);
          const at = raw.indexOf(`\${secret:${r.name}}`);
          const start = stmt.start + l.start + (at >= 0 ? at : 0);
          out.push({
            range: doc.lines.rangeOf(start, at >= 0 ? start + r.end - r.start : stmt.start + l.end), severity: DiagnosticSeverity.Warning, source: DIAGNOSTIC_SOURCE, code: UNKNOWN_SECRET,
            message: `No secret named ${r.name} is stored: set it with "Flink: Set Secret…" (the statement fails when sent to Flink without it).`,
          });
        }
      }
    }
    for (const c of scanned.credentials) {
      out.push({
        range: doc.lines.rangeOf(stmt.start + c.start, stmt.start + c.end), severity: DiagnosticSeverity.Warning, source: DIAGNOSTIC_SOURCE, code: LITERAL_CREDENTIAL,
        message: `'${c.key}' holds a credential in plain text: drafts, deployment records and manifests would keep it. Move it into a secret and write '\${secret:NAME}'.`,
        data: { fix: 'moveIntoSecret', suggestedName: suggestedSecretName(c.key) } satisfies MoveIntoSecretData,
      });
    }
  }
  return out;
}

/**
 * Completion after `${secret:` (or `${env:`, which completes nothing) inside a string literal: the stored names.
 * Undefined when the caret is not there, so the other completions run.
 */
export function secretCompletion(doc: AnalyzedDocument, position: Position, context: SecretContext = {}): CompletionItem[] | undefined {
  const offset = doc.lines.offsetAt(position);
  const stmt = doc.script.statements.find((s) => s.start <= offset && offset <= s.end);
  if (!stmt) return undefined;
  const rel = offset - stmt.start;
  const lit = literalSpanAt(stmt.text, rel);
  if (!lit) return undefined;
  const before = stmt.text.slice(lit.start, rel);
  const m = /\$\{(secret|env):([A-Za-z0-9_]*)$/.exec(before);
  if (!m) return undefined;
  if (m[1] === 'env') return [];
  const from = offset - m[2].length;
  const after = /^[A-Za-z0-9_]*\}?/.exec(stmt.text.slice(rel))![0];
  const range = doc.lines.rangeOf(from, offset + after.length);
  return (context.secretNames ?? []).map((name) => ({
    label: name, kind: CompletionItemKind.Constant, detail: 'secret (VS Code secret storage)', textEdit: { range, newText: `${name}}` },
  }));
}

/** The span of the string literal token that holds `offset` (inside its quotes, an unterminated one too). */
function literalSpanAt(text: string, offset: number): { start: number; end: number } | undefined {
  for (const l of stringTokens(text)) if (l.start <= offset && offset <= l.end) return l;
  return undefined;
}

function stringTokens(text: string): Array<{ start: number; end: number }> {
  // The lexer's string tokens; an unterminated literal (being typed) runs to the end of the text.
  return tokenize(text).tokens.filter((t) => t.type === 'string' && t.text.startsWith("'"))
    .map((t) => ({ start: t.start + 1, end: t.text.length > 1 && t.text.endsWith("'") ? t.end - 1 : t.end }));
}
