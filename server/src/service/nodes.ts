// Reading statement trees through the parser contract: qualified names, nested statements, spans made absolute.
// Only `kind`, `name` and spans are guaranteed by the contract; other fields are probed defensively so a
// parser change degrades the outline instead of breaking it.
import type { ParsedStatement, QualifiedName, StatementNode, TextSpan } from '../parser';

export function isQualifiedName(v: unknown): v is QualifiedName {
  return isSpan(v) && Array.isArray((v as { parts?: unknown }).parts);
}

export function isStatementNode(v: unknown): v is StatementNode {
  return isSpan(v) && typeof (v as { kind?: unknown }).kind === 'string';
}

function isSpan(v: unknown): v is TextSpan {
  return typeof v === 'object' && v !== null
    && typeof (v as TextSpan).start === 'number' && typeof (v as TextSpan).end === 'number';
}

/** The first of `fields` holding a qualified name (e.g. an INSERT's target). */
export function nameField(node: StatementNode, fields: readonly string[]): QualifiedName | undefined {
  for (const f of fields) {
    const v = node[f];
    if (isQualifiedName(v)) return v;
  }
  return undefined;
}

/** Statements nested in a statement (the inserts of a statement set), whatever the field is called. */
export function childStatements(node: StatementNode): StatementNode[] {
  for (const f of ['statements', 'inserts', 'body']) {
    const v = node[f];
    if (Array.isArray(v)) return v.filter(isStatementNode);
  }
  return [];
}

/** A span relative to its statement, made absolute. */
export function absolute(stmt: ParsedStatement, span: TextSpan): TextSpan {
  return { start: stmt.start + span.start, end: stmt.start + span.end };
}
