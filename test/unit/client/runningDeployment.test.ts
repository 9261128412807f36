// Which deployment a draft's upgrade lens belongs to: the live one whose current version came from that file.
import { strict as assert } from 'node:assert';
import { runningDeploymentOf } from '../../../client/src/deployments/runningDeployment';
import type { DeploymentInfo } from '../../../server/src/protocol';

const version = (n: number, draft: string) => ({ version: n, createdAt: '', status: 'running', sqlFile: '', configFile: '', draft });
const deployment = (name: string, state: string, current: number, versions: ReturnType<typeof version>[]): DeploymentInfo => ({ deployment: name, state, version: current, versions });

describe('runningDeploymentOf', () => {
  const all = [
    deployment('orders', 'RUNNING', 2, [version(2, 'jobs/orders.flink.sql'), version(1, 'orders.flink.sql')]),
    deployment('stopped', 'FINISHED', 1, [version(1, 'stopped.flink.sql')]),
  ];

  it('finds the live deployment by its current version\'s draft', () => {
    assert.equal(runningDeploymentOf(all, 'jobs/orders.flink.sql')?.deployment, 'orders');
  });

  it('not by an older version\'s draft, nor a deployment that is not live', () => {
    assert.equal(runningDeploymentOf(all, 'orders.flink.sql'), undefined);
    assert.equal(runningDeploymentOf(all, 'stopped.flink.sql'), undefined);
  });
});
