// Where `${secret:NAME}` values live: VS Code's SecretStorage, one key per name under a prefix, plus an index of the
// names (SecretStorage cannot list its keys). Plain TypeScript, no vscode (unit-tested in Node).
import { SECRET_NAME } from '../../../server/src/secrets/secretRefs';

export const SECRET_KEY_PREFIX = 'flinkSql.secret:';
const INDEX_KEY = 'flinkSql.secrets.index';

/** The part of VS Code's SecretStorage this module needs. */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

export function secretKey(name: string): string {
  return SECRET_KEY_PREFIX + name;
}

/** Why `name` cannot name a secret, or undefined when it can. */
export function secretNameProblem(name: string): string | undefined {
  return SECRET_NAME.test(name) ? undefined : 'Letters, digits and _, not starting with a digit (it becomes an environment variable and a Kubernetes Secret key)';
}

export async function secretNamesOf(store: SecretStore): Promise<string[]> {
  try {
    const raw: unknown = JSON.parse((await store.get(INDEX_KEY)) ?? '[]');
    return Array.isArray(raw) ? raw.filter((n): n is string => typeof n === 'string' && !secretNameProblem(n)).sort() : [];
  } catch {
    return [];
  }
}

export async function setSecret(store: SecretStore, name: string, value: string): Promise<void> {
  const problem = secretNameProblem(name);
  if (problem) throw new Error(`"${name}" cannot name a secret: ${problem}.`);
  await store.store(secretKey(name), value);
  const names = new Set(await secretNamesOf(store));
  names.add(name);
  await store.store(INDEX_KEY, JSON.stringify([...names].sort()));
}

export async function deleteSecret(store: SecretStore, name: string): Promise<void> {
  await store.delete(secretKey(name));
  await store.store(INDEX_KEY, JSON.stringify((await secretNamesOf(store)).filter((n) => n !== name)));
}

export function secretValue(store: SecretStore, name: string): PromiseLike<string | undefined> {
  return secretNameProblem(name) ? Promise.resolve(undefined) : store.get(secretKey(name));
}

/** A literal's text as SQL spells it ('' for a quote) → the value it stands for. */
export function literalTextValue(text: string): string {
  return text.replace(/''/g, "'");
}
