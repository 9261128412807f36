// Writes test/fixtures/semantic/drafts.jsonl: the drafts of the semantic corpus (issue 18), faults and valid controls
// per category, as realistic multi-statement drafts (real connectors and options, then the query or INSERT), plus
// mutations of them. Only the drafts: whether Flink accepts each is decided by tools/planner-oracle
// (npm run corpus:semantic-label), never here — `intent` only records what the author expected.
// Idempotent: run `npx tsx scripts/semantic-corpus.ts`, then relabel.
import * as fs from 'fs';
import * as path from 'path';

type Category = 'changelog' | 'time' | 'joins' | 'types' | 'tables' | 'names' | 'upsert' | 'options';
interface Draft {
  id: string;
  category: Category;
  sql: string;
  provenance: string;
  intent: 'valid' | 'invalid';
  /** Classes the draft needs on the job's classpath (a user jar); the oracle has none. */
  classpath?: string[];
}

const OWN = 'own';
const DOCS = 'docs/content/docs/';
const BROKERS = `'properties.bootstrap.servers' = 'localhost:9092'`;
// Kafka sources read from the group's committed offsets unless told otherwise, which needs a group id.
const GROUP = `'properties.group.id' = 'studio'`;

// ---- Tables: sources ------------------------------------------------------------------------------------------

const CLICK_COLUMNS = `  user_id BIGINT,
  url STRING,
  name STRING,
  amount DECIMAL(10, 2),
  tags ARRAY<STRING>,
  ts TIMESTAMP(3)`;
const WM = `,\n  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND`;

function kafkaSource(name: string, columns: string, format = 'json', extra = ''): string {
  return `CREATE TABLE ${name} (
${columns}
) WITH (
  'connector' = 'kafka',
  'topic' = '${name}',
  ${BROKERS},
  'properties.group.id' = 'studio',
  'scan.startup.mode' = 'earliest-offset',
  'format' = '${format}'${extra}
);`;
}

const T: Record<string, string> = {
  clicks: kafkaSource('clicks', CLICK_COLUMNS + WM),
  clicksNoWm: kafkaSource('clicks', CLICK_COLUMNS),
  clicksProc: kafkaSource('clicks', CLICK_COLUMNS + `,\n  proc AS PROCTIME()`),
  clicksAvro: kafkaSource('clicks', CLICK_COLUMNS + WM, 'avro'),
  clicksCsv: `CREATE TABLE clicks (
${CLICK_COLUMNS.replace(',\n  tags ARRAY<STRING>', '')}${WM}
) WITH (
  'connector' = 'filesystem',
  'path' = 'file:///tmp/studio/clicks',
  'format' = 'csv'
);`,
  clicksGen: `CREATE TABLE clicks (
${CLICK_COLUMNS}${WM}
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '10',
  'fields.user_id.min' = '1',
  'fields.user_id.max' = '100'
);`,
  orders: kafkaSource('orders', `  order_id BIGINT,
  customer_id BIGINT,
  product STRING,
  currency STRING,
  amount DECIMAL(10, 2),
  order_time TIMESTAMP(3),
  proc_time AS PROCTIME(),
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND`),
  shipments: kafkaSource('shipments', `  ship_id BIGINT,
  order_id BIGINT,
  ship_time TIMESTAMP(3),
  WATERMARK FOR ship_time AS ship_time - INTERVAL '5' SECOND`),
  customers: `CREATE TABLE customers (
  id BIGINT,
  name STRING,
  country STRING,
  PRIMARY KEY (id) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = 'jdbc:postgresql://localhost:5432/shop',
  'table-name' = 'customers',
  'lookup.cache' = 'PARTIAL',
  'lookup.partial-cache.max-rows' = '1000'
);`,
  customersGen: `CREATE TABLE customers (
  id BIGINT,
  name STRING,
  country STRING
) WITH (
  'connector' = 'datagen',
  'number-of-rows' = '100'
);`,
  rates: `CREATE TABLE rates (
  currency STRING,
  rate DECIMAL(10, 4),
  update_time TIMESTAMP(3),
  WATERMARK FOR update_time AS update_time - INTERVAL '5' SECOND,
  PRIMARY KEY (currency) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'rates',
  ${BROKERS},
  'key.format' = 'json',
  'value.format' = 'json'
);`,
  ratesNoPk: kafkaSource('rates', `  currency STRING,
  rate DECIMAL(10, 4),
  update_time TIMESTAMP(3),
  WATERMARK FOR update_time AS update_time - INTERVAL '5' SECOND`),
  ratesNoWm: `CREATE TABLE rates (
  currency STRING,
  rate DECIMAL(10, 4),
  update_time TIMESTAMP(3),
  PRIMARY KEY (currency) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'rates',
  ${BROKERS},
  'key.format' = 'json',
  'value.format' = 'json'
);`,
  cdcUsers: kafkaSource('users_cdc', `  user_id BIGINT,
  name STRING,
  country STRING,
  PRIMARY KEY (user_id) NOT ENFORCED`, 'debezium-json'),
};

// ---- Tables: sinks ---------------------------------------------------------------------------------------------

type SinkKind = 'kafka' | 'filesystem' | 'print' | 'blackhole' | 'upsert-kafka' | 'jdbc' | 'jdbc-nopk' | 'debezium' | 'canal';
const APPEND_SINKS: SinkKind[] = ['kafka', 'filesystem'];
const UPDATING_SINKS: SinkKind[] = ['print', 'blackhole', 'upsert-kafka', 'jdbc', 'debezium'];

/** A sink table `name` with `columns` (`name TYPE` lines); `key` names the primary key where the kind takes one. */
function sink(kind: SinkKind, name: string, columns: string[], key: string[]): string {
  const pk = ['upsert-kafka', 'jdbc'].includes(kind) ? [`PRIMARY KEY (${key.join(', ')}) NOT ENFORCED`] : [];
  const body = [...columns, ...pk].map((c) => `  ${c}`).join(',\n');
  const options: Record<SinkKind, string[]> = {
    kafka: [`'connector' = 'kafka'`, `'topic' = '${name}'`, BROKERS, `'format' = 'json'`],
    debezium: [`'connector' = 'kafka'`, `'topic' = '${name}'`, BROKERS, `'format' = 'debezium-json'`],
    canal: [`'connector' = 'kafka'`, `'topic' = '${name}'`, BROKERS, `'format' = 'canal-json'`],
    filesystem: [`'connector' = 'filesystem'`, `'path' = 'file:///tmp/studio/${name}'`, `'format' = 'json'`],
    print: [`'connector' = 'print'`],
    blackhole: [`'connector' = 'blackhole'`],
    'upsert-kafka': [`'connector' = 'upsert-kafka'`, `'topic' = '${name}'`, BROKERS, `'key.format' = 'json'`, `'value.format' = 'json'`],
    jdbc: [`'connector' = 'jdbc'`, `'url' = 'jdbc:postgresql://localhost:5432/shop'`, `'table-name' = '${name}'`],
    'jdbc-nopk': [`'connector' = 'jdbc'`, `'url' = 'jdbc:postgresql://localhost:5432/shop'`, `'table-name' = '${name}'`],
  };
  return `CREATE TABLE ${name} (\n${body}\n) WITH (\n  ${options[kind].join(',\n  ')}\n);`;
}

const drafts: Draft[] = [];
const ids = new Set<string>();
function add(id: string, category: Category, intent: Draft['intent'], statements: string[], provenance = OWN, extra: Partial<Draft> = {}): void {
  if (ids.has(id)) throw new Error(`duplicate id ${id}`);
  ids.add(id);
  drafts.push({ id, category, sql: statements.join('\n\n') + '\n', provenance, intent, ...extra });
}
const slug = (s: string) => s.replace(/[^a-z0-9]+/gi, '-').toLowerCase();

// ---- changelog -------------------------------------------------------------------------------------------------

