// The one table of configuration keys whose names differ between Flink 1.20 and 2.x, checked against the key
// lists generated from both versions' jars, and the config each version's local cluster gets.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { CONFIG_FILES, configFileFormat, configForVersion, flinkLine, keyFor, RENAMED_KEYS } from '../../../server/src/flink/configKeys';
import { clusterConfig, clusterDirs, writeClusterConfig } from '../../../server/src/flink/flinkConfig';
import { knownKeys } from '../../../server/src/deployment/knownKeys';
import keys23 from '../../../server/src/deployment/flinkKeys/2.3.json';

const V2 = '2.3.0';
const V120 = '1.20.0';
const ports = { rest: 18081, gateway: 18083, jobmanagerRpc: 16123 };
const deprecated23 = keys23.deprecated as Record<string, string>;

describe('Flink config keys per version', () => {
  it('maps versions to their line', () => {
    assert.equal(flinkLine('2.3.0'), '2');
    assert.equal(flinkLine('2.0.1'), '2');
    assert.equal(flinkLine('1.20.0'), '1.20');
    assert.throws(() => flinkLine('1.19.2'), /1\.20 or 2\.x/);
  });

  it('holds only real renames: the 2.x name unknown to 1.20, the 1.20 name its fallback in 2.3', () => {
    assert.ok(RENAMED_KEYS.length > 0);
    for (const { v2, v120 } of RENAMED_KEYS) {
      assert.ok(knownKeys('2.3').has(v2), `2.3 lacks ${v2}`);
      assert.ok(!knownKeys('1.20').has(v2), `1.20 already knows ${v2}`);
      assert.ok(knownKeys('1.20').has(v120), `1.20 lacks ${v120}`);
      assert.equal(deprecated23[v120], v2, `2.3 does not list ${v120} as a fallback of ${v2}`);
    }
  });

  it('writes a key in the target version\'s name whichever name it was given in', () => {
    const [{ v2, v120 }] = RENAMED_KEYS;
    assert.equal(keyFor(v2, '1.20'), v120);
    assert.equal(keyFor(v120, '2'), v2);
    assert.equal(keyFor('parallelism.default', '1.20'), 'parallelism.default');
    assert.deepEqual(configForVersion({ [v2]: 7, 'rest.port': 1 }, V120), { [v120]: 7, 'rest.port': 1 });
    assert.deepEqual(configForVersion({ [v120]: 7 }, V2), { [v2]: 7 });
  });

  it('gives each version\'s local cluster only keys that version knows', () => {
    for (const [version, list] of [[V2, '2.3'], [V120, '1.20']] as const) {
      const config = clusterConfig({ dirs: clusterDirs('/ws', version), flinkVersion: version, ports, extra: { [RENAMED_KEYS[0].v2]: 3 } });
      // The gateway's endpoint options are prefix-scoped (sql-gateway.endpoint.<type>.*), not in the generated lists.
      const unknown = Object.keys(config).filter((k) => !k.startsWith('sql-gateway.endpoint.') && !knownKeys(list).has(k));
      assert.deepEqual(unknown, [], `Flink ${version} does not know`);
    }
  });

  it('writes config.yaml for both lines and removes the flink-conf.yaml that 1.20 would read instead', () => {
    assert.equal(configFileFormat(V2).file, 'config.yaml');
    assert.deepEqual(CONFIG_FILES['1.20'].shadowedBy, ['flink-conf.yaml']);
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'flink-conf120-'));
    try {
      const dirs = clusterDirs(ws, V120);
      fs.mkdirSync(dirs.conf, { recursive: true });
      fs.writeFileSync(path.join(dirs.conf, 'flink-conf.yaml'), 'rest.port: 1\n');
      writeClusterConfig({ dirs, flinkVersion: V120, ports });
      assert.ok(!fs.existsSync(path.join(dirs.conf, 'flink-conf.yaml')));
      const yaml = parse(fs.readFileSync(path.join(dirs.conf, 'config.yaml'), 'utf8')) as Record<string, unknown>;
      assert.equal(yaml['rest.port'], 18081);
      assert.equal(yaml['execution.checkpointing.dir'], `file://${path.join(ws, '.flink', V120, 'checkpoints')}`);
    } finally {
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });
});
