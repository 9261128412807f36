// The ONE declaration of the custom LSP messages (`flinkSql/...`) exchanged by the extension client and the
// server. Imported by both sides, so it must stay free of node-only and `vscode` imports.
// Each message says which way it travels: client → server or server → client.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { UdfInfo } from './udf/types';
import type { PlanGraph } from './plan/planModel';
import type { UpgradeCheck } from './upgrade/verdicts';

/** The language id of Flink SQL documents (client document selector, server language checks). */
export const FLINK_SQL_LANGUAGE_ID = 'flink-sql';

export type ServerHealth = 'ok' | 'warning' | 'error';

export interface ServerStatusParams {
  /** `warning`: a request failed internally (details in the server log); the server keeps serving. */
  health: ServerHealth;
  /** Short text for a status bar tooltip. */
  message?: string;
  /** The server's package version, sent with the first status after `initialized`. */
  version?: string;
}

/** server → client: the server's health, sent after `initialized` and whenever it changes. */
export const ServerStatusNotification = new NotificationType<ServerStatusParams>('flinkSql/serverStatus');

// ---- Flink: validate, execute, local cluster, catalogs (handlers in server/src/lsp/flink*.ts) ----

export type FlinkTargetKind = 'local' | 'remote';

/**
 * Where Flink is, sent with every Flink request (the server keeps no connection settings). The auth header's
 * VALUE comes from VS Code SecretStorage and is only ever held in memory for the request.
 */
export interface FlinkConnectionParams {
  target: FlinkTargetKind;
  /** local: the workspace folder whose `.flink/` holds the local cluster. */
  workspaceDir?: string;
  /** remote: the SQL Gateway and (optional) JobManager REST endpoints. */
  gatewayUrl?: string;
  restUrl?: string;
  rejectUnauthorized?: boolean;
  /** The auth header in clear: shows up in `flinkSql.trace.server: verbose` logs; prefer `sealedAuthHeader`. */
  authHeader?: { name: string; value: string };
  /**
   * The auth header sealed for this server process (util/sealed.ts): `seal(key, JSON.stringify({ name, value }))`
   * under the key the client put in the server's environment (FLINK_SQL_SEAL_KEY) at spawn, so traces show ciphertext.
   * Wins over `authHeader`.
   */
  sealedAuthHeader?: string;
  /** remote: send the auth header (or URL userinfo) over plain http to a host other than this machine; default false (refused). */
  allowInsecureAuth?: boolean;
  /** local: start the cluster when it is not running (default true). */
  autoStart?: boolean;
  /** local: connectors whose pinned jars go on the cluster's classpath when it starts (flinkSql.localCluster.connectors). */
  connectors?: string[];
}

export interface FlinkValidateParams {
  uri: string;
  connection: FlinkConnectionParams;
}

export interface FlinkValidateResult {
  ok: boolean;
  /** Only the planner's findings (source "flink"); syntax diagnostics keep coming from publishDiagnostics. */
  diagnostics: Diagnostic[];
  validatedOnFlink: boolean;
  flinkVersion?: string;
  elapsedMs: number;
  /** "Validated on Flink 2.3 in 412 ms", or why not. */
  summary: string;
}

/** client → server: validates a draft on the real planner (local syntax first). */
export const FlinkValidateRequest = new RequestType<FlinkValidateParams, FlinkValidateResult, void>('flinkSql/validate');

export type { PlanEdge, PlanGraph, PlanNode, PlanSource } from './plan/planModel';

export interface FlinkPlanResult {
  ok: boolean;
  flinkVersion?: string;
  /** One graph per planned statement (INSERT, statement set, query), each node with the draft lines it comes from. */
  graphs: PlanGraph[];
  /** Statements Flink refused, on their lines. */
  problems: { range: Range; message: string }[];
  /** `table.exec.state.ttl` as the draft's SETs leave it ("none (kept forever)" when 0). */
  stateTtl?: string;
  elapsedMs: number;
  /** "Planned 1 statement on Flink 2.3 in 812 ms", or why not. */
  summary: string;
}

