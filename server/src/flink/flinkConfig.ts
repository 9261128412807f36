// Generates the configuration of a local session cluster: its config file (configKeys.ts says which, per version),
// the log4j file, and the JVM flags each process needs, so processes can be started from their main classes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertNotSymlinks, clusterFolderChain, rmSafe, writeFileSafe } from '../util/safeFs';
import { stringify } from 'yaml';
import { configFileFormat, configForVersion } from './configKeys';
import type { ClusterDirs } from './localClusterLayout';

export interface ClusterPorts {
  /** JobManager REST (web UI). */
  rest: number;
  /** SQL Gateway REST endpoint. */
  gateway: number;
  /** JobManager RPC; TaskManagers find the JobManager here, so it cannot be left to the OS. */
  jobmanagerRpc: number;
}

export interface ClusterMemory {
  /** jobmanager.memory.process.size */
  jobmanager: string;
  /** taskmanager.memory.process.size */
  taskmanager: string;
  /** -Xmx of the SQL Gateway (it plans queries, so the planner lives in its heap). */
  gatewayHeap: string;
}

/**
 * Sized for the 2-core / 24 GB machines this project targets, leaving room for the editor: about 3.8 GB in all.
 * Four slots let a few streaming jobs run side by side while developing.
 */
export const DEFAULT_MEMORY: ClusterMemory = { jobmanager: '1024m', taskmanager: '2048m', gatewayHeap: '768m' };
export const DEFAULT_SLOTS = 4;
export const BIND_HOST = '127.0.0.1';
/** Addresses a local cluster binds or announces; always BIND_HOST whatever the extra options say. */
export const LOOPBACK_ADDRESS_KEYS: readonly string[] = ['jobmanager.rpc.address', 'jobmanager.bind-host', 'taskmanager.host', 'taskmanager.bind-host',
  'rest.address', 'rest.bind-address', 'sql-gateway.endpoint.rest.address', 'sql-gateway.endpoint.rest.bind-address'];

/** flink-dist's conf/config.yaml `env.java.opts.all`: "These parameters are required for Java 17 support". */
export const JAVA_MODULE_OPTS: readonly string[] = [
  '--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED',
  '--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED',
  '--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED',
  '--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED',
  '--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED',
  '--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED',
  '--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '--add-opens=java.base/java.net=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.lang.reflect=ALL-UNNAMED',
  '--add-opens=java.base/java.text=ALL-UNNAMED',
  '--add-opens=java.base/java.time=ALL-UNNAMED',
  '--add-opens=java.base/java.util=ALL-UNNAMED',
  '--add-opens=java.base/java.util.concurrent=ALL-UNNAMED',
  '--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED',
  '--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED',
];

export { clusterDirs, type ClusterDirs } from './localClusterLayout';

export interface ClusterConfigInput {
  dirs: ClusterDirs;
  /** The pinned version the config is for: chooses the config file and the key names (configKeys.ts). */
  flinkVersion: string;
  ports: ClusterPorts;
  memory?: Partial<ClusterMemory>;
  slots?: number;
  /** Extra Flink options (flat keys, in either line's names), applied last. */
  extra?: Record<string, string | number | boolean>;
}

/** The flat key → value map written to the version's config file, in that version's key names. */
export function clusterConfig(input: ClusterConfigInput): Record<string, string | number | boolean> {
  const mem = { ...DEFAULT_MEMORY, ...input.memory };
  const { dirs, ports } = input;
  return configForVersion({
    'jobmanager.rpc.address': BIND_HOST,
    'jobmanager.rpc.port': ports.jobmanagerRpc,
    'jobmanager.bind-host': BIND_HOST,
    'jobmanager.memory.process.size': mem.jobmanager,
    'jobmanager.execution.failover-strategy': 'region',
    'taskmanager.host': BIND_HOST,
    'taskmanager.bind-host': BIND_HOST,
    'taskmanager.numberOfTaskSlots': input.slots ?? DEFAULT_SLOTS,
    'taskmanager.memory.process.size': mem.taskmanager,
    // The TaskManager starts alongside the JobManager and often asks before the ResourceManager is up;
    // the 10 s default retry delay would then dominate the start time of a local cluster.
    'cluster.registration.error-delay': 500,
    'cluster.registration.refused-registration-delay': 1000,
    'parallelism.default': 1,
    'rest.address': BIND_HOST,
    'rest.bind-address': BIND_HOST,
    'rest.port': ports.rest,
    // The gateway reads this same file: "remote" makes it submit to this session cluster via rest.address/port.
    'execution.target': 'remote',
    'sql-gateway.endpoint.rest.address': BIND_HOST,
    'sql-gateway.endpoint.rest.bind-address': BIND_HOST,
    'sql-gateway.endpoint.rest.port': ports.gateway,
    // Explicit, or a global rest.bind-port (meant for the JobManager) would win inside the gateway's endpoint.
    'sql-gateway.endpoint.rest.bind-port': ports.gateway,
    'execution.checkpointing.dir': fileUri(dirs.checkpoints),
    'execution.checkpointing.savepoint-dir': fileUri(dirs.savepoints),
    'io.tmp.dirs': dirs.tmp,
    'web.tmpdir': path.join(dirs.tmp, 'web'),
    'env.java.opts.all': JAVA_MODULE_OPTS.join(' '),
    ...input.extra,
    // Last: extra options cannot take a local cluster off loopback (its REST API runs any job it is sent).
    ...Object.fromEntries(LOOPBACK_ADDRESS_KEYS.map((k) => [k, BIND_HOST])),
  }, input.flinkVersion);
}

