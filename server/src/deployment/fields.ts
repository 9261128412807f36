// Every parameter of a deployment config as the panel shows it: section, label, description, default and
// which targets honour it. The zod schema takes its descriptions from here, so the JSON Schema, the panel and
// the CLI speak with one voice.

export const FLINK_VERSIONS = ['2.3', '1.20'] as const;
export type FlinkVersion = (typeof FLINK_VERSIONS)[number];
/** The release each version's Kubernetes image tag names (flink:<release>-java17). What runs locally is the line's pin: resolveFlinkVersion (flink/provision.ts). */
// Its own table: a Kubernetes cluster pulls the official image (any patch), while the local pin must be a patch whose modules all resolve from Maven Central.
export const FLINK_IMAGE_RELEASES: Record<FlinkVersion, string> = { '2.3': '2.3.0', '1.20': '1.20.3' };

export const SECTIONS = ['Basic', 'Configuration', 'Behavior', 'Flink configuration', 'Resources', 'Logging'] as const;
export type Section = (typeof SECTIONS)[number];

export type FieldKind = 'enum' | 'int' | 'number' | 'bool' | 'duration' | 'memory' | 'text' | 'list' | 'map';

export interface FieldInfo {
  /** Dotted path in the YAML, e.g. `checkpointing.interval`. */
  path: string;
  section: Section;
  label: string;
  description: string;
  kind: FieldKind;
  options?: readonly string[];
  /** The default as the user would write it ('' = not set). */
  default: string;
  /** Honoured only by this target; the other greys it out with the reason. */
  only?: 'per-job' | 'session';
  /** Shown only when another field has one of these values (e.g. the restart strategy's own settings). */
  when?: { path: string; values: readonly string[] };
}

export const SESSION_SHARED_REASON = 'A session cluster shares its JobManager and TaskManagers: set this on the session cluster; it applies to per-job deployments only.';
export const PER_JOB_SESSION_REASON = 'Only a session deployment names the session cluster it is submitted to.';

