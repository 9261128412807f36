// Our connector and draft diagnostics against the real planner: for each kind of problem Flink also finds, a draft
// where our diagnostic (source flink-sql, its code) and Validate's (source flink) land on the same line; and valid
// drafts of every connector where neither says anything. Where the two disagreed, Flink was taken as right (see the
// commit that added this file). kafka and jdbc come in through ADD JAR of the jars the project provisions
// (provisionConnectors.ts), so the shared cluster stays the plain one.
import { strict as assert } from 'node:assert';
import type { Diagnostic } from 'vscode-languageserver-types';
import { installConnectors, requireConnectorJars } from '../../server/src/flink/provisionConnectors';
import { validate } from '../../server/src/flink/validate';
import { sharedCluster } from './cluster';
import { envResolver } from '../../server/src/secrets/secretRefs';

// The jdbc draft's password is a reference (a literal one is a warning of its own): resolved when sent, as in use.
const target = () => ({ gatewayUrl: sharedCluster().gatewayUrl, restUrl: sharedCluster().restUrl, secrets: envResolver({ PG_PASSWORD: 'secret' }) });
const lineOf = (d: Diagnostic) => d.range.start.line + 1;

const CLICKS = `CREATE TEMPORARY TABLE clicks (
  user_id BIGINT,
  url STRING,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '10'
);
`;

interface Case {
  kind: string;
  /** Our diagnostic's code. */
  code: string;
  jars?: ('kafka' | 'jdbc')[];
  draft: string;
  /** Text on the line both diagnostics must be on (its first occurrence, after the line holding `after`). */
  at: string;
  after?: string;
}

const BAD: Case[] = [
  { kind: 'unknown connector (queried table)', code: 'unknown-connector', at: "'datagem'", draft: `CREATE TEMPORARY TABLE orders (
  id BIGINT
) WITH (
  'connector' = 'datagem'
);
SELECT id FROM orders;
` },
  { kind: 'unknown connector (unused table, probed)', code: 'unknown-connector', jars: ['kafka'], at: "'kafak'", draft: `CREATE TEMPORARY TABLE events (
  id BIGINT
) WITH (
  'connector' = 'kafak',
  'topic' = 'events',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json'
);
` },
  { kind: 'missing required option (filesystem path)', code: 'missing-option', at: 'WITH (', after: 'TABLE archive', draft: `${CLICKS}
CREATE TEMPORARY TABLE archive (
  user_id BIGINT,
  url STRING
)
WITH (
  'connector' = 'filesystem',
  'format' = 'csv'
);
INSERT INTO archive SELECT user_id, url FROM clicks;
` },
  { kind: 'missing required option (datagen sequence end)', code: 'missing-option', at: ') WITH (', draft: `CREATE TEMPORARY TABLE ids (
  id BIGINT
) WITH (
  'connector' = 'datagen',
  'fields.id.kind' = 'sequence',
  'fields.id.start' = '1'
);
SELECT id FROM ids;
` },
  { kind: 'missing required option (kafka topic)', code: 'missing-option', jars: ['kafka'], at: ') WITH (', draft: `CREATE TEMPORARY TABLE events (
  id BIGINT
) WITH (
  'connector' = 'kafka',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json'
);
SELECT id FROM events;
` },
  { kind: 'missing PRIMARY KEY (upsert-kafka)', code: 'missing-primary-key', jars: ['kafka'], at: ') WITH (', draft: `CREATE TEMPORARY TABLE totals (
  user_id BIGINT,
  clicks BIGINT
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'totals',
  'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json',
  'value.format' = 'json'
);
` },
  { kind: 'missing required option (jdbc table-name)', code: 'missing-option', jars: ['jdbc'], at: ') WITH (', draft: `CREATE TEMPORARY TABLE customers (
  id BIGINT,
  name STRING
) WITH (
  'connector' = 'jdbc',
  'url' = 'jdbc:postgresql://localhost:5432/shop'
);
SELECT id, name FROM customers;
` },
  { kind: 'unknown key (datagen)', code: 'unknown-option', at: "'number-of-row'", draft: `CREATE TEMPORARY TABLE ids (
  id BIGINT
) WITH (
  'connector' = 'datagen',
  'number-of-row' = '10'
);
SELECT id FROM ids;
` },
  { kind: 'unknown key (kafka)', code: 'unknown-option', jars: ['kafka'], at: "'scan.startup.mod'", draft: `CREATE TEMPORARY TABLE events (
  id BIGINT
) WITH (
  'connector' = 'kafka',
  'topic' = 'events',
  'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mod' = 'earliest-offset',
  'format' = 'json'
);
SELECT id FROM events;
` },
  { kind: 'unparsable value (Long)', code: 'invalid-value', at: "'10 x'", draft: `CREATE TEMPORARY TABLE ids (
  id BIGINT
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '10 x'
);
SELECT id FROM ids;
` },
  { kind: 'unparsable value (Boolean, sink-only table probed by a write)', code: 'invalid-value', at: "'yes'", draft: `CREATE TEMPORARY TABLE console (
  id BIGINT
) WITH (
  'connector' = 'print',
  'standard-error' = 'yes'
);
` },
  { kind: 'unparsable value (enum)', code: 'invalid-value', jars: ['kafka'], at: "'latest'", draft: `CREATE TEMPORARY TABLE events (
  id BIGINT
) WITH (
  'connector' = 'kafka',
  'topic' = 'events',
  'properties.bootstrap.servers' = 'localhost:9092',
  'scan.bounded.mode' = 'latest',
  'format' = 'json'
);
SELECT id FROM events;
` },
  { kind: 'INSERT column count', code: 'insert-column-count', at: 'INSERT INTO hits', draft: `${CLICKS}
CREATE TEMPORARY TABLE hits (
  user_id BIGINT
) WITH (
  'connector' = 'blackhole'
);
INSERT INTO hits
SELECT user_id, url
FROM clicks;
` },
  { kind: 'unknown column', code: 'unknown-column', at: '  uri', draft: `${CLICKS}
SELECT
  user_id,
  uri
FROM clicks;
` },
];

