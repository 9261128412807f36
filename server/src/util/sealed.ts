// Secrets that cross the LSP connection sealed (AES-256-GCM) under a key the client hands the server in its
// environment at spawn: `flinkSql.trace.server: verbose` logs every message's params, and then shows only ciphertext.
// Plain Node crypto, imported by the client (to seal) and the server (to open).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** The environment variable that carries the key (base64, 32 bytes) from client to server. */
export const SEAL_KEY_ENV = 'FLINK_SQL_SEAL_KEY';

const PREFIX = 'v1.';

/** A fresh key for one server process (the client generates it and puts it in the server's environment). */
export function newSealKey(): string {
  return randomBytes(32).toString('base64');
}

function keyBytes(key: string): Buffer | undefined {
  const k = Buffer.from(key, 'base64');
  return k.length === 32 ? k : undefined;
}

/** `v1.<iv>.<ciphertext>.<tag>` (base64url parts); throws on a malformed key. */
export function seal(key: string, plaintext: string): string {
  const k = keyBytes(key);
  if (!k) throw new Error(`${SEAL_KEY_ENV} must be 32 bytes, base64`);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', k, iv);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return PREFIX + [iv, ct, cipher.getAuthTag()].map((b) => b.toString('base64url')).join('.');
}

/** The plaintext, or undefined when `sealed` was not sealed under `key` (wrong key, tampered, malformed). */
export function unseal(key: string | undefined, sealed: string): string | undefined {
  const k = key ? keyBytes(key) : undefined;
  if (!k || !sealed.startsWith(PREFIX)) return undefined;
  const parts = sealed.slice(PREFIX.length).split('.');
  if (parts.length !== 3) return undefined;
  const [iv, ct, tag] = parts.map((p) => Buffer.from(p, 'base64url'));
  if (iv.length !== 12 || tag.length !== 16) return undefined;
  try {
    const d = createDecipheriv('aes-256-gcm', k, iv);
    d.setAuthTag(tag);
    return Buffer.concat([d.update(ct), d.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

let serverKey: string | undefined;

/**
 * The server's key: taken from `env` once, at start, and removed from it so that no process the server spawns
 * (JVMs, git, Maven) inherits it.
 */
export function adoptSealKey(env: NodeJS.ProcessEnv = process.env): void {
  const k = env[SEAL_KEY_ENV];
  delete env[SEAL_KEY_ENV];
  if (k && keyBytes(k)) serverKey = k;
}

/** Opens a value the client sealed for this server process. */
export function unsealForServer(sealed: string): string | undefined {
  return unseal(serverKey, sealed);
}
