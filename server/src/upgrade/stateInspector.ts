// Asks the state inspector shipped in the package (out/state-inspector.jar, tools/state-inspector) two questions,
// each in one JVM with the draft's Flink distribution on the classpath: which operators a savepoint or retained
// checkpoint keeps state for (its _metadata), and which operator ids a draft's job would get (planned as the
// cluster plans it: DDL and SET applied, INSERTs translated into a JobGraph; no job runs, no cluster is asked).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readyFlink } from '../flink/ensureFlink';
import { runJavaJson, shippedJar } from '../flink/javaHelper';
import { classpathFor, resolveFlinkVersion } from '../flink/provision';
import { planStatements, type StatementPlan } from '../deploy/statementPlan';

export interface SavepointOperator {
  id: string;
  /** Flink 2.x keeps the operator's uid and name in the metadata; 1.20 does not. */
  uid?: string;
  name?: string;
  parallelism: number;
  maxParallelism: number;
  stateBytes: number;
  subtaskStates: number;
  /** Flink's own test: state the new job must have an operator for, or the restore fails (without allowNonRestoredState). */
  hasState: boolean;
  /** Keyed state: its key as written ("ROW<user_id INT>") and its states' names. */
  keyType?: string;
  states?: string[];
  /** `check` only: the key the new job's operator of the same id reads with, and Flink's verdict on reading the old one with it. */
  nextKeyType?: string;
  keyCompatibility?: 'compatible' | 'after-migration' | 'incompatible';
  /**
   * `check` only, keyed operators the new job keeps by id: whether the new operator reads each saved state's value
   * (an aggregate's accumulators, a TOP-N's rows; ValueLayout.java), what it reads differently or no longer reads, and
   * why it could not tell.
   */
  valueCompatibility?: 'compatible' | 'incompatible' | 'unknown';
  valueChanges?: string[];
  valueReason?: string;
}

export interface SavepointState { checkpointId: number; operators: SavepointOperator[] }

/** A stream graph node ("GroupAggregate[4]") and the operator id Flink derives for it, in node id order (EXPLAIN's). */
export interface PlannedNode { name: string; operatorId: string }

export interface PlannedJob {
  nodes: PlannedNode[];
  vertices: Array<{ name: string; parallelism: number; operators: string[] }>;
}

export interface InspectorRun {
  flinkVersion: string;
  /** Connector and dependency jars the draft's tables need (the local cluster's connectors, the config's dependencies). */
  jars?: readonly string[];
  env?: NodeJS.ProcessEnv;
}

export function stateInspectorJar(env: NodeJS.ProcessEnv = process.env): string {
  return shippedJar('state-inspector', 'the state inspector', env.FLINK_SQL_STATE_INSPECTOR_JAR);
}

/**
 * The distribution's jars and the inspector first (the class-data-sharing archive's prefix), the draft's jars last.
 * The archive serves `check` only (Publish's path): a dump by another command would miss the planner's classes.
 */
async function classpath(o: InspectorRun): Promise<{ classpath: string[]; cds: string }> {
  const { dist } = await readyFlink(resolveFlinkVersion(o.flinkVersion));
  const jar = stateInspectorJar(o.env);
  // Named after the inspector jar's size and time: a new extension's jar gets its own archive.
  const st = fs.statSync(jar);
  const cds = path.join(dist.cdsDir, `state-inspector-${st.size}-${Math.round(st.mtimeMs)}`);
  return { classpath: [classpathFor(dist, 'jobmanager'), jar, ...(o.jars ?? [])], cds };
}

/** The operators `dir` (a savepoint or retained checkpoint, `file:` or a path) keeps state for. */
export async function savepointState(dir: string, o: InspectorRun): Promise<SavepointState> {
  return runJavaJson<SavepointState>({
    classpath: (await classpath(o)).classpath, mainClass: 'dev.flinksql.state.StateInspector', args: ['savepoint', dir],
    what: 'The state inspector', on: dir, env: o.env,
  });
}

/** Each script's statements the job is planned from, NUL-separated in a private temp file for the inspector to read. */
async function withScripts<T>(sqls: Array<string | StatementPlan>, fn: (files: string[]) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flink-sql-plan-'));
  try {
    const files = sqls.map((sql, i) => {
      const plan = typeof sql === 'string' ? planStatements(sql) : sql;
      const keep = [...plan.setup, plan.job].map((s) => s.replace(/\0/g, ''));
      const file = path.join(dir, `script-${i}.sql`);
      fs.writeFileSync(file, keep.join('\0'), { mode: 0o600 });
      return file;
    });
    return await fn(files);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface InspectedUpgrade {
  savepoint: SavepointState;
  planned: PlannedJob;
  /** The running version's job, planned the same way (when its SQL was given). */
  previous?: PlannedJob;
}

/**
 * Both questions in one JVM, plus the key check: for each keyed operator of the savepoint whose id the new job keeps,
 * whether the new job's key serializer reads the saved state (Flink's resolveSchemaCompatibility). `previousSql`:
 * the running version's SQL, planned too (the plan view places the savepoint's operators on its graph). `sql` may be
 * the statements as Publish submits them (a compiled plan's EXECUTE PLAN).
 */
export async function inspectUpgrade(dir: string, sql: string | StatementPlan, config: Record<string, string>, o: InspectorRun, previousSql?: string): Promise<InspectedUpgrade> {
  const cp = await classpath(o);
  return withScripts(previousSql === undefined ? [sql] : [sql, previousSql], ([file, previous]) => runJavaJson<InspectedUpgrade>({
    ...cp, mainClass: 'dev.flinksql.state.StateInspector',
    args: ['check', dir, file, ...(previous ? ['--previous', previous] : []), ...Object.entries(config).map(([k, v]) => `${k}=${v}`)],
    what: 'The state inspector', on: dir, env: o.env, maxHeap: '512m',
  }));
}

/**
 * The job graph `sql` (a draft whose secrets are already resolved) would run as: its setup statements and its one job
 * statement as Publish sends them (deploy/statementPlan.ts). `config`: the job's configuration (parallelism,
 * chaining), as key=value pairs.
 */
export async function plannedJob(sql: string, config: Record<string, string>, o: InspectorRun): Promise<PlannedJob> {
  const cp = (await classpath(o)).classpath;
  return withScripts([sql], ([file]) => runJavaJson<PlannedJob>({
    classpath: cp, mainClass: 'dev.flinksql.state.StateInspector',
    args: ['plan', file, ...Object.entries(config).map(([k, v]) => `${k}=${v}`)],
    what: 'The state inspector', on: 'the draft', env: o.env, maxHeap: '512m',
  }));
}
