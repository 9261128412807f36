// A draft's dependencies as Validate, Execute and the language server read them (udf/draftJars.ts): through the
// deployment model, as Publish reads them; a broken config is said, never taken for "no dependencies".
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { configDependencies, DependencyError, draftJars } from '../../../server/src/udf/draftJars';

describe('a draft\'s dependencies', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'draft-jars-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const config = (text: string) => fs.writeFileSync(path.join(dir, 'orders.deployment.yaml'), text);

  it('none without a config; the listed jars, resolved beside the config', async () => {
    assert.deepEqual(configDependencies(path.join(dir, 'orders.deployment.yaml')), { dependencies: [] });
    fs.writeFileSync(path.join(dir, 'udfs.jar'), 'PK');
    config('name: orders\ntype: SQL\ntarget: session\ndependencies:\n  - udfs.jar\n');
    assert.deepEqual(configDependencies(path.join(dir, 'orders.deployment.yaml')), { dependencies: ['udfs.jar'] });
    assert.deepEqual(await draftJars(path.join(dir, 'orders.flink.sql')), [path.join(dir, 'udfs.jar')]);
  });

  it('a config that does not validate: its line and message, and Validate / Execute refuse to run without its jars', async () => {
    config('name: orders\ntype: SQL\ntarget: session\nparallelism: lots\ndependencies:\n  - udfs.jar\n');
    const read = configDependencies(path.join(dir, 'orders.deployment.yaml'));
    assert.deepEqual(read.dependencies, []);
    assert.match(read.error ?? '', /orders\.deployment\.yaml:4: .*parallelism/);
    await assert.rejects(draftJars(path.join(dir, 'orders.flink.sql')), (e: unknown) => e instanceof DependencyError && /deployment config is broken.*:4:/.test(e.message));
  });

  it('a config that is not a regular file is an error, not an empty list', () => {
    fs.mkdirSync(path.join(dir, 'orders.deployment.yaml'));
    assert.match(configDependencies(path.join(dir, 'orders.deployment.yaml')).error ?? '', /cannot read .*orders\.deployment\.yaml/);
  });
});
