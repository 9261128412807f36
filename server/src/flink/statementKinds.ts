// Classifies a draft's statements by what the gateway does with them (apply, plan, run a job), and builds
// the text Validate submits instead (EXPLAIN …) with a map back to the draft's offsets.
import { tokenize, type ParsedStatement, type Token } from '../parser';

export type StatementClass =
  | 'query' // SELECT / WITH / VALUES / (SELECT …): rows come back
  | 'insert' // INSERT INTO / OVERWRITE, EXECUTE INSERT: starts a job
  | 'statementSet' // EXECUTE STATEMENT SET BEGIN … END, BEGIN STATEMENT SET; … END
  | 'ctas' // CREATE [OR REPLACE] TABLE … AS SELECT, REPLACE TABLE … AS: starts a job
  | 'dml' // UPDATE / DELETE / TRUNCATE: a job in batch mode
  | 'ddl' // CREATE / DROP / ALTER (catalog, database, table, view, function, …)
  | 'set' // SET / RESET
  | 'use' // USE [CATALOG|MODULES]
  | 'module' // LOAD / UNLOAD MODULE
  | 'jar' // ADD / REMOVE JAR
  | 'show' // SHOW … / DESCRIBE / DESC (except job ones)
  | 'explain'
  | 'job' // SHOW JOBS, DESCRIBE JOB, STOP JOB
  | 'other'; // ANALYZE, CALL, anything unknown

/** The statement's tokens (comments and blanks are not tokens): the parser's own reading of the text. */
function tokensOf(text: string): Token[] {
  return tokenize(text).tokens;
}

/** Up to `max` upper-cased leading words, skipping comments and hints; strings/quoted names end the scan. */
export function leadingWords(text: string, max = 8): string[] {
  const words: string[] = [];
  for (const t of tokensOf(text)) {
    if (words.length >= max) break;
    if (t.type === 'hintStart' || t.type === 'hintEnd') continue;
    if (t.type === 'word') words.push(t.upper);
    else if (t.type === 'op' && t.text === '(' && words.length === 0) words.push('(');
    else break;
  }
  return words;
}

/** True when an `AS` follows at parenthesis depth 0 (CREATE TABLE … AS SELECT). */
function hasTopLevelAs(text: string): boolean {
  let depth = 0;
  for (const t of tokensOf(text)) {
    if (t.type === 'op' && t.text === '(') depth++;
    else if (t.type === 'op' && t.text === ')') depth--;
    else if (depth === 0 && t.type === 'word' && t.upper === 'AS') return true;
  }
  return false;
}

/** The first run of tokens spelling `words` (upper-case words; `;` for the op) and the token after it. */
function findTokens(text: string, words: string[], atStart = false): { matched: Token[]; next: Token } | undefined {
  const toks = tokensOf(text).filter((t) => t.type !== 'hintStart' && t.type !== 'hintEnd');
  const matches = (t: Token, w: string) => (w === ';' ? t.type === 'op' && t.text === ';' : t.type === 'word' && t.upper === w);
  for (let i = 0; i + words.length < toks.length; i++) {
    if (words.every((w, k) => matches(toks[i + k], w))) return { matched: toks.slice(i, i + words.length), next: toks[i + words.length] };
    if (atStart) break;
  }
  return undefined;
}

/** Classifies by the statement's leading keywords; `parserKind` (the parser's node.kind) breaks ties. */
export function classifyStatement(text: string, parserKind?: string): StatementClass {
  const w = leadingWords(text);
  const [a, b] = w;
  switch (a) {
    case 'SELECT': case 'WITH': case 'VALUES': case '(': case 'TABLE': return 'query';
    case 'INSERT': return 'insert';
    case 'EXECUTE':
      if (b === 'STATEMENT') return 'statementSet';
      if (b === 'INSERT') return 'insert';
      return b === 'SELECT' || b === 'WITH' ? 'query' : 'other';
    case 'BEGIN': return b === 'STATEMENT' ? 'statementSet' : 'other';
    case 'STATEMENT': return 'statementSet';
    case 'CREATE': case 'REPLACE': {
      const tableIdx = w.indexOf('TABLE');
      if (tableIdx >= 0 && !w.includes('FUNCTION') && hasTopLevelAs(text)) return 'ctas';
      return a === 'REPLACE' ? 'ctas' : 'ddl';
    }
    case 'DROP': case 'ALTER': return 'ddl';
    case 'SET': case 'RESET': return 'set';
    case 'USE': return 'use';
    case 'LOAD': case 'UNLOAD': return 'module';
    case 'ADD': case 'REMOVE': return b === 'JAR' ? 'jar' : 'other';
    case 'SHOW':
      if (b === 'JOBS' || b === 'JOB') return 'job';
      return b === 'JARS' ? 'jar' : 'show';
    case 'DESCRIBE': case 'DESC': return b === 'JOB' ? 'job' : 'show';
    case 'STOP': return 'job';
    case 'EXPLAIN': return 'explain';
    case 'UPDATE': case 'DELETE': case 'TRUNCATE': return 'dml';
    default: break;
  }
  if (parserKind === 'query') return 'query';
  if (parserKind === 'insert') return 'insert';
  if (parserKind === 'statementSet') return 'statementSet';
  return 'other';
}

/** A statement rewritten for submission, and how to map an offset in it back into the draft. */
export interface Submission {
  text: string;
  /** Absolute draft offset of submitted offset `o`; synthetic text maps to the statement's start. */
  toDraftOffset(o: number): number;
}

interface Piece { subStart: number; draftStart: number; length: number }

