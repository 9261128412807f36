// `npm run flink:install [-- --version 2.3.0|1.20.0|1.20] [--all] [--force] [--verify] [--no-connectors]`: installs a
// pinned local Flink into .cache/flink/<version>/ (see server/src/flink/provision.ts), the default version unless told,
// and its line's connector jars into .cache/connectors/<line>/ (provisionConnectors.ts, scripts/connector-jars.json);
// `--all` installs every pinned version (what the tests use). Maintainers refresh the pinned jar list and sums
// with `--update-manifest [--version X] [--set-default]`, which resolves tools/flink-dist/pom.xml for X.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { installFlink, loadManifest, pinnedVersions, sha256File, type DistArtifact } from '../server/src/flink/provision';
import { installConnectors } from '../server/src/flink/provisionConnectors';
import { resolveClosure } from '../server/src/flink/provisionMaven';

const ROOT = path.resolve(__dirname, '..');
const MANIFEST = path.join(ROOT, 'scripts', 'flink-dist.json');
/** Jars kept in opt/: only the gateway, the SQL client and per-job clusters (flink-container) put them on their classpath. */
const OPT_ARTIFACTS = new Set(['flink-sql-gateway', 'flink-sql-client', 'flink-container']);

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function install(): Promise<void> {
  const versions = process.argv.includes('--all') ? pinnedVersions() : [arg('--version')];
  for (const version of versions) await installOne(version);
}

async function installOne(version: string | undefined): Promise<void> {
  const result = await installFlink({
    version,
    force: process.argv.includes('--force'),
    verify: process.argv.includes('--verify'),
    onProgress: (m) => console.log(m),
  });
  const mb = (result.bytes / 1e6).toFixed(0);
  const secs = (result.millis / 1000).toFixed(1);
  console.log(result.alreadyInstalled
    ? `Flink ${result.dist.version} is already installed in ${result.dist.home} (${result.files} jars, ${mb} MB; checked in ${secs} s).`
    : `Installed Flink ${result.dist.version} into ${result.dist.home}: ${result.files} jars, ${mb} MB, ${secs} s.`);
  // The connector jars pinned for this line (scripts/connector-jars.json), for flink-sql local start --connectors.
  if (process.argv.includes('--no-connectors')) return;
  const t0 = Date.now();
  const connectors = await installConnectors({
    version: result.dist.version, force: process.argv.includes('--force'), verify: process.argv.includes('--verify'), onProgress: (m) => console.log(m),
  });
  const fresh = connectors.filter((c) => !c.alreadyInstalled);
  console.log(`Connector jars for Flink ${result.dist.version}: ${connectors.map((c) => c.name).join(', ') || 'none pinned'}` +
    `${fresh.length ? ` (installed ${fresh.map((c) => c.name).join(', ')} in ${((Date.now() - t0) / 1000).toFixed(1)} s)` : ' (already installed)'}.`);
}

async function updateManifest(): Promise<void> {
  const current = JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as ReturnType<typeof loadManifest>;
  const version = arg('--version') ?? current.default;
  const pomDir = path.join(ROOT, 'tools', 'flink-dist');
  console.log(`Resolving the runtime closure of tools/flink-dist/pom.xml for Flink ${version}…`);
  const closure = await resolveClosure(pomDir, { 'flink.version': version });
  const artifacts: DistArtifact[] = [];
  for (const r of closure.sort((a, b) => a.gav.localeCompare(b.gav))) {
    const [group, artifact] = r.gav.split(':');
    artifacts.push({
      gav: r.gav,
      file: r.file,
      dir: group === 'org.apache.flink' && OPT_ARTIFACTS.has(artifact) ? 'opt' : 'lib',
      size: fs.statSync(r.path).size,
      sha256: await sha256File(r.path),
    });
  }
  current.versions[version] = { artifacts };
  if (process.argv.includes('--set-default')) current.default = version;
  fs.writeFileSync(MANIFEST, formatManifest(current));
  const mb = artifacts.reduce((n, a) => n + a.size, 0) / 1e6;
  console.log(`Pinned ${artifacts.length} jars (${mb.toFixed(0)} MB) for Flink ${version} in scripts/flink-dist.json.`);
}

/** One artifact per line keeps the manifest short and its diffs readable. */
function formatManifest(m: ReturnType<typeof loadManifest>): string {
  const versions = Object.entries(m.versions).map(([v, { artifacts }]) =>
    `    ${JSON.stringify(v)}: {\n      "artifacts": [\n${artifacts.map((a) => `        ${JSON.stringify(a)}`).join(',\n')}\n      ]\n    }`);
  return `{\n  "default": ${JSON.stringify(m.default)},\n  "versions": {\n${versions.join(',\n')}\n  }\n}\n`;
}

(process.argv.includes('--update-manifest') ? updateManifest() : install()).catch((err: Error) => {
  console.error(`flink-install: ${err.message}`);
  process.exit(1);
});