const AGG_COLUMNS = ['user_id BIGINT', 'cnt BIGINT'];
const updatingQueries: { id: string; columns: string[]; key: string[]; sql: string; provenance?: string }[] = [
  { id: 'group-count', columns: AGG_COLUMNS, key: ['user_id'], sql: 'SELECT user_id, COUNT(*) AS cnt\nFROM clicks\nGROUP BY user_id' },
  { id: 'count-distinct', columns: ['url STRING', 'cnt BIGINT'], key: ['url'], sql: 'SELECT url, COUNT(DISTINCT user_id) AS cnt\nFROM clicks\nGROUP BY url' },
  { id: 'having', columns: ['user_id BIGINT', 'total DECIMAL(38, 2)'], key: ['user_id'], sql: 'SELECT user_id, SUM(amount) AS total\nFROM clicks\nGROUP BY user_id\nHAVING SUM(amount) > 50', provenance: `${DOCS}sql/reference/queries/group-agg.md:154 (adapted)` },
  { id: 'global-count', columns: ['cnt BIGINT'], key: ['cnt'], sql: 'SELECT COUNT(*) AS cnt\nFROM clicks', provenance: `${DOCS}sql/reference/queries/group-agg.md:33 (adapted)` },
  { id: 'topn', columns: ['user_id BIGINT', 'url STRING', 'amount DECIMAL(10, 2)', 'row_num BIGINT'], key: ['user_id', 'row_num'], sql: 'SELECT user_id, url, amount, row_num\nFROM (\n  SELECT *, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY amount DESC) AS row_num\n  FROM clicks)\nWHERE row_num <= 3', provenance: `${DOCS}sql/reference/queries/topn.md:72 (adapted)` },
  { id: 'left-join', columns: ['user_id BIGINT', 'url STRING', 'product STRING'], key: ['user_id'], sql: 'SELECT c.user_id, c.url, o.product\nFROM clicks AS c\nLEFT JOIN orders AS o ON c.user_id = o.customer_id', provenance: `${DOCS}sql/reference/queries/joins.md:70 (adapted)` },
  { id: 'dedup-last', columns: ['user_id BIGINT', 'url STRING', 'ts TIMESTAMP(3)'], key: ['user_id'], sql: 'SELECT user_id, url, ts\nFROM (\n  SELECT *, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY ts DESC) AS rn\n  FROM clicks)\nWHERE rn = 1' },
];
for (const q of updatingQueries) {
  const sources = q.id === 'left-join' ? [T.clicks, T.orders] : [T.clicks];
  for (const kind of [...APPEND_SINKS, ...UPDATING_SINKS]) {
    const append = APPEND_SINKS.includes(kind);
    add(`changelog/${q.id}-into-${kind}`, 'changelog', append ? 'invalid' : 'valid', [...sources, sink(kind, 'agg_sink', q.columns, q.key), `INSERT INTO agg_sink\n${q.sql};`], q.provenance ?? OWN);
  }
}
// Insert-only queries into append-only sinks: the controls that look most like the faults above.
const WINDOW_COLUMNS = ['window_start TIMESTAMP(3)', 'window_end TIMESTAMP(3)', 'user_id BIGINT', 'cnt BIGINT'];
const appendQueries: { id: string; columns: string[]; sql: string; sources?: string[]; provenance?: string }[] = [
  { id: 'tumble', columns: WINDOW_COLUMNS, sql: "SELECT window_start, window_end, user_id, COUNT(*) AS cnt\nFROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))\nGROUP BY window_start, window_end, user_id", provenance: `${DOCS}sql/reference/queries/window-agg.md:180 (adapted)` },
  { id: 'hop', columns: WINDOW_COLUMNS, sql: "SELECT window_start, window_end, user_id, COUNT(*) AS cnt\nFROM TABLE(HOP(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '5' MINUTE))\nGROUP BY window_start, window_end, user_id" },
  { id: 'cumulate', columns: WINDOW_COLUMNS, sql: "SELECT window_start, window_end, user_id, COUNT(*) AS cnt\nFROM TABLE(CUMULATE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '10' MINUTE))\nGROUP BY window_start, window_end, user_id" },
  { id: 'filter', columns: ['user_id BIGINT', 'url STRING'], sql: "SELECT user_id, url\nFROM clicks\nWHERE url LIKE 'https://%'" },
  { id: 'inner-join', columns: ['user_id BIGINT', 'url STRING', 'product STRING'], sources: [T.clicks, T.orders], sql: 'SELECT c.user_id, c.url, o.product\nFROM clicks AS c\nJOIN orders AS o ON c.user_id = o.customer_id', provenance: `${DOCS}sql/reference/queries/joins.md:59 (adapted)` },
  { id: 'interval-join', columns: ['order_id BIGINT', 'ship_time TIMESTAMP(3)'], sources: [T.orders, T.shipments], sql: "SELECT o.order_id, s.ship_time\nFROM orders AS o, shipments AS s\nWHERE o.order_id = s.order_id\nAND o.order_time BETWEEN s.ship_time - INTERVAL '4' HOUR AND s.ship_time", provenance: `${DOCS}sql/reference/queries/joins.md:97 (adapted)` },
  { id: 'dedup-first', columns: ['user_id BIGINT', 'url STRING'], sources: [T.clicksProc], sql: 'SELECT user_id, url\nFROM (\n  SELECT *, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY proc ASC) AS rn\n  FROM clicks)\nWHERE rn = 1', provenance: `${DOCS}sql/reference/queries/deduplication.md:62 (adapted)` },
  { id: 'window-topn', columns: ['window_start TIMESTAMP(3)', 'window_end TIMESTAMP(3)', 'user_id BIGINT', 'cnt BIGINT'], sql: "SELECT window_start, window_end, user_id, cnt\nFROM (\n  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY cnt DESC) AS rn\n  FROM (\n    SELECT window_start, window_end, user_id, COUNT(*) AS cnt\n    FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))\n    GROUP BY window_start, window_end, user_id))\nWHERE rn <= 3" },
];
for (const q of appendQueries) {
  for (const kind of ['kafka', 'filesystem', 'print'] as SinkKind[]) {
    add(`changelog/${q.id}-into-${kind}`, 'changelog', 'valid', [...(q.sources ?? [T.clicks]), sink(kind, 'out_sink', q.columns, []), `INSERT INTO out_sink\n${q.sql};`], q.provenance ?? OWN);
  }
}
// A CDC source's updates and deletes.
for (const kind of ['kafka', 'filesystem', 'upsert-kafka', 'jdbc', 'print'] as SinkKind[]) {
  add(`changelog/cdc-into-${kind}`, 'changelog', APPEND_SINKS.includes(kind) ? 'invalid' : 'valid', [T.cdcUsers, sink(kind, 'users_out', ['user_id BIGINT', 'name STRING', 'country STRING'], ['user_id']), 'INSERT INTO users_out\nSELECT user_id, name, country FROM users_cdc;'], `${DOCS}connectors/table/formats/debezium.md (adapted)`);
}
add('changelog/select-group-count', 'changelog', 'valid', [T.clicks, 'SELECT user_id, COUNT(*) AS cnt\nFROM clicks\nGROUP BY user_id;']);
add('changelog/statement-set-mixed', 'changelog', 'invalid', [T.clicks, sink('kafka', 'raw_out', ['user_id BIGINT', 'url STRING'], []), sink('kafka', 'agg_out', AGG_COLUMNS, []),
  'EXECUTE STATEMENT SET BEGIN\nINSERT INTO raw_out SELECT user_id, url FROM clicks;\nINSERT INTO agg_out SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id;\nEND;']);
add('changelog/statement-set-ok', 'changelog', 'valid', [T.clicks, sink('kafka', 'raw_out', ['user_id BIGINT', 'url STRING'], []), sink('upsert-kafka', 'agg_out', AGG_COLUMNS, ['user_id']),
  'EXECUTE STATEMENT SET BEGIN\nINSERT INTO raw_out SELECT user_id, url FROM clicks;\nINSERT INTO agg_out SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id;\nEND;']);

// ---- time attributes -------------------------------------------------------------------------------------------

