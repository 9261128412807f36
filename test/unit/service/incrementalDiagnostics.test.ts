// The language server re-analyzes each version from the previous one, and the semantic checks cache their findings
// by statement tree: after any edit, the diagnostics must be exactly those of the same text analyzed from scratch
// (no StatementCache, no previous analysis, so no tree is shared and no cached finding can be reused).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StatementCache, type FlinkVersion } from '../../../server/src/parser';
import { analyze, diagnostics, type DiagnosticsContext } from '../../../server/src/service';

const fixture = (...p: string[]) => readFileSync(join(__dirname, '..', '..', ...p), 'utf8');

const DRAFT = [
  fixture('fixtures', 'workspace', 'orders.flink.sql'),
  fixture('unit', 'service', 'fixtures', 'pipeline.flink.sql'),
  `CREATE TEMPORARY TABLE events (id BIGINT, kind STRING, ts TIMESTAMP(3)) WITH (
  'connector' = 'kafka', 'topic' = 'events', 'properties.bootstrap.servers' = 'kafka:9092',
  'scan.startup.mode' = 'earliest-offset', 'format' = 'json', 'json.fail-on-missing-field' = 'false',
  'properties.sasl.jaas.config' = 'org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="s3cret";');
CREATE TEMPORARY TABLE events_sink (id BIGINT, kind STRING) WITH ('connector' = 'jdbc', 'url' = 'jdbc:postgresql://db/x', 'table-name' = 'e',
  'username' = 'flink', 'password' = 'hunter2');
CREATE TEMPORARY TABLE audit_sink (id BIGINT) WITH ('connector' = 'jdbc', 'url' = 'jdbc:postgresql://db/x', 'table-name' = 'a', 'password' = '\${secret:AUDIT_DB}');
CREATE TEMPORARY VIEW recent AS SELECT id, kind FROM events WHERE ts > TIMESTAMP '2024-01-01 00:00:00';
INSERT INTO events_sink SELECT id, kind FROM recent;
INSERT INTO events_snk SELECT id, kind FROM events;
INSERT INTO events_sink SELECT id FROM events;
CREATE TEMPORARY TABLE gen (id INT) WITH ('connector' = 'datagen', 'number-of-row' = '10', 'fields.id.kind' = 'sequence');
SELECT idd, kind FROM events;
INSERT INTO events_sink SELECT id, name FROM customers;
SELECT * FROM custmers;`,
].join('\n');

/** Edits a user makes: characters that move statement boundaries, and names and values that change the checks. */
const PIECES = [';', "'", ' ', '\n', 'x', ',', 'events', 'events_sink', 'customers', ' id', ', extra INT', "'format' = 'csv', ", '--', ')'];

/** As the language server passes them once a gateway's catalogs were read. */
const CATALOGS: DiagnosticsContext = {
  catalogs: ['default_catalog'],
  // and the names the client's secret storage holds (AUDIT_DB is not among them: an unknown-secret warning)
  secretNames: ['EVENTS_PASSWORD'],
  catalogTables: [{ path: ['default_catalog', 'default_database', 'customers'], kind: 'table', columns: [{ name: 'id', type: 'BIGINT' }, { name: 'name', type: 'STRING' }], current: true }],
};

function check(version: FlinkVersion, seed: number, edits: number, context: DiagnosticsContext = {}): void {
  let text = DRAFT;
  const cache = new StatementCache();
  let previous = analyze(text, cache, version);
  diagnostics(previous, context);
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let i = 0; i < edits; i++) {
    const at = next() % (text.length + 1);
    const removed = next() % 3 === 0 ? 0 : 1 + (next() % 6);
    const inserted = next() % 4 === 0 ? '' : PIECES[next() % PIECES.length];
    text = text.slice(0, at) + inserted + text.slice(at + removed);
    previous = analyze(text, cache, version, previous);
    const incremental = diagnostics(previous, context);
    const fresh = diagnostics(analyze(text, undefined, version), context);
    assert.deepStrictEqual(incremental, fresh, `edit ${i} at ${at}: -${removed} +${JSON.stringify(inserted)}`);
  }
}

describe('diagnostics after an edit (incremental re-analysis and the per-tree caches)', function () {
  this.timeout(60_000); // hundreds of parses on a CI machine shared with other work
  it('the draft has findings of every semantic kind to keep right', () => {
    const codes = new Set(diagnostics(analyze(DRAFT)).map((d) => d.code));
    for (const c of ['unknown-option', 'undefined-table', 'insert-column-count', 'unknown-column', 'literal-credential']) assert.ok(codes.has(c), `${c} in ${[...codes].join(', ')}`);
  });
  it('a same-length edit in a definition re-checks the statements after it that use it', () => {
    const cache = new StatementCache();
    const before = analyze(DRAFT, cache);
    diagnostics(before);
    const at = DRAFT.indexOf('CREATE TEMPORARY TABLE events_sink') + 'CREATE TEMPORARY TABLE events_sin'.length;
    const text = `${DRAFT.slice(0, at)}x${DRAFT.slice(at + 1)}`; // events_sink → events_sinx, nothing moves
    const after = diagnostics(analyze(text, cache, '2.3', before));
    assert.deepStrictEqual(after, diagnostics(analyze(text)));
    assert.ok(after.some((d) => d.code === 'undefined-table' && /Did you mean 'events_sinx'/.test(String(d.message))), JSON.stringify(after.map((d) => d.message)));
  });
  it('a column added to a table reaches an INSERT through the view over it', () => {
    const draft = `CREATE TEMPORARY TABLE src (id BIGINT, kind STRING) WITH ('connector' = 'datagen');
CREATE TEMPORARY VIEW v AS SELECT * FROM src;
CREATE TEMPORARY TABLE dst (id BIGINT, kind STRING) WITH ('connector' = 'blackhole');
INSERT INTO dst SELECT * FROM v;`;
    const cache = new StatementCache();
    const before = analyze(draft, cache);
    assert.deepStrictEqual(diagnostics(before), []);
    const text = draft.replace('kind STRING) WITH (\'connector\' = \'datagen\')', 'kind STRING, extra INT) WITH (\'connector\' = \'datagen\')');
    const after = diagnostics(analyze(text, cache, '2.3', before));
    assert.deepStrictEqual(after, diagnostics(analyze(text)));
    assert.deepStrictEqual(after.map((d) => d.code), ['insert-column-count']);
  });
  it('equal those of a fresh analysis after each of 300 random edits (Flink 2.3)', () => check('2.3', 17, 300));
  it('equal those of a fresh analysis after each of 150 random edits (Flink 1.20)', () => check('1.20', 29, 150));
  it('equal those of a fresh analysis with catalog tables known, after each of 150 random edits', () => check('2.3', 41, 150, CATALOGS));
});