const GOOD: { name: string; jars?: ('kafka' | 'jdbc')[]; draft: string }[] = [
  { name: 'datagen → print', draft: `${CLICKS}
CREATE TEMPORARY TABLE console (user_id BIGINT, url STRING) WITH ('connector' = 'print', 'print-identifier' = 'clicks');
INSERT INTO console SELECT user_id, url FROM clicks WHERE url IS NOT NULL;
` },
  { name: 'datagen (sequence, bounded) → blackhole', draft: `CREATE TEMPORARY TABLE ids (
  id BIGINT,
  name STRING
) WITH (
  'connector' = 'datagen',
  'number-of-rows' = '100',
  'fields.id.kind' = 'sequence',
  'fields.id.start' = '1',
  'fields.id.end' = '100',
  'fields.name.length' = '8'
);
CREATE TEMPORARY TABLE trash (id BIGINT, name STRING) WITH ('connector' = 'blackhole');
INSERT INTO trash SELECT id, name FROM ids;
` },
  { name: 'filesystem json (partitioned) and csv', draft: `${CLICKS}
CREATE TEMPORARY TABLE clicks_json (
  user_id BIGINT,
  url STRING,
  dt STRING
) PARTITIONED BY (dt) WITH (
  'connector' = 'filesystem',
  'path' = 'file:///tmp/flink-sql-studio-it/clicks_json',
  'format' = 'json',
  'json.ignore-parse-errors' = 'true',
  'sink.rolling-policy.rollover-interval' = '1 min'
);
CREATE TEMPORARY TABLE clicks_csv (
  user_id BIGINT,
  url STRING
) WITH (
  'connector' = 'filesystem',
  'path' = 'file:///tmp/flink-sql-studio-it/clicks_csv',
  'format' = 'csv',
  'csv.field-delimiter' = ';'
);
INSERT INTO clicks_json SELECT user_id, url, DATE_FORMAT(ts, 'yyyy-MM-dd') FROM clicks;
SELECT user_id, url FROM clicks_csv;
` },
  { name: 'kafka source and sink', jars: ['kafka'], draft: `CREATE TEMPORARY TABLE orders (
  order_id BIGINT,
  amount DECIMAL(10, 2),
  ts TIMESTAMP(3) METADATA FROM 'timestamp',
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'orders',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.group.id' = 'orders-reader',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json',
  'json.fail-on-missing-field' = 'false'
);
CREATE TEMPORARY TABLE big_orders (
  order_id BIGINT,
  amount DECIMAL(10, 2)
) WITH (
  'connector' = 'kafka',
  'topic' = 'big-orders',
  'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json',
  'key.fields' = 'order_id',
  'value.format' = 'json',
  'sink.delivery-guarantee' = 'at-least-once'
);
INSERT INTO big_orders SELECT order_id, amount FROM orders WHERE amount > 100;
` },
  { name: 'upsert-kafka from an aggregation', jars: ['kafka'], draft: `${CLICKS}
CREATE TEMPORARY TABLE clicks_per_user (
  user_id BIGINT,
  clicks BIGINT,
  PRIMARY KEY (user_id) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'clicks-per-user',
  'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json',
  'value.format' = 'json'
);
INSERT INTO clicks_per_user SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id;
` },
  { name: 'jdbc source, lookup join and upsert sink', jars: ['jdbc'], draft: `${CLICKS}
CREATE TEMPORARY TABLE customers (
  id BIGINT,
  name STRING,
  PRIMARY KEY (id) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = 'jdbc:postgresql://localhost:5432/shop',
  'table-name' = 'customers',
  'username' = 'flink',
  'password' = '\${env:PG_PASSWORD}',
  'lookup.cache' = 'PARTIAL',
  'lookup.partial-cache.max-rows' = '1000',
  'lookup.partial-cache.expire-after-write' = '10 min'
);
CREATE TEMPORARY TABLE clicks_by_name (
  name STRING,
  clicks BIGINT,
  PRIMARY KEY (name) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = 'jdbc:postgresql://localhost:5432/shop',
  'table-name' = 'clicks_by_name',
  'sink.buffer-flush.interval' = '1 s'
);
INSERT INTO clicks_by_name
SELECT c.name, COUNT(*)
FROM (SELECT *, PROCTIME() AS pt FROM clicks) AS k
JOIN customers FOR SYSTEM_TIME AS OF k.pt AS c ON k.user_id = c.id
GROUP BY c.name;
SELECT id, name FROM customers;
` },
];

