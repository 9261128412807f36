// The key that seals the auth header on its way to the language server (server/src/util/sealed.ts): a fresh one
// each time the server starts, handed over in its environment, so traced LSP messages carry only ciphertext.
import { newSealKey, seal, SEAL_KEY_ENV } from '../../../server/src/util/sealed';

let key = newSealKey();

/** A new key for a server about to start, as the variable its environment gets. */
export function rotateSealKey(): Record<string, string> {
  key = newSealKey();
  return { [SEAL_KEY_ENV]: key };
}

/** The header sealed for the running server. */
export function sealHeader(header: { name: string; value: string }): string {
  return seal(key, JSON.stringify(header));
}

/** A secret's value sealed for the running server (the answer to its SecretValueRequest). */
export function sealValue(value: string): string {
  return seal(key, value);
}
