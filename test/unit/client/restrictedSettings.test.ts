// Restricted Mode: VS Code ignores a workspace's value of every setting that says where Flink is, what secret header
// goes there, what runs (Java, Maven, a Flink home) or what gets traced (the review steered the auth secret to a
// capture server with a repository's .vscode/settings.json).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

describe('restricted settings', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));
  const restricted: string[] = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;

  it('declares the connection, TLS, auth, trace, connector and local-Flink settings restricted', () => {
    for (const key of ['flinkSql.target', 'flinkSql.gateway.url', 'flinkSql.rest.url', 'flinkSql.tls.rejectUnauthorized', 'flinkSql.auth.headerName',
      'flinkSql.trace.server', 'flinkSql.localCluster.connectors', 'flinkSql.local.autoStart', 'flinkSql.localFlink.installDir',
      'flinkSql.localFlink.flinkHome', 'flinkSql.javaHome', 'flinkSql.mavenExecutable']) {
      assert.ok(restricted.includes(key), `${key} is not restricted`);
    }
  });

  it('names only settings the extension contributes', () => {
    const contributed = Object.keys(manifest.contributes.configuration.properties);
    for (const key of restricted) assert.ok(contributed.includes(key), `${key} is not a contributed setting`);
  });
});
