// The Publish command and the Deployments view's commands, one file each under commands/.
import type { CommandModule } from '../commandRegistry';
import { deploymentCancelCommand } from '../commands/deploymentCancel';
import { deploymentCompareDraftCommand } from '../commands/deploymentCompareDraft';
import { deploymentCompareVersionsCommand } from '../commands/deploymentCompareVersions';
import { deploymentExceptionsCommand } from '../commands/deploymentExceptions';
import { deploymentOpenConfigCommand } from '../commands/deploymentOpenConfig';
import { deploymentOpenSqlCommand } from '../commands/deploymentOpenSql';
import { deploymentRestartCommand } from '../commands/deploymentRestart';
import { deploymentRollbackCommand } from '../commands/deploymentRollback';
import { deploymentSavepointCommand } from '../commands/deploymentSavepoint';
import { deploymentsRefreshCommand } from '../commands/deploymentsRefresh';
import { deploymentStopCommand } from '../commands/deploymentStop';
import { deploymentStopDrainCommand } from '../commands/deploymentStopDrain';
import { deploymentWebUiCommand } from '../commands/deploymentWebUi';
import { exportK8sManifestCommand } from '../commands/exportK8sManifest';
import { publishCommand } from '../commands/publish';
import { checkUpgradeCommand } from '../commands/checkUpgrade';
import type { DeploymentServices } from './deploymentActions';

export function deploymentCommands(s: DeploymentServices): CommandModule[] {
  return [
    publishCommand(s), publishCommand(s, true), checkUpgradeCommand(s), deploymentsRefreshCommand(s.tree), deploymentStopCommand(s), deploymentStopDrainCommand(s), deploymentCancelCommand(s),
    deploymentSavepointCommand(s), deploymentRestartCommand(s), deploymentExceptionsCommand(s), deploymentWebUiCommand(s),
    deploymentOpenSqlCommand(s), deploymentOpenConfigCommand(s), deploymentCompareDraftCommand(s), deploymentCompareVersionsCommand(s),
    deploymentRollbackCommand(s), exportK8sManifestCommand(s),
  ];
}
