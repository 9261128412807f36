// Which local cluster the Start/Stop Local Cluster commands ask for, and what their messages say (plain Node).
import { strict as assert } from 'node:assert';
import {
  cancelStartParams, isFlinkDraft, startOutcome, startParams, startTitle, stopMessage, stopParams, stopTitle,
} from '../../../client/src/flink/localClusterScope';

const doc = (languageId: string, scheme = 'file') => ({ languageId, uri: { scheme } });

describe('local cluster commands: which cluster', () => {
  it('only a Flink SQL draft saved as a file has a version to ask for', () => {
    assert.equal(isFlinkDraft(doc('flink-sql')), true);
    assert.equal(isFlinkDraft(doc('flink-sql', 'untitled')), false);
    assert.equal(isFlinkDraft(doc('yaml')), false);
    assert.equal(isFlinkDraft(undefined), false);
  });

  it('start: the draft\'s version, else none (the server\'s default), with the connectors', () => {
    assert.deepEqual(startParams('/ws', '1.20', ['kafka']), { action: 'start', workspaceDir: '/ws', connectors: ['kafka'], flinkVersion: '1.20' });
    assert.deepEqual(startParams('/ws', undefined, undefined), { action: 'start', workspaceDir: '/ws', connectors: undefined });
    assert.deepEqual(cancelStartParams('/ws', '1.20'), { action: 'stop', workspaceDir: '/ws', flinkVersion: '1.20' });
    assert.deepEqual(cancelStartParams('/ws', undefined), { action: 'stop', workspaceDir: '/ws' }, 'cancelling a default start stops the default only');
  });

  it('stop: the draft\'s version, else every cluster of the workspace', () => {
    assert.deepEqual(stopParams('/ws', '1.20'), { action: 'stop', workspaceDir: '/ws', flinkVersion: '1.20' });
    assert.deepEqual(stopParams('/ws', undefined), { action: 'stop', workspaceDir: '/ws', allVersions: true });
  });

  it('the progress titles and messages name the version', () => {
    assert.equal(startTitle('1.20'), 'Flink: starting the local Flink 1.20 cluster (the active draft\'s version)');
    assert.equal(startTitle(undefined), 'Flink: starting the local cluster of the default Flink version');
    assert.equal(stopTitle('1.20'), 'Flink: stopping the local Flink 1.20 cluster (the active draft\'s version)');
    assert.equal(stopTitle(undefined), 'Flink: stopping every local cluster of the workspace');
    const running = { target: 'local' as const, state: 'running' as const, flinkVersion: '1.20.0', gatewayUrl: 'http://g', restUrl: 'http://r' };
    assert.deepEqual(startOutcome('1.20', running, false, 12.34), { ok: true, text: 'Local Flink 1.20.0 is running (12.3 s). SQL Gateway http://g, Web UI http://r.' });
    const failed = { target: 'local' as const, state: 'stopped' as const, message: 'Flink 1.20.0 is not installed' };
    assert.deepEqual(startOutcome('1.20', failed, false, 1), { ok: false, text: 'The local Flink 1.20 cluster did not start: Flink 1.20.0 is not installed' });
    assert.deepEqual(startOutcome(undefined, failed, true, 1), { ok: true, text: 'Cancelled: the local cluster was not started, and nothing is left running.' });
    const stopped = { target: 'local' as const, state: 'stopped' as const, message: 'Stopped the local Flink 1.20.0 and 2.3.0 clusters (pids 1, 2)' };
    assert.equal(stopMessage(undefined, stopped), 'Flink: Stopped the local Flink 1.20.0 and 2.3.0 clusters (pids 1, 2) (no active draft: every local cluster of the workspace)');
    assert.equal(stopMessage('1.20', { ...stopped, message: 'No local Flink 1.20.0 cluster was running.' }), 'Flink: No local Flink 1.20.0 cluster was running. (the active draft\'s Flink 1.20)');
  });
});
