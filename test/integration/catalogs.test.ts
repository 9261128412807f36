// Catalog listing through the SQL Gateway of the shared local Flink: what a draft creates in a session shows up.
import { strict as assert } from 'node:assert';
import { catalogTree, describeTable, listFunctions, quoteIdentifier } from '../../server/src/flink/catalogs';
import { execute } from '../../server/src/flink/execute';
import { GatewayClient, GatewaySession } from '../../server/src/flink/gatewayClient';
import { sharedCluster } from './cluster';

const DRAFT = `CREATE DATABASE IF NOT EXISTS shop;
USE shop;
CREATE TABLE orders (
  order_id BIGINT NOT NULL,
  amount DECIMAL(10, 2),
  order_time TIMESTAMP(3),
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND,
  PRIMARY KEY (order_id) NOT ENFORCED
) WITH ('connector' = 'datagen');
CREATE VIEW big_orders AS SELECT * FROM orders WHERE amount > 100;
`;

describe('catalogs (real Flink)', () => {
  let session: GatewaySession;
  before(async () => {
    const client = await GatewayClient.connect(sharedCluster().gatewayUrl);
    session = await GatewaySession.open(client);
    // The draft runs in this session (DDL only), as Execute would run it in the editor's session.
    for await (const e of execute(DRAFT, { gatewayUrl: sharedCluster().gatewayUrl }, { session })) {
      assert.notEqual(e.type, 'error', JSON.stringify(e));
    }
  });
  after(() => session.close());

  it('lists the catalog tree with the table and view the draft created', async () => {
    const tree = await catalogTree(session);
    assert.equal(tree.currentCatalog, 'default_catalog');
    assert.equal(tree.currentDatabase, 'shop');
    const catalog = tree.catalogs.find((c) => c.name === 'default_catalog');
    assert.ok(catalog?.current);
    const shop = catalog.databases.find((d) => d.name === 'shop');
    assert.deepEqual(shop, { name: 'shop', tables: ['orders'], views: ['big_orders'] });
    assert.ok(catalog.databases.some((d) => d.name === 'default_database'));
  });

  it('describes the table: types, nullability, key and watermark', async () => {
    const cols = await describeTable(session, ['default_catalog', 'shop', 'orders']);
    assert.deepEqual(cols.map((c) => [c.name, c.type, c.nullable]), [
      ['order_id', 'BIGINT', false],
      ['amount', 'DECIMAL(10, 2)', true],
      ['order_time', 'TIMESTAMP(3) *ROWTIME*', true],
    ]);
    assert.equal(cols[0].key, 'PRI(order_id)');
    assert.equal(cols[2].watermark, '`order_time` - INTERVAL \'5\' SECOND');
  });

  it('keeps sessions apart: another session does not see the draft\'s database', async () => {
    const client = await GatewayClient.connect(sharedCluster().gatewayUrl);
    const other = await GatewaySession.open(client);
    try {
      const tree = await catalogTree(other);
      assert.ok(!tree.catalogs[0].databases.some((d) => d.name === 'shop'));
    } finally {
      await other.close();
    }
  });

  it('lists built-in functions, and user functions separately', async () => {
    const all = await listFunctions(session);
    assert.ok(all.includes('upper') || all.includes('UPPER'), all.slice(0, 10).join(','));
    assert.deepEqual(await listFunctions(session, { user: true }), []);
  });

  it('quotes identifiers with back-quotes', () => {
    assert.equal(quoteIdentifier('my`table'), '`my``table`');
  });
});
