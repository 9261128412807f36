// Reads a `<name>.deployment.yaml` into a validated DeploymentConfig, with every problem as an LSP diagnostic
// on the line and column of the YAML node it is about (yaml's Document API and LineCounter keep positions).
import * as path from 'node:path';
import { isMap, isPair, isScalar, Lexer, LineCounter, parseDocument, visit, type Document, type Node, type YAMLMap } from 'yaml';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type * as z from 'zod';
import leven from 'leven';
import { MAX_DEPLOYMENT_BYTES, readErrorReason, readTextFile, sizeText } from '../util/boundedRead';
import { configKeyProblem } from './knownKeys';
import { resolveConfig } from './resolve';
import { deploymentSchema, type DeploymentConfig } from './schema';
import { configValueSecretProblem } from '../secrets/secretRefs';

export const DEPLOYMENT_SOURCE = 'flink-deployment';
/** Keys in all, flinkConfiguration's included: real configs have a few dozen; the cap bounds every per-key step. */
export const MAX_DEPLOYMENT_KEYS = 2000;

/** Flow collections (`[`, `{`) nested deeper than this are refused before the YAML library recurses into them. */
const MAX_NESTING = 64;
const MAX_YAML_ERRORS = 20;

/** The deepest nesting of flow collections, from the YAML lexer's tokens (quotes and comments respected; linear). */
function flowDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === '[' || token === '{') max = Math.max(max, ++depth);
    else if ((token === ']' || token === '}') && depth > 0) depth--;
  }
  return max;
}

/**
 * The YAML options every reading of a deployment config uses. The yaml library's own duplicate-key check is a
 * linear search per key (quadratic in a map's size), so it is off and `structureProblems` checks with a Set.
 */
export const YAML_OPTIONS = { prettyErrors: false, uniqueKeys: false } as const;

export interface ParseOptions {
  /** The file's path: relative dependency and profile paths are checked against its folder. */
  file?: string;
  /** Whether a path exists (defaults: not checked). */
  exists?: (absolutePath: string) => boolean;
  /** Why the engine would refuse this `logging.profile` (outside the workspace, not a regular file…); default: not checked. */
  loggingProfileProblem?: (profile: string) => string | undefined;
  /** The secrets the editor stores (names): a `${secret:NAME}` not among them gets a warning; undefined: not checked. */
  secretNames?: readonly string[];
}

export interface ParsedDeployment {
  /** Only when the file parses and validates (warnings allowed). */
  config?: DeploymentConfig;
  diagnostics: Diagnostic[];
  /** The YAML document, for edits that keep comments and key order; undefined only when there is no text. */
  document: Document.Parsed;
  lineCounter: LineCounter;
  /** Whether the text is YAML at all (false: the panel must not touch it). */
  yamlOk: boolean;
}

/**
 * A deployment config's text from disk, read asynchronously: a regular file under MAX_DEPLOYMENT_BYTES only (a
 * FIFO, a symlink to /dev/zero or a huge file is an error, never a hang). `missing`: there is no such file.
 */