describe('connector diagnostics cross-checked against the real planner', function () {
  this.timeout(300_000);
  const jarLines: Record<'kafka' | 'jdbc', string> = { kafka: '', jdbc: '' };
  before(async () => {
    const version = sharedCluster().flinkVersion;
    await installConnectors({ version, names: ['kafka', 'jdbc'] });
    for (const name of ['kafka', 'jdbc'] as const) {
      jarLines[name] = (await requireConnectorJars(version, [name])).map((j) => `ADD JAR '${j}';\n`).join('');
    }
  });
  const withJars = (draft: string, jars: ('kafka' | 'jdbc')[] = []) => jars.map((j) => jarLines[j]).join('') + draft;

  describe('both find the problem, on the same line', () => {
    for (const c of BAD) {
      it(`${c.kind}: ${c.code} and Flink's error`, async () => {
        const draft = withJars(c.draft, c.jars);
        const lines = draft.split('\n');
        const from = c.after ? lines.findIndex((l) => l.includes(c.after!)) : 0;
        const line = lines.findIndex((l, i) => i >= from && l.includes(c.at)) + 1;
        assert.ok(line > 0, `'${c.at}' is in the draft`);
        const { diagnostics } = await validate(draft, target());
        const show = JSON.stringify(diagnostics.map((d) => [lineOf(d), d.source, d.code, d.message]), null, 1);
        const ours = diagnostics.filter((d) => d.source === 'flink-sql' && d.code === c.code);
        const flink = diagnostics.filter((d) => d.source === 'flink');
        assert.equal(flink.length, 1, `Flink finds it once: ${show}`);
        assert.deepEqual(ours.map(lineOf), [line], `ours (${c.code}) on line ${line}: ${show}`);
        assert.equal(lineOf(flink[0]), line, `Flink's on line ${line}: ${show}`);
      });
    }
  });

  describe('valid drafts: neither says anything', () => {
    for (const g of GOOD) {
      it(g.name, async () => {
        const r = await validate(withJars(g.draft, g.jars), target());
        assert.deepEqual(r.diagnostics.map((d) => [lineOf(d), d.source, d.code, d.message]), []);
      });
    }
  });
});
