// `publish --target k8s` / Export Kubernetes Manifest: the deployment as a Flink Kubernetes Operator
// FlinkDeployment (application mode with the shipped SQL runner) plus the ConfigMap holding the published script;
// for a JAR draft, its own jar in an image of its own; for a PYTHON draft, the operator's Python job (python/pythonK8s.ts).
// Written beside the draft (<name>.k8s.yaml) and into the version's folder; nothing is applied. Beside the
// manifest, flink-sql-runner/ holds what the runner image is built from (a Dockerfile and the runner jar).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { FLINK_IMAGE_RELEASES, parseMemory } from '../deployment';
import { IMAGE_TAG } from '../deployment/schema';
import { jarArtifact } from '../jar/jarDraft';
import { imageRelease, IMAGE_PYTHON, pythonDockerfile, pythonJobSpec } from '../python/pythonK8s';
import { diagnose } from '../service/diagnostics';
import type { PublishSource } from './draftSource';
import { gitInfo } from './git';
import { readLoggingProfile } from './loggingProfile';
import { withLock } from './lock';
import { runnerScript, sqlRunnerJar } from './perJobCluster';
import type { PublishOptions, PublishResult } from './publish';
import { planStatements } from './statementPlan';
import { refsInValue, secretEnvName, sqlRefNames } from '../secrets/secretRefs';
import { checkDeploymentName, DeploymentStore, type DeploymentRecord } from './store';
import { isInside, mkdirSafe, writeFileSafe } from '../util/safeFs';

export const RUNNER_JAR_URI = 'local:///opt/flink/usrlib/sql-runner.jar';
export const SCRIPTS_DIR = '/opt/flink/usrlib/sql-scripts';
/** The folder beside the manifest holding the runner image's Dockerfile and jar. */
export const IMAGE_DIR = 'flink-sql-runner';

/** What an exported deployment's image adds to the official Flink image: the SQL runner, or a JAR draft's job. */
export interface ImageJob {
  /** Its folder beside the manifest (the Docker build context) and the image's name. */
  dir: string;
  image: string;
  /** The jar's name in the context and under /opt/flink/usrlib/ (job.jarURI); a PYTHON draft's script. */
  jarName: string;
  /** A PYTHON draft's image: Python and apache-flink of this Flink release (python/pythonK8s.ts). */
  python?: { release: string };
}

export const RUNNER_IMAGE: ImageJob = { dir: IMAGE_DIR, image: 'flink-sql-runner', jarName: 'sql-runner.jar' };

/** A JAR draft's image: `<name>-image/` beside the manifest, the job jar as `<name>.jar`. */
export function jarImage(k8sDeploymentName: string): ImageJob {
  return { dir: `${k8sDeploymentName}-image`, image: `flink-job-${k8sDeploymentName}`, jarName: `${k8sDeploymentName}.jar` };
}

/** A PYTHON draft's image: `<name>-image/` beside the manifest, the script as `<name>.py`. */
export function pythonImage(k8sDeploymentName: string, release: string): ImageJob {
  return { ...jarImage(k8sDeploymentName), jarName: `${k8sDeploymentName}.py`, python: { release } };
}

/** The Dockerfile of the image (written into its folder beside the manifest, next to the jar). */
export function runnerDockerfile(imageTag: string, job: ImageJob = RUNNER_IMAGE): string {
  // A newline would add instructions that `docker build` runs: only a Docker tag is written.
  if (!IMAGE_TAG.test(imageTag)) throw new Error(`imageTag ${JSON.stringify(imageTag)} is not a Docker image tag (letters, digits, _ . -)`);
  if (job.python) return pythonDockerfile(imageTag, job.python.release, job);
  return `# The image of exported Kubernetes deployments: the official Flink image plus ${job === RUNNER_IMAGE ? 'the SQL runner' : 'the job\'s jar'}
# (job.jarURI local:///opt/flink/usrlib/${job.jarName}). Written by Flink SQL Studio beside the manifest. Build it with:
#   docker build --build-arg FLINK_IMAGE=flink:${imageTag} -t ${job.image}:${imageTag} ${job.dir}/
ARG FLINK_IMAGE=flink:${imageTag}
FROM \${FLINK_IMAGE}
COPY ${job.jarName} /opt/flink/usrlib/${job.jarName}
`;
}

/**
 * The image's folder beside the manifest: the Dockerfile and a copy of the jar, written through safeFs below
 * `root` (the workspace): a symlinked folder on the way is refused, a symlink at a file is replaced, never followed.
 */
