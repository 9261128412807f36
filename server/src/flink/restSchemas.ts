// zod schemas of the JobManager REST answers the studio reads (shapes confirmed against Flink 2.3.0).
// Objects are loose: Flink adds fields between releases, and the studio only relies on the ones named here.
import { z } from 'zod';

export const JOB_STATES = [
  'INITIALIZING', 'CREATED', 'RUNNING', 'FAILING', 'FAILED', 'CANCELLING', 'CANCELED',
  'FINISHED', 'RESTARTING', 'SUSPENDED', 'RECONCILING',
] as const;
/** Unknown future states are kept as strings rather than rejected. */
const jobState = z.union([z.enum(JOB_STATES), z.string()]);

export const overviewSchema = z.looseObject({
  taskmanagers: z.number(),
  'slots-total': z.number(),
  'slots-available': z.number(),
  'jobs-running': z.number(),
  'jobs-finished': z.number(),
  'jobs-cancelled': z.number(),
  'jobs-failed': z.number(),
  'flink-version': z.string(),
  'flink-commit': z.string().optional(),
});
export type ClusterOverview = z.infer<typeof overviewSchema>;

export const dashboardConfigSchema = z.looseObject({
  'refresh-interval': z.number(),
  'timezone-name': z.string(),
  'timezone-offset': z.number(),
  'flink-version': z.string(),
  'flink-revision': z.string(),
  features: z.looseObject({}),
});
export type DashboardConfig = z.infer<typeof dashboardConfigSchema>;

export const jobOverviewSchema = z.looseObject({
  jid: z.string(),
  name: z.string(),
  state: jobState,
  'start-time': z.number(),
  'end-time': z.number(),
  duration: z.number(),
  'last-modification': z.number(),
  tasks: z.record(z.string(), z.number()),
});
export type JobOverview = z.infer<typeof jobOverviewSchema>;
export const jobsOverviewSchema = z.looseObject({ jobs: z.array(jobOverviewSchema) });

export const vertexSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  parallelism: z.number(),
  status: z.string(),
  'start-time': z.number(),
  'end-time': z.number(),
  duration: z.number(),
  tasks: z.record(z.string(), z.number()),
  // Values may be numbers, booleans or text (accumulated-busy-time is "NaN" while a task starts).
  metrics: z.record(z.string(), z.unknown()).optional(),
});
export const jobDetailsSchema = z.looseObject({
  jid: z.string(),
  name: z.string(),
  isStoppable: z.boolean().optional(),
  state: jobState,
  'job-type': z.string().optional(),
  'start-time': z.number(),
  'end-time': z.number(),
  duration: z.number(),
  now: z.number(),
  timestamps: z.record(z.string(), z.number()),
  vertices: z.array(vertexSchema),
  'status-counts': z.record(z.string(), z.number()),
  plan: z.unknown().optional(),
});
export type JobDetails = z.infer<typeof jobDetailsSchema>;

export const jobStatusSchema = z.looseObject({ status: jobState });

/** 202 answers of /stop and /savepoints. */
export const triggerSchema = z.looseObject({ 'request-id': z.string() });

export const savepointStatusSchema = z.looseObject({
  status: z.looseObject({ id: z.enum(['IN_PROGRESS', 'COMPLETED']) }),
  operation: z.looseObject({
    location: z.string().nullish(),
    'failure-cause': z.looseObject({
      class: z.string().optional(),
      'stack-trace': z.string().optional(),
      'serialized-throwable': z.string().optional(),
    }).nullish(),
  }).nullish(),
});
export type SavepointStatus = z.infer<typeof savepointStatusSchema>;

const exceptionInfoSchema = z.looseObject({
  exceptionName: z.string(),
  stacktrace: z.string(),
  timestamp: z.number(),
  taskName: z.string().nullish(),
  endpoint: z.string().nullish(),
  taskManagerId: z.string().nullish(),
  failureLabels: z.record(z.string(), z.string()).optional(),
});
export const exceptionsSchema = z.looseObject({
  exceptionHistory: z.looseObject({
    entries: z.array(exceptionInfoSchema.extend({ concurrentExceptions: z.array(exceptionInfoSchema).optional() })),
    truncated: z.boolean(),
  }),
});
export type JobExceptions = z.infer<typeof exceptionsSchema>;

export const jobManagerConfigSchema = z.array(z.looseObject({ key: z.string(), value: z.string() }));

export const taskManagersSchema = z.looseObject({
  taskmanagers: z.array(z.looseObject({
    id: z.string(),
    path: z.string(),
    dataPort: z.number(),
    slotsNumber: z.number(),
    freeSlots: z.number(),
    timeSinceLastHeartbeat: z.number(),
  })),
});

/** One checkpoint or savepoint in /jobs/:id/checkpoints (completed, failed, restored differ; only common fields). */
const checkpointEntrySchema = z.looseObject({
  id: z.number(),
  status: z.string().optional(),
  is_savepoint: z.boolean().optional(),
  trigger_timestamp: z.number().optional(),
  latest_ack_timestamp: z.number().optional(),
  restore_timestamp: z.number().optional(),
  external_path: z.string().nullish(),
  discarded: z.boolean().optional(),
});
export const checkpointStatsSchema = z.looseObject({
  counts: z.looseObject({ restored: z.number(), total: z.number(), in_progress: z.number(), completed: z.number(), failed: z.number() }),
  latest: z.looseObject({
    completed: checkpointEntrySchema.nullish(),
    savepoint: checkpointEntrySchema.nullish(),
    failed: checkpointEntrySchema.nullish(),
    restored: checkpointEntrySchema.nullish(),
  }),
});
export type CheckpointStats = z.infer<typeof checkpointStatsSchema>;

/** /jobs/:id/checkpoints/config (checked on 2.3.0). */
export const checkpointConfigSchema = z.looseObject({
  mode: z.string(),
  interval: z.number(),
  min_pause: z.number(),
  externalization: z.looseObject({ enabled: z.boolean(), delete_on_cancellation: z.boolean() }),
  unaligned_checkpoints: z.boolean().optional(),
});
export type CheckpointConfig = z.infer<typeof checkpointConfigSchema>;

/** /jobs/:id/config: the job's execution config ("restart-strategy" is Flink's own description text). */
export const jobConfigSchema = z.looseObject({
  jid: z.string(),
  name: z.string(),
  'execution-config': z.looseObject({
    'restart-strategy': z.string().optional(),
    'job-parallelism': z.number().optional(),
  }).optional(),
});
export type JobConfig = z.infer<typeof jobConfigSchema>;

/** GET …/metrics?get=a,b: the requested metrics that exist, values as text (an unknown name is left out). */
export const metricsSchema = z.array(z.looseObject({ id: z.string(), value: z.string().optional() }));

/** POST /jars/upload: where the JobManager keeps the jar (its file name ends in the jar id). */
export const jarUploadSchema = z.looseObject({ filename: z.string(), status: z.string() });
/** POST /jars/:jarid/plan: the job graph the main method builds, without running it. */
export const jarPlanSchema = z.looseObject({
  plan: z.looseObject({
    jid: z.string().optional(),
    name: z.string().optional(),
    type: z.string().optional(),
    nodes: z.array(z.looseObject({ id: z.string(), parallelism: z.number().optional(), description: z.string().optional() })).default([]),
  }),
});
/** POST /jars/:jarid/run */
export const jarRunSchema = z.looseObject({ jobid: z.string() });
