// `publish --target k8s` / Export Kubernetes Manifest: the deployment as a Flink Kubernetes Operator
// FlinkDeployment (application mode with the SQL runner of tools/sql-runner) plus the ConfigMap holding the
// published script. Written beside the draft (<name>.k8s.yaml) and into the version's folder; nothing is applied.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { FLINK_IMAGE_RELEASES, parseMemory } from '../deployment';
import { diagnose } from '../service/diagnostics';
import type { PublishSource } from './draftSource';
import { gitInfo } from './git';
import { withLock } from './lock';
import { runnerScript } from './perJobCluster';
import type { PublishOptions, PublishResult } from './publish';
import { planStatements } from './statementPlan';
import { checkDeploymentName, DeploymentStore, type DeploymentRecord } from './store';

export const RUNNER_JAR_URI = 'local:///opt/flink/usrlib/sql-runner.jar';
export const SCRIPTS_DIR = '/opt/flink/usrlib/sql-scripts';
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

export interface Manifest { configMap: Record<string, unknown>; flinkDeployment: Record<string, unknown>; notes: string[]; text: string }

/** The ConfigMap and FlinkDeployment of `source` (pure: no files, no cluster). */
export function buildManifest(source: PublishSource, version: number, configDir: string): Manifest {
  const r = source.resolved;
  const name = k8sName(source.name);
  const notes: string[] = [];
  const script = runnerScript(planStatements(source.sql), r.dependencies.filter((d) => /\.jar$/i.test(d)).map((d) => `${SCRIPTS_DIR}/../lib/${path.basename(d)}`));
  if (r.dependencies.length) notes.push(`dependencies (${r.dependencies.join(', ')}) must be in the image under /opt/flink/usrlib/lib/ (jar files) or /opt/flink/lib (Maven coordinates)`);
  const flinkConfiguration: Record<string, string> = {};
  let initialSavepointPath: string | undefined;
  for (const [k, v] of Object.entries(r.flinkConfiguration)) {
    if (k === 'kubernetes.container.image.ref') continue; // spec.image says it
    if (k === 'execution.state-recovery.path' || k === 'execution.savepoint.path') initialSavepointPath = v;
    else flinkConfiguration[k] = v;
  }
  const strategy = source.config.behavior.restoreStrategy;
  let upgradeMode: string = UPGRADE_MODES[strategy];
  if (upgradeMode === 'last-state' && flinkConfiguration['high-availability.type'] !== 'kubernetes') {
    upgradeMode = 'savepoint';
    notes.push('restoreStrategy latest-state needs JobManager high availability (highAvailability.type: kubernetes) for the operator\'s last-state upgrades: using savepoint upgrades');
  }
  const res = r.resources!;
  const mem = (m: string) => `${Math.round(parseMemory(m)! / (1024 * 1024))}m`;
  const logging = r.logging!;
  const template = logging.profile !== 'default' ? fs.readFileSync(path.resolve(configDir, logging.profile), 'utf8') : CONSOLE_LOG4J;
  const configMap = {
    apiVersion: 'v1', kind: 'ConfigMap',
    metadata: { name: `${name}-sql`, labels: { 'app.kubernetes.io/managed-by': 'flink-sql-studio', 'flink-sql-studio/deployment': name } },
    data: { [`${name}.sql`]: script },
  };
  const flinkDeployment = {
    apiVersion: 'flink.apache.org/v1beta1', kind: 'FlinkDeployment',
    metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'flink-sql-studio', 'flink-sql-studio/deployment': name, 'flink-sql-studio/version': String(version) } },
    spec: {
      image: `flink-sql-runner:${r.imageTag}`,
      flinkVersion: `v${r.flinkVersion.replace('.', '_')}`,
      mode: 'native',
      serviceAccount: 'flink',
      flinkConfiguration,
      logConfiguration: { 'log4j-console.properties': `${template.replace(/^rootLogger\.level\s*=.*\n?/m, '').trim()}\n${logging.log4jProperties}` },
      jobManager: { replicas: 1, resource: { cpu: res.jobManager.cpu, memory: mem(res.jobManager.memory) } },
      taskManager: { resource: { cpu: res.taskManager.cpu, memory: mem(res.taskManager.memory) } },
      podTemplate: {
        apiVersion: 'v1', kind: 'Pod',
        spec: {
          containers: [{ name: 'flink-main-container', volumeMounts: [{ name: 'sql-scripts', mountPath: SCRIPTS_DIR }] }],
          volumes: [{ name: 'sql-scripts', configMap: { name: `${name}-sql` } }],
        },
      },
      job: {
        jarURI: RUNNER_JAR_URI,
        entryClass: 'dev.flinksql.runner.SqlRunner',
        args: [`${SCRIPTS_DIR}/${name}.sql`],
        parallelism: source.config.parallelism,
        upgradeMode,
        state: 'running',
        ...(initialSavepointPath && { initialSavepointPath }),
      },
    },
  };
  const header = `# ${source.name} v${version}: Flink Kubernetes Operator manifest exported by Flink SQL Studio (Flink ${FLINK_IMAGE_RELEASES[r.flinkVersion]}).\n` +
    `# The image is the Flink image with the SQL runner: docker build --build-arg FLINK_IMAGE=flink:${r.imageTag} -t flink-sql-runner:${r.imageTag} tools/sql-runner\n` +
    notes.map((n) => `# Note: ${n}\n`).join('') + '# kubectl apply -f this file (the operator and its CRDs installed).\n';
  return { configMap, flinkDeployment, notes, text: `${header}${stringify(configMap, { lineWidth: 0 })}---\n${stringify(flinkDeployment, { lineWidth: 0 })}` };
}