export function writeImageContext(besideDir: string, imageTag: string, runnerJar = sqlRunnerJar(), root = besideDir, job: ImageJob = RUNNER_IMAGE): string {
  const dir = path.join(besideDir, job.dir);
  const st = fs.lstatSync(dir, { throwIfNoEntry: false });
  if (st && !st.isSymbolicLink() && !st.isDirectory()) throw new Error(`${dir} is not a folder: remove it, the image's files are written there`);
  mkdirSafe(root, dir);
  const jar = fs.readFileSync(runnerJar);
  writeFileSafe(root, path.join(dir, 'Dockerfile'), runnerDockerfile(imageTag, job));
  writeFileSafe(root, path.join(dir, job.jarName), jar);
  return dir;
}

/** A value in a `#` comment line of the manifest: one line, whatever it holds (a newline would start YAML). */
function oneLine(value: string): string {
  return value.replace(/[\r\n\u2028\u2029\u0085]+/g, ' ');
}

/** The folder safe writes are checked from: the workspace, or the draft's own folder when it lies outside it. */
function writeRoot(workspaceDir: string, dir: string): string {
  return isInside(workspaceDir, dir) ? workspaceDir : dir;
}

const UPGRADE_MODES = { 'latest-savepoint': 'savepoint', 'latest-state': 'last-state', none: 'stateless' } as const;

/** A Kubernetes object name (RFC 1123 label, the operator's 45-character limit). */
export function k8sName(name: string): string {
  const n = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 45).replace(/-+$/, '');
  return n || 'flink-sql';
}

const CONSOLE_LOG4J = `rootLogger.level = INFO
rootLogger.appenderRef.console.ref = ConsoleAppender
appender.console.name = ConsoleAppender
appender.console.type = CONSOLE
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
logger.netty.name = org.jboss.netty.channel.DefaultChannelPipeline
logger.netty.level = OFF
`;

export interface Manifest {
  /** The published script (SQL drafts; a JAR draft has none). */
  configMap?: Record<string, unknown>;
  flinkDeployment: Record<string, unknown>;
  /** The Secret the draft's `${secret:…}`/`${env:…}` references read, names only (written commented out: see secretSkeleton). */
  secret?: Record<string, unknown>;
  notes: string[];
  text: string;
}

/** The Secret holding the values of a deployment's references: `<name>-secrets`. */
export function secretName(name: string): string {
  return `${k8sName(name).slice(0, 37).replace(/-+$/, '')}-secrets`;
}

/**
 * The container environment the runner resolves the script's references from (SqlRunner.resolve): each one a key
 * of the deployment's Secret, `${secret:NAME}` as FLINK_SQL_SECRET_NAME and `${env:NAME}` as NAME.
 */
export function secretEnv(sql: string, secret: string): { env: Array<Record<string, unknown>>; keys: string[] } {
  const refs = sqlRefNames(sql);
  const env = refs.map((r) => ({ name: r.kind === 'secret' ? secretEnvName(r.name) : r.name, valueFrom: { secretKeyRef: { name: secret, key: r.name } } }));
  return { env, keys: [...new Set(refs.map((r) => r.name))].sort() };
}

/**
 * The Secret as YAML comment lines: applied as is, a Secret with empty values would overwrite the real one, so the
 * manifest carries it commented out with the command that creates it with values.
 */
function secretSkeleton(secret: Record<string, unknown>, keys: string[]): string {
  const name = (secret.metadata as { name: string }).name;
  return `# The draft reads ${keys.length} value${keys.length === 1 ? '' : 's'} from the Secret ${name} (values never leave your machine in this file). Create it before applying:
` +
    `#   kubectl create secret generic ${name} ${keys.map((k) => `--from-literal=${k}=…`).join(' ')}
` +
    `# or fill stringData below, uncomment and apply it separately:
` +
    stringify(secret, { lineWidth: 0 }).trimEnd().split('\n').map((l) => `#   ${l}`).join('\n') + '\n';
}

