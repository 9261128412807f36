// Restricted Mode contacts no cluster: the status bar's connection check and the Deployments view's poll send
// nothing before the user trusts the workspace, and start once trust is granted (the security review saw the
// 30 s check carry the auth header to a capture server named by a repository's settings, without a click).
import { strict as assert } from 'node:assert';
import { fake } from './fakeVscode'; // first: it stands in for `vscode` for the imports below
import { ConnectionStatusItem } from '../../../client/src/flink/connectionStatusItem';
import { DeploymentsTree } from '../../../client/src/views/deploymentsTree';

/** A FlinkClient whose server is up and which records every request it would send. */
function recordingClient() {
  const sent: string[] = [];
  const client = {
    running: true,
    onConnectionStatus: () => ({ dispose: () => undefined }),
    request: async (type: { method: string }) => {
      sent.push(type.method);
      return type.method === 'flinkSql/checkConnection'
        ? { target: 'local', state: 'running', flinkVersion: '2.3.0' }
        : { ok: true, deployments: [], otherJobs: [] };
    },
  };
  return { sent, client: client as never };
}

const secrets = { get: async () => undefined, store: async () => undefined, delete: async () => undefined, onDidChange: () => ({ dispose: () => undefined }) } as never;
const settle = () => new Promise((r) => setTimeout(r, 20));

describe('Restricted Mode: no request to a cluster before trust', () => {
  beforeEach(() => { fake.trusted = false; });

  it('the connection status check waits for trust, then polls', async () => {
    const { sent, client } = recordingClient();
    const item = new ConnectionStatusItem(client, secrets, 60_000);
    try {
      item.start();
      assert.equal(await item.check(), undefined, 'an explicit check does nothing either');
      await settle();
      assert.deepEqual(sent, [], 'a request went out in Restricted Mode');
      assert.match(String(fake.statusBar.tooltip), /Restricted Mode/);
      fake.grantTrust();
      await settle();
      assert.deepEqual(sent, ['flinkSql/checkConnection'], 'the check starts once the workspace is trusted');
      assert.match(fake.statusBar.text, /Flink local 2\.3/);
    } finally {
      item.dispose();
    }
  });

  it('the Deployments view reads nothing while untrusted, and refreshes when trust is granted', async () => {
    const { sent, client } = recordingClient();
    const tree = new DeploymentsTree(client, secrets);
    try {
      tree.setVisible(true);
      await tree.refresh();
      await settle();
      assert.deepEqual(sent, [], 'a request went out in Restricted Mode');
      const [message] = tree.getChildren();
      assert.equal(message?.kind, 'message');
      assert.match((message as { text: string }).text, /trust/);
      fake.grantTrust();
      await settle();
      assert.deepEqual(sent, ['flinkSql/deployments'], 'the view reads the deployments once the workspace is trusted');
      assert.deepEqual(tree.getChildren(), []);
    } finally {
      tree.setVisible(false);
      tree.dispose();
    }
  });
});
