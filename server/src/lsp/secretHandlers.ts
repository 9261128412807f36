// Secrets on the language server's side: the names the client stores (for completion and unknown-name warnings),
// and the resolver a send to Flink uses — `${secret:NAME}` asked from the client (sealed on the way), else from
// $FLINK_SQL_SECRET_NAME for editors that do not answer; `${env:NAME}` from the server's environment.
import type { Connection } from 'vscode-languageserver';
import { SecretNamesNotification, SecretValueRequest } from '../protocol';
import { secretEnvName, type SecretHints, type SecretResolver } from '../secrets/secretRefs';
import { unsealForServer } from '../util/sealed';

export const EDITOR_HINTS: SecretHints = {
  secret: 'store it with "Flink: Set Secret…" (or, outside VS Code, set FLINK_SQL_SECRET_<NAME> in the language server\'s environment)',
  env: 'set that environment variable for the editor (the language server inherits it)',
};

let names: readonly string[] | undefined;

/** The stored secrets' names, once the client said them. */
export function secretNames(): readonly string[] | undefined {
  return names;
}

export function registerSecretHandlers(connection: Connection, onChange: () => void): void {
  connection.onNotification(SecretNamesNotification, (p) => {
    names = Array.isArray(p?.names) ? p.names.filter((n): n is string => typeof n === 'string') : undefined;
    onChange();
  });
}

export function clientSecretResolver(connection: Connection, env: NodeJS.ProcessEnv = process.env): SecretResolver {
  return async (kind, name) => {
    if (kind === 'env') return env[name];
    const answer = await connection.sendRequest(SecretValueRequest, { name }).then((a) => a, () => undefined);
    const value = answer?.sealed ? unsealForServer(answer.sealed) : undefined;
    return value ?? env[secretEnvName(name)];
  };
}
