// INSERT INTO / OVERWRITE / UPSERT (extended columns, PARTITION, column list, ON CONFLICT), statement sets,
// EXECUTE, EXPLAIN (all detail forms) and COMPILE [AND EXECUTE] PLAN.
import type { InsertNode } from './ast';
import { parseDataType } from './dataTypes';
import type { StatementNode } from './index';
import type { Parser } from './parserBase';
import { isQueryStart, parseHints, parseQuery } from './queries';
import { parsePartitionSpec } from './tableSchema';

export function isInsertStart(p: Parser): boolean {
  return p.isKw('INSERT') || p.isKw('UPSERT');
}

export function parseInsert(p: Parser): InsertNode {
  const t = p.advance();
  const start = t.start;
  const upsert = t.upper === 'UPSERT';
  let overwrite = false;
  if (p.isKw('OVERWRITE')) {
    if (upsert) p.error('OVERWRITE expression is only used with INSERT statement.', p.tok.start, p.tok.end);
    p.advance();
    overwrite = true;
  } else {
    p.note('"OVERWRITE"');
    p.expectKw('INTO');
  }
  const node = { kind: 'insert', overwrite, upsert, start, end: start } as InsertNode;
  p.partial = node;
  node.target = p.qualifiedName(false);
  node.name = node.target;
  if (p.tok.type === 'hintStart') node.targetHints = parseHints(p);
  if (p.isOp('(') && !isQueryStart(p)) {
    // extended columns `(c TYPE, ...)` when the first has a type, else the target column list
    if (p.isIdent(1) && (p.isOp(',', 2) || p.isOp(')', 2))) node.columns = p.identList();
    else {
      p.advance();
      do {
        p.ident();
        parseDataType(p);
      } while (p.acceptOp(','));
      p.expectOp(')');
    }
  }
  if (!node.columns && p.acceptKw('PARTITION')) node.partition = parsePartitionSpec(p);
  if (!node.columns && p.isOp('(') && !isQueryStart(p)) node.columns = p.identList();
  parseQuery(p, (q) => (node.query = q));
  if (p.isKw('ON')) {
    p.requireFeature('onConflict');
    p.advance();
    p.expectKw('CONFLICT');
    p.expectKw('DO');
    node.onConflict = p.expectOneOf('ERROR', 'NOTHING', 'DEDUPLICATE');
  }
  node.end = p.lastEnd;
  return node;
}

/** STATEMENT SET BEGIN insert; ... END (cursor on STATEMENT). */
export function parseStatementSetBlock(p: Parser, start: number): StatementNode {
  p.expectKw('STATEMENT');
  p.expectKw('SET');
  p.expectKw('BEGIN');
  const node: StatementNode = { kind: 'statementSet', start, end: start, statements: [] };
  const statements = node.statements as InsertNode[];
  do {
    if (!isInsertStart(p)) {
      p.note('"INSERT"');
      p.note('"UPSERT"');
      p.fail();
    }
    statements.push(parseInsert(p));
    p.expectOp(';');
  } while (!p.isKw('END'));
  p.note('"INSERT"');
  p.expectKw('END');
  node.end = p.lastEnd;
  return node;
}

/** What may follow EXECUTE / EXPLAIN: a query, an insert or a statement set. */
function parseExecutable(p: Parser, start: number): StatementNode {
  if (p.isKw('STATEMENT')) return parseStatementSetBlock(p, p.tok.start);
  if (isInsertStart(p)) return parseInsert(p);
  if (isQueryStart(p)) return parseQuery(p);
  for (const k of ['SELECT', 'INSERT', 'UPSERT', 'STATEMENT', 'WITH', 'VALUES']) p.note(`"${k}"`);
  void start;
  p.fail();
}

export function parseExecute(p: Parser): StatementNode {
  const start = p.expectKw('EXECUTE').start;
  if (p.acceptKw('PLAN')) {
    const node: StatementNode = { kind: 'executePlan', planFile: p.stringLit(), start, end: p.lastEnd };
    return node;
  }
  const inner = parseExecutable(p, start);
  return { kind: 'execute', statement: inner, start, end: p.lastEnd };
}

const DETAILS = ['ESTIMATED_COST', 'CHANGELOG_MODE', 'JSON_EXECUTION_PLAN', 'PLAN_ADVICE'];

export function parseExplain(p: Parser): StatementNode {
  const start = p.expectKw('EXPLAIN').start;
  const node: StatementNode = { kind: 'explain', start, end: start, details: [] };
  p.partial = node;
  const details = node.details as string[];
  if (p.isKw('PLAN') && !p.isKw('FOR', 1)) {
    // Flink knows only EXPLAIN PLAN FOR; anything else makes PLAN an expression
    p.error('Non-query expression encountered in illegal context', p.tok.start, p.tok.end);
  }
  if (p.acceptKws('PLAN', 'FOR')) {
    if (!isQueryStart(p) && !isInsertStart(p) && !p.isKw('EXECUTE') && !p.isKw('STATEMENT')) {
      p.error('Non-query expression encountered in illegal context', p.tok.start, p.tok.end);
    }
  } else {
    while (p.tok.type === 'word' && DETAILS.includes(p.tok.upper)) {
      const d = p.advance();
      if (details.includes(d.upper)) p.error('Duplicate EXPLAIN DETAIL is not allowed.', d.start, d.end);
      details.push(d.upper);
      if (!p.acceptOp(',')) break;
      if (!(p.tok.type === 'word' && DETAILS.includes(p.tok.upper))) {
        for (const x of DETAILS) p.note(`"${x}"`);
        p.fail();
      }
    }
  }
  if (p.isKw('EXECUTE')) p.requireFeature('explainExecute');
  p.acceptKw('EXECUTE');
  node.statement = parseExecutable(p, start);
  node.end = p.lastEnd;
  return node;
}

/** COMPILE PLAN 'file' [IF NOT EXISTS] FOR ... | COMPILE AND EXECUTE PLAN 'file' FOR ... */
export function parseCompile(p: Parser): StatementNode {
  const start = p.expectKw('COMPILE').start;
  const andExecute = p.acceptKws('AND', 'EXECUTE');
  p.expectKw('PLAN');
  const node: StatementNode = { kind: andExecute ? 'compileAndExecutePlan' : 'compilePlan', planFile: p.stringLit(), start, end: start };
  if (!andExecute && p.acceptKws('IF', 'NOT', 'EXISTS')) node.ifNotExists = true;
  p.expectKw('FOR');
  if (p.isKw('STATEMENT')) node.statement = parseStatementSetBlock(p, p.tok.start);
  else {
    p.note('"STATEMENT"');
    if (!isInsertStart(p)) {
      p.note('"INSERT"');
      p.fail();
    }
    node.statement = parseInsert(p);
  }
  node.end = p.lastEnd;
  return node;
}
