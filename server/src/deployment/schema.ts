// The one zod schema of `<name>.deployment.yaml`: types, defaults, the rules between fields, and the
// normalisation of memory sizes and durations. The JSON Schema (schemas/deployment.schema.json) is generated
// from it (scripts/deploymentSchema.ts); parse.ts puts its issues on the YAML's lines.
import * as z from 'zod';
import { FLINK_VERSIONS, describePath as d } from './fields';
import { formatDuration, formatMemory, GIB, MIB, parseDuration, parseMemory } from './units';

export const DRAFT_TYPES = ['SQL', 'JAR', 'PYTHON'] as const;
export const DEPLOYMENT_TARGETS = ['per-job', 'session'] as const;
export const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'] as const;

const duration = (what: string) => z.union([z.string(), z.number()])
  .transform((v, ctx) => {
    const ms = parseDuration(v);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `${what}: "${v}" is not a duration; write e.g. 10 s, 1 min, 500ms` });
      return z.NEVER;
    }
    return formatDuration(ms);
  });

const memory = (what: string, minBytes: number, minText: string) => z.union([z.string(), z.number()])
  .transform((v, ctx) => {
    const bytes = parseMemory(v);
    if (bytes === undefined) {
      ctx.addIssue({ code: 'custom', message: `${what}: "${v}" is not a memory size; write e.g. 1024 MiB, 1.5 GiB, 1g, 512m` });
      return z.NEVER;
    }
    if (bytes < minBytes) {
      ctx.addIssue({ code: 'custom', message: `${what} must be at least ${minText} (got ${formatMemory(bytes)})` });
      return z.NEVER;
    }
    return formatMemory(bytes);
  });

const atLeast1 = (what: string) => z.int({ error: `${what} must be a whole number` }).min(1, { error: `${what} must be at least 1` });
const positive = (what: string) => z.number({ error: `${what} must be a number` }).positive({ error: `${what} must be more than 0` });
const oneOf = <const T extends readonly [string, ...string[]]>(what: string, values: T) =>
  z.enum(values, { error: () => `${what} must be one of ${values.join(', ')}` });
const text = (what: string) => z.string({ error: `${what} must be text` }).min(1, { error: `${what} must not be empty` });

/** group:artifact:version (optionally with packaging/classifier, and a pinned `@sha256:<hex>`), or a path ending in .jar. */
const MAVEN = /^[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+){1,3}(@sha256:[0-9a-fA-F]{64})?$/;
const dependency = z.string({ error: 'a dependency must be text' }).refine((s) => MAVEN.test(s) || /\.jar$/i.test(s), {
  error: (i) => `dependency "${String(i.input)}" is neither a jar path (….jar) nor Maven coordinates group:artifact:version (optionally @sha256:<64 hex digits>)`,
});

/** A Docker image tag: it is interpolated into the manifest, its comments and the Dockerfile, so nothing else passes. */
export const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const imageTag = text('imageTag').regex(IMAGE_TAG, {
  error: (i) => `imageTag ${JSON.stringify(String(i.input))} is not a Docker image tag (letters, digits, _ . - ; at most 128, not starting with . or -)`,
});

/** A log4j logger name (a Java package or class): the name is written into log4j properties, so nothing else passes. */
export const LOGGER_NAME = /^[A-Za-z0-9_$.-]+$/;
const loggerName = z.string().min(1, { error: 'a logger name must not be empty' }).regex(LOGGER_NAME, {
  error: (i) => `logger name ${JSON.stringify(String(i.input))} is not a Java package or class name (letters, digits, _ $ . -)`,
});

const flinkVersion = z.union([z.enum(FLINK_VERSIONS), z.literal(2.3)], {
  error: () => `flinkVersion must be one of ${FLINK_VERSIONS.map((v) => `"${v}"`).join(', ')} (quote it: YAML reads 1.20 as the number 1.2)`,
}).transform((v) => String(v) as (typeof FLINK_VERSIONS)[number]);

const kerberos = z.strictObject({
  keytab: text('kerberos.keytab').optional().describe(d('kerberos.keytab')),
  principal: text('kerberos.principal').optional().describe(d('kerberos.principal')),
  krb5Conf: text('kerberos.krb5Conf').optional().describe(d('kerberos.krb5Conf')),
}).superRefine((k, ctx) => {
  const set = (['keytab', 'principal', 'krb5Conf'] as const).filter((f) => k[f] !== undefined);
  if (set.length > 0 && set.length < 3) {
    for (const missing of (['keytab', 'principal', 'krb5Conf'] as const).filter((f) => k[f] === undefined)) {
      ctx.addIssue({ code: 'custom', path: [], message: `kerberos needs keytab, principal and krb5Conf, or none of them: ${missing} is missing` });
    }
  }
});

