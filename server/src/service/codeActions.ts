// Quick fixes: a misspelt keyword where the parser expected one (`FORM` → `FROM`, Levenshtein ≤ 2 against the
// diagnostic's expected tokens), `NOT ENFORCED` for a PRIMARY KEY without it (Flink rejects such tables), and
// the connector and draft fixes of connectorFixes.ts.
import leven from 'leven';
import {
  CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit,
} from 'vscode-languageserver-types';
import type { ConstraintNode, CreateTableNode, ParsedStatement, Token } from '../parser';
import { isIdentToken, statementIndexAt, statementTokens } from './completionCursor';
import { connectorFixes } from './connectorFixes';
import { editsFix, isEditsFix } from './semantic/streamingFixes';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { LITERAL_CREDENTIAL, MOVE_INTO_SECRET_COMMAND, type MoveIntoSecretData } from './secretChecks';
import type { AnalyzedDocument } from './document';
import { editDistance, messageText } from '../util/text';

/** Keywords people mistype; offered when the diagnostic's expected list was cut short ("… (n more)"). */
const COMMON_KEYWORDS = `SELECT FROM WHERE GROUP ORDER BY HAVING JOIN LEFT RIGHT INNER OUTER FULL CROSS ON USING LIMIT UNION ALL
  INSERT INTO OVERWRITE VALUES CREATE TABLE VIEW TEMPORARY FUNCTION CATALOG DATABASE WITH AS AND OR NOT NULL DISTINCT
  WATERMARK FOR PRIMARY KEY ENFORCED PARTITIONED COMMENT LIKE DROP ALTER SET RESET USE SHOW DESCRIBE EXPLAIN EXECUTE
  STATEMENT BEGIN END INTERVAL CASE WHEN THEN ELSE CAST EXISTS BETWEEN METADATA VIRTUAL LATERAL WINDOW SYSTEM_TIME OF`
  .split(/\s+/).filter(Boolean);

/** Expected tokens of a parser diagnostic: from its data when the parser attaches them, else from the message. */
export function expectedTokens(d: Diagnostic): { keywords: string[]; truncated: boolean } {
  const data = d.data as { expected?: unknown } | undefined;
  if (data && Array.isArray(data.expected)) {
    return { keywords: data.expected.map(String).map(unquote).filter(isKeyword), truncated: false };
  }
  const m = /Was expecting(?: one of)?:\s*([\s\S]*)$/.exec(messageText(d));
  if (!m) return { keywords: [], truncated: false };
  const keywords = [...m[1].matchAll(/"([^"]+)"/g)].map((x) => x[1]).filter(isKeyword);
  return { keywords, truncated: /…|\.\.\.|more\)/.test(m[1]) };
}



function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function unquote(s: string): string {
  return s.replace(/^"(.*)"$/, '$1');
}

function isKeyword(s: string): boolean {
  return /^[A-Z][A-Z_]*$/.test(s);
}

export function codeActions(doc: AnalyzedDocument, range: Range, diagnostics: readonly Diagnostic[], uri: string): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== undefined && d.source !== DIAGNOSTIC_SOURCE) continue;
    if (/Encountered|Was expecting/.test(messageText(d))) actions.push(...keywordFixes(doc, d, uri));
    else if (d.code === LITERAL_CREDENTIAL) actions.push(moveIntoSecretAction(d, uri));
    else if (isEditsFix(d.data)) actions.push(...editsFix(doc, d, uri));
    else if (d.data) actions.push(...connectorFixes(doc, d, uri));
  }
  actions.push(...notEnforcedFixes(doc, range, diagnostics, uri));
  return actions;
}