/** client → server: the draft's optimized plan from the real planner (EXPLAIN CHANGELOG_MODE, JSON_EXECUTION_PLAN); runs no job. */
export const FlinkPlanRequest = new RequestType<FlinkValidateParams, FlinkPlanResult, void>('flinkSql/plan');

export interface FlinkExecuteParams {
  uri: string;
  connection: FlinkConnectionParams;
  /** Chosen by the client; names this execution in events and in cancelExecution. */
  executionId: string;
  /** Run only this statement (0-based), after the draft's preceding DDL/SET/USE statements. */
  statementIndex?: number;
  /** Rows per query before it is stopped. */
  limit: number;
  /** Give up on a query with fewer rows than `limit` after this long (unbounded sources). */
  queryTimeoutMs?: number;
}

export type ResultRowKind = 'INSERT' | 'UPDATE_BEFORE' | 'UPDATE_AFTER' | 'DELETE';
export interface ResultRow { kind: ResultRowKind; fields: unknown[] }
export interface ResultColumnInfo { name: string; type: string }

/**
 * One step of an execution; `statement` is the 0-based statement index in the draft. A preview's captured results
 * also carry `result` (one per sink, so a statement set gives several): the results view shows each as its own entry.
 */
export type ExecutionEvent =
  /**
   * `sink`: a preview's captured result, the table the rows would have gone to (absent for a SELECT).
   * `writesTo`: Execute's INSERT / statement set, the real sinks its job writes into (its rows are not shown).
   */
  | { type: 'start'; statement: number; result?: number; sink?: string; writesTo?: string[]; line: number; kind: string; flinkVersion: string; text: string }
  | { type: 'columns'; statement: number; result?: number; columns: ResultColumnInfo[] }
  | { type: 'rows'; statement: number; result?: number; rows: ResultRow[] }
  /** `timedOut`: a preview's capture stopped at its time limit (the source may be unbounded). */
  | { type: 'end'; statement: number; result?: number; jobId?: string; rowCount: number; truncated: boolean; timedOut?: boolean; elapsedMs: number }
  /** A statement a preview does not run (UPDATE, DELETE, STOP JOB…): it would act on a real system. */
  | { type: 'skipped'; statement: number; line: number; kind: string; reason: string; text: string }
  | { type: 'error'; statement: number; result?: number; message: string; line: number; range: Range }
  | { type: 'done'; ok: boolean; cancelled: boolean; message?: string; elapsedMs: number };

export interface FlinkExecutionEventParams {
  executionId: string;
  uri: string;
  /** Batched: rows arriving within one flush interval travel together. */
  events: ExecutionEvent[];
}

/** client → server: executes a draft (or one statement); events stream as flinkSql/executionEvent; answers when done. */
export const FlinkExecuteRequest = new RequestType<FlinkExecuteParams, Extract<ExecutionEvent, { type: 'done' }>, void>('flinkSql/execute');
/** client → server: stops a running execution or preview (its query jobs are cancelled). */
export const FlinkCancelExecutionRequest = new RequestType<{ executionId: string }, { cancelled: boolean }, void>('flinkSql/cancelExecution');
/** server → client: events of a running execution, in order. */
export const FlinkExecutionEventNotification = new NotificationType<FlinkExecutionEventParams>('flinkSql/executionEvent');

export interface FlinkPreviewParams {
  uri: string;
  connection: FlinkConnectionParams;
  /** Chosen by the client; names this preview in events and in cancelExecution (a preview is an execution). */
  executionId: string;
  /** Preview only this INSERT / statement set (0-based), after the draft's preceding DDL/SET/USE statements. */
  statementIndex?: number;
  /** Rows per captured sink before it is stopped. */
  limit: number;
  /** Stops every capture still running this long after the preview began (unbounded sources). */
  timeoutMs?: number;
}

/**
 * client → server: runs a draft with every INSERT's sink captured (nothing is written) and its sources mocked from
 * `<name>.mocks.yaml`; events stream as flinkSql/executionEvent, Stop is flinkSql/cancelExecution; answers when done.
 */
export const FlinkPreviewRequest = new RequestType<FlinkPreviewParams, Extract<ExecutionEvent, { type: 'done' }>, void>('flinkSql/preview');