/** Writes the config file and log4j.properties into `dirs.conf` and creates the other directories. */
export function writeClusterConfig(input: ClusterConfigInput): Record<string, string | number | boolean> {
  const { dirs } = input;
  // The workspace may ship .flink/ (or a folder in it) as a symlink: write nothing through one.
  assertNotSymlinks(...clusterFolderChain(dirs.root), dirs.conf, dirs.logs, dirs.tmp, dirs.checkpoints, dirs.savepoints);
  for (const d of [dirs.conf, dirs.logs, dirs.tmp, dirs.checkpoints, dirs.savepoints]) fs.mkdirSync(d, { recursive: true });
  const config = clusterConfig(input);
  const format = configFileFormat(input.flinkVersion);
  // A file the version prefers (1.20: flink-conf.yaml) would silently replace ours.
  for (const f of format.shadowedBy) rmSafe(dirs.root, path.join(dirs.conf, f));
  // Owner-only: a per-job cluster's deployment keys may hold values of `${secret:…}` references, resolved for its JVMs.
  writeFileSafe(dirs.root, path.join(dirs.conf, format.file),
    '# Generated by Flink SQL Studio for the local session cluster; rewritten on every start.\n' + stringify(config), 0o600);
  writeFileSafe(dirs.root, path.join(dirs.conf, 'log4j.properties'), LOG4J_PROPERTIES);
  return config;
}

/** JVM flags shared by every Flink process: module access, logging into `logFile` with our log4j file. */
export function commonJvmArgs(dirs: ClusterDirs, logFile: string): string[] {
  const log4j = path.join(dirs.conf, 'log4j.properties');
  return [
    ...JAVA_MODULE_OPTS,
    `-Dlog.file=${logFile}`,
    `-Dlog4j.configurationFile=file:${log4j}`,
    `-Dlog4j.configuration=file:${log4j}`,
    `-Djava.io.tmpdir=${dirs.tmp}`,
  ];
}

function fileUri(p: string): string {
  return 'file://' + path.resolve(p).split(path.sep).map(encodeURIComponent).join('/').replace(/^\/+/, '/');
}

/** flink-dist's conf/log4j.properties, trimmed: one size-rolled file per process. */
const LOG4J_PROPERTIES = `# Generated by Flink SQL Studio (after flink-dist conf/log4j.properties).
monitorInterval=30
rootLogger.level = \${env:ROOT_LOG_LEVEL:-INFO}
rootLogger.appenderRef.file.ref = MainAppender
logger.pekko.name = org.apache.pekko
logger.pekko.level = INFO
logger.zookeeper.name = org.apache.zookeeper
logger.zookeeper.level = INFO
logger.shaded_zookeeper.name = org.apache.flink.shaded.zookeeper3
logger.shaded_zookeeper.level = INFO
logger.netty.name = org.jboss.netty.channel.DefaultChannelPipeline
logger.netty.level = OFF
appender.main.name = MainAppender
appender.main.type = RollingFile
appender.main.append = true
appender.main.fileName = \${sys:log.file}
appender.main.filePattern = \${sys:log.file}.%i
appender.main.layout.type = PatternLayout
appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
appender.main.policies.type = Policies
appender.main.policies.size.type = SizeBasedTriggeringPolicy
appender.main.policies.size.size = 100MB
appender.main.policies.startup.type = OnStartupTriggeringPolicy
appender.main.strategy.type = DefaultRolloverStrategy
appender.main.strategy.max = 5
`;
