// CREATE / ALTER / DROP for views, functions, catalogs, databases, models and connections, and the
// CREATE / ALTER / DROP dispatchers (tables and materialized tables live in their own modules).
import type { Identifier, StatementNode } from './index';
import { parseAlterTable, parseCreateTable } from './ddlTables';
import { parseAlterMaterializedTable, parseCreateMaterializedTable } from './materializedTables';
import type { Parser } from './parserBase';
import { parseQuery } from './queries';
import { parseColumn, parseKeyList, parseOptions } from './tableSchema';

function begin(p: Parser, kind: string, start: number, extra: Record<string, unknown> = {}): StatementNode {
  const node: StatementNode = { kind, start, end: start, ...extra };
  p.partial = node;
  return node;
}
function finish(p: Parser, node: StatementNode): StatementNode {
  node.end = p.lastEnd;
  return node;
}

export function parseCreate(p: Parser): StatementNode {
  const start = p.expectKw('CREATE').start;
  let orReplace = false;
  let orAlter = false;
  if (p.acceptKw('OR')) {
    if (p.acceptKw('REPLACE')) orReplace = true;
    else {
      p.note('"REPLACE"');
      if (p.isKw('ALTER')) p.requireFeature('createOrAlterMaterializedTable');
      p.expectKw('ALTER');
      orAlter = true;
    }
  }
  const tempTok = p.acceptKw('TEMPORARY');
  const systemTok = p.acceptKw('SYSTEM');
  const temporary = !!tempTok;
  if (p.isKw('MATERIALIZED')) {
    const m = p.tok;
    if (temporary) p.error('CREATE TEMPORARY MATERIALIZED TABLE is not supported.', m.start, m.end);
    if (orReplace) p.error('REPLACE MATERIALIZED TABLE is not supported.', m.start, m.end);
    return parseCreateMaterializedTable(p, start, orAlter);
  }
  if (orAlter) p.fail();
  if (systemTok && !temporary && (p.isKw('FUNCTION') || p.isKw('CONNECTION'))) {
    const what = p.tok.upper;
    const plural = what === 'FUNCTION' ? 'functions' : 'connections';
    p.error(
      `CREATE SYSTEM ${what} is not supported, system ${plural} can only be registered as temporary ${plural}, you can use CREATE TEMPORARY SYSTEM ${what} instead.`,
      systemTok.start, systemTok.end,
    );
  }
  if (!systemTok && p.isKw('TABLE')) return parseCreateTable(p, start, orReplace, temporary, false);
  if (!systemTok && p.acceptKw('VIEW')) {
    const node = begin(p, 'createView', start, { temporary });
    if (p.acceptKws('IF', 'NOT', 'EXISTS')) node.ifNotExists = true;
    node.name = p.qualifiedName();
    if (p.isOp('(')) node.columns = p.identList();
    if (p.acceptKw('COMMENT')) node.comment = p.rawString();
    p.expectKw('AS');
    parseQuery(p, (q) => (node.query = q));
    return finish(p, node);
  }
  if (p.acceptKw('FUNCTION')) {
    const node = begin(p, 'createFunction', start, { temporary, system: !!systemTok });
    if (p.acceptKws('IF', 'NOT', 'EXISTS')) node.ifNotExists = true;
    node.name = systemTok ? simpleName(p) : p.qualifiedName();
    p.expectKw('AS');
    node.className = p.rawString();
    if (p.acceptKw('LANGUAGE')) node.language = p.expectOneOf('JAVA', 'SCALA', 'PYTHON', 'SQL');
    if (p.acceptKw('USING')) {
      const resources: unknown[] = [];
      do {
        if (p.isKw('ARTIFACT')) p.requireFeature('functionUsingArtifact');
        const type = p.expectOneOf('JAR', 'ARTIFACT', 'FILE', 'ARCHIVE');
        if (type === 'FILE' || type === 'ARCHIVE') p.fail();
        resources.push({ type, uri: p.rawString() });
      } while (p.acceptOp(','));
      node.resources = resources;
    }
    return finish(p, node);
  }
  if (!tempTok && !systemTok && p.acceptKw('CATALOG')) {
    const node = begin(p, 'createCatalog', start);
    if (p.acceptKws('IF', 'NOT', 'EXISTS')) node.ifNotExists = true;
    node.name = p.simpleName();
    if (p.acceptKw('COMMENT')) node.comment = p.rawString();
    if (p.acceptKw('WITH')) node.options = parseOptions(p);
    return finish(p, node);
  }
  if (!tempTok && !systemTok && p.acceptKw('DATABASE')) {
    const node = begin(p, 'createDatabase', start);
    if (p.acceptKws('IF', 'NOT', 'EXISTS')) node.ifNotExists = true;
    node.name = p.qualifiedName();
    if (p.acceptKw('COMMENT')) node.comment = p.rawString();
    if (p.acceptKw('WITH')) node.options = parseOptions(p);
    return finish(p, node);
  }
  if (!systemTok && p.acceptKw('MODEL')) {
    const node = begin(p, 'createModel', start, { temporary });
    if (p.acceptKws('IF', 'NOT', 'EXISTS')) node.ifNotExists = true;
    node.name = p.qualifiedName();
    if (p.acceptKw('INPUT')) node.input = modelColumns(p);
    if (p.acceptKw('OUTPUT')) node.output = modelColumns(p);
    if (p.acceptKw('COMMENT')) node.comment = p.rawString();
    if (p.acceptKw('WITH')) node.options = parseOptions(p);
    if (p.acceptKw('AS')) parseQuery(p, (q) => (node.query = q));
    return finish(p, node);
  }
  if (p.isKw('CONNECTION')) {
    p.requireFeature('connections');
    p.advance();
    const node = begin(p, 'createConnection', start, { temporary, system: !!systemTok });
    if (p.acceptKws('IF', 'NOT', 'EXISTS')) node.ifNotExists = true;
    node.name = p.qualifiedName();
    if (p.acceptKw('COMMENT')) node.comment = p.rawString();
    p.expectKw('WITH');
    node.options = parseOptions(p);
    return finish(p, node);
  }
  for (const k of ['TABLE', 'VIEW', 'FUNCTION', 'CATALOG', 'DATABASE', 'MODEL', 'CONNECTION', 'MATERIALIZED']) p.note(`"${k}"`);
  p.fail();
}