export type ConnectionState = 'unknown' | 'stopped' | 'starting' | 'running' | 'unhealthy' | 'unreachable';

export interface FlinkConnectionStatus {
  target: FlinkTargetKind;
  state: ConnectionState;
  flinkVersion?: string;
  gatewayUrl?: string;
  restUrl?: string;
  /** local: where the cluster's logs are. */
  logDir?: string;
  /** Progress while starting, or what is wrong. */
  message?: string;
}

export interface FlinkLocalClusterParams {
  action: 'start' | 'stop' | 'status';
  workspaceDir: string;
  /** The cluster of this Flink version (a line such as "1.20", or a pinned version); default: the default version's. */
  flinkVersion?: string;
  /** stop: every local cluster of the workspace, whatever its version (flinkVersion is then ignored). */
  allVersions?: boolean;
  /** start: connectors whose pinned jars go on the cluster's classpath (flinkSql.localCluster.connectors). */
  connectors?: string[];
}

/** client → server: starts/stops/inspects one version's local cluster of the workspace (the server owns its processes). */
export const FlinkLocalClusterRequest = new RequestType<FlinkLocalClusterParams, FlinkConnectionStatus, void>('flinkSql/localCluster');
/** client → server: is the configured target reachable (cheap; the status bar polls it). */
export const FlinkCheckConnectionRequest = new RequestType<{ connection: FlinkConnectionParams }, FlinkConnectionStatus, void>('flinkSql/checkConnection');
/** server → client: what the server learned about the connection (start progress, reachable or not). */
export const FlinkConnectionStatusNotification = new NotificationType<FlinkConnectionStatus>('flinkSql/connectionStatus');

export interface CatalogTreeDatabase { name: string; tables: string[]; views: string[]; functions: string[] }
export interface CatalogTreeCatalog { name: string; current: boolean; databases: CatalogTreeDatabase[] }

export interface FlinkCatalogTreeParams {
  connection: FlinkConnectionParams;
  /** The draft whose DDL/SET/USE is applied first, so its temporary tables and views show too. */
  uri?: string;
}

export interface FlinkCatalogTreeResult {
  ok: boolean;
  error?: string;
  flinkVersion?: string;
  currentCatalog?: string;
  currentDatabase?: string;
  catalogs: CatalogTreeCatalog[];
}

/** client → server: catalogs → databases → tables/views/functions, as a session with the draft's DDL sees them. */
export const FlinkCatalogTreeRequest = new RequestType<FlinkCatalogTreeParams, FlinkCatalogTreeResult, void>('flinkSql/catalogTree');

export interface CatalogColumn { name: string; type: string; nullable: boolean; key?: string; extras?: string; watermark?: string }

/** client → server: the columns of one table or view (DESCRIBE), from the last catalog tree's session. */
export const FlinkDescribeTableRequest = new RequestType<{ connection: FlinkConnectionParams; uri?: string; path: string[] }, { ok: boolean; error?: string; columns: CatalogColumn[] }, void>('flinkSql/describeTable');

export interface DraftStatementInfo {
  /** 0-based statement index, as FlinkExecuteParams.statementIndex takes it. */
  index: number;
  /** From the statement's first token (leading comments skipped) to its end. */
  range: Range;
  /** What the gateway does with it: query, insert, statementSet, ctas, dml, ddl, set, use, show, explain, … */
  kind: string;
  /** False for session setup (DDL/SET/USE…), which "▶ Run" replays before the statement run. */
  runnable: boolean;
}

/** client → server: the draft's statements (for the "▶ Run" CodeLens). */
export const FlinkStatementsRequest = new RequestType<{ uri: string }, DraftStatementInfo[], void>('flinkSql/statements');

// ---- JAR drafts: validate and execute (handlers in server/src/lsp/jarHandlers.ts) ----

export interface FlinkJarParams {
  /** The draft's `<name>.deployment.yaml`, or any file of its Maven project. */
  uri: string;
  connection: FlinkConnectionParams;
  /** Execute: chosen by the client; what the job prints streams as flinkSql/executionEvent under it until the job ends or cancelExecution. */
  executionId?: string;
}

