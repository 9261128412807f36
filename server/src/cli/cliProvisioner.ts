// The CLI's way to provision on first use: no dialog in a terminal or a CI pipeline, so running a command that
// needs Flink is the consent; what is downloaded, how much and where goes to stderr, then a line per jar with the
// share done. `--no-install` (local start) or FLINK_SQL_STUDIO_NO_INSTALL=1 refuses instead.
import { describePlan, formatBytes, progressPercent, setProvisioner, type InstallPlan, type InstallProgress, type Provisioner } from '../flink/ensureFlink';

/** Install progress as stderr lines: one per jar downloaded, and never the same percentage twice for the others. */
export function progressLines(write: (text: string) => void): (p: InstallProgress) => void {
  let last = -1;
  return (p) => {
    const percent = progressPercent(p);
    if (percent !== undefined && percent === last && !p.message.includes('downloaded')) return;
    if (percent !== undefined) last = percent;
    write(`  ${percent !== undefined ? `${String(percent).padStart(3)}%  ` : ''}${p.message}\n`);
  };
}

export function cliProvisioner(write: (text: string) => void): Provisioner {
  return async (plan: InstallPlan, run) => {
    write(`${describePlan(plan)} (about ${formatBytes(plan.bytes)} ${sourceOf(plan)}) is needed and not installed: downloading into ${plan.installRoot}…\n`);
    const t0 = Date.now();
    await run(progressLines(write));
    write(`Installed ${describePlan(plan)} in ${((Date.now() - t0) / 1000).toFixed(1)} s.\n`);
  };
}

/** Where a plan's bytes come from, in the consent's words (the client's installText.ts says the same). */
export function sourceOf(plan: Pick<InstallPlan, 'items'>): string {
  return plan.items.some((i) => i.kind === 'pyflink')
    ? 'on disk: a Python virtual environment with apache-flink from PyPI, and Flink\'s Python driver jar from Maven'
    : 'of jars from Maven';
}

/** Registers the CLI's provisioner unless the environment says never to download. */
export function registerCliProvisioner(write: (text: string) => void, env: NodeJS.ProcessEnv = process.env): void {
  setProvisioner(env.FLINK_SQL_STUDIO_NO_INSTALL === '1' ? undefined : cliProvisioner(write));
}

/** For `--no-install`: what is missing is an error again. */
export function refuseInstalls(): void {
  setProvisioner(undefined);
}
