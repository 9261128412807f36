// The fixture catalogs (test/unit/connectors/fixtures/flink-*.json): the shape of the generated catalogs, with
// option keys transcribed from Flink's factories, so tests do not depend on the generator having run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectorCatalog } from '../../../server/src/connectors/catalogTypes';
import { ConnectorIndex, setCatalog, type FlinkVersion } from '../../../server/src/connectors/connectorCatalog';

export function fixtureCatalog(version: FlinkVersion): ConnectorCatalog {
  return JSON.parse(readFileSync(join(__dirname, 'fixtures', `flink-${version}.json`), 'utf8')) as ConnectorCatalog;
}

export function fixtureIndex(version: FlinkVersion): ConnectorIndex {
  return new ConnectorIndex(fixtureCatalog(version));
}

/** Makes the service use the fixture catalogs for both versions (call in a `before`; undo with `useBundledCatalogs`). */
export function useFixtureCatalogs(): void {
  for (const v of ['2.3', '1.20'] as const) setCatalog(v, fixtureCatalog(v));
}

export function useBundledCatalogs(): void {
  for (const v of ['2.3', '1.20'] as const) setCatalog(v, null);
}
