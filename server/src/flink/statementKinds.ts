// Classifies a draft's statements by what the gateway does with them (apply, plan, run a job), and builds
// the text Validate submits instead (EXPLAIN …) with a map back to the draft's offsets.
import type { ParsedStatement } from '../parser';

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

/** Up to `max` upper-cased leading words, skipping comments and hints; strings/quoted names end the scan. */
export function leadingWords(text: string, max = 8): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < text.length && words.length < max) {
    const ch = text[i];
    if (/\s/.test(ch)) i++;
    else if (text.startsWith('--', i)) { const nl = text.indexOf('\n', i); i = nl < 0 ? text.length : nl + 1; }
    else if (text.startsWith('/*', i)) { const c = text.indexOf('*/', i + 2); i = c < 0 ? text.length : c + 2; }
    else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(text.slice(i))!;
      words.push(m[0].toUpperCase());
      i += m[0].length;
    } else if (ch === '(' && words.length === 0) { words.push('('); i++; }
    else break;
  }
  return words;
}

/** True when an `AS` follows at parenthesis depth 0 (CREATE TABLE … AS SELECT), outside strings/comments. */
function hasTopLevelAs(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" || ch === '"' || ch === '`') {
      const close = closingQuote(text, i);
      i = close;
    } else if (text.startsWith('--', i)) { const nl = text.indexOf('\n', i); i = nl < 0 ? text.length : nl; }
    else if (text.startsWith('/*', i)) { const c = text.indexOf('*/', i + 2); i = c < 0 ? text.length : c + 1; }
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0 && /[Aa]/.test(ch) && /^AS\b/i.test(text.slice(i, i + 3)) && !/[\w$]/.test(text[i - 1] ?? ' ')) return true;
  }
  return false;
}

function closingQuote(text: string, i: number): number {
  const q = text[i];
  let j = i + 1;
  while (j < text.length) {
    if (text[j] === q) { if (text[j + 1] === q) j += 2; else return j; } else j++;
  }
  return text.length;
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

class SubmissionBuilder {
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
export function explainSubmission(stmt: Pick<ParsedStatement, 'text' | 'start'>, cls: StatementClass): Submission | undefined {
  const { text, start } = stmt;
  const b = new SubmissionBuilder(start);
  // Flink cannot EXPLAIN a TRUNCATE (it is a parse error there), so Validate leaves it to Execute.
  if (cls === 'dml' && leadingWords(text, 1)[0] === 'TRUNCATE') return undefined;
  if (cls === 'query' || cls === 'insert' || cls === 'ctas' || cls === 'dml') {
    // `EXECUTE INSERT …` is planned as the bare INSERT.
    const exec = /^(\s*(?:(?:--[^\n]*\n|\/\*[\s\S]*?\*\/)\s*)*)EXECUTE\s+/i.exec(text);
    if (exec) return b.synthetic('EXPLAIN PLAN FOR ').original(text.slice(exec[0].length), start + exec[0].length).build();
    return b.synthetic('EXPLAIN PLAN FOR ').original(text, start).build();
  }
  if (cls === 'statementSet') {
    // EXECUTE STATEMENT SET BEGIN … END  →  EXPLAIN STATEMENT SET BEGIN … END
    const exec = /^([\s\S]*?)\bEXECUTE\s+(?=STATEMENT\s+SET\b)/i.exec(text);
    if (exec) return b.synthetic('EXPLAIN ').original(text.slice(exec[0].length), start + exec[0].length).build();
    // BEGIN STATEMENT SET; INSERT …; END  →  EXPLAIN STATEMENT SET BEGIN INSERT …; END
    const begin = /^([\s\S]*?)\bBEGIN\s+STATEMENT\s+SET\s*;/i.exec(text);
    if (begin) {
      const rest = text.slice(begin[0].length);
      return b.synthetic('EXPLAIN STATEMENT SET BEGIN ').original(rest, start + begin[0].length)
        .synthetic(closeStatementSet(rest)).build();
    }
    return undefined;
  }
  return undefined;
}

/** What a SQL-client statement set block lacks at the end of the script: the last `;` and END. */
function closeStatementSet(rest: string): string {
  if (/\bEND\s*;?\s*$/i.test(rest)) return '';
  return /;\s*$/.test(rest) ? '\nEND' : ';\nEND';
}

/** What Execute submits: the SQL client's `BEGIN STATEMENT SET; …; END` becomes one EXECUTE STATEMENT SET. */
export function executeSubmission(stmt: Pick<ParsedStatement, 'text' | 'start'>, cls: StatementClass): Submission {
  if (cls === 'statementSet') {
    const begin = /^([\s\S]*?)\bBEGIN\s+STATEMENT\s+SET\s*;/i.exec(stmt.text);
    if (begin) {
      const rest = stmt.text.slice(begin[0].length);
      return new SubmissionBuilder(stmt.start).synthetic('EXECUTE STATEMENT SET BEGIN ').original(rest, stmt.start + begin[0].length)
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
