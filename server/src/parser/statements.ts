// Parses one statement's text: lexes it, dispatches on the leading keyword, and turns every failure
// (syntax error, nesting limit, internal bug) into diagnostics — never throws.
import { parseAlter, parseCreate, parseDrop } from './ddlOther';
import { parseCreateTable } from './ddlTables';
import { isInsertStart, parseCompile, parseExecute, parseExplain, parseInsert, parseStatementSetBlock } from './dml';
import type { StatementNode, SyntaxDiagnostic } from './index';
import { parseExtendedCommand } from './extendedParser';
import { tokenize } from './lexer';
import { DEFAULT_FLINK_VERSION, type FlinkVersion } from './versions';
import { validateNode } from './nodeValidation';
import { ParseError, Parser } from './parserBase';
import { isQueryStart, parseQuery } from './queries';
import { parseDelete, parseUpdate } from './rowLevelDml';
import {
  parseAnalyze, parseCall, parseDescribe, parseJar, parseModule, parseReset, parseSet, parseShow, parseStopJob, parseTruncate, parseUse,
} from './utilityStatements';

export interface StatementParse {
  node?: StatementNode;
  diagnostics: SyntaxDiagnostic[];
  /** True when the text holds no tokens at all (only comments / blanks). */
  empty: boolean;
}

const STARTERS = ['SELECT', 'INSERT', 'CREATE', 'ALTER', 'DROP', 'SET', 'SHOW', 'USE', 'EXPLAIN', 'EXECUTE', 'DESCRIBE'];

function parseStatement(p: Parser): StatementNode {
  const t = p.tok;
  if (isQueryStart(p)) return parseQuery(p);
  if (isInsertStart(p)) return parseInsert(p);
  switch (t.type === 'word' ? t.upper : '') {
    case 'CREATE':
      return parseCreate(p);
    case 'REPLACE':
      p.advance();
      return parseCreateTable(p, t.start, false, !!p.acceptKw('TEMPORARY'), true);
    case 'ALTER':
      return parseAlter(p);
    case 'DROP':
      return parseDrop(p);
    case 'EXECUTE':
      if (p.isKw('STATEMENT', 1)) {
        p.advance();
        return parseStatementSetBlock(p, t.start);
      }
      return parseExecute(p);
    case 'EXPLAIN':
      return parseExplain(p);
    case 'COMPILE':
      return parseCompile(p);
    case 'BEGIN':
      p.advance();
      p.expectKws('STATEMENT', 'SET');
      return { kind: 'beginStatementSet', start: t.start, end: p.lastEnd };
    case 'END':
      p.advance();
      return { kind: 'endStatementSet', start: t.start, end: p.lastEnd };
    case 'SET':
      return parseSet(p);
    case 'RESET':
      return parseReset(p);
    case 'USE':
      return parseUse(p);
    case 'SHOW':
      return parseShow(p);
    case 'DESCRIBE':
    case 'DESC':
      return parseDescribe(p);
    case 'ADD':
    case 'REMOVE':
      return parseJar(p);
    case 'LOAD':
    case 'UNLOAD':
      return parseModule(p);
    case 'STOP':
      return parseStopJob(p);
    case 'CALL':
      return parseCall(p);
    case 'ANALYZE':
      return parseAnalyze(p);
    case 'TRUNCATE':
      return parseTruncate(p);
    case 'DELETE':
      return parseDelete(p);
    case 'UPDATE':
      return parseUpdate(p);
  }
  for (const s of STARTERS) p.note(`"${s}"`);
  p.fail();
}

export function parseStatementText(text: string, version: FlinkVersion = DEFAULT_FLINK_VERSION): StatementParse {
  // What Flink's ExtendedParser takes never reaches its SQL parser (SET key = value unquoted, HELP, …).
  const command = parseExtendedCommand(text);
  if (command) return { node: command, diagnostics: [], empty: false };
  const lex = tokenize(text);
  const diagnostics: SyntaxDiagnostic[] = lex.diagnostics.slice();
  if (lex.tokens.length === 1 && diagnostics.length === 0) return { diagnostics, empty: true };
  const p = new Parser(lex.tokens, text, version);
  let node: StatementNode | undefined;
  try {
    node = parseStatement(p);
    p.expectEof();
    if (p.recovered) diagnostics.push(p.recovered);
    if (!diagnostics.some((d) => d.severity === 'error')) diagnostics.push(...validateNode(node, text, version));
  } catch (e) {
    if (p.recovered && !(e instanceof ParseError && e.diagnostic?.code === 'too-deep')) {
      diagnostics.push(p.recovered);
    } else if (e instanceof ParseError && e.diagnostic) {
      // a lexer error usually explains the parse error; report the parse error only when it is elsewhere
      if (!diagnostics.some((d) => d.start <= e.diagnostic!.start && e.diagnostic!.start <= d.end)) diagnostics.push(e.diagnostic);
    } else {
      const at = p.tok;
      diagnostics.push({ start: at.start, end: at.end, code: 'internal', severity: 'error', message: `Internal parser error: ${String((e as Error)?.message ?? e)}` });
    }
    node = node ?? p.partial;
  }
  diagnostics.push(...p.warnings);
  return { node, diagnostics, empty: false };
}
