// Config + Flink version → Flink configuration keys (each version's own names, checked against its
// ConfigOptions: see flinkKeys/), plus what is not a configuration key: dependencies, logging, the resources
// and image of a per-job cluster, the submission behaviour, and which parameters the target ignores.
import { FLINK_IMAGE_RELEASES, PER_JOB_SESSION_REASON, SESSION_SHARED_REASON, type FlinkVersion } from './fields';
import type { DeploymentConfig } from './schema';
import { flinkMemory, parseMemory } from './units';

/**
 * The keys whose names differ between the versions. None does for what the model sets: Flink 1.20 already
 * has the 2.x names (the 1.x ones, e.g. `execution.checkpointing.unaligned`, `restart-strategy`,
 * `high-availability`, `kubernetes.jobmanager.cpu`, are its fallback keys: see flinkKeys/1.20.json), and the
 * tests check every resolved key against each version's list; a future rename goes here.
 */
const KEYS = {
  '2.3': { unaligned: 'execution.checkpointing.unaligned.enabled', jmCpu: 'kubernetes.jobmanager.cpu.amount', tmCpu: 'kubernetes.taskmanager.cpu.amount' },
  '1.20': { unaligned: 'execution.checkpointing.unaligned.enabled', jmCpu: 'kubernetes.jobmanager.cpu.amount', tmCpu: 'kubernetes.taskmanager.cpu.amount' },
} as const satisfies Record<FlinkVersion, Record<string, string>>;

const RETENTION = { always: 'RETAIN_ON_CANCELLATION', 'only-when-failed': 'DELETE_ON_CANCELLATION', never: 'NO_EXTERNALIZED_CHECKPOINTS' } as const;

export interface IgnoredParameter { parameter: string; reason: string }

export interface ResolvedDeployment {
  target: DeploymentConfig['target'];
  /** The session cluster a session deployment is submitted to. */
  session?: string;
  flinkVersion: FlinkVersion;
  flinkConfiguration: Record<string, string>;
  dependencies: string[];
  /** A per-job cluster's log4j2 settings; null for a session deployment (the session cluster's own apply). */
  logging: { rootLevel: string; loggers: Record<string, string>; profile: string; log4jProperties: string } | null;
  /** A per-job cluster's size; null for a session deployment. */
  resources: { taskManagers: number; jobManager: { cpu: number; memory: string }; taskManager: { cpu: number; memory: string; slots: number } } | null;
  imageTag: string | null;
  behavior: DeploymentConfig['behavior'];
  ignored: IgnoredParameter[];
  /** Keys of flinkConfiguration that replace what a parameter set. */
  overridden: Array<{ key: string; parameter: string; value: string }>;
}

/** Parameters a session deployment cannot set (the session cluster owns them), by path prefix. */
const PER_JOB_ONLY = ['resources', 'highAvailability', 'logging', 'imageTag'];

/**
 * `present` holds the dotted paths written in the file (parse.ts `presentPaths`): only those are reported as
 * ignored, so a default never produces a warning.
 */
