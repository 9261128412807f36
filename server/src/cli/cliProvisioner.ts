// The CLI's way to provision on first use: no dialog in a terminal or a CI pipeline, so running a command that
// needs Flink is the consent; what is downloaded, how much and where goes to stderr, then a line per jar with the
// share done. `--no-install` (local start) or FLINK_SQL_STUDIO_NO_INSTALL=1 refuses instead.
import { describePlan, formatBytes, InstallDeclinedError, setProvisioner, type InstallPlan, type Provisioner } from '../flink/ensureFlink';

export function cliProvisioner(write: (text: string) => void): Provisioner {
  return async (plan: InstallPlan, run) => {
    write(`${describePlan(plan)} (about ${formatBytes(plan.bytes)} of jars from Maven) is needed and not installed: downloading into ${plan.installRoot}…\n`);
    const t0 = Date.now();
    let last = -1;
    await run((p) => {
      const percent = p.bytes === undefined || !p.totalBytes ? undefined : Math.floor((p.bytes / p.totalBytes) * 100);
      // One line per jar downloaded, but never the same percentage twice in a row for the status lines.
      if (percent !== undefined && percent === last && !p.message.includes('downloaded')) return;
      if (percent !== undefined) last = percent;
      write(`  ${percent !== undefined ? `${String(percent).padStart(3)}%  ` : ''}${p.message}\n`);
    });
    write(`Installed ${describePlan(plan)} in ${((Date.now() - t0) / 1000).toFixed(1)} s.\n`);
  };
}

/** Registers the CLI's provisioner unless the environment says never to download. */
export function registerCliProvisioner(write: (text: string) => void, env: NodeJS.ProcessEnv = process.env): void {
  setProvisioner(env.FLINK_SQL_STUDIO_NO_INSTALL === '1' ? undefined : cliProvisioner(write));
}

/** For `--no-install`: what is missing is an error again. */
export function refuseInstalls(): void {
  setProvisioner(undefined);
}

export { InstallDeclinedError };
