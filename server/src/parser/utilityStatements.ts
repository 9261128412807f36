// Session and catalog utility statements: SET / RESET, USE, SHOW ..., DESCRIBE, ADD / REMOVE JAR,
// LOAD / UNLOAD MODULE, STOP JOB, CALL, ANALYZE TABLE, TRUNCATE TABLE.
import { parseInsert } from './dml';
import { parseCallAfterName } from './functions';
import { isQueryStart, parseQuery } from './queries';
import type { QualifiedName, StatementNode } from './index';
import type { Parser } from './parserBase';
import { parseOptions, parsePartitionSpec } from './tableSchema';

function like(p: Parser, node: StatementNode): void {
  const not = p.isKw('NOT') && (p.isKw('LIKE', 1) || p.isKw('ILIKE', 1));
  if (not) p.advance();
  const op = not ? p.expectOneOf('LIKE', 'ILIKE') : p.acceptOneOf('LIKE', 'ILIKE');
  if (!op) {
    p.note('"NOT"');
    return;
  }
  node.like = { not, op, pattern: p.rawString() };
}

function fromIn(p: Parser, node: StatementNode): void {
  if (p.acceptOneOf('FROM', 'IN')) node.scope = p.qualifiedName();
}

export function parseSet(p: Parser): StatementNode {
  const start = p.expectKw('SET').start;
  const node: StatementNode = { kind: 'set', start, end: start };
  if (p.isString()) {
    node.key = p.stringLit();
    p.expectOp('=');
    node.value = p.stringLit();
  }
  node.end = p.lastEnd;
  return node;
}

export function parseReset(p: Parser): StatementNode {
  const start = p.expectKw('RESET').start;
  const node: StatementNode = { kind: 'reset', start, end: start };
  if (p.isString()) node.key = p.stringLit();
  node.end = p.lastEnd;
  return node;
}

export function parseUse(p: Parser): StatementNode {
  const start = p.expectKw('USE').start;
  if (p.acceptKw('CATALOG')) return { kind: 'use', target: 'catalog', name: p.simpleName(), start, end: p.lastEnd };
  if (p.acceptKw('MODULES')) {
    const modules = [p.ident()];
    while (p.acceptOp(',')) modules.push(p.ident());
    return { kind: 'use', target: 'modules', modules, start, end: p.lastEnd };
  }
  p.note('"CATALOG"');
  p.note('"MODULES"');
  return { kind: 'use', target: 'database', name: p.qualifiedName(), start, end: p.lastEnd };
}

export function parseShow(p: Parser): StatementNode {
  const showTok = p.tok;
  const start = p.expectKw('SHOW').start;
  const node: StatementNode = { kind: 'show', start, end: start };
  // Flink 1.20 fails SHOW CONNECTIONS on the statement's first token
  if (p.isKw('CONNECTIONS')) p.requireFeature('connections', showTok);
  p.partial = node;
  if (p.acceptKw('CURRENT')) {
    node.what = 'current ' + p.expectOneOf('CATALOG', 'DATABASE').toLowerCase();
  } else if (p.acceptKw('CREATE')) {
    let w: string;
    if (p.isKw('OR')) p.requireFeature('showCreateOrAlterMaterializedTable');
    else if (p.isKw('MATERIALIZED')) p.requireFeature('showCreateMaterializedTable');
    else if (p.isKw('CONNECTION')) p.requireFeature('connections');
    if (p.acceptKw('OR')) {
      p.expectKw('ALTER');
      p.expectKw('MATERIALIZED');
      p.expectKw('TABLE');
      w = 'or alter materialized table';
    } else if (p.acceptKw('MATERIALIZED')) {
      p.expectKw('TABLE');
      w = 'materialized table';
    } else w = p.expectOneOf('TABLE', 'VIEW', 'CATALOG', 'MODEL', 'CONNECTION', 'MATERIALIZED', 'OR').toLowerCase();
    node.what = 'create ' + w;
    node.name = w === 'catalog' ? p.simpleName() : p.qualifiedName();
  } else if (p.acceptKw('CATALOGS')) {
    node.what = 'catalogs';
    if (!p.atEof()) p.requireFeature('showCatalogsLike');
    like(p, node);
  } else if (p.acceptKw('DATABASES')) {
    node.what = 'databases';
    fromIn(p, node);
    like(p, node);
    const scope = node.scope as QualifiedName | undefined;
    // SqlShowDatabases' constructor refuses it, with no position (so it lands on the name here)
    if (scope && scope.parts.length > 1) {
      const names = scope.parts.map((x) => x.value).join('.');
      p.warnings.push({
        start: scope.start, end: scope.end, code: 'syntax', severity: 'error',
        message: `Show databases from/in identifier [ ${names} ] format error, catalog must be a single part identifier.`,
      });
    }
  } else if (p.isKw('USER') || p.isKw('FUNCTIONS')) {
    if (p.acceptKw('USER')) node.user = true;
    p.expectKw('FUNCTIONS');
    node.what = 'functions';
    fromIn(p, node);
    like(p, node);
  } else if (p.acceptOneOf('PROCEDURES', 'TABLES', 'VIEWS', 'MODELS', 'CONNECTIONS')) {
    node.what = p.tokens[p.pos - 1].upper.toLowerCase();
    if (node.what === 'views' && !p.atEof()) p.requireFeature('showViewsScope');
    fromIn(p, node);
    like(p, node);
  } else if (p.acceptKw('MATERIALIZED')) {
    p.expectKw('TABLES');
    node.what = 'materialized tables';
    fromIn(p, node);
    like(p, node);
  } else if (p.acceptKw('COLUMNS')) {
    node.what = 'columns';
    p.expectOneOf('FROM', 'IN');
    node.name = p.qualifiedName();
    like(p, node);
  } else if (p.acceptKw('PARTITIONS')) {
    node.what = 'partitions';
    node.name = p.qualifiedName();
    if (p.acceptKw('PARTITION')) node.partition = parsePartitionSpec(p);
  } else if (p.acceptKw('FULL')) {
    p.expectKw('MODULES');
    node.what = 'full modules';
  } else {
    node.what = p.expectOneOf('MODULES', 'JARS', 'JOBS', 'CATALOGS', 'DATABASES', 'TABLES', 'VIEWS', 'FUNCTIONS', 'CREATE', 'CURRENT').toLowerCase();
  }
  node.end = p.lastEnd;
  return node;
}