export async function readDeploymentFile(file: string): Promise<{ text: string } | { error: string; missing: boolean }> {
  try {
    const text = await readTextFile(file, { maxBytes: MAX_DEPLOYMENT_BYTES });
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (err) {
    return { error: `cannot read ${file}: ${readErrorReason(err)}`, missing: (err as NodeJS.ErrnoException).code === 'ENOENT' };
  }
}

export function parseDeployment(text: string, options: ParseOptions = {}): ParsedDeployment {
  const lineCounter = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  /** `data.path`: the dotted path of the parameter, so the panel can show the problem beside its field. */
  const diag = (range: Range, message: string, severity: DiagnosticSeverity = DiagnosticSeverity.Error, code?: string, at: PropertyKey[] = []): void => {
    diagnostics.push({ range, message, severity, source: DEPLOYMENT_SOURCE, ...(code ? { code } : {}), data: { path: at.map(String).join('.') } });
  };
  const start: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  if (Buffer.byteLength(text, 'utf8') > MAX_DEPLOYMENT_BYTES) {
    diag(start, `This deployment config is ${sizeText(Buffer.byteLength(text, 'utf8'))}: at most ${sizeText(MAX_DEPLOYMENT_BYTES)} is read`, DiagnosticSeverity.Error, 'too-large');
    return { diagnostics, document: parseDocument('', YAML_OPTIONS), lineCounter, yamlOk: false };
  }
  if (flowDepth(text) > MAX_NESTING) {
    diag(start, `collections nested more than ${MAX_NESTING} levels deep: not a deployment config`, DiagnosticSeverity.Error, 'too-deep');
    return { diagnostics, document: parseDocument('', YAML_OPTIONS), lineCounter, yamlOk: false };
  }
  const document = parseDocument(text, { lineCounter, ...YAML_OPTIONS });
  const at = (start: number, end: number): Range => ({ start: pos(lineCounter, start), end: pos(lineCounter, Math.max(start, end)) });

  // The first few: a broken file can have thousands, each saying the same.
  for (const e of document.errors.slice(0, MAX_YAML_ERRORS)) diag(at(e.pos[0], e.pos[1]), `not valid YAML: ${e.message.split('\n')[0]}`, DiagnosticSeverity.Error, 'yaml');
  if (document.errors.length) return { diagnostics, document, lineCounter, yamlOk: false };
  for (const p of structureProblems(document)) diag(p.range ? at(p.range[0], p.range[1]) : start, p.message, DiagnosticSeverity.Error, p.code);
  if (diagnostics.length) return { diagnostics, document, lineCounter, yamlOk: false };

  const firstLineEnd = text.indexOf('\n') < 0 ? text.length : text.indexOf('\n');
  const locate = (p: PropertyKey[]): Range => rangeOf(document, p, at) ?? at(0, firstLineEnd);
  const keyRange = keyRanges(at);
  let data: unknown;
  try {
    data = document.toJS() ?? null;
  } catch (err) {
    diag(start, `not valid YAML: ${err instanceof Error ? err.message : String(err)}`, DiagnosticSeverity.Error, 'yaml');
    return { diagnostics, document, lineCounter, yamlOk: false };
  }
  const result = deploymentSchema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) reportIssue(issue, document, locate, keyRange, diag);
    return { diagnostics, document, lineCounter, yamlOk: true };
  }
  const config = result.data;
  checkPaths(config, options, locate, diag);
  for (const key of Object.keys(config.flinkConfiguration)) {
    const problem = configKeyProblem(config.flinkVersion, key);
    if (problem) diag(keyRange(document, ['flinkConfiguration'], key) ?? locate(['flinkConfiguration']), problem, DiagnosticSeverity.Warning, 'unknown-key', ['flinkConfiguration']);
    const secret = configValueSecretProblem(key, String(config.flinkConfiguration[key]), options.secretNames);
    if (secret) diag(locate(['flinkConfiguration', key]), secret.message, DiagnosticSeverity.Warning, secret.code, ['flinkConfiguration']);
  }
  const resolved = resolveConfig(config, presentPaths(document));
  for (const ignored of resolved.ignored) {
    diag(keyRange(document, ignored.parameter.split('.').slice(0, -1), ignored.parameter.split('.').pop()!) ?? locate(ignored.parameter.split('.')),
      `${ignored.parameter} is ignored: ${ignored.reason}`, DiagnosticSeverity.Warning, 'ignored', ignored.parameter.split('.'));
  }
  for (const o of resolved.overridden) {
    diag(keyRange(document, ['flinkConfiguration'], o.key) ?? locate(['flinkConfiguration']),
      `${o.key} overrides what ${o.parameter} sets (${o.value})`, DiagnosticSeverity.Information, 'overrides', ['flinkConfiguration']);
  }
  return { config, diagnostics, document, lineCounter, yamlOk: true };
}