/** The ConfigMap and FlinkDeployment of `source` (pure: no files, no cluster). */
export function buildManifest(source: PublishSource, version: number, configDir: string, workspaceDir = configDir): Manifest {
  const r = source.resolved;
  const name = k8sName(source.name);
  const notes: string[] = [];
  // A JAR draft runs its own jar (in its own image), a PYTHON draft the image's driver on its script; a SQL draft the
  // runner on the script of a ConfigMap.
  const release = imageRelease(r.imageTag, r.flinkVersion);
  const jarJob = source.jar ? { image: source.jar.python ? pythonImage(name, release) : jarImage(name), run: source.jar.run } : undefined;
  const script = jarJob ? '' : runnerScript(planStatements(source.sql), r.dependencies.filter((d) => /\.jar$/i.test(d)).map((d) => `${SCRIPTS_DIR}/../lib/${path.basename(d)}`));
  if (r.dependencies.length) notes.push(`dependencies (${r.dependencies.join(', ')}) must be in the image under /opt/flink/usrlib/lib/ (jar files) or /opt/flink/lib (Maven coordinates)`);
  const flinkConfiguration: Record<string, string> = {};
  let initialSavepointPath: string | undefined;
  const secret = secretName(source.name);
  const refs = secretEnv(script, secret);
  for (const [k, v] of Object.entries(r.flinkConfiguration)) {
    if (refsInValue(v).length) notes.push(`flinkConfiguration ${k} holds a reference that Flink does not resolve in a pod: set it from the Secret ${secret} yourself (e.g. through the operator's flinkConfiguration or FLINK_PROPERTIES)`);
    if (k === 'kubernetes.container.image.ref') continue; // spec.image says it
    if (k === 'execution.state-recovery.path' || k === 'execution.savepoint.path') initialSavepointPath = v;
    else flinkConfiguration[k] = v;
  }
  // The TaskManagers' Python workers (Python UDFs) run the image's interpreter too.
  if (source.jar?.python) flinkConfiguration['python.executable'] = IMAGE_PYTHON;
  const strategy = source.config.behavior.restoreStrategy;
  let upgradeMode: string = UPGRADE_MODES[strategy];
  if (upgradeMode === 'last-state' && flinkConfiguration['high-availability.type'] !== 'kubernetes') {
    upgradeMode = 'savepoint';
    notes.push('restoreStrategy latest-state needs JobManager high availability (highAvailability.type: kubernetes) for the operator\'s last-state upgrades: using savepoint upgrades');
  }
  const res = r.resources!;
  const mem = (m: string) => `${Math.round(parseMemory(m)! / (1024 * 1024))}m`;
  const logging = r.logging!;
  const template = logging.profile !== 'default' ? readLoggingProfile(logging.profile, configDir, workspaceDir) : CONSOLE_LOG4J;
  const configMap = {
    apiVersion: 'v1', kind: 'ConfigMap',
    metadata: { name: `${name}-sql`, labels: { 'app.kubernetes.io/managed-by': 'flink-sql-studio', 'flink-sql-studio/deployment': name } },
    data: { [`${name}.sql`]: script },
  };
  const image = jarJob?.image ?? RUNNER_IMAGE;
  const podTemplate = jarJob ? (refs.env.length ? { apiVersion: 'v1', kind: 'Pod', spec: { containers: [{ name: 'flink-main-container', env: refs.env }] } } : undefined) : {
    apiVersion: 'v1', kind: 'Pod',
    spec: {
      containers: [{ name: 'flink-main-container', volumeMounts: [{ name: 'sql-scripts', mountPath: SCRIPTS_DIR }], ...(refs.env.length && { env: refs.env }) }],
      volumes: [{ name: 'sql-scripts', configMap: { name: `${name}-sql` } }],
    },
  };
  const jobSpec = jarJob?.image.python ? pythonJobSpec(release, jarJob.image.jarName, jarJob.run.args ?? []) : jarJob
    ? { jarURI: `local:///opt/flink/usrlib/${image.jarName}`, ...(jarJob.run.entryClass && { entryClass: jarJob.run.entryClass }), args: [...(jarJob.run.args ?? [])] }
    : { jarURI: RUNNER_JAR_URI, entryClass: 'dev.flinksql.runner.SqlRunner', args: [`${SCRIPTS_DIR}/${name}.sql`] };
  const flinkDeployment = {
    apiVersion: 'flink.apache.org/v1beta1', kind: 'FlinkDeployment',
    metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'flink-sql-studio', 'flink-sql-studio/deployment': name, 'flink-sql-studio/version': String(version) } },
    spec: {
      image: `${image.image}:${r.imageTag}`,
      flinkVersion: `v${r.flinkVersion.replace('.', '_')}`,
      mode: 'native',
      serviceAccount: 'flink',
      flinkConfiguration,
      logConfiguration: { 'log4j-console.properties': `${template.replace(/^rootLogger\.level\s*=.*\n?/m, '').trim()}\n${logging.log4jProperties}` },
      jobManager: { replicas: 1, resource: { cpu: res.jobManager.cpu, memory: mem(res.jobManager.memory) } },
      taskManager: { resource: { cpu: res.taskManager.cpu, memory: mem(res.taskManager.memory) } },
      ...(podTemplate && { podTemplate }),
      job: {
        ...jobSpec,
        parallelism: source.config.parallelism,
        upgradeMode,
        state: 'running',
        ...(initialSavepointPath && { initialSavepointPath }),
      },
    },
  };
  // The schema checks imageTag as a Docker tag; comments are still built one line per value, so nothing a config
  // holds can end a comment and start a YAML document of its own (the review added a ClusterRoleBinding that way).
  const tag = oneLine(r.imageTag ?? '');
  const header = `# ${oneLine(source.name)} v${version}: Flink Kubernetes Operator manifest exported by Flink SQL Studio (Flink ${FLINK_IMAGE_RELEASES[r.flinkVersion]}).\n` +
    `# The image is the Flink image with ${image.python ? 'Python, PyFlink and the job\'s script' : jarJob ? 'the job\'s jar' : 'the SQL runner'}, built from the ${image.dir}/ folder beside this file (a Dockerfile and the ${image.python ? 'script' : 'jar'}):\n` +
    `#   docker build --build-arg FLINK_IMAGE=flink:${tag} -t ${image.image}:${tag} ${image.dir}/\n` +
    notes.map((n) => `# Note: ${oneLine(n)}\n`).join('') + '# kubectl apply -f this file (the operator and its CRDs installed).\n';
  const secretDoc = refs.keys.length ? {
    apiVersion: 'v1', kind: 'Secret', type: 'Opaque',
    metadata: { name: secret, labels: { 'app.kubernetes.io/managed-by': 'flink-sql-studio', 'flink-sql-studio/deployment': name } },
    stringData: Object.fromEntries(refs.keys.map((k) => [k, ''])),
  } : undefined;
  const secretText = secretDoc ? secretSkeleton(secretDoc, refs.keys) : '';
  const configMapText = jarJob ? '' : `${stringify(configMap, { lineWidth: 0 })}---\n`;
  return {
    ...(!jarJob && { configMap }), flinkDeployment, notes, ...(secretDoc && { secret: secretDoc }),
    text: `${header}${secretText}${configMapText}${stringify(flinkDeployment, { lineWidth: 0 })}`,
  };
}

