// The connector-jar manifest (scripts/connector-jars.json): pinned per Flink line, every jar with a size and a
// SHA-256, nothing the distribution already has; lookups by identifier and the hint Validate adds.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadManifest } from '../../../server/src/flink/provision';
import {
  connectorForIdentifier, ConnectorsNotInstalledError, flinkLine, loadConnectorManifest, missingConnectorHint, pinnedConnectors,
  requireConnectorJars, UnknownConnectorError,
} from '../../../server/src/flink/provisionConnectors';

describe('provisionConnectors', () => {
  it('pins kafka and jdbc for every pinned Flink line, with sums, and none of the distribution\'s jars', () => {
    const m = loadConnectorManifest();
    const dist = loadManifest();
    for (const version of Object.keys(dist.versions)) {
      const line = flinkLine(version);
      assert.ok(m.lines[line]?.kafka && m.lines[line]?.jdbc, `kafka and jdbc for ${line}`);
      const inDist = new Set(dist.versions[version].artifacts.map((a) => a.gav.split(':').slice(0, 2).join(':')));
      for (const [name, entry] of Object.entries(m.lines[line])) {
        for (const a of entry.artifacts) {
          assert.match(a.sha256, /^[0-9a-f]{64}$/);
          assert.ok(!inDist.has(a.gav.split(':').slice(0, 2).join(':')), `${line} ${name}: ${a.gav} is in the distribution`);
          assert.ok(a.gav !== 'org.apache.flink:flink-connector-base', 'flink-connector-files bundles connector-base');
        }
      }
    }
    assert.deepEqual(pinnedConnectors('2.3.0').kafka.roots, ['org.apache.flink:flink-sql-connector-kafka:5.0.0-2.2']);
  });

  it('finds the connector of an identifier and says how to add its jar', () => {
    assert.equal(connectorForIdentifier('2.3.0', 'upsert-kafka')?.name, 'kafka');
    assert.equal(connectorForIdentifier('2.3', 'nope'), undefined);
    const hint = missingConnectorHint('2.3.0', 'kafka')!;
    assert.match(hint, /flink-sql-connector-kafka-5\.0\.0-2\.2\.jar/);
    assert.match(hint, /flinkSql\.localCluster\.connectors/);
    assert.match(hint, /--connectors kafka/);
    assert.match(hint, /ADD JAR/);
    assert.match(missingConnectorHint('1.20.0', 'jdbc')!, /flink-connector-jdbc-3\.3\.0-1\.20\.jar/);
    assert.equal(missingConnectorHint('2.3.0', 'datagem'), undefined);
  });

  it('refuses unknown connectors and reports ones not installed', async () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'connectors-'));
    try {
      await assert.rejects(requireConnectorJars('2.3.0', ['kafak'], cache), UnknownConnectorError);
      await assert.rejects(requireConnectorJars('2.3.0', ['kafka'], cache), (e: unknown) => e instanceof ConnectorsNotInstalledError && e.message.includes('flink-sql local install --flink-version 2.3.0 --connectors kafka') && !e.message.includes('npm'));
      assert.deepEqual(await requireConnectorJars('2.3.0', [], cache), []);
    } finally {
      fs.rmSync(cache, { recursive: true, force: true });
    }
  });
});