type Diag = (range: Range, message: string, severity?: DiagnosticSeverity, code?: string, at?: PropertyKey[]) => void;
type At = (start: number, end: number) => Range;
type KeyRange = (document: Document, parent: PropertyKey[], key: string) => Range | undefined;

function reportIssue(issue: z.core.$ZodIssue, document: Document.Parsed, locate: (p: PropertyKey[]) => Range, keyRange: KeyRange, diag: Diag): void {
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(issue.path);
    for (const key of issue.keys) {
      const near = known.filter((k) => leven(k.toLowerCase(), key.toLowerCase()) <= 2);
      const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
      const hint = near.length ? `; did you mean ${near.join(' or ')}?` : known.length ? ` (known: ${known.join(', ')})` : '';
      diag(keyRange(document, issue.path, key) ?? locate(issue.path), `${where}unknown key "${key}"${hint}`, DiagnosticSeverity.Error, 'unknown-key', [...issue.path, key]);
    }
    return;
  }
  if (issue.path.length && !document.hasIn(issue.path as unknown[]) && !(issue.code === 'custom')) {
    const parent = issue.path.slice(0, -1);
    diag(locate(parent.length ? parent : []), `${issue.path.join('.')} is missing`, DiagnosticSeverity.Error, 'missing', issue.path);
    return;
  }
  const message = issue.message.startsWith('Invalid input') || issue.message.startsWith('Too ')
    ? `${issue.path.join('.') || 'the config'}: ${issue.message}` : issue.message;
  diag(locate(issue.path), message, DiagnosticSeverity.Error, undefined, issue.path);
}

/** The keys the schema allows at a path of objects (for "did you mean"). */
function knownKeysAt(p: PropertyKey[]): string[] {
  let s: z.core.$ZodType = deploymentSchema;
  for (const seg of p) {
    const shape = objectShape(s);
    if (!shape || typeof seg !== 'string' || !shape[seg]) return [];
    s = shape[seg]!;
  }
  return Object.keys(objectShape(s) ?? {});
}

function objectShape(s: z.core.$ZodType): Record<string, z.core.$ZodType> | undefined {
  let def = s._zod.def as unknown as { type: string; innerType?: z.core.$ZodType; in?: z.core.$ZodType; shape?: Record<string, z.core.$ZodType> };
  while (def.innerType || def.in) def = ((def.innerType ?? def.in)!)._zod.def as unknown as typeof def;
  return def.type === 'object' ? def.shape : undefined;
}

function checkPaths(config: DeploymentConfig, options: ParseOptions, locate: (p: PropertyKey[]) => Range, diag: Diag): void {
  const { exists, file } = options;
  const profile = config.logging.profile;
  const profileRefused = () => {
    const problem = profile !== 'default' ? options.loggingProfileProblem?.(profile) : undefined;
    if (problem) diag(locate(['logging', 'profile']), problem, DiagnosticSeverity.Error, 'logging-profile-refused', ['logging', 'profile']);
  };
  if (!exists) return profileRefused();
  const base = file ? path.dirname(file) : process.cwd();
  const check = (rel: string, where: PropertyKey[], what: string): boolean => {
    if (exists(path.resolve(base, rel))) return true;
    diag(locate(where), `${what} "${rel}" does not exist (paths are relative to this file's folder)`, DiagnosticSeverity.Error, 'missing-file', where.filter((w) => typeof w === 'string'));
    return false;
  };
  config.dependencies.forEach((dep, i) => { if (/\.jar$/i.test(dep)) check(dep, ['dependencies', i], 'dependency'); });
  // A profile that is there may still be one the engine refuses (outside the workspace through a link, a FIFO…).
  if (profile !== 'default' && check(profile, ['logging', 'profile'], 'logging profile')) profileRefused();
  if (config.kerberos?.keytab) check(config.kerberos.keytab, ['kerberos', 'keytab'], 'kerberos keytab');
  if (config.kerberos?.krb5Conf) check(config.kerberos.krb5Conf, ['kerberos', 'krb5Conf'], 'krb5.conf');
}