export const FIELDS: readonly FieldInfo[] = [
  { path: 'target', section: 'Basic', label: 'Deployment target', kind: 'enum', options: ['per-job', 'session'], default: 'per-job', description: 'per-job: a dedicated cluster is started for this job; session: the job is submitted to a running session cluster.' },
  { path: 'session', section: 'Basic', label: 'Session cluster', kind: 'text', default: 'local', only: 'session', description: '`local` (the workspace\'s local cluster) or the name of a remote connection in the settings.' },
  { path: 'parallelism', section: 'Basic', label: 'Parallelism', kind: 'int', default: '1', description: 'Default parallelism of the job\'s operators (at least 1).' },
  { path: 'dependencies', section: 'Basic', label: 'Additional dependencies', kind: 'list', default: '', description: 'UDF or connector jars: paths in the workspace (relative to this file) or Maven coordinates group:artifact:version, one per line.' },
  { path: 'jar.project', section: 'Basic', label: 'Maven project', kind: 'text', default: '', when: { path: 'type', values: ['JAR'] }, description: 'JAR drafts: the folder of the job\'s Maven project (relative to this file), built with `mvn package` before Validate, Execute and Publish. Or give a built jar.' },
  { path: 'jar.file', section: 'Basic', label: 'Job jar', kind: 'text', default: '', when: { path: 'type', values: ['JAR'] }, description: 'JAR drafts: a built jar (relative to this file), when there is no Maven project to build.' },
  { path: 'jar.entryClass', section: 'Basic', label: 'Entry class', kind: 'text', default: '', when: { path: 'type', values: ['JAR'] }, description: 'JAR drafts: the class whose main method builds the job; empty: the jar manifest\'s Main-Class.' },
  { path: 'jar.allowNonRestoredState', section: 'Behavior', label: 'Allow non-restored state', kind: 'bool', default: 'false', when: { path: 'type', values: ['JAR'] }, description: 'JAR drafts: a restore may skip savepoint state no operator of the new job claims (an operator removed, or its uid changed). Off: such a restore fails instead of dropping state.' },
  { path: 'jar.args', section: 'Basic', label: 'Program arguments', kind: 'list', default: '', when: { path: 'type', values: ['JAR'] }, description: 'JAR drafts: the arguments of the main method, one per line.' },
  { path: 'python.file', section: 'Basic', label: 'Python script', kind: 'text', default: '', when: { path: 'type', values: ['PYTHON'] }, description: 'PYTHON drafts: the PyFlink script (relative to this file) Flink\'s Python driver runs for Validate, Execute and Publish.' },
  { path: 'python.args', section: 'Basic', label: 'Program arguments', kind: 'list', default: '', when: { path: 'type', values: ['PYTHON'] }, description: 'PYTHON drafts: the script\'s arguments (sys.argv[1:]), one per line.' },
  { path: 'python.allowNonRestoredState', section: 'Behavior', label: 'Allow non-restored state', kind: 'bool', default: 'false', when: { path: 'type', values: ['PYTHON'] }, description: 'PYTHON drafts: a restore may skip savepoint state no operator of the new job claims. Off: such a restore fails instead of dropping state.' },
  { path: 'flinkVersion', section: 'Configuration', label: 'Flink version', kind: 'enum', options: FLINK_VERSIONS, default: '2.3', description: 'The Flink release the job runs on; picks the configuration key names and the known keys.' },
  { path: 'imageTag', section: 'Configuration', label: 'Flink image tag', kind: 'text', default: '', only: 'per-job', description: 'Image tag of the Kubernetes manifests; empty: derived from the version (e.g. 2.3.0-java17).' },
  { path: 'kerberos.keytab', section: 'Configuration', label: 'Kerberos keytab', kind: 'text', default: '', description: 'Path of the keytab in the workspace. Kerberos needs keytab, principal and krb5.conf, or none of them.' },
  { path: 'kerberos.principal', section: 'Configuration', label: 'Kerberos principal', kind: 'text', default: '', description: 'e.g. flink@EXAMPLE.COM' },
  { path: 'kerberos.krb5Conf', section: 'Configuration', label: 'krb5.conf', kind: 'text', default: '', description: 'Path of krb5.conf in the workspace.' },
  { path: 'behavior.restoreStrategy', section: 'Behavior', label: 'Restore strategy', kind: 'enum', options: ['latest-state', 'latest-savepoint', 'none'], default: 'latest-state', description: 'What a (re)start restores: the latest checkpoint or savepoint, the latest savepoint only, or nothing.' },
  { path: 'behavior.maxJobCreationAttempts', section: 'Behavior', label: 'Max job creation attempts', kind: 'int', default: '4', description: 'How often a failed job submission is retried (at least 1).' },
  { path: 'behavior.stopWithDrain', section: 'Behavior', label: 'Stop with drain', kind: 'bool', default: 'false', description: 'Stopping the job first drains it: sources emit MAX_WATERMARK, so event-time timers fire.' },
  { path: 'checkpointing.interval', section: 'Flink configuration', label: 'Checkpointing interval', kind: 'duration', default: '', description: 'e.g. 10 s, 1 min, 500ms. Empty: checkpointing off.' },
  { path: 'checkpointing.minPause', section: 'Flink configuration', label: 'Min pause between checkpoints', kind: 'duration', default: '0 ms', description: 'Minimal time between the end of one checkpoint and the start of the next.' },
  { path: 'checkpointing.retention', section: 'Flink configuration', label: 'Checkpoint retention', kind: 'enum', options: ['never', 'only-when-failed', 'always'], default: 'never', description: 'Keep the last checkpoint when the job is cancelled (always), only when it failed, or never. Needs an interval.' },
  { path: 'checkpointing.unaligned', section: 'Flink configuration', label: 'Unaligned checkpoints', kind: 'bool', default: 'false', description: 'Checkpoints overtake in-flight data, so they finish under backpressure.' },
  { path: 'restartStrategy.type', section: 'Flink configuration', label: 'Restart strategy', kind: 'enum', options: ['', 'none', 'fixed-delay', 'failure-rate'], default: '', description: 'Empty: Flink\'s default (exponential delay when checkpointing is on, else none).' },
  { path: 'restartStrategy.attempts', section: 'Flink configuration', label: 'Restart attempts', kind: 'int', default: '3', when: { path: 'restartStrategy.type', values: ['fixed-delay'] }, description: 'Restarts before the job fails for good.' },
  { path: 'restartStrategy.maxFailures', section: 'Flink configuration', label: 'Max failures per interval', kind: 'int', default: '1', when: { path: 'restartStrategy.type', values: ['failure-rate'] }, description: 'Failures within the interval before the job fails for good.' },
  { path: 'restartStrategy.interval', section: 'Flink configuration', label: 'Failure-rate interval', kind: 'duration', default: '1 min', when: { path: 'restartStrategy.type', values: ['failure-rate'] }, description: 'The window in which failures are counted.' },
  { path: 'restartStrategy.delay', section: 'Flink configuration', label: 'Restart delay', kind: 'duration', default: '1 s', when: { path: 'restartStrategy.type', values: ['fixed-delay', 'failure-rate'] }, description: 'Wait between a failure and the restart.' },
  { path: 'highAvailability.type', section: 'Flink configuration', label: 'JobManager high availability', kind: 'enum', options: ['none', 'kubernetes'], default: 'none', only: 'per-job', description: 'kubernetes: leader election and job metadata through Kubernetes ConfigMaps.' },
  { path: 'highAvailability.storageDir', section: 'Flink configuration', label: 'HA storage directory', kind: 'text', default: '', only: 'per-job', when: { path: 'highAvailability.type', values: ['kubernetes'] }, description: 'Where the JobManager keeps its metadata, e.g. s3://bucket/ha.' },
  { path: 'flinkConfiguration', section: 'Flink configuration', label: 'Additional configuration', kind: 'map', default: '', description: 'More Flink configuration, one `key: value` per line. Keys this Flink version does not know get a warning.' },
  { path: 'resources.taskManagers', section: 'Resources', label: 'Number of TaskManagers', kind: 'int', default: '', only: 'per-job', description: 'Empty: parallelism ÷ slots per TaskManager, rounded up.' },
  { path: 'resources.taskManager.slots', section: 'Resources', label: 'Slots per TaskManager', kind: 'int', default: '1', only: 'per-job', description: 'Task slots of each TaskManager.' },
  { path: 'resources.jobManager.cpu', section: 'Resources', label: 'JobManager CPUs', kind: 'number', default: '1', only: 'per-job', description: 'CPU cores of the JobManager (more than 0).' },
  { path: 'resources.jobManager.memory', section: 'Resources', label: 'JobManager memory', kind: 'memory', default: '1 GiB', only: 'per-job', description: 'Total process memory, at least 500 MiB: 1024 MiB, 1.5 GiB, 1g, 512m.' },
  { path: 'resources.taskManager.cpu', section: 'Resources', label: 'TaskManager CPUs', kind: 'number', default: '1', only: 'per-job', description: 'CPU cores of each TaskManager (more than 0).' },
  { path: 'resources.taskManager.memory', section: 'Resources', label: 'TaskManager memory', kind: 'memory', default: '2 GiB', only: 'per-job', description: 'Total process memory of each TaskManager, at least 1 GiB.' },
  { path: 'logging.rootLevel', section: 'Logging', label: 'Root log level', kind: 'enum', options: ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'], default: 'INFO', only: 'per-job', description: 'Level of the root logger.' },
  { path: 'logging.loggers', section: 'Logging', label: 'Log levels per logger', kind: 'map', default: '', only: 'per-job', description: 'One `logger.name: LEVEL` per line, e.g. org.apache.kafka: WARN.' },
  { path: 'logging.profile', section: 'Logging', label: 'Logging profile', kind: 'text', default: 'default', only: 'per-job', description: '`default`, or the path of a custom log4j2 properties template in the workspace.' },
];

export function fieldInfo(path: string): FieldInfo | undefined {
  return FIELDS.find((f) => f.path === path);
}

/** The description of a path, for the schema (`.describe`). */
export function describePath(path: string): string {
  const f = fieldInfo(path);
  if (!f) return '';
  const def = f.default ? ` Default: ${f.default}.` : '';
  const only = f.only === 'per-job' ? ' Per-job deployments only.' : f.only === 'session' ? ' Session deployments only.' : '';
  return `${f.label}: ${f.description}${def}${only}`;
}
