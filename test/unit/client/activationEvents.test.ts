// The manifest's activation: a workspace holding only JAR drafts (a `<name>.deployment.yaml` beside a Maven project,
// no `.flink.sql`) activates the extension as one with SQL drafts does, so its Drafts view and commands are there.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';

describe('extension activation', () => {
  const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as { activationEvents: string[] };

  it('activates on SQL drafts, plain SQL, and a JAR draft\'s deployment config alone', () => {
    assert.deepEqual(manifest.activationEvents.sort(), ['onLanguage:sql', 'workspaceContains:**/*.deployment.yaml', 'workspaceContains:**/*.flink.sql']);
  });
});
