// A version's compiled plan (Flink's COMPILE PLAN JSON), kept beside its SQL, and publishing from it again: when
// only the configuration or the Flink version changes, EXECUTE PLAN runs the operators as compiled, so their state
// carries over even where planning the SQL again would place them differently (mini-batch turned on, a new
// optimizer). Operator ids stay hashed from the graph as for a job submitted by INSERT (table.exec.uid.generation
// DISABLED): a plan's own uids would give every operator of the running version a new id.
import * as fs from 'node:fs';
import { tokenize } from '../parser/lexer';
import { planStatements, type StatementPlan } from './statementPlan';

/** Keeps the hashed operator ids of the version the plan was compiled with (see above). */
export const FROM_PLAN_CONFIG: Readonly<Record<string, string>> = { 'table.exec.uid.generation': 'DISABLED' };

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** `COMPILE PLAN` of the job statement Publish submits (an INSERT, or a statement set). */
export function compilePlanStatement(job: string, file: string): string {
  return `COMPILE PLAN ${quote(file)} IF NOT EXISTS FOR ${job.replace(/^EXECUTE\s+(?=STATEMENT\s+SET\b)/i, '')}`;
}

export function executePlanStatement(file: string): string {
  return `EXECUTE PLAN ${quote(file)}`;
}

/** The draft's setup statements, its job replaced by the compiled plan. */
export function fromPlan(sql: string, file: string): StatementPlan {
  const plan = planStatements(sql);
  return { ...plan, job: executePlanStatement(file) };
}

/** A statement as its tokens (whitespace and comments dropped), so a reformatted draft is the same draft. */
function tokens(statement: string): string {
  return tokenize(statement).tokens.map((t) => t.text).join(' ');
}

const isSet = (statement: string) => /^(SET|RESET)$/.test(tokenize(statement).tokens[0]?.upper ?? '');

/**
 * The first statement (other than SET, which is configuration) where `draft` differs from `published`, or undefined
 * when they run the same statements: then the published version's plan is the draft's job.
 */
export function changedStatement(draft: string, published: string): string | undefined {
  const a = planStatements(draft);
  const b = planStatements(published);
  const keep = (p: StatementPlan) => [...p.setup.filter((s) => !isSet(s)), p.job];
  const x = keep(a);
  const y = keep(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] === undefined || y[i] === undefined || tokens(x[i]) !== tokens(y[i])) return (x[i] ?? y[i]).split('\n')[0].slice(0, 120);
  }
  return undefined;
}

interface PublishedVersion { version: number; target: string; sql: string; planFile: string }

/** Why `draftSql` cannot be published from `running`'s compiled plan, or undefined when it can. */
export function whyNotFromPlan(running: PublishedVersion | undefined, draftSql: string, target: string): string | undefined {
  if (!running) return 'nothing was published yet: there is no compiled plan to publish from';
  if (target !== 'session' || running.target !== 'session') return 'publishing from a compiled plan is for session deployments (a per-job cluster compiles its own)';
  if (!fs.existsSync(running.planFile)) return `version ${running.version} kept no compiled plan (published before plans were kept, through a gateway on another host, or its draft has secret references)`;
  const changed = changedStatement(draftSql, running.sql);
  return changed === undefined ? undefined : `the draft's statements changed since version ${running.version} (at: ${changed}); a compiled plan runs only the statements it was compiled from`;
}
