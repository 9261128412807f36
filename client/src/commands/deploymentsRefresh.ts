// "Flink: Refresh Deployments" (the Deployments view's title bar).
import type { CommandModule } from '../commandRegistry';
import type { DeploymentsTree } from '../views/deploymentsTree';

export const id = 'flinkSql.deployments.refresh';

export function deploymentsRefreshCommand(tree: DeploymentsTree): CommandModule {
  return { id, handler: () => tree.refresh() };
}
