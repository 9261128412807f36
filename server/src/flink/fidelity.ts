// Fidelity reports: a statement our parser flagged, and what the real planner said of it. Where Flink
// accepts it, our local errors on that exact text are withdrawn (by the LSP until the text changes, by
// the CLI for the run); either way one log line records the case so such statements can be collected.
import { createHash } from 'node:crypto';
import type { ParsedStatement, SyntaxDiagnostic } from '../parser';
import type { LineIndex } from '../util/lineIndex';

export interface FidelityReport {
  /** First 12 hex digits of the SHA-256 of the statement's text. */
  statementHash: string;
  /** The statement's text, so the LSP can recognise it until it changes. */
  text: string;
  /** 1-based line of the statement in the draft. */
  line: number;
  /** Our parser's error messages on it. */
  ours: string[];
  flink: { accepted: boolean; message?: string };
}

export function statementHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

export function fidelityReport(stmt: Pick<ParsedStatement, 'text' | 'start'>, lines: LineIndex, ours: SyntaxDiagnostic[], flink: FidelityReport['flink']): FidelityReport {
  return {
    statementHash: statementHash(stmt.text), text: stmt.text, line: lines.positionAt(stmt.start).line + 1,
    ours: ours.map((d) => d.message), flink,
  };
}

/** The one-line log form: `fidelity: statement 3f2a9c1b04de (line 12): ours "…"; Flink accepted`. */
export function fidelityLine(r: FidelityReport): string {
  const ours = r.ours.map((m) => JSON.stringify(firstLine(m))).join(', ');
  const flink = r.flink.accepted ? 'Flink accepted (local error withdrawn)' : `Flink rejected too: ${JSON.stringify(firstLine(r.flink.message ?? ''))}`;
  return `fidelity: statement ${r.statementHash} (line ${r.line}): ours ${ours}; ${flink}`;
}

function firstLine(message: string): string {
  const line = message.split('\n')[0];
  return line.length > 160 ? `${line.slice(0, 160)}…` : line;
}

/** Statement texts Flink accepted although our parser did not; bounded, oldest forgotten first. */
export class AcceptedByFlink {
  private readonly texts = new Set<string>();
  constructor(private readonly max = 1000) {}
  add(text: string): void {
    this.texts.delete(text);
    this.texts.add(text);
    if (this.texts.size > this.max) this.texts.delete(this.texts.values().next().value as string);
  }
  has(text: string): boolean {
    return this.texts.has(text);
  }
  get size(): number {
    return this.texts.size;
  }
}