const windowSink = sink('kafka', 'window_out', WINDOW_COLUMNS, []);
for (const [fn, args] of [['TUMBLE', "INTERVAL '1' MINUTE"], ['HOP', "INTERVAL '1' MINUTE, INTERVAL '5' MINUTE"], ['CUMULATE', "INTERVAL '1' MINUTE, INTERVAL '10' MINUTE"]] as const) {
  const q = (table: string, col: string) => `INSERT INTO window_out\nSELECT window_start, window_end, user_id, COUNT(*) AS cnt\nFROM TABLE(${fn}(TABLE ${table}, DESCRIPTOR(${col}), ${args}))\nGROUP BY window_start, window_end, user_id;`;
  const f = fn.toLowerCase();
  add(`time/${f}-no-watermark`, 'time', 'invalid', [T.clicksNoWm, windowSink, q('clicks', 'ts')], `${DOCS}sql/reference/queries/window-tvf.md (adapted)`);
  add(`time/${f}-watermark`, 'time', 'valid', [T.clicks, windowSink, q('clicks', 'ts')], `${DOCS}sql/reference/queries/window-tvf.md (adapted)`);
  add(`time/${f}-proctime`, 'time', 'valid', [T.clicksProc, windowSink, q('clicks', 'proc')]);
  add(`time/${f}-cast-in-view`, 'time', 'invalid', [T.clicks, 'CREATE VIEW clicks_v AS\nSELECT user_id, url, CAST(ts AS TIMESTAMP(3)) AS ts\nFROM clicks;', windowSink, q('clicks_v', 'ts')]);
  add(`time/${f}-view-keeps-rowtime`, 'time', 'valid', [T.clicks, 'CREATE VIEW clicks_v AS\nSELECT user_id, url, ts\nFROM clicks\nWHERE amount > 0;', windowSink, q('clicks_v', 'ts')]);
  add(`time/${f}-non-time-column`, 'time', 'invalid', [T.clicks, windowSink, q('clicks', 'url')]);
  add(`time/${f}-datagen-watermark`, 'time', 'valid', [T.clicksGen, windowSink, q('clicks', 'ts')]);
}
// Flink 2.x's shorthand without TABLE(...) (the 2.3 docs' form; Flink 1.20's parser rejects it).
add('time/tumble-shorthand', 'time', 'valid', [T.clicks, windowSink, "INSERT INTO window_out\nSELECT window_start, window_end, user_id, COUNT(*) AS cnt\nFROM TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE)\nGROUP BY window_start, window_end, user_id;"], `${DOCS}sql/reference/queries/window-agg.md:180 (adapted)`);
add('time/tumble-shorthand-no-watermark', 'time', 'invalid', [T.clicksNoWm, windowSink, "INSERT INTO window_out\nSELECT window_start, window_end, user_id, COUNT(*) AS cnt\nFROM TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE)\nGROUP BY window_start, window_end, user_id;"], 'own mutation of time/tumble-shorthand');
add('time/session-no-watermark', 'time', 'invalid', [T.clicksNoWm, windowSink, "INSERT INTO window_out\nSELECT window_start, window_end, user_id, COUNT(*) AS cnt\nFROM TABLE(SESSION(TABLE clicks PARTITION BY user_id, DESCRIPTOR(ts), INTERVAL '5' MINUTE))\nGROUP BY window_start, window_end, user_id;"]);
add('time/session-watermark', 'time', 'valid', [T.clicks, windowSink, "INSERT INTO window_out\nSELECT window_start, window_end, user_id, COUNT(*) AS cnt\nFROM TABLE(SESSION(TABLE clicks PARTITION BY user_id, DESCRIPTOR(ts), INTERVAL '5' MINUTE))\nGROUP BY window_start, window_end, user_id;"]);
add('time/group-window-no-watermark', 'time', 'invalid', [T.clicksNoWm, "SELECT user_id, TUMBLE_START(ts, INTERVAL '1' MINUTE) AS w, COUNT(*)\nFROM clicks\nGROUP BY user_id, TUMBLE(ts, INTERVAL '1' MINUTE);"]);
add('time/group-window-watermark', 'time', 'valid', [T.clicks, "SELECT user_id, TUMBLE_START(ts, INTERVAL '1' MINUTE) AS w, COUNT(*)\nFROM clicks\nGROUP BY user_id, TUMBLE(ts, INTERVAL '1' MINUTE);"]);
add('time/order-by-amount', 'time', 'invalid', [T.clicks, 'SELECT user_id, url, amount\nFROM clicks\nORDER BY amount;'], `${DOCS}sql/reference/queries/orderby.md:34 (adapted)`);
add('time/order-by-amount-desc-into-print', 'time', 'invalid', [T.clicks, sink('print', 'p', ['user_id BIGINT', 'amount DECIMAL(10, 2)'], []), 'INSERT INTO p\nSELECT user_id, amount\nFROM clicks\nORDER BY amount DESC;']);
add('time/order-by-rowtime', 'time', 'valid', [T.clicks, 'SELECT user_id, url, amount\nFROM clicks\nORDER BY ts;'], `${DOCS}sql/reference/queries/orderby.md:34 (adapted)`);
add('time/order-by-rowtime-then-amount', 'time', 'valid', [T.clicks, 'SELECT user_id, url, amount\nFROM clicks\nORDER BY ts, amount;']);
add('time/order-by-amount-limit', 'time', 'valid', [T.clicks, 'SELECT user_id, url, amount\nFROM clicks\nORDER BY amount DESC\nLIMIT 10;'], `${DOCS}sql/reference/queries/limit.md (adapted)`);
add('time/order-by-no-watermark', 'time', 'invalid', [T.clicksNoWm, 'SELECT user_id, url\nFROM clicks\nORDER BY ts;']);
const overSql = (order: string, frame: string) => `SELECT user_id, amount,\n  SUM(amount) OVER (\n    PARTITION BY user_id\n    ORDER BY ${order}\n    ${frame}\n  ) AS running_total\nFROM clicks;`;
add('time/over-order-by-amount-unbounded', 'time', 'invalid', [T.clicks, overSql('amount', 'ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW')]);
add('time/over-order-by-amount-bounded', 'time', 'invalid', [T.clicks, overSql('amount', 'ROWS BETWEEN 5 PRECEDING AND CURRENT ROW')]);
add('time/over-order-by-rowtime', 'time', 'valid', [T.clicks, overSql('ts', "RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW")], `${DOCS}sql/reference/queries/over-agg.md:33 (adapted)`);
add('time/over-order-by-proctime', 'time', 'valid', [T.clicksProc, overSql('proc', 'ROWS BETWEEN 5 PRECEDING AND CURRENT ROW')]);
add('time/over-no-watermark', 'time', 'invalid', [T.clicksNoWm, overSql('ts', "RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW")]);
add('time/over-window-clause', 'time', 'valid', [T.orders, "SELECT order_id, order_time, amount,\n  SUM(amount) OVER w AS sum_amount,\n  AVG(amount) OVER w AS avg_amount\nFROM orders\nWINDOW w AS (\n  PARTITION BY product\n  ORDER BY order_time\n  RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW);"], `${DOCS}sql/reference/queries/over-agg.md:97 (adapted)`);
const wmTable = (type: string, wm: string) => `CREATE TABLE events (\n  id BIGINT,\n  event_time ${type},\n  WATERMARK FOR event_time AS ${wm}\n) WITH (\n  'connector' = 'kafka',\n  'topic' = 'events',\n  ${BROKERS},\n  ${GROUP},\n  'format' = 'json'\n);`;
add('time/watermark-on-string', 'time', 'invalid', [wmTable('STRING', 'event_time'), 'SELECT id FROM events;']);
add('time/watermark-on-bigint', 'time', 'invalid', [wmTable('BIGINT', "event_time - INTERVAL '5' SECOND"), 'SELECT id FROM events;']);
add('time/watermark-on-date', 'time', 'invalid', [wmTable('DATE', 'event_time'), 'SELECT id FROM events;']);
add('time/watermark-on-timestamp', 'time', 'valid', [wmTable('TIMESTAMP(3)', "event_time - INTERVAL '5' SECOND"), 'SELECT id FROM events;']);
add('time/watermark-on-ltz', 'time', 'valid', [wmTable('TIMESTAMP_LTZ(3)', "event_time - INTERVAL '5' SECOND"), 'SELECT id FROM events;']);
add('time/watermark-strategy-returns-string', 'time', 'invalid', [wmTable('TIMESTAMP(3)', "'now'"), 'SELECT id FROM events;']);
add('time/watermark-on-computed-ltz', 'time', 'valid', [`CREATE TABLE events (\n  id BIGINT,\n  epoch_ms BIGINT,\n  event_time AS TO_TIMESTAMP_LTZ(epoch_ms, 3),\n  WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND\n) WITH (\n  'connector' = 'kafka',\n  'topic' = 'events',\n  ${BROKERS},\n  ${GROUP},\n  'format' = 'json'\n);`, 'SELECT id, event_time FROM events;'], `${DOCS}sql/reference/ddl/create.md (adapted)`);
add('time/window-start-not-grouped', 'time', 'invalid', [T.clicks, "SELECT window_start, user_id, COUNT(*) AS cnt\nFROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))\nGROUP BY user_id;"]);

// ---- joins -----------------------------------------------------------------------------------------------------

const enrichedSink = sink('kafka', 'enriched', ['order_id BIGINT', 'amount DECIMAL(10, 2)', 'rate DECIMAL(10, 4)'], []);
const temporal = (time: string, on = 'o.currency = r.currency') => `INSERT INTO enriched\nSELECT o.order_id, o.amount, r.rate\nFROM orders AS o\nJOIN rates FOR SYSTEM_TIME AS OF o.${time} AS r\n  ON ${on};`;
add('joins/event-time-versioned', 'joins', 'valid', [T.orders, T.rates, enrichedSink, temporal('order_time')], `${DOCS}sql/reference/queries/joins.md (event time temporal join, adapted)`);
add('joins/event-time-no-primary-key', 'joins', 'invalid', [T.orders, T.ratesNoPk, enrichedSink, temporal('order_time')]);
add('joins/event-time-no-watermark', 'joins', 'invalid', [T.orders, T.ratesNoWm, enrichedSink, temporal('order_time')]);
add('joins/event-time-no-equality', 'joins', 'invalid', [T.orders, T.rates, enrichedSink, temporal('order_time', 'o.currency <> r.currency')]);
add('joins/as-of-non-time-column', 'joins', 'invalid', [T.orders, T.rates, enrichedSink, temporal('amount')]);
add('joins/event-time-left', 'joins', 'valid', [T.orders, T.rates, enrichedSink, 'INSERT INTO enriched\nSELECT o.order_id, o.amount, r.rate\nFROM orders AS o\nLEFT JOIN rates FOR SYSTEM_TIME AS OF o.order_time AS r\n  ON o.currency = r.currency;']);
const lookupSink = sink('kafka', 'order_customers', ['order_id BIGINT', 'name STRING', 'country STRING'], []);
const lookup = (on: string, time = 'proc_time') => `INSERT INTO order_customers\nSELECT o.order_id, c.name, c.country\nFROM orders AS o\nJOIN customers FOR SYSTEM_TIME AS OF o.${time} AS c\n  ON ${on};`;
add('joins/lookup-jdbc', 'joins', 'valid', [T.orders, T.customers, lookupSink, lookup('o.customer_id = c.id')], `${DOCS}sql/reference/queries/joins.md:436 (adapted)`);
add('joins/lookup-jdbc-extra-condition', 'joins', 'valid', [T.orders, T.customers, lookupSink, lookup("o.customer_id = c.id AND c.country = 'NL'")]);
add('joins/lookup-jdbc-left', 'joins', 'valid', [T.orders, T.customers, lookupSink, 'INSERT INTO order_customers\nSELECT o.order_id, c.name, c.country\nFROM orders AS o\nLEFT JOIN customers FOR SYSTEM_TIME AS OF o.proc_time AS c\n  ON o.customer_id = c.id;']);
add('joins/lookup-no-equality', 'joins', 'invalid', [T.orders, T.customers, lookupSink, lookup('o.customer_id > c.id')]);
add('joins/lookup-only-constant', 'joins', 'invalid', [T.orders, T.customers, lookupSink, lookup("c.country = 'NL'")]);
add('joins/lookup-datagen', 'joins', 'invalid', [T.orders, T.customersGen, lookupSink, lookup('o.customer_id = c.id')]);
add('joins/lookup-kafka', 'joins', 'invalid', [T.orders, kafkaSource('customers', '  id BIGINT,\n  name STRING,\n  country STRING'), lookupSink, lookup('o.customer_id = c.id')]);
add('joins/lookup-event-time-on-jdbc', 'joins', 'invalid', [T.orders, T.customers, lookupSink, lookup('o.customer_id = c.id', 'order_time')]);
add('joins/regular-join-datagen', 'joins', 'valid', [T.orders, T.customersGen, sink('print', 'order_customers', ['order_id BIGINT', 'name STRING', 'country STRING'], []), 'INSERT INTO order_customers\nSELECT o.order_id, c.name, c.country\nFROM orders AS o\nJOIN customers AS c ON o.customer_id = c.id;']);
add('joins/interval-join', 'joins', 'valid', [T.orders, T.shipments, "SELECT o.order_id, s.ship_time\nFROM orders AS o, shipments AS s\nWHERE o.order_id = s.order_id\nAND o.order_time BETWEEN s.ship_time - INTERVAL '4' HOUR AND s.ship_time;"], `${DOCS}sql/reference/queries/joins.md:97`);
// An interval join keeps both sides' rowtimes; a sink takes one (found by the oracle on bench/semanticBench.ts's pipeline draft).
const twoTimes = sink('print', 'order_ships', ['order_id BIGINT', 'order_time TIMESTAMP(3)', 'ship_time TIMESTAMP(3)'], []);
const intervalInsert = (ship: string) => `INSERT INTO order_ships\nSELECT o.order_id, o.order_time, ${ship}\nFROM orders AS o, shipments AS s\nWHERE o.order_id = s.order_id\nAND o.order_time BETWEEN s.ship_time - INTERVAL '4' HOUR AND s.ship_time;`;
add('time/interval-join-two-rowtimes-into-sink', 'time', 'invalid', [T.orders, T.shipments, twoTimes, intervalInsert('s.ship_time')]);
add('time/interval-join-one-rowtime-cast', 'time', 'valid', [T.orders, T.shipments, twoTimes, intervalInsert('CAST(s.ship_time AS TIMESTAMP(3))')]);
add('joins/unnest', 'joins', 'valid', [T.clicks, 'SELECT c.user_id, t.tag\nFROM clicks AS c\nCROSS JOIN UNNEST(c.tags) AS t (tag);'], `${DOCS}sql/reference/queries/joins.md (array expansion, adapted)`);
add('joins/on-unknown-alias', 'joins', 'invalid', [T.clicks, T.orders, 'SELECT c.user_id, o.product\nFROM clicks AS c\nJOIN orders AS o ON c.user_id = x.customer_id;']);

