// `${secret:NAME}` and `${env:NAME}` references in a draft's string literals and in deployment configuration values:
// where they are (read from the lexer's string tokens), what they resolve to when a statement leaves for Flink, and
// the redaction of resolved values from whatever comes back. Drafts, records, logs and manifests keep the reference.
import { tokenize } from '../parser';

export type SecretKind = 'secret' | 'env';

/** Asks for a reference's value when a statement is sent; undefined: not set. */
export type SecretResolver = (kind: SecretKind, name: string) => Promise<string | undefined>;

export interface SecretRef {
  kind: SecretKind;
  name: string;
  /** Offsets of `${kind:NAME}` in the text the reference was found in. */
  start: number;
  end: number;
}

/** A name: letters, digits and `_`, not starting with a digit (an environment variable's and a Kubernetes key's). */
export const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const REF = /\$\{(secret|env):([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** What a redacted value reads as in messages, results and logs. */
export const REDACTED = '***';

/** The references inside one string value (a literal's decoded value, a configuration value). */
export function refsInValue(value: string): SecretRef[] {
  const out: SecretRef[] = [];
  for (const m of value.matchAll(REF)) out.push({ kind: m[1] as SecretKind, name: m[2], start: m.index!, end: m.index! + m[0].length });
  return out;
}

export function refText(kind: SecretKind, name: string): string {
  return `\${${kind}:${name}}`;
}

export interface LiteralRefs {
  /** The literal token's span in the SQL text. */
  start: number;
  end: number;
  value: string;
  refs: SecretRef[];
}

/** String literals of `sql` that hold references (comments and identifiers never do). */
export function literalRefs(sql: string): LiteralRefs[] {
  const out: LiteralRefs[] = [];
  for (const t of tokenize(sql).tokens) {
    // Plain '…' literals only: N'…', E'…' and _charset'…' keep their own spelling rules.
    if (t.type !== 'string' || t.value === undefined || !t.text.startsWith("'") || !t.value.includes('${')) continue;
    const refs = refsInValue(t.value);
    if (refs.length) out.push({ start: t.start, end: t.end, value: t.value, refs });
  }
  return out;
}

/** Every reference of a SQL text, as `kind:name`, once each. */
export function sqlRefNames(sql: string): Array<{ kind: SecretKind; name: string }> {
  const seen = new Map<string, { kind: SecretKind; name: string }>();
  for (const l of literalRefs(sql)) for (const r of l.refs) seen.set(`${r.kind}:${r.name}`, { kind: r.kind, name: r.name });
  return [...seen.values()];
}

/** Option keys whose values are credentials (Flink's connectors give none the catalog type Password yet). */
export function isCredentialKey(key: string): boolean {
  return /password|passwd|secret|sasl\.jaas\.config|credentials?$|(^|[.-])(token|api-key)$/i.test(key);
}

/**
 * A deployment config's flinkConfiguration value: a credential written in plain text, or a `${secret:NAME}` the
 * editor does not store (`known` undefined: not known, no warning).
 */
export function configValueSecretProblem(key: string, value: string, known?: readonly string[]): { code: 'literal-credential' | 'unknown-secret'; message: string } | undefined {
  const refs = refsInValue(value);
  const unknown = known ? refs.find((r) => r.kind === 'secret' && !known.includes(r.name)) : undefined;
  if (unknown) return { code: 'unknown-secret', message: `No secret named ${unknown.name} is stored: set it with "Flink: Set Secret…" (publish fails without it).` };
  if (!refs.length && value && isCredentialKey(key)) {
    return { code: 'literal-credential', message: `${key} holds a credential in plain text: the deployment records and manifests would keep it. Write '\${secret:NAME}' (Flink: Set Secret…) or '\${env:NAME}' instead.` };
  }
  return undefined;
}

/** A reference that has no value: names the reference and where it is; never resolved to an empty string. */
export class SecretReferenceError extends Error {
  constructor(readonly ref: { kind: SecretKind; name: string }, where: string, hint: string) {
    super(`${refText(ref.kind, ref.name)} ${where} is not set: ${hint}`);
    this.name = 'SecretReferenceError';
  }
}

/** How a missing reference can be set, per environment (the CLI's and VS Code's). */
export interface SecretHints {
  secret: string;
  env: string;
}

export const CLI_HINTS: SecretHints = {
  secret: 'set the environment variable FLINK_SQL_SECRET_<NAME> (e.g. FLINK_SQL_SECRET_KAFKA_PASSWORD)',
  env: 'set that environment variable',
};

/**
 * The resolver of one send: asks each reference once, remembers what it revealed so that any text coming back
 * from Flink (messages, traces, rows) can be redacted.
 */
export class SecretScope {
  private readonly revealed = new Set<string>();
  private readonly cache = new Map<string, string | undefined>();

  constructor(private readonly resolver?: SecretResolver, private readonly hints: SecretHints = CLI_HINTS) {}

  /** A reference's value (for a process's environment); throws SecretReferenceError naming `where` when it is not set. */
  value(kind: SecretKind, name: string, where: string): Promise<string> {
    return this.valueOf(kind, name, where);
  }

  private async valueOf(kind: SecretKind, name: string, where: string): Promise<string> {
    const key = `${kind}:${name}`;
    if (!this.cache.has(key)) this.cache.set(key, this.resolver ? await this.resolver(kind, name) : undefined);
    const v = this.cache.get(key);
    if (v === undefined) throw new SecretReferenceError({ kind, name }, where, this.resolver ? this.hints[kind] : 'no secrets can be resolved here');
    if (v.length >= 3) this.revealed.add(v);
    return v;
  }

  /**
   * `sql` with every reference in its string literals replaced by its value (quotes doubled as SQL wants);
   * `lineAt`: the draft line (1-based) where `sql` starts, or of an offset in it, for the error of a missing one.
   */
  async resolveSql(sql: string, lineAt: number | ((offset: number) => number) = 1): Promise<string> {
    const literals = literalRefs(sql);
    if (!literals.length) return sql;
    let out = '';
    let at = 0;
    for (const l of literals) {
      const line = typeof lineAt === 'number' ? lineAt + countLines(sql, l.start) : lineAt(l.start);
      let value = '';
      let from = 0;
      for (const r of l.refs) {
        value += l.value.slice(from, r.start) + await this.valueOf(r.kind, r.name, `(line ${line})`);
        from = r.end;
      }
      value += l.value.slice(from);
      out += `${sql.slice(at, l.start)}'${value.replace(/'/g, "''")}'`;
      at = l.end;
    }
    return out + sql.slice(at);
  }

  /** A configuration value with its references replaced; `where` names it for a missing one ("flinkConfiguration s3.secret-key"). */
  async resolveValue(value: string, where: string): Promise<string> {
    const refs = refsInValue(value);
    if (!refs.length) return value;
    let out = '';
    let from = 0;
    for (const r of refs) {
      out += value.slice(from, r.start) + await this.valueOf(r.kind, r.name, `in ${where}`);
      from = r.end;
    }
    return out + value.slice(from);
  }

  async resolveConfig(config: Record<string, string>, what = 'flinkConfiguration'): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(config)) out[k] = await this.resolveValue(v, `${what} ${k}`);
    return out;
  }

  /** True once a value was revealed (only then is there anything to redact). */
  get active(): boolean {
    return this.revealed.size > 0;
  }

  /** `text` with every value this scope revealed replaced by `***`. */
  redact(text: string): string {
    return redactValues(text, this.revealed);
  }

  /** An error whose message (and Flink's trace) no longer carries a revealed value; the same object when none is. */
  redactError<E>(e: E): E {
    if (!this.active || !(e instanceof Error)) return e;
    e.message = this.redact(e.message);
    if (e.stack) e.stack = this.redact(e.stack);
    const details = (e as { details?: { serverTrace?: string } }).details;
    if (details?.serverTrace) details.serverTrace = this.redact(details.serverTrace);
    return e;
  }
}

export function redactValues(text: string, values: Iterable<string>): string {
  let out = text;
  // Longest first, so a value that contains another is replaced whole.
  for (const v of [...values].sort((a, b) => b.length - a.length)) if (v) out = out.split(v).join(REDACTED);
  return out;
}

/** Any value (a row's fields, nested) with revealed values redacted inside its strings. */
export function redactDeep<T>(value: T, scope: SecretScope): T {
  if (!scope.active) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return scope.redact(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

function countLines(text: string, to: number): number {
  let n = 0;
  for (let i = 0; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** The environment variable holding `${secret:NAME}` outside VS Code (the CLI, CI, the SQL runner in a pod). */
export function secretEnvName(name: string): string {
  return `FLINK_SQL_SECRET_${name}`;
}

/**
 * The environment a process that resolves references itself (the SQL runner) needs for the references of `sql`:
 * `${secret:NAME}` as FLINK_SQL_SECRET_NAME, `${env:NAME}` as NAME.
 */
export async function runnerEnv(sql: string, scope: SecretScope, where: string): Promise<Record<string, string>> {
  const env: Record<string, string> = {};
  for (const r of sqlRefNames(sql)) env[r.kind === 'secret' ? secretEnvName(r.name) : r.name] = await scope.value(r.kind, r.name, where);
  return env;
}

/** The CLI's resolver: `${env:NAME}` from the environment, `${secret:NAME}` from FLINK_SQL_SECRET_<NAME>. */
export function envResolver(env: NodeJS.ProcessEnv = process.env): SecretResolver {
  return async (kind, name) => env[kind === 'env' ? name : secretEnvName(name)];
}
