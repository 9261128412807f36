// Where the auth header's value lives in SecretStorage: one key per gateway origin, so a workspace that points the
// gateway URL elsewhere never gets a secret stored for another host; and which hosts would get one in clear text.
// Plain TypeScript, no vscode (unit-tested in Node).
import { isLoopbackHost } from '../../../server/src/flink/urlPolicy';

/** The one global key of earlier versions; read only when the user allows it for a given origin. */
export const LEGACY_AUTH_SECRET_KEY = 'flinkSql.auth.headerValue';

/** `https://flink.example:8443` for any http(s) URL on that origin, lowercased; undefined for other schemes or no URL. */
export function gatewayOrigin(gatewayUrl: string | undefined): string | undefined {
  if (!gatewayUrl) return undefined;
  let u: URL;
  try {
    u = new URL(gatewayUrl.trim());
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  return u.origin.toLowerCase();
}

/** The SecretStorage key of the header value for `origin` (from `gatewayOrigin`). */
export function authSecretKey(origin: string): string {
  return `${LEGACY_AUTH_SECRET_KEY}:${origin.toLowerCase()}`;
}

/** The question asked (modal, Allow / Cancel) before the legacy secret goes to `origin`. */
export function legacySecretQuestion(origin: string): string {
  return `Send the auth header you stored before to ${origin}?`;
}

/** The part of VS Code's SecretStorage this module needs. */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
}

/**
 * The header value to send to `origin`: its own secret; else, when only the legacy global one exists, that one if
 * `ask(origin)` allows it (it is then copied to the origin's key, so the question comes once per origin). `ask`
 * undefined (a background check) never uses the legacy secret.
 */
export async function authSecretFor(store: SecretStore, origin: string, ask?: (origin: string) => Promise<boolean>): Promise<string | undefined> {
  const own = await store.get(authSecretKey(origin));
  if (own) return own;
  if (!ask) return undefined;
  const legacy = await store.get(LEGACY_AUTH_SECRET_KEY);
  if (!legacy || !(await ask(origin))) return undefined;
  await store.store(authSecretKey(origin), legacy);
  return legacy;
}

/**
 * The hosts a credential would reach in clear text: the http (not https) URLs among `urls` on another machine that
 * would carry one (the auth header when `headerSent`, else the URL's own `user:password@`). Empty: nothing to ask.
 */
export function clearTextHosts(urls: ReadonlyArray<string | undefined>, headerSent: boolean): string[] {
  const hosts = new Set<string>();
  for (const raw of urls) {
    let u: URL;
    try {
      u = new URL((raw ?? '').trim());
    } catch {
      continue;
    }
    if (u.protocol === 'http:' && !isLoopbackHost(u.hostname) && (headerSent || u.username || u.password)) hosts.add(u.host.toLowerCase());
  }
  return [...hosts];
}

/** The question asked (modal) before a credential goes over plain http to `hosts`. */
export function clearTextQuestion(hosts: readonly string[]): string {
  return `Send your Flink credentials unencrypted (plain http) to ${hosts.join(' and ')}?`;
}
