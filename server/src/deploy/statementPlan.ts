// How a draft becomes one long-running job: its setup statements (DDL, SET, USE, modules, jars) in order,
// and its INSERTs as one job — a statement set when there are several. Reads the parser's statements.
import { parseScript } from '../parser';
import { LineIndex } from '../util/lineIndex';
import { statementSpan } from '../flink/errorRanges';
import { classifyStatement, executeSubmission, groupStatements, type StatementClass } from '../flink/statementKinds';

export interface StatementPlan {
  /** Run in order before the job statement. */
  setup: string[];
  /** The one statement that starts the job. */
  job: string;
  /** Statements left out, with why (SHOW, EXPLAIN…). */
  skipped: Array<{ line: number; why: string }>;
}

export class PlanError extends Error {
  constructor(message: string, readonly line?: number) {
    super(message);
    this.name = 'PlanError';
  }
}

const SETUP: StatementClass[] = ['ddl', 'set', 'use', 'module', 'jar'];
const JOB: StatementClass[] = ['insert', 'statementSet', 'ctas', 'dml'];

function stripSemicolon(text: string): string {
  return text.replace(/;\s*$/, '').trim();
}

export function planStatements(script: string): StatementPlan {
  const units = groupStatements(script, parseScript(script).statements);
  const lines = new LineIndex(script);
  const setup: string[] = [];
  const jobs: Array<{ cls: StatementClass; text: string; line: number }> = [];
  const skipped: StatementPlan['skipped'] = [];
  for (const { stmt } of units) {
    const cls = classifyStatement(stmt.text, stmt.node?.kind);
    const line = lines.positionAt(statementSpan(script, stmt).start).line + 1;
    const text = stripSemicolon(executeSubmission(stmt, cls).text);
    if (!text) continue;
    if (SETUP.includes(cls)) setup.push(text);
    else if (JOB.includes(cls)) jobs.push({ cls, text, line });
    else if (cls === 'query') {
      throw new PlanError(`line ${line}: a published deployment runs INSERTs; this SELECT would have nowhere to write its rows — turn it into an INSERT INTO a sink, or remove it (Execute runs queries).`, line);
    } else skipped.push({ line, why: `${cls} statement: nothing to deploy` });
  }
  if (!jobs.length) throw new PlanError('The draft has no INSERT (or statement set): a deployment needs a statement that writes to a sink.');
  if (jobs.length === 1) return { setup, job: jobs[0].text, skipped };
  const other = jobs.find((j) => j.cls !== 'insert');
  if (other) {
    throw new PlanError(`line ${other.line}: a deployment is one job; with several INSERTs it becomes one statement set, which cannot also hold a ${other.cls === 'statementSet' ? 'statement set' : other.cls.toUpperCase()} — put every INSERT into one statement set.`, other.line);
  }
  const inserts = jobs.map((j) => j.text.replace(/^EXECUTE\s+/i, ''));
  return { setup, job: `EXECUTE STATEMENT SET\nBEGIN\n${inserts.map((t) => `${t};`).join('\n')}\nEND`, skipped };
}

/** `SET 'key' = 'value'` with the quotes doubled as Flink's SQL expects. */
export function setStatement(key: string, value: string): string {
  const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
  return `SET ${q(key)} = ${q(value)}`;
}