/** Dotted paths of every key written in the file (to tell explicit settings from defaults). */
export function presentPaths(document: Document): Set<string> {
  const out = new Set<string>();
  const walk = (node: unknown, prefix: string) => {
    if (!isMap(node)) return;
    for (const item of node.items) {
      const key = isScalar(item.key) ? String(item.key.value) : undefined;
      if (key === undefined) continue;
      const p = prefix ? `${prefix}.${key}` : key;
      out.add(p);
      if (p !== 'flinkConfiguration' && p !== 'logging.loggers') walk(item.value, p);
    }
  };
  walk(document.contents, '');
  return out;
}

/** The range of the deepest node that exists along `p` (undefined: none does; the caller uses the first line). */
function rangeOf(document: Document, p: PropertyKey[], at: At): Range | undefined {
  for (let n = p.length; n > 0; n--) {
    const node = document.getIn(p.slice(0, n) as unknown[], true) as Node | undefined;
    if (node && (node as Node).range) {
      const [start, valueEnd] = node.range!;
      return at(start, valueEnd);
    }
  }
  return undefined;
}

/** The range of a key in the map at `parent`; each map is indexed once (a linear search per key was quadratic). */
function keyRanges(at: At): KeyRange {
  const indexes = new WeakMap<YAMLMap, Map<string, Node>>();
  return (document, parent, key) => {
    const node = parent.length ? document.getIn(parent as unknown[], true) : document.contents;
    if (!isMap(node)) return undefined;
    let index = indexes.get(node);
    if (!index) {
      index = new Map();
      for (const i of node.items) if (isPair(i) && isScalar(i.key) && !index.has(String(i.key.value))) index.set(String(i.key.value), i.key);
      indexes.set(node, index);
    }
    const k = index.get(key);
    return k?.range ? at(k.range[0], k.range[1]) : undefined;
  };
}

interface StructureProblem { range?: [number, number]; message: string; code: string }

/**
 * What YAML allows and a deployment config does not, found in one linear walk: aliases (a few of them expand to
 * billions of values: "billion laughs"; nothing in this format needs one), more than MAX_DEPLOYMENT_KEYS keys,
 * and a key written twice in one map.
 */
export function structureProblems(document: Document): StructureProblem[] {
  const problems: StructureProblem[] = [];
  let keys = 0;
  let aliases = 0;
  visit(document, {
    Alias(_, node) {
      if (++aliases <= 5) problems.push({ range: node.range ? [node.range[0], node.range[1]] : undefined, message: `aliases (*${node.source}) are not supported in a deployment config: write the value out`, code: 'alias' });
    },
    Map(_, node) {
      keys += node.items.length;
      if (keys > MAX_DEPLOYMENT_KEYS) return visit.BREAK;
      const seen = new Set<string>();
      for (const item of node.items) {
        if (!isScalar(item.key)) continue;
        const key = String(item.key.value);
        if (seen.has(key)) problems.push({ range: item.key.range ? [item.key.range[0], item.key.range[1]] : undefined, message: `not valid YAML: Map keys must be unique ("${key}" is written twice)`, code: 'yaml' });
        seen.add(key);
      }
      return undefined;
    },
  });
  if (keys > MAX_DEPLOYMENT_KEYS) {
    return [{ message: `too many keys: a deployment config may have at most ${MAX_DEPLOYMENT_KEYS.toLocaleString('en-US')} (flinkConfiguration included); this one has more`, code: 'too-many-keys' }];
  }
  return problems;
}

function pos(lc: LineCounter, offset: number): { line: number; character: number } {
  const { line, col } = lc.linePos(offset);
  return { line: line - 1, character: col - 1 };
}