export interface FlinkJarResult {
  ok: boolean;
  /** The uri is not part of a JAR draft (the client treats it as a SQL draft's). */
  notJarDraft?: boolean;
  draft?: string;
  configUri?: string;
  /** "Planned job "orders": Source: orders → Keyed Aggregation, built in 2140 ms", or why not. */
  summary: string;
  /** Maven's errors and a failing main, on the Java file and line (or the config); every file of the draft run. */
  problems: Array<{ uri: string; diagnostics: Diagnostic[] }>;
  /** Execute: the job, its state, and what its TaskManagers printed while followed. */
  jobId?: string;
  state?: string;
  printed?: string[];
}

/** client → server: builds a JAR draft and asks the JobManager for its plan without running it. */
export const FlinkJarValidateRequest = new RequestType<FlinkJarParams, FlinkJarResult, void>('flinkSql/jarValidate');
/** client → server: builds a JAR draft and runs it on the session cluster; answers once it runs, with what it printed. */
export const FlinkJarExecuteRequest = new RequestType<FlinkJarParams, FlinkJarResult, void>('flinkSql/jarExecute');

// ---- Tests: `<name>.test.yaml` beside a draft, in the Test Explorer (handlers in server/src/lsp/testHandlers.ts) ----

/** A place to point at: the test file, the draft or a fixture; `line` is 1-based (0: the file as a whole). */
export interface TestLocation { uri: string; line: number }

export interface TestCaseOutline {
  name: string;
  /** The case's line in the test file (1-based). */
  line: number;
  /** The sinks it expects, each at its line in the test file. */
  sinks: Array<{ sink: string; line: number }>;
}

export interface TestFileOutline {
  /** False for YAML that is no test file (no top-level `draft:`): the Test Explorer leaves it out. */
  isTestFile: boolean;
  /** The draft under test, when the file names one. */
  draft?: string;
  /** Empty when the file has problems (cases are only listed from a file that reads cleanly). */
  cases: TestCaseOutline[];
  problems: Array<TestLocation & { message: string }>;
}

/** client → server: a test file's cases and problems; `text` is the editor's (possibly unsaved) text, else the file is read. */
export const FlinkTestFileRequest = new RequestType<{ uri: string; text?: string }, TestFileOutline, void>('flinkSql/testFile');

export interface FlinkRunTestsParams {
  /** The test file. */
  uri: string;
  /** The editor's text of the test file, when open. */
  text?: string;
  connection: FlinkConnectionParams;
  /** Chosen by the client; names this run in its events. */
  runId: string;
  /** Only the cases named here (absent: all). */
  cases?: string[];
}

export interface TestSinkVerdict {
  sink: string;
  ok: boolean;
  /** The expectation's line in the test file. */
  line: number;
  /** The draft line of the statement that writes the sink. */
  draftLine?: number;
  /** Rows in the test file's notation; `diff`: `  ` both, `- ` expected only, `+ ` received only. Empty when ok. */
  expected: string[];
  actual: string[];
  diff: string[];
  /** Why the sink could not be compared, or the time limit passed. */
  problem?: string;
}

/** One step of a test run, per case. */
export type TestRunEvent =
  | { type: 'started'; case: string; line: number }
  | { type: 'passed' | 'failed'; case: string; line: number; elapsedMs: number; timedOut: boolean; sinks: TestSinkVerdict[] }
  /** The case could not run to a verdict: Flink's error on the draft line, a fixture's line, or the test file's. */
  | { type: 'errored'; case: string; line: number; elapsedMs: number; message: string; location: TestLocation };

export interface FlinkTestEventParams { runId: string; uri: string; event: TestRunEvent }

export interface TestRunDone {
  ok: boolean;
  cancelled: boolean;
  /** Why the run stopped before its cases were done (no cluster, an unreadable file…). */
  message?: string;
  elapsedMs: number;
}

/** client → server: runs a test file's cases (or some) on the connection's target; cancellable; answers when done. */
export const FlinkRunTestsRequest = new RequestType<FlinkRunTestsParams, TestRunDone, void>('flinkSql/runTests');
/** server → client: a case of a running test run started or ended, in order. */
export const FlinkTestEventNotification = new NotificationType<FlinkTestEventParams>('flinkSql/testEvent');

