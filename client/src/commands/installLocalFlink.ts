// "Flink: Install Local Flink…": installs a pinned Flink version and, optionally, its connectors into the per-user
// installation directory now, instead of on first use.
import type { CommandModule } from '../commandRegistry';
import { installLocalFlink, type InstallOutcome, type InstallServices } from '../install/installFlow';
import { requireTrust } from '../trust';

export const id = 'flinkSql.installLocalFlink';

export function installLocalFlinkCommand(s: InstallServices): CommandModule {
  return {
    id,
    // `version` (e.g. "2.3.0" or "2.3") skips the version pick: tests, and links that name a version.
    handler: async (version?: unknown): Promise<InstallOutcome | undefined> => {
      // Like the commands that start Flink: fetching programs with Maven waits until the user trusts the workspace.
      if (!(await requireTrust('Installing Flink', 'downloads programs with Maven'))) return undefined;
      return installLocalFlink(s, typeof version === 'string' ? version : undefined);
    },
  };
}
