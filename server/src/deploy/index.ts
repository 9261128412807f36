// Deployments: a draft published as a versioned, long-running job on Flink (plain Node, no vscode).
export { isAlive, jobManagerResolver, liveState, TERMINAL_STATES, waitForRunningTasks, waitForState, type JobManagerResolver } from './clusters';
export { ConfigProblemError, draftBaseName, readPublishSource, type PublishSource } from './draftSource';
export { deploymentStatuses, otherJobs, republishVersion, savepointDeployment, stopDeployment, type DeploymentStatus, type StopResult } from './manage';
export { DraftErrorsError, publish, StateLossError, UpgradeAbortedError, type PublishEvent, type PublishOptions, type PublishResult } from './publish';
export type { RestoreStrategy } from './restore';
export { PlanError } from './statementPlan';
export { SubmitFailedError } from './sessionSubmit';
export {
  CorruptRecordError, DEPLOYMENTS_DIR, DeploymentStore, PUBLISH_TARGETS, UnknownDeploymentError,
  type ClusterRef, type DeploymentRecord, type DeploymentVersion, type PublishTarget, type RestorePoint,
} from './store';