// ---- Deployment configuration (`<name>.deployment.yaml`; handlers in server/src/lsp/deploymentHandlers.ts) ----

/** A change from the panel: a dotted field path and its new value (null or '' removes the key: the default applies). */
export interface DeploymentFieldEdit { path: string; value: string | number | boolean | string[] | Record<string, string> | null }

export interface DeploymentProblem {
  /** The dotted path of the YAML node the problem is about ('' for the whole file). */
  path: string;
  severity: 1 | 2 | 3 | 4;
  message: string;
}

export interface DeploymentState {
  uri: string;
  /** The YAML this state describes (the file's, with the edits applied). */
  text: string;
  /** The file's text on disk the state was made from: a write must present it (so an external edit is not lost). */
  diskText: string;
  /** Whether the text is YAML at all; if not, the panel edits nothing until it is fixed or replaced. */
  yamlOk: boolean;
  /** Parses and validates (warnings allowed). */
  valid: boolean;
  /** Whether the file on disk (without the edits) parses and validates; if not, the panel writes nothing but the defaults. */
  diskValid: boolean;
  /** Values written in the file, by field path (absent: the default applies). */
  values: Record<string, unknown>;
  /** Diagnostics on the YAML (as the editor shows them), and the same by field path for the panel. */
  diagnostics: Diagnostic[];
  problems: DeploymentProblem[];
  /** Field path → why the chosen target (or another field) makes it irrelevant. */
  disabled: Record<string, string>;
  /** The resolved Flink configuration, when valid. */
  flinkConfiguration?: Record<string, string>;
}

/** client → server: the deployment config's state for the panel, optionally with edits applied (not written). */
export const DeploymentStateRequest = new RequestType<{ uri: string; edits?: DeploymentFieldEdit[] }, DeploymentState, void>('flinkSql/deploymentState');

export interface DeploymentWriteParams {
  uri: string;
  /** The edits to write, applied to `diskText`; or `replaceWithDefaults` to start over from the template. */
  edits?: DeploymentFieldEdit[];
  replaceWithDefaults?: boolean;
  /** What the panel last saw on disk; the write fails when the file changed since. */
  diskText: string;
}

/** client → server: writes the deployment config atomically (keeps comments and key order); refuses to overwrite a file that does not parse or validate unless replaceWithDefaults. */
export const DeploymentWriteRequest = new RequestType<DeploymentWriteParams, { ok: boolean; error?: string; state?: DeploymentState }, void>('flinkSql/deploymentWrite');

/** The Flink version a draft targets and where it comes from: its deployment config, else the flinkSql.flinkVersion setting. */
export interface DraftInfo {
  flinkVersion: string;
  source: 'deployment' | 'setting';
}

/** client → server: the draft's Flink version, for the status bar. */
export const DraftInfoRequest = new RequestType<{ uri: string }, DraftInfo | null, void>('flinkSql/draftInfo');

// ---- Deployments: publish and manage (handlers in server/src/lsp/publishHandlers.ts) ----

export type PublishTargetKind = 'session' | 'per-job' | 'k8s';

export interface DeploymentPublishParams {
  uri: string;
  connection: FlinkConnectionParams;
  /** Overrides the config's target. */
  target?: PublishTargetKind;
  /** Only the upgrade check against the running version (Flink: Check Upgrade Compatibility): nothing is published. */
  checkOnly?: boolean;
  /** The user chose to publish although the check says state would be dropped. */
  allowStateLoss?: boolean;
  /** Publish the running version's compiled plan with the draft's configuration (its statements unchanged). */
  fromPlan?: boolean;
}

export interface DeploymentPublishResult {
  ok: boolean;
  /** What went wrong and what to do (the draft's errors as file:line:col lines, a failed savepoint…). */
  error?: string;
  deployment?: string;
  version?: number;
  jobId?: string;
  target?: PublishTargetKind;
  state?: string;
  restoredFrom?: { kind: 'savepoint' | 'checkpoint'; path: string };
  restoreNote?: string;
  /** Settings the target does not honour. */
  warnings: string[];
  runningAfterMs?: number;
  downtimeMs?: number;
  manifest?: string;
  /** The upgrade check's verdict, per operator that keeps state (server/src/upgrade/upgradeCheck.ts). */
  upgrade?: UpgradeCheck;
  /** Refused because state would be dropped: nothing was touched; ask the user, then publish with allowStateLoss. */
  stateLossRefused?: boolean;
  /** With stateLossRefused: the running version whose compiled plan would keep the state (publish with fromPlan). */
  planOffer?: number;
}