// Adapted from Flink's own planner test TemporalJoinTest (its 'values' test connector replaced by kafka, upsert-kafka
// and debezium-json over kafka, which behave alike for the planner: append, upsert, changelog).
const TJT = 'flink-table/flink-table-planner/src/test/scala/org/apache/flink/table/planner/plan/stream/sql/join/TemporalJoinTest.scala';
const tj = {
  orders: kafkaSource('Orders', "  amount INT,\n  currency STRING,\n  rowtime TIMESTAMP(3),\n  proctime AS PROCTIME(),\n  WATERMARK FOR rowtime AS rowtime"),
  history: kafkaSource('RatesHistory', "  currency STRING,\n  rate INT,\n  rowtime TIMESTAMP(3),\n  WATERMARK FOR rowtime AS rowtime"),
  historyPk: `CREATE TABLE RatesHistoryWithPK (\n  currency STRING,\n  rate INT,\n  rowtime TIMESTAMP(3),\n  WATERMARK FOR rowtime AS rowtime,\n  PRIMARY KEY (currency) NOT ENFORCED\n) WITH (\n  'connector' = 'upsert-kafka',\n  'topic' = 'rates_history',\n  ${BROKERS},\n  'key.format' = 'json',\n  'value.format' = 'json'\n);`,
  binlog: kafkaSource('RatesBinlogWithComputedColumn', "  currency STRING,\n  rate INT,\n  rate1 AS rate + 1,\n  proctime AS PROCTIME(),\n  rowtime TIMESTAMP(3),\n  WATERMARK FOR rowtime AS rowtime,\n  PRIMARY KEY (currency) NOT ENFORCED", 'debezium-json'),
  noTimeVersioned: `CREATE TABLE versionedTableWithoutTimeAttribute (\n  currency STRING,\n  rate INT,\n  rowtime TIMESTAMP(3),\n  PRIMARY KEY (currency) NOT ENFORCED\n) WITH (\n  'connector' = 'upsert-kafka',\n  'topic' = 'rates_plain',\n  ${BROKERS},\n  'key.format' = 'json',\n  'value.format' = 'json'\n);`,
  noRowtimeVersioned: `CREATE TABLE versionedTableWithoutRowtime (\n  currency STRING,\n  rate INT,\n  rowtime TIMESTAMP(3),\n  proctime AS PROCTIME(),\n  PRIMARY KEY (currency) NOT ENFORCED\n) WITH (\n  'connector' = 'upsert-kafka',\n  'topic' = 'rates_proc',\n  ${BROKERS},\n  'key.format' = 'json',\n  'value.format' = 'json'\n);`,
  upsertRates: `CREATE TABLE UpsertRates (\n  currency STRING,\n  rate INT,\n  valid VARCHAR,\n  rowtime TIMESTAMP(3),\n  WATERMARK FOR rowtime AS rowtime,\n  PRIMARY KEY (currency) NOT ENFORCED\n) WITH (\n  'connector' = 'upsert-kafka',\n  'topic' = 'upsert_rates',\n  ${BROKERS},\n  'key.format' = 'json',\n  'value.format' = 'json'\n);`,
  noTime: kafkaSource('leftTableWithoutTimeAttribute', "  amount INT,\n  currency STRING,\n  ts TIMESTAMP(3)"),
  lastRowView: 'CREATE VIEW rates_last_row_rowtime AS\nSELECT currency, rate, rowtime FROM (\n  SELECT *, ROW_NUMBER() OVER (PARTITION BY currency ORDER BY rowtime DESC) AS rowNum\n  FROM RatesHistory) T\nWHERE rowNum = 1;',
  ordersLtz: kafkaSource('OrdersLtz', "  amount INT,\n  currency STRING,\n  ts BIGINT,\n  rowtime AS TO_TIMESTAMP_LTZ(ts, 3),\n  WATERMARK FOR rowtime AS rowtime"),
  ratesLtz: `CREATE TABLE RatesLtz (\n  currency STRING,\n  rate INT,\n  ts BIGINT,\n  rowtime AS TO_TIMESTAMP_LTZ(ts, 3),\n  WATERMARK FOR rowtime AS rowtime,\n  PRIMARY KEY (currency) NOT ENFORCED\n) WITH (\n  'connector' = 'upsert-kafka',\n  'topic' = 'rates_ltz',\n  ${BROKERS},\n  'key.format' = 'json',\n  'value.format' = 'json'\n);`,
};
const tjCases: [string, 'valid' | 'invalid', string[], string][] = [
  ['event-time', 'valid', [tj.orders, tj.historyPk], 'SELECT * FROM Orders AS o JOIN RatesHistoryWithPK FOR SYSTEM_TIME AS OF o.rowtime AS r ON o.currency = r.currency'],
  ['event-time-ltz', 'valid', [tj.ordersLtz, tj.ratesLtz], 'SELECT * FROM OrdersLtz AS o JOIN RatesLtz FOR SYSTEM_TIME AS OF o.rowtime AS r ON o.currency = r.currency'],
  ['event-time-view', 'valid', [tj.orders, tj.history, tj.lastRowView], 'SELECT * FROM Orders AS o JOIN rates_last_row_rowtime FOR SYSTEM_TIME AS OF o.rowtime AS r ON o.currency = r.currency'],
  ['event-time-view-non-equi', 'valid', [tj.orders, tj.history, tj.lastRowView], 'SELECT * FROM Orders AS o JOIN rates_last_row_rowtime FOR SYSTEM_TIME AS OF o.rowtime AS r ON o.currency = r.currency AND o.amount > r.rate'],
  ['event-time-left-view-predicates', 'valid', [tj.orders, tj.history, tj.lastRowView], 'SELECT * FROM Orders AS o LEFT JOIN rates_last_row_rowtime FOR SYSTEM_TIME AS OF o.rowtime AS r ON o.currency = r.currency AND amount > 10 AND r.rate < 100'],
  ['event-time-binlog-computed', 'valid', [tj.orders, tj.binlog], 'SELECT o.currency, r.currency, rate1 FROM Orders AS o JOIN RatesBinlogWithComputedColumn FOR SYSTEM_TIME AS OF o.rowtime AS r ON o.currency = r.currency AND o.amount > 10 AND r.rate < 100'],
  ['proc-time-binlog', 'invalid', [tj.orders, tj.binlog], 'SELECT o.currency, r.currency, rate1 FROM Orders AS o JOIN RatesBinlogWithComputedColumn FOR SYSTEM_TIME AS OF o.proctime AS r ON o.currency = r.currency AND o.amount > 10 AND r.rate < 100'],
  ['invalid-1-no-time-attribute', 'invalid', [tj.noTime, tj.historyPk], 'SELECT * FROM leftTableWithoutTimeAttribute AS o JOIN RatesHistoryWithPK FOR SYSTEM_TIME AS OF o.ts AS r ON o.currency = r.currency'],
  ['invalid-2-key-not-in-condition', 'invalid', [tj.orders, tj.historyPk], 'SELECT * FROM Orders AS o JOIN RatesHistoryWithPK FOR SYSTEM_TIME AS OF o.rowtime AS r ON o.amount = r.rate'],
  ['invalid-3-no-primary-key', 'invalid', [tj.orders, tj.history], 'SELECT * FROM Orders AS o JOIN RatesHistory FOR SYSTEM_TIME AS OF o.rowtime AS r ON o.currency = r.currency'],
  ['invalid-4-no-time-attribute-in-versioned', 'invalid', [tj.orders, tj.noTimeVersioned], 'SELECT * FROM Orders AS o JOIN versionedTableWithoutTimeAttribute FOR SYSTEM_TIME AS OF o.rowtime AS r ON o.currency = r.currency'],
  ['invalid-5-proctime-only-versioned', 'invalid', [tj.orders, tj.noRowtimeVersioned], 'SELECT * FROM Orders AS o JOIN versionedTableWithoutRowtime FOR SYSTEM_TIME AS OF o.rowtime AS r ON o.currency = r.currency'],
  ['invalid-8-rowtime-types-differ', 'invalid', [tj.ordersLtz, tj.historyPk], 'SELECT * FROM OrdersLtz AS o JOIN RatesHistoryWithPK FOR SYSTEM_TIME AS OF o.rowtime AS r ON o.currency = r.currency'],
  ['upsert-source-post-filter', 'valid', [tj.orders, tj.upsertRates], "SELECT * FROM Orders AS o JOIN UpsertRates FOR SYSTEM_TIME AS OF o.rowtime AS r ON o.currency = r.currency WHERE valid = 'true'"],
  ['upsert-source-pre-filter', 'invalid', [tj.orders, tj.upsertRates, "CREATE TEMPORARY VIEW V1 AS\nSELECT * FROM UpsertRates WHERE valid = 'true';"], 'SELECT * FROM Orders AS o JOIN V1 FOR SYSTEM_TIME AS OF o.rowtime AS r ON o.currency = r.currency'],
];
for (const [id, intent, tables, query] of tjCases) {
  add(`joins/temporal-join-test-${id}`, 'joins', intent, [...tables, query.replace(/ (FROM|JOIN|ON|WHERE) /g, '\n$1 ') + ';'], `${TJT} (adapted)`);
}
// A classic: the window aggregate grouped without window_end is a regular aggregate, which updates.
add('changelog/window-group-without-end', 'changelog', 'invalid', [T.clicks, sink('kafka', 'window_out', ['window_start TIMESTAMP(3)', 'user_id BIGINT', 'cnt BIGINT'], []), "INSERT INTO window_out\nSELECT window_start, user_id, COUNT(*) AS cnt\nFROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))\nGROUP BY window_start, user_id;"]);
add('changelog/window-group-with-end', 'changelog', 'valid', [T.clicks, sink('kafka', 'window_out', ['window_start TIMESTAMP(3)', 'user_id BIGINT', 'cnt BIGINT'], []), "INSERT INTO window_out\nSELECT window_start, user_id, COUNT(*) AS cnt\nFROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))\nGROUP BY window_start, window_end, user_id;"]);

