// Hover on WITH option keys and connector/format names, and every connector quick fix applied to real Flink SQL:
// add missing options, replace an unknown key / deprecated key / enum value / connector, a misspelt table name.
import { strict as assert } from 'node:assert';
import type { CodeAction, MarkupContent, TextEdit } from 'vscode-languageserver-types';
import { analyze, codeActions, diagnostics, hover } from '../../../server/src/service';
import { useBundledCatalogs, useFixtureCatalogs } from '../connectors/fixtureCatalogs';
import { caret } from './completionCaret';

const URI = 'file:///drafts/orders.flink.sql';

function fixesFor(text: string, code: string, flinkVersion: '2.3' | '1.20') {
  const doc = analyze(text);
  const diags = diagnostics(doc, { flinkVersion }).filter((d) => d.code === code);
  assert.ok(diags.length, `no ${code} in ${JSON.stringify(diagnostics(doc, { flinkVersion }))}`);
  const actions = codeActions(doc, diags[0].range, diags, URI);
  return { doc, actions };
}

function apply(text: string, action: CodeAction): string {
  const doc = analyze(text);
  const edits = [...(action.edit!.changes![URI] as TextEdit[])].sort((a, b) => doc.lines.offsetAt(b.range.start) - doc.lines.offsetAt(a.range.start));
  let out = text;
  for (const e of edits) out = out.slice(0, doc.lines.offsetAt(e.range.start)) + e.newText + out.slice(doc.lines.offsetAt(e.range.end));
  return out;
}

const KAFKA = (extra: string) => `CREATE TABLE orders (
  order_id BIGINT,
  product STRING
) WITH (
  'connector' = 'kafka',
  'properties.bootstrap.servers' = 'kafka:9092',
  'format' = 'json'${extra}
);`;

for (const flinkVersion of ['2.3', '1.20'] as const) {
  describe(`connector hover and quick fixes (Flink ${flinkVersion})`, () => {
    before(useFixtureCatalogs);
    after(useBundledCatalogs);
    const hoverAt = (text: string) => {
      const { doc, position } = caret(text);
      return (hover(doc, position, { flinkVersion })?.contents as MarkupContent | undefined)?.value ?? '';
    };

    it('hovers an option key: description, type, default, required', () => {
      const h = hoverAt(KAFKA(",\n  'scan.startup.m|ode' = 'earliest-offset',\n  'topic' = 'o'"));
      assert.match(h, /\*\*scan.startup.mode\*\*/);
      assert.match(h, /`Enum` · optional · default `group-offsets`/);
      assert.match(h, /Startup mode for Kafka consumer/);
      assert.match(hoverAt(KAFKA(",\n  'topic' = 'o'").replace("'properties.bootstrap.servers'", "'properties.bootstrap.ser|vers'")), /required/);
      assert.match(hoverAt(KAFKA(",\n  'json.ignore-parse-|errors' = 'true'")), /option of format `json`/);
    });

    it('hovers a deprecated key with its successor, and connector / format names', () => {
      const h = hoverAt("CREATE TABLE d (id INT) WITH ('connector' = 'jdbc', 'url' = 'jdbc:mysql://db/x', 'table-name' = 'd', 'lookup.cache.max-|rows' = '10');");
      assert.match(h, /Deprecated\*\*: use `lookup.partial-cache.max-rows`/);
      assert.match(hoverAt("CREATE TABLE d (id INT) WITH ('connector' = 'data|gen');"), /\*\*datagen\*\* — source/);
      assert.match(hoverAt(KAFKA('').replace("'format' = 'json'", "'format' = 'js|on'")), /\*\*json\*\* — format/);
    });

    it('quick fix: adds the missing required options with placeholders', () => {
      const text = KAFKA('');
      const { actions } = fixesFor(text, 'missing-option', flinkVersion);
      assert.equal(actions[0].title, "Add the missing option 'topic'");
      const fixed = apply(text, actions[0]);
      assert.match(fixed, /'format' = 'json',\n {2}'topic' = 'orders_topic'\n\);/);
      assert.deepEqual(diagnostics(analyze(fixed), { flinkVersion }), []);
      const jdbc = "CREATE TABLE customers (id BIGINT, name STRING) WITH ('connector' = 'jdbc');";
      const j = apply(jdbc, fixesFor(jdbc, 'missing-option', flinkVersion).actions[0]);
      assert.equal(j, "CREATE TABLE customers (id BIGINT, name STRING) WITH ('connector' = 'jdbc', 'url' = 'jdbc:postgresql://localhost:5432/postgres', 'table-name' = 'customers');");
      const seq = "CREATE TABLE g (id BIGINT) WITH ('connector' = 'datagen', 'fields.id.kind' = 'sequence');";
      assert.deepEqual(diagnostics(analyze(apply(seq, fixesFor(seq, 'missing-option', flinkVersion).actions[0])), { flinkVersion }), []);
    });

    it('quick fix: replaces an unknown key with the closest one', () => {
      const text = KAFKA(",\n  'topic' = 'o',\n  'scan.startup.mod' = 'latest-offset'");
      const { actions } = fixesFor(text, 'unknown-option', flinkVersion);
      assert.equal(actions[0].title, "Change 'scan.startup.mod' to 'scan.startup.mode'");
      assert.deepEqual(diagnostics(analyze(apply(text, actions[0])), { flinkVersion }), []);
      const prefix = KAFKA(",\n  'topic' = 'o',\n  'ignore-parse-errors' = 'true'");
      assert.match(apply(prefix, fixesFor(prefix, 'unknown-option', flinkVersion).actions[0]), /'json.ignore-parse-errors' = 'true'/);
    });

    it('quick fix: replaces a deprecated key with its successor', () => {
      const text = "CREATE TABLE d (id INT) WITH ('connector' = 'jdbc', 'url' = 'jdbc:mysql://db/x', 'table-name' = 'd', 'lookup.cache.max-rows' = '10');";
      const { actions } = fixesFor(text, 'deprecated-option', flinkVersion);
      assert.equal(actions[0].title, "Replace deprecated 'lookup.cache.max-rows' with 'lookup.partial-cache.max-rows'");
      assert.deepEqual(diagnostics(analyze(apply(text, actions[0])), { flinkVersion }), []);
    });

    it('quick fix: an enum value to the closest allowed one, a misspelt connector, a misspelt table', () => {
      const text = KAFKA(",\n  'topic' = 'o',\n  'scan.startup.mode' = 'earliest'");
      const fixed = apply(text, fixesFor(text, 'invalid-value', flinkVersion).actions[0]);
      assert.match(fixed, /'scan.startup.mode' = 'earliest-offset'/);
      const conn = "CREATE TABLE s (id INT) WITH ('connector' = 'blackhol');";
      assert.equal(apply(conn, fixesFor(conn, 'unknown-connector', flinkVersion).actions[0]), "CREATE TABLE s (id INT) WITH ('connector' = 'blackhole');");
      const draft = "CREATE TABLE orders_sink (id INT) WITH ('connector' = 'blackhole');\nINSERT INTO order_sink SELECT 1;";
      assert.match(apply(draft, fixesFor(draft, 'undefined-table', flinkVersion).actions[0]), /INSERT INTO orders_sink SELECT 1;/);
    });
  });
}