function simpleName(p: Parser) {
  const id = p.ident();
  return { start: id.start, end: id.end, parts: [id] };
}

function modelColumns(p: Parser) {
  p.expectOp('(');
  const cols = [parseColumn(p, false, false)];
  while (p.acceptOp(',')) cols.push(parseColumn(p, false, false));
  p.expectOp(')');
  return cols;
}

export function parseDrop(p: Parser): StatementNode {
  const start = p.expectKw('DROP').start;
  const tempTok = p.acceptKw('TEMPORARY');
  const systemTok = p.acceptKw('SYSTEM');
  if (p.isKw('MATERIALIZED') && tempTok) p.error('DROP TEMPORARY MATERIALIZED TABLE is not supported.', p.tok.start, p.tok.end);
  if (systemTok && !tempTok && p.isKw('CONNECTION')) {
    p.error(
      'DROP SYSTEM CONNECTION is not supported, system connections can only be dropped as temporary connections, you can use DROP TEMPORARY SYSTEM CONNECTION instead.',
      systemTok.start, systemTok.end,
    );
  }
  let objectType: string;
  if (p.isKw('CONNECTION')) p.requireFeature('connections');
  if (p.acceptKw('MATERIALIZED')) {
    p.expectKw('TABLE');
    objectType = 'materializedTable';
  } else if (systemTok) {
    objectType = p.expectOneOf('FUNCTION', 'CONNECTION').toLowerCase();
  } else {
    objectType = p.expectOneOf('TABLE', 'VIEW', 'FUNCTION', 'CATALOG', 'DATABASE', 'MODEL', 'CONNECTION', 'MATERIALIZED').toLowerCase();
  }
  const node = begin(p, 'drop', start, { objectType, temporary: !!tempTok, system: !!systemTok });
  if (p.acceptKws('IF', 'EXISTS')) node.ifExists = true;
  node.name = p.qualifiedName();
  if (objectType === 'database') node.behavior = p.acceptOneOf('RESTRICT', 'CASCADE');
  return finish(p, node);
}

export function parseAlter(p: Parser): StatementNode {
  const start = p.expectKw('ALTER').start;
  if (p.isKw('TABLE')) return parseAlterTable(p, start);
  if (p.acceptKw('MATERIALIZED')) return parseAlterMaterializedTable(p, start);
  if (p.acceptKw('VIEW')) {
    const node = begin(p, 'alterView', start);
    node.name = p.qualifiedName();
    if (p.acceptKw('RENAME')) {
      p.expectKw('TO');
      node.newName = p.qualifiedName();
    } else {
      p.expectKw('AS');
      parseQuery(p, (q) => (node.query = q));
    }
    return finish(p, node);
  }
  const temporary = !!p.acceptKw('TEMPORARY');
  const system = temporary && !!p.acceptKw('SYSTEM');
  if (p.acceptKw('FUNCTION')) {
    const node = begin(p, 'alterFunction', start, { temporary, system });
    if (p.acceptKws('IF', 'EXISTS')) node.ifExists = true;
    node.name = p.qualifiedName();
    p.expectKw('AS');
    node.className = p.rawString();
    if (p.acceptKw('LANGUAGE')) node.language = p.expectOneOf('JAVA', 'SCALA', 'PYTHON', 'SQL');
    return finish(p, node);
  }
  if (temporary) p.fail();
  if (p.acceptKw('CATALOG')) {
    const node = begin(p, 'alterCatalog', start);
    node.name = p.simpleName();
    const verb = p.expectOneOf('SET', 'RESET', 'COMMENT');
    node.action = verb.toLowerCase();
    if (verb === 'SET') node.options = parseOptions(p);
    else if (verb === 'RESET') node.keys = parseKeyList(p);
    else node.comment = p.rawString();
    return finish(p, node);
  }
  if (p.acceptKw('DATABASE')) {
    const node = begin(p, 'alterDatabase', start);
    node.name = p.qualifiedName();
    p.expectKw('SET');
    node.options = parseOptions(p);
    return finish(p, node);
  }
  if (p.isKw('CONNECTION')) p.requireFeature('connections');
  const objectTok = p.acceptOneOf('MODEL', 'CONNECTION');
  if (objectTok) {
    const node = begin(p, objectTok === 'MODEL' ? 'alterModel' : 'alterConnection', start);
    if (p.acceptKws('IF', 'EXISTS')) node.ifExists = true;
    node.name = p.qualifiedName();
    if (objectTok === 'MODEL' && p.isKw('RESET')) p.requireFeature('alterModelReset');
    const verb = p.expectOneOf('SET', 'RESET', 'RENAME');
    node.action = verb.toLowerCase();
    if (verb === 'SET') node.options = parseOptions(p);
    else if (verb === 'RESET') node.keys = parseKeyList(p);
    else {
      p.expectKw('TO');
      node.newName = p.qualifiedName();
    }
    return finish(p, node);
  }
  for (const k of ['TABLE', 'VIEW', 'FUNCTION', 'CATALOG', 'DATABASE', 'MODEL', 'CONNECTION', 'MATERIALIZED']) p.note(`"${k}"`);
  p.fail();
}

export type { Identifier };