/** client → server: publishes a draft (a running deployment is upgraded); progress as flinkSql/publishProgress. */
export const DeploymentPublishRequest = new RequestType<DeploymentPublishParams, DeploymentPublishResult, void>('flinkSql/publish');

export interface FlinkUpgradePlanResult {
  ok: boolean;
  /** "counts: version 3 (running) → the draft", or what went wrong. */
  summary: string;
  /** The upgrade check's verdict (the same check Publish runs), and in words. */
  upgrade?: UpgradeCheck;
  verdictText?: string;
  /** The running version compared with. */
  fromVersion?: number;
  /** Its plan (no line links: it is the published SQL) and the draft's, nodes marked with their state's fate. */
  before?: FlinkPlanResult;
  after?: FlinkPlanResult;
  /** Why some operators are not marked. */
  notes: string[];
}

/** client → server: the upgrade's side by side — the upgrade check, and the running version's and the draft's plans, marked. */
export const FlinkUpgradePlanRequest = new RequestType<DeploymentPublishParams, FlinkUpgradePlanResult, void>('flinkSql/upgradePlan');
/** server → client: a step of a running publish (for the progress notification). */
export const DeploymentPublishProgressNotification = new NotificationType<{ uri: string; message: string }>('flinkSql/publishProgress');

export interface DeploymentVersionInfo {
  version: number;
  createdAt: string;
  status: string;
  jobId?: string;
  restoredFrom?: string;
  git?: { commit: string; dirty: boolean };
  error?: string;
  /** The published SQL and config YAML (for Open and the diff editor). */
  sqlFile: string;
  configFile: string;
  draft: string;
  /** The upgrade check's verdict when this version replaced a running one, in words. */
  upgrade?: string;
}

/** A deployment's live status (the engine's model, server/src/deploy/manage.ts, builds it). */
export interface DeploymentStatus {
  deployment: string;
  version?: number;
  latestVersion?: number;
  jobId?: string;
  /** The job's state on Flink (RUNNING, RESTARTING, FAILING, FAILED, FINISHED, CANCELED…); PUBLISH_FAILED, UNKNOWN (the cluster forgot the job), UNREACHABLE, CORRUPT. */
  state: string;
  target?: string;
  restUrl?: string;
  startTime?: number;
  uptimeMs?: number;
  restarts?: number;
  lastCheckpoint?: { at?: number; path?: string | null };
  lastSavepoint?: { at: number; path: string };
  restoredFrom?: string;
  error?: string;
}

/** A deployment in the Deployments view: its status and its versions, newest first. */
export interface DeploymentInfo extends DeploymentStatus {
  versions: DeploymentVersionInfo[];
}

export interface OtherJobInfo { jobId: string; name: string; state: string; startTime: number }

/** client → server: the workspace's deployments with their live status, and the cluster's other jobs. */
export const DeploymentListRequest = new RequestType<{ connection: FlinkConnectionParams }, { ok: boolean; error?: string; deployments: DeploymentInfo[]; otherJobs: OtherJobInfo[]; restUrl?: string }, void>('flinkSql/deployments');

export type DeploymentAction = 'stop' | 'stopDrain' | 'cancel' | 'savepoint' | 'restartFromSavepoint' | 'rollback' | 'exceptions';

export interface DeploymentActionParams {
  connection: FlinkConnectionParams;
  action: DeploymentAction;
  deployment?: string;
  /** rollback: the version to publish again. */
  version?: number;
  /** rollback: publish although the upgrade check says the running version's state is lost (as Publish's). */
  allowStateLoss?: boolean;
  /** An "Other jobs" job (cancel, stop, exceptions). */
  jobId?: string;
}