const behavior = z.strictObject({
  restoreStrategy: oneOf('behavior.restoreStrategy', ['latest-state', 'latest-savepoint', 'none']).default('latest-state').describe(d('behavior.restoreStrategy')),
  maxJobCreationAttempts: atLeast1('behavior.maxJobCreationAttempts').default(4).describe(d('behavior.maxJobCreationAttempts')),
  stopWithDrain: z.boolean({ error: 'behavior.stopWithDrain must be true or false' }).default(false).describe(d('behavior.stopWithDrain')),
});

const checkpointing = z.strictObject({
  interval: duration('checkpointing.interval').optional().describe(d('checkpointing.interval')),
  minPause: duration('checkpointing.minPause').default('0 ms').describe(d('checkpointing.minPause')),
  retention: oneOf('checkpointing.retention', ['always', 'only-when-failed', 'never']).default('never').describe(d('checkpointing.retention')),
  unaligned: z.boolean({ error: 'checkpointing.unaligned must be true or false' }).default(false).describe(d('checkpointing.unaligned')),
}).superRefine((c, ctx) => {
  if (c.interval === undefined && c.retention !== 'never') {
    ctx.addIssue({ code: 'custom', path: ['retention'], message: `checkpointing.retention "${c.retention}" needs a checkpointing.interval: without one checkpointing is off` });
  }
});

const restartStrategy = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  z.strictObject({
    type: z.literal('fixed-delay'),
    attempts: atLeast1('restartStrategy.attempts').default(3).describe(d('restartStrategy.attempts')),
    delay: duration('restartStrategy.delay').default('1 s').describe(d('restartStrategy.delay')),
  }),
  z.strictObject({
    type: z.literal('failure-rate'),
    maxFailures: atLeast1('restartStrategy.maxFailures').default(1).describe(d('restartStrategy.maxFailures')),
    interval: duration('restartStrategy.interval').default('1 min').describe(d('restartStrategy.interval')),
    delay: duration('restartStrategy.delay').default('1 s').describe(d('restartStrategy.delay')),
  }),
], { error: () => 'restartStrategy.type must be one of none, fixed-delay, failure-rate' });

const highAvailability = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  z.strictObject({ type: z.literal('kubernetes'), storageDir: text('highAvailability.storageDir').describe(d('highAvailability.storageDir')) }),
], { error: () => 'highAvailability.type must be none or kubernetes' });

const configValue = z.union([z.string(), z.number(), z.boolean()], { error: 'a configuration value must be text, a number or true/false' });

const resources = z.strictObject({
  taskManagers: atLeast1('resources.taskManagers').optional().describe(d('resources.taskManagers')),
  jobManager: z.strictObject({
    cpu: positive('resources.jobManager.cpu').default(1).describe(d('resources.jobManager.cpu')),
    memory: memory('resources.jobManager.memory', 500 * MIB, '500 MiB').default('1 GiB').describe(d('resources.jobManager.memory')),
  }).prefault({}),
  taskManager: z.strictObject({
    cpu: positive('resources.taskManager.cpu').default(1).describe(d('resources.taskManager.cpu')),
    memory: memory('resources.taskManager.memory', GIB, '1 GiB').default('2 GiB').describe(d('resources.taskManager.memory')),
    slots: atLeast1('resources.taskManager.slots').default(1).describe(d('resources.taskManager.slots')),
  }).prefault({}),
});

const logging = z.strictObject({
  rootLevel: oneOf('logging.rootLevel', LOG_LEVELS).default('INFO').describe(d('logging.rootLevel')),
  loggers: z.record(loggerName, oneOf('a logger level', LOG_LEVELS), {
    // zod reports a bad key as "Invalid key in record": say what is wrong with it.
    error: (i) => (i.code === 'invalid_key' ? i.issues[0]?.message : undefined),
  }).default({}).describe(d('logging.loggers')),
  profile: text('logging.profile').default('default').describe(d('logging.profile')),
});

