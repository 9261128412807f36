// Which SQL Gateway a CLI command talks to: --gateway, else $FLINK_SQL_GATEWAY, else the local cluster that
// `flink-sql local start` runs for this workspace (the current directory).
import type { GatewayTarget } from '../flink/gatewayClient';
import { localClusterStatus } from '../flink/localCluster';

export const NO_LOCAL_FLINK = 'no local Flink running: run flink-sql local start, or pass --gateway';

export async function resolveGatewayTarget(flag: string | undefined, workspaceDir = process.cwd(), env = process.env): Promise<GatewayTarget | { error: string }> {
  const explicit = flag ?? env.FLINK_SQL_GATEWAY;
  if (explicit) return { gatewayUrl: explicit, restUrl: env.FLINK_SQL_REST };
  const status = await localClusterStatus(workspaceDir);
  if (!status.running || !status.info) {
    const why = status.problems.length ? ` (${status.problems.join('; ')})` : '';
    return { error: NO_LOCAL_FLINK + why };
  }
  return { gatewayUrl: status.info.gatewayUrl, restUrl: status.info.restUrl };
}