function keywordFixes(doc: AnalyzedDocument, d: Diagnostic, uri: string): CodeAction[] {
  const offset = doc.lines.offsetAt(d.range.start);
  const index = statementIndexAt(doc, offset);
  if (index < 0) return [];
  const stmt = doc.script.statements[index];
  const tokens = statementTokens(stmt);
  const rel = offset - stmt.start;
  const at = tokens.findIndex((t) => t.start <= rel && rel < Math.max(t.end, t.start + 1));
  const { keywords, truncated } = expectedTokens(d);
  // The encountered word itself, or the word before it (a misspelt keyword the parser took for an alias).
  const candidates: { tok: Token; vocabulary: string[] }[] = [];
  const vocab = truncated || !keywords.length ? [...new Set([...keywords, ...COMMON_KEYWORDS])] : keywords;
  if (at >= 0) candidates.push({ tok: tokens[at], vocabulary: vocab });
  const prevIndex = at >= 0 ? at - 1 : tokens.findIndex((t) => t.start >= rel) - 1;
  const prev = tokens[prevIndex >= -1 ? prevIndex : tokens.length - 1];
  if (prev) candidates.push({ tok: prev, vocabulary: [...new Set([...keywords, ...COMMON_KEYWORDS])] });

  type Fix = { word: Token; keyword: string; distance: number; expected: boolean; prefix: number };
  const fixes: Fix[] = [];
  for (const { tok, vocabulary } of candidates) {
    if (tok.type !== 'word' || tok.text.length < 3) continue;
    if (vocabulary.includes(tok.upper)) continue;
    for (const kw of vocabulary) {
      if (leven(tok.upper, kw) > 2) continue;
      const distance = editDistance(tok.upper, kw);
      if (distance === 0 || distance > Math.floor(tok.text.length / 2)) continue;
      fixes.push({ word: tok, keyword: kw, distance, expected: keywords.includes(kw), prefix: commonPrefix(tok.upper, kw) });
    }
  }
  // Fewest edits first; among equals what the parser expected, then the longest shared beginning.
  fixes.sort((a, b) => a.distance - b.distance || Number(b.expected) - Number(a.expected) || b.prefix - a.prefix || a.keyword.localeCompare(b.keyword));
  // Only the word whose best fix ranks first is suspect (`FORM orders`: FORM, not orders).
  const word = fixes[0]?.word;
  return fixes.filter((f) => f.word === word).slice(0, 3).map((f, i) => {
    const text = f.word.text === f.word.text.toLowerCase() ? f.keyword.toLowerCase() : f.keyword;
    const edit: TextEdit = { range: doc.lines.rangeOf(stmt.start + f.word.start, stmt.start + f.word.end), newText: text };
    return {
      title: `Change '${f.word.text}' to '${text}'`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      isPreferred: i === 0,
      edit: { changes: { [uri]: [edit] } },
    };
  });
}

function notEnforcedFixes(doc: AnalyzedDocument, range: Range, diagnostics: readonly Diagnostic[], uri: string): CodeAction[] {
  const from = doc.lines.offsetAt(range.start);
  const to = doc.lines.offsetAt(range.end);
  const out: CodeAction[] = [];
  for (const stmt of doc.script.statements) {
    if (stmt.end < from) continue;
    if (stmt.start > to) break;
    if (stmt.node?.kind !== 'createTable') continue;
    for (const c of primaryKeys(stmt.node as CreateTableNode)) {
      if (c.enforced === false) continue;
      const start = stmt.start + c.start;
      const end = stmt.start + c.end;
      if (end < from || start > to) continue;
      out.push(notEnforced(doc, stmt, c, uri, diagnostics.filter((d) => /ENFORCED/i.test(messageText(d)))));
    }
  }
  return out;
}

function primaryKeys(node: CreateTableNode): ConstraintNode[] {
  const table = (node.constraints ?? []).filter((c) => c.kind === 'primaryKey');
  const inline = (node.columns ?? []).map((c) => c.constraint).filter((c): c is ConstraintNode => c?.kind === 'primaryKey');
  return [...table, ...inline];
}

function notEnforced(doc: AnalyzedDocument, stmt: ParsedStatement, c: ConstraintNode, uri: string, diagnostics: Diagnostic[]): CodeAction {
  const end = stmt.start + c.end;
  const tokens = statementTokens(stmt);
  const last = tokens.find((t) => t.end === c.end);
  const lower = /[a-z]/.test(doc.text.slice(stmt.start + c.start, end)) && !/[A-Z]/.test(doc.text.slice(stmt.start + c.start, end));
  const words = lower ? 'not enforced' : 'NOT ENFORCED';
  // `PRIMARY KEY (id) ENFORCED` becomes `… NOT ENFORCED`; otherwise the words are appended.
  const edit: TextEdit = last && isIdentToken(last) && last.upper === 'ENFORCED'
    ? { range: doc.lines.rangeOf(stmt.start + last.start, end), newText: words }
    : { range: doc.lines.rangeOf(end, end), newText: ` ${words}` };
  return {
    title: `Add ${words} to the primary key (Flink supports only NOT ENFORCED)`,
    kind: CodeActionKind.QuickFix,
    isPreferred: true,
    ...(diagnostics.length ? { diagnostics } : {}),
    edit: { changes: { [uri]: [edit] } },
  };
}

/**
 * "Move into a secret": the client's command asks a name (proposed from the key), stores the literal's text in its
 * secret storage and replaces it with `${secret:NAME}`; the value never crosses the connection.
 */
function moveIntoSecretAction(d: Diagnostic, uri: string): CodeAction {
  const data = d.data as MoveIntoSecretData | undefined;
  return {
    title: 'Move into a secret', kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true,
    command: { title: 'Move into a secret', command: MOVE_INTO_SECRET_COMMAND, arguments: [{ uri, range: d.range, suggestedName: data?.suggestedName }] },
  };
}