// Adapted from Flink's planner test TableSinkTest ('values' sinks replaced: insert-only → kafka json, retracting →
// print, with a primary key → upsert-kafka; its DataStream MyTable → a kafka table of the same columns).
const TST = 'flink-table/flink-table-planner/src/test/scala/org/apache/flink/table/planner/plan/stream/sql/TableSinkTest.scala';
const myTable = kafkaSource('MyTable', '  a INT,\n  b BIGINT,\n  c STRING');
const tstCases: [string, Category, 'valid' | 'invalid', string[]][] = [
  ['testInsertMismatchTypeForEmptyChar', 'names', 'invalid', [myTable, sink('kafka', 'my_sink', ['name STRING', 'email STRING', 'message_offset BIGINT'], []), "INSERT INTO my_sink SELECT a, '', '' FROM MyTable;"]],
  ['testExceptionForAppendSink', 'changelog', 'invalid', [myTable, sink('kafka', 'appendSink', ['`a` BIGINT'], []), 'INSERT INTO appendSink SELECT COUNT(*) AS cnt FROM MyTable GROUP BY a;']],
  ['testExceptionForOverAggregate', 'changelog', 'invalid', [myTable, 'CREATE TEMPORARY VIEW TempTable AS SELECT COUNT(*) AS cnt FROM MyTable GROUP BY a;', sink('print', 'retractSink1', ['`cnt` BIGINT'], []), sink('print', 'retractSink2', ['`cnt` BIGINT', '`total` BIGINT'], []),
    'EXECUTE STATEMENT SET BEGIN\nINSERT INTO retractSink1 SELECT * FROM TempTable;\nINSERT INTO retractSink2 SELECT cnt, SUM(cnt) OVER (ORDER BY PROCTIME()) FROM TempTable;\nEND;']],
  ['testAppendSink', 'changelog', 'valid', [myTable, sink('kafka', 'appendSink', ['`a` BIGINT', '`b` STRING'], []), 'INSERT INTO appendSink SELECT a + b, c FROM MyTable;']],
  ['testRetractSink2', 'changelog', 'valid', [myTable, sink('print', 'retractSink', ['`cnt` BIGINT', '`a` BIGINT'], []), 'INSERT INTO retractSink\nSELECT cnt, COUNT(a) AS a FROM (\n    SELECT a, COUNT(*) AS cnt FROM MyTable GROUP BY a) t\nGROUP BY cnt;']],
  ['testUpsertSink', 'upsert', 'valid', [myTable, sink('upsert-kafka', 'upsertSink', ['`a` INT', '`cnt` BIGINT'], ['a']), 'INSERT INTO upsertSink SELECT a, COUNT(*) AS cnt FROM MyTable GROUP BY a;']],
  ['testUpsertSinkWithFilter', 'upsert', 'valid', [myTable, sink('upsert-kafka', 'upsertSink', ['`a` INT', '`cnt` BIGINT'], ['a']), 'INSERT INTO upsertSink\nSELECT *\nFROM (SELECT a, COUNT(*) AS cnt FROM MyTable GROUP BY a)\nWHERE cnt < 10;']],
  ['testExceptionForWritingVirtualMetadataColumn', 'tables', 'invalid', [kafkaSource('MetadataTable', "  `a` INT,\n  `offset` BIGINT METADATA VIRTUAL,\n  `b` BIGINT,\n  `c` INT"), 'INSERT INTO MetadataTable\nSELECT *\nFROM MetadataTable;']],
];
for (const [test, category, intent, statements] of tstCases) add(`${category}/table-sink-test-${slug(test.replace(/^test/, ''))}`, category, intent, statements, `${TST}#${test} (adapted)`);

// ---- types and functions ---------------------------------------------------------------------------------------

const typeCases: [string, 'valid' | 'invalid', string][] = [
  ['unknown-function', 'invalid', 'SELECT NO_SUCH_FN(url) FROM clicks;'],
  ['known-function', 'valid', 'SELECT UPPER(url) FROM clicks;'],
  ['lower-decimal', 'invalid', 'SELECT LOWER(amount) FROM clicks;'],
  ['lower-string', 'valid', 'SELECT LOWER(url) FROM clicks;'],
  ['round-string', 'invalid', 'SELECT ROUND(name, 1) FROM clicks;'],
  ['round-decimal', 'valid', 'SELECT ROUND(amount, 1) FROM clicks;'],
  ['concat-bigint', 'invalid', 'SELECT CONCAT(url, user_id) FROM clicks;'],
  ['concat-cast', 'valid', 'SELECT CONCAT(url, CAST(user_id AS STRING)) FROM clicks;'],
  ['concat-strings', 'valid', "SELECT CONCAT(url, '?user=', name) FROM clicks;"],
  ['sum-string', 'invalid', 'SELECT user_id, SUM(url) FROM clicks GROUP BY user_id;'],
  ['sum-decimal', 'valid', 'SELECT user_id, SUM(amount) FROM clicks GROUP BY user_id;'],
  ['avg-string', 'invalid', 'SELECT AVG(name) FROM clicks;'],
  ['not-grouped', 'invalid', 'SELECT user_id, url, COUNT(*)\nFROM clicks\nGROUP BY user_id;'],
  ['grouped', 'valid', 'SELECT user_id, url, COUNT(*)\nFROM clicks\nGROUP BY user_id, url;'],
  ['agg-in-where', 'invalid', 'SELECT user_id\nFROM clicks\nWHERE COUNT(*) > 1\nGROUP BY user_id;'],
  ['agg-in-having', 'valid', 'SELECT user_id\nFROM clicks\nGROUP BY user_id\nHAVING COUNT(*) > 1;'],
  ['union-column-count', 'invalid', 'SELECT user_id, url FROM clicks\nUNION ALL\nSELECT user_id FROM clicks;'],
  ['union-same-shape', 'valid', "SELECT user_id, url FROM clicks\nUNION ALL\nSELECT user_id, name FROM clicks WHERE name <> '';"],
  ['union-incompatible-types', 'invalid', 'SELECT user_id, url FROM clicks\nUNION ALL\nSELECT url, user_id FROM clicks;'],
  ['unnest-non-array', 'invalid', 'SELECT c.user_id, t.x\nFROM clicks AS c\nCROSS JOIN UNNEST(c.url) AS t (x);'],
  ['unnest-array', 'valid', 'SELECT c.user_id, t.tag\nFROM clicks AS c\nCROSS JOIN UNNEST(c.tags) AS t (tag);'],
  ['decimal-vs-string-literal', 'valid', "SELECT user_id FROM clicks WHERE amount > 'high';"],
  ['boolean-if-decimal', 'invalid', 'SELECT IF(amount, 1, 0) FROM clicks;'],
  ['boolean-if', 'valid', 'SELECT IF(amount > 10, 1, 0) FROM clicks;'],
  ['case-when-string', 'invalid', "SELECT CASE WHEN url THEN 'a' ELSE 'b' END FROM clicks;"],
  ['case-when-boolean', 'valid', "SELECT CASE WHEN url = '/' THEN 'home' ELSE 'other' END FROM clicks;"],
  ['index-string', 'invalid', 'SELECT url[1] FROM clicks;'],
  ['index-array', 'valid', 'SELECT tags[1] FROM clicks;'],
  ['where-not-boolean', 'invalid', 'SELECT user_id FROM clicks WHERE amount;'],
  ['where-boolean', 'valid', 'SELECT user_id FROM clicks WHERE amount IS NOT NULL;'],
  ['wrong-arity', 'invalid', "SELECT REGEXP_REPLACE(url, 'http:') FROM clicks;"],
  ['right-arity', 'valid', "SELECT REGEXP_REPLACE(url, 'http:', 'https:') FROM clicks;"],
  ['date-format', 'valid', "SELECT DATE_FORMAT(ts, 'yyyy-MM-dd') FROM clicks;"],
  ['json-value', 'valid', "SELECT JSON_VALUE(url, '$.a') FROM clicks;"],
  ['cast-string-to-bigint', 'valid', 'SELECT CAST(url AS BIGINT) FROM clicks;'],
  ['cast-array-to-bigint', 'invalid', 'SELECT CAST(tags AS BIGINT) FROM clicks;'],
  ['bigint-plus-string', 'invalid', 'SELECT user_id + url FROM clicks;'],
  ['bigint-plus-decimal', 'valid', 'SELECT user_id + amount FROM clicks;'],
  ['nested-aggregate', 'invalid', 'SELECT SUM(COUNT(*)) FROM clicks GROUP BY user_id;'],
  ['distinct-aggregate', 'valid', 'SELECT COUNT(DISTINCT url) FROM clicks;'],
  ['star-with-group', 'invalid', 'SELECT * FROM clicks GROUP BY user_id;'],
  ['coalesce-mixed', 'invalid', 'SELECT COALESCE(user_id, url) FROM clicks;'],
  ['coalesce-strings', 'valid', "SELECT COALESCE(name, url, 'n/a') FROM clicks;"],
  ['in-list-types', 'valid', 'SELECT user_id FROM clicks WHERE user_id IN (1, 2, 3);'],
  ['like-on-number', 'invalid', "SELECT user_id FROM clicks WHERE amount LIKE '1%';"],
  ['like-on-string', 'valid', "SELECT user_id FROM clicks WHERE url LIKE '/cart%';"],
];
for (const [id, intent, sql] of typeCases) add(`types/${id}`, 'types', intent, [T.clicks, sql]);
add('types/ambiguous-column', 'types', 'invalid', [T.clicks, T.orders, 'SELECT amount\nFROM clicks AS c\nJOIN orders AS o ON c.user_id = o.customer_id;']);
add('types/qualified-column', 'types', 'valid', [T.clicks, T.orders, 'SELECT c.amount, o.amount\nFROM clicks AS c\nJOIN orders AS o ON c.user_id = o.customer_id;']);
add('types/join-condition-types', 'types', 'invalid', [T.clicks, T.orders, 'SELECT c.url\nFROM clicks AS c\nJOIN orders AS o ON c.user_id = o.order_time;']);
for (const [id, intent, sql] of typeCases.filter(([, intent]) => intent === 'invalid').slice(0, 12)) {
  // The same faults in an INSERT into a sink, the shape drafts have.
  const select = sql.replace(/;$/, '');
  add(`types/${id}-in-insert`, 'types', intent, [T.clicks, sink('print', 'debug_out', ['v STRING'], []), `INSERT INTO debug_out\nSELECT CAST(x AS STRING) FROM (\n${select}\n) AS q (x);`], `own mutation of types/${id}`);
}