export interface DeploymentActionResult {
  ok: boolean;
  error?: string;
  message?: string;
  jobId?: string;
  state?: string;
  savepoint?: string;
  exceptions?: Array<{ name: string; timestamp: number; taskName?: string | null; stacktrace: string }>;
  publish?: DeploymentPublishResult;
}

/** client → server: stop (with savepoint, drained), cancel, savepoint, restart from the latest savepoint, roll back, exceptions. */
export const DeploymentActionRequest = new RequestType<DeploymentActionParams, DeploymentActionResult, void>('flinkSql/deploymentAction');

// ---- Local Flink installations: first-use consent and progress, install / list / remove, prerequisites ----
// (handlers in server/src/lsp/installHandlers.ts; the client's side in client/src/install/).

export interface InstallItemInfo {
  /** pyflink: a PYTHON draft's environment (a virtual environment with apache-flink, and the flink-python jar). */
  kind: 'flink' | 'connector' | 'pyflink';
  /** "Flink 2.3.0", a connector's name ("kafka"), or "PyFlink 2.3.0". */
  name: string;
  files: number;
  bytes: number;
  /** Where it goes. */
  dir: string;
}

export interface InstallConsentParams {
  /** Names this install in its progress notifications and in a cancel. */
  installId: string;
  flinkVersion: string;
  /** "Flink 2.3.0", "Flink 2.3.0 and the kafka connector". */
  what: string;
  items: InstallItemInfo[];
  bytes: number;
  /** The per-user installation directory (shared by every workspace and by the CLI). */
  installRoot: string;
}

/**
 * The user's answer. `ownFlink`: they chose "Use My Own Flink…" instead of the download; `flinkHome` is the folder
 * then stored in flinkSql.localFlink.flinkHome (absent: no usable folder was picked).
 */
export interface InstallConsentAnswer {
  download: boolean;
  ownFlink?: { flinkHome?: string };
}

/**
 * server → client: a Flink feature needs what is not installed yet; may the server download it? Sent only when the
 * client said `initializationOptions.installConsent: true`. `download: true` starts it; progress follows as
 * InstallProgressNotification with the same installId, ending with `done`.
 */
export const InstallConsentRequest = new RequestType<InstallConsentParams, InstallConsentAnswer, void>('flinkSql/installConsent');

export interface InstallProgressParams {
  installId: string;
  message: string;
  /** 0–100 of the whole install, when known. */
  percent?: number;
  /** The last notification of an install. */
  done?: { ok: boolean; cancelled?: boolean; error?: string };
}

/** server → client: progress of an install the user agreed to or asked for (consent, or LocalFlinkInstallRequest). */
export const InstallProgressNotification = new NotificationType<InstallProgressParams>('flinkSql/installProgress');
/** client → server: stop a running install (its progress notification's Cancel); nothing is left looking installed. */
export const CancelInstallNotification = new NotificationType<{ installId: string }>('flinkSql/cancelInstall');

export interface LocalFlinkConnectorInfo { name: string; installed: boolean; bytes: number; identifiers: string[]; description: string }

export interface LocalFlinkInstallation {
  /** The pinned release ("2.3.0"). */
  version: string;
  /** Its line ("2.3"), as settings and deployment configs name it. */
  line: string;
  default: boolean;
  installed: boolean;
  /** Why it is not installed (nothing yet, a jar missing, …). */
  problem?: string;
  /** What installing it downloads, or what it takes on disk when installed. */
  bytes: number;
  files: number;
  home: string;
  connectors: LocalFlinkConnectorInfo[];
  /** The user's own distribution of this line that runs instead (flinkSql.localFlink.flinkHome / FLINK_HOME). */
  userDist?: { home: string; version: string };
}

export interface UserDistInfo { home: string; from: 'setting' | 'FLINK_HOME'; version?: string; problem?: string }

export interface LocalFlinkListResult {
  installRoot: string;
  installations: LocalFlinkInstallation[];
  userDists: UserDistInfo[];
}

/** client → server: the pinned versions, installed or not, with sizes and location; the user's own distributions. */
export const LocalFlinkListRequest = new RequestType<Record<string, never>, LocalFlinkListResult, void>('flinkSql/localFlink/list');

export interface LocalFlinkInstallParams {
  installId: string;
  /** A pinned version or its line. */
  flinkVersion: string;
  connectors?: string[];
}