/** Records an `exported` version and writes the manifest; no cluster is contacted. */
export async function exportManifest(o: PublishOptions, source: PublishSource): Promise<PublishResult> {
  const name = checkDeploymentName(source.name);
  const errors = source.jar ? [] : diagnose(source.sql).filter((d) => d.severity === 1);
  if (errors.length) throw new Error(`The draft has errors; nothing was exported:\n${errors.map((d) => `${source.draftPath}:${d.range.start.line + 1}:${d.range.start.character + 1}: error: ${d.message}`).join('\n')}`);
  const store = new DeploymentStore(o.workspaceDir);
  return withLock(store.dirOf(name), async () => {
    const rec: DeploymentRecord = store.read(name) ?? { format: 1, name, currentVersion: 0, latestVersion: 0, savepoints: [], updatedAt: '' };
    const number = store.nextVersion(name);
    const configDir = path.dirname(source.draftPath);
    const m = buildManifest(source, number, configDir, o.workspaceDir);
    const beside = path.join(configDir, `${source.name}.k8s.yaml`);
    // Before anything is recorded: a missing runner jar or a planted symlink fails the export cleanly.
    const root = writeRoot(o.workspaceDir, configDir);
    // A JAR draft's image carries its jar, built now (or the stored one of a version published again).
    const built = source.jar ? await jarArtifact(source.jar) : undefined;
    const imageDir = built
      ? writeImageContext(configDir, source.resolved.imageTag!, built.jar, root, source.jar?.python
        ? pythonImage(k8sName(source.name), imageRelease(source.resolved.imageTag, source.resolved.flinkVersion)) : jarImage(k8sName(source.name)))
      : writeImageContext(configDir, source.resolved.imageTag!, sqlRunnerJar(), root);
    const git = await gitInfo([source.draftPath].filter((f) => fs.existsSync(f)));
    const notHonoured = [...source.resolved.ignored, ...m.notes.map((n) => ({ parameter: 'kubernetes', reason: n }))];
    const files = store.createVersion({
      format: 1, deployment: name, version: number, createdAt: new Date().toISOString(), draft: path.relative(path.resolve(o.workspaceDir), path.resolve(source.draftPath)),
      target: 'k8s', flinkVersion: source.resolved.flinkVersion, restoreStrategy: source.config.behavior.restoreStrategy, ...(git && { git }),
      status: 'exported', attempts: [], notHonoured, manifest: beside, ...(o.rolledBackFrom !== undefined && { rolledBackFrom: o.rolledBackFrom }),
    }, source.sql, source.configYaml, source.resolved);
    if (built) await store.updateVersion(name, number, { artifact: store.storeArtifact(name, number, built.jar) });
    writeFileSafe(writeRoot(o.workspaceDir, files.dir), path.join(files.dir, 'flinkdeployment.yaml'), m.text);
    writeFileSafe(root, beside, m.text);
    store.write({ ...rec, latestVersion: number });
    for (const n of m.notes) o.onEvent?.({ type: 'warning', message: n });
    o.onEvent?.({ type: 'step', message: `Wrote ${beside} and the image's Dockerfile and jar in ${imageDir}` });
    return { deployment: name, version: number, target: 'k8s', notHonoured, manifest: beside };
  });
}