/** A JAR draft's job: its Maven project (built first) or a built jar, the entry class and the main's arguments. */
const jar = z.strictObject({
  project: text('jar.project').optional().describe(d('jar.project')),
  file: text('jar.file').regex(/\.jar$/i, { error: 'jar.file must name a .jar file' }).optional().describe(d('jar.file')),
  entryClass: text('jar.entryClass').regex(/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/, { error: (i) => `jar.entryClass ${JSON.stringify(String(i.input))} is not a Java class name (e.g. com.example.OrdersJob)` }).optional().describe(d('jar.entryClass')),
  args: z.array(z.string({ error: 'a program argument must be text' }), { error: 'jar.args must be a list' }).default([]).describe(d('jar.args')),
  allowNonRestoredState: z.boolean({ error: 'jar.allowNonRestoredState must be true or false' }).default(false).describe(d('jar.allowNonRestoredState')),
}).superRefine((j, ctx) => {
  if (!j.project === !j.file) ctx.addIssue({ code: 'custom', path: [], message: 'jar needs a Maven project (jar.project) or a built jar (jar.file), one of them' });
});

/** A PYTHON draft's job: the PyFlink script Flink's Python driver runs, its arguments. */
const python = z.strictObject({
  file: text('python.file').regex(/\.py$/i, { error: 'python.file must name a .py file' }).describe(d('python.file')),
  args: z.array(z.string({ error: 'a program argument must be text' }), { error: 'python.args must be a list' }).default([]).describe(d('python.args')),
  allowNonRestoredState: z.boolean({ error: 'python.allowNonRestoredState must be true or false' }).default(false).describe(d('python.allowNonRestoredState')),
});

export const deploymentSchema = z.strictObject({
  name: text('name').describe('The draft\'s name (its file name without .flink.sql); also the Flink job name.'),
  type: oneOf('type', DRAFT_TYPES).describe('What the draft is: SQL, JAR or PYTHON.'),
  target: oneOf('target', DEPLOYMENT_TARGETS).describe(d('target')),
  session: text('session').default('local').describe(d('session')),
  parallelism: atLeast1('parallelism').default(1).describe(d('parallelism')),
  dependencies: z.array(dependency, { error: 'dependencies must be a list' }).default([]).describe(d('dependencies')),
  flinkVersion: flinkVersion.default('2.3').describe(d('flinkVersion')),
  jar: jar.optional().describe('JAR drafts: the job\'s Maven project or jar, entry class and arguments.'),
  python: python.optional().describe('PYTHON drafts: the PyFlink script and its arguments.'),
  imageTag: imageTag.optional().describe(d('imageTag')),
  kerberos: kerberos.optional().describe('Kerberos: keytab, principal and krb5.conf, all or none.'),
  behavior: behavior.prefault({}).describe('Behavior: restore, submission attempts, stop with drain.'),
  checkpointing: checkpointing.prefault({}).describe('Checkpointing.'),
  restartStrategy: restartStrategy.optional().describe(d('restartStrategy.type')),
  highAvailability: highAvailability.default({ type: 'none' }).describe(d('highAvailability.type')),
  flinkConfiguration: z.record(z.string().min(1), configValue, { error: 'flinkConfiguration must be a mapping of key: value' }).default({}).describe(d('flinkConfiguration')),
  resources: resources.prefault({}).describe('Resources of a per-job cluster.'),
  logging: logging.prefault({}).describe('Logging of a per-job cluster.'),
}, { error: (i) => (i.code === 'invalid_type' ? 'expected a YAML mapping with name, type and target' : undefined) }).superRefine((c, ctx) => {
  if (c.type === 'JAR' && !c.jar) ctx.addIssue({ code: 'custom', path: ['type'], message: 'a JAR draft names its job: jar: { project: <Maven project folder> } or jar: { file: <built .jar> }, with entryClass and args' });
  if (c.type !== 'JAR' && c.jar) ctx.addIssue({ code: 'custom', path: ['jar'], message: `jar is for JAR drafts; this draft's type is ${c.type}` });
  if (c.type === 'PYTHON' && !c.python) ctx.addIssue({ code: 'custom', path: ['type'], message: 'a PYTHON draft names its script: python: { file: <name>.py }, with args' });
  if (c.type !== 'PYTHON' && c.python) ctx.addIssue({ code: 'custom', path: ['python'], message: `python is for PYTHON drafts; this draft's type is ${c.type}` });
});

/** A validated config with every default filled in and memory sizes and durations normalised. */
export type DeploymentConfig = z.output<typeof deploymentSchema>;
/** What may be written in the file. */
export type DeploymentConfigInput = z.input<typeof deploymentSchema>;