export function parseDescribe(p: Parser): StatementNode {
  const keyword = p.advance();
  const start = keyword.start;
  const node: StatementNode = { kind: 'describe', start, end: start };
  p.partial = node;
  if (keyword.upper === 'DESCRIBE' && (p.isKw('STATEMENT') || isQueryStart(p) || p.isKw('INSERT') || p.isKw('UPSERT'))) {
    // Calcite's DESCRIBE [STATEMENT] <query or DML>
    p.acceptKw('STATEMENT');
    node.what = 'statement';
    node.statement = isQueryStart(p) ? parseQuery(p) : parseInsert(p);
  } else if (p.acceptKw('JOB')) {
    node.what = 'job';
    node.jobId = p.rawString();
  } else {
    // Flink 1.20 reads `DESC FUNCTION` as a query (fails at DESC), `DESCRIBE FUNCTION` at FUNCTION, and
    // `DESCRIBE CONNECTION c` as a table named CONNECTION (fails at the name)
    if (p.isKw('FUNCTION')) p.requireFeature('describeFunction', keyword.upper === 'DESC' ? keyword : p.tok);
    if (p.isKw('CONNECTION') && !p.has('connections')) p.requireFeature('connections', p.la(1));
    const w = p.acceptOneOf('CATALOG', 'DATABASE', 'FUNCTION', 'MODEL', 'CONNECTION');
    node.what = w ? w.toLowerCase() : 'table';
    if (w !== 'MODEL' && p.acceptKw('EXTENDED')) node.extended = true;
    node.name = w === 'CATALOG' ? p.simpleName() : p.qualifiedName();
  }
  node.end = p.lastEnd;
  return node;
}

export function parseJar(p: Parser): StatementNode {
  const t = p.advance();
  p.expectKw('JAR');
  return { kind: t.upper === 'ADD' ? 'addJar' : 'removeJar', path: p.rawString(), start: t.start, end: p.lastEnd };
}

export function parseModule(p: Parser): StatementNode {
  const t = p.advance();
  p.expectKw('MODULE');
  const node: StatementNode = { kind: t.upper === 'LOAD' ? 'loadModule' : 'unloadModule', start: t.start, end: t.start };
  node.module = p.ident();
  if (t.upper === 'LOAD' && p.acceptKw('WITH')) node.options = parseOptions(p);
  node.end = p.lastEnd;
  return node;
}

export function parseStopJob(p: Parser): StatementNode {
  const start = p.expectKw('STOP').start;
  p.expectKw('JOB');
  const node: StatementNode = { kind: 'stopJob', jobId: p.rawString(), start, end: start };
  if (p.isKw('WITH') && p.isKw('DRAIN', 1)) {
    p.error('WITH DRAIN could only be used after WITH SAVEPOINT.', p.tok.start, p.la(1).end);
  }
  if (p.acceptKw('WITH')) {
    p.expectKw('SAVEPOINT');
    node.savepoint = true;
    if (p.acceptKw('WITH')) {
      p.expectKw('DRAIN');
      node.drain = true;
    }
  }
  node.end = p.lastEnd;
  return node;
}

export function parseCall(p: Parser): StatementNode {
  const start = p.expectKw('CALL').start;
  // CALL takes a routine name, not an arbitrary expression
  const name = p.qualifiedName();
  const call = parseCallAfterName(p, { kind: 'identifier', parts: name.parts, start: name.start, end: name.end });
  return { kind: 'call', name, call, start, end: p.lastEnd };
}

export function parseAnalyze(p: Parser): StatementNode {
  const start = p.expectKw('ANALYZE').start;
  p.expectKw('TABLE');
  const node: StatementNode = { kind: 'analyzeTable', start, end: start };
  node.name = p.qualifiedName();
  if (p.acceptKw('PARTITION')) node.partition = parsePartitionSpec(p, true);
  p.expectKws('COMPUTE', 'STATISTICS');
  if (p.acceptKw('FOR')) {
    if (p.acceptKw('ALL')) p.expectKw('COLUMNS');
    else {
      p.expectKw('COLUMNS');
      const cols = [p.ident()];
      while (p.acceptOp(',')) cols.push(p.ident());
      node.columns = cols;
    }
  }
  node.end = p.lastEnd;
  return node;
}

export function parseTruncate(p: Parser): StatementNode {
  const start = p.expectKw('TRUNCATE').start;
  p.expectKw('TABLE');
  return { kind: 'truncateTable', name: p.qualifiedName(), start, end: p.lastEnd };
}
