// Which SQL Gateway a CLI command talks to: --gateway, else $FLINK_SQL_GATEWAY, else the local cluster that
// `flink-sql local start` runs for this workspace (the current directory), of the draft's Flink version when one
// is given. $FLINK_SQL_GATEWAY_HEADER adds a header.
import type { GatewayTarget } from '../flink/gatewayClient';
import { localClusterStatus } from '../flink/localCluster';
import { resolveFlinkVersion } from '../flink/provision';

export const NO_LOCAL_FLINK = 'no local Flink running: run flink-sql local start, or pass --gateway';

export async function resolveGatewayTarget(flag: string | undefined, workspaceDir = process.cwd(), env = process.env, flinkVersion?: string): Promise<GatewayTarget | { error: string }> {
  const explicit = flag ?? env.FLINK_SQL_GATEWAY;
  if (explicit) return { gatewayUrl: explicit, restUrl: env.FLINK_SQL_REST, ...authHeader(env) };
  const status = await localClusterStatus(workspaceDir, flinkVersion);
  if (!status.running || !status.info) {
    const why = status.problems.length ? ` (${status.problems.join('; ')})` : '';
    // the default version's cluster is what a plain `flink-sql local start` starts
    const which = flinkVersion && resolveFlinkVersion(flinkVersion) !== resolveFlinkVersion(undefined)
      ? `no local Flink ${flinkVersion} running: run flink-sql local start --flink-version ${flinkVersion}, or pass --gateway` : NO_LOCAL_FLINK;
    return { error: which + why };
  }
  return { gatewayUrl: status.info.gatewayUrl, restUrl: status.info.restUrl };
}

/** $FLINK_SQL_GATEWAY_HEADER="Name: value": a header (credentials stay in the environment, never in files). */
function authHeader(env: NodeJS.ProcessEnv): { headers?: Record<string, string> } {
  const raw = env.FLINK_SQL_GATEWAY_HEADER;
  const colon = raw?.indexOf(':') ?? -1;
  if (!raw || colon <= 0) return {};
  return { headers: { [raw.slice(0, colon).trim()]: raw.slice(colon + 1).trim() } };
}
