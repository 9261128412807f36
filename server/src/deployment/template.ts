// The full, commented deployment config New Draft writes: every parameter with its default, so the file
// documents itself and the panel and hand edits start from the same text.
import { jarProjectNames } from '../jar/jarScaffold';
import type { FlinkVersion } from './fields';

export interface TemplateArgs {
  name: string;
  type: 'SQL' | 'JAR' | 'PYTHON';
  target: 'per-job' | 'session';
  flinkVersion?: FlinkVersion;
}

export function renderDeploymentTemplate({ name, type, target, flinkVersion = '2.3' }: TemplateArgs): string {
  return `# Deployment config of the draft "${name}" (Flink SQL Studio). Every key but name/type/target is optional;
# the values below are the defaults. Edit here or with "Flink: Open Deployment Configuration".
# Schema: flink-sql config schema. Resolved Flink configuration: flink-sql config resolve <draft>.
name: ${name}
type: ${type}                       # SQL | JAR | PYTHON
target: ${target}                 # per-job (a dedicated cluster) | session (a running session cluster)
${target === 'session' ? '' : '# '}session: local                    # session target only: local, or the name of a remote connection
parallelism: 1
dependencies: []                  # jar paths (relative to this file) or Maven coordinates group:artifact:version
flinkVersion: "${flinkVersion}"                # "2.3" | "1.20" (quoted: YAML reads 1.20 as 1.2)
${type === 'JAR' ? jarSection(name) : ''}${type === 'PYTHON' ? pythonSection(name) : ''}# imageTag: 2.3.0-java17          # Kubernetes image tag; default derived from flinkVersion
# kerberos: { keytab: secrets/flink.keytab, principal: flink@EXAMPLE.COM, krb5Conf: secrets/krb5.conf }  # all or none

behavior:
  restoreStrategy: latest-state   # latest-state | latest-savepoint | none
  maxJobCreationAttempts: 4
  stopWithDrain: false

checkpointing:
  # interval: 10 s                # empty: checkpointing off. Durations: 10 s, 1 min, 500ms
  minPause: 0 ms
  retention: never                # always | only-when-failed | never (needs an interval)
  unaligned: false

# restartStrategy: { type: fixed-delay, attempts: 3, delay: 1 s }  # or { type: failure-rate, maxFailures: 1, interval: 1 min, delay: 1 s } | { type: none }; default: Flink's
${perJobOnly(target, `highAvailability: { type: none }  # per-job only; or { type: kubernetes, storageDir: s3://bucket/ha }`)}

flinkConfiguration: {}            # more Flink configuration, key: value (unknown keys get a warning)

${perJobOnly(target, `resources:                        # per-job only (a session cluster has its own)
  # taskManagers: 1               # default: parallelism / slots, rounded up
  jobManager: { cpu: 1, memory: 1 GiB }            # memory at least 500 MiB; 1024 MiB, 1.5 GiB, 1g, 512m
  taskManager: { cpu: 1, memory: 2 GiB, slots: 1 }  # memory at least 1 GiB

logging:                          # per-job only
  rootLevel: INFO                 # TRACE | DEBUG | INFO | WARN | ERROR
  loggers: {}                     # e.g. { org.apache.kafka: WARN }
  profile: default                # default, or a log4j2 properties template in the workspace`)}
`;
}

/** A JAR draft's job: the Maven project New Draft scaffolds beside the config (or a built jar instead). */
function jarSection(name: string): string {
  return `jar:
  project: ${name}                 # the Maven project's folder (built with mvn package); or file: path/to/job.jar
  entryClass: ${jarProjectNames(name).entryClass}
  args: []                        # the main's arguments, e.g. ["10"]
  allowNonRestoredState: false    # true: a restore may drop savepoint state no operator claims any more
`;
}

/** A PYTHON draft's job: the PyFlink script New Draft writes beside the config. */
function pythonSection(name: string): string {
  return `python:
  file: ${name}.py                 # the PyFlink script, run by Flink's Python driver
  args: []                        # the script's arguments (sys.argv[1:])
  allowNonRestoredState: false    # true: a restore may drop savepoint state no operator claims any more
`;
}

/** A session cluster has its own resources, HA and logging: there these lines are comments. */
function perJobOnly(target: TemplateArgs['target'], block: string): string {
  if (target === 'per-job') return block;
  return `# Per-job only (the session cluster has its own):\n${block.split('\n').map((l) => (l ? `# ${l}` : l)).join('\n')}`;
}