/** Records an `exported` version and writes the manifest; no cluster is contacted. */
export async function exportManifest(o: PublishOptions, source: PublishSource): Promise<PublishResult> {
  const name = checkDeploymentName(source.name);
  const errors = diagnose(source.sql).filter((d) => d.severity === 1);
  if (errors.length) throw new Error(`The draft has errors; nothing was exported:\n${errors.map((d) => `${source.draftPath}:${d.range.start.line + 1}:${d.range.start.character + 1}: error: ${d.message}`).join('\n')}`);
  const store = new DeploymentStore(o.workspaceDir);
  return withLock(store.dirOf(name), async () => {
    const rec: DeploymentRecord = store.read(name) ?? { format: 1, name, currentVersion: 0, latestVersion: 0, savepoints: [], updatedAt: '' };
    const number = store.nextVersion(name);
    const configDir = path.dirname(source.draftPath);
    const m = buildManifest(source, number, configDir);
    const beside = path.join(configDir, `${source.name}.k8s.yaml`);
    const git = await gitInfo([source.draftPath].filter((f) => fs.existsSync(f)));
    const notHonoured = [...source.resolved.ignored, ...m.notes.map((n) => ({ parameter: 'kubernetes', reason: n }))];
    const files = store.createVersion({
      format: 1, deployment: name, version: number, createdAt: new Date().toISOString(), draft: path.relative(path.resolve(o.workspaceDir), path.resolve(source.draftPath)),
      target: 'k8s', flinkVersion: source.resolved.flinkVersion, restoreStrategy: source.config.behavior.restoreStrategy, ...(git && { git }),
      status: 'exported', attempts: [], notHonoured, manifest: beside, ...(o.rolledBackFrom !== undefined && { rolledBackFrom: o.rolledBackFrom }),
    }, source.sql, source.configYaml, source.resolved);
    fs.writeFileSync(path.join(files.dir, 'flinkdeployment.yaml'), m.text);
    fs.writeFileSync(beside, m.text);
    store.write({ ...rec, latestVersion: number });
    for (const n of m.notes) o.onEvent?.({ type: 'warning', message: n });
    o.onEvent?.({ type: 'step', message: `Wrote ${beside}` });
    return { deployment: name, version: number, target: 'k8s', notHonoured, manifest: beside };
  });
}
