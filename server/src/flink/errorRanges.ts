// Where in the draft a Flink error belongs: Flink's own line/column when it gave one, else the option or
// connector the message names inside the CREATE TABLE that defined the table, else the whole statement.
import type { ParsedStatement } from '../parser';
import { skipTrivia, trimEnd } from '../service/textScan';
import { lineColumnToOffset, type FlinkPosition } from './flinkErrors';
import type { Submission } from './statementKinds';

export interface DraftSpan {
  start: number;
  end: number;
  /** The statement the span lies in (may differ from the failing one, e.g. the CREATE TABLE of a sink). */
  statementIndex: number;
}

/** Absolute draft span of Flink's position inside `submission` (Calcite ends are inclusive). */
export function positionToSpan(submission: Submission, pos: FlinkPosition): { start: number; end: number } {
  const startSub = lineColumnToOffset(submission.text, pos.startLine, pos.startColumn);
  const endSub = lineColumnToOffset(submission.text, pos.endLine, pos.endColumn) + 1;
  const start = submission.toDraftOffset(startSub);
  const end = submission.toDraftOffset(Math.min(endSub, submission.text.length));
  return { start, end: Math.max(end, start + 1) };
}

/** The statement without leading comments/whitespace and trailing whitespace. */
export function statementSpan(draft: string, stmt: Pick<ParsedStatement, 'start' | 'end'>): { start: number; end: number } {
  const start = skipTrivia(draft, stmt.start, stmt.end);
  return { start, end: Math.max(start + 1, trimEnd(draft, start, stmt.end)) };
}

const TABLE_IN_MESSAGE = /(?:for (?:reading|writing) table|Table options? (?:for|of)|table) '([^']+)'/i;

/** Finds the draft statement (before `before`) that created `qualifiedName` (`cat.db.t`, `db.t` or `t`). */
export function findCreateStatement(statements: ParsedStatement[], before: number, qualifiedName: string): number | undefined {
  const last = qualifiedName.split('.').pop()!.replace(/`/g, '').toLowerCase();
  for (let i = Math.min(before, statements.length) - 1; i >= 0; i--) {
    const m = /^\s*(?:(?:--[^\n]*\n|\/\*[\s\S]*?\*\/)\s*)*CREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMPORARY\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?([`\w.$]+(?:\s*\.\s*[`\w$]+)*)/i.exec(statements[i].text);
    if (!m) continue;
    const name = m[1].split('.').pop()!.replace(/`/g, '').trim().toLowerCase();
    if (name === last) return i;
  }
  return undefined;
}

/**
 * For connector/option errors without a position (they come from planning the INSERT/SELECT), the useful
 * place is the WITH clause of the CREATE TABLE in the draft: underline the named option or connector there.
 */
export function anchorInCreateTable(draft: string, statements: ParsedStatement[], failing: number, message: string): DraftSpan | undefined {
  const table = TABLE_IN_MESSAGE.exec(message)?.[1];
  if (!table) return undefined;
  const idx = findCreateStatement(statements, failing, table);
  if (idx === undefined) return undefined;
  return anchorInCreate(draft, statements[idx], idx, message);
}

/**
 * Inside the CREATE TABLE `stmt` (statement `idx`), the option or value a factory error names ("Unsupported
 * options: a, b", "identifier 'kafkaa'", `For input string: "10 x"`), else its WITH clause, else the statement.
 */
export function anchorInCreate(draft: string, stmt: ParsedStatement, idx: number, message: string): DraftSpan {
  const candidates: string[] = [];
  const unsupported = /Unsupported options(?: found for '[^']*')?[.:]?\s*(?:Unsupported options:)?\s*([\s\S]*?)(?:Supported options|$)/i.exec(message);
  if (unsupported) candidates.push(...unsupported[1].split(/[\s,]+/).filter((s) => /^[\w.#-]+$/.test(s)));
  const identifier = /for identifier '([^']+)'/i.exec(message);
  if (identifier) candidates.push(identifier[1]);
  // A value the option's parser refused, quoted by Java: `For input string: "10 x"`, `Could not parse value '…'`.
  for (const m of message.matchAll(/(?:input string|value|text)[: ]+["']([^"'\n]{1,200})["']/gi)) candidates.push(m[1]);
  // "Could not parse value for enum class …KafkaConnectorOptions$ScanBoundedMode": the option is scan.bounded.mode.
  const enumClass = /enum class [\w.]*[.$](\w+)/.exec(message)?.[1];
  if (enumClass) {
    const key = enumClass.replace(/([a-z0-9])([A-Z])/g, '$1.$2').toLowerCase();
    const m = new RegExp(`'${key.replace(/\./g, '\\.')}'\\s*=\\s*('(?:[^']|'')*')`).exec(stmt.text);
    if (m) {
      const at = m.index + m[0].length - m[1].length;
      return { start: stmt.start + at, end: stmt.start + at + m[1].length, statementIndex: idx };
    }
  }
  for (const c of candidates) {
    const at = stmt.text.indexOf(`'${c.replace(/'/g, "''")}'`);
    if (at >= 0) return { start: stmt.start + at, end: stmt.start + at + c.replace(/'/g, "''").length + 2, statementIndex: idx };
  }
  const withAt = /\bWITH\s*\(/i.exec(stmt.text);
  if (withAt) {
    const start = stmt.start + withAt.index;
    return { start, end: trimEnd(draft, start, stmt.end), statementIndex: idx };
  }
  return { ...statementSpan(draft, stmt), statementIndex: idx };
}

/**
 * Errors Flink reports without a position but whose culprit is a unique construct in the statement: a cast
 * rejected by Flink's own cast rules, a watermark definition. Undefined when ambiguous.
 */
export function anchorInStatement(stmt: Pick<ParsedStatement, 'text' | 'start'>, message: string): { start: number; end: number } | undefined {
  const keyword = /\bcast from\b/i.test(message) ? /\b(?:TRY_)?CAST\s*\(/gi
    : /\bwatermark\b/i.test(message) ? /\bWATERMARK\s+FOR\b/gi
      : undefined;
  if (!keyword) return undefined;
  const hits = [...stmt.text.matchAll(keyword)];
  if (hits.length !== 1) return undefined;
  const at = hits[0].index!;
  const open = stmt.text.indexOf('(', at);
  const end = keyword.source.includes('CAST') && open >= 0 ? matchingParen(stmt.text, open) + 1 : lineEndFrom(stmt.text, at);
  return { start: stmt.start + at, end: stmt.start + end };
}

function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return text.length - 1;
}

function lineEndFrom(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  const end = nl < 0 ? text.length : nl;
  return text.slice(at, end).replace(/[\s,]+$/, '').length + at;
}