// ---- table definitions -----------------------------------------------------------------------------------------

const ev = (columns: string, extra = '') => `CREATE TABLE events (\n${columns}\n) ${extra}WITH (\n  'connector' = 'kafka',\n  'topic' = 'events',\n  ${BROKERS},\n  ${GROUP},\n  'format' = 'json'\n);`;
const fsEv = (columns: string, partition: string) => `CREATE TABLE events (\n${columns}\n) PARTITIONED BY (${partition}) WITH (\n  'connector' = 'filesystem',\n  'path' = 'file:///tmp/studio/events',\n  'format' = 'json'\n);`;
const tableCases: [string, 'valid' | 'invalid', string[]][] = [
  ['pk-missing-column', 'invalid', [ev('  id BIGINT,\n  name STRING,\n  PRIMARY KEY (event_id) NOT ENFORCED'), 'SELECT id FROM events;']],
  ['pk-column', 'valid', [sink('upsert-kafka', 'events', ['id BIGINT', 'name STRING'], ['id']), 'SELECT id FROM events;']],
  ['watermark-missing-column', 'invalid', [ev("  id BIGINT,\n  ts TIMESTAMP(3),\n  WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND"), 'SELECT id FROM events;']],
  ['watermark-column', 'valid', [ev("  id BIGINT,\n  ts TIMESTAMP(3),\n  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND"), 'SELECT id FROM events;']],
  ['watermark-expression-missing-column', 'invalid', [ev("  id BIGINT,\n  ts TIMESTAMP(3),\n  WATERMARK FOR ts AS event_time - INTERVAL '5' SECOND"), 'SELECT id FROM events;']],
  ['partitioned-missing-column', 'invalid', [fsEv('  id BIGINT,\n  dt STRING', 'event_day'), 'SELECT id FROM events;']],
  ['partitioned-column', 'valid', [fsEv('  id BIGINT,\n  dt STRING', 'dt'), 'SELECT id FROM events;']],
  ['computed-missing-column', 'invalid', [ev('  price DECIMAL(10, 2),\n  total AS price * quantity'), 'SELECT total FROM events;']],
  ['computed-column', 'valid', [ev('  price DECIMAL(10, 2),\n  quantity INT,\n  total AS price * quantity'), 'SELECT total FROM events;']],
  ['computed-unknown-function', 'invalid', [ev('  price DECIMAL(10, 2),\n  total AS NO_SUCH_FN(price)'), 'SELECT total FROM events;']],
  ['duplicate-column', 'invalid', [ev('  id BIGINT,\n  name STRING,\n  id STRING'), 'SELECT name FROM events;']],
  ['duplicate-column-case', 'valid', [ev('  id BIGINT,\n  name STRING,\n  Name STRING'), 'SELECT name, Name FROM events;']],
  ['like-unknown-table', 'invalid', [`CREATE TABLE events_copy WITH (\n  'topic' = 'events_copy'\n) LIKE events_base;`, 'SELECT * FROM events_copy;']],
  ['like-table', 'valid', [ev('  id BIGINT,\n  name STRING'), `CREATE TABLE events_copy WITH (\n  'topic' = 'events_copy'\n) LIKE events;`, 'SELECT * FROM events_copy;'], ],
  ['like-excluding-options', 'valid', [ev('  id BIGINT,\n  name STRING'), `CREATE TABLE events_print WITH (\n  'connector' = 'print'\n) LIKE events (EXCLUDING OPTIONS);`, 'INSERT INTO events_print SELECT * FROM events;']],
  ['unknown-metadata-key', 'invalid', [ev("  id BIGINT,\n  kafka_ts TIMESTAMP_LTZ(3) METADATA FROM 'kafka_timestamp'"), 'SELECT id, kafka_ts FROM events;']],
  ['metadata-key', 'valid', [ev("  id BIGINT,\n  kafka_ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp'"), 'SELECT id, kafka_ts FROM events;'], ],
  ['metadata-virtual-offset', 'valid', [ev('  id BIGINT,\n  `offset` BIGINT METADATA VIRTUAL'), 'SELECT id, `offset` FROM events;']],
  ['metadata-wrong-type', 'invalid', [ev("  id BIGINT,\n  kafka_ts STRING METADATA FROM 'timestamp'"), 'SELECT id, kafka_ts FROM events;']],
  ['metadata-offset-written', 'invalid', [T.clicks, ev('  user_id BIGINT,\n  `offset` BIGINT METADATA'), 'INSERT INTO events\nSELECT user_id, 0 FROM clicks;']],
  ['metadata-offset-virtual-written', 'valid', [T.clicks, ev('  user_id BIGINT,\n  `offset` BIGINT METADATA VIRTUAL'), 'INSERT INTO events\nSELECT user_id FROM clicks;']],
  ['datagen-as-sink', 'invalid', [T.clicks, "CREATE TABLE gen_out (\n  user_id BIGINT,\n  url STRING\n) WITH (\n  'connector' = 'datagen'\n);", 'INSERT INTO gen_out\nSELECT user_id, url FROM clicks;']],
  ['print-as-source', 'invalid', ["CREATE TABLE debug_in (\n  user_id BIGINT,\n  url STRING\n) WITH (\n  'connector' = 'print'\n);", 'SELECT user_id, url FROM debug_in;']],
  ['blackhole-as-source', 'invalid', ["CREATE TABLE sink_in (\n  user_id BIGINT\n) WITH (\n  'connector' = 'blackhole'\n);", 'SELECT user_id FROM sink_in;']],
  ['print-as-sink', 'valid', [T.clicks, "CREATE TABLE debug_out (\n  user_id BIGINT,\n  url STRING\n) WITH (\n  'connector' = 'print'\n);", 'INSERT INTO debug_out\nSELECT user_id, url FROM clicks;'], ],
  ['filesystem-both-ways', 'valid', [T.clicksCsv, sink('filesystem', 'clicks_copy', ['user_id BIGINT', 'url STRING'], []), 'INSERT INTO clicks_copy\nSELECT user_id, url FROM clicks;']],
  ['datagen-as-source', 'valid', [T.clicksGen, 'SELECT user_id, url FROM clicks;']],
  ['pk-enforced', 'invalid', [ev('  id BIGINT,\n  name STRING,\n  PRIMARY KEY (id)'), 'SELECT id FROM events;']],
  ['view-unknown-column', 'invalid', [T.clicks, 'CREATE VIEW v AS\nSELECT user_id, referrer FROM clicks;', 'SELECT * FROM v;']],
  ['view', 'valid', [T.clicks, 'CREATE VIEW v AS\nSELECT user_id, url FROM clicks;', 'SELECT * FROM v;']],
];
for (const [id, intent, statements] of tableCases) add(`tables/${id}`, 'tables', intent, statements, id.startsWith('like') ? `${DOCS}sql/reference/ddl/create.md (LIKE, adapted)` : OWN);

// ---- names -----------------------------------------------------------------------------------------------------

