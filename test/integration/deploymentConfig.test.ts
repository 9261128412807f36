// The resolved configuration of a representative deployment config, loaded by real Flink: written as
// config.yaml, read with Flink's GlobalConfiguration and every key read back through its ConfigOption
// (tools/flink-config-keys, on the jars of Flink 2.3.0 and 1.20.1): no key unknown, no value Flink rejects.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { FLINK_VERSIONS, parseDeployment, presentPaths, resolveConfig } from '../../server/src/deployment';
import { REPRESENTATIVE } from '../unit/deployment/helpers';

describe('deployment config on real Flink configuration parsing', function () {
  this.timeout(600_000);
  for (const version of FLINK_VERSIONS) {
    it(`Flink ${version} loads every resolved key and value`, () => {
      const parsed = parseDeployment(REPRESENTATIVE(version));
      assert.ok(parsed.config);
      const resolved = resolveConfig(parsed.config, presentPaths(parsed.document));
      const dir = mkdtempSync(join(tmpdir(), 'flink-conf-'));
      // Flat keys (as Flink's own flink-conf migration writes them): valid YAML for 2.x and 1.20's config.yaml.
      writeFileSync(join(dir, 'config.yaml'), stringify(resolved.flinkConfiguration));
      const run = spawnSync('bash', [join(__dirname, '../../scripts/flink-config-keys.sh'), 'check', dir, version], { encoding: 'utf8' });
      rmSync(dir, { recursive: true, force: true });
      assert.equal(run.status, 0, run.stderr);
      const result = JSON.parse(run.stdout.trim().split('\n').pop()!) as { loaded: number; unknown: string[]; invalid: Array<{ key: string; error: string }> };
      console.log(`      Flink ${version}: ${result.loaded} keys loaded, ${result.unknown.length} unknown, ${result.invalid.length} rejected`);
      assert.equal(result.loaded, Object.keys(resolved.flinkConfiguration).length);
      assert.deepEqual(result.unknown, []);
      assert.deepEqual(result.invalid, []);
    });
  }
});