export function resolveConfig(config: DeploymentConfig, present: ReadonlySet<string> = new Set()): ResolvedDeployment {
  const version = config.flinkVersion;
  const names = KEYS[version];
  const perJob = config.target === 'per-job';
  const keys = new Map<string, { value: string; parameter: string }>();
  const set = (key: string, value: string | number | boolean, parameter: string) => keys.set(key, { value: String(value), parameter });

  set('pipeline.name', config.name, 'name');
  set('parallelism.default', config.parallelism, 'parallelism');
  const cp = config.checkpointing;
  if (cp.interval !== undefined) {
    set('execution.checkpointing.interval', cp.interval, 'checkpointing.interval');
    set('execution.checkpointing.min-pause', cp.minPause, 'checkpointing.minPause');
    set('execution.checkpointing.externalized-checkpoint-retention', RETENTION[cp.retention], 'checkpointing.retention');
    set(names.unaligned, cp.unaligned, 'checkpointing.unaligned');
  }
  const rs = config.restartStrategy;
  if (rs) {
    set('restart-strategy.type', rs.type, 'restartStrategy.type');
    if (rs.type === 'fixed-delay') {
      set('restart-strategy.fixed-delay.attempts', rs.attempts, 'restartStrategy.attempts');
      set('restart-strategy.fixed-delay.delay', rs.delay, 'restartStrategy.delay');
    } else if (rs.type === 'failure-rate') {
      set('restart-strategy.failure-rate.max-failures-per-interval', rs.maxFailures, 'restartStrategy.maxFailures');
      set('restart-strategy.failure-rate.failure-rate-interval', rs.interval, 'restartStrategy.interval');
      set('restart-strategy.failure-rate.delay', rs.delay, 'restartStrategy.delay');
    }
  }
  if (config.kerberos?.keytab && config.kerberos.principal && config.kerberos.krb5Conf) {
    set('security.kerberos.login.keytab', config.kerberos.keytab, 'kerberos.keytab');
    set('security.kerberos.login.principal', config.kerberos.principal, 'kerberos.principal');
    set('security.kerberos.krb5-conf.path', config.kerberos.krb5Conf, 'kerberos.krb5Conf');
  }

  const r = config.resources;
  const imageTag = config.imageTag ?? `${FLINK_IMAGE_RELEASES[version]}-java17`;
  if (perJob) {
    if (config.highAvailability.type === 'kubernetes') {
      set('high-availability.type', 'kubernetes', 'highAvailability.type');
      set('high-availability.storageDir', config.highAvailability.storageDir, 'highAvailability.storageDir');
    }
    set('jobmanager.memory.process.size', flinkMemory(parseMemory(r.jobManager.memory)!), 'resources.jobManager.memory');
    set('taskmanager.memory.process.size', flinkMemory(parseMemory(r.taskManager.memory)!), 'resources.taskManager.memory');
    set('taskmanager.numberOfTaskSlots', r.taskManager.slots, 'resources.taskManager.slots');
    set(names.jmCpu, r.jobManager.cpu, 'resources.jobManager.cpu');
    set(names.tmCpu, r.taskManager.cpu, 'resources.taskManager.cpu');
    set('kubernetes.container.image.ref', `flink:${imageTag}`, 'imageTag');
  }

  const overridden: ResolvedDeployment['overridden'] = [];
  for (const [key, value] of Object.entries(config.flinkConfiguration)) {
    const before = keys.get(key);
    if (before) overridden.push({ key, parameter: before.parameter, value: before.value });
    set(key, value, `flinkConfiguration.${key}`);
  }

  const ignored: IgnoredParameter[] = [];
  if (!perJob) {
    for (const top of PER_JOB_ONLY) if (present.has(top)) ignored.push({ parameter: top, reason: SESSION_SHARED_REASON });
  } else if (present.has('session')) {
    ignored.push({ parameter: 'session', reason: PER_JOB_SESSION_REASON });
  }

  const taskManagers = r.taskManagers ?? Math.ceil(config.parallelism / r.taskManager.slots);
  return {
    target: config.target,
    ...(perJob ? {} : { session: config.session }),
    flinkVersion: version,
    flinkConfiguration: Object.fromEntries([...keys].map(([k, v]) => [k, v.value])),
    dependencies: config.dependencies,
    logging: perJob ? { ...config.logging, log4jProperties: log4jProperties(config.logging) } : null,
    resources: perJob ? { taskManagers, jobManager: r.jobManager, taskManager: r.taskManager } : null,
    imageTag: perJob ? imageTag : null,
    behavior: config.behavior,
    ignored,
    overridden,
  };
}

/**
 * The log4j2 properties lines the levels become (merged into the profile's template at deployment). The schema
 * checks names and levels; every value is still escaped as java.util.Properties reads it, so no value can end its
 * line and add an appender of its own (the review shipped every log line to another host that way).
 */
export function log4jProperties(logging: DeploymentConfig['logging']): string {
  const lines = [`rootLogger.level = ${propertiesValue(logging.rootLevel)}`];
  Object.entries(logging.loggers).forEach(([name, level], i) => {
    lines.push(`logger.custom${i}.name = ${propertiesValue(name)}`, `logger.custom${i}.level = ${propertiesValue(level)}`);
  });
  return `${lines.join('\n')}\n`;
}

const PROPERTIES_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\f': '\\f' };

/** A value as java.util.Properties.store writes it: one line, backslashes and controls escaped, no leading blank lost. */
export function propertiesValue(value: string): string {
  return value
    .replace(/[\\\n\r\t\f]|[^\x20-\x7e]/g, (c) => PROPERTIES_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/^ /, '\\ ');
}