/** client → server: installs a version (and connectors) now, no consent asked; progress as InstallProgressNotification. */
export const LocalFlinkInstallRequest = new RequestType<LocalFlinkInstallParams, { ok: boolean; cancelled?: boolean; error?: string; message?: string }, void>('flinkSql/localFlink/install');

/** client → server: removes an installed version (its jars; connectors of its line too when `connectors`). */
export const LocalFlinkRemoveRequest = new RequestType<{ flinkVersion: string; connectors?: boolean }, { ok: boolean; freedBytes: number; error?: string }, void>('flinkSql/localFlink/remove');

export interface PrerequisiteCheck {
  /** "Java", "Maven", "Install directory", "Flink 2.3.0", "FLINK_HOME", … */
  name: string;
  severity: 'ok' | 'warning' | 'error';
  /** What was found ("OpenJDK 17.0.15 at /usr/bin/java"). */
  detail: string;
  /** What it is needed for and how to fix it, when not ok. */
  fix?: string;
}

/** client → server: Java, Maven, the install directory and installed versions checked (what `flink-sql doctor` prints). */
export const PrerequisitesRequest = new RequestType<Record<string, never>, { ok: boolean; checks: PrerequisiteCheck[] }, void>('flinkSql/prerequisites');

/** `${secret:NAME}`: the name the server needs a value for, when a statement is sent to Flink. */
export interface SecretValueParams {
  name: string;
}

/**
 * server → client: the value of `${secret:NAME}`, asked only while a statement (or a per-job cluster's config) leaves
 * for Flink. `sealed`: the value sealed for this server process (util/sealed.ts), so traces show ciphertext; absent:
 * not stored, or the workspace is not trusted.
 */
export const SecretValueRequest = new RequestType<SecretValueParams, { sealed?: string }, void>('flinkSql/secretValue');

/** client → server: the names (never values) of the stored secrets, for completion and unknown-name warnings; sent at start and on each change. */
export const SecretNamesNotification = new NotificationType<{ names: string[] }>('flinkSql/secretNames');

// ---- User-defined functions (handler in server/src/lsp/udfHandlers.ts) ----

export interface RegisterUdfsParams {
  /** The SQL draft the functions are registered in. */
  uri: string;
  /** For the list of candidate artifacts (the workspace's JAR drafts' jars). */
  workspaceDir?: string;
  /** A .jar or .py file; absent: answer `candidates`. */
  artifact?: string;
  /** The functions to register (with `artifact`); absent: answer the artifact's `functions`. */
  register?: Array<{ name: string; className: string }>;
}

export interface RegisterUdfsResult {
  ok: boolean;
  error?: string;
  /** Jars the workspace's JAR drafts built (or name), to offer before a file dialog. */
  candidates?: Array<{ path: string; label: string; detail?: string }>;
  /** The artifact's functions as the draft's Flink version sees them. */
  functions?: UdfInfo[];
  /** Functions the inspector found but could not describe. */
  failed?: Array<{ className: string; kind: string; error: string }>;
  flinkVersion?: string;
  /** How the list was found, e.g. "inspected with Flink 2.3.0 in 640 ms" or "from the cache". */
  summary?: string;
  /** Text inserted into the draft at `position` (nothing replaced). */
  draftEdit?: { position: { line: number; character: number }; text: string };
  /** The deployment config's new full text, when the artifact was added to its dependencies. */
  configEdit?: { uri: string; text: string };
  /** Names left out (already registered), and what else the user should know. */
  notes?: string[];
}

/**
 * client → server: the workspace became trusted. Until then (initializationOptions.workspaceTrusted: false) the server
 * runs no code of the workspace's jars: their UDFs are known from the cache only. Absent option: trusted (LSP clients
 * without a trust model).
 */
export const WorkspaceTrustedNotification = new NotificationType<Record<string, never>>('flinkSql/workspaceTrusted');

/** client → server: a UDF artifact's candidates, its functions, or the edits that register the chosen ones in a draft. */
export const RegisterUdfsRequest = new RequestType<RegisterUdfsParams, RegisterUdfsResult, void>('flinkSql/registerUdfs');
