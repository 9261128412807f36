// Credentials that ride on URLs and headers: userinfo (`http://user:pass@host`) never reaches a message or a
// record (redactUrl), travels as an `Authorization: Basic` header instead, and no credential goes in clear text
// to another machine unless the user said so (allowInsecureAuth / FLINK_SQL_ALLOW_INSECURE_AUTH=1).
import { isLoopbackHost } from './urlPolicy';

// Greedy up to the last '@' before the path, like the URL parser: `user:p@ss@host` hides all of `user:p@ss`.
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#]*@/gi;

/** `text` (a URL, or a message holding URLs) with each URL's userinfo replaced by `***`. */
export function redactUrl(text: string): string {
  return text.replace(USERINFO, '$1***@');
}

/** The URL without its userinfo, and the `Authorization: Basic` value that carries it instead (if it had any). */
export function moveUserinfo(url: string): { url: string; authorization?: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { url: redactUrl(url) };
  }
  if (!u.username && !u.password) return { url };
  const user = decodeURIComponent(u.username);
  const pass = decodeURIComponent(u.password);
  // Cut from the string rather than re-serialising the URL, which would add a trailing '/' the callers append paths to.
  const stripped = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1');
  return { url: stripped, authorization: `Basic ${Buffer.from(`${user}:${pass}`, 'utf8').toString('base64')}` };
}

/** The URL as messages, status and records may hold it: without userinfo (undefined stays undefined). */
export function withoutUserinfo<T extends string | undefined>(url: T): T {
  return (url === undefined ? url : moveUserinfo(url).url) as T;
}

/** Adds `authorization` to `headers` unless they already carry one (an explicit header wins over userinfo). */
export function withAuthorization(headers: Record<string, string>, authorization: string | undefined): Record<string, string> {
  if (!authorization || Object.keys(headers).some((h) => h.toLowerCase() === 'authorization')) return headers;
  return { ...headers, Authorization: authorization };
}

/** The CLI's consent to clear-text credentials (the extension passes `allowInsecureAuth` in its connection params). */
export function insecureAuthFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.FLINK_SQL_ALLOW_INSECURE_AUTH === '1' || env.FLINK_SQL_ALLOW_INSECURE_AUTH?.toLowerCase() === 'true';
}

/**
 * Why a credential must not be sent to `url`, or undefined when it may: plain http to a host other than this
 * machine is refused unless `allowInsecureAuth`.
 */
export function insecureAuthProblem(url: string, hasCredential: boolean, allowInsecureAuth = false): string | undefined {
  if (!hasCredential || allowInsecureAuth) return undefined;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined; // not a URL: the request fails on its own
  }
  if (u.protocol !== 'http:' || isLoopbackHost(u.hostname)) return undefined;
  return `Refusing to send credentials in clear text over http to ${u.hostname}: use an https:// URL, or allow it explicitly ` +
    '(allowInsecureAuth in the connection settings; FLINK_SQL_ALLOW_INSECURE_AUTH=1 for the CLI).';
}