export class SubmissionBuilder {
  private text = '';
  private readonly pieces: Piece[] = [];
  constructor(private readonly fallback: number) {}
  synthetic(s: string) { this.text += s; return this; }
  original(s: string, draftStart: number) {
    this.pieces.push({ subStart: this.text.length, draftStart, length: s.length });
    this.text += s;
    return this;
  }
  build(): Submission {
    const { text, pieces, fallback } = this;
    return {
      text,
      toDraftOffset(o: number) {
        for (const p of pieces) if (o >= p.subStart && o <= p.subStart + p.length) return p.draftStart + (o - p.subStart);
        return fallback;
      },
    };
  }
}

/** Text as written (EXECUTE …, DDL, SET …): Flink's positions are the statement's own. */
export function asIs(stmt: Pick<ParsedStatement, 'text' | 'start'>): Submission {
  return new SubmissionBuilder(stmt.start).original(stmt.text, stmt.start).build();
}

/**
 * The EXPLAIN that plans `stmt` without running it, or undefined when EXPLAIN cannot take it. The original
 * text is kept verbatim (same lines) so Flink's line/column map straight back into the draft.
 */
export function explainSubmission(stmt: Pick<ParsedStatement, 'text' | 'start'>, cls: StatementClass, details?: string): Submission | undefined {
  const { text, start } = stmt;
  // `details` (Show Plan's "CHANGELOG_MODE, JSON_EXECUTION_PLAN") replaces PLAN FOR: EXPLAIN takes one or the other.
  const explain = details ? `EXPLAIN ${details} ` : 'EXPLAIN PLAN FOR ';
  const b = new SubmissionBuilder(start);
  // Flink cannot EXPLAIN a TRUNCATE (it is a parse error there), so Validate leaves it to Execute.
  if (cls === 'dml' && leadingWords(text, 1)[0] === 'TRUNCATE') return undefined;
  if (cls === 'query' || cls === 'insert' || cls === 'ctas' || cls === 'dml') {
    // `EXECUTE INSERT …` is planned as the bare INSERT.
    const exec = findTokens(text, ['EXECUTE'], true);
    if (exec) return b.synthetic(explain).original(text.slice(exec.next.start), start + exec.next.start).build();
    return b.synthetic(explain).original(text, start).build();
  }
  if (cls === 'statementSet') {
    // EXECUTE STATEMENT SET BEGIN … END  →  EXPLAIN STATEMENT SET BEGIN … END
    const exec = findTokens(text, ['EXECUTE', 'STATEMENT', 'SET']);
    if (exec) {
      const from = exec.matched[1].start;
      return b.synthetic(details ? `EXPLAIN ${details} ` : 'EXPLAIN ').original(text.slice(from), start + from).build();
    }
    // BEGIN STATEMENT SET; INSERT …; END  →  EXPLAIN STATEMENT SET BEGIN INSERT …; END
    const begin = findTokens(text, BEGIN_SET);
    if (begin) {
      const from = begin.matched[3].end;
      const rest = text.slice(from);
      return b.synthetic(`${details ? `EXPLAIN ${details} ` : 'EXPLAIN '}STATEMENT SET BEGIN `).original(rest, start + from)
        .synthetic(closeStatementSet(rest)).build();
    }
    return undefined;
  }
  return undefined;
}

const BEGIN_SET = ['BEGIN', 'STATEMENT', 'SET', ';'];

/** What a SQL-client statement set block lacks at the end of the script: the last `;` and END. */
function closeStatementSet(rest: string): string {
  const toks = tokensOf(rest);
  const isEnd = (t?: Token) => t?.type === 'word' && t.upper === 'END';
  const isSemi = (t?: Token) => t?.type === 'op' && t.text === ';';
  const last = toks[toks.length - 2];
  if (isEnd(last) || (isSemi(last) && isEnd(toks[toks.length - 3]))) return '';
  return isSemi(last) ? '\nEND' : ';\nEND';
}

/** What Execute submits: the SQL client's `BEGIN STATEMENT SET; …; END` becomes one EXECUTE STATEMENT SET. */
export function executeSubmission(stmt: Pick<ParsedStatement, 'text' | 'start'>, cls: StatementClass): Submission {
  if (cls === 'statementSet') {
    const begin = findTokens(stmt.text, BEGIN_SET);
    if (begin) {
      const from = begin.matched[3].end;
      const rest = stmt.text.slice(from);
      return new SubmissionBuilder(stmt.start).synthetic('EXECUTE STATEMENT SET BEGIN ').original(rest, stmt.start + from)
        .synthetic(closeStatementSet(rest)).build();
    }
  }
  return asIs(stmt);
}

/** A statement as Validate/Execute submit it, with its parser index (what events and the LSP call it). */
export interface StatementUnit {
  index: number;
  stmt: ParsedStatement;
}

/**
 * The parser keeps the SQL client's `BEGIN STATEMENT SET; …; END;` as separate statements; the gateway
 * needs them as one. Merges each such block (to the script's end when END is missing) into one unit.
 */
export function groupStatements(script: string, statements: ParsedStatement[]): StatementUnit[] {
  const units: StatementUnit[] = [];
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    // A BEGIN whose text already holds `;` is a block the parser kept whole.
    if (leadingWords(s.text, 3).join(' ') !== 'BEGIN STATEMENT SET' || s.text.includes(';')) {
      units.push({ index: i, stmt: s });
      continue;
    }
    let j = i + 1;
    while (j < statements.length && leadingWords(statements[j].text, 2).join(' ') !== 'END') j++;
    const last = statements[Math.min(j, statements.length - 1)];
    const text = script.slice(s.start, last.end);
    units.push({
      index: i,
      stmt: { start: s.start, end: last.end, text, diagnostics: [], node: { kind: 'statementSet', start: 0, end: text.length } },
    });
    i = j;
  }
  return units;
}
