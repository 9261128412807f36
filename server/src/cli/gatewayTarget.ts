// Which SQL Gateway a CLI command talks to: --gateway, else $FLINK_SQL_GATEWAY, else the local cluster that
// `flink-sql local start` runs for this workspace (the current directory), of the draft's Flink version when one
// is given. $FLINK_SQL_GATEWAY_HEADER adds a header; userinfo in the URL becomes an Authorization header (so it is
// never printed or recorded); $FLINK_SQL_ALLOW_INSECURE_AUTH=1 allows either over plain http to another machine.
import type { GatewayTarget } from '../flink/gatewayClient';
import { localClusterStatus, localStartCommand } from '../flink/localCluster';
import { insecureAuthFromEnv, moveUserinfo, withAuthorization } from '../flink/urlCredentials';
import { CLI_HINTS, envResolver } from '../secrets/secretRefs';

export const NO_LOCAL_FLINK = 'no local Flink running: run flink-sql local start, or pass --gateway';

/** A local target also names its cluster's pinned release (what a deployment records to find it again). */
export async function resolveGatewayTarget(flag: string | undefined, workspaceDir = process.cwd(), env = process.env, flinkVersion?: string): Promise<(GatewayTarget & { flinkVersion?: string }) | { error: string }> {
  const explicit = flag ?? env.FLINK_SQL_GATEWAY;
  if (explicit) {
    const { url: gatewayUrl, authorization } = moveUserinfo(explicit);
    const headers = withAuthorization(authHeader(env).headers ?? {}, authorization);
    return {
      gatewayUrl, restUrl: env.FLINK_SQL_REST, ...(Object.keys(headers).length && { headers }),
      ...(insecureAuthFromEnv(env) && { allowInsecureAuth: true }), ...cliSecrets(env),
    };
  }
  const status = await localClusterStatus(workspaceDir, flinkVersion);
  if (!status.running || !status.info) {
    const why = status.problems.length ? ` (${status.problems.join('; ')})` : '';
    // the default version's cluster is what a plain `flink-sql local start` starts
    const start = localStartCommand(flinkVersion);
    const which = start !== localStartCommand() ? `no local Flink ${flinkVersion} running: run ${start}, or pass --gateway` : NO_LOCAL_FLINK;
    return { error: which + why };
  }
  return { gatewayUrl: status.info.gatewayUrl, restUrl: status.info.restUrl, flinkVersion: status.info.flinkVersion, localCluster: { python: status.info.python, flinkVersion: status.info.flinkVersion }, ...cliSecrets(env) };
}

/** `${env:NAME}` from the environment, `${secret:NAME}` from $FLINK_SQL_SECRET_NAME (resolved only when a statement is sent). */
export function cliSecrets(env: NodeJS.ProcessEnv = process.env): Pick<GatewayTarget, 'secrets' | 'secretHints'> {
  return { secrets: envResolver(env), secretHints: CLI_HINTS };
}

/** $FLINK_SQL_GATEWAY_HEADER="Name: value": a header (credentials stay in the environment, never in files). */
function authHeader(env: NodeJS.ProcessEnv): { headers?: Record<string, string> } {
  const raw = env.FLINK_SQL_GATEWAY_HEADER;
  const colon = raw?.indexOf(':') ?? -1;
  if (!raw || colon <= 0) return {};
  return { headers: { [raw.slice(0, colon).trim()]: raw.slice(colon + 1).trim() } };
}
