// Which URLs we contact or open when they come from files the workspace ships (.flink/**.json state and records):
// http(s) only; a local cluster's only on loopback; anything else only on a host the user configured in settings.
// Plain functions, used by the Deployments view's "Open Flink Web UI" and the engine's state readers.

/** 127.0.0.0/8, localhost, ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** An http(s) URL on a loopback host, without credentials: what a local cluster's state may name. */
export function isLoopbackHttpUrl(url: string): boolean {
  const u = parse(url);
  return !!u && (u.protocol === 'http:' || u.protocol === 'https:') && isLoopbackHost(u.hostname) && !u.username && !u.password;
}

export interface OpenPolicy {
  /** The local target: only this machine's URLs (a local cluster's UI is on loopback). */
  localOnly: boolean;
  /** The remote target: the hosts of the gateway / REST URLs the user configured (see `hostsOf`). */
  trustedHosts?: readonly string[];
}

/**
 * Whether `url` may be opened in the user's browser: http(s) only, its host loopback, or (not `localOnly`) one of
 * `trustedHosts`. Else the reason, naming the scheme or host, for the message.
 */
export function openableUrl(url: string, policy: OpenPolicy): { ok: true } | { ok: false; reason: string } {
  const u = parse(url);
  if (!u) return { ok: false, reason: `"${url.slice(0, 200)}" is not a URL` };
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { ok: false, reason: `its scheme is ${u.protocol.replace(/:$/, '')}, not http or https` };
  if (isLoopbackHost(u.hostname)) return { ok: true };
  if (policy.localOnly) return { ok: false, reason: `its host ${u.hostname} is not this machine, and a local cluster's Web UI is on loopback` };
  if (!(policy.trustedHosts ?? []).some((h) => h.toLowerCase() === u.hostname.toLowerCase())) {
    return { ok: false, reason: `its host ${u.hostname} is neither this machine nor a Flink you configured (flinkSql.gateway.url, flinkSql.rest.url)` };
  }
  return { ok: true };
}

export function isOpenableUrl(url: string, policy: OpenPolicy): boolean {
  return openableUrl(url, policy).ok;
}

/** The host names of configured URLs (empty or invalid ones skipped). */
export function hostsOf(urls: ReadonlyArray<string | undefined>): string[] {
  return urls.map((x) => (x ? parse(x)?.hostname : undefined)).filter((h): h is string => !!h);
}