const nameSink = sink('kafka', 'clicks_out', ['user_id BIGINT', 'url STRING', 'amount DECIMAL(10, 2)'], []);
const nameCases: [string, 'valid' | 'invalid', string[]][] = [
  ['unknown-column', 'invalid', [T.clicks, 'SELECT user_id, referrer FROM clicks;']],
  ['wrong-case-column', 'invalid', [T.clicks, 'SELECT User_Id, url FROM clicks;']],
  ['right-case-column', 'valid', [T.clicks, 'SELECT user_id, url FROM clicks;']],
  ['wrong-case-table', 'invalid', [T.clicks, 'SELECT user_id FROM Clicks;']],
  ['unknown-table', 'invalid', [T.clicks, 'SELECT user_id FROM click;']],
  ['unknown-sink', 'invalid', [T.clicks, nameSink, 'INSERT INTO click_out\nSELECT user_id, url, amount FROM clicks;']],
  ['insert', 'valid', [T.clicks, nameSink, 'INSERT INTO clicks_out\nSELECT user_id, url, amount FROM clicks;']],
  ['insert-too-few-columns', 'invalid', [T.clicks, nameSink, 'INSERT INTO clicks_out\nSELECT user_id, url FROM clicks;']],
  ['insert-too-many-columns', 'invalid', [T.clicks, nameSink, 'INSERT INTO clicks_out\nSELECT user_id, url, amount, name FROM clicks;']],
  ['insert-column-list', 'valid', [T.clicks, nameSink, 'INSERT INTO clicks_out (user_id, url)\nSELECT user_id, url FROM clicks;']],
  ['insert-column-list-unknown', 'invalid', [T.clicks, nameSink, 'INSERT INTO clicks_out (user_id, referrer)\nSELECT user_id, url FROM clicks;']],
  ['insert-column-list-count', 'invalid', [T.clicks, nameSink, 'INSERT INTO clicks_out (user_id, url)\nSELECT user_id, url, amount FROM clicks;']],
  ['insert-type-mismatch', 'invalid', [T.clicks, nameSink, 'INSERT INTO clicks_out\nSELECT url, user_id, amount FROM clicks;']],
  ['insert-array-into-string', 'invalid', [T.clicks, nameSink, 'INSERT INTO clicks_out\nSELECT user_id, tags, amount FROM clicks;']],
  ['insert-implicit-widening', 'valid', [T.clicks, nameSink, 'INSERT INTO clicks_out\nSELECT CAST(user_id AS INT), url, amount FROM clicks;']],
  ['insert-null-literal', 'valid', [T.clicks, nameSink, 'INSERT INTO clicks_out\nSELECT user_id, CAST(NULL AS STRING), amount FROM clicks;']],
  ['duplicate-table', 'invalid', [T.clicks, T.clicks, 'SELECT user_id FROM clicks;']],
  ['duplicate-table-if-not-exists', 'valid', [T.clicks, T.clicks.replace('CREATE TABLE', 'CREATE TABLE IF NOT EXISTS'), 'SELECT user_id FROM clicks;']],
  ['duplicate-view', 'invalid', [T.clicks, 'CREATE VIEW v AS SELECT user_id FROM clicks;', 'CREATE VIEW v AS SELECT url FROM clicks;', 'SELECT * FROM v;']],
  ['temporary-over-permanent', 'valid', [T.clicks, T.clicks.replace('CREATE TABLE', 'CREATE TEMPORARY TABLE'), 'SELECT user_id FROM clicks;']],
  ['qualified-wrong-alias', 'invalid', [T.clicks, 'SELECT x.url FROM clicks AS c;']],
  ['qualified-alias', 'valid', [T.clicks, 'SELECT c.url FROM clicks AS c;']],
  ['table-name-after-alias', 'invalid', [T.clicks, 'SELECT clicks.url FROM clicks AS c;']],
  ['backticked-reserved', 'valid', [ev('  `user` STRING,\n  `value` BIGINT'), 'SELECT `user`, `value` FROM events;']],
  ['drop-then-use', 'invalid', [T.clicks, 'DROP TABLE clicks;', 'SELECT user_id FROM clicks;']],
  ['drop-if-exists-unknown', 'valid', [T.clicks, 'DROP TABLE IF EXISTS clicks_old;', 'SELECT user_id FROM clicks;']],
  ['fully-qualified', 'valid', [T.clicks, 'SELECT user_id FROM default_catalog.default_database.clicks;']],
  ['unknown-database', 'invalid', [T.clicks, 'SELECT user_id FROM default_catalog.analytics.clicks;']],
  ['alias-in-where', 'invalid', [T.clicks, 'SELECT user_id AS uid FROM clicks WHERE uid > 10;']],
  ['alias-in-group-by', 'valid', [T.clicks, 'SELECT user_id AS uid, COUNT(*) FROM clicks GROUP BY user_id;']],
];
for (const [id, intent, statements] of nameCases) add(`names/${id}`, 'names', intent, statements);

// ---- upsert sinks ----------------------------------------------------------------------------------------------

const upsertSink = (kind: SinkKind, key: string[]) => sink(kind, 'user_stats', ['user_id BIGINT', 'url STRING', 'cnt BIGINT'], key);
for (const kind of ['upsert-kafka', 'jdbc'] as SinkKind[]) {
  add(`upsert/${kind}-key-matches`, 'upsert', 'valid', [T.clicks, upsertSink(kind, ['user_id', 'url']), 'INSERT INTO user_stats\nSELECT user_id, url, COUNT(*)\nFROM clicks\nGROUP BY user_id, url;']);
  add(`upsert/${kind}-key-differs`, 'upsert', 'invalid', [T.clicks, upsertSink(kind, ['user_id']), 'INSERT INTO user_stats\nSELECT user_id, url, COUNT(*)\nFROM clicks\nGROUP BY user_id, url;']);
  add(`upsert/${kind}-key-differs-on-conflict-nothing`, 'upsert', 'valid', [T.clicks, upsertSink(kind, ['user_id']), 'INSERT INTO user_stats\nSELECT user_id, url, COUNT(*)\nFROM clicks\nGROUP BY user_id, url\nON CONFLICT DO NOTHING;'], `${DOCS}sql/reference/dml/insert.md:362 (adapted)`);
  add(`upsert/${kind}-key-differs-on-conflict-dedup`, 'upsert', 'valid', [T.clicks, upsertSink(kind, ['user_id']), 'INSERT INTO user_stats\nSELECT user_id, url, COUNT(*)\nFROM clicks\nGROUP BY user_id, url\nON CONFLICT DO DEDUPLICATE;'], `${DOCS}sql/reference/dml/insert.md:377 (adapted)`);
  add(`upsert/${kind}-join-no-key`, 'upsert', 'invalid', [T.orders, T.customersGen, sink(kind, 'order_names', ['order_id BIGINT', 'name STRING'], ['name']), 'INSERT INTO order_names\nSELECT o.order_id, c.name\nFROM orders AS o\nJOIN customers AS c ON o.customer_id = c.id;'], `${DOCS}sql/reference/dml/insert.md:349 (adapted)`);
  add(`upsert/${kind}-append-input`, 'upsert', 'valid', [T.clicks, upsertSink(kind, ['user_id']), 'INSERT INTO user_stats\nSELECT user_id, url, CAST(1 AS BIGINT)\nFROM clicks;']);
  add(`upsert/${kind}-from-cdc`, 'upsert', 'valid', [T.cdcUsers, sink(kind, 'users_out', ['user_id BIGINT', 'name STRING'], ['user_id']), 'INSERT INTO users_out\nSELECT user_id, name FROM users_cdc;']);
}
add('upsert/append-input-on-conflict-dedup', 'upsert', 'valid', [T.clicks, upsertSink('upsert-kafka', ['user_id']), 'INSERT INTO user_stats\nSELECT user_id, url, CAST(1 AS BIGINT)\nFROM clicks\nON CONFLICT DO DEDUPLICATE;'], 'own mutation of upsert/upsert-kafka-append-input');
add('upsert/append-input-on-conflict-error', 'upsert', 'valid', [T.clicks, upsertSink('jdbc', ['user_id']), 'INSERT INTO user_stats\nSELECT user_id, url, CAST(1 AS BIGINT)\nFROM clicks\nON CONFLICT DO ERROR;'], `${DOCS}sql/reference/dml/insert.md:349 (adapted)`);
add('upsert/jdbc-no-pk-updates', 'upsert', 'invalid', [T.clicks, sink('jdbc-nopk', 'user_counts', AGG_COLUMNS, []), 'INSERT INTO user_counts\nSELECT user_id, COUNT(*)\nFROM clicks\nGROUP BY user_id;']);
add('upsert/jdbc-no-pk-appends', 'upsert', 'valid', [T.clicks, sink('jdbc-nopk', 'click_log', ['user_id BIGINT', 'url STRING'], []), 'INSERT INTO click_log\nSELECT user_id, url FROM clicks;']);
add('upsert/jdbc-no-pk-cdc', 'upsert', 'invalid', [T.cdcUsers, sink('jdbc-nopk', 'users_out', ['user_id BIGINT', 'name STRING'], []), 'INSERT INTO users_out\nSELECT user_id, name FROM users_cdc;']);
add('upsert/upsert-kafka-no-pk', 'upsert', 'invalid', [T.clicks, "CREATE TABLE user_counts (\n  user_id BIGINT,\n  cnt BIGINT\n) WITH (\n  'connector' = 'upsert-kafka',\n  'topic' = 'user_counts',\n  " + BROKERS + ",\n  'key.format' = 'json',\n  'value.format' = 'json'\n);", 'INSERT INTO user_counts\nSELECT user_id, COUNT(*) FROM clicks GROUP BY user_id;']);
add('upsert/window-into-upsert', 'upsert', 'valid', [T.clicks, sink('upsert-kafka', 'window_counts', WINDOW_COLUMNS, ['window_start', 'window_end', 'user_id']), "INSERT INTO window_counts\nSELECT window_start, window_end, user_id, COUNT(*)\nFROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))\nGROUP BY window_start, window_end, user_id;"]);

// ---- options ---------------------------------------------------------------------------------------------------

