// What the deployment commands (publish, deployments, stop, savepoint, rollback) share: the workspace, the
// session cluster to publish to, the JobManagers of recorded versions, and how their failures are reported.
import { jobManagerResolver, UnknownDeploymentError, type ClusterRef, type JobManagerResolver, type PublishEvent } from '../deploy';
import type { GatewayTarget } from '../flink/gatewayClient';
import { UsageError, type CliIo } from './command';
import { resolveGatewayTarget } from './gatewayTarget';
import { redactUrl, withoutUserinfo } from '../flink/urlCredentials';

export const DEPLOY_OPTIONS = {
  dir: { type: 'string' },
  gateway: { type: 'string' },
  rest: { type: 'string' },
  format: { type: 'string', default: 'text' },
} as const;

export const DEPLOY_OPTIONS_HELP = `  --dir <path>        The workspace (its .flink/deployments/ and local cluster; default: the current directory)
  --gateway URL       SQL Gateway of a remote session cluster (default: $FLINK_SQL_GATEWAY, else the local cluster of the draft's Flink version)
  --rest URL          Its JobManager REST (default: $FLINK_SQL_REST, or the local cluster's)
  --format text|json  Output format (default text)`;

export function checkFormat(format: string | undefined): boolean {
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown --format '${format}' (expected text or json)`);
  return format === 'json';
}

export function workspaceOf(dir: string | undefined): string {
  return dir ?? process.cwd();
}

export function resolver(values: { dir?: string; rest?: string }): JobManagerResolver {
  return jobManagerResolver({ workspaceDir: workspaceOf(values.dir), restUrl: values.rest ?? process.env.FLINK_SQL_REST });
}

/**
 * The session cluster to publish to, and how the version records it: the local cluster of the draft's Flink
 * version (`flinkVersion`, e.g. "1.20"; none: the default's) unless --gateway / $FLINK_SQL_GATEWAY names one.
 */
export async function sessionCluster(values: { dir?: string; gateway?: string; rest?: string }, flinkVersion?: string): Promise<{ gateway: GatewayTarget; cluster: ClusterRef } | { error: string }> {
  const t = await resolveGatewayTarget(values.gateway, workspaceOf(values.dir), process.env, flinkVersion);
  if ('error' in t) return t;
  const { flinkVersion: release, ...target } = t;
  const restUrl = values.rest ?? t.restUrl;
  const remote = !!(values.gateway ?? process.env.FLINK_SQL_GATEWAY);
  // A local cluster is found again (stop, savepoint, upgrade) by its release: its ports change per start.
  const ref: ClusterRef = remote ? { kind: 'remote', gatewayUrl: t.gatewayUrl } : { kind: 'local', ...(release && { flinkVersion: release }), gatewayUrl: t.gatewayUrl };
  // The record keeps the URLs without userinfo (version.json is no place for a password); requests get it from the target.
  return { gateway: { ...target, restUrl }, cluster: { ...ref, ...(restUrl && { restUrl: withoutUserinfo(restUrl) }) } };
}

/** Progress on stderr (stdout carries the result). */
export function progressTo(io: CliIo): (e: PublishEvent) => void {
  return (e) => {
    if (e.type === 'step') io.stderr(`${e.message}\n`);
    else if (e.type === 'warning') io.stderr(`warning: ${e.message}\n`);
    else io.stderr(`attempt ${e.attempt.attempt}/${e.max} ${e.attempt.ok ? 'succeeded' : `failed: ${e.attempt.error}`}${e.willRetry ? ' — retrying' : ''}\n`);
  };
}

/** Bugs (exit 3) as opposed to failures the user can act on (exit 1; 2 for an unknown deployment). */
const BUGS = [TypeError, ReferenceError, RangeError, SyntaxError];

export function reportFailure(io: CliIo, command: string, error: unknown): number {
  if (error instanceof UsageError || !(error instanceof Error) || BUGS.some((E) => error instanceof E)) throw error;
  io.stderr(`flink-sql ${command}: ${redactUrl(error.message)}\n`);
  return error instanceof UnknownDeploymentError ? 2 : 1;
}