const bare = (name: string, options: string[]) => `CREATE TABLE ${name} (\n${CLICK_COLUMNS}${WM}\n) WITH (\n  ${options.join(',\n  ')}\n);`;
const kafkaOpts = [`'connector' = 'kafka'`, `'topic' = 'clicks'`, BROKERS, GROUP, `'format' = 'json'`];
const without = (opt: string) => kafkaOpts.filter((o) => !o.startsWith(`'${opt}'`));
const printSink = sink('print', 'debug_out', ['user_id BIGINT', 'url STRING'], []);
const readClicks = (hint = '') => `INSERT INTO debug_out\nSELECT user_id, url FROM clicks${hint};`;
for (const opt of ['topic', 'properties.bootstrap.servers', 'format']) {
  const value = opt === 'topic' ? 'clicks' : opt === 'format' ? 'json' : 'localhost:9092';
  add(`options/kafka-missing-${slug(opt)}`, 'options', 'invalid', [bare('clicks', without(opt)), printSink, readClicks()]);
  add(`options/kafka-${slug(opt)}-in-hint`, 'options', 'valid', [bare('clicks', without(opt)), printSink, readClicks(` /*+ OPTIONS('${opt}' = '${value}') */`)], `${DOCS}sql/reference/queries/hints.md (dynamic table options, adapted)`);
  add(`options/kafka-${slug(opt)}-by-alter`, 'options', 'valid', [bare('clicks', without(opt)), `ALTER TABLE clicks SET ('${opt}' = '${value}');`, printSink, readClicks()], `${DOCS}sql/reference/ddl/alter.md (ALTER TABLE SET, adapted)`);
  add(`options/kafka-missing-${slug(opt)}-unused`, 'options', 'valid', [bare('clicks', without(opt)), `CREATE TABLE other (id BIGINT) WITH ('connector' = 'datagen');`, 'SELECT id FROM other;']);
}
add('options/kafka-no-group-id', 'options', 'invalid', [bare('clicks', without('properties.group.id')), printSink, readClicks()]);
add('options/kafka-no-group-id-earliest', 'options', 'valid', [bare('clicks', [...without('properties.group.id'), `'scan.startup.mode' = 'earliest-offset'`]), printSink, readClicks()], `${DOCS}connectors/table/kafka.md (adapted)`);
add('options/kafka-no-group-id-latest-in-hint', 'options', 'valid', [bare('clicks', without('properties.group.id')), printSink, readClicks(` /*+ OPTIONS('scan.startup.mode' = 'latest-offset') */`)]);
add('options/kafka-group-id-in-hint', 'options', 'valid', [bare('clicks', without('properties.group.id')), printSink, readClicks(` /*+ OPTIONS('properties.group.id' = 'studio') */`)]);
add('options/kafka-unknown-option', 'options', 'invalid', [bare('clicks', [...kafkaOpts, `'scan.startup.mod' = 'earliest-offset'`]), printSink, readClicks()]);
add('options/kafka-unknown-option-in-hint', 'options', 'invalid', [bare('clicks', kafkaOpts), printSink, readClicks(` /*+ OPTIONS('scan.startup.mod' = 'earliest-offset') */`)]);
add('options/kafka-option-in-hint', 'options', 'valid', [bare('clicks', kafkaOpts), printSink, readClicks(` /*+ OPTIONS('scan.startup.mode' = 'earliest-offset') */`)], `${DOCS}sql/reference/queries/hints.md (adapted)`);
add('options/kafka-bad-enum', 'options', 'invalid', [bare('clicks', [...kafkaOpts, `'scan.startup.mode' = 'earliest'`]), printSink, readClicks()]);
add('options/kafka-bad-enum-in-hint', 'options', 'invalid', [bare('clicks', kafkaOpts), printSink, readClicks(` /*+ OPTIONS('scan.startup.mode' = 'earliest') */`)]);
add('options/kafka-timestamp-mode-without-millis', 'options', 'invalid', [bare('clicks', [...kafkaOpts, `'scan.startup.mode' = 'timestamp'`]), printSink, readClicks()]);
add('options/kafka-timestamp-mode', 'options', 'valid', [bare('clicks', [...kafkaOpts, `'scan.startup.mode' = 'timestamp'`, `'scan.startup.timestamp-millis' = '1700000000000'`]), printSink, readClicks()]);
add('options/unknown-connector', 'options', 'invalid', [bare('clicks', [`'connector' = 'kafkaa'`, `'topic' = 'clicks'`, BROKERS, `'format' = 'json'`]), printSink, readClicks()]);
add('options/unknown-format', 'options', 'invalid', [bare('clicks', [`'connector' = 'kafka'`, `'topic' = 'clicks'`, BROKERS, `'format' = 'jsonn'`]), printSink, readClicks()]);
add('options/no-connector', 'options', 'invalid', [bare('clicks', [`'topic' = 'clicks'`]), printSink, readClicks()]);
add('options/connector-in-hint', 'options', 'invalid', [bare('clicks', [`'topic' = 'clicks'`, BROKERS, `'format' = 'json'`]), printSink, readClicks(` /*+ OPTIONS('connector' = 'kafka') */`)]);
add('options/json-option', 'options', 'valid', [bare('clicks', [...kafkaOpts, `'json.ignore-parse-errors' = 'true'`]), printSink, readClicks()], `${DOCS}connectors/table/formats/json.md (adapted)`);
add('options/json-option-typo', 'options', 'invalid', [bare('clicks', [...kafkaOpts, `'json.ignore-parse-error' = 'true'`]), printSink, readClicks()]);
add('options/csv-option-on-json', 'options', 'invalid', [bare('clicks', [...kafkaOpts, `'csv.field-delimiter' = ';'`]), printSink, readClicks()]);
add('options/jdbc-missing-url', 'options', 'invalid', [T.clicks, `CREATE TABLE click_log (\n  user_id BIGINT,\n  url STRING\n) WITH (\n  'connector' = 'jdbc',\n  'table-name' = 'click_log'\n);`, 'INSERT INTO click_log\nSELECT user_id, url FROM clicks;']);
add('options/jdbc-url-in-hint', 'options', 'valid', [T.clicks, `CREATE TABLE click_log (\n  user_id BIGINT,\n  url STRING\n) WITH (\n  'connector' = 'jdbc',\n  'table-name' = 'click_log'\n);`, "INSERT INTO click_log /*+ OPTIONS('url' = 'jdbc:postgresql://localhost:5432/shop') */\nSELECT user_id, url FROM clicks;"]);
add('options/filesystem-missing-path', 'options', 'invalid', [T.clicks, `CREATE TABLE click_files (\n  user_id BIGINT,\n  url STRING\n) WITH (\n  'connector' = 'filesystem',\n  'format' = 'csv'\n);`, 'INSERT INTO click_files\nSELECT user_id, url FROM clicks;']);
add('options/filesystem-path-by-alter', 'options', 'valid', [T.clicks, `CREATE TABLE click_files (\n  user_id BIGINT,\n  url STRING\n) WITH (\n  'connector' = 'filesystem',\n  'format' = 'csv'\n);`, "ALTER TABLE click_files SET ('path' = 'file:///tmp/studio/click_files');", 'INSERT INTO click_files\nSELECT user_id, url FROM clicks;']);
add('options/upsert-kafka-missing-key-format', 'options', 'invalid', [T.clicks, `CREATE TABLE user_counts (\n  user_id BIGINT,\n  cnt BIGINT,\n  PRIMARY KEY (user_id) NOT ENFORCED\n) WITH (\n  'connector' = 'upsert-kafka',\n  'topic' = 'user_counts',\n  ${BROKERS},\n  'value.format' = 'json'\n);`, 'INSERT INTO user_counts\nSELECT user_id, COUNT(*) FROM clicks GROUP BY user_id;']);
add('options/datagen-bad-field-option', 'options', 'invalid', [`CREATE TABLE gen (\n  id BIGINT\n) WITH (\n  'connector' = 'datagen',\n  'fields.uid.kind' = 'sequence'\n);`, 'SELECT id FROM gen;']);
add('options/datagen-sequence', 'options', 'valid', [`CREATE TABLE gen (\n  id BIGINT\n) WITH (\n  'connector' = 'datagen',\n  'fields.id.kind' = 'sequence',\n  'fields.id.start' = '1',\n  'fields.id.end' = '1000'\n);`, 'SELECT id FROM gen;'], `${DOCS}connectors/table/datagen.md (adapted)`);
add('options/set-then-query', 'options', 'valid', ["SET 'table.exec.state.ttl' = '1 h';", T.clicks, 'SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id;']);
const protobufTable = (extra: string[]) => `CREATE TABLE simple_test (\n  uid BIGINT,\n  name STRING,\n  category_type INT,\n  content BINARY,\n  price DOUBLE\n) WITH (\n  'connector' = 'kafka',\n  'topic' = 'user_behavior',\n  ${BROKERS},\n  'properties.group.id' = 'testGroup',\n  'format' = 'protobuf'${extra.map((e) => `,\n  ${e}`).join('')}\n);`;
add('options/protobuf-docs-example', 'options', 'valid', [protobufTable([`'protobuf.message-class-name' = 'com.example.SimpleTest'`, `'protobuf.ignore-parse-errors' = 'true'`]), sink('print', 'debug_out', ['uid BIGINT', 'name STRING'], []), 'INSERT INTO debug_out\nSELECT uid, name FROM simple_test;'],
  `${DOCS}connectors/table/formats/protobuf.md:85`, { classpath: ['com.example.SimpleTest'] });
add('options/protobuf-missing-class', 'options', 'invalid', [protobufTable([]), sink('print', 'debug_out', ['uid BIGINT', 'name STRING'], []), 'INSERT INTO debug_out\nSELECT uid, name FROM simple_test;'], `own mutation of options/protobuf-docs-example`);

// ---- mutations -------------------------------------------------------------------------------------------------

// Mechanical faults of the valid drafts above: a column of the last statement renamed (unknown), or re-cased
// (Flink's names are case-sensitive). And valid look-alikes: the same draft reading Avro instead of JSON, or with its
// tables TEMPORARY. Each names the draft it came from.
const bases = drafts.filter((d) => d.intent === 'valid' && !d.classpath);
let mutated = 0;
for (const d of bases) {
  if (mutated >= 40) break;
  const statements = d.sql.trimEnd().split(/;\n\n/);
  const last = statements[statements.length - 1];
  const m = /\b(user_id|url|amount|order_id|currency|name)\b/.exec(last.replace(/'[^']*'/g, (s) => ' '.repeat(s.length)));
  if (!m || !/^(INSERT|SELECT)/.test(last)) continue;
  const head = statements.slice(0, -1).join(';\n\n') + ';\n\n';
  const col = m[1];
  const at = m.index;
  const unknown = last.slice(0, at) + `${col}_x` + last.slice(at + col.length);
  const recased = last.slice(0, at) + col.toUpperCase() + last.slice(at + col.length);
  add(`names/mut-unknown-${d.id.replace('/', '-')}`, 'names', 'invalid', [head + unknown], `own mutation of ${d.id}`);
  if (mutated % 2 === 0) add(`names/mut-case-${d.id.replace('/', '-')}`, 'names', 'invalid', [head + recased], `own mutation of ${d.id}`);
  mutated++;
}
for (const d of bases) {
  if (d.sql.includes(T.clicks) && !d.id.includes('-into-filesystem') && !d.id.includes('-into-blackhole')) {
    add(`${d.category}/mut-avro-${d.id.split('/')[1]}`, d.category, 'valid', [d.sql.replace(T.clicks, T.clicksAvro).trimEnd()], `own mutation of ${d.id}`);
  } else if (d.sql.includes(T.orders)) {
    add(`${d.category}/mut-temporary-${d.id.split('/')[1]}`, d.category, 'valid', [d.sql.replace(/CREATE TABLE/g, 'CREATE TEMPORARY TABLE').trimEnd()], `own mutation of ${d.id}`);
  }
}

const out = path.join(__dirname, '..', 'test', 'fixtures', 'semantic', 'drafts.jsonl');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, drafts.map((d) => JSON.stringify(d)).join('\n') + '\n');
const counts: Record<string, [number, number]> = {};
for (const d of drafts) (counts[d.category] ??= [0, 0])[d.intent === 'invalid' ? 0 : 1]++;
console.log(`semantic-corpus: ${drafts.length} drafts → ${path.relative(process.cwd(), out)}`);
for (const [c, [bad, good]] of Object.entries(counts)) console.log(`  ${c.padEnd(10)} intended faults ${bad}, valid ${good}`);
